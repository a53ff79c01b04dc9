/**
 * Administration: POST /admin/update fetches newer statistics from their publishers and imports them
 * in one transaction (src/app/update.ts). Until the platform has accounts and roles, an administrator
 * is whoever holds the token the server was started with (RESTVERDI_ADMIN_TOKEN); without one the
 * route answers 403. The token is compared in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { updateStatistics } from '../../app/update.ts';
import { AppError } from '../../domain/errors.ts';
import { message } from '../../domain/message.ts';
import { localise } from '../../messages/catalogue.ts';
import type { Env } from '../env.ts';
import { errorResponses, langOf } from '../errors.ts';
import { answer, Opaque } from '../schemas.ts';
import type { ServerState } from '../state.ts';

export interface AdminOptions {
  /** The administrator token; administration is off without it. */
  token?: string;
  /** Where the update looks (default: data/update/sources.json and data/ssb/tables.json). */
  landbrukBaseUrl?: string;
  ssbBaseUrl?: string;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function adminRoutes(api: OpenAPIHono<Env>, state: ServerState, options: AdminOptions = {}): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/admin/update',
      tags: ['admin'],
      summary:
        'Fetch newer statistics from their publishers, show what changes, import them in one transaction',
      request: {
        headers: z.object({ authorization: z.string().optional() }),
        query: z
          .object({
            dryRun: z
              .enum(['true', 'false'])
              .default('false')
              .openapi({ description: 'true: look and compare only, write nothing' }),
          })
          .strict(),
      },
      responses: {
        200: answer(
          Opaque('UpdateAnswer', 'What was looked for, found and changed; importId when imported'),
          'Done',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { token } = options;
      if (!token)
        throw new AppError('forbidden', 'administration is not enabled (RESTVERDI_ADMIN_TOKEN)', {
          detail: message('admin_not_configured', {}),
        });
      const given = /^Bearer (.+)$/.exec(c.req.valid('header').authorization ?? '')?.[1] ?? '';
      if (!sameToken(given, token))
        throw new AppError('forbidden', 'wrong or missing administrator token', {
          detail: message('admin_token_wrong', {}),
        });
      const result = await updateStatistics(state, {
        dryRun: c.req.valid('query').dryRun === 'true',
        ...(options.landbrukBaseUrl ? { landbrukBaseUrl: options.landbrukBaseUrl } : {}),
        ...(options.ssbBaseUrl ? { ssbBaseUrl: options.ssbBaseUrl } : {}),
      });
      return c.json(localise(result, langOf(c)) as unknown as Record<string, unknown>, 200);
    },
  );
}
