/**
 * Accounts over the API on every dialect of RESTVERDI_TEST_DIALECTS: sign-up, sign-in, the session
 * cookie, sign-out and revocation, the rate limit on sign-in, a password reset whose mail goes over SMTP
 * to a local server (smtp-server) through the same mailer `restverdi serve` uses, CSRF, and the audit log.
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, testDialects } from '../../../test/helpers/stores.ts';
import { createAccounts, mailerFromEnv, readAudit } from '../../app/accounts.ts';
import { grantPlatformRole, revokePlatformRole } from '../../app/roles.ts';
import { createApp } from '../app.ts';
import { createServerState } from '../state.ts';

const BASE = 'http://restverdi.test';
const SECRET = 'a-test-secret-of-more-than-thirty-two-characters';

interface Mail {
  to: string;
  text: string;
}

/** A local SMTP server that keeps what it receives. */
async function startSmtp(): Promise<{ url: string; mails: Mail[]; stop: () => Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => {
        raw += c.toString('utf8');
      });
      stream.on('end', () => {
        const text = raw
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(testDialects())('accounts over the API on %s', (dialect) => {
  let store: TestStore;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let app: ReturnType<typeof createApp>;
  let state: Awaited<ReturnType<typeof createServerState>>;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    smtp = await startSmtp();
    const mailer = await mailerFromEnv({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Restverdi <noreply@restverdi.test>',
    });
    if (!mailer) throw new Error('no mailer');
    const accounts = createAccounts(store, {
      secret: SECRET,
      baseUrl: BASE,
      mailer,
      signInLimit: { window: 60, max: 5 },
    });
    state = await createServerState(store);
    app = createApp(state, pino({ level: 'silent' }), { accounts: () => accounts });
  }, 60_000);
  afterAll(async () => {
    await smtp?.stop();
    await store?.dispose();
  });

  // Each test comes from an address of its own (as the socket would give it), so rate limits do not carry over.
  let ip = '10.0.0.1';
  const socket = () => ({
    incoming: { socket: { remoteAddress: ip, remotePort: 40000, remoteFamily: 'IPv4' } },
  });
  const post = (path: string, body: unknown, cookie?: string, origin: string | null = BASE) =>
    app.request(
      `${BASE}/api/auth${path}`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(origin ? { Origin: origin } : {}),
          ...(cookie ? { Cookie: cookie } : {}),
        },
        body: JSON.stringify(body),
      },
      socket(),
    );
  const session = async (cookie: string) => {
    const r = await app.request(`${BASE}/api/auth/get-session`, { headers: { Cookie: cookie } }, socket());
    return (await r.json()) as { user: { email: string; id: string } } | null;
  };
  const cookieOf = (r: Response) => {
    const set = r.headers.get('set-cookie') ?? '';
    const m = /(restverdi\.session_token=[^;]+)/.exec(set);
    return m?.[1] ?? '';
  };

  it('signs up, keeps the password as argon2id, and knows the session by its cookie', async () => {
    const r = await post('/sign-up/email', {
      email: 'kari@example.no',
      password: 'et langt passord',
      name: 'Kari',
    });
    expect(r.status).toBe(200);
    const set = r.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/restverdi\.session_token=/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    const cookie = cookieOf(r);
    expect((await session(cookie))?.user.email).toBe('kari@example.no');
    const stored = await store.db
      .selectFrom('account' as never)
      .select(['password' as never])
      .execute();
    expect(String((stored[0] as unknown as { password: string }).password)).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=3,p=1\$/,
    );
    // Too short a password is refused.
    expect(
      (await post('/sign-up/email', { email: 'ola@example.no', password: 'kort', name: 'Ola' })).status,
    ).toBe(400);
  });

  it('signs out and revokes every session', async () => {
    ip = '10.0.0.2';
    const a = cookieOf(
      await post('/sign-in/email', { email: 'kari@example.no', password: 'et langt passord' }),
    );
    const b = cookieOf(
      await post('/sign-in/email', { email: 'kari@example.no', password: 'et langt passord' }),
    );
    expect(a).not.toBe(b);
    expect((await post('/sign-out', {}, a)).status).toBe(200);
    expect(await session(a)).toBeNull();
    expect((await session(b))?.user.email).toBe('kari@example.no');
    expect((await post('/revoke-sessions', {}, b)).status).toBe(200);
    expect(await session(b)).toBeNull();
  });

  it('refuses a post from another site, or from nowhere', async () => {
    ip = '10.0.0.3';
    expect(
      (
        await post(
          '/sign-in/email',
          { email: 'kari@example.no', password: 'et langt passord' },
          undefined,
          null,
        )
      ).status,
    ).toBe(403);
    const r = await post(
      '/sign-in/email',
      { email: 'kari@example.no', password: 'et langt passord' },
      undefined,
      'http://evil.example',
    );
    expect(r.status).toBe(403);
    // A form posted to the API from another site.
    const form = await app.request(`${BASE}/api/regions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://evil.example' },
      body: 'id=x',
    });
    // Refused before it reaches a route: the API takes JSON only (a form needs no CORS preflight).
    expect(form.status).toBe(415);
  });

  it('resets a forgotten password by a link sent over SMTP, ending every session', async () => {
    ip = '10.0.0.4';
    const before = cookieOf(
      await post('/sign-in/email', { email: 'kari@example.no', password: 'et langt passord' }),
    );
    const asked = await post('/request-password-reset', {
      email: 'kari@example.no',
      redirectTo: `${BASE}/nytt-passord`,
    });
    expect(asked.status).toBe(200);
    // The same answer for an address with no account (nobody can probe who has one).
    const unknown = await post('/request-password-reset', {
      email: 'ingen@example.no',
      redirectTo: `${BASE}/nytt-passord`,
    });
    expect(unknown.status).toBe(200);
    await expect.poll(() => smtp.mails.length, { timeout: 10_000 }).toBe(1);
    const mail = smtp.mails[0] as Mail;
    expect(mail.to).toBe('kari@example.no');
    expect(mail.text).toContain('tilbakestille passordet');
    expect(mail.text).toContain('reset the password');
    const token = /reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    // The link in the mail leads back to the app's page with the token (the web app's /konto?token=…).
    const link = /(http:\/\/\S+\/api\/auth\/reset-password\/\S+)/.exec(mail.text)?.[1] as string;
    const followed = await app.request(link, {}, socket());
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toBe(`${BASE}/nytt-passord?token=${token}`);
    const reset = await post('/reset-password', { token, newPassword: 'et nytt og langt passord' });
    expect(reset.status).toBe(200);
    expect(await session(before)).toBeNull();
    expect(
      (await post('/sign-in/email', { email: 'kari@example.no', password: 'et langt passord' })).status,
    ).toBe(401);
    expect(
      (await post('/sign-in/email', { email: 'kari@example.no', password: 'et nytt og langt passord' }))
        .status,
    ).toBe(200);
    // A token works once.
    expect((await post('/reset-password', { token, newPassword: 'enda et nytt passord' })).status).toBe(400);
  });

  it('limits sign-in attempts per address, then answers 429', async () => {
    ip = '10.0.0.5';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await post('/sign-in/email', { email: 'nils@example.no', password: `feil passord nr ${i}` })).status,
      );
    expect(statuses).toContain(429);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Another address is not held up.
    ip = '10.0.0.6';
    expect(
      (await post('/sign-in/email', { email: 'kari@example.no', password: 'et nytt og langt passord' }))
        .status,
    ).toBe(200);
  });

  it('writes who did what to the audit log', async () => {
    const log = await readAudit(store.db, { limit: 200 });
    const actions = log.map((e) => e.action);
    for (const a of [
      'account.signed_up',
      'account.signed_in',
      'account.signed_in.failed',
      'account.signed_out',
      'account.sessions_revoked',
      'account.reset_requested',
      'account.password_reset',
    ])
      expect(actions).toContain(a);
    const up = log.find((e) => e.action === 'account.signed_up');
    expect(up?.target).toBe('kari@example.no');
    expect(up?.userId).toBeTruthy();
    // Passwords never reach the log.
    expect(JSON.stringify(log)).not.toContain('langt passord');
  });

  const me = async (cookie?: string) =>
    (await (
      await app.request(`${BASE}/api/me`, { headers: cookie ? { Cookie: cookie } : {} }, socket())
    ).json()) as {
      user: { email: string } | null;
      roles: { role: string; region: string | null }[];
      organisations: { id: string; name: string; orgnr: string; role: string }[];
    };

  it('creates an organisation for a register unit, refusing a wrong or a taken organisation number', async () => {
    ip = '10.0.0.7';
    expect(await me()).toEqual({ user: null, roles: [], organisations: [] });
    const kari = cookieOf(
      await post('/sign-in/email', { email: 'kari@example.no', password: 'et nytt og langt passord' }),
    );
    const wrong = await post(
      '/organization/create',
      { name: 'Feil AS', slug: 'feil', orgnr: '937270063' },
      kari,
    );
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(await wrong.json())).toMatch(/937270063: not an organisation number/);
    const ok = await post(
      '/organization/create',
      { name: 'Norsk Gjenvinning AS', slug: 'norsk-gjenvinning', orgnr: '937270062' },
      kari,
    );
    expect(ok.status).toBe(200);
    const view = await me(kari);
    expect(view.user?.email).toBe('kari@example.no');
    expect(view.organisations).toEqual([
      expect.objectContaining({ name: 'Norsk Gjenvinning AS', orgnr: '937270062', role: 'owner' }),
    ]);
    const taken = await post(
      '/organization/create',
      { name: 'Kopi AS', slug: 'kopi', orgnr: '937270062' },
      kari,
    );
    expect(taken.status).toBe(400);
    expect(JSON.stringify(await taken.json())).toMatch(/has an organisation already/);
  });

  it('invites a member by mail; the invited account joins, and a stranger sees no members', async () => {
    ip = '10.0.0.8';
    const kari = cookieOf(
      await post('/sign-in/email', { email: 'kari@example.no', password: 'et nytt og langt passord' }),
    );
    const org = (await me(kari)).organisations[0] as { id: string };
    const mailsBefore = smtp.mails.length;
    const invited = await post(
      '/organization/invite-member',
      { email: 'ola@example.no', role: 'member', organizationId: org.id },
      kari,
    );
    expect(invited.status).toBe(200);
    await expect.poll(() => smtp.mails.length, { timeout: 10_000 }).toBe(mailsBefore + 1);
    const mail = smtp.mails.at(-1) as Mail;
    expect(mail.to).toBe('ola@example.no');
    expect(mail.text).toContain('Norsk Gjenvinning AS');
    const id = /konto\?invitasjon=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(id).toBeDefined();
    const ola = cookieOf(
      await post('/sign-up/email', { email: 'ola@example.no', password: 'olas lange passord', name: 'Ola' }),
    );
    const stranger = cookieOf(
      await post('/sign-up/email', { email: 'per@example.no', password: 'pers lange passord', name: 'Per' }),
    );
    // Someone else cannot take Ola's invitation.
    expect(
      (await post('/organization/accept-invitation', { invitationId: id }, stranger)).status,
    ).toBeGreaterThanOrEqual(400);
    expect((await post('/organization/accept-invitation', { invitationId: id }, ola)).status).toBe(200);
    expect((await me(ola)).organisations).toEqual([
      expect.objectContaining({ orgnr: '937270062', role: 'member' }),
    ]);
    const members = await app.request(
      `${BASE}/api/auth/organization/list-members?organizationId=${org.id}`,
      { headers: { Cookie: stranger } },
      socket(),
    );
    expect(members.status).toBeGreaterThanOrEqual(400);
    const own = await app.request(
      `${BASE}/api/auth/organization/list-members?organizationId=${org.id}`,
      { headers: { Cookie: ola } },
      socket(),
    );
    expect(own.status).toBe(200);
  });

  it('grants and revokes the platform’s roles, and refuses an unknown account or region', async () => {
    ip = '10.0.0.9';
    await grantPlatformRole(state, {
      email: 'per@example.no',
      role: 'facilitator',
      region: 'gjovik-hadeland-ringerike',
      by: 'cli',
    });
    const per = cookieOf(
      await post('/sign-in/email', { email: 'per@example.no', password: 'pers lange passord' }),
    );
    expect((await me(per)).roles).toEqual([
      expect.objectContaining({ role: 'facilitator', region: 'gjovik-hadeland-ringerike' }),
    ]);
    await expect(
      grantPlatformRole(state, { email: 'ingen@example.no', role: 'admin', by: 'cli' }),
    ).rejects.toThrow(/no account/);
    await expect(
      grantPlatformRole(state, {
        email: 'per@example.no',
        role: 'facilitator',
        region: 'atlantis',
        by: 'cli',
      }),
    ).rejects.toThrow(/atlantis/);
    await expect(
      grantPlatformRole(state, { email: 'per@example.no', role: 'facilitator', by: 'cli' }),
    ).rejects.toThrow(/give --region/);
    expect(
      await revokePlatformRole(state, {
        email: 'per@example.no',
        role: 'facilitator',
        region: 'gjovik-hadeland-ringerike',
        by: 'cli',
      }),
    ).toBe(true);
    expect((await me(per)).roles).toEqual([]);
    const log = (await readAudit(store.db, { limit: 500 })).map((e) => e.action);
    for (const a of [
      'organisation.created',
      'organisation.created.failed',
      'organisation.member_invited',
      'organisation.invitation_accepted',
      'role.granted',
      'role.revoked',
    ])
      expect(log).toContain(a);
  });

  it('lists farms one by one only for the region’s facilitator; a visitor and another region’s get counts', async () => {
    ip = '10.0.0.10';
    const holders = async (cookie?: string) =>
      (await (
        await app.request(
          `${BASE}/api/actors/holders?kind=husdyrgjodsel&region=gjovik-hadeland-ringerike`,
          { headers: cookie ? { Cookie: cookie } : {} },
          socket(),
        )
      ).json()) as { rows: { group: boolean; name: string | null }[]; privacy: { personsListed: boolean } };
    const visitor = await holders();
    expect(visitor.privacy.personsListed).toBe(false);
    expect(visitor.rows.some((r) => r.group)).toBe(true);
    await grantPlatformRole(state, {
      email: 'ola@example.no',
      role: 'facilitator',
      region: 'innlandet',
      by: 'cli',
    });
    const ola = cookieOf(
      await post('/sign-in/email', { email: 'ola@example.no', password: 'olas lange passord' }),
    );
    expect((await holders(ola)).privacy.personsListed).toBe(false);
    await grantPlatformRole(state, {
      email: 'per@example.no',
      role: 'facilitator',
      region: 'gjovik-hadeland-ringerike',
      by: 'cli',
    });
    const per = cookieOf(
      await post('/sign-in/email', { email: 'per@example.no', password: 'pers lange passord' }),
    );
    const facilitator = await holders(per);
    expect(facilitator.privacy.personsListed).toBe(true);
    expect(facilitator.rows.some((r) => r.group)).toBe(false);
    expect(facilitator.rows.length).toBeGreaterThan(visitor.rows.length);
    expect(facilitator.rows.every((r) => r.name !== null || r.group)).toBe(true);
  });

  it('documents the account routes and their cookie in the OpenAPI description', async () => {
    const doc = (await (await app.request(`${BASE}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { securitySchemes?: Record<string, { in: string }> };
    };
    expect(doc.components.securitySchemes?.session?.in).toBe('cookie');
    expect(doc.paths['/auth/sign-in/email']?.post).toBeDefined();
    expect(doc.paths['/auth/get-session']?.get?.security).toEqual([{ session: [] }]);
  });
});
