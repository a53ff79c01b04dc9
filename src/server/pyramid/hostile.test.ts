/**
 * Malformed and hostile input to the pyramid, scenario and audit routes, on every dialect
 * testDialects() selects: each case gets a 4xx with the error shape (never a 500), and changes nothing:
 * the regions and scenarios tables and the residue answers are the same before and after.
 */
import { describe, expect, it } from 'vitest';
import {
  enc,
  expectError,
  type HostileCase,
  inputWith,
  JSON_HEADERS,
  jsonInit,
  manureScenario,
  SCRIPT,
  SQL,
  SQL_OR,
  scenarioWith,
  stepWith,
  TARGET,
  useHostileApi,
} from '../../../test/helpers/api.ts';
import { testDialects } from '../../../test/helpers/stores.ts';

const CASES: HostileCase[] = [
  // Wrong types: strings for numbers, arrays for objects, scalars for arrays.
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
    json: scenarioWith((s) => {
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
    json: inputWith({ tonnes: '1000' }),
    status: 400,
    code: 'invalid_input',
    issues: ['inputs[0].tonnes'],
  },
  {
    name: 'scenario name as an array',
    path: '/api/scenarios/run',
    method: 'POST',
    json: scenarioWith((s) => {
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
    json: scenarioWith((s) => {
      s.steps = 'all';
    }, TARGET),
    status: 400,
    code: 'invalid_input',
    issues: ['steps'],
  },
  {
    name: 'tonnes as a word',
    path: '/api/pyramid/husdyrgjodsel?tonnes=abc',
    status: 400,
    code: 'invalid_input',
    issues: ['query.tonnes'],
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
    name: 'scenario tonnes -1e308',
    path: '/api/scenarios/run',
    method: 'POST',
    json: inputWith({ tonnes: -1e308 }),
    status: 400,
    code: 'invalid_input',
    issues: ['inputs[0].tonnes'],
  },
  {
    name: 'scenario share 1e308',
    path: '/api/scenarios/run',
    method: 'POST',
    json: stepWith({ share: 1e308 }),
    status: 400,
    code: 'invalid_input',
    issues: ['steps[0].share'],
  },
  {
    name: 'scenario yield 1e308',
    path: '/api/scenarios/run',
    method: 'POST',
    json: stepWith({ yields: { biorest: 1e308 } }),
    status: 400,
    code: 'invalid_input',
    issues: ['steps[0].yields.biorest'],
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
    name: 'scenario tonnes "NaN"',
    path: '/api/scenarios/run',
    method: 'POST',
    json: inputWith({ tonnes: 'NaN' }),
    status: 400,
    code: 'invalid_input',
    issues: ['inputs[0].tonnes'],
  },
  {
    name: 'scenario tonnes "Infinity"',
    path: '/api/scenarios/run',
    method: 'POST',
    json: inputWith({ tonnes: 'Infinity' }),
    status: 400,
    code: 'invalid_input',
    issues: ['inputs[0].tonnes'],
  },

  // Unknown fields.
  {
    name: 'unknown field in a scenario',
    path: '/api/scenarios/run',
    method: 'POST',
    json: scenarioWith((s) => {
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
    json: scenarioWith((s) => {
      s.builtin = true;
    }, TARGET),
    status: 400,
    code: 'invalid_input',
    issues: ['builtin'],
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
    name: 'a 10 000-character kind',
    path: `/api/pyramid/${'a'.repeat(10_000)}?tonnes=1`,
    status: 404,
    code: 'unknown_kind',
  },

  // SQL injection in ids, query parameters and bodies.
  {
    name: 'SQL in a scenario id to run',
    path: `/api/scenarios/${enc(SQL)}/run`,
    method: 'POST',
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
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
    name: 'SQL as a technology',
    path: '/api/scenarios/run',
    method: 'POST',
    json: stepWith({ technology: "'; drop table scenarios; --" }),
    status: 404,
    code: 'unknown_technology',
  },
  {
    name: 'SQL as a technology of a stored scenario',
    path: `/api/scenarios/${TARGET}`,
    method: 'PUT',
    json: scenarioWith((s) => {
      s.steps = [{ id: 'x', technology: SQL_OR, input: 'husdyrgjodsel' }];
    }, TARGET),
    status: 404,
    code: 'unknown_technology',
  },

  // Script injection.
  {
    name: 'script as a pyramid kind',
    path: `/api/pyramid/${enc(SCRIPT)}`,
    status: 400,
    code: 'invalid_input',
    issues: ['param.kind'],
  },
  {
    name: 'script as a scenario stream',
    path: '/api/scenarios/run',
    method: 'POST',
    json: scenarioWith((s) => {
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

  // Path traversal in ids.
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
    name: '../ in a pyramid kind',
    path: '/api/pyramid/..%2f..%2fpackage.json',
    status: 400,
    code: 'invalid_input',
    issues: ['param.kind'],
  },
  {
    name: '../ in ?profile= of the pyramid',
    path: '/api/pyramid/husdyrgjodsel?profile=..%2f..%2fpackage',
    status: 404,
    code: 'unknown_profile',
  },

  // Deeply nested JSON.
  {
    name: 'a scenario name nested 10 000 deep',
    path: '/api/scenarios/run',
    method: 'POST',
    raw: JSON.stringify(scenarioWith()).replace(
      '"name":{',
      `"name":${'['.repeat(10_000)}${']'.repeat(10_000)},"x":{`,
    ),
    status: 400,
    code: 'invalid_input',
  },

  // Conflicts and unknown ids are not hostile, but a hostile client sends them too.
  {
    name: 'PUT over a built-in scenario',
    path: '/api/scenarios/rapport-pyrolyse',
    method: 'PUT',
    json: scenarioWith(() => {}, 'rapport-pyrolyse'),
    status: 409,
    code: 'conflict',
  },
];

describe.each(testDialects())('hostile input to the pyramid, scenario and audit routes on %s', (dialect) => {
  const { api, rejects } = useHostileApi(dialect);

  rejects(CASES);

  describe('regressions (once bugs, found by the hostile corpus)', () => {
    it('B2b rejects a NUL character in a stored scenario name', async () => {
      const s = manureScenario('nul-scenario');
      s.name.nb = 'a\u0000b';
      await expectError(
        await api.request('/api/scenarios/nul-scenario', jsonInit('PUT', s)),
        400,
        'invalid_input',
      );
    });

    it('B3 rejects scenario tonnes of 1e308 and 2^63 (no Infinity/null in results)', async () => {
      for (const tonnes of [1e308, 2 ** 63]) {
        const s = manureScenario();
        s.inputs[0] = { stream: 'husdyrgjodsel', tonnes, basis: 'wet' };
        await expectError(await api.request('/api/scenarios/run', jsonInit('POST', s)), 400, 'invalid_input');
      }
    });

    it('B4 rejects unknown fields nested in a scenario (a typo is not silently dropped)', async () => {
      const s = manureScenario() as unknown as { steps: Record<string, unknown>[] };
      s.steps[0] = { ...s.steps[0], tonne: 500 };
      const error = await expectError(
        await api.request('/api/scenarios/run', jsonInit('POST', s)),
        400,
        'invalid_input',
      );
      expect(error.issues.map((i) => i.path)).toContain('body.steps[0].tonne');
    });

    it('B6 rejects __proto__ in a scenario body', async () => {
      const body = JSON.stringify(manureScenario()).replace('{"id"', '{"__proto__":{"x":1},"id"');
      await expectError(
        await api.request('/api/scenarios/run', { method: 'POST', headers: JSON_HEADERS, body }),
        400,
        'invalid_input',
      );
    });

    it('B9 bounds the strings of a stored scenario', async () => {
      const s = manureScenario('long-scenario');
      s.description = 'x'.repeat(900_000);
      await expectError(
        await api.request('/api/scenarios/long-scenario', jsonInit('PUT', s)),
        400,
        'invalid_input',
      );
    });

    it('B12 rejects ?tonnes= (empty) and hex tonnes', async () => {
      await expectError(await api.request('/api/pyramid/husdyrgjodsel?tonnes='), 400, 'invalid_input');
      await expectError(await api.request('/api/pyramid/husdyrgjodsel?tonnes=0x10'), 400, 'invalid_input');
    });
  });
});
