/**
 * Catchments by road and the competition where they overlap. A site's catchment is the road network
 * within its transport radius: per municipality, the share of its roads (weighted by road length)
 * the site reaches, and the streams that lie there (supply × share). Two sites compete where their
 * catchments overlap and they accept the same kinds: the contested tonnes are supply × the share of
 * the municipality both reach. Who gets them is the allocation's answer, read back per pair
 * (`competitionOutcome`): the tonnes each sends from the shared municipalities, with each site's
 * shadow price on capacity.
 */
import concaveman from 'concaveman';
import type { Supply } from './allocation/input.ts';
import type { Flow, SiteResult } from './allocation/result.ts';
import type { RoadDistances } from './distances.ts';
import type { LatLon } from './geo.ts';
import type { OriginClass } from './residue-kinds.ts';

export interface CatchmentSite {
  id: string;
  position: LatLon;
  radiusKm: number;
  /** The kinds the site takes. */
  accepts: string[];
}

/** A municipality's road nodes and their weights (road km meeting there). */
export interface MunicipalityRoads {
  number: string;
  nodes: number[];
  weights: number[];
}

export interface CatchmentMunicipality {
  number: string;
  /** Share of the municipality's roads within the radius, 0–1. */
  share: number;
  /** Road km from the municipality's settlement point (the nearest the site reaches it by). */
  km: number | null;
}

export interface Catchment {
  site: string;
  radiusKm: number;
  municipalities: CatchmentMunicipality[];
  /** Tonnes wet of each kind the site takes, in its catchment: supply × share. */
  tonnes: { kind: string; tonnes: number }[];
  /** The reached part of the network as one outline ([lon, lat] ring), or null under three nodes. */
  outline: [number, number][] | null;
}

export interface Competition {
  sites: [string, string];
  kinds: string[];
  /** Municipalities both reach, with the share of each both reach. */
  municipalities: { number: string; share: number }[];
  tonnes: { kind: string; tonnes: number }[];
  totalTonnes: number;
}

/** Per site: which nodes it reaches within its radius (road km from the site's anchor). */
export function reachedNodes(d: RoadDistances, site: CatchmentSite): Uint8Array {
  const anchor = d.anchor(site.position);
  const reach = d.reach(anchor.node);
  const lastMile = anchor.snapKm * d.options.leg.lastMileDetour;
  const out = new Uint8Array(reach.roadKm.length);
  for (let v = 0; v < out.length; v++) {
    const km = (reach.roadKm[v] as number) + (reach.ferryKm[v] as number) + lastMile;
    if (km <= site.radiusKm) out[v] = 1;
  }
  return out;
}

function shareOf(m: MunicipalityRoads, reached: (v: number) => boolean): number {
  let total = 0;
  let inside = 0;
  m.nodes.forEach((v, i) => {
    const w = m.weights[i] as number;
    total += w;
    if (reached(v)) inside += w;
  });
  return total > 0 ? inside / total : 0;
}

/** Tonnes per kind, most first (then by kind). */
export function tonnesByKind(items: { kind: string; tonnes: number }[]): { kind: string; tonnes: number }[] {
  const by = new Map<string, number>();
  for (const x of items) by.set(x.kind, (by.get(x.kind) ?? 0) + x.tonnes);
  return [...by]
    .map(([kind, tonnes]) => ({ kind, tonnes }))
    .filter((t) => t.tonnes > 0)
    .sort((a, b) => b.tonnes - a.tonnes || a.kind.localeCompare(b.kind));
}

/** Tonnes per kind of the given kinds, supply × a share per municipality. */
function tonnesBy(supplies: Supply[], kinds: Set<string>, share: Map<string, number>) {
  return tonnesByKind(
    supplies
      .filter((s) => kinds.has(s.kind))
      .map((s) => ({ kind: s.kind, tonnes: s.tonnesWet * (share.get(s.municipality) ?? 0) })),
  );
}

export interface CatchmentAnswer {
  catchments: Catchment[];
  competition: Competition[];
}

/**
 * Catchments of the sites over the municipalities given (with their roads), and every pair of sites
 * that compete for a kind both take. A municipality without road nodes counts as reached whole when
 * its origin point is within the radius.
 */
export function catchments(
  d: RoadDistances,
  sites: CatchmentSite[],
  municipalities: MunicipalityRoads[],
  supplies: Supply[],
  origin: OriginClass = 'settlement',
): CatchmentAnswer {
  const reached = sites.map((s) => reachedNodes(d, s));
  const shares = sites.map((site, i) => {
    const r = reached[i] as Uint8Array;
    const map = new Map<string, number>();
    for (const m of municipalities) {
      const share =
        m.nodes.length > 0
          ? shareOf(m, (v) => r[v] === 1)
          : (d.leg(m.number, site, origin)?.km ?? Number.POSITIVE_INFINITY) <= site.radiusKm
            ? 1
            : 0;
      if (share > 0) map.set(m.number, share);
    }
    return map;
  });
  const out: Catchment[] = sites.map((site, i) => {
    const share = shares[i] as Map<string, number>;
    const r = reached[i] as Uint8Array;
    const points: [number, number][] = [];
    for (let v = 0; v < r.length; v++)
      if (r[v] === 1) points.push([d.graph.network.lon[v] as number, d.graph.network.lat[v] as number]);
    const outline = points.length >= 3 ? (concaveman(points, 2, 0) as [number, number][]) : null;
    return {
      site: site.id,
      radiusKm: site.radiusKm,
      municipalities: [...share]
        .map(([number, s]) => ({ number, share: s, km: d.leg(number, site, origin)?.km ?? null }))
        .sort((a, b) => b.share - a.share || a.number.localeCompare(b.number)),
      tonnes: tonnesBy(supplies, new Set(site.accepts), share),
      outline,
    };
  });
  const competition: Competition[] = [];
  for (let a = 0; a < sites.length; a++) {
    for (let b = a + 1; b < sites.length; b++) {
      const sa = sites[a] as CatchmentSite;
      const sb = sites[b] as CatchmentSite;
      const kinds = sa.accepts.filter((k) => sb.accepts.includes(k));
      if (kinds.length === 0) continue;
      const ra = reached[a] as Uint8Array;
      const rb = reached[b] as Uint8Array;
      const both = new Map<string, number>();
      for (const m of municipalities) {
        const share =
          m.nodes.length > 0
            ? shareOf(m, (v) => ra[v] === 1 && rb[v] === 1)
            : Math.min(shares[a]?.get(m.number) ?? 0, shares[b]?.get(m.number) ?? 0);
        if (share > 0) both.set(m.number, share);
      }
      if (both.size === 0) continue;
      const tonnes = tonnesBy(supplies, new Set(kinds), both);
      // Overlap without a tonne both take is not competition.
      if (tonnes.length === 0) continue;
      competition.push({
        sites: [sa.id, sb.id],
        kinds: kinds.filter((k) => tonnes.some((t) => t.kind === k)),
        municipalities: [...both]
          .map(([number, share]) => ({ number, share }))
          .sort((x, y) => y.share - x.share || x.number.localeCompare(y.number)),
        tonnes,
        totalTonnes: tonnes.reduce((s, t) => s + t.tonnes, 0),
      });
    }
  }
  competition.sort((x, y) => y.totalTonnes - x.totalTonnes);
  return { catchments: out, competition };
}

export interface CompetitionOutcome {
  sites: [string, string];
  /**
   * Of the contested tonnes, what each site gets: its flows of the contested kinds from each shared
   * municipality × the share of that municipality both reach (a flow leaves from the municipality as a
   * whole, so the contested part of it is taken pro rata).
   */
  received: { site: string; tonnes: number; shadowPriceNokPerTonne: number | null; capacityBinds: boolean }[];
  /** Of the contested tonnes, what neither site gets (current use, or another site). */
  elsewhereTonnes: number;
}

/** Who gets the contested streams at the optimum, from the allocation's flows and shadow prices. */
export function competitionOutcome(c: Competition, flows: Flow[], sites: SiteResult[]): CompetitionOutcome {
  const share = new Map(c.municipalities.map((m) => [m.number, m.share]));
  const kinds = new Set(c.kinds);
  const received = c.sites.map((id) => {
    const tonnes = flows
      .filter((f) => f.site === id && kinds.has(f.kind))
      .reduce((s, f) => s + f.tonnes * (share.get(f.from) ?? 0), 0);
    const r = sites.find((s) => s.id === id);
    return {
      site: id,
      tonnes,
      shadowPriceNokPerTonne: r?.shadowPriceNokPerTonne ?? null,
      capacityBinds: r?.capacityBinds ?? false,
    };
  });
  const taken = received.reduce((s, r) => s + r.tonnes, 0);
  return { sites: c.sites, received, elsewhereTonnes: Math.max(0, c.totalTonnes - taken) };
}
