/**
 * The road network as a graph: one shortest-path run from a site gives its road distance, time and
 * ferry crossings to every node, and so to every municipality's origin points (`legFromReach`).
 * Links are Kartverket's N1000 roads and car ferries (data/roads/n1000-graph.json, built by
 * `npm run data`); the path minimises the cost of hauling a tonne (road km × cost per t·km, a ferry's
 * fare per tonne), and reports the road km, ferry km and hours along it. The graph and its
 * single-source Dijkstra are graphology's.
 */
import { UndirectedGraph } from 'graphology';
import { createDijkstraIndexedBrandes } from 'graphology-shortest-path/indexed-brandes.js';
import { haversineKm, type LatLon } from './geo.ts';

export const ROAD_CLASSES = ['E', 'R', 'F', 'K', 'P'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

/** The network in compact arrays: nodes by index, links between them. */
export interface RoadNetwork {
  lat: Float64Array;
  lon: Float64Array;
  from: Int32Array;
  to: Int32Array;
  km: Float64Array;
  /** Index into ROAD_CLASSES. */
  roadClass: Uint8Array;
  /** 1 for a car ferry. */
  ferry: Uint8Array;
}

export interface RoadParams {
  /** Mean truck speed per road class, km/h. */
  speedKmh: Record<RoadClass, number>;
  ferry: { speedKmh: number; waitHours: number; fareNokPerTonne: number };
  costNokPerTonneKm: number;
}

/** What one run from a node reaches: per node, Infinity where the network does not reach. */
export interface Reach {
  source: number;
  /** Cost of hauling a tonne, NOK (the path's weight). */
  cost: Float64Array;
  roadKm: Float64Array;
  ferryKm: Float64Array;
  hours: Float64Array;
  ferries: Uint16Array;
}

type Brandes = ReturnType<typeof createDijkstraIndexedBrandes>;

export class RoadGraph {
  readonly network: RoadNetwork;
  readonly params: RoadParams;
  private readonly brandes: Brandes;
  /** Link index per node pair (smaller × n + larger), the cheapest where links run in parallel. */
  private readonly linkOf = new Map<number, number>();
  private readonly linkCost: Float64Array;
  private readonly linkHours: Float64Array;

  constructor(network: RoadNetwork, params: RoadParams) {
    this.network = network;
    this.params = params;
    const n = network.lat.length;
    const links = network.from.length;
    this.linkCost = new Float64Array(links);
    this.linkHours = new Float64Array(links);
    const graph = new UndirectedGraph<Record<string, never>, { weight: number }>();
    for (let i = 0; i < n; i++) graph.addNode(String(i));
    for (let e = 0; e < links; e++) {
      const a = network.from[e] as number;
      const b = network.to[e] as number;
      const km = network.km[e] as number;
      const isFerry = network.ferry[e] === 1;
      const cls = ROAD_CLASSES[network.roadClass[e] as number] as RoadClass;
      this.linkHours[e] = isFerry
        ? params.ferry.waitHours + km / params.ferry.speedKmh
        : km / params.speedKmh[cls];
      this.linkCost[e] = isFerry ? params.ferry.fareNokPerTonne : km * params.costNokPerTonneKm;
      if (a === b) continue;
      const key = Math.min(a, b) * n + Math.max(a, b);
      const seen = this.linkOf.get(key);
      if (seen === undefined) {
        this.linkOf.set(key, e);
        graph.addUndirectedEdge(String(a), String(b), { weight: this.linkCost[e] as number });
      } else if ((this.linkCost[e] as number) < (this.linkCost[seen] as number)) {
        this.linkOf.set(key, e);
        graph.setEdgeAttribute(String(a), String(b), 'weight', this.linkCost[e] as number);
      }
    }
    this.brandes = createDijkstraIndexedBrandes(graph, 'weight');
  }

  get size(): number {
    return this.network.lat.length;
  }

  /** Shortest paths from one node to all others. */
  reach(source: number): Reach {
    const n = this.size;
    const r: Reach = {
      source,
      cost: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
      roadKm: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
      ferryKm: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
      hours: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
      ferries: new Uint16Array(n),
    };
    const [stack, pred] = this.brandes(source);
    // The stack holds the nodes in the order they were settled (a node's predecessor first); its
    // array is top first, so it is read from the end.
    const order = stack.toArray() as ArrayLike<number>;
    stack.clear();
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i] as number;
      const p = (pred[v] as number[])[0];
      if (p === undefined || v === source) {
        r.cost[v] = 0;
        r.roadKm[v] = 0;
        r.ferryKm[v] = 0;
        r.hours[v] = 0;
        continue;
      }
      const e = this.linkOf.get(Math.min(p, v) * n + Math.max(p, v)) as number;
      const km = this.network.km[e] as number;
      const isFerry = this.network.ferry[e] === 1;
      r.cost[v] = (r.cost[p] as number) + (this.linkCost[e] as number);
      r.roadKm[v] = (r.roadKm[p] as number) + (isFerry ? 0 : km);
      r.ferryKm[v] = (r.ferryKm[p] as number) + (isFerry ? km : 0);
      r.hours[v] = (r.hours[p] as number) + (this.linkHours[e] as number);
      r.ferries[v] = (r.ferries[p] as number) + (isFerry ? 1 : 0);
    }
    return r;
  }

  /** The nearest node to a point (great circle), and how far it is. */
  nearest(p: LatLon, among?: ArrayLike<number>): { node: number; km: number } {
    return nearestNode(this.network, p, among);
  }
}

/** The nearest node of the network to a point, optionally among some nodes only. */
export function nearestNode(
  net: Pick<RoadNetwork, 'lat' | 'lon'>,
  p: LatLon,
  among?: ArrayLike<number>,
): { node: number; km: number } {
  // An equirectangular screen first (cheap), the great circle for the answer.
  const cos = Math.cos((p.lat * Math.PI) / 180);
  let best = -1;
  let bestD = Number.POSITIVE_INFINITY;
  const count = among ? among.length : net.lat.length;
  for (let k = 0; k < count; k++) {
    const i = among ? (among[k] as number) : k;
    const dy = (net.lat[i] as number) - p.lat;
    const dx = ((net.lon[i] as number) - p.lon) * cos;
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  if (best < 0) return { node: -1, km: Number.POSITIVE_INFINITY };
  return { node: best, km: haversineKm(p, { lat: net.lat[best] as number, lon: net.lon[best] as number }) };
}

/** A point tied to the network: the node it joins at and the straight-line km to it. */
export interface Anchor {
  node: number;
  snapKm: number;
}

/** One haul from a municipality's origin point to a site, or between two anchors. */
export interface Leg {
  /** Road km a truck drives: last miles at both ends, the network, and the gathering inside the municipality. */
  km: number;
  ferryKm: number;
  hours: number;
  ferries: number;
  /** Ferry fares, NOK per tonne. */
  ferryNokPerTonne: number;
  method: 'road' | 'great-circle';
}

export interface LegParams {
  /** Road km per straight-line km for the last mile between a point and the network. */
  lastMileDetour: number;
  /** Mean truck speed on the last mile and in gathering, km/h. */
  lastMileSpeedKmh: number;
}

/**
 * The leg from an origin to the site the reach was run from. The network part is the path's; the
 * last miles are the snap distances × a detour; gathering inside the municipality (the mean haul from
 * where the tonnes lie to the origin point) is added as √(road² + gather²), which is the gathering
 * distance where the site stands at the origin and tends to the road distance far from it (the mean
 * distance from a disc's points to a far point is about the distance to its centre).
 */
export function legFromReach(
  reach: Reach,
  site: Anchor,
  origin: Anchor,
  gatherKm: number,
  fare: number,
  p: LegParams,
): Leg | undefined {
  const v = origin.node;
  const net = reach.roadKm[v] as number;
  if (!Number.isFinite(net)) return undefined;
  const lastMile = (site.snapKm + origin.snapKm) * p.lastMileDetour;
  const road = net + lastMile;
  const km = Math.sqrt(road * road + gatherKm * gatherKm);
  const ferries = reach.ferries[v] as number;
  return {
    km,
    ferryKm: reach.ferryKm[v] as number,
    hours: (reach.hours[v] as number) + (km - net) / p.lastMileSpeedKmh,
    ferries,
    ferryNokPerTonne: ferries * fare,
    method: 'road',
  };
}

export interface DetourFactor {
  /** County number, or "NO" for the whole country. */
  area: string;
  /** Median of network km ÷ great-circle km over the pairs. */
  factor: number;
  /** Quartiles of the ratio. */
  q1: number;
  q3: number;
  pairs: number;
}

/** A point on the network that calibration measures between. */
export interface CalibrationPoint {
  municipality: string;
  county: string;
  node: number;
}

const quantile = (sorted: number[], q: number) => {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
};

/**
 * The detour factor great circle × factor needs to match the network, per county and for Norway:
 * the median ratio of network km (ferry km included) to great-circle km between the points of every
 * pair of municipalities in the county at least `minKm` apart. Pairs the network does not join are
 * left out. Norway's factor is over all pairs within counties.
 */
export function calibrateDetour(graph: RoadGraph, points: CalibrationPoint[], minKm = 5): DetourFactor[] {
  const net = graph.network;
  const at = (i: number) => ({ lat: net.lat[i] as number, lon: net.lon[i] as number });
  const byCounty = new Map<string, CalibrationPoint[]>();
  for (const p of points) byCounty.set(p.county, [...(byCounty.get(p.county) ?? []), p]);
  const all: number[] = [];
  const out: DetourFactor[] = [];
  for (const [county, ps] of [...byCounty].sort(([a], [b]) => a.localeCompare(b))) {
    const ratios: number[] = [];
    ps.forEach((a, i) => {
      const reach = graph.reach(a.node);
      for (const b of ps.slice(i + 1)) {
        const gc = haversineKm(at(a.node), at(b.node));
        const road = (reach.roadKm[b.node] as number) + (reach.ferryKm[b.node] as number);
        if (gc >= minKm && Number.isFinite(road)) ratios.push(road / gc);
      }
    });
    if (ratios.length === 0) continue;
    ratios.sort((x, y) => x - y);
    all.push(...ratios);
    out.push({
      area: county,
      factor: quantile(ratios, 0.5),
      q1: quantile(ratios, 0.25),
      q3: quantile(ratios, 0.75),
      pairs: ratios.length,
    });
  }
  all.sort((x, y) => x - y);
  if (all.length > 0)
    out.push({
      area: 'NO',
      factor: quantile(all, 0.5),
      q1: quantile(all, 0.25),
      q3: quantile(all, 0.75),
      pairs: all.length,
    });
  return out;
}
