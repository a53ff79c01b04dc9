/**
 * The allocation answers the same whichever shell asks: `restverdi optimize --format json` and the
 * API job's result (POST /api/optimise, polled until done) for the same request have the same keys
 * and the same values, and a request either refuses, the other refuses with the same message.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonInit, openTestApi, type TestApi } from './helpers/api.ts';
import { runCli } from './helpers/cli.ts';
import { testDialects } from './helpers/stores.ts';

interface Job {
  id: string;
  stage: string;
  result?: Record<string, unknown>;
  error?: { code: string; message: string };
}

async function poll(api: TestApi, id: string): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const job = (await (await api.request(`/api/optimise/${id}`)).json()) as Job;
    if (job.stage === 'done' || job.stage === 'failed') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the run did not finish');
}

const dir = mkdtempSync(join(tmpdir(), 'restverdi-same-optimise-'));
const pyrolysis = {
  id: 'big-pyrolysis',
  name: 'Stor pyrolyse',
  technology: 'slow-pyrolysis',
  municipality: '3446',
  capacityTonnes: 50000,
  basis: 'dm',
  status: 'planned',
};
const sitesFile = join(dir, 'sites.json');
writeFileSync(sitesFile, JSON.stringify({ sites: [pyrolysis] }));

/** One request as CLI arguments and as the API's body. */
interface Case {
  name: string;
  args: string[];
  body: Record<string, unknown>;
}

const CASES: Case[] = [
  { name: 'the defaults (value)', args: [], body: {} },
  { name: 'most CO2e', args: ['--objective', 'co2e'], body: { objective: 'co2e' } },
  {
    name: 'value plus a CO2e price',
    args: ['--objective', 'weighted', '--co2e-price', '2000'],
    body: { objective: 'weighted', co2ePriceNok: 2000 },
  },
  {
    name: 'a site of the caller’s (a file for the CLI, data for the API)',
    args: ['--sites', sitesFile],
    body: { sites: [pyrolysis] },
  },
  {
    name: 'candidates only (MIP)',
    args: ['--no-default-sites', '--candidates', '--candidate-technologies', 'anaerobic-digestion'],
    body: { noDefaultSites: true, candidates: true, candidateTechnologies: ['anaerobic-digestion'] },
  },
  {
    name: 'with uncertainty: the flows fixed on 40 draws, re-optimised on 3, and the tornado',
    args: ['--uncertainty', '--draws', '40', '--seed', '3', '--reoptimise', '3'],
    body: { uncertainty: { draws: 40, seed: 3, reoptimise: 3 } },
  },
];

/** Refused requests: the API's status and the code both shells' error carries. */
const REFUSED: (Case & { status: number; code: string })[] = [
  {
    name: 'weighted without a price',
    args: ['--objective', 'weighted'],
    body: { objective: 'weighted' },
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'an unknown candidate technology',
    args: ['--candidates', '--candidate-technologies', 'warp-drive'],
    body: { candidates: true, candidateTechnologies: ['warp-drive'] },
    status: 404,
    code: 'unknown_technology',
  },
  {
    name: 'no sites at all',
    args: ['--no-default-sites'],
    body: { noDefaultSites: true },
    status: 400,
    code: 'invalid_input',
  },
];

describe.each(testDialects())('optimise: the CLI and the API give the same answers on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(dialect);
  });
  afterAll(async () => {
    await api?.store.dispose();
  });

  it.each(CASES)('$name', async ({ args, body }) => {
    const cli = await runCli(['optimize', '--format', 'json', ...args]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const res = await api.request('/api/optimise', jsonInit('POST', body));
    expect(res.status).toBe(202);
    const job = await poll(api, ((await res.json()) as Job).id);
    expect(job.error).toBeUndefined();
    expect(job.stage).toBe('done');
    const fromCli = JSON.parse(cli.stdout) as Record<string, unknown>;
    expect(Object.keys(job.result ?? {})).toEqual(Object.keys(fromCli));
    expect(job.result).toEqual(fromCli);
  });

  it.each(REFUSED)('refuses alike: $name', async ({ args, body, status, code }) => {
    const cli = await runCli(['optimize', '--format', 'json', ...args]);
    expect(cli.code).toBe(2);
    const res = await api.request('/api/optimise', jsonInit('POST', body));
    expect(res.status).toBe(status);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe(code);
    expect(cli.stderr.split('\n')[0]).toBe(`restverdi: ${error.message}`);
  });
});
