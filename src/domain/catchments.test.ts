/**
 * Catchments and their overlap on a small hand-made network with a known answer: a straight road of
 * ten 10 km links (nodes 0–10), site A at node 0 and site B at node 10, each with a 60 km radius.
 */
import { describe, expect, it } from 'vitest';
import type { Flow, SiteResult } from './allocation/result.ts';
import { catchments, competitionOutcome, type MunicipalityRoads } from './catchments.ts';
import { type MunicipalityOrigins, RoadDistances } from './distances.ts';
import type { OriginPoint } from './origins.ts';
import { RoadGraph, type RoadNetwork } from './roads.ts';

const N = 11;
const network: RoadNetwork = {
  lat: Float64Array.from({ length: N }, (_, i) => 60 + i * 0.09),
  lon: new Float64Array(N).fill(10),
  from: Int32Array.from({ length: N - 1 }, (_, i) => i),
  to: Int32Array.from({ length: N - 1 }, (_, i) => i + 1),
  km: new Float64Array(N - 1).fill(10),
  roadClass: new Uint8Array(N - 1).fill(2),
  ferry: new Uint8Array(N - 1),
};
const graph = new RoadGraph(network, {
  speedKmh: { E: 80, R: 70, F: 60, K: 50, P: 40 },
  ferry: { speedKmh: 20, waitHours: 0.5, fareNokPerTonne: 25 },
  costNokPerTonneKm: 3,
});
const at = (node: number): OriginPoint => ({
  lat: network.lat[node] as number,
  lon: 10,
  node,
  snapKm: 0,
  method: 'density-peak',
});
const origin = (number: string, node: number): MunicipalityOrigins => ({
  number,
  county: '34',
  areaRadiusKm: 0,
  farmland: at(node),
  forest: at(node),
  settlement: at(node),
});
const distances = new RoadDistances(
  graph,
  new Map([
    ['m1', origin('m1', 1)],
    ['m2', origin('m2', 5)],
    ['m3', origin('m3', 9)],
  ]),
  {
    leg: { lastMileDetour: 1.35, lastMileSpeedKmh: 35 },
    gatherFactor: 0.5,
    detourFactor: () => 1.3,
  },
);
// m1: nodes 0–2, m2: nodes 3–7, m3: nodes 8–10; every node weighs alike.
const roads: MunicipalityRoads[] = [
  { number: 'm1', nodes: [0, 1, 2], weights: [1, 1, 1] },
  { number: 'm2', nodes: [3, 4, 5, 6, 7], weights: [1, 1, 1, 1, 1] },
  { number: 'm3', nodes: [8, 9, 10], weights: [1, 1, 1] },
];
const sites = [
  { id: 'a', position: { lat: network.lat[0] as number, lon: 10 }, radiusKm: 60, accepts: ['k', 'only-a'] },
  { id: 'b', position: { lat: network.lat[10] as number, lon: 10 }, radiusKm: 60, accepts: ['k'] },
];
const supplies = [
  { municipality: 'm1', kind: 'k', tonnesWet: 100 },
  { municipality: 'm2', kind: 'k', tonnesWet: 1000 },
  { municipality: 'm2', kind: 'only-a', tonnesWet: 50 },
  { municipality: 'm3', kind: 'k', tonnesWet: 300 },
];

describe('catchments on a hand-made road', () => {
  const answer = catchments(distances, sites, roads, supplies);

  it('reaches the nodes within the radius: A nodes 0–6, B nodes 4–10', () => {
    const [a, b] = answer.catchments;
    expect(a?.municipalities).toEqual([
      { number: 'm1', share: 1, km: 10 },
      { number: 'm2', share: 0.8, km: 50 },
    ]);
    expect(b?.municipalities).toEqual([
      { number: 'm3', share: 1, km: 10 },
      { number: 'm2', share: 0.8, km: 50 },
    ]);
    // Supply × share of the kinds each takes.
    expect(a?.tonnes).toEqual([
      { kind: 'k', tonnes: 900 },
      { kind: 'only-a', tonnes: 40 },
    ]);
    expect(b?.tonnes).toEqual([{ kind: 'k', tonnes: 1100 }]);
  });

  it('finds the overlap (m2’s nodes 4–6, share 0.6) and the tonnes both want (600 t of k)', () => {
    expect(answer.competition).toHaveLength(1);
    const c = answer.competition[0];
    expect(c?.sites).toEqual(['a', 'b']);
    expect(c?.kinds).toEqual(['k']);
    expect(c?.municipalities.map((m) => [m.number, Number(m.share.toFixed(9))])).toEqual([['m2', 0.6]]);
    expect(c?.totalTonnes).toBeCloseTo(600, 9);
  });

  it('reads who gets the contested tonnes from the flows (pro rata to the shared share), with the shadow prices', () => {
    const flow = (site: string, from: string, tonnes: number) => ({ site, from, kind: 'k', tonnes }) as Flow;
    const siteResult = (id: string, shadow: number, binds: boolean) =>
      ({ id, shadowPriceNokPerTonne: shadow, capacityBinds: binds }) as SiteResult;
    const outcome = competitionOutcome(
      answer.competition[0] as (typeof answer.competition)[number],
      [flow('a', 'm2', 700), flow('b', 'm2', 200), flow('b', 'm3', 300)],
      [siteResult('a', 120, true), siteResult('b', 0, false)],
    );
    // m2's flows × 0.6 (m3 is not shared): 700 × 0.6 and 200 × 0.6 of the 600 contested.
    expect(outcome.received.map((r) => [r.site, Number(r.tonnes.toFixed(9))])).toEqual([
      ['a', 420],
      ['b', 120],
    ]);
    expect(outcome.received[0]).toMatchObject({ shadowPriceNokPerTonne: 120, capacityBinds: true });
    expect(outcome.elsewhereTonnes).toBeCloseTo(60, 9);
  });

  it('finds no competition when the radii do not overlap', () => {
    const small = sites.map((s) => ({ ...s, radiusKm: 40 }));
    expect(catchments(distances, small, roads, supplies).competition).toEqual([]);
  });

  it('draws each catchment as an outline around the nodes it reaches', () => {
    const outline = answer.catchments[0]?.outline ?? [];
    const lats = outline.map((p) => p[1]);
    expect(Math.min(...lats)).toBeCloseTo(network.lat[0] as number, 9);
    expect(Math.max(...lats)).toBeCloseTo(network.lat[6] as number, 9);
  });
});
