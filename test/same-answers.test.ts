/**
 * The shells give the same answers: each case is one request put to the CLI (`--format json`) and to
 * the API, and both must give the same JSON — the same shape and the same values (the same task in
 * src/app answers both). Failures must name the same problem: the API's error message and every issue
 * appear on the CLI's stderr, with exit code 2 for a 4xx.
 *
 * To add a task, append to `answers` (and `failures`): the CLI's arguments without `--format json`,
 * and the API path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorBody, openTestApi, RESIDUES, type TestApi } from './helpers/api.ts';
import { run } from './helpers/cli.ts';
import { testDialects } from './helpers/stores.ts';

interface Case {
  name: string;
  cli: string[];
  api: string;
}

const answers: Case[] = [
  {
    name: 'residues of the reference region (profile report)',
    cli: ['residues'],
    api: RESIDUES,
  },
  {
    name: 'residues with Monte Carlo uncertainty, a seed, a profile and a selection',
    cli: [
      'residues',
      '--profile',
      'literature',
      '--municipalities',
      '3007,3407',
      '--kinds',
      'halm,husdyrgjodsel',
      '--uncertainty',
      '300',
      '--seed',
      '7',
    ],
    api: `${RESIDUES}?profile=literature&municipalities=3007,3407&kinds=halm,husdyrgjodsel&uncertainty=300&seed=7`,
  },
  {
    name: 'residues of a year (the newest statistics at or before it)',
    cli: ['residues', '--year', '2025', '--kinds', 'grot,bark,husdyrgjodsel'],
    api: `${RESIDUES}?year=2025&kinds=grot,bark,husdyrgjodsel`,
  },
  {
    name: 'the trace of one figure (an old municipality number)',
    cli: ['residues', '--explain', 'husdyrgjodsel', '--municipality', '3007'],
    api: `${RESIDUES}/husdyrgjodsel/3007/trace`,
  },
];

const failures: Case[] = [
  {
    name: 'residues of a municipality without the statistics (0301 Oslo)',
    cli: ['residues', '--municipalities', '3407,0301'],
    api: `${RESIDUES}?municipalities=3407,0301`,
  },
  {
    name: 'more Monte Carlo draws than allowed',
    cli: ['residues', '--uncertainty', '20001'],
    api: `${RESIDUES}?uncertainty=20001`,
  },
  {
    name: 'an unknown kind',
    cli: ['residues', '--kinds', 'halm,unobtainium'],
    api: `${RESIDUES}?kinds=halm,unobtainium`,
  },
];

describe.each(testDialects())('the CLI and the API give the same answers (%s)', (dialect) => {
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
    // The API checks its query with a schema at the edge (its message names the parameter); the
    // task's own errors carry the same message and issues in both.
    if (error.code !== 'invalid_input') {
      expect(r.stderr).toContain(error.message);
      for (const i of error.issues) expect(r.stderr).toContain(`${i.path}: ${i.message}`);
    }
  });
});
