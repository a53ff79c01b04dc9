/**
 * Accounts over HTTP: better-auth's handler under /api/auth (sign-up, sign-in, sign-out, session,
 * revocation, password reset), with the client's address set for the rate limits, and the routes
 * documented in the OpenAPI description with the session cookie as their security scheme.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type Accounts, CLIENT_IP_HEADER } from '../../app/accounts.ts';
import { viewerOf } from '../../app/roles.ts';
import { message } from '../../domain/message.ts';
import type { Env } from '../env.ts';
import { errorJson, errorResponses, langOf } from '../errors.ts';
import { answer, Opaque } from '../schemas.ts';
import type { ServerState } from '../state.ts';

/** The client's address as the socket has it (never a header a client could set); "unknown" in tests. */
export function clientIp(c: Context<Env>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function refererOrigin(referer: string | null): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/**
 * Whether a state-changing request names where it comes from (Origin, else Referer) and that is the
 * app itself or an origin trusted by configuration. Without accounts there is no session to abuse.
 */
export function trustedOrigin(
  c: Context<Env>,
  auth: Accounts | undefined,
): { ok: true } | { ok: false; origin: string | null } {
  if (!auth) return { ok: true };
  const raw = c.req.raw;
  const origin = raw.headers.get('origin') ?? refererOrigin(raw.headers.get('referer'));
  const trusted = auth.options.trustedOrigins as string[];
  return origin && trusted.includes(origin) ? { ok: true } : { ok: false, origin };
}

/** Mounts /api/auth/* on the app (outside the OpenAPI router: better-auth answers every path itself). */
export function mountAccounts(app: OpenAPIHono<Env>, accounts: () => Accounts | undefined): void {
  app.on(['GET', 'POST'], '/api/auth/*', async (c) => {
    const auth = accounts();
    if (!auth) return c.json(errorJson(langOf(c), 'not_found', message('accounts_not_configured', {})), 404);
    const raw = c.req.raw;
    // Every post names where it comes from, and it must be the app itself (or an origin trusted by
    // configuration): a sign-in from another site would sign the visitor into someone else's account.
    if (raw.method === 'POST') {
      const from = trustedOrigin(c, auth);
      if (!from.ok)
        return c.json(
          errorJson(langOf(c), 'forbidden', message('origin_not_trusted', { origin: from.origin ?? '' })),
          403,
        );
    }
    const headers = new Headers(raw.headers);
    headers.set(CLIENT_IP_HEADER, clientIp(c));
    // The body may have been read by a middleware before (the UTF-8 check): hand on its bytes.
    const body = raw.method === 'GET' ? undefined : await c.req.arrayBuffer();
    return auth.handler(new Request(raw.url, { method: raw.method, headers, ...(body ? { body } : {}) }));
  });
}

const Credentials = z
  .object({
    email: z.string().email(),
    password: z.string().min(10).max(256),
  })
  .openapi('Credentials');

/** The account routes in the OpenAPI description (better-auth serves them; these document them). */
export function documentAccounts(api: OpenAPIHono<Env>): void {
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'restverdi.session_token',
    description:
      'The session cookie set by sign-in (HttpOnly, SameSite=Lax; `__Secure-` prefixed and Secure over HTTPS)',
  });
  const route = (
    method: 'get' | 'post',
    path: string,
    summary: string,
    body: z.ZodType | undefined,
    secured: boolean,
  ) =>
    api.openAPIRegistry.registerPath(
      createRoute({
        method,
        path,
        tags: ['accounts'],
        summary,
        ...(secured ? { security: [{ session: [] }] } : {}),
        ...(body ? { request: { body: { content: { 'application/json': { schema: body } } } } } : {}),
        responses: {
          200: answer(Opaque('AuthAnswer', 'better-auth’s answer (user, session or status)'), 'Done'),
          429: { description: 'Too many attempts from this address: wait and try again' },
          ...errorResponses,
        },
      }),
    );
  route(
    'post',
    '/auth/sign-up/email',
    'Create an account (email, password of 10–256 characters, name)',
    Credentials.extend({ name: z.string().min(1).max(200) }),
    false,
  );
  route(
    'post',
    '/auth/sign-in/email',
    'Sign in: sets the session cookie (5 attempts a minute per address)',
    Credentials,
    false,
  );
  route('post', '/auth/sign-out', 'Sign out: ends this session', undefined, true);
  route('get', '/auth/get-session', 'The signed-in user and session, or null', undefined, true);
  route('get', '/auth/list-sessions', 'The user’s sessions', undefined, true);
  route('post', '/auth/revoke-sessions', 'End every session of the user', undefined, true);
  route(
    'post',
    '/auth/revoke-session',
    'End one session (by its token)',
    z.object({ token: z.string() }),
    true,
  );
  route(
    'post',
    '/auth/change-password',
    'Change the password (the current one is asked for)',
    z.object({
      currentPassword: z.string(),
      newPassword: z.string().min(10).max(256),
      revokeOtherSessions: z.boolean().optional(),
    }),
    true,
  );
  route(
    'post',
    '/auth/request-password-reset',
    'Mail a reset link (valid one hour); answers the same whether the address exists or not',
    z.object({ email: z.string().email(), redirectTo: z.string().optional() }),
    false,
  );
  route(
    'post',
    '/auth/reset-password',
    'Set a new password with the token from the mail; ends every session',
    z.object({ token: z.string(), newPassword: z.string().min(10).max(256) }),
    false,
  );
  route(
    'post',
    '/auth/organization/create',
    'Create an organisation for a register unit (name, slug, orgnr with a valid check digit); the creator is its owner',
    z.object({ name: z.string().min(1), slug: z.string().min(1), orgnr: z.string().regex(/^\d{9}$/) }),
    true,
  );
  route('get', '/auth/organization/list', 'The organisations the user is a member of', undefined, true);
  route(
    'post',
    '/auth/organization/invite-member',
    'Invite someone to the organisation by email (a mail with a link; valid seven days)',
    z.object({
      email: z.string().email(),
      role: z.enum(['member', 'admin', 'owner']),
      organizationId: z.string(),
    }),
    true,
  );
  route(
    'post',
    '/auth/organization/accept-invitation',
    'Accept an invitation (the signed-in user must have the invited address)',
    z.object({ invitationId: z.string() }),
    true,
  );
  route(
    'get',
    '/auth/organization/list-members',
    'Members of an organisation (organizationId in the query)',
    undefined,
    true,
  );
}

/** GET /api/me: the viewer of the request (a visitor without a session), its roles and organisations. */
export function meRoute(
  api: OpenAPIHono<Env>,
  state: ServerState,
  accounts: () => Accounts | undefined,
): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['accounts'],
      summary:
        'Who is asking: the signed-in user (null for a visitor), the platform roles and the organisations',
      security: [{ session: [] }, {}],
      responses: {
        200: answer(
          z.object({
            user: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
            roles: z.array(
              z.object({
                userId: z.string(),
                role: z.enum(['facilitator', 'admin']),
                region: z.string().nullable(),
                grantedBy: z.string(),
                grantedAt: z.string(),
              }),
            ),
            organisations: z.array(
              z.object({ id: z.string(), name: z.string(), orgnr: z.string(), role: z.string() }),
            ),
          }),
          'The viewer',
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await viewerOf(state, accounts(), c.req.raw.headers), 200),
  );
}
