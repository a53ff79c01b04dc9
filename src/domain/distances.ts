/**
 * Road distances from municipalities to sites: one shortest-path run per site (cached by the node
 * the site joins the network at), read at each municipality's origin point for the stream's kind of
 * origin (farmland, forest, settlement), with the last miles and the gathering inside the
 * municipality added (`legFromReach`). Where the network does not join the two (an island without a
 * car ferry), great circle × the county's calibrated detour factor, marked as such.
 */
import { haversineKm, type LatLon } from './geo.ts';
import type { OriginPoint } from './origins.ts';
import type { OriginClass } from './residue-kinds.ts';
import { type Anchor, type Leg, type LegParams, legFromReach, type Reach, type RoadGraph } from './roads.ts';

export interface MunicipalityOrigins {
  number: string;
  county: string;
  /** √(area/π), km. */
  areaRadiusKm: number;
  farmland: OriginPoint;
  forest: OriginPoint;
  settlement: OriginPoint;
}

export interface RoadDistanceOptions {
  leg: LegParams;
  /** Mean gathering distance ÷ the radius of the municipality's area. */
  gatherFactor: number;
  /** Great circle × this where the network does not join: per county, and 'NO'. */
  detourFactor: (county: string) => number;
}

/** A site as distances see it. */
export interface SitePlace {
  id: string;
  position: LatLon;
}

export class RoadDistances {
  readonly graph: RoadGraph;
  readonly origins: Map<string, MunicipalityOrigins>;
  readonly options: RoadDistanceOptions;
  /** Runs kept, most recent last (each is about 0.4 MB on the national network). */
  private readonly reaches = new Map<number, Reach>();
  static readonly KEPT_REACHES = 128;

  /**
   * The runs read at the origin points only (about 1 000 nodes, 30 kB a run instead of 0.4 MB), kept
   * for many more sites: the optimiser asks every site for every stream, stream by stream.
   */
  private readonly atOrigins = new Map<number, Reach>();
  static readonly KEPT_ORIGIN_REACHES = 4096;
  /** Slot of each origin node in the compact runs. */
  private readonly slot = new Map<number, number>();

  constructor(graph: RoadGraph, origins: Map<string, MunicipalityOrigins>, options: RoadDistanceOptions) {
    this.graph = graph;
    this.origins = origins;
    this.options = options;
    for (const m of origins.values())
      for (const o of [m.farmland, m.forest, m.settlement])
        if (!this.slot.has(o.node)) this.slot.set(o.node, this.slot.size);
  }

  /** The run from a node as read at the origin nodes (indexed by slot). */
  private originReach(node: number): Reach {
    let r = this.atOrigins.get(node);
    if (r) return r;
    const full = this.reach(node);
    const n = this.slot.size;
    r = {
      source: node,
      cost: new Float64Array(n),
      roadKm: new Float64Array(n),
      ferryKm: new Float64Array(n),
      hours: new Float64Array(n),
      ferries: new Uint16Array(n),
    };
    for (const [v, i] of this.slot) {
      r.cost[i] = full.cost[v] as number;
      r.roadKm[i] = full.roadKm[v] as number;
      r.ferryKm[i] = full.ferryKm[v] as number;
      r.hours[i] = full.hours[v] as number;
      r.ferries[i] = full.ferries[v] as number;
    }
    if (this.atOrigins.size >= RoadDistances.KEPT_ORIGIN_REACHES)
      this.atOrigins.delete(this.atOrigins.keys().next().value as number);
    this.atOrigins.set(node, r);
    return r;
  }

  private readonly anchors = new Map<string, Anchor>();

  /** Where a point joins the network (kept per point: a site is asked for once per stream). */
  anchor(p: LatLon): Anchor {
    const key = `${p.lat},${p.lon}`;
    let a = this.anchors.get(key);
    if (!a) {
      const near = this.graph.nearest(p);
      a = { node: near.node, snapKm: near.km };
      if (this.anchors.size >= 4096) this.anchors.clear();
      this.anchors.set(key, a);
    }
    return a;
  }

  /** The run from a node, once per node. */
  reach(node: number): Reach {
    let r = this.reaches.get(node);
    if (r) this.reaches.delete(node);
    else r = this.graph.reach(node);
    this.reaches.set(node, r);
    if (this.reaches.size > RoadDistances.KEPT_REACHES)
      this.reaches.delete(this.reaches.keys().next().value as number);
    return r;
  }

  /** Mean haul inside the municipality to its origin point, road km. */
  gatherKm(m: MunicipalityOrigins): number {
    return this.options.gatherFactor * m.areaRadiusKm * this.options.leg.lastMileDetour;
  }

  /** The leg from a municipality's origin of one kind to a site; undefined for an unknown municipality. */
  leg(municipality: string, site: SitePlace, origin: OriginClass): Leg | undefined {
    const m = this.origins.get(municipality);
    if (!m) return undefined;
    const point = m[origin];
    const anchor = this.anchor(site.position);
    const gather = this.gatherKm(m);
    const road = legFromReach(
      this.originReach(anchor.node),
      anchor,
      { node: this.slot.get(point.node) as number, snapKm: point.snapKm },
      gather,
      this.graph.params.ferry.fareNokPerTonne,
      this.options.leg,
    );
    return road ?? this.greatCircle(point, site.position, m.county, gather);
  }

  /** Between two points (no gathering): the network where it joins them, else the fallback. */
  between(a: LatLon, b: LatLon, county = 'NO'): Leg {
    const from = this.anchor(a);
    const to = this.anchor(b);
    return (
      legFromReach(
        this.reach(to.node),
        to,
        from,
        0,
        this.graph.params.ferry.fareNokPerTonne,
        this.options.leg,
      ) ?? this.greatCircle(a, b, county, 0)
    );
  }

  private greatCircle(a: LatLon, b: LatLon, county: string, gather: number): Leg {
    const road = haversineKm(a, b) * this.options.detourFactor(county);
    const km = Math.sqrt(road * road + gather * gather);
    return {
      km,
      ferryKm: 0,
      hours: km / this.graph.params.speedKmh.F,
      ferries: 0,
      ferryNokPerTonne: 0,
      method: 'great-circle',
    };
  }
}
