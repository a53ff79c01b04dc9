/** The road graph on a hand-made network: paths by cost, ferries with a fare and a time of their own. */
import { describe, expect, it } from 'vitest';
import { legFromReach, RoadGraph, type RoadNetwork, type RoadParams } from './roads.ts';

// Nodes 0 and 2 are 200 km apart by road (through 1) and 10 km apart by car ferry.
const network: RoadNetwork = {
  lat: Float64Array.from([60, 60.5, 61]),
  lon: Float64Array.from([10, 10.5, 10]),
  from: Int32Array.from([0, 1, 0]),
  to: Int32Array.from([1, 2, 2]),
  km: Float64Array.from([100, 100, 10]),
  roadClass: Uint8Array.from([0, 2, 2]),
  ferry: Uint8Array.from([0, 0, 1]),
};
const params = (fare: number): RoadParams => ({
  speedKmh: { E: 80, R: 70, F: 50, K: 50, P: 40 },
  ferry: { speedKmh: 20, waitHours: 0.5, fareNokPerTonne: fare },
  costNokPerTonneKm: 3,
});

describe('RoadGraph', () => {
  it('takes the ferry when its fare is below the road’s cost (25 NOK/t against 200 km × 3 NOK)', () => {
    const r = new RoadGraph(network, params(25)).reach(0);
    expect([r.roadKm[2], r.ferryKm[2], r.ferries[2], r.cost[2]]).toEqual([0, 10, 1, 25]);
    expect(r.hours[2]).toBeCloseTo(0.5 + 10 / 20, 12);
  });

  it('drives round when the fare is dearer than the road, with each road class at its speed', () => {
    const r = new RoadGraph(network, params(1000)).reach(0);
    expect([r.roadKm[2], r.ferryKm[2], r.ferries[2], r.cost[2]]).toEqual([200, 0, 0, 600]);
    expect(r.hours[2]).toBeCloseTo(100 / 80 + 100 / 50, 12);
  });

  it('finds the nearest node to a point', () => {
    const g = new RoadGraph(network, params(25));
    expect(g.nearest({ lat: 60.49, lon: 10.49 }).node).toBe(1);
  });
});

describe('legFromReach', () => {
  const reach = new RoadGraph(network, params(1000)).reach(0);
  const p = { lastMileDetour: 1.5, lastMileSpeedKmh: 30 };

  it('adds the last miles at both ends × the detour, and gathering as √(road² + gather²)', () => {
    const leg = legFromReach(reach, { node: 0, snapKm: 2 }, { node: 1, snapKm: 4 }, 30, 25, p);
    const road = 100 + (2 + 4) * 1.5;
    expect(leg?.km).toBeCloseTo(Math.sqrt(road * road + 30 * 30), 12);
    expect(leg?.method).toBe('road');
  });

  it('is the gathering distance alone where the site stands at the origin', () => {
    const leg = legFromReach(reach, { node: 0, snapKm: 0 }, { node: 0, snapKm: 0 }, 12, 25, p);
    expect(leg?.km).toBe(12);
    expect(leg?.hours).toBeCloseTo(12 / 30, 12);
  });

  it('is undefined where the network does not reach', () => {
    // Node 2 on an island: no link reaches it.
    const cut: RoadNetwork = {
      ...network,
      from: Int32Array.from([0]),
      to: Int32Array.from([1]),
      km: Float64Array.from([1]),
      roadClass: Uint8Array.from([0]),
      ferry: Uint8Array.from([0]),
    };
    const r = new RoadGraph(cut, params(25)).reach(0);
    expect(legFromReach(r, { node: 0, snapKm: 0 }, { node: 2, snapKm: 0 }, 5, 25, p)).toBeUndefined();
  });
});
