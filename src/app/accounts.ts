/**
 * Accounts: sign-up and sign-in with email and password (argon2id), sessions in the store, revocation,
 * password reset by email, rate limits on sign-in, secure cookies, and an audit log of who did what.
 * Session handling is better-auth's (its Kysely adapter on the store's own connection, SQLite or
 * PostgreSQL); this module configures it and writes the audit log. Organisations, members and the
 * platform's roles come on top of these accounts.
 */

import { hash, verify } from '@node-rs/argon2';
import { betterAuth } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import type { Kysely } from 'kysely';
import { isValidOrgnr } from '../domain/orgnr.ts';
import { accountSchemaOptions } from '../store/accounts-schema.ts';
import { writeAudit } from '../store/audit-repository.ts';
import type { Store } from '../store/database.ts';
import { organisationByOrgnr } from '../store/roles-repository.ts';

export { readAudit } from '../store/audit-repository.ts';

/** Where mail goes: SMTP in production (`mailerFromEnv`), a recording server in tests. */
export interface Mailer {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
}

export interface AccountsConfig {
  /** Signs cookies and tokens: RESTVERDI_AUTH_SECRET (at least 32 characters). */
  secret: string;
  /** The app's public address, e.g. https://restverdi.example.no (links in mail, allowed origins). */
  baseUrl: string;
  mailer: Mailer;
  /** Sign-in attempts per window and address (default 5 per 60 s). */
  signInLimit?: { window: number; max: number } | undefined;
  /** Origins besides `baseUrl` that may post to the API (a development server). */
  trustedOrigins?: string[] | undefined;
}

/** OWASP's argon2id minimum is 19 MiB, 2 passes, 1 lane; 3 passes here. Hashed on libuv's thread pool, off the event loop. */
const ARGON2 = {
  // Algorithm.Argon2id (a const enum, not importable under verbatimModuleSyntax).
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 3,
  parallelism: 1,
  outputLen: 32,
} as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword({
  hash: encoded,
  password,
}: {
  hash: string;
  password: string;
}): Promise<boolean> {
  try {
    return await verify(encoded, password);
  } catch {
    return false;
  }
}

/** The header the server sets to the client's address (overwriting any a client sent) for the rate limits. */
export const CLIENT_IP_HEADER = 'x-restverdi-client-ip';

/** What is logged, by better-auth's path: the action's name in the log. */
const AUDITED: Record<string, string> = {
  '/sign-up/email': 'account.signed_up',
  '/sign-in/email': 'account.signed_in',
  '/sign-out': 'account.signed_out',
  '/revoke-sessions': 'account.sessions_revoked',
  '/revoke-session': 'account.session_revoked',
  '/request-password-reset': 'account.reset_requested',
  '/reset-password': 'account.password_reset',
  '/change-password': 'account.password_changed',
  '/organization/create': 'organisation.created',
  '/organization/invite-member': 'organisation.member_invited',
  '/organization/accept-invitation': 'organisation.invitation_accepted',
  '/organization/remove-member': 'organisation.member_removed',
  '/organization/update-member-role': 'organisation.member_role_changed',
};

/** The reset mail, bokmål first and English under it (the reader's language is not known from a token). */
function invitationMail(
  url: string,
  organisation: string,
  inviter: string,
): { subject: string; text: string } {
  return {
    subject: `Restverdi: invitasjon til ${organisation} / invitation to ${organisation}`,
    text: [
      `${inviter} inviterer deg til å bli med i ${organisation} i Restverdi.`,
      `Logg inn eller opprett en konto med denne e-postadressen, og åpne lenken for å svare: ${url}`,
      '',
      `${inviter} invites you to join ${organisation} in Restverdi.`,
      `Sign in or create an account with this address, and open the link to answer: ${url}`,
    ].join('\n'),
  };
}

function resetMail(url: string): { subject: string; text: string } {
  return {
    subject: 'Restverdi: tilbakestill passordet / reset your password',
    text: [
      'Noen (forhåpentlig du) har bedt om å tilbakestille passordet til kontoen din i Restverdi.',
      `Åpne lenken innen én time for å velge et nytt passord: ${url}`,
      'Har du ikke bedt om dette, kan du se bort fra e-posten; passordet er uendret.',
      '',
      'Someone (hopefully you) asked to reset the password of your Restverdi account.',
      `Open the link within an hour to choose a new one: ${url}`,
      'If you did not ask for this, ignore this mail; your password is unchanged.',
    ].join('\n'),
  };
}

export type Accounts = ReturnType<typeof createAccounts>;

/** better-auth on the store, with the audit log and the mail; one per server. */
export function createAccounts(store: Store, config: AccountsConfig, now: () => Date = () => new Date()) {
  if (config.secret.length < 32)
    throw new Error('RESTVERDI_AUTH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)');
  const secure = config.baseUrl.startsWith('https://');
  const limit = config.signInLimit ?? { window: 60, max: 5 };
  const db = store.db;
  return betterAuth({
    ...accountSchemaOptions(db as unknown as Kysely<unknown>, store.dialect, {
      allowUserToCreateOrganization: true,
      creatorRole: 'owner',
      invitationExpiresIn: 7 * 24 * 3600,
      organizationHooks: {
        // An organisation is a register unit: its number must pass the check digit (mod 11).
        beforeCreateOrganization: async ({ organization }) => {
          const orgnr = String(organization.orgnr ?? '').replace(/\s/g, '');
          if (!isValidOrgnr(orgnr))
            throw new APIError('BAD_REQUEST', {
              message: `orgnr ${orgnr || '(none)'}: not an organisation number of Enhetsregisteret (nine digits, check digit mod 11)`,
              code: 'INVALID_ORGNR',
            });
          const taken = await organisationByOrgnr(db, orgnr);
          if (taken)
            throw new APIError('BAD_REQUEST', {
              message: `orgnr ${orgnr} has an organisation already (${taken.name}): ask its owner for an invitation`,
              code: 'ORGNR_TAKEN',
            });
          return { data: { ...organization, orgnr } };
        },
      },
      sendInvitationEmail: async (data) => {
        const url = `${config.baseUrl}/konto?invitasjon=${encodeURIComponent(data.id)}`;
        await config.mailer.send({
          to: data.email,
          ...invitationMail(url, data.organization.name, data.inviter.user.name || data.inviter.user.email),
        });
      },
    }),
    appName: 'Restverdi',
    baseURL: config.baseUrl,
    basePath: '/api/auth',
    secret: config.secret,
    trustedOrigins: [config.baseUrl, ...(config.trustedOrigins ?? [])],
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
      password: { hash: hashPassword, verify: verifyPassword },
      resetPasswordTokenExpiresIn: 3600,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => {
        await config.mailer.send({ to: user.email, ...resetMail(url) });
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': limit,
        '/sign-up/email': { window: 60, max: 10 },
        '/request-password-reset': { window: 60, max: 3 },
      },
    },
    advanced: {
      useSecureCookies: secure,
      cookiePrefix: 'restverdi',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        const action = AUDITED[ctx.path];
        if (!action) return;
        const returned = ctx.context.returned as { status?: number; statusCode?: number } | undefined;
        const failed = returned instanceof Error;
        const session = ctx.context.newSession ?? ctx.context.session;
        const body = (ctx.body ?? {}) as { email?: unknown; orgnr?: unknown; organizationId?: unknown };
        await writeAudit(db, now().toISOString(), {
          action: failed ? `${action}.failed` : action,
          userId: session?.user.id ?? null,
          target:
            typeof body.email === 'string'
              ? body.email.toLowerCase()
              : typeof body.orgnr === 'string'
                ? body.orgnr
                : typeof body.organizationId === 'string'
                  ? body.organizationId
                  : null,
          ip: ctx.request?.headers.get(CLIENT_IP_HEADER) ?? null,
          detail: failed ? { status: returned?.statusCode ?? returned?.status ?? null } : null,
        });
      }),
    },
  });
}

/** SMTP from SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS) and MAIL_FROM; undefined when not set. */
export async function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Mailer | undefined> {
  if (!env.SMTP_URL) return undefined;
  const nodemailer = await import('nodemailer');
  const transport = nodemailer.createTransport(env.SMTP_URL);
  const from = env.MAIL_FROM ?? 'Restverdi <noreply@localhost>';
  return {
    send: async (m) => {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}
