/**
 * Malformed and hostile input to the actor routes (the directory, who holds and who could use a stream,
 * one actor's streams, the comparison, the report's named actors), on every dialect testDialects()
 * selects: each case gets a 4xx with the error shape (never a 500), and changes nothing.
 */
import { describe } from 'vitest';
import { enc, type HostileCase, SCRIPT, SQL, SQL_OR, useHostileApi } from '../../../test/helpers/api.ts';
import { testDialects } from '../../../test/helpers/stores.ts';

const CASES: HostileCase[] = [
  {
    name: 'holders of a kind with SQL in it',
    path: `/api/actors/holders?kind=${enc(SQL)}&region=gjovik-hadeland-ringerike`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.kind'],
  },
  {
    name: 'holders of an unknown kind',
    path: '/api/actors/holders?kind=gull&region=gjovik-hadeland-ringerike',
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'holders without a region or a place',
    path: '/api/actors/holders?kind=halm',
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'holders near a script',
    path: `/api/actors/holders?kind=halm&near=${enc(SCRIPT)}`,
    status: 404,
    code: 'unknown_municipality',
  },
  {
    name: 'holders near a point outside Norway',
    path: '/api/actors/holders?kind=halm&near=10,10',
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'holders near Atlantis',
    path: '/api/actors/holders?kind=halm&near=Atlantis',
    status: 404,
    code: 'unknown_municipality',
  },
  {
    name: 'holders within a negative distance',
    path: '/api/actors/holders?kind=halm&near=Gran&within=-5',
    status: 400,
    code: 'invalid_input',
    issues: ['query.within'],
  },
  {
    name: 'holders within text',
    path: `/api/actors/holders?kind=halm&near=Gran&within=${enc(SQL_OR)}`,
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'users with a limit of a billion',
    path: '/api/actors/users?kind=halm&region=gjovik-hadeland-ringerike&limit=1000000000',
    status: 400,
    code: 'invalid_input',
    issues: ['query.limit'],
  },
  {
    name: 'users in a format that does not exist',
    path: '/api/actors/users?kind=halm&region=gjovik-hadeland-ringerike&format=xml',
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'users with an unknown query parameter',
    path: '/api/actors/users?kind=halm&region=gjovik-hadeland-ringerike&admin=true',
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'streams of an orgnr with SQL in it',
    path: `/api/actors/${enc(SQL)}/streams`,
    status: 400,
    code: 'invalid_input',
    issues: ['param.orgnr'],
  },
  {
    name: 'streams of nine digits nobody has',
    path: '/api/actors/999999999/streams',
    status: 404,
    code: 'not_found',
  },
  {
    name: 'comparison of a region with SQL in it',
    path: `/api/actors/compare?region=${enc(SQL_OR)}`,
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'comparison of an unknown kind',
    path: '/api/actors/compare?region=gjovik-hadeland-ringerike&kinds=gull',
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'named actors of an unknown region',
    path: '/api/actors/named?region=atlantis',
    status: 404,
    code: 'unknown_region',
  },
];

describe.each(testDialects())('hostile input to the actor routes on %s', (dialect) => {
  const { rejects } = useHostileApi(dialect);
  rejects(CASES);
});
