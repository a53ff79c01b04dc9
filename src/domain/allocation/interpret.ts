/** Reads the solver's answer back into the allocation's result. */
import { type Message, message } from '../message.ts';
import { explainInfeasible } from './infeasible.ts';
import type { Haul, Site, Supply } from './input.ts';
import type { SolverResult } from './lp.ts';
import {
  type AllocationModel,
  HAS_ELIGIBLE,
  HAS_POSITIVE,
  HAS_WITHIN_RADIUS,
  type RouteScore,
  TOL,
  type UnallocatedReason,
} from './model.ts';
import type {
  AllocationResult,
  Flow,
  MarketResult,
  SiteResult,
  StreamResult,
  Unallocated,
} from './result.ts';

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
      markets: [],
      conflicts:
        sol.status === 'infeasible'
          ? explainInfeasible(am)
          : sol.status === 'unbounded'
            ? [message('model_unbounded', {})]
            : [message('solver_stopped', { status: sol.status, detail: sol.message ?? '' })],
      model: meta,
    };
  }

  // What each market's flows make and what it takes; the flows' values carry what is not sold (or
  // sold below full price) in proportion to what they make.
  const marketResults: MarketResult[] = [];
  const shortfall = new Map<string, { nokPerTonne: number; co2ePerTonne: number }>();
  for (const m of am.markets) {
    let produced = 0;
    let fullNok = 0;
    for (let j = 0; j < am.numFlows; j++) {
      const x = sol.colValue[j] as number;
      if (x <= TOL) continue;
      const made = (am.colRoute[j] as RouteScore).marketed.find((p) => p.product === m.product.id);
      if (!made) continue;
      produced += x * made.tonnes;
      fullNok += x * made.valueNok;
    }
    let sold = 0;
    let valueNok = 0;
    for (const c of m.columns) {
      const s = Math.max(0, sol.colValue[c.col] as number);
      sold += s;
      valueNok += s * c.priceNokPerTonne;
    }
    const size = m.product.market?.tonnesPerYear.value ?? 0;
    if (produced > TOL)
      shortfall.set(m.product.id, {
        nokPerTonne: (fullNok - valueNok) / produced,
        co2ePerTonne: ((produced - sold) * m.co2ePerTonne) / produced,
      });
    marketResults.push({
      product: m.product.id,
      scope: m.product.market?.scope ?? 'national',
      marketTonnes: size,
      producedTonnes: produced,
      soldTonnes: sold,
      valueNok,
      binds: sold >= size * (1 - 1e-6) - TOL,
    });
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
    const haul = am.colHaul[j] as Haul;
    const ferryKm = haul.ferryKm ?? 0;
    const route = am.colRoute[j] as RouteScore;
    const cu = am.currentUse.get(sup.kind) as { valueNokPerTonne: number; co2ePerTonne: number };
    const transportNok = transport.costNokPerTonneKm * km + (haul.ferryNokPerTonne ?? 0);
    let unsoldNok = 0;
    let unsoldCo2e = 0;
    for (const p of route.marketed) {
      const short = shortfall.get(p.product);
      if (!short) continue;
      unsoldNok += p.tonnes * short.nokPerTonne;
      unsoldCo2e += p.tonnes * short.co2ePerTonne;
    }
    const valueNok = x * (route.valueNokPerTonne - unsoldNok - transportNok);
    const co2e = x * (route.co2ePerTonne - unsoldCo2e - tpCo2e * (km + ferryKm));
    flows.push({
      from: sup.municipality,
      kind: sup.kind,
      site: site.id,
      technology: site.technology,
      route: route.route,
      placeholders: route.placeholders,
      tonnes: x,
      km,
      ...(ferryKm > 0 ? { ferryKm, ferryNokPerTonne: haul.ferryNokPerTonne ?? 0 } : {}),
      ...(haul.hours !== undefined ? { hours: haul.hours } : {}),
      distance: haul.method,
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
    let detail: Message;
    if (has & HAS_POSITIVE) {
      reason = 'capacity-full';
      detail = message('unallocated_capacity_full', { sites: [...(payingSites.get(q) ?? [])] });
    } else if (has & HAS_WITHIN_RADIUS) {
      reason = 'negative-margin';
      detail = message('unallocated_negative_margin', {});
    } else if (has & HAS_ELIGIBLE) {
      reason = 'beyond-radius';
      detail = message('unallocated_beyond_radius', {});
    } else {
      reason = 'no-eligible-site';
      detail = message('unallocated_no_eligible_site', {});
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
    markets: marketResults,
    conflicts: [],
    model: meta,
  };
}

/** Builds, solves and reads back: the whole optimiser with the solver passed in. */
