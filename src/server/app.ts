/**
 * The HTTP API: Hono with zod-openapi routes under /api, one error shape, request ids, size limits,
 * and the OpenAPI 3.1 document at /api/openapi.json rendered at /api/docs.
 */

import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import type { Accounts } from '../app/accounts.ts';
import { messageNames } from '../app/names.ts';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import type { Names } from '../messages/catalogue.ts';
import { langFromAcceptLanguage, parseLang } from '../messages/format.ts';
import { documentAccounts, meRoute, mountAccounts } from './accounts/index.ts';
import { actorRoutes } from './actors/index.ts';
import { type AdminOptions, adminRoutes } from './admin/index.ts';
import { catalogueRoutes } from './catalogue/index.ts';
import { catchmentRoutes } from './catchments/index.ts';
import { docsRoutes } from './docs.ts';
import type { Env } from './env.ts';
import { errorJson, langOf, respondError, zodIssues } from './errors.ts';
import { importRoutes } from './imports/index.ts';
import { marketRoutes } from './market/index.ts';
import { optimiseRoutes } from './optimise/index.ts';
import { parkRoutes } from './parks/index.ts';
import { pyramidRoutes } from './pyramid/index.ts';
import { residueRoutes } from './residues/index.ts';
import type { ServerState } from './state.ts';
import { webApp, webRoutes } from './web/index.ts';

/** JSON bodies are small; uploads (imports) have their own, larger limit on their route. */
export const JSON_BODY_LIMIT = 1024 * 1024;

export function newApi(): OpenAPIHono<Env> {
  return new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = zodIssues(result.target, result.error.issues);
        return respondError(
          c,
          new AppError('invalid_input', `invalid ${result.target}: ${issues.length} problem(s)`, {
            issues,
            detail: message('request_invalid', { part: result.target, problems: issues.length }),
          }),
        );
      }
    },
  });
}

/** `webDir`: the built web app (web/dist) to serve outside /api; the API alone without it. */
export function createApp(
  state: ServerState,
  logger: Logger,
  options: {
    webDir?: string;
    admin?: AdminOptions;
    /** Accounts (better-auth), once the server knows its address; /api/auth answers 404 without. */
    accounts?: () => Accounts | undefined;
  } = {},
): OpenAPIHono<Env> {
  const app = new OpenAPIHono<Env>();
  app.use('*', requestId());
  // The language of messages in answers: ?lang=nb|en, else Accept-Language, else bokmål.
  // `lang` is taken off the query here, so every route's strict query schema stays as it is.
  app.use('*', async (c, next) => {
    const asked = c.req.query('lang');
    if (asked !== undefined) {
      const lang = parseLang(asked);
      if (!lang)
        return c.json(
          // The language asked for is not one we speak: answer in the one Accept-Language names.
          errorJson(
            langFromAcceptLanguage(c.req.header('accept-language')) ?? 'nb',
            'invalid_input',
            message('invalid_choice', { name: 'lang', input: asked, allowed: ['nb', 'en'] }),
            [
              {
                path: 'query.lang',
                message: 'nb or en',
                detail: message('field_invalid_value', { values: ['nb', 'en'] }),
              },
            ],
          ),
          400,
        );
      const url = new URL(c.req.url);
      url.searchParams.delete('lang');
      const raw = c.req.raw;
      c.req.raw = new Request(url, {
        method: raw.method,
        headers: raw.headers,
        signal: raw.signal,
        ...(raw.body ? { body: raw.body, duplex: 'half' } : {}),
      } as RequestInit);
      c.set('lang', lang);
    } else {
      c.set('lang', langFromAcceptLanguage(c.req.header('accept-language')) ?? 'nb');
    }
    await next();
  });
  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - start),
      },
      'request',
    );
  });
  const jsonLimit = bodyLimit({
    maxSize: JSON_BODY_LIMIT,
    onError: (c) =>
      c.json(
        errorJson(langOf(c), 'payload_too_large', message('payload_too_large', { limit: JSON_BODY_LIMIT })),
        413,
      ),
  });
  app.use('/api/*', async (c, next) => {
    // Uploads have their own, larger limit on their route.
    if (c.req.path === '/api/imports') return next();
    return jsonLimit(c, next);
  });
  app.use('/api/*', async (c, next) => {
    if (c.req.header('content-type')?.toLowerCase().includes('json') && c.req.raw.body) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
      } catch {
        return c.json(
          errorJson(langOf(c), 'invalid_input', message('body_not_utf8', {}), [
            { path: 'body', message: 'invalid UTF-8', detail: message('body_not_utf8', {}) },
          ]),
          400,
        );
      }
    }
    await next();
  });

  // CSRF: every state change of /api takes JSON or an octet-stream upload, which a page on another site
  // can only send after a CORS preflight this API never grants; a form or a text/plain post gets 415
  // (test/hostile corpus). The session cookie is SameSite=Lax, and /api/auth checks the Origin itself.
  mountAccounts(app, options.accounts ?? (() => undefined));

  const api = newApi();
  documentAccounts(api);
  meRoute(api, state, options.accounts ?? (() => undefined));
  catalogueRoutes(api, state);
  residueRoutes(api, state);
  pyramidRoutes(api, state);
  optimiseRoutes(api, state);
  catchmentRoutes(api, state);
  actorRoutes(api, state, options.accounts ?? (() => undefined));
  marketRoutes(api, state, options.accounts ?? (() => undefined));
  parkRoutes(api, state);
  importRoutes(api, state);
  adminRoutes(api, state, options.admin);
  webRoutes(api, state);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Restverdi API',
      version: '0.1.0',
      description:
        'Residual raw materials (restråstoff) of Norwegian regions: residue estimates with sources and uncertainty, the value pyramid, scenarios and the audit of the numbers.',
    },
    servers: [{ url: '/api' }],
  });
  docsRoutes(api);
  app.route('/api', api);
  if (options.webDir) webApp(app, options.webDir);

  app.notFound((c) =>
    c.json(
      errorJson(
        langOf(c),
        'not_found',
        message('route_not_found', { method: c.req.method, path: c.req.path }),
      ),
      404,
    ),
  );
  app.onError((error, c) => handleError(error, c, logger, state));
  return app;
}

/** Kinds, technologies and municipalities by name for an error's text; ids where the data cannot be read. */
async function names(state: ServerState): Promise<Names> {
  try {
    return messageNames(await state.reference(), state.library);
  } catch {
    return {};
  }
}

async function handleError(error: Error, c: Context<Env>, logger: Logger, state: ServerState) {
  if (error instanceof AppError && error.code !== 'invalid_data')
    return respondError(c, error, await names(state));
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own 4xx: malformed JSON, wrong content type.
    return c.json(
      errorJson(langOf(c), 'invalid_input', message('request_malformed', { status: error.status })),
      error.status,
    );
  }
  const id = c.get('requestId');
  logger.error({ requestId: id, err: error }, 'unhandled error');
  return c.json(errorJson(langOf(c), 'internal', message('internal_error', { requestId: id }), [], id), 500);
}
