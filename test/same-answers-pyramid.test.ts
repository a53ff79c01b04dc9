/**
 * The shells give the same answers for the value pyramid and the audit: each case is one request put
 * to the CLI (`--format json`) and to the API, and both must give the same JSON (the same task in
 * src/app answers both: app/pyramid.ts, app/audit.ts). Failures name the same problem. The residues'
 * cases are in test/same-answers.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorBody, openTestApi, REGION, type TestApi } from './helpers/api.ts';
import { run } from './helpers/cli.ts';
import { testDialects } from './helpers/stores.ts';

interface Case {
  name: string;
  cli: string[];
  api: string;
}

const answers: Case[] = [
  {
    name: 'the pyramid of a kind for given tonnes',
    cli: ['pyramid', '--kind', 'husdyrgjodsel', '--tonnes', '1000'],
    api: '/api/pyramid/husdyrgjodsel?tonnes=1000',
  },
  {
    name: 'the pyramid of a kind for the reference region’s tonnes (the default)',
    cli: ['pyramid', '--kind', 'halm'],
    api: '/api/pyramid/halm',
  },
  {
    name: 'the pyramid of a kind for a region under another profile',
    cli: ['pyramid', '--kind', 'husdyrgjodsel', '--region', REGION, '--profile', 'literature'],
    api: `/api/pyramid/husdyrgjodsel?region=${REGION}&profile=literature`,
  },
  {
    name: 'the audit of the reference region',
    cli: ['audit', '--region', REGION],
    api: `/api/audit?region=${REGION}`,
  },
];

const failures: Case[] = [
  {
    name: 'the pyramid of an unknown kind for given tonnes',
    cli: ['pyramid', '--kind', 'unobtainium', '--tonnes', '10'],
    api: '/api/pyramid/unobtainium?tonnes=10',
  },
  {
    name: 'the pyramid of a kind the profile does not estimate',
    cli: ['pyramid', '--kind', 'unobtainium'],
    api: '/api/pyramid/unobtainium',
  },
  {
    name: 'the pyramid under an unknown profile',
    cli: ['pyramid', '--kind', 'halm', '--profile', 'nope'],
    api: '/api/pyramid/halm?profile=nope',
  },
  {
    name: 'the audit of an unknown region',
    cli: ['audit', '--region', 'atlantis'],
    api: '/api/audit?region=atlantis',
  },
];

describe.each(testDialects())('the CLI and the API give the same pyramid and audit (%s)', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(dialect);
  });
  afterAll(() => api.store.dispose());

  it.each(answers)('$name', async ({ cli, api: path }) => {
    const r = await run(...cli, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const res = await api.request(path);
    const body = await res.text();
    expect(res.status, body.slice(0, 300)).toBe(200);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(body));
  });

  it.each(failures)('fails alike: $name', async ({ cli, api: path }) => {
    const r = await run(...cli, '--format', 'json');
    const res = await api.request(path);
    const { error } = (await res.json()) as { error: ErrorBody };
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(error.message);
    for (const i of error.issues) expect(r.stderr).toContain(`${i.path}: ${i.message}`);
  });
});
