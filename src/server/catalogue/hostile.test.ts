/**
 * Malformed and hostile input to the catalogue routes (regions, municipalities, profiles), on every
 * dialect testDialects() selects: each case gets a 4xx with the error shape (never a 500), and changes
 * nothing: the regions and scenarios tables and the residue answers are the same before and after.
 */
import { describe, expect, it } from 'vitest';
import {
  enc,
  expectError,
  type HostileCase,
  JSON_HEADERS,
  jsonInit,
  REGION,
  regionWith,
  SCRIPT,
  SQL,
  SQL_OR,
  TARGET,
  useHostileApi,
} from '../../../test/helpers/api.ts';
import { testDialects } from '../../../test/helpers/stores.ts';

const CASES: HostileCase[] = [
  // Wrong types: strings for numbers, arrays for objects, scalars for arrays.
  {
    name: 'region with every field of the wrong type',
    path: '/api/regions',
    method: 'POST',
    json: { id: 123, name: 456, municipalities: '3407', subRegions: {} },
    status: 400,
    code: 'invalid_input',
    issues: ['id', 'municipalities', 'name', 'subRegions'],
  },
  {
    name: 'region as an array',
    path: '/api/regions',
    method: 'POST',
    json: [],
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'region as a string',
    path: '/api/regions',
    method: 'POST',
    json: 'region',
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'region as null',
    path: '/api/regions',
    method: 'POST',
    json: null,
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'sub-region members as a number',
    path: '/api/regions',
    method: 'POST',
    json: regionWith({ subRegions: [{ id: 'a', name: 'A', municipalities: 3407 }] }),
    status: 400,
    code: 'invalid_input',
    issues: ['subRegions[0].municipalities'],
  },
  {
    name: 'municipality numbers as numbers',
    path: `/api/regions/${TARGET}`,
    method: 'PUT',
    json: { id: TARGET, name: 1, municipalities: [3407] },
    status: 400,
    code: 'invalid_input',
    issues: ['municipalities[0]', 'name'],
  },

  // Huge numbers.
  {
    name: 'municipality 1e308',
    path: '/api/regions',
    method: 'POST',
    json: regionWith({ municipalities: [1e308] }),
    status: 400,
    code: 'invalid_input',
    issues: ['municipalities[0]'],
  },
  {
    name: 'municipality 2^63 as a literal',
    path: '/api/regions',
    method: 'POST',
    raw: `{"id":"hostile-new","name":"N","municipalities":[${2n ** 63n}]}`,
    status: 400,
    code: 'invalid_input',
    issues: ['municipalities[0]'],
  },

  // Unknown fields.
  {
    name: 'unknown field in a region',
    path: '/api/regions',
    method: 'POST',
    json: regionWith({ builtin: true }),
    status: 400,
    code: 'invalid_input',
    issues: ['builtin'],
  },
  {
    name: 'unknown field in a sub-region',
    path: '/api/regions',
    method: 'POST',
    json: regionWith({ subRegions: [{ id: 'a', name: 'A', municipalities: ['3407'], colour: 'red' }] }),
    status: 400,
    code: 'invalid_input',
    issues: ['subRegions[0].colour'],
  },
  {
    name: '__proto__ in a region',
    path: '/api/regions',
    method: 'POST',
    raw: '{"__proto__":{"builtin":true},"id":"hostile-new","name":"N","municipalities":["3407"]}',
    status: 400,
    code: 'invalid_input',
    issues: ['__proto__'],
  },
  {
    name: 'constructor in a region',
    path: '/api/regions',
    method: 'POST',
    raw: '{"constructor":{"prototype":{"builtin":true}},"id":"hostile-new","name":"N","municipalities":["3407"]}',
    status: 400,
    code: 'invalid_input',
    issues: ['constructor'],
  },

  // Very long strings.
  {
    name: 'a 10 000-character id',
    path: `/api/regions/${'a'.repeat(10_000)}`,
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  {
    name: 'a 10 000-character region name',
    path: '/api/regions',
    method: 'POST',
    json: regionWith({ name: 'x'.repeat(10_000) }),
    status: 400,
    code: 'invalid_input',
    issues: ['name'],
  },
  {
    name: 'a 100 000-character description',
    path: '/api/regions',
    method: 'POST',
    json: regionWith({ description: 'x'.repeat(100_000) }),
    status: 400,
    code: 'invalid_input',
    issues: ['description'],
  },
  {
    name: '100 000 municipalities',
    path: '/api/regions',
    method: 'POST',
    json: regionWith({ municipalities: Array(100_000).fill('3407') }),
    status: 400,
    code: 'invalid_input',
    issues: ['municipalities'],
  },

  // SQL injection in ids, query parameters and bodies.
  {
    name: 'SQL in a region id',
    path: `/api/regions/${enc(SQL)}`,
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  {
    name: 'SQL in a DELETE id',
    path: `/api/regions/${enc(SQL)}`,
    method: 'DELETE',
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  {
    name: 'OR 1=1 in a DELETE id',
    path: `/api/regions/${enc(SQL_OR)}`,
    method: 'DELETE',
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  {
    name: 'OR 1=1 in a PUT id',
    path: `/api/regions/${enc(SQL_OR)}`,
    method: 'PUT',
    json: regionWith({ id: SQL_OR }),
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'SQL in a profile id',
    path: `/api/profiles/${enc(SQL_OR)}/coefficients`,
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  {
    name: 'SQL in ?region= of municipalities',
    path: `/api/municipalities?region=${enc(SQL)}`,
    status: 404,
    code: 'unknown_region',
  },
  {
    name: 'SQL in a posted region id',
    path: '/api/regions',
    method: 'POST',
    json: regionWith({ id: SQL }),
    status: 400,
    code: 'invalid_input',
    issues: ['id'],
  },
  {
    name: 'SQL in a region name with a bad municipality',
    path: '/api/regions',
    method: 'POST',
    json: regionWith({ name: SQL, municipalities: [SQL_OR] }),
    status: 400,
    code: 'invalid_input',
    issues: ['municipalities[0]'],
  },

  // Script injection.
  {
    name: 'script as a region id',
    path: `/api/regions/${enc(SCRIPT)}`,
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  {
    name: 'script as a region name with a bad municipality',
    path: '/api/regions',
    method: 'POST',
    json: regionWith({ name: SCRIPT, municipalities: ['9999'] }),
    status: 400,
    code: 'invalid_input',
    issues: ['municipalities[0]'],
  },

  // Path traversal in ids.
  {
    name: '../ in a region id',
    path: '/api/regions/..%2f..%2fpackage.json',
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  {
    name: '%2e%2e%2f in a region id',
    path: '/api/regions/%2e%2e%2f%2e%2e%2fpackage.json',
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  {
    name: '../ in a region id to DELETE',
    path: '/api/regions/..%2f..%2fpackage.json',
    method: 'DELETE',
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  {
    name: '../ in a profile id',
    path: '/api/profiles/..%2f..%2fpackage.json/coefficients',
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  {
    name: 'a NUL byte in an id',
    path: '/api/regions/x%00y',
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },

  // Conflicts and unknown ids are not hostile, but a hostile client sends them too.
  {
    name: 'DELETE the built-in region',
    path: `/api/regions/${REGION}`,
    method: 'DELETE',
    status: 409,
    code: 'conflict',
  },
  {
    name: 'POST a region over the built-in one',
    path: '/api/regions',
    method: 'POST',
    json: regionWith({ id: REGION }),
    status: 409,
    code: 'conflict',
  },
];

describe.each(testDialects())('hostile input to the catalogue routes on %s', (dialect) => {
  const { api, rejects, expectUnchanged } = useHostileApi(dialect);

  rejects(CASES);

  describe('regressions (once bugs, found by the hostile corpus)', () => {
    it('B2 rejects a NUL character in a region name (400, not 500 on PostgreSQL / stored on SQLite)', async () => {
      const res = await api.request('/api/regions', {
        method: 'POST',
        headers: JSON_HEADERS,
        body: '{"id":"nul","name":"a\\u0000b","municipalities":["3407"]}',
      });
      await expectError(res, 400, 'invalid_input');
      await expectUnchanged();
    });

    it('B5 rejects unknown query fields on every route', async () => {
      for (const path of [
        '/api/municipalities?colour=red',
        '/api/regions?colour=red',
        '/api/profiles/report/coefficients?colour=red',
      ])
        await expectError(await api.request(path), 400, 'invalid_input');
    });

    it('B7 names region body issues body.* like the scenario routes and its own semantic checks', async () => {
      const error = await expectError(
        await api.request(
          '/api/regions',
          jsonInit('POST', { id: 'Bad Id', name: 'x', municipalities: ['3407'] }),
        ),
        400,
        'invalid_input',
      );
      expect(error.issues.map((i) => i.path)).toEqual(['body.id']);
    });

    it('B8 lists a bad id and an unknown municipality in one answer', async () => {
      const error = await expectError(
        await api.request(
          '/api/regions',
          jsonInit('POST', { id: 'Bad Id', name: 'x', municipalities: ['9999'] }),
        ),
        400,
        'invalid_input',
      );
      const paths = error.issues.map((i) => i.path.replace(/^json\./, 'body.'));
      expect(paths).toEqual(expect.arrayContaining(['body.id', 'body.municipalities[0]']));
    });

    it('B11 rejects an unpaired surrogate escape in a string', async () => {
      await expectError(
        await api.request('/api/regions', {
          method: 'POST',
          headers: JSON_HEADERS,
          body: '{"id":"sur","name":"a\\ud800b","municipalities":["3407"]}',
        }),
        400,
        'invalid_input',
      );
      await expectUnchanged();
    });
  });
});
