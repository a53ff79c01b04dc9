/**
 * The allocation optimiser: which stream goes from which municipality to which site, so that the
 * region's residues create the most value (or save the most CO2e) once transport, capacity, radius
 * and regulation are counted.
 *
 * The model is a linear programme (a MIP when candidate sites carry a fixed cost):
 *   maximise  offset + Σ_f c_f x_f − Σ_s F_s y_s
 *   s.t.      Σ_{f from (m,k)} x_f ≤ S_mk                 (supply, t wet)
 *             min_s ≤ Σ_{f to s} a_f x_f ≤ cap_s  (· y_s)  (capacity, t on the site's basis)
 *             x ≥ 0, y ∈ {0,1}
 * where x_f is tonnes wet of a flow, c_f its score per tonne over the stream's current use
 * (route value − opex − transport − current use), offset the score of every stream left in its
 * current use, and a_f 1 (wet capacity) or the kind's DM share (dry capacity). Tonnes left in a
 * municipality stay in their current use, so the optimum is never below the baseline.
 *
 * Pure: the solver is passed in (`Solver`), and routes are valued by the same code as the pyramid
 * (`runRoute`), once per (kind, site technology or route).
 */

import type { Source } from './coefficients.ts';
import { AppError } from './errors.ts';
import { haversineKm, type LatLon } from './geo.ts';
import { type CurrentUse, currentValue, enumerateRoutes, runRoute } from './pyramid.ts';
import type { Library } from './scenarios.ts';
import type { Basis } from './technologies.ts';
import { co2eAvoidedPerTonne } from './valuation.ts';

export type SiteStatus = 'existing' | 'planned' | 'studied' | 'pilot' | 'candidate';

export interface Site {
  id: string;
  name: string;
  /** First technology of the routes the site runs (data/technologies.json). */
  technology: string;
  /** The whole chain the site runs, starting with `technology`; the best chain when absent. */
  route?: string[];
  /** Residue kinds the site takes (a subset of the technology's inputs); all it accepts when absent. */
  accepts?: string[];
  capacityTonnes: number;
  /** Capacity is tonnes of input per year, wet or dry matter. */
  basis: Basis;
  /** A site that must take at least this much a year to run (t on `basis`). */
  minimumIntakeTonnes?: number;
  position: LatLon;
  /** Municipality the site lies in (may be outside the region). */
  municipality?: string;
  /** Instead of the technology's transport radius. */
  transportRadiusKm?: number;
  status: SiteStatus;
  /** A candidate: opened only if it pays its fixed cost (makes the model a MIP). */
  fixedCostNokPerYear?: number;
  capacityIsAssumption?: boolean;
  note?: string;
  source?: Source;
}

export interface Supply {
  municipality: string;
  kind: string;
  tonnesWet: number;
}

export interface TransportParams {
  /** Road km per straight-line km. */
  detourFactor: number;
  costNokPerTonneKm: number;
  kgCo2ePerTonneKm: number;
}

export type Objective = 'value' | 'co2e' | 'weighted';

export interface AllocationInput {
  lib: Library;
  currentUses: CurrentUse[];
  supplies: Supply[];
  sites: Site[];
  /** Representative point per municipality number (for flows from it). */
  positions: Map<string, LatLon>;
  /** Road km from a municipality to a site, when a matrix is given; great circle × detour otherwise. */
  distanceKm?: (municipality: string, site: Site) => number | undefined;
  transport: TransportParams;
  objective: Objective;
  /** NOK per tonne CO2e for the weighted objective. */
  co2ePriceNok?: number;
  /** Keep arcs that score no better than the current use (same optimum, bigger model; for benchmarks). */
  keepUnprofitableArcs?: boolean;
}

/** A linear (or mixed-integer) programme in column-compressed form: what any solver needs. */
export interface LinearModel {
  name: string;
  sense: 'maximize';
  numCols: number;
  numRows: number;
  offset: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  /** 1 for binary/integer columns; null for a pure LP. */
  integrality: Uint8Array | null;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSC: column j's entries are starts[j]..starts[j+1] in indices (row) and values. */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  colName: (j: number) => string;
  rowName: (i: number) => string;
}

export type SolverStatus = 'optimal' | 'infeasible' | 'unbounded' | 'limit' | 'error';

export interface SolverResult {
  status: SolverStatus;
  /** Objective including the offset. */
  objective: number;
  colValue: Float64Array;
  /** d objective / d row bound per row (LP only; null for a MIP). */
  rowDual: Float64Array | null;
  message?: string;
}

export interface Solver {
  name: string;
  solve(model: LinearModel): SolverResult;
}

export type UnallocatedReason = 'capacity-full' | 'negative-margin' | 'beyond-radius' | 'no-eligible-site';

/** Score per tonne of each route, per objective unit. */
interface RouteScore {
  route: string[];
  valueNokPerTonne: number;
  co2ePerTonne: number;
}

/** The model plus what is needed to read its solution back. */
export interface AllocationModel {
  model: LinearModel;
  input: AllocationInput;
  objectiveUnit: string;
  supplies: Supply[];
  /** Per flow column: supply index, site index, km, capacity coefficient, route. */
  colSupply: Int32Array;
  colSite: Int32Array;
  colKm: Float64Array;
  colCapacityCoef: Float64Array;
  colRoute: RouteScore[];
  numFlows: number;
  /** Column of each candidate's open/close binary (−1 for fixed sites). */
  siteOpenCol: Int32Array;
  /** Row of each supply (−1 when no arc leaves it). */
  supplyRow: Int32Array;
  currentUse: Map<string, { valueNokPerTonne: number; co2ePerTonne: number }>;
  /** Arcs left out, per supply: why, for the unallocated table. */
  pruned: { ineligible: number; beyondRadius: number; negativeMargin: number };
  supplyHas: Uint8Array;
  /** Arcs beyond radius that would pay (supply, site, score), for radius binding. */
  beyondRadius: { supply: number; site: number; coef: number; a: number }[];
}

const HAS_ELIGIBLE = 1;
const HAS_WITHIN_RADIUS = 2;
const HAS_POSITIVE = 4;

export function objectiveUnit(objective: Objective): string {
  return objective === 'co2e' ? 't CO2e' : 'NOK';
}

function score(objective: Objective, price: number, value: number, co2e: number): number {
  if (objective === 'value') return value;
  if (objective === 'co2e') return co2e;
  return value + price * co2e;
}

/** Builds the model; arcs that can never pay (ineligible, beyond radius, below current use) are left out. */
export function buildAllocationModel(input: AllocationInput): AllocationModel {
  const { lib, sites, transport, objective } = input;
  const price = input.co2ePriceNok ?? 0;
  if (objective === 'weighted' && !(price >= 0))
    throw new AppError('invalid_input', 'the weighted objective needs a CO2e price (NOK per t) ≥ 0');
  const techById = new Map(lib.technologies.map((t) => [t.id, t]));
  const kindById = new Map(lib.kinds.map((k) => [k.id, k]));
  const supplies = input.supplies.filter((s) => s.tonnesWet > 0);

  const currentUse = new Map<string, { valueNokPerTonne: number; co2ePerTonne: number }>();
  for (const kind of new Set(supplies.map((s) => s.kind))) {
    const use = input.currentUses.find((u) => u.kind === kind);
    const product = use?.product ? lib.products.find((p) => p.id === use.product) : undefined;
    currentUse.set(kind, {
      valueNokPerTonne: use ? currentValue(lib, use) : 0,
      co2ePerTonne: product ? co2eAvoidedPerTonne(product) : 0,
    });
  }

  // Best route per (kind, site technology or pinned route), valued once by the pyramid's code path.
  const routeCache = new Map<string, RouteScore | null>();
  const bestRoute = (kind: string, site: Site): RouteScore | null => {
    const key = `${kind}|${site.route ? site.route.join('>') : site.technology}`;
    const cached = routeCache.get(key);
    if (cached !== undefined) return cached;
    const candidates = site.route
      ? [site.route]
      : enumerateRoutes(lib, kind).filter((r) => r[0] === site.technology);
    let best: RouteScore | null = null;
    for (const route of candidates) {
      if (!techById.get(route[0] as string)?.inputs.includes(kind)) continue;
      try {
        const r = runRoute(lib, kind, route);
        const s: RouteScore = { route, valueNokPerTonne: r.valueNok - r.opexNok, co2ePerTonne: r.co2eTonnes };
        if (
          !best ||
          score(objective, price, s.valueNokPerTonne, s.co2ePerTonne) >
            score(objective, price, best.valueNokPerTonne, best.co2ePerTonne)
        )
          best = s;
      } catch (error) {
        if (error instanceof AppError && error.code === 'ineligible_route') continue;
        throw error;
      }
    }
    routeCache.set(key, best);
    return best;
  };

  const numSites = sites.length;
  const radius = sites.map((s) => {
    const tech = techById.get(s.technology);
    if (!tech) throw new AppError('unknown_technology', `site ${s.id}: unknown technology "${s.technology}"`);
    return s.transportRadiusKm ?? tech.transportRadiusKm.value;
  });

  // Columns are collected in growable typed arrays; each flow has two entries (capacity, supply).
  let cap = 1024;
  let colSupply = new Int32Array(cap);
  let colSite = new Int32Array(cap);
  let colKm = new Float64Array(cap);
  let colCost = new Float64Array(cap);
  let colA = new Float64Array(cap);
  let colRoute: RouteScore[] = [];
  let n = 0;
  const grow = () => {
    cap *= 2;
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    const g64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    colSupply = g32(colSupply);
    colSite = g32(colSite);
    colKm = g64(colKm);
    colCost = g64(colCost);
    colA = g64(colA);
  };
  const supplyHas = new Uint8Array(supplies.length);
  const pruned = { ineligible: 0, beyondRadius: 0, negativeMargin: 0 };
  const beyondRadius: AllocationModel['beyondRadius'] = [];
  const tpCo2e = transport.kgCo2ePerTonneKm / 1000;
  const hasMinimum = sites.map((s) => (s.minimumIntakeTonnes ?? 0) > 0);

  // Per kind, once: the sites that may take it and their best route (eligibility does not depend on place).
  const eligibleByKind = new Map<string, { s: number; route: RouteScore }[]>();
  const eligibleFor = (kindId: string) => {
    let list = eligibleByKind.get(kindId);
    if (!list) {
      list = [];
      for (let s = 0; s < numSites; s++) {
        const site = sites[s] as Site;
        if (site.accepts && !site.accepts.includes(kindId)) continue;
        const route = bestRoute(kindId, site);
        if (route) list.push({ s, route });
      }
      eligibleByKind.set(kindId, list);
    }
    return list;
  };

  supplies.forEach((sup, q) => {
    const kind = kindById.get(sup.kind);
    if (!kind)
      throw new AppError('unknown_kind', `supply from ${sup.municipality}: unknown kind "${sup.kind}"`);
    const from = input.positions.get(sup.municipality);
    const cu = currentUse.get(sup.kind) as { valueNokPerTonne: number; co2ePerTonne: number };
    const cuScore = score(objective, price, cu.valueNokPerTonne, cu.co2ePerTonne);
    const eligible = eligibleFor(sup.kind);
    pruned.ineligible += numSites - eligible.length;
    for (const { s, route } of eligible) {
      const site = sites[s] as Site;
      supplyHas[q] = (supplyHas[q] as number) | HAS_ELIGIBLE;
      let km = input.distanceKm?.(sup.municipality, site);
      if (km === undefined) {
        if (!from)
          throw new AppError(
            'invalid_input',
            `no position for municipality ${sup.municipality} and no distance to site ${site.id}`,
          );
        km = haversineKm(from, site.position) * transport.detourFactor;
      }
      const a = site.basis === 'dm' ? kind.dmShare.value : 1;
      const coef =
        score(
          objective,
          price,
          route.valueNokPerTonne - transport.costNokPerTonneKm * km,
          route.co2ePerTonne - tpCo2e * km,
        ) - cuScore;
      if (km > (radius[s] as number)) {
        pruned.beyondRadius++;
        if (coef > 0) beyondRadius.push({ supply: q, site: s, coef, a });
        continue;
      }
      supplyHas[q] = (supplyHas[q] as number) | HAS_WITHIN_RADIUS;
      // An arc that scores no better than the current use can never pay, unless a site's minimum needs it.
      if (coef <= 0 && !hasMinimum[s] && !input.keepUnprofitableArcs) {
        pruned.negativeMargin++;
        continue;
      }
      if (coef > 0) supplyHas[q] = (supplyHas[q] as number) | HAS_POSITIVE;
      if (n === cap) grow();
      colSupply[n] = q;
      colSite[n] = s;
      colKm[n] = km;
      colCost[n] = coef;
      colA[n] = a;
      colRoute.push(route);
      n++;
    }
  });
  const numFlows = n;

  // Rows: one capacity row per site, then one supply row per supply with at least one arc.
  const supplyRow = new Int32Array(supplies.length).fill(-1);
  let numRows = numSites;
  for (let i = 0; i < numFlows; i++) {
    const q = colSupply[i] as number;
    if (supplyRow[q] === -1) supplyRow[q] = numRows++;
  }
  const candidates = sites
    .map((s, i) => (s.fixedCostNokPerYear !== undefined ? i : -1))
    .filter((i) => i >= 0);
  const numCols = numFlows + candidates.length;
  const siteOpenCol = new Int32Array(numSites).fill(-1);
  candidates.forEach((s, i) => {
    siteOpenCol[s] = numFlows + i;
  });

  const colCostAll = new Float64Array(numCols);
  colCostAll.set(colCost.subarray(0, numFlows));
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(Number.POSITIVE_INFINITY);
  const starts = new Int32Array(numCols + 1);
  const nnz = 2 * numFlows + candidates.length;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let j = 0; j < numFlows; j++) {
    starts[j] = 2 * j;
    indices[2 * j] = colSite[j] as number;
    values[2 * j] = colA[j] as number;
    indices[2 * j + 1] = supplyRow[colSupply[j] as number] as number;
    values[2 * j + 1] = 1;
  }
  let integrality: Uint8Array | null = null;
  candidates.forEach((s, i) => {
    const j = numFlows + i;
    const site = sites[s] as Site;
    starts[j] = 2 * numFlows + i;
    indices[2 * numFlows + i] = s;
    values[2 * numFlows + i] = -site.capacityTonnes;
    // Fixed costs are NOK; under the CO2e objective they do not count (every candidate may open).
    colCostAll[j] = objective === 'co2e' ? 0 : -(site.fixedCostNokPerYear ?? 0);
    colUpper[j] = 1;
    integrality ??= new Uint8Array(numCols);
    integrality[j] = 1;
  });
  starts[numCols] = nnz;

  const rowLower = new Float64Array(numRows).fill(Number.NEGATIVE_INFINITY);
  const rowUpper = new Float64Array(numRows);
  sites.forEach((site, s) => {
    if ((siteOpenCol[s] as number) >= 0) {
      rowUpper[s] = 0;
    } else {
      rowUpper[s] = site.capacityTonnes;
      if (site.minimumIntakeTonnes) rowLower[s] = site.minimumIntakeTonnes;
    }
  });
  supplies.forEach((sup, q) => {
    const r = supplyRow[q] as number;
    if (r >= 0) rowUpper[r] = sup.tonnesWet;
  });
  let offset = 0;
  for (const sup of supplies) {
    const cu = currentUse.get(sup.kind) as { valueNokPerTonne: number; co2ePerTonne: number };
    offset += sup.tonnesWet * score(objective, price, cu.valueNokPerTonne, cu.co2ePerTonne);
  }

  const rowOfSupply = new Int32Array(numRows).fill(-1);
  supplies.forEach((_, q) => {
    const r = supplyRow[q] as number;
    if (r >= 0) rowOfSupply[r] = q;
  });
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_');
  const model: LinearModel = {
    name: 'restverdi-allocation',
    sense: 'maximize',
    numCols,
    numRows,
    offset,
    colCost: colCostAll,
    colLower,
    colUpper,
    integrality,
    rowLower,
    rowUpper,
    starts,
    indices,
    values,
    colName: (j) => {
      if (j >= numFlows) return `open_${safe((sites[candidates[j - numFlows] as number] as Site).id)}`;
      const sup = supplies[colSupply[j] as number] as Supply;
      return `x${j}_${sup.municipality}_${safe(sup.kind)}_${safe((sites[colSite[j] as number] as Site).id)}`;
    },
    rowName: (i) => {
      if (i < numSites) return `cap_${safe((sites[i] as Site).id)}`;
      const sup = supplies[rowOfSupply[i] as number] as Supply;
      return `sup_${sup.municipality}_${safe(sup.kind)}`;
    },
  };
  colRoute = colRoute.slice(0, numFlows);
  return {
    model,
    input,
    objectiveUnit: objectiveUnit(objective),
    supplies,
    colSupply: colSupply.subarray(0, numFlows),
    colSite: colSite.subarray(0, numFlows),
    colKm: colKm.subarray(0, numFlows),
    colCapacityCoef: colA.subarray(0, numFlows),
    colRoute,
    numFlows,
    siteOpenCol,
    supplyRow,
    currentUse,
    pruned,
    supplyHas,
    beyondRadius,
  };
}

export interface Flow {
  from: string;
  kind: string;
  site: string;
  technology: string;
  route: string[];
  tonnes: number;
  km: number;
  /** Route value per tonne wet, net of opex, before transport. */
  valueNokPerTonne: number;
  transportNokPerTonne: number;
  /** tonnes × (value − transport). */
  valueNok: number;
  /** tonnes × (route CO2e − transport CO2e). */
  co2eTonnes: number;
  /** Over leaving the stream in its current use. */
  upliftNok: number;
}

export interface SiteResult {
  id: string;
  name: string;
  technology: string;
  status: SiteStatus;
  open: boolean;
  usedTonnes: number;
  capacityTonnes: number;
  basis: Basis;
  capacityIsAssumption: boolean;
  capacityBinds: boolean;
  radiusKm: number;
  /** Streams that would pay at this site lie beyond its radius while it has room. */
  radiusBinds: boolean;
  /** What one more tonne of capacity would add, in the objective's unit (LP only). */
  shadowPrice: number | null;
  shadowPriceNokPerTonne: number | null;
  valueNok: number;
  co2eTonnes: number;
  inflowTonnesWet: number;
}

export interface StreamResult {
  kind: string;
  supplyTonnes: number;
  allocatedTonnes: number;
  valueNok: number;
  co2eTonnes: number;
  baselineValueNok: number;
  baselineCo2eTonnes: number;
  upliftNok: number;
}

export interface Unallocated {
  municipality: string;
  kind: string;
  tonnes: number;
  reason: UnallocatedReason;
  detail: string;
}

export interface AllocationResult {
  status: SolverStatus;
  objective: { kind: Objective; value: number | null; unit: string; co2ePriceNok?: number };
  valueNok: number | null;
  co2eTonnes: number | null;
  baseline: { valueNok: number; co2eTonnes: number };
  upliftNok: number | null;
  upliftCo2eTonnes: number | null;
  flows: Flow[];
  sites: SiteResult[];
  streams: StreamResult[];
  unallocated: Unallocated[];
  binding: { capacities: string[]; radii: string[] };
  /** When the model has no solution: the limits that conflict, in words. */
  conflicts: string[];
  model: {
    columns: number;
    rows: number;
    nonzeros: number;
    integer: boolean;
    solver: string;
    prunedArcs: { ineligible: number; beyondRadius: number; negativeMargin: number };
  };
}

const TOL = 1e-6;

/** Names the limits that make a model infeasible: minimum intakes that the reachable supply cannot meet. */
export function explainInfeasible(am: AllocationModel): string[] {
  const { sites } = am.input;
  const reachable = new Float64Array(sites.length);
  const seen = new Set<string>();
  for (let j = 0; j < am.numFlows; j++) {
    const s = am.colSite[j] as number;
    const q = am.colSupply[j] as number;
    const key = `${s}|${q}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reachable[s] =
      (reachable[s] as number) + (am.colCapacityCoef[j] as number) * (am.supplies[q] as Supply).tonnesWet;
  }
  const withMinimum = sites.map((s, i) => ({ s, i })).filter(({ s }) => (s.minimumIntakeTonnes ?? 0) > 0);
  const out: string[] = [];
  for (const { s, i } of withMinimum) {
    const need = s.minimumIntakeTonnes as number;
    if ((reachable[i] as number) < need * (1 - TOL)) {
      out.push(
        `site ${s.id} needs at least ${fmt(need)} t ${s.basis} a year (minimum intake), but only ${fmt(reachable[i] as number)} t of eligible supply lies within its transport radius`,
      );
    }
  }
  if (out.length === 0 && withMinimum.length > 0) {
    out.push(
      `the minimum intakes of ${withMinimum.map(({ s }) => `${s.id} (${fmt(s.minimumIntakeTonnes as number)} t)`).join(', ')} cannot all be met from the supply they share`,
    );
  }
  if (out.length === 0)
    out.push('the solver found no feasible allocation; check capacities and minimum intakes');
  return out;
}

function fmt(x: number): string {
  return Math.round(x).toString();
}

/** Reads the solver's answer back into flows, sites, streams and what is left. */
export function interpretAllocation(
  am: AllocationModel,
  sol: SolverResult,
  solverName: string,
): AllocationResult {
  const { input, model } = am;
  const { sites, transport, objective } = input;
  const price = input.co2ePriceNok ?? 0;
  const baseline = { valueNok: 0, co2eTonnes: 0 };
  for (const sup of am.supplies) {
    const cu = am.currentUse.get(sup.kind) as { valueNokPerTonne: number; co2ePerTonne: number };
    baseline.valueNok += sup.tonnesWet * cu.valueNokPerTonne;
    baseline.co2eTonnes += sup.tonnesWet * cu.co2ePerTonne;
  }
  const techById = new Map(input.lib.technologies.map((t) => [t.id, t]));
  const meta = {
    columns: model.numCols,
    rows: model.numRows,
    nonzeros: model.starts[model.numCols] as number,
    integer: model.integrality !== null,
    solver: solverName,
    prunedArcs: am.pruned,
  };
  const obj = {
    kind: objective,
    unit: am.objectiveUnit,
    ...(objective === 'weighted' ? { co2ePriceNok: price } : {}),
  };
  if (sol.status !== 'optimal') {
    return {
      status: sol.status,
      objective: { ...obj, value: null },
      valueNok: null,
      co2eTonnes: null,
      baseline,
      upliftNok: null,
      upliftCo2eTonnes: null,
      flows: [],
      sites: [],
      streams: [],
      unallocated: [],
      binding: { capacities: [], radii: [] },
      conflicts:
        sol.status === 'infeasible'
          ? explainInfeasible(am)
          : sol.status === 'unbounded'
            ? [
                'the objective is unbounded: a flow has no supply limit (a bug in the model builder; please report it)',
              ]
            : [sol.message ?? `the solver stopped: ${sol.status}`],
      model: meta,
    };
  }

  const flows: Flow[] = [];
  const used = new Float64Array(sites.length);
  const inflow = new Float64Array(sites.length);
  const siteValue = new Float64Array(sites.length);
  const siteCo2e = new Float64Array(sites.length);
  const allocated = new Float64Array(am.supplies.length);
  const tpCo2e = transport.kgCo2ePerTonneKm / 1000;
  for (let j = 0; j < am.numFlows; j++) {
    const x = sol.colValue[j] as number;
    if (x <= TOL) continue;
    const q = am.colSupply[j] as number;
    const s = am.colSite[j] as number;
    const sup = am.supplies[q] as Supply;
    const site = sites[s] as Site;
    const km = am.colKm[j] as number;
    const route = am.colRoute[j] as RouteScore;
    const cu = am.currentUse.get(sup.kind) as { valueNokPerTonne: number; co2ePerTonne: number };
    const transportNok = transport.costNokPerTonneKm * km;
    const valueNok = x * (route.valueNokPerTonne - transportNok);
    const co2e = x * (route.co2ePerTonne - tpCo2e * km);
    flows.push({
      from: sup.municipality,
      kind: sup.kind,
      site: site.id,
      technology: site.technology,
      route: route.route,
      tonnes: x,
      km,
      valueNokPerTonne: route.valueNokPerTonne,
      transportNokPerTonne: transportNok,
      valueNok,
      co2eTonnes: co2e,
      upliftNok: valueNok - x * cu.valueNokPerTonne,
    });
    used[s] = (used[s] as number) + x * (am.colCapacityCoef[j] as number);
    inflow[s] = (inflow[s] as number) + x;
    siteValue[s] = (siteValue[s] as number) + valueNok;
    siteCo2e[s] = (siteCo2e[s] as number) + co2e;
    allocated[q] = (allocated[q] as number) + x;
  }
  flows.sort((a, b) => b.valueNok - a.valueNok);

  const dual = sol.rowDual;
  const supplyDual = (q: number) => {
    const r = am.supplyRow[q] as number;
    return dual && r >= 0 ? (dual[r] as number) : 0;
  };
  const open = sites.map((_, s) => {
    const c = am.siteOpenCol[s] as number;
    return c < 0 || (sol.colValue[c] as number) > 0.5;
  });
  const leftover = (q: number) => (am.supplies[q] as Supply).tonnesWet - (allocated[q] as number);
  const capacityBinds = sites.map(
    (site, s) => open[s] === true && (used[s] as number) >= site.capacityTonnes * (1 - TOL) - TOL,
  );
  const radiusBinds = sites.map(() => false);
  for (const b of am.beyondRadius) {
    if (!open[b.site] || capacityBinds[b.site]) continue;
    // LP: the arc would enter the basis at the optimal duals. MIP: the stream is left over.
    const pays = dual
      ? b.coef - supplyDual(b.supply) - b.a * (dual[b.site] as number) > TOL
      : leftover(b.supply) > TOL * (am.supplies[b.supply] as Supply).tonnesWet;
    if (pays) radiusBinds[b.site] = true;
  }

  const siteResults: SiteResult[] = sites.map((site, s) => {
    const shadow =
      dual && open[s] && am.siteOpenCol[s] === -1 ? Math.max(0, dual[s] as number) : dual ? 0 : null;
    return {
      id: site.id,
      name: site.name,
      technology: site.technology,
      status: site.status,
      open: open[s] as boolean,
      usedTonnes: used[s] as number,
      capacityTonnes: site.capacityTonnes,
      basis: site.basis,
      capacityIsAssumption: site.capacityIsAssumption ?? false,
      capacityBinds: capacityBinds[s] as boolean,
      radiusKm: site.transportRadiusKm ?? (techById.get(site.technology)?.transportRadiusKm.value as number),
      radiusBinds: radiusBinds[s] as boolean,
      shadowPrice: model.integrality ? null : shadow,
      shadowPriceNokPerTonne: model.integrality || objective === 'co2e' ? null : shadow,
      valueNok: siteValue[s] as number,
      co2eTonnes: siteCo2e[s] as number,
      inflowTonnesWet: inflow[s] as number,
    };
  });

  const payingSites = new Map<number, Set<string>>();
  for (let j = 0; j < am.numFlows; j++) {
    if ((model.colCost[j] as number) <= 0) continue;
    const q = am.colSupply[j] as number;
    const set = payingSites.get(q) ?? new Set<string>();
    set.add((sites[am.colSite[j] as number] as Site).id);
    payingSites.set(q, set);
  }
  const streamMap = new Map<string, StreamResult>();
  const unallocated: Unallocated[] = [];
  am.supplies.forEach((sup, q) => {
    const cu = am.currentUse.get(sup.kind) as { valueNokPerTonne: number; co2ePerTonne: number };
    const st = streamMap.get(sup.kind) ?? {
      kind: sup.kind,
      supplyTonnes: 0,
      allocatedTonnes: 0,
      valueNok: 0,
      co2eTonnes: 0,
      baselineValueNok: 0,
      baselineCo2eTonnes: 0,
      upliftNok: 0,
    };
    const left = Math.max(0, leftover(q));
    st.supplyTonnes += sup.tonnesWet;
    st.allocatedTonnes += allocated[q] as number;
    st.valueNok += left * cu.valueNokPerTonne;
    st.co2eTonnes += left * cu.co2ePerTonne;
    st.baselineValueNok += sup.tonnesWet * cu.valueNokPerTonne;
    st.baselineCo2eTonnes += sup.tonnesWet * cu.co2ePerTonne;
    streamMap.set(sup.kind, st);
    if (left <= TOL * Math.max(1, sup.tonnesWet)) return;
    const has = am.supplyHas[q] as number;
    let reason: UnallocatedReason;
    let detail: string;
    if (has & HAS_POSITIVE) {
      reason = 'capacity-full';
      detail = `the sites that would pay for it are full: ${[...(payingSites.get(q) ?? [])].join(', ')}`;
    } else if (has & HAS_WITHIN_RADIUS) {
      reason = 'negative-margin';
      detail =
        'every eligible site within reach pays less than the current use once opex and transport are counted';
    } else if (has & HAS_ELIGIBLE) {
      reason = 'beyond-radius';
      detail = 'every site that could take it is beyond its transport radius';
    } else {
      reason = 'no-eligible-site';
      detail = 'no site’s technology accepts it (or the rules forbid every route)';
    }
    unallocated.push({ municipality: sup.municipality, kind: sup.kind, tonnes: left, reason, detail });
  });
  for (const f of flows) {
    const st = streamMap.get(f.kind) as StreamResult;
    st.valueNok += f.valueNok;
    st.co2eTonnes += f.co2eTonnes;
  }
  const streams = [...streamMap.values()];
  for (const st of streams) st.upliftNok = st.valueNok - st.baselineValueNok;
  streams.sort((a, b) => b.upliftNok - a.upliftNok);
  unallocated.sort((a, b) => b.tonnes - a.tonnes);

  // Fixed costs of opened candidates are part of the value.
  let fixed = 0;
  sites.forEach((site, s) => {
    if ((am.siteOpenCol[s] as number) >= 0 && open[s]) fixed += site.fixedCostNokPerYear ?? 0;
  });
  const valueNok = streams.reduce((sum, st) => sum + st.valueNok, 0) - fixed;
  const co2eTonnes = streams.reduce((sum, st) => sum + st.co2eTonnes, 0);
  return {
    status: 'optimal',
    objective: { ...obj, value: sol.objective },
    valueNok,
    co2eTonnes,
    baseline,
    upliftNok: valueNok - baseline.valueNok,
    upliftCo2eTonnes: co2eTonnes - baseline.co2eTonnes,
    flows,
    sites: siteResults,
    streams,
    unallocated,
    binding: {
      capacities: siteResults.filter((s) => s.capacityBinds).map((s) => s.id),
      radii: siteResults.filter((s) => s.radiusBinds).map((s) => s.id),
    },
    conflicts: [],
    model: meta,
  };
}

/** Builds, solves and reads back: the whole optimiser with the solver passed in. */
export function allocateStreams(input: AllocationInput, solver: Solver): AllocationResult {
  const am = buildAllocationModel(input);
  const sol = solver.solve(am.model);
  return interpretAllocation(am, sol, solver.name);
}

export interface CandidateFinance {
  discountRate: number;
  lifetimeYears: number;
}

/** Capital recovery factor: the annual payment per NOK invested at rate r over n years. */
export function capitalRecoveryFactor({ discountRate: r, lifetimeYears: n }: CandidateFinance): number {
  return r === 0 ? 1 / n : r / (1 - (1 + r) ** -n);
}

/**
 * A candidate site per municipality and technology that takes residues: typical capacity, at the
 * municipality's centroid, with its annualised capex as a fixed cost (opened only if it pays).
 */
export function candidateSites(
  lib: Library,
  municipalities: string[],
  positions: Map<string, LatLon>,
  finance: CandidateFinance,
  technologies?: string[],
): Site[] {
  const kinds = new Set(lib.kinds.map((k) => k.id));
  const crf = capitalRecoveryFactor(finance);
  const techs = lib.technologies.filter(
    (t) =>
      (technologies ? technologies.includes(t.id) : true) &&
      t.inputs.some((i) => kinds.has(i)) &&
      t.transportRadiusKm.value > 0,
  );
  const out: Site[] = [];
  for (const m of municipalities) {
    const position = positions.get(m);
    if (!position) continue;
    for (const t of techs) {
      const capacity = t.typicalCapacityTonnes.value;
      const capexUnits = t.capexPer
        ? capacity * (t.outputs.find((o) => o.product === t.capexPer)?.yield.value ?? 0)
        : capacity;
      out.push({
        id: `kandidat-${m}-${t.id}`,
        name: `${t.name.nb} (${m})`,
        technology: t.id,
        capacityTonnes: capacity,
        basis: t.basis,
        position,
        municipality: m,
        status: 'candidate',
        fixedCostNokPerYear: t.capexNokPerTonneCapacity.value * capexUnits * crf,
        capacityIsAssumption: true,
        note: `typical capacity of ${t.id}; fixed cost = capex × capacity × capital recovery factor ${crf.toFixed(4)}`,
      });
    }
  }
  return out;
}
