/**
 * The app as a whole through `app.request` (no port), on every dialect testDialects() selects: unknown
 * routes, and what every JSON body goes through before a route sees it (UTF-8, JSON, its Content-Type,
 * the 1 MiB limit, nesting) and the length of an error answer. Each hostile case gets a 4xx with the
 * error shape (never a 500) and changes nothing: the regions and scenarios tables and the residue
 * answers are the same before and after.
 */
import { describe, expect, it } from 'vitest';
import {
  type ErrorBody,
  enc,
  expectError,
  type HostileCase,
  JSON_HEADERS,
  jsonInit,
  manureScenario,
  REGION,
  regionWith,
  SCRIPT,
  scenarioWith,
  TARGET,
  useHostileApi,
  useTestApi,
} from '../../test/helpers/api.ts';
import { testDialects } from '../../test/helpers/stores.ts';

describe.each(testDialects())('the app on %s', (dialect) => {
  const api = useTestApi(dialect);

  describe('unknown routes', () => {
    it('404 with the error shape for unknown paths and methods', async () => {
      for (const [method, path] of [
        ['GET', '/api/nope'],
        ['GET', '/nope'],
        ['GET', '/api/regions/gjovik-hadeland-ringerike/nope'],
        ['DELETE', '/api/health'],
        ['PATCH', `/api/regions/${REGION}`],
        ['PATCH', '/api/scenarios/rapport-pyrolyse'],
      ] as const) {
        const error: ErrorBody = await expectError(await api.request(path, { method }), 404, 'not_found');
        expect(error.message, `${method} ${path}`).toContain(path);
        expect(error.issues).toEqual([]);
      }
    });
  });
});

const MiB = 1024 * 1024;
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));
/** The JSON text with invalid bytes inserted just before the closing quote of `marker`. */
const withBytes = (json: string, marker: string, invalid: number[]) => {
  const at = json.indexOf(marker) + marker.length - 1;
  return bytes(json.slice(0, at), invalid, json.slice(at));
};
const streamOf = (text: string) => () =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      const chunk = new TextEncoder().encode(text.slice(0, 64 * 1024));
      for (let sent = 0; sent < text.length; sent += chunk.length) controller.enqueue(chunk);
      controller.close();
    },
  });

const bodyRoutes: [string, string][] = [
  ['POST', '/api/regions'],
  ['PUT', `/api/regions/${TARGET}`],
  ['POST', '/api/scenarios/run'],
  ['PUT', `/api/scenarios/${TARGET}`],
];

const CASES: HostileCase[] = [
  // A NaN, which JSON does not have.
  {
    name: 'a bare NaN in JSON',
    path: '/api/scenarios/run',
    method: 'POST',
    raw: '{"id":"x","inputs":[{"tonnes":NaN}]}',
    status: 400,
    code: 'invalid_input',
  },

  // Script injection.
  { name: 'script as a path', path: `/api/${enc(SCRIPT)}`, status: 404, code: 'not_found' },

  // Broken UTF-8 in JSON bodies.
  {
    name: 'invalid UTF-8 in a region id',
    path: '/api/regions',
    method: 'POST',
    raw: bytes('{"id":"', [0xff, 0xfe, 0xc3, 0x28], '","name":"N","municipalities":["3407"]}'),
    status: 400,
    code: 'invalid_input',
    issues: ['body'], // refused as a whole before any field is read
  },
  {
    name: 'an overlong "/" in a region id',
    path: '/api/regions',
    method: 'POST',
    raw: bytes('{"id":"a', [0xc0, 0xaf], 'b","name":"N","municipalities":["3407"]}'),
    status: 400,
    code: 'invalid_input',
    issues: ['body'], // refused as a whole before any field is read
  },
  {
    name: 'invalid UTF-8 in a scenario id',
    path: `/api/scenarios/${TARGET}`,
    method: 'PUT',
    raw: withBytes(JSON.stringify(scenarioWith(() => {}, TARGET)), `"${TARGET}"`, [0xed, 0xa0, 0x80]),
    status: 400,
    code: 'invalid_input',
    issues: ['body'], // refused as a whole before any field is read
  },
  {
    name: 'invalid UTF-8 outside strings',
    path: '/api/scenarios/run',
    method: 'POST',
    raw: bytes([0xff, 0xfe], '{"id":"x"}'),
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'a lone continuation byte as a key',
    path: '/api/regions',
    method: 'POST',
    raw: bytes('{"', [0x80], '":1,"id":"hostile-new","name":"N","municipalities":["3407"]}'),
    status: 400,
    code: 'invalid_input',
  },

  // Malformed JSON, and JSON without its Content-Type.
  ...bodyRoutes.flatMap(([method, path]): HostileCase[] => [
    {
      name: `truncated JSON to ${method} ${path}`,
      path,
      method,
      raw: '{"id":',
      status: 400,
      code: 'invalid_input',
    },
    {
      name: `single-quoted JSON to ${method} ${path}`,
      path,
      method,
      raw: "{'id':'x'}",
      status: 400,
      code: 'invalid_input',
    },
    {
      name: `a trailing comma to ${method} ${path}`,
      path,
      method,
      raw: '{"id":"x",}',
      status: 400,
      code: 'invalid_input',
    },
    {
      name: `two JSON documents to ${method} ${path}`,
      path,
      method,
      raw: '{"a":1}{"b":2}',
      status: 400,
      code: 'invalid_input',
    },
    { name: `an empty body to ${method} ${path}`, path, method, raw: '', status: 400, code: 'invalid_input' },
    {
      name: `JSON without Content-Type to ${method} ${path}`,
      path,
      method,
      raw: JSON.stringify(regionWith({})),
      contentType: null,
      status: 415,
      code: 'invalid_input',
    },
    {
      name: `JSON as text/plain to ${method} ${path}`,
      path,
      method,
      raw: JSON.stringify(regionWith({})),
      contentType: 'text/plain',
      status: 415,
      code: 'invalid_input',
    },
    {
      name: `a form to ${method} ${path}`,
      path,
      method,
      raw: 'id=hostile-new&name=N',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
      code: 'invalid_input',
    },
    // Oversized bodies (the limit is 1 MiB), with a Content-Length and streamed without one.
    {
      name: `a body over 1 MiB to ${method} ${path}`,
      path,
      method,
      json: regionWith({ name: 'x'.repeat(MiB) }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: `a streamed body over 1 MiB to ${method} ${path}`,
      path,
      method,
      raw: streamOf(`"${'x'.repeat(MiB + 10)}"`),
      status: 413,
      code: 'payload_too_large',
    },
    // Deeply nested JSON.
    {
      name: `arrays nested 100 000 deep to ${method} ${path}`,
      path,
      method,
      raw: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      status: 400,
      code: 'invalid_input',
    },
    {
      name: `objects nested 50 000 deep to ${method} ${path}`,
      path,
      method,
      raw: `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
      status: 400,
      code: 'invalid_input',
    },
  ]),
];

describe.each(testDialects())('hostile input to the app on %s', (dialect) => {
  const { api, rejects, expectUnchanged } = useHostileApi(dialect);

  it('has distinct case names', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  rejects(CASES);

  it('still answers normally after the corpus', async () => {
    const res = await api.request('/api/health');
    expect(res.status).toBe(200);
    const { regions } = (await (await api.request('/api/regions')).json()) as {
      regions: { id: string; builtin: boolean }[];
    };
    // The corpus created none but TARGET; the built-in ones (the reference region, counties, Norway) are intact.
    expect(regions.filter((r) => !r.builtin).map((r) => r.id)).toEqual([TARGET]);
    expect(regions.filter((r) => r.builtin).map((r) => r.id)).toContain(REGION);
    expect(regions.filter((r) => r.builtin)).toHaveLength(17);
  });

  describe('regressions (once bugs, found by the hostile corpus)', () => {
    it('B1 rejects invalid UTF-8 inside a JSON string (400) and stores nothing', async () => {
      const body = new Uint8Array([
        ...Buffer.from('{"id":"utf","name":"a'),
        0xff,
        0xc3,
        0x28,
        ...Buffer.from('","municipalities":["3407"]}'),
      ]);
      await expectError(
        await api.request('/api/regions', { method: 'POST', headers: JSON_HEADERS, body }),
        400,
        'invalid_input',
      );
      await expectUnchanged();
    });

    it('B10 does not amplify: a 1 MiB body gets a bounded error answer', async () => {
      const s = { ...manureScenario(), inputs: Array.from({ length: 20_000 }, () => ({})) };
      const res = await api.request('/api/scenarios/run', jsonInit('POST', s));
      expect(res.status).toBe(400);
      expect((await res.text()).length).toBeLessThan(100_000);
    });
  });
});
