/**
 * Catchments and competition for feedstock, the plant developer's question: each site's catchment by
 * road within its radius, which streams sites compete for where catchments overlap, and who gets them
 * at the optimum (the allocation's flows and shadow prices). A request that changes the sites (adds,
 * moves, resizes, removes) is answered beside the region's own sites, so the change shows site by site.
 * The CLI's `restverdi catchments`, the API's /catchments and the report's chapter run through here.
 */
import type { Site, Supply } from '../domain/allocation/input.ts';
import type { Solver } from '../domain/allocation/lp.ts';
import type { AllocationResult } from '../domain/allocation/result.ts';
import { siteKinds, siteRadiusKm } from '../domain/allocation/sites.ts';
import {
  type CatchmentSite,
  type Competition,
  type CompetitionOutcome,
  catchments,
  competitionOutcome,
  type MunicipalityRoads,
  tonnesByKind,
} from '../domain/catchments.ts';
import { type Message, message } from '../domain/message.ts';
import { nodeRoads } from '../domain/origins.ts';
import type { Library } from '../domain/scenarios.ts';
import type { Words } from '../domain/text.ts';
import {
  type AllocationDeps,
  type AllocationPlan,
  type AllocationRequest,
  planAllocation,
  runAllocation,
} from './allocation.ts';
import type { LoadedRoads } from './data-files.ts';

/** Sites as catchments see them: radius (the site's or its technology's) and the kinds it takes. */
export function catchmentSites(sites: readonly Site[], lib: Library): CatchmentSite[] {
  return sites.map((s) => ({
    id: s.id,
    position: s.position,
    radiusKm: siteRadiusKm(s, lib.technologies) ?? 0,
    accepts: siteKinds(s, lib),
  }));
}

/** Each municipality's road nodes, weighted by the road km meeting at them. */
export function municipalityRoads(roads: LoadedRoads, numbers: readonly string[]): MunicipalityRoads[] {
  const net = roads.distances.graph.network;
  const per = nodeRoads(net).km;
  const byNumber = new Map(roads.origins.municipalities.map((m) => [m.number, m]));
  return numbers.map((number) => {
    const nodes = byNumber.get(number)?.nodes ?? [];
    return {
      number,
      nodes,
      weights: nodes.map((v) => per.reduce((s, arr) => s + (arr[v] as number), 0)),
    };
  });
}

export interface SiteSummary {
  id: string;
  name: Words;
  technology: string;
  status: Site['status'];
  lat: number;
  lon: number;
  municipality?: string;
  capacityTonnes: number;
  basis: Site['basis'];
  radiusKm: number;
  accepts: string[];
  /** At the optimum: what it takes, what it earns, and what one more tonne of capacity is worth. */
  inflowTonnesWet: number;
  usedTonnes: number;
  valueNok: number;
  co2eTonnes: number;
  shadowPriceNokPerTonne: number | null;
  capacityBinds: boolean;
  radiusBinds: boolean;
}

export interface AllocationSummary {
  valueNok: number | null;
  upliftNok: number | null;
  co2eTonnes: number | null;
  /** Tonnes wet no site takes, per kind. */
  unservedTonnes: { kind: string; tonnes: number }[];
}

export interface CatchmentsAnswer {
  region: string;
  profile: string;
  distances: Message;
  sites: SiteSummary[];
  catchments: ReturnType<typeof catchments>['catchments'];
  competition: (Competition & { outcome: CompetitionOutcome })[];
  allocation: AllocationSummary;
  /** Kinds left out of the estimated supplies for lack of statistics. */
  notEstimated?: AllocationPlan['notEstimated'];
  /** With changed sites: the region's own sites' answer, and per site what changed. */
  whatIf?: {
    baseline: { sites: SiteSummary[]; allocation: AllocationSummary };
    changes: SiteChange[];
  };
}

export interface SiteChange {
  site: string;
  change: 'added' | 'removed' | 'changed' | 'same';
  inflowTonnesWet: { before: number; after: number };
  valueNok: { before: number; after: number };
}

function summarise(
  plan: AllocationPlan,
  result: AllocationResult,
): { sites: SiteSummary[]; allocation: AllocationSummary } {
  const cs = new Map(catchmentSites(plan.input.sites, plan.input.lib).map((c) => [c.id, c]));
  const sites = plan.input.sites.map((s): SiteSummary => {
    const r = result.sites.find((x) => x.id === s.id);
    const c = cs.get(s.id) as CatchmentSite;
    return {
      id: s.id,
      name: s.name,
      technology: s.technology,
      status: s.status,
      lat: s.position.lat,
      lon: s.position.lon,
      ...(s.municipality ? { municipality: s.municipality } : {}),
      capacityTonnes: s.capacityTonnes,
      basis: s.basis,
      radiusKm: c.radiusKm,
      accepts: c.accepts,
      inflowTonnesWet: r?.inflowTonnesWet ?? 0,
      usedTonnes: r?.usedTonnes ?? 0,
      valueNok: r?.valueNok ?? 0,
      co2eTonnes: r?.co2eTonnes ?? 0,
      shadowPriceNokPerTonne: r?.shadowPriceNokPerTonne ?? null,
      capacityBinds: r?.capacityBinds ?? false,
      radiusBinds: r?.radiusBinds ?? false,
    };
  });
  return {
    sites,
    allocation: {
      valueNok: result.valueNok,
      upliftNok: result.upliftNok,
      co2eTonnes: result.co2eTonnes,
      unservedTonnes: tonnesByKind(result.unallocated),
    },
  };
}

/** Whether a request changes the region's own sites. */
function changesSites(o: AllocationRequest): boolean {
  return Boolean(
    o.sites?.length || o.sitesFile || o.withoutSites?.length || o.noDefaultSites || o.candidates,
  );
}

const samePlace = (a: SiteSummary, b: SiteSummary) =>
  a.lat === b.lat &&
  a.lon === b.lon &&
  a.capacityTonnes === b.capacityTonnes &&
  a.radiusKm === b.radiusKm &&
  a.technology === b.technology;

export interface CatchmentsRun {
  answer: CatchmentsAnswer;
  plan: AllocationPlan;
  result: AllocationResult;
}

/** The sites' catchments over the region's municipalities and the pairs that compete (no solving). */
export function regionCatchments(
  roads: LoadedRoads,
  sites: readonly Site[],
  lib: Library,
  municipalities: readonly string[],
  supplies: Supply[],
) {
  return catchments(
    roads.distances,
    catchmentSites(sites, lib),
    municipalityRoads(roads, municipalities),
    supplies,
  );
}

/** Catchments and competition of a solved plan, with who got what. */
export function catchmentsAnswerOf(
  plan: AllocationPlan,
  result: AllocationResult,
  roads: LoadedRoads,
): CatchmentsAnswer {
  const supplies: Supply[] = plan.input.supplies;
  const found = regionCatchments(
    roads,
    plan.input.sites,
    plan.input.lib,
    plan.region.municipalities,
    supplies,
  );
  const now = summarise(plan, result);
  return {
    region: plan.region.id,
    profile: plan.profile.id,
    distances: message('transport_distances', {
      matrix: plan.distanceMatrix,
      road: plan.distanceMethod === 'road',
    }),
    sites: now.sites,
    catchments: found.catchments,
    competition: found.competition.map((c) => ({
      ...c,
      outcome: competitionOutcome(c, result.flows, result.sites),
    })),
    allocation: now.allocation,
    ...(plan.notEstimated.length > 0 ? { notEstimated: plan.notEstimated } : {}),
  };
}

/** Plans, solves and reads catchments and competition; with changed sites, also the baseline. */
export async function catchmentsOf(
  deps: AllocationDeps,
  roads: LoadedRoads,
  request: AllocationRequest,
  solver: Solver,
): Promise<CatchmentsRun> {
  const plan = planAllocation(deps, request);
  const result = await runAllocation(plan, solver);
  const answer = catchmentsAnswerOf(plan, result, roads);
  const supplies = plan.input.supplies;
  if (changesSites(request)) {
    const {
      sites: _s,
      sitesFile: _f,
      withoutSites: _w,
      noDefaultSites: _n,
      candidates: _c,
      candidateTechnologies: _t,
      ...own
    } = request;
    // A region without sites of its own: the baseline is every stream in its current use.
    const base = deps.files.regionSites(plan.region.id)
      ? await (async () => {
          const basePlan = planAllocation(deps, { ...own, supplies });
          return summarise(basePlan, await runAllocation(basePlan, solver));
        })()
      : {
          sites: [],
          allocation: {
            valueNok: result.baseline.valueNok,
            upliftNok: 0,
            co2eTonnes: result.baseline.co2eTonnes,
            unservedTonnes: tonnesByKind(supplies.map((x) => ({ kind: x.kind, tonnes: x.tonnesWet }))),
          },
        };
    const before = new Map(base.sites.map((s) => [s.id, s]));
    const after = new Map(answer.sites.map((s) => [s.id, s]));
    const ids = [...new Set([...before.keys(), ...after.keys()])];
    answer.whatIf = {
      baseline: base,
      changes: ids.map((id) => {
        const b = before.get(id);
        const a = after.get(id);
        return {
          site: id,
          change: !b ? 'added' : !a ? 'removed' : samePlace(a, b) ? 'same' : 'changed',
          inflowTonnesWet: { before: b?.inflowTonnesWet ?? 0, after: a?.inflowTonnesWet ?? 0 },
          valueNok: { before: b?.valueNok ?? 0, after: a?.valueNok ?? 0 },
        };
      }),
    };
  }
  return { answer, plan, result };
}
