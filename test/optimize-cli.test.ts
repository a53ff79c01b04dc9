/**
 * `restverdi optimize` end to end, in-process, on the reference region and the project's own data:
 * exit codes, the JSON keys planners' tools rely on, the balance of the answer (supply, capacity,
 * radius), bad sites files listed problem by problem, and the written MPS model read back by HiGHS.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { solveMpsText } from '../src/solver/highs.ts';
import { run } from './helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'restverdi-optimize-'));

interface Json {
  status: string;
  objective: number;
  valueNok: number;
  co2eTonnes: number;
  upliftNok: number;
  baseline: { valueNok: number; co2eTonnes: number };
  flows: { from: string; kind: string; site: string; tonnes: number; km: number; route: string[] }[];
  sites: {
    id: string;
    usedTonnes: number;
    capacityTonnes: number;
    shadowPriceNokPerTonne: number | null;
    radiusKm: number;
    capacityBinds: boolean;
  }[];
  unallocated: { municipality: string; kind: string; tonnes: number; reason: string }[];
  streams: { kind: string; supplyTonnes: number; allocatedTonnes: number }[];
  model: { columns: number; rows: number };
}

describe('restverdi optimize', () => {
  it('answers for the reference region with the JSON keys the issue names, and a balance that closes', async () => {
    const r = await run('optimize', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    for (const key of [
      'status',
      'objective',
      'valueNok',
      'co2eTonnes',
      'flows',
      'sites',
      'unallocated',
      'baseline',
      'upliftNok',
    ])
      expect(j).toHaveProperty(key);
    expect(j.status).toBe('optimal');
    expect(j.objective).toBeCloseTo(j.valueNok, 0);
    expect(j.upliftNok).toBeGreaterThan(0);
    expect(j.upliftNok).toBeCloseTo(j.valueNok - j.baseline.valueNok, 0);
    // Supply: allocated + unallocated = supply, per stream.
    for (const s of j.streams) {
      const left = j.unallocated.filter((u) => u.kind === s.kind).reduce((a, u) => a + u.tonnes, 0);
      expect(s.allocatedTonnes + left, s.kind).toBeCloseTo(s.supplyTonnes, 3);
    }
    // Capacity and radius.
    for (const site of j.sites) {
      expect(site.usedTonnes).toBeLessThanOrEqual(site.capacityTonnes * (1 + 1e-9));
      for (const f of j.flows.filter((x) => x.site === site.id))
        expect(f.km).toBeLessThanOrEqual(site.radiusKm + 1e-9);
      expect(site).toHaveProperty('shadowPriceNokPerTonne');
    }
    // Manure never goes to feed or food.
    expect(
      j.flows
        .filter((f) => f.kind === 'husdyrgjodsel')
        .every((f) => !f.route.some((t) => /larver|for/.test(t))),
    ).toBe(true);
    // The sludge plant takes sludge only; the report profile has none.
    expect(j.flows.some((f) => f.site === 'slambehandling-gjovik')).toBe(false);
  });

  it('is also called optimise, and prints tables that explain shadow prices', async () => {
    const r = await run('optimise', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Shadow price NOK\/t/);
    expect(r.stdout).toMatch(/one more tonne of annual capacity/);
    expect(r.stdout).toMatch(/Not allocated/);
  });

  it('maximises CO2e, or value plus a CO2e price', async () => {
    const co2e = JSON.parse(
      (await run('optimize', '--objective', 'co2e', '--format', 'json')).stdout,
    ) as Json;
    const value = JSON.parse((await run('optimize', '--format', 'json')).stdout) as Json;
    expect(co2e.co2eTonnes).toBeGreaterThanOrEqual(value.co2eTonnes - 1e-6);
    expect(value.valueNok).toBeGreaterThanOrEqual(co2e.valueNok - 1e-3);
    const w = await run('optimize', '--objective', 'weighted', '--co2e-price', '2000', '--format', 'json');
    expect(w.code).toBe(0);
    expect((await run('optimize', '--objective', 'weighted')).code).toBe(2);
  });

  it('writes the exact model as MPS, which HiGHS reads back to the same optimum', async () => {
    const file = join(dir, 'model.mps');
    const r = await run('optimize', '--format', 'json', '--write-model', file);
    const j = JSON.parse(r.stdout) as Json;
    const mps = readFileSync(file, 'utf8');
    expect(mps).toMatch(/^NAME restverdi-allocation$/m);
    const again = await solveMpsText(mps);
    expect(again.status).toBe('optimal');
    expect(again.objective).toBeCloseTo(j.objective, 2);
  });

  it('adds sites from a file and takes road distances from a CSV', async () => {
    const sites = join(dir, 'sites.json');
    writeFileSync(
      sites,
      JSON.stringify({
        sites: [
          {
            id: 'big-pyrolysis',
            name: 'Stor pyrolyse',
            technology: 'slow-pyrolysis',
            municipality: '3446',
            capacityTonnes: 50000,
            basis: 'dm',
            status: 'planned',
          },
        ],
      }),
    );
    const distances = join(dir, 'distances.csv');
    writeFileSync(distances, 'from,to,km\n3446,big-pyrolysis,5\n3407,big-pyrolysis,500\n');
    const j = JSON.parse(
      (await run('optimize', '--sites', sites, '--distances', distances, '--format', 'json')).stdout,
    ) as Json;
    const big = j.flows.filter((f) => f.site === 'big-pyrolysis');
    expect(big.length).toBeGreaterThan(0);
    expect(big.find((f) => f.from === '3446')?.km).toBe(5);
    expect(big.some((f) => f.from === '3407')).toBe(false);
  });

  it('lists every problem of a bad sites file with its path, and exits 2', async () => {
    const bad = join(dir, 'bad-sites.json');
    writeFileSync(
      bad,
      JSON.stringify({
        sites: [
          {
            id: 'a',
            name: 'A',
            technology: 'no-such-tech',
            municipality: '3407',
            capacityTonnes: 100,
            basis: 'wet',
            status: 'planned',
          },
          {
            id: 'b',
            name: 'B',
            technology: 'slow-pyrolysis',
            capacityTonnes: -1,
            basis: 'wet',
            status: 'maybe',
          },
          {
            id: 'c',
            name: 'C',
            technology: 'anaerobic-digestion',
            municipality: '9999',
            capacityTonnes: 10,
            basis: 'wet',
            status: 'planned',
            accepts: ['bark'],
          },
        ],
      }),
    );
    const r = await run('optimize', '--sites', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sites\[1\]\.capacityTonnes/);
    expect(r.stderr).toMatch(/sites\[1\]\.status/);
    expect(r.stderr).toMatch(/sites\[1\]\.municipality/);
    const semantic = join(dir, 'semantic-sites.json');
    const ok = JSON.parse(readFileSync(bad, 'utf8')) as { sites: Record<string, unknown>[] };
    ok.sites.splice(1, 1);
    writeFileSync(semantic, JSON.stringify(ok));
    const s = await run('optimize', '--sites', semantic);
    expect(s.code).toBe(2);
    // In the CLI's language (bokmål unless --lang en).
    expect(s.stderr).toMatch(/sites\[0\]\.technology: Ukjent teknologi «no-such-tech»/);
    expect(s.stderr).toMatch(/sites\[1\]\.accepts\[0\]: anaerobic-digestion tar ikke imot bark/);
    expect(s.stderr).toMatch(/sites\[1\]\.municipality: 9999: finnes ikke i dagens inndeling/);
  });

  it('names the limit when a minimum intake cannot be met, and exits 2', async () => {
    const file = join(dir, 'minimum.json');
    writeFileSync(
      file,
      JSON.stringify({
        sites: [
          {
            id: 'hungry',
            name: 'H',
            technology: 'composting',
            municipality: '3318',
            capacityTonnes: 900000,
            minimumIntakeTonnes: 800000,
            basis: 'wet',
            status: 'planned',
          },
        ],
      }),
    );
    const r = await run('optimize', '--sites', file, '--no-default-sites');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^restverdi: Ingen fordeling \(infeasible\)/);
    expect(r.stderr).toMatch(/limit: Anlegget hungry trenger minst 800\s000 tonn våtvekt i året/);
  });

  it('opens candidate sites only where they pay (MIP)', async () => {
    const r = await run(
      'optimize',
      '--candidates',
      '--candidate-technologies',
      'slow-pyrolysis',
      '--no-default-sites',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Omit<Json, 'sites' | 'model'> & {
      sites: { open: boolean; shadowPriceNokPerTonne: number | null }[];
      model: { integer: boolean };
    };
    expect(j.model.integer).toBe(true);
    expect(j.sites.some((s) => s.open)).toBe(true);
    expect(j.sites.every((s) => s.shadowPriceNokPerTonne === null)).toBe(true);
  });

  it('rejects bad options with exit 2', async () => {
    expect((await run('optimize', '--objective', 'money')).code).toBe(2);
    expect((await run('optimize', '--co2e-price', '100')).code).toBe(2);
    expect((await run('optimize', '--region', 'atlantis')).code).toBe(2);
    expect((await run('optimize', '--distances', join(dir, 'none.csv'))).code).toBe(2);
  });
});
