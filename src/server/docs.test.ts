/**
 * The OpenAPI document and its viewer through `app.request` (no port), on every dialect testDialects()
 * selects: a valid OpenAPI 3.1 document naming every served route and the error shape, /api/docs and
 * its assets; and hostile requests for them (paths that try to leave the asset folder, scripts).
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import {
  enc,
  expectError,
  type HostileCase,
  okJson,
  SCRIPT,
  useHostileApi,
  useTestApi,
} from '../../test/helpers/api.ts';
import { testDialects } from '../../test/helpers/stores.ts';

describe.each(testDialects())('the OpenAPI document and its viewer on %s', (dialect) => {
  const api = useTestApi(dialect);
  const get = api.get;

  describe('OpenAPI and docs', () => {
    it('serves a valid OpenAPI 3.1 document listing every route the app serves', async () => {
      const doc = await okJson<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
        await get('/api/openapi.json'),
      );
      const validator = new Validator();
      const result = await validator.validate(doc);
      expect(result.errors).toBeUndefined();
      expect(result.valid).toBe(true);
      expect(validator.version).toBe('3.1');
      expect(doc.openapi).toMatch(/^3\.1\./);
      const documented = Object.entries(doc.paths)
        .flatMap(([path, ops]) =>
          Object.keys(ops).map((m) => `${m.toUpperCase()} /api${path.replace(/\{(\w+)\}/g, ':$1')}`),
        )
        .sort();
      expect(documented).toEqual(
        [
          'GET /api/health',
          'GET /api/municipalities',
          'GET /api/regions',
          'POST /api/regions',
          'GET /api/regions/:id',
          'PUT /api/regions/:id',
          'DELETE /api/regions/:id',
          'GET /api/kinds',
          'GET /api/profiles',
          'GET /api/profiles/:id/coefficients',
          'GET /api/technologies',
          'GET /api/regions/:id/residues',
          'GET /api/regions/:id/residues/:kind/:municipality/trace',
          'GET /api/pyramid/:kind',
          'GET /api/scenarios',
          'GET /api/scenarios/:id',
          'PUT /api/scenarios/:id',
          'DELETE /api/scenarios/:id',
          'POST /api/scenarios/:id/run',
          'POST /api/scenarios/run',
          'GET /api/audit',
          'GET /api/audit/national',
          'POST /api/optimise',
          'GET /api/optimise/:id',
          'GET /api/catchments',
          'POST /api/catchments',
          'GET /api/geo/municipalities',
          'GET /api/regions/:id/sites',
          'GET /api/sources',
          'GET /api/actors',
          'GET /api/actors/summary',
          'GET /api/actors/:orgnr',
          'GET /api/actors/holders',
          'GET /api/actors/users',
          'GET /api/actors/compare',
          'GET /api/actors/named',
          'GET /api/actors/stream-kinds',
          'GET /api/actors/:orgnr/streams',
          'POST /api/imports',
          'GET /api/imports',
          'GET /api/imports/:id',
          'GET /api/imports/:id/log',
          'POST /api/admin/update',
          'POST /api/auth/sign-up/email',
          'POST /api/auth/sign-in/email',
          'POST /api/auth/sign-out',
          'GET /api/auth/get-session',
          'GET /api/auth/list-sessions',
          'POST /api/auth/revoke-sessions',
          'POST /api/auth/revoke-session',
          'POST /api/auth/change-password',
          'POST /api/auth/request-password-reset',
          'POST /api/auth/reset-password',
          'POST /api/auth/organization/create',
          'GET /api/auth/organization/list',
          'POST /api/auth/organization/invite-member',
          'POST /api/auth/organization/accept-invitation',
          'GET /api/auth/organization/list-members',
          'GET /api/me',
          'GET /api/market/listings',
          'POST /api/market/listings',
          'POST /api/market/listings/from-estimate',
          'POST /api/market/listings/from-estimates',
          'GET /api/market/listings/:id',
          'PATCH /api/market/listings/:id',
          'GET /api/market/listings/:id/matches',
          'POST /api/market/matches',
          'GET /api/market/matches',
          'GET /api/market/matches/:id',
          'POST /api/market/matches/:id/stages',
          'POST /api/market/matches/:id/ledger',
          'GET /api/market/ledger',
          'GET /api/market/dashboard',
          'GET /api/market/reminders',
          'GET /api/market/suggestions',
          'POST /api/parks/run',
          'GET /api/parks',
          'GET /api/parks/compare',
          'GET /api/parks/:id',
          'PUT /api/parks/:id',
        ].sort(),
      );
      // Every route the app serves, apart from the document and its viewer, is in the document; the
      // account routes are one route of the app (better-auth answers them), documented path by path.
      const auth = documented.filter((d) => d.includes(' /api/auth/'));
      const served = [
        ...auth,
        ...new Set(
          api.app.routes
            .filter(
              (r) =>
                r.method !== 'ALL' &&
                r.path !== '/api/openapi.json' &&
                !r.path.startsWith('/api/docs') &&
                r.path !== '/api/auth/*',
            )
            .map((r) => `${r.method} ${r.path}`),
        ),
      ].sort();
      expect(served).toEqual(documented);
    });

    it('documents the error shape for failures', async () => {
      const doc = await okJson<{
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, unknown> };
      }>(await get('/api/openapi.json'));
      expect(doc.components.schemas.Error).toBeDefined();
      expect(Object.keys(doc.paths['/regions']?.post?.responses ?? {}).sort()).toEqual([
        '201',
        '400',
        '404',
        '409',
      ]);
      expect(Object.keys(doc.paths['/regions/{id}/residues']?.get?.responses ?? {})).toContain('400');
    });

    it('renders /api/docs as HTML whose assets load', async () => {
      const res = await get('/api/docs');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('<div id="swagger-ui">');
      expect(html).toContain("url: 'openapi.json'");
      const assets = [...html.matchAll(/(?:src|href)="(docs\/assets\/[^"]+)"/g)].map((m) => m[1]);
      expect(assets.sort()).toEqual([
        'docs/assets/swagger-ui-bundle.js',
        'docs/assets/swagger-ui-standalone-preset.js',
        'docs/assets/swagger-ui.css',
      ]);
      for (const asset of assets) {
        const a = await get(`/api/${asset}`);
        expect(a.status, asset).toBe(200);
        expect(a.headers.get('content-type'), asset).toBe(
          asset?.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
        );
        expect((await a.arrayBuffer()).byteLength, asset).toBeGreaterThan(1000);
      }
      const bundle = await (await get('/api/docs/assets/swagger-ui-bundle.js')).text();
      expect(bundle).toContain('SwaggerUIBundle');
      await expectError(await get('/api/docs/assets/index.html'), 404, 'not_found');
    });
  });
});

const CASES: HostileCase[] = [
  // Script injection.
  {
    name: 'script as a docs asset',
    path: `/api/docs/assets/${enc(SCRIPT)}.js`,
    status: 404,
    code: 'not_found',
  },
  { name: 'script under /api/docs', path: `/api/docs/${enc(SCRIPT)}`, status: 404, code: 'not_found' },

  // Path traversal in asset names.
  {
    name: '..%2f in an asset name',
    path: '/api/docs/assets/..%2f..%2f..%2fpackage.json',
    status: 404,
    code: 'not_found',
  },
  {
    name: '%2e%2e%2f in an asset name',
    path: '/api/docs/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
    status: 404,
    code: 'not_found',
  },
  {
    name: '..\\ in an asset name',
    path: '/api/docs/assets/..%5c..%5c..%5cpackage.json',
    status: 404,
    code: 'not_found',
  },
  {
    name: 'double-encoded ../ in an asset name',
    path: '/api/docs/assets/%252e%252e%252fpackage.json',
    status: 404,
    code: 'not_found',
  },
  {
    name: 'a plain ../ (normalised by the URL)',
    path: '/api/docs/assets/../../../package.json',
    status: 404,
    code: 'not_found',
  },
  {
    name: 'a NUL byte in an asset name',
    path: '/api/docs/assets/swagger-ui.css%00.js',
    status: 404,
    code: 'not_found',
  },
];

describe.each(testDialects())('hostile requests for the OpenAPI viewer on %s', (dialect) => {
  const { api, rejects, expectUnchanged } = useHostileApi(dialect);

  rejects(CASES);

  it('never echoes a script into HTML', async () => {
    for (const path of [
      `/api/docs?q=${enc(SCRIPT)}`,
      `/api/docs?${enc(SCRIPT)}`,
      `/api/docs#${enc(SCRIPT)}`,
      `/api/docs/${enc(SCRIPT)}`,
      `/api/docs/assets/${enc(SCRIPT)}`,
      `/api/${enc(SCRIPT)}`,
      `/api/regions/${enc(SCRIPT)}`,
      `/api/audit?region=${enc(SCRIPT)}`,
    ]) {
      const res = await api.request(path, { headers: { accept: 'text/html' } });
      const text = await res.text();
      if (/html/.test(res.headers.get('content-type') ?? '')) {
        expect(text, path).not.toContain('<script>alert(1)');
        expect(text, path).not.toContain('alert(1)');
      } else {
        expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      }
    }
    await expectUnchanged();
  });

  it('serves none of the package’s files through the asset route', async () => {
    for (const name of ['package.json', 'index.js', 'absolute-path.js', 'swagger-ui.js.map', 'LICENSE']) {
      await expectError(await api.request(`/api/docs/assets/${name}`), 404, 'not_found');
    }
  });
});
