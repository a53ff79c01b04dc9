/**
 * `restverdi catchments` and /api/catchments on the reference region: each planned plant's catchment by
 * road, the feedstock plants compete for and who gets it, the same answer from both shells, and the
 * what-if (a plant added, resized, moved or removed) answered beside the region's own sites.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_HEADERS, useTestApi } from './helpers/api.ts';
import { run } from './helpers/cli.ts';

interface Answer {
  region: string;
  distances: { code: string; text: string };
  sites: { id: string; radiusKm: number; inflowTonnesWet: number; capacityTonnes: number; lat: number }[];
  catchments: {
    site: string;
    radiusKm: number;
    municipalities: { number: string; share: number; km: number | null }[];
    tonnes: { kind: string; tonnes: number }[];
    outline: [number, number][] | null;
  }[];
  competition: {
    sites: [string, string];
    kinds: string[];
    totalTonnes: number;
    municipalities: { number: string; share: number }[];
    outcome: { received: { site: string; tonnes: number }[] };
  }[];
  allocation: { valueNok: number; unservedTonnes: { kind: string; tonnes: number }[] };
  whatIf?: {
    baseline: { allocation: { valueNok: number } };
    changes: { site: string; change: string; inflowTonnesWet: { before: number; after: number } }[];
  };
}

const json = async (...args: string[]) => {
  const r = await run('catchments', '--format', 'json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Answer;
};

const dir = mkdtempSync(join(tmpdir(), 'restverdi-catchments-'));

describe('restverdi catchments', () => {
  it('gives each site a catchment by road within its radius, its share of each municipality reached', async () => {
    const a = await json();
    expect(a.distances.code).toBe('transport_distances');
    expect(a.catchments.map((c) => c.site)).toEqual(a.sites.map((s) => s.id));
    for (const c of a.catchments) {
      for (const m of c.municipalities) {
        expect(m.share).toBeGreaterThan(0);
        expect(m.share).toBeLessThanOrEqual(1 + 1e-12);
      }
      expect(c.outline?.length).toBeGreaterThan(3);
    }
    // HRA at Jevnaker (30 km) reaches all of Jevnaker and none of the Gjøvik region.
    const hra = a.catchments.find((c) => c.site === 'hra-jevnaker');
    expect(hra?.municipalities.find((m) => m.number === '3236')?.share).toBe(1);
    expect(hra?.municipalities.some((m) => m.number === '3407')).toBe(false);
    // Havila at Rudshøgda (50 km, the report's "typically 50 km") reaches Gjøvik: «Deler av jordbruket i
    // Gjøvik kommune er dermed innenfor aktuell transportdistanse».
    expect(a.catchments.find((c) => c.site === 'havila-rudshogda')?.municipalities[0]?.number).toBe('3407');
  });

  it('names the feedstock plants compete for where catchments overlap, and who gets it at the optimum', async () => {
    const a = await json();
    expect(a.competition.length).toBeGreaterThan(0);
    const biochar = a.competition.find(
      (c) => c.sites.includes('obio-rudshogda') && c.sites.includes('vow-follum'),
    );
    expect(biochar?.kinds).toContain('grot');
    expect(biochar?.totalTonnes).toBeGreaterThan(1000);
    for (const c of a.competition) {
      expect(c.totalTonnes).toBeGreaterThan(0);
      expect(c.outcome.received.map((r) => r.site)).toEqual(c.sites);
      // What a site gets from the shared municipalities is within what it takes in all.
      for (const r of c.outcome.received) {
        const site = a.sites.find((s) => s.id === r.site);
        expect(r.tonnes).toBeLessThanOrEqual((site?.inflowTonnesWet ?? 0) + 1e-6);
      }
    }
  });

  it('answers a plant resized and one removed beside the region’s own sites', async () => {
    const sitesFile = join(dir, 'bigger.json');
    writeFileSync(
      sitesFile,
      JSON.stringify({
        sites: [
          {
            id: 'hra-jevnaker',
            name: 'HRA biogassanlegg, Jevnaker (utvidet)',
            technology: 'anaerobic-digestion',
            route: ['anaerobic-digestion', 'biogas-upgrading'],
            municipality: '3236',
            capacityTonnes: 60000,
            basis: 'wet',
            transportRadiusKm: 60,
            status: 'planned',
          },
        ],
      }),
    );
    const a = await json('--sites', sitesFile, '--without', 'havila-rudshogda');
    expect(a.sites.find((s) => s.id === 'hra-jevnaker')).toMatchObject({
      capacityTonnes: 60000,
      radiusKm: 60,
    });
    expect(a.sites.some((s) => s.id === 'havila-rudshogda')).toBe(false);
    const changes = new Map(a.whatIf?.changes.map((c) => [c.site, c]));
    expect(changes.get('hra-jevnaker')?.change).toBe('changed');
    expect(changes.get('havila-rudshogda')?.change).toBe('removed');
    expect(changes.get('havila-rudshogda')?.inflowTonnesWet.after).toBe(0);
    expect(changes.get('havila-rudshogda')?.inflowTonnesWet.before).toBeGreaterThan(0);
    expect(changes.get('hra-jevnaker')?.inflowTonnesWet.after).toBeGreaterThan(
      changes.get('hra-jevnaker')?.inflowTonnesWet.before as number,
    );
    // A bigger radius reaches more.
    const hra = a.catchments.find((c) => c.site === 'hra-jevnaker');
    expect(hra?.municipalities.length).toBeGreaterThan(5);
    expect(a.whatIf?.baseline.allocation.valueNok).not.toBe(a.allocation.valueNok);
  });

  it('answers any region: Innlandet with two plants of the caller’s, vegetable residues set aside and named', async () => {
    const file = join(dir, 'innlandet.json');
    const plant = (id: string, municipality: string, radius: number) => ({
      id,
      name: id,
      technology: 'anaerobic-digestion',
      municipality,
      capacityTonnes: 30000,
      basis: 'wet',
      status: 'planned',
      transportRadiusKm: radius,
    });
    writeFileSync(
      file,
      JSON.stringify({ sites: [plant('hamar', '3403', 50), plant('lillehammer', '3405', 60)] }),
    );
    const a = await json('--region', 'innlandet', '--profile', 'literature', '--sites', file);
    expect(a.catchments.map((c) => c.site)).toEqual(['hamar', 'lillehammer']);
    const c = a.competition.find((x) => x.sites.join() === 'hamar,lillehammer');
    expect(c?.kinds).toContain('husdyrgjodsel');
    expect((a as unknown as { notEstimated: { kind: string }[] }).notEstimated.map((n) => n.kind)).toEqual([
      'gronnsaksrest',
    ]);
    // No sites of its own: both are added against every stream in its current use.
    expect(a.whatIf?.changes.map((x) => x.change)).toEqual(['added', 'added']);
  });

  it('refuses to leave out a site the region does not have, naming the sites it has', async () => {
    const r = await run('catchments', '--without', 'nowhere');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/nowhere/);
    expect(r.stderr).toMatch(/hra-jevnaker/);
  });

  it('prints the tables in bokmål by default', async () => {
    const r = await run('catchments');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Nedslagsfelt langs veg og konkurranse om råstoff/);
    expect(r.stdout).toMatch(/Konkurranse der feltene overlapper/);
    expect(r.stdout).toMatch(/Vegavstand på N1000-vegnettet/);
  });
});

describe('/api/catchments', () => {
  const api = useTestApi('sqlite');

  it('answers GET as the CLI answers, and POST a moved plant beside the region’s own', async () => {
    const cli = await json();
    const res = await api.get('/api/catchments?region=gjovik-hadeland-ringerike');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(cli);
    const moved = await api.request('/api/catchments', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({
        sites: [
          {
            id: 'vow-follum',
            name: 'Vow biokull flyttet til Gran',
            technology: 'slow-pyrolysis',
            municipality: '3446',
            capacityTonnes: 5000,
            basis: 'dm',
            status: 'pilot',
          },
        ],
      }),
    });
    expect(moved.status).toBe(200);
    const a = (await moved.json()) as Answer;
    expect(a.whatIf?.changes.find((c) => c.site === 'vow-follum')?.change).toBe('changed');
    expect(a.sites.find((s) => s.id === 'vow-follum')?.lat).not.toBe(
      cli.sites.find((s) => s.id === 'vow-follum')?.lat,
    );
  });

  it('refuses a bad body with 400 naming the field', async () => {
    const res = await api.request('/api/catchments', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ distances: 'crow' }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/distances/);
  });
});
