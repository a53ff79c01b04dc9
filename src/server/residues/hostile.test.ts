/**
 * Malformed and hostile input to the residue routes (a region's residues and the trace of one figure),
 * on every dialect testDialects() selects: each case gets a 4xx with the error shape (never a 500), and
 * changes nothing: the regions and scenarios tables and the residue answers are the same before and after.
 */
import { describe, it } from 'vitest';
import {
  enc,
  expectError,
  type HostileCase,
  RESIDUES,
  SQL,
  SQL_OR,
  useHostileApi,
} from '../../../test/helpers/api.ts';
import { testDialects } from '../../../test/helpers/stores.ts';

const TRACE = `${RESIDUES}/halm/3407/trace`;

const CASES: HostileCase[] = [
  // Wrong types: strings for numbers, arrays for objects, scalars for arrays.
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
    name: 'a query parameter twice',
    path: `${RESIDUES}?uncertainty=1&uncertainty=2`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.uncertainty'],
  },

  // Huge numbers.
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

  // NaN and Infinity, as strings and as JSON they are not.
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

  // Unknown fields.
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

  // Very long strings.
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

  // SQL injection in ids, query parameters and bodies.
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

  // Path traversal in ids and query parameters.
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
];

describe.each(testDialects())('hostile input to the residue routes on %s', (dialect) => {
  const { api, rejects } = useHostileApi(dialect);

  rejects(CASES);

  describe('regressions (once bugs, found by the hostile corpus)', () => {
    it('B13 bounds the trace year like the residues year', async () => {
      await expectError(await api.request(`${RESIDUES}/halm/3407/trace?year=9999`), 400, 'invalid_input');
    });
  });
});
