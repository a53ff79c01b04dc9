import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from '../../../test/helpers/api.ts';
import { testDialects } from '../../../test/helpers/stores.ts';
import { BOKMAL, ENGLISH } from '../../messages/words/tell-tales.ts';

interface Job {
  id: string;
  stage: string;
  progress: number;
  result?: {
    status: string;
    valueNok: number;
    upliftNok: number;
    sites: { id: string; shadowPriceNokPerTonne?: number | null }[];
  };
  error?: { code: string; message: string };
}

async function poll(api: TestApi, id: string): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const res = await api.request(`/api/optimise/${id}`);
    expect(res.status).toBe(200);
    const job = (await res.json()) as Job;
    if (job.stage === 'done' || job.stage === 'failed') return job;
    expect(job.progress).toBeGreaterThanOrEqual(0);
    expect(job.progress).toBeLessThan(1);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the run did not finish');
}

const post = (body: unknown) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

describe.each(testDialects())('the optimiser over the API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(dialect);
  });
  afterAll(async () => {
    await api?.store.dispose();
  });

  it('starts a run with 202, reports its stage, and gives the allocation when done', async () => {
    const res = await api.request('/api/optimise', post({ objective: 'value' }));
    expect(res.status).toBe(202);
    const started = (await res.json()) as Job;
    expect(started.id).toMatch(/^[0-9a-f-]{36}$/);
    const job = await poll(api, started.id);
    expect(job.stage).toBe('done');
    expect(job.progress).toBe(1);
    expect(job.result?.status).toBe('optimal');
    expect(job.result?.upliftNok).toBeGreaterThanOrEqual(0);
    expect(job.result?.sites.length).toBeGreaterThan(0);
  });

  it('gives the same allocation as the CLI’s JSON for the same options', async () => {
    const { main } = await import('../../cli/main.ts');
    let out = '';
    await main(['node', 'restverdi', 'optimize', '--format', 'json'], {
      out: (s) => {
        out += s;
      },
      err: () => {},
    });
    const cli = JSON.parse(out) as { valueNok: number };
    const job = await poll(api, ((await (await api.request('/api/optimise', post({}))).json()) as Job).id);
    expect(job.result?.valueNok).toBeCloseTo(cli.valueNok, 3);
  });

  it('says the result’s messages in the language of each poll, codes kept', async () => {
    const started = (await (await api.request('/api/optimise', post({}))).json()) as Job;
    await poll(api, started.id);
    type Said = { code: string; text: string };
    const read = async (query: string) =>
      (await (await api.request(`/api/optimise/${started.id}${query}`)).json()) as {
        result: { unallocated: { detail: Said }[]; transport: { distances: Said } };
      };
    const nb = (await read('')).result;
    const en = (await read('?lang=en')).result;
    expect(nb.unallocated.length).toBeGreaterThan(0);
    expect(nb.unallocated.map((u) => u.detail.code)).toEqual(en.unallocated.map((u) => u.detail.code));
    for (const u of nb.unallocated) expect(u.detail.text).not.toMatch(ENGLISH);
    for (const u of en.unallocated) expect(u.detail.text).not.toMatch(BOKMAL);
    expect(nb.transport.distances.text).toBe('Vegavstand på N1000-vegnettet');
    expect(en.transport.distances.text).toBe('Road distance on the N1000 network');
  });

  it('refuses bad options with 400 before starting, listing every problem', async () => {
    const res = await api.request(
      '/api/optimise',
      post({ objective: 'weighted', bogus: 1, region: 'Bad Region' }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['body.bogus', 'body.region']),
    );
    const weighted = await api.request('/api/optimise', post({ objective: 'weighted' }));
    expect(weighted.status).toBe(400);
    expect(((await weighted.json()) as { error: { message: string } }).error.message).toMatch(/CO2e-pris/);
    const en = await api.request('/api/optimise?lang=en', post({ objective: 'weighted' }));
    expect(((await en.json()) as { error: { message: string } }).error.message).toBe(
      'The weighted objective needs a CO2e price (NOK per t CO2e, at least 0)',
    );
  });

  it('refuses a posted site that is wrong, naming its path', async () => {
    const res = await api.request(
      '/api/optimise',
      post({ sites: [{ id: 'x', technology: 'no-such-technology', capacityTonnes: -5 }] }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues.length).toBeGreaterThan(0);
    expect(body.error.issues.every((i) => i.path.startsWith('body:sites[0]'))).toBe(true);
  });

  it('answers 404 for a run it does not know', async () => {
    const res = await api.request('/api/optimise/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
  });
});
