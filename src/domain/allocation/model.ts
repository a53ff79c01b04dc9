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
 *           Σ_k s_pk ≤ Σ_f y_fp x_f,  0 ≤ s_pk ≤ w_pk      (a thin market's sales, t of product)
 * where x_f is tonnes wet of a flow, c_f its score per tonne over the stream's current use
 * (route value − opex − transport − current use, without the products that have a market), offset
 * the score of every stream left in its current use, and a_f 1 (wet capacity) or the kind's DM share
 * (dry capacity). A product with a market sells through s_pk, one column per price step k of width
 * w_pk at its step's price; what the market does not take earns nothing. Tonnes left in a
 * municipality stay in their current use, so the optimum is never below the baseline. Routes below
 * MATURE_TRL are left out unless the input lets them in.
 *
 * Pure: the solver is passed in (`Solver`), and routes are valued by the same code as the pyramid
 * (`runRoute`), once per (kind, site technology or route).
 */

import { AppError } from '../errors.ts';
import { haversineKm } from '../geo.ts';
import { type Marketed, marketedProducts, marketSteps } from '../markets.ts';
import { message } from '../message.ts';
import { currentClimate, currentValue, enumerateRoutes, runRoute } from '../pyramid.ts';
import { MATURE_TRL, placeholdersOf, routeReadiness } from '../technologies.ts';
import type { Product } from '../valuation.ts';
import type { AllocationInput, Haul, Objective, Site, Supply } from './input.ts';
import type { LinearModel } from './lp.ts';

export type UnallocatedReason = 'capacity-full' | 'negative-margin' | 'beyond-radius' | 'no-eligible-site';

/** Score per tonne of each route, per objective unit. */
export interface RouteScore {
  route: string[];
  valueNokPerTonne: number;
  co2ePerTonne: number;
  /** Yields of the route no source gives (a placeholder route). */
  placeholders: string[];
  /** Products with a market, per tonne of stream: they sell through the market's columns. */
  marketed: Marketed[];
}

/** A thin market in the model: its row and its sales columns (one per price step). */
export interface MarketInModel {
  product: Product;
  row: number;
  /** Sales columns, first step first, with their width (t) and price (NOK per t of product). */
  columns: { col: number; tonnes: number; priceNokPerTonne: number }[];
  /** The product's full price (NOK per tonne) and CO2e avoided per tonne sold. */
  priceNokPerTonne: number;
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
  /** Each flow's haul (its km, ferries and how it was measured). */
  colHaul: Haul[];
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
  /** The thin markets the flows sell into. */
  markets: MarketInModel[];
}

/** Below this a flow, a leftover or a slack is zero (tonnes, or a share of capacity). */
export const TOL = 1e-6;

/** What each supply has among its arcs, as bits (why a stream is left unallocated). */
export const HAS_ELIGIBLE = 1;
export const HAS_WITHIN_RADIUS = 2;
export const HAS_POSITIVE = 4;

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
    throw new AppError('invalid_input', 'the weighted objective needs a CO2e price (NOK per t) ≥ 0', {
      detail: message('co2e_price_required', {}),
    });
  const techById = new Map(lib.technologies.map((t) => [t.id, t]));
  const kindById = new Map(lib.kinds.map((k) => [k.id, k]));
  const supplies = input.supplies.filter((s) => s.tonnesWet > 0);

  const currentUse = new Map<string, { valueNokPerTonne: number; co2ePerTonne: number }>();
  for (const kind of new Set(supplies.map((s) => s.kind))) {
    const use = input.currentUses.find((u) => u.kind === kind);
    currentUse.set(kind, {
      valueNokPerTonne: use ? currentValue(lib, use) : 0,
      co2ePerTonne: use ? currentClimate(lib, use) : 0,
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
      // A site pinned to a route runs it whatever its readiness; a chosen route must be mature.
      if (!site.route && !input.includeEmerging && routeReadiness(lib.technologies, route) < MATURE_TRL)
        continue;
      try {
        const r = runRoute(lib, kind, route);
        const marketed = marketedProducts(lib.products, r.products);
        const s: RouteScore = {
          route,
          placeholders: placeholdersOf(lib.technologies, kind, route),
          valueNokPerTonne: r.valueNok - r.opexNok,
          co2ePerTonne: r.co2eTonnes,
          marketed,
        };
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
    if (!tech)
      throw new AppError('unknown_technology', `site ${s.id}: unknown technology "${s.technology}"`, {
        detail: message('site_unknown_technology', { site: s.id, technology: s.technology }),
      });
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
  const colHaul: Haul[] = [];
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
      throw new AppError('unknown_kind', `supply from ${sup.municipality}: unknown kind "${sup.kind}"`, {
        detail: message('supply_unknown_kind', { municipality: sup.municipality, kind: sup.kind }),
      });
    const from = input.positions.get(sup.municipality);
    const cu = currentUse.get(sup.kind) as { valueNokPerTonne: number; co2ePerTonne: number };
    const cuScore = score(objective, price, cu.valueNokPerTonne, cu.co2ePerTonne);
    const eligible = eligibleFor(sup.kind);
    pruned.ineligible += numSites - eligible.length;
    for (const { s, route } of eligible) {
      const site = sites[s] as Site;
      supplyHas[q] = (supplyHas[q] as number) | HAS_ELIGIBLE;
      let haul = input.haul?.(sup.municipality, site, kind);
      if (haul === undefined) {
        if (!from)
          throw new AppError(
            'invalid_input',
            `no position for municipality ${sup.municipality} and no distance to site ${site.id}`,
            { detail: message('site_distance_unknown', { municipality: sup.municipality, site: site.id }) },
          );
        haul = { km: haversineKm(from, site.position) * transport.detourFactor, method: 'great-circle' };
      }
      const km = haul.km;
      const ferryKm = haul.ferryKm ?? 0;
      const fare = haul.ferryNokPerTonne ?? 0;
      const a = site.basis === 'dm' ? kind.dmShare.value : 1;
      // The arc's whole score (as if every product sold) decides whether it can pay; its column
      // leaves out what the markets' sales columns earn.
      const coef =
        score(
          objective,
          price,
          route.valueNokPerTonne - transport.costNokPerTonneKm * km - fare,
          route.co2ePerTonne - tpCo2e * (km + ferryKm),
        ) - cuScore;
      const marketedScore = route.marketed.reduce(
        (sum, m) => sum + score(objective, price, m.valueNok, m.co2eTonnes),
        0,
      );
      if (km + ferryKm > (radius[s] as number)) {
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
      colHaul.push(haul);
      colCost[n] = coef - marketedScore;
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
  // Thin markets: one row each (sales ≤ what the flows make), after the supply rows.
  const markets: MarketInModel[] = [];
  const marketOf = new Map<string, MarketInModel>();
  for (let j = 0; j < numFlows; j++) {
    for (const m of (colRoute[j] as RouteScore).marketed) {
      if (marketOf.has(m.product)) continue;
      const product = lib.products.find((x) => x.id === m.product) as Product;
      const entry: MarketInModel = {
        product,
        row: numRows++,
        columns: [],
        priceNokPerTonne: m.priceNokPerTonne,
        co2ePerTonne: m.co2eTonnes / m.tonnes,
      };
      marketOf.set(m.product, entry);
      markets.push(entry);
    }
  }
  const firstSalesCol = numFlows + candidates.length;
  let numCols = firstSalesCol;
  for (const m of markets) {
    for (const step of marketSteps(m.product.market as NonNullable<Product['market']>))
      m.columns.push({
        col: numCols++,
        tonnes: step.tonnes,
        priceNokPerTonne: m.priceNokPerTonne * step.priceFactor,
      });
  }
  const siteOpenCol = new Int32Array(numSites).fill(-1);
  candidates.forEach((s, i) => {
    siteOpenCol[s] = numFlows + i;
  });

  const colCostAll = new Float64Array(numCols);
  colCostAll.set(colCost.subarray(0, numFlows));
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(Number.POSITIVE_INFINITY);
  const starts = new Int32Array(numCols + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let j = 0; j < numFlows; j++) {
    starts[j] = idx.length;
    idx.push(colSite[j] as number, supplyRow[colSupply[j] as number] as number);
    val.push(colA[j] as number, 1);
    for (const m of (colRoute[j] as RouteScore).marketed) {
      idx.push((marketOf.get(m.product) as MarketInModel).row);
      val.push(-m.tonnes);
    }
  }
  let integrality: Uint8Array | null = null;
  candidates.forEach((s, i) => {
    const j = numFlows + i;
    const site = sites[s] as Site;
    starts[j] = idx.length;
    idx.push(s);
    val.push(-site.capacityTonnes);
    // Fixed costs are NOK; under the CO2e objective they do not count (every candidate may open).
    colCostAll[j] = objective === 'co2e' ? 0 : -(site.fixedCostNokPerYear ?? 0);
    colUpper[j] = 1;
    integrality ??= new Uint8Array(numCols);
    integrality[j] = 1;
  });
  for (const m of markets) {
    for (const c of m.columns) {
      starts[c.col] = idx.length;
      idx.push(m.row);
      val.push(1);
      colUpper[c.col] = c.tonnes;
      colCostAll[c.col] = score(objective, price, c.priceNokPerTonne, m.co2ePerTonne);
    }
  }
  starts[numCols] = idx.length;
  const indices = Int32Array.from(idx);
  const values = Float64Array.from(val);

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
  // Market rows: sales − production ≤ 0 (rowUpper is already 0).
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
      if (j >= firstSalesCol) {
        const m = markets.find((x) => x.columns.some((c) => c.col === j)) as MarketInModel;
        return `sell_${safe(m.product.id)}_${m.columns.findIndex((c) => c.col === j) + 1}`;
      }
      if (j >= numFlows) return `open_${safe((sites[candidates[j - numFlows] as number] as Site).id)}`;
      const sup = supplies[colSupply[j] as number] as Supply;
      return `x${j}_${sup.municipality}_${safe(sup.kind)}_${safe((sites[colSite[j] as number] as Site).id)}`;
    },
    rowName: (i) => {
      if (i < numSites) return `cap_${safe((sites[i] as Site).id)}`;
      const market = markets.find((m) => m.row === i);
      if (market) return `market_${safe(market.product.id)}`;
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
    colHaul,
    colCapacityCoef: colA.subarray(0, numFlows),
    colRoute,
    numFlows,
    siteOpenCol,
    supplyRow,
    currentUse,
    pruned,
    supplyHas,
    beyondRadius,
    markets,
  };
}
