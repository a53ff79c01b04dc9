/**
 * Malformed and hostile input, on every dialect testDialects() selects: each case gets a 4xx with the
 * error shape (never a 500), and changes nothing: the regions and scenarios tables and the residue
 * answer are the same before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectError,
  JSON_HEADERS,
  jsonInit,
  manureScenario,
  openTestApi,
  REGION,
  RESIDUES,
  type TestApi,
} from './helpers/api.ts';
import { testDialects } from './helpers/stores.ts';

const MiB = 1024 * 1024;
const SQL = "'; drop table regions; --";
const SQL_OR = '1 OR 1=1';
const SCRIPT = '<script>alert(1)</script>';
const enc = encodeURIComponent;
/** A region and a scenario of a user, so that PUT and DELETE have something to damage. */
const TARGET = 'hostile-target';
const TRACE = `${RESIDUES}/halm/3407/trace`;

interface Case {
  name: string;
  path: string;
  method?: string;
  /** Sent as JSON with Content-Type application/json. */
  json?: unknown;
  /** Sent as is, with Content-Type application/json unless `contentType` says otherwise. */
  raw?: string | Uint8Array | (() => ReadableStream<Uint8Array>);
  /** null: no Content-Type header. */
  contentType?: string | null;
  status: 400 | 404 | 409 | 413 | 415;
  code: string;
  /** Issue paths the answer must list (json./body. prefixes removed). */
  issues?: string[];
}

const scenario = (patch: (s: Record<string, unknown>) => void = () => {}, id = 'hostile-run') => {
  const s = manureScenario(id) as unknown as Record<string, unknown>;
  patch(s);
  return s;
};
const step = (extra: Record<string, unknown>) =>
  scenario((s) => {
    s.steps = [{ ...(s.steps as Record<string, unknown>[])[0], ...extra }];
  });
const input = (extra: Record<string, unknown>) =>
  scenario((s) => {
    s.inputs = [{ ...(s.inputs as Record<string, unknown>[])[0], ...extra }];
  });
const region = (extra: Record<string, unknown>) => ({
  id: 'hostile-new',
  name: 'Ny',
  municipalities: ['3407'],
  ...extra,
});
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

const CASES: Case[] = [
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
    json: region({ subRegions: [{ id: 'a', name: 'A', municipalities: 3407 }] }),
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
  {
    name: 'scenario as an array',
    path: '/api/scenarios/run',
    method: 'POST',
    json: [],
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'scenario inputs as an object',
    path: '/api/scenarios/run',
    method: 'POST',
    json: scenario((s) => {
      s.inputs = {};
    }),
    status: 400,
    code: 'invalid_input',
    issues: ['inputs'],
  },
  {
    name: 'scenario tonnes as a string',
    path: '/api/scenarios/run',
    method: 'POST',
    json: input({ tonnes: '1000' }),
    status: 400,
    code: 'invalid_input',
    issues: ['inputs[0].tonnes'],
  },
  {
    name: 'scenario name as an array',
    path: '/api/scenarios/run',
    method: 'POST',
    json: scenario((s) => {
      s.name = ['x'];
    }),
    status: 400,
    code: 'invalid_input',
    issues: ['name'],
  },
  {
    name: 'stored scenario steps as a string',
    path: `/api/scenarios/${TARGET}`,
    method: 'PUT',
    json: scenario((s) => {
      s.steps = 'all';
    }, TARGET),
    status: 400,
    code: 'invalid_input',
    issues: ['steps'],
  },
  {
    name: 'uncertainty as a word',
    path: `${RESIDUES}?uncertainty=abc`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.uncertainty'],
  },
  {
    name: 'seed as a word',
    path: `${RESIDUES}?seed=abc`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.seed'],
  },
  {
    name: 'year as a word',
    path: `${RESIDUES}?year=abc`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.year'],
  },
  {
    name: 'tonnes as a word',
    path: '/api/pyramid/husdyrgjodsel?tonnes=abc',
    status: 400,
    code: 'invalid_input',
    issues: ['query.tonnes'],
  },
  {
    name: 'a query parameter twice',
    path: `${RESIDUES}?uncertainty=1&uncertainty=2`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.uncertainty'],
  },

  // Huge numbers.
  {
    name: 'tonnes 1e308',
    path: '/api/pyramid/husdyrgjodsel?tonnes=1e308',
    status: 400,
    code: 'invalid_input',
    issues: ['query.tonnes'],
  },
  {
    name: 'tonnes -1e308',
    path: '/api/pyramid/husdyrgjodsel?tonnes=-1e308',
    status: 400,
    code: 'invalid_input',
    issues: ['query.tonnes'],
  },
  {
    name: 'tonnes 2^63',
    path: `/api/pyramid/husdyrgjodsel?tonnes=${2n ** 63n}`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.tonnes'],
  },
  {
    name: 'uncertainty 1e308',
    path: `${RESIDUES}?uncertainty=1e308`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.uncertainty'],
  },
  {
    name: 'seed 2^63',
    path: `${RESIDUES}?seed=${2n ** 63n}`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.seed'],
  },
  {
    name: 'year 1e308',
    path: `${RESIDUES}?year=1e308`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.year'],
  },
  {
    name: 'trace year 1e308',
    path: `${TRACE}?year=1e308`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.year'],
  },
  {
    name: 'scenario tonnes -1e308',
    path: '/api/scenarios/run',
    method: 'POST',
    json: input({ tonnes: -1e308 }),
    status: 400,
    code: 'invalid_input',
    issues: ['inputs[0].tonnes'],
  },
  {
    name: 'scenario share 1e308',
    path: '/api/scenarios/run',
    method: 'POST',
    json: step({ share: 1e308 }),
    status: 400,
    code: 'invalid_input',
    issues: ['steps[0].share'],
  },
  {
    name: 'scenario yield 1e308',
    path: '/api/scenarios/run',
    method: 'POST',
    json: step({ yields: { biorest: 1e308 } }),
    status: 400,
    code: 'invalid_input',
    issues: ['steps[0].yields.biorest'],
  },
  {
    name: 'municipality 1e308',
    path: '/api/regions',
    method: 'POST',
    json: region({ municipalities: [1e308] }),
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

  // NaN and Infinity, as strings and as JSON they are not.
  {
    name: 'tonnes NaN',
    path: '/api/pyramid/husdyrgjodsel?tonnes=NaN',
    status: 400,
    code: 'invalid_input',
    issues: ['query.tonnes'],
  },
  {
    name: 'tonnes Infinity',
    path: '/api/pyramid/husdyrgjodsel?tonnes=Infinity',
    status: 400,
    code: 'invalid_input',
    issues: ['query.tonnes'],
  },
  {
    name: 'tonnes -Infinity',
    path: '/api/pyramid/husdyrgjodsel?tonnes=-Infinity',
    status: 400,
    code: 'invalid_input',
    issues: ['query.tonnes'],
  },
  {
    name: 'uncertainty Infinity',
    path: `${RESIDUES}?uncertainty=Infinity`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.uncertainty'],
  },
  {
    name: 'seed NaN',
    path: `${RESIDUES}?seed=NaN`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.seed'],
  },
  {
    name: 'trace year NaN',
    path: `${TRACE}?year=NaN`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.year'],
  },
  {
    name: 'scenario tonnes "NaN"',
    path: '/api/scenarios/run',
    method: 'POST',
    json: input({ tonnes: 'NaN' }),
    status: 400,
    code: 'invalid_input',
    issues: ['inputs[0].tonnes'],
  },
  {
    name: 'scenario tonnes "Infinity"',
    path: '/api/scenarios/run',
    method: 'POST',
    json: input({ tonnes: 'Infinity' }),
    status: 400,
    code: 'invalid_input',
    issues: ['inputs[0].tonnes'],
  },
  {
    name: 'a bare NaN in JSON',
    path: '/api/scenarios/run',
    method: 'POST',
    raw: '{"id":"x","inputs":[{"tonnes":NaN}]}',
    status: 400,
    code: 'invalid_input',
  },

  // Unknown fields.
  {
    name: 'unknown field in a region',
    path: '/api/regions',
    method: 'POST',
    json: region({ builtin: true }),
    status: 400,
    code: 'invalid_input',
    issues: ['builtin'],
  },
  {
    name: 'unknown field in a sub-region',
    path: '/api/regions',
    method: 'POST',
    json: region({ subRegions: [{ id: 'a', name: 'A', municipalities: ['3407'], colour: 'red' }] }),
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
  {
    name: 'unknown field in a scenario',
    path: '/api/scenarios/run',
    method: 'POST',
    json: scenario((s) => {
      s.builtin = true;
    }),
    status: 400,
    code: 'invalid_input',
    issues: ['builtin'],
  },
  {
    name: 'unknown field in a stored scenario',
    path: `/api/scenarios/${TARGET}`,
    method: 'PUT',
    json: scenario((s) => {
      s.builtin = true;
    }, TARGET),
    status: 400,
    code: 'invalid_input',
    issues: ['builtin'],
  },
  {
    name: 'unknown query field on residues',
    path: `${RESIDUES}?colour=red`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.colour'],
  },
  {
    name: 'unknown query field on a trace',
    path: `${TRACE}?colour=red`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.colour'],
  },
  {
    name: 'unknown query field on the pyramid',
    path: '/api/pyramid/husdyrgjodsel?colour=red',
    status: 400,
    code: 'invalid_input',
    issues: ['query.colour'],
  },
  {
    name: 'unknown query field on the audit',
    path: '/api/audit?colour=red',
    status: 400,
    code: 'invalid_input',
    issues: ['query.colour'],
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
    json: region({ name: 'x'.repeat(10_000) }),
    status: 400,
    code: 'invalid_input',
    issues: ['name'],
  },
  {
    name: 'a 100 000-character description',
    path: '/api/regions',
    method: 'POST',
    json: region({ description: 'x'.repeat(100_000) }),
    status: 400,
    code: 'invalid_input',
    issues: ['description'],
  },
  {
    name: '100 000 municipalities',
    path: '/api/regions',
    method: 'POST',
    json: region({ municipalities: Array(100_000).fill('3407') }),
    status: 400,
    code: 'invalid_input',
    issues: ['municipalities'],
  },
  {
    name: 'a 10 000-character kinds list',
    path: `${RESIDUES}?kinds=${'a,'.repeat(5000)}`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.kinds'],
  },
  {
    name: 'a 3 000-character municipality list',
    path: `${RESIDUES}?municipalities=${'1'.repeat(3000)}`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.municipalities'],
  },
  {
    name: 'a 10 000-character kind',
    path: `/api/pyramid/${'a'.repeat(10_000)}?tonnes=1`,
    status: 404,
    code: 'unknown_kind',
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
    json: region({ id: SQL_OR }),
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'SQL in a scenario id to run',
    path: `/api/scenarios/${enc(SQL)}/run`,
    method: 'POST',
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
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
    name: 'OR 1=1 in ?region= of the audit',
    path: `/api/audit?region=${enc(SQL_OR)}`,
    status: 404,
    code: 'unknown_region',
  },
  {
    name: "' OR '1'='1 in ?region= of the pyramid",
    path: `/api/pyramid/husdyrgjodsel?region=${enc("' OR '1'='1")}`,
    status: 404,
    code: 'unknown_region',
  },
  {
    name: 'SQL in ?kinds=',
    path: `${RESIDUES}?kinds=${enc(`halm${SQL}`)}`,
    status: 404,
    code: 'unknown_kind',
  },
  {
    name: 'OR 1=1 in ?municipalities=',
    path: `${RESIDUES}?municipalities=${enc(SQL_OR)}`,
    status: 404,
    code: 'unknown_municipality',
  },
  {
    name: 'OR 1=1 in ?profile= of residues',
    path: `${RESIDUES}?profile=${enc(SQL_OR)}`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.profile'],
  },
  {
    name: 'OR 1=1 in ?profile= of a trace',
    path: `${TRACE}?profile=${enc(SQL_OR)}`,
    status: 404,
    code: 'unknown_profile',
  },
  {
    name: 'SQL in a posted region id',
    path: '/api/regions',
    method: 'POST',
    json: region({ id: SQL }),
    status: 400,
    code: 'invalid_input',
    issues: ['id'],
  },
  {
    name: 'SQL in a region name with a bad municipality',
    path: '/api/regions',
    method: 'POST',
    json: region({ name: SQL, municipalities: [SQL_OR] }),
    status: 400,
    code: 'invalid_input',
    issues: ['municipalities[0]'],
  },
  {
    name: 'SQL as a technology',
    path: '/api/scenarios/run',
    method: 'POST',
    json: step({ technology: "'; drop table scenarios; --" }),
    status: 404,
    code: 'unknown_technology',
  },
  {
    name: 'SQL as a technology of a stored scenario',
    path: `/api/scenarios/${TARGET}`,
    method: 'PUT',
    json: scenario((s) => {
      s.steps = [{ id: 'x', technology: SQL_OR, input: 'husdyrgjodsel' }];
    }, TARGET),
    status: 404,
    code: 'unknown_technology',
  },

  // Script injection.
  {
    name: 'script as a region id',
    path: `/api/regions/${enc(SCRIPT)}`,
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  { name: 'script as a path', path: `/api/${enc(SCRIPT)}`, status: 404, code: 'not_found' },
  {
    name: 'script as a docs asset',
    path: `/api/docs/assets/${enc(SCRIPT)}.js`,
    status: 404,
    code: 'not_found',
  },
  { name: 'script under /api/docs', path: `/api/docs/${enc(SCRIPT)}`, status: 404, code: 'not_found' },
  {
    name: 'script as a pyramid kind',
    path: `/api/pyramid/${enc(SCRIPT)}`,
    status: 400,
    code: 'invalid_input',
    issues: ['param.kind'],
  },
  {
    name: 'script as a region name with a bad municipality',
    path: '/api/regions',
    method: 'POST',
    json: region({ name: SCRIPT, municipalities: ['9999'] }),
    status: 400,
    code: 'invalid_input',
    issues: ['municipalities[0]'],
  },
  {
    name: 'script as a scenario stream',
    path: '/api/scenarios/run',
    method: 'POST',
    json: scenario((s) => {
      s.inputs = [{ stream: SCRIPT, tonnes: 1, basis: 'wet' }];
      s.steps = [{ id: 'x', technology: 'composting', input: SCRIPT }];
    }),
    status: 404,
    code: 'unknown_kind',
  },
  {
    name: 'script as ?region= of the audit',
    path: `/api/audit?region=${enc(SCRIPT)}`,
    status: 404,
    code: 'unknown_region',
  },

  // Path traversal in ids and asset names.
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
    name: '../ in a scenario id',
    path: '/api/scenarios/..%2f..%2fpackage.json',
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  {
    name: '../ in a scenario id to run',
    path: '/api/scenarios/%2e%2e%2fpackage.json/run',
    method: 'POST',
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
    name: '../ in a pyramid kind',
    path: '/api/pyramid/..%2f..%2fpackage.json',
    status: 400,
    code: 'invalid_input',
    issues: ['param.kind'],
  },
  {
    name: '../ in a trace kind',
    path: `${RESIDUES}/..%2f..%2fpackage.json/3407/trace`,
    status: 400,
    code: 'invalid_input',
    issues: ['param.kind'],
  },
  {
    name: '../ in ?profile= of residues',
    path: `${RESIDUES}?profile=..%2f..%2fpackage`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.profile'],
  },
  {
    name: '../ in ?profile= of a trace',
    path: `${TRACE}?profile=..%2f..%2fpackage.json`,
    status: 404,
    code: 'unknown_profile',
  },
  {
    name: '../ in ?profile= of the pyramid',
    path: '/api/pyramid/husdyrgjodsel?profile=..%2f..%2fpackage',
    status: 404,
    code: 'unknown_profile',
  },
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
  {
    name: 'a NUL byte in an id',
    path: '/api/regions/x%00y',
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },

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
    raw: withBytes(JSON.stringify(scenario(() => {}, TARGET)), `"${TARGET}"`, [0xed, 0xa0, 0x80]),
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
  ...bodyRoutes.flatMap(([method, path]): Case[] => [
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
      raw: JSON.stringify(region({})),
      contentType: null,
      status: 415,
      code: 'invalid_input',
    },
    {
      name: `JSON as text/plain to ${method} ${path}`,
      path,
      method,
      raw: JSON.stringify(region({})),
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
      json: region({ name: 'x'.repeat(MiB) }),
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
  {
    name: 'a scenario name nested 10 000 deep',
    path: '/api/scenarios/run',
    method: 'POST',
    raw: JSON.stringify(scenario()).replace(
      '"name":{',
      `"name":${'['.repeat(10_000)}${']'.repeat(10_000)},"x":{`,
    ),
    status: 400,
    code: 'invalid_input',
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
    name: 'PUT over a built-in scenario',
    path: '/api/scenarios/rapport-pyrolyse',
    method: 'PUT',
    json: scenario(() => {}, 'rapport-pyrolyse'),
    status: 409,
    code: 'conflict',
  },
  {
    name: 'POST a region over the built-in one',
    path: '/api/regions',
    method: 'POST',
    json: region({ id: REGION }),
    status: 409,
    code: 'conflict',
  },
];

function requestInit(c: Case): RequestInit {
  const init: RequestInit & { duplex?: 'half' } = { method: c.method ?? 'GET' };
  const headers: Record<string, string> = {};
  if (c.json !== undefined) {
    init.body = JSON.stringify(c.json);
    Object.assign(headers, JSON_HEADERS);
  } else if (c.raw !== undefined) {
    init.body = typeof c.raw === 'function' ? c.raw() : c.raw;
    if (typeof c.raw === 'function') init.duplex = 'half';
    if (c.contentType !== null) headers['content-type'] = c.contentType ?? 'application/json';
  }
  init.headers = headers;
  return init;
}

/** What a failed request must not change. */
async function snapshot(api: TestApi) {
  const db = api.store.db;
  return {
    regions: await db.selectFrom('regions').selectAll().orderBy('id').execute(),
    members: await db
      .selectFrom('region_members')
      .selectAll()
      .orderBy('region_id')
      .orderBy('municipality')
      .execute(),
    scenarios: await db.selectFrom('scenarios').selectAll().orderBy('id').execute(),
    residues: await (await api.request(RESIDUES)).text(),
    target: await (await api.request(`/api/regions/${TARGET}/residues`)).text(),
  };
}

describe.each(testDialects())('hostile input on %s', (dialect) => {
  let api: TestApi;
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    api = await openTestApi(dialect);
    const r = await api.request(
      '/api/regions',
      jsonInit('POST', { id: TARGET, name: 'Mål', municipalities: ['3442', '3443'] }),
    );
    expect(r.status).toBe(201);
    const s = await api.request(`/api/scenarios/${TARGET}`, jsonInit('PUT', manureScenario(TARGET)));
    expect(s.status).toBe(200);
    before = await snapshot(api);
    expect(JSON.parse(before.residues).totals.length).toBeGreaterThan(0);
    expect(before.scenarios.map((x) => x.id)).toContain(TARGET);
  });
  afterAll(async () => {
    await api?.store.dispose();
  });

  it('has distinct case names', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES)('$name → $status $code, and changes nothing', async (c) => {
    const res = await api.request(c.path, requestInit(c));
    expect(res.status, c.name).toBeLessThan(500);
    const text = await res.clone().text();
    // Never the contents of a file outside the assets, never internals.
    expect(text).not.toContain('"devDependencies"');
    expect(text).not.toMatch(/node_modules|\n\s+at |SQLITE_|syntax error|relation "/i);
    const error = await expectError(res, c.status, c.code);
    if (c.issues) {
      const paths = error.issues.map((i) => i.path.replace(/^(json|body)\./, ''));
      for (const p of c.issues) expect(paths, c.name).toContain(p);
    }
    expect(await snapshot(api)).toEqual(before);
  });

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
    expect(await snapshot(api)).toEqual(before);
  });

  it('serves none of the package’s files through the asset route', async () => {
    for (const name of ['package.json', 'index.js', 'absolute-path.js', 'swagger-ui.js.map', 'LICENSE']) {
      await expectError(await api.request(`/api/docs/assets/${name}`), 404, 'not_found');
    }
  });

  it('still answers normally after the corpus', async () => {
    const res = await api.request('/api/health');
    expect(res.status).toBe(200);
    const { regions } = (await (await api.request('/api/regions')).json()) as { regions: { id: string }[] };
    expect(regions.map((r) => r.id).sort()).toEqual([REGION, TARGET].sort());
  });
});
