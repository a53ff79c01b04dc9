/**
 * Road distances on the shipped N1000 network, against published road distances, and the rules a
 * distance must keep: never below the great circle, a car ferry where the trip needs one, and
 * gathering inside a municipality that is never zero.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm, type LatLon } from '../domain/geo.ts';
import { openDataFiles } from './data-files.ts';

const files = openDataFiles();
const roads = files.roads();
const d = roads.distances;

// Town centres (the towns' published coordinates, Wikipedia / Kartverket's place names).
const TOWN: Record<string, LatLon> = {
  oslo: { lat: 59.9127, lon: 10.7461 },
  trondheim: { lat: 63.4305, lon: 10.3951 },
  bergen: { lat: 60.3913, lon: 5.3221 },
  gjovik: { lat: 60.7957, lon: 10.6916 },
  honefoss: { lat: 60.168, lon: 10.2566 },
  hamar: { lat: 60.7945, lon: 11.068 },
  stavanger: { lat: 58.97, lon: 5.7331 },
};

describe('road distances on N1000', () => {
  // Commonly published road distances (the road authorities' and map services' route planners):
  // within 10 %. N1000 is generalised, so it runs a few per cent short on winding roads.
  it.each([
    ['oslo', 'trondheim', 495],
    ['oslo', 'bergen', 463],
    ['oslo', 'gjovik', 125],
    ['gjovik', 'honefoss', 87.5],
    ['gjovik', 'hamar', 45],
  ] as const)('%s–%s is within 10 %% of %d km', (a, b, published) => {
    const leg = d.between(TOWN[a] as LatLon, TOWN[b] as LatLon);
    expect(leg.method).toBe('road');
    expect(Math.abs(leg.km + leg.ferryKm - published) / published).toBeLessThan(0.1);
    expect(leg.ferries).toBe(0);
  });

  it('takes a car ferry where the trip needs one (Bergen–Stavanger on the E39) and charges its fare', () => {
    const leg = d.between(TOWN.bergen as LatLon, TOWN.stavanger as LatLon);
    expect(leg.ferries).toBeGreaterThanOrEqual(1);
    expect(leg.ferryKm).toBeGreaterThan(5);
    const fare = files.transport().road.params.ferry.fareNokPerTonne;
    expect(leg.ferryNokPerTonne).toBeCloseTo(leg.ferries * fare, 9);
    // The crossing's time is its wait plus its sailing, on top of the driving.
    expect(leg.hours).toBeGreaterThan(leg.km / 80 + 0.25 * leg.ferries);
  });

  it('is never below the great-circle distance between the municipalities’ origin points and any site', () => {
    const origins = roads.origins.municipalities;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: origins.length - 1 }),
        fc.integer({ min: 0, max: origins.length - 1 }),
        fc.constantFrom('farmland', 'forest', 'settlement'),
        (i, j, cls) => {
          const from = origins[i] as (typeof origins)[number];
          const to = origins[j] as (typeof origins)[number];
          const site = { id: 'x', position: to.settlement };
          const leg = d.leg(from.number, site, cls) as NonNullable<ReturnType<typeof d.leg>>;
          const gc = haversineKm(from[cls], to.settlement);
          expect(leg.km + leg.ferryKm).toBeGreaterThanOrEqual(gc - 1e-9);
        },
      ),
      { numRuns: 300, seed: 15 },
    );
  });

  it('counts gathering inside a municipality: a site at its own origin point is not 0 km away', () => {
    const gjovik = roads.origins.municipalities.find((m) => m.number === '3407');
    const leg = d.leg('3407', { id: 'x', position: gjovik?.settlement as LatLon }, 'settlement');
    const expected = files.transport().road.gatherFactor * (gjovik?.areaRadiusKm as number) * 1.35;
    expect(leg?.km).toBeCloseTo(expected, 6);
    expect(leg?.km).toBeGreaterThan(5);
  });

  it('starts food waste in the town, not at the centroid (Gjøvik: centroid 16 km west of the town)', () => {
    const gjovik = roads.origins.municipalities.find((m) => m.number === '3407');
    const centroid = files.centroids().get('3407') as LatLon;
    expect(haversineKm(centroid, TOWN.gjovik as LatLon)).toBeGreaterThan(14);
    expect(haversineKm(gjovik?.settlement as LatLon, TOWN.gjovik as LatLon)).toBeLessThan(3);
    const ringerike = roads.origins.municipalities.find((m) => m.number === '3305');
    expect(haversineKm(ringerike?.settlement as LatLon, TOWN.honefoss as LatLon)).toBeLessThan(3);
  });

  it('calibrates a detour factor for every county with more than one municipality, and Norway', () => {
    const f = new Map(roads.detour.factors.map((x) => [x.area, x]));
    expect(f.size).toBe(15); // 14 counties (Oslo is one municipality) and NO
    for (const x of f.values()) {
      expect(x.factor).toBeGreaterThan(1);
      expect(x.q1).toBeLessThanOrEqual(x.factor);
      expect(x.q3).toBeGreaterThanOrEqual(x.factor);
    }
    // The fjord counties wind more than the inland ones.
    expect(f.get('46')?.factor).toBeGreaterThan(f.get('34')?.factor as number);
  });

  it('reports the factors in docs/roads.md as data/roads/detour-factors.json has them', () => {
    const doc = readFileSync(new URL('../../docs/roads.md', import.meta.url), 'utf8');
    for (const f of roads.detour.factors) {
      const row = `| ${f.area} | ${f.name} | ${f.factor.toFixed(2)} | ${f.q1.toFixed(2)}–${f.q3.toFixed(2)} | ${f.pairs} |`;
      expect(doc).toContain(row);
    }
  });

  it('loads the graph and its origins in one piece', () => {
    expect(roads.graph.nodes).toBe(d.graph.size);
    expect(roads.origins.municipalities).toHaveLength(357);
    expect(roads.graph.left).toEqual({ sti: 924, barmarksløype: 62, passasjerferje: 25 });
    expect(roads.graph.ferries).toBe(240);
  });
});
