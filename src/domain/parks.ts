/**
 * A biopark as a process graph (issue 18): processes, the flows between them and to and from outside
 * (the region's streams, markets, the atmosphere), and stocks where storage matters. Every flow
 * carries amounts of canonical quantities; every process says per quantity whether it conserves it
 * (what comes in goes out or into stock), transforms it (it may make or use it: biogas from dry matter,
 * heat from gas) or ignores it. The balance is the design's check: a conserved quantity that does not
 * close within the tolerance refuses the design, naming the process and the quantity. Pure.
 */
import type { Issue } from './errors.ts';
import { capitalRecoveryFactor, type Finance } from './finance.ts';
import { message } from './message.ts';
import { type CurrentUse, currentClimate, currentValue, valuePyramid } from './pyramid.ts';
import type { Library } from './scenarios.ts';
import type { Technology } from './technologies.ts';
import type { Words } from './text.ts';
import type { Random } from './uncertainty.ts';
import {
  co2eAvoidedPerTonne,
  type Product,
  priceNokPerTonne,
  type Rates,
  type Tier,
  tierRank,
} from './valuation.ts';
import { libraryInputs, libraryWith, type Simulation, simulate } from './value-uncertainty.ts';

/** The quantities a flow can carry, each in its one canonical unit. */
export const PARK_QUANTITIES = [
  'wet',
  'dm',
  'n',
  'p',
  'k',
  'c',
  'heat',
  'electricity',
  'co2',
  'water',
] as const;
export type ParkQuantity = (typeof PARK_QUANTITIES)[number];
export const PARK_UNITS: Record<ParkQuantity, 't' | 'MWh' | 'm3'> = {
  wet: 't',
  dm: 't',
  n: 't',
  p: 't',
  k: 't',
  c: 't',
  heat: 'MWh',
  electricity: 'MWh',
  co2: 't',
  water: 'm3',
};

/** The quantities in words (as TIER_NAMES are for the tiers). */
export const PARK_QUANTITY_NAMES: Record<ParkQuantity, { nb: string; en: string }> = {
  wet: { nb: 'våtvekt', en: 'wet mass' },
  dm: { nb: 'tørrstoff', en: 'dry matter' },
  n: { nb: 'nitrogen', en: 'nitrogen' },
  p: { nb: 'fosfor', en: 'phosphorus' },
  k: { nb: 'kalium', en: 'potassium' },
  c: { nb: 'karbon', en: 'carbon' },
  heat: { nb: 'varme', en: 'heat' },
  electricity: { nb: 'strøm', en: 'electricity' },
  co2: { nb: 'CO2', en: 'CO2' },
  water: { nb: 'vann', en: 'water' },
};

export const TREATMENTS = ['conserves', 'transforms', 'ignores'] as const;
export type Treatment = (typeof TREATMENTS)[number];

/** Amounts a year, in each quantity's canonical unit. */
export type Amounts = Partial<Record<ParkQuantity, number>>;

export interface ParkProcess {
  id: string;
  name: Words;
  /** A technology of the library (data/technologies.json), or none for a process of its own. */
  technology?: string | undefined;
  /** Per quantity: conserved, transformed or ignored; a quantity not named is ignored. */
  treats: Partial<Record<ParkQuantity, Treatment>>;
  /** What the process's stock grows by in a year (a store of digestate, a heap of chips); negative when it shrinks. */
  stockChange?: Amounts | undefined;
  /** Costs of a process of its own (a library process takes the technology's per tonne of input). */
  costs?: { capexNok: number; opexNokPerYear: number } | undefined;
}

/** Where a flow starts or ends outside the park. */
export const OUTSIDES = ['region', 'market', 'atmosphere', 'farms', 'grid', 'water'] as const;
export type Outside = (typeof OUTSIDES)[number];

export type Endpoint = { process: string } | { outside: Outside; name?: Words | undefined };

export interface ParkFlow {
  id: string;
  from: Endpoint;
  to: Endpoint;
  /** The stream kind or product the flow is (a residue kind, a product of the library), when it is one. */
  carries?: string | undefined;
  amounts: Amounts;
}

export interface Park {
  id: string;
  name: Words;
  processes: ParkProcess[];
  flows: ParkFlow[];
  /** How far a conserved quantity may miss closing, as a share of its larger side (default 0.5 %). */
  tolerance?: number | undefined;
  /** Infrastructure the processes share (roads, a weighbridge, a heat network), with its costs. */
  shared?: { id: string; name: Words; capexNok: number; opexNokPerYear: number }[] | undefined;
}

export const DEFAULT_TOLERANCE = 0.005;

export interface BalanceRow {
  process: string;
  quantity: ParkQuantity;
  treatment: Treatment;
  inputs: number;
  outputs: number;
  stockChange: number;
  /** inputs − outputs − stock change. */
  residual: number;
  /** Conserved and within the tolerance, or not conserved. */
  closes: boolean;
}

const isProcess = (e: Endpoint): e is { process: string } => 'process' in e;

/**
 * Per process and quantity, inputs − outputs − stock change: every quantity a process treats or a
 * flow of it carries. A conserved quantity closes when the residual is within the tolerance of the
 * larger of inputs and outputs; a transformed or ignored one is reported, never refused.
 */
export function parkBalance(park: Park): BalanceRow[] {
  const tolerance = park.tolerance ?? DEFAULT_TOLERANCE;
  const sums = new Map<string, { inputs: number; outputs: number }>();
  const key = (p: string, q: ParkQuantity) => `${p}\u0000${q}`;
  const add = (p: string, q: ParkQuantity, side: 'inputs' | 'outputs', v: number) => {
    const s = sums.get(key(p, q)) ?? { inputs: 0, outputs: 0 };
    s[side] += v;
    sums.set(key(p, q), s);
  };
  for (const f of park.flows)
    for (const [q, v] of Object.entries(f.amounts) as [ParkQuantity, number][]) {
      if (isProcess(f.to)) add(f.to.process, q, 'inputs', v);
      if (isProcess(f.from)) add(f.from.process, q, 'outputs', v);
    }
  const rows: BalanceRow[] = [];
  for (const p of park.processes) {
    for (const q of PARK_QUANTITIES) {
      const s = sums.get(key(p.id, q));
      const treatment = p.treats[q] ?? 'ignores';
      const stockChange = p.stockChange?.[q] ?? 0;
      if (!s && treatment === 'ignores' && stockChange === 0) continue;
      const inputs = s?.inputs ?? 0;
      const outputs = s?.outputs ?? 0;
      const residual = inputs - outputs - stockChange;
      const scale = Math.max(inputs, outputs + Math.max(stockChange, 0));
      rows.push({
        process: p.id,
        quantity: q,
        treatment,
        inputs,
        outputs,
        stockChange,
        residual,
        closes: treatment !== 'conserves' || Math.abs(residual) <= tolerance * scale + 1e-9,
      });
    }
  }
  return rows;
}

/** What crosses the park's boundary, per quantity: in from outside, out to outside, by where. */
export function parkBoundary(park: Park) {
  const out = new Map<ParkQuantity, { in: number; out: number; by: Partial<Record<Outside, number>> }>();
  for (const f of park.flows) {
    const entering = !isProcess(f.from) && isProcess(f.to);
    const leaving = isProcess(f.from) && !isProcess(f.to);
    if (!entering && !leaving) continue;
    const where = (entering ? f.from : f.to) as { outside: Outside };
    for (const [q, v] of Object.entries(f.amounts) as [ParkQuantity, number][]) {
      const row = out.get(q) ?? { in: 0, out: 0, by: {} };
      if (entering) row.in += v;
      else row.out += v;
      row.by[where.outside] = (row.by[where.outside] ?? 0) + (entering ? v : -v);
      out.set(q, row);
    }
  }
  return PARK_QUANTITIES.filter((q) => out.has(q)).map((q) => ({
    quantity: q,
    unit: PARK_UNITS[q],
    ...out.get(q),
  }));
}

/**
 * Everything wrong with a design, each issue naming where: ids used twice, flows to processes that do
 * not exist, flows that never touch the park or loop on one process, negative amounts, and every
 * conserved quantity of a process that does not close. Empty when the design may be used.
 */
export function checkPark(park: Park): Issue[] {
  const issues: Issue[] = [];
  const ids = new Set<string>();
  park.processes.forEach((p, i) => {
    if (ids.has(p.id))
      issues.push({
        path: `processes[${i}].id`,
        message: `process ${p.id} is named twice`,
        detail: message('park_id_twice', { id: p.id }),
      });
    ids.add(p.id);
  });
  const flowIds = new Set<string>();
  park.flows.forEach((f, i) => {
    const at = `flows[${i}]`;
    if (flowIds.has(f.id))
      issues.push({
        path: `${at}.id`,
        message: `flow ${f.id} is named twice`,
        detail: message('park_id_twice', { id: f.id }),
      });
    flowIds.add(f.id);
    for (const end of ['from', 'to'] as const) {
      const e = f[end];
      if (isProcess(e) && !ids.has(e.process))
        issues.push({
          path: `${at}.${end}.process`,
          message: `flow ${f.id}: no process ${e.process}`,
          detail: message('park_flow_process_unknown', { flow: f.id, process: e.process, known: [...ids] }),
        });
    }
    if (!isProcess(f.from) && !isProcess(f.to))
      issues.push({
        path: at,
        message: `flow ${f.id} neither starts nor ends in the park`,
        detail: message('park_flow_outside', { flow: f.id }),
      });
    if (isProcess(f.from) && isProcess(f.to) && f.from.process === f.to.process)
      issues.push({
        path: at,
        message: `flow ${f.id} goes from ${f.from.process} to itself`,
        detail: message('park_flow_self', { flow: f.id, process: f.from.process }),
      });
    for (const [q, v] of Object.entries(f.amounts) as [ParkQuantity, number][])
      if (!(Number.isFinite(v) && v >= 0))
        issues.push({
          path: `${at}.amounts.${q}`,
          message: `flow ${f.id}: ${q} ${v} is not an amount (a number ≥ 0)`,
          detail: message('park_amount_invalid', { flow: f.id, quantity: q, value: String(v) }),
        });
  });
  if (issues.length > 0) return issues;
  for (const r of parkBalance(park)) {
    if (r.closes) continue;
    const i = park.processes.findIndex((p) => p.id === r.process);
    issues.push({
      path: `processes[${i}].treats.${r.quantity}`,
      message: `process ${r.process} does not conserve ${r.quantity}: in ${r.inputs}, out ${r.outputs}, stock ${r.stockChange}, residual ${r.residual} ${PARK_UNITS[r.quantity]}`,
      detail: message('park_unbalanced', {
        process: r.process,
        quantity: r.quantity,
        inputs: r.inputs,
        outputs: r.outputs,
        stockChange: r.stockChange,
        residual: r.residual,
        unit: PARK_UNITS[r.quantity],
      }),
    });
  }
  return issues;
}

// ── Processes from the library ──────────────────────────────────────────────────────────────────

export interface ExpectedOutput {
  process: string;
  product: string;
  /** Tonnes a year on the technology's basis (wet, or dry matter), at the central yield and its range. */
  tonnes: number;
  low: number;
  high: number;
  basis: Technology['basis'];
  /** What the process's flows declare of the product (on the same basis). */
  declared: number;
}

/**
 * For each process that names a technology of the library: what its inputs yield by the technology's
 * yields per input (its central value and low–high range) against what its flows declare, product by
 * product; and every input the technology does not accept, or that lacks the amount on its basis.
 */
export function libraryYields(
  park: Park,
  technologies: readonly Technology[],
): { expected: ExpectedOutput[]; issues: Issue[] } {
  const expected: ExpectedOutput[] = [];
  const issues: Issue[] = [];
  park.processes.forEach((p, i) => {
    if (!p.technology) return;
    const tech = technologies.find((t) => t.id === p.technology);
    if (!tech) {
      issues.push({
        path: `processes[${i}].technology`,
        message: `process ${p.id}: no technology ${p.technology} in the library`,
        detail: message('unknown_technology', { id: p.technology, known: technologies.map((t) => t.id) }),
      });
      return;
    }
    const sums = new Map<string, { tonnes: number; low: number; high: number }>();
    park.flows.forEach((f, j) => {
      if (!('process' in f.to) || f.to.process !== p.id) return;
      const what = f.carries;
      if (!what || !tech.inputs.includes(what)) {
        issues.push({
          path: `flows[${j}].carries`,
          message: `flow ${f.id}: ${tech.id} does not take ${what ?? '(unnamed)'}`,
          detail: message('park_input_not_accepted', {
            flow: f.id,
            process: p.id,
            technology: tech.id,
            carries: what ?? '',
            accepted: tech.inputs,
          }),
        });
        return;
      }
      const amount = f.amounts[tech.basis];
      if (amount === undefined) {
        issues.push({
          path: `flows[${j}].amounts.${tech.basis}`,
          message: `flow ${f.id}: ${tech.id} counts its yields per t ${tech.basis}; give the flow's ${tech.basis}`,
          detail: message('park_input_basis_missing', {
            flow: f.id,
            technology: tech.id,
            quantity: tech.basis,
          }),
        });
        return;
      }
      const set = tech.byInput?.[what] ?? { outputs: tech.outputs, losses: tech.losses };
      for (const o of set.outputs) {
        const s = sums.get(o.product) ?? { tonnes: 0, low: 0, high: 0 };
        s.tonnes += amount * o.yield.value;
        s.low += amount * o.yield.low;
        s.high += amount * o.yield.high;
        sums.set(o.product, s);
      }
    });
    for (const [product, s] of sums) {
      const declared = park.flows
        .filter((f) => 'process' in f.from && f.from.process === p.id && f.carries === product)
        .reduce((sum, f) => sum + (f.amounts[tech.basis] ?? 0), 0);
      expected.push({ process: p.id, product, ...s, basis: tech.basis, declared });
    }
  });
  return { expected, issues };
}

/**
 * A library process whose declared output of a product lies outside what its inputs yield by the
 * library's range: the design claims more (or less) than the technology gives.
 */
export function checkYields(park: Park, technologies: readonly Technology[]): Issue[] {
  const { expected, issues } = libraryYields(park, technologies);
  for (const e of expected) {
    const slack = 1e-9 + (park.tolerance ?? DEFAULT_TOLERANCE) * e.high;
    if (e.declared >= e.low - slack && e.declared <= e.high + slack) continue;
    const i = park.processes.findIndex((p) => p.id === e.process);
    issues.push({
      path: `processes[${i}]`,
      message: `process ${e.process}: declares ${e.declared} t of ${e.product}, its inputs yield ${e.tonnes} (${e.low}–${e.high})`,
      detail: message('park_yield_outside', {
        process: e.process,
        product: e.product,
        declared: e.declared,
        tonnes: e.tonnes,
        low: e.low,
        high: e.high,
        basis: e.basis,
      }),
    });
  }
  return issues;
}

// ── Economics ───────────────────────────────────────────────────────────────────────────────────

export interface ProcessEconomics {
  process: string;
  technology: string | null;
  /** Tonnes a year of input on the technology's basis (null for a process of its own). */
  inputTonnes: number | null;
  capexNok: number;
  /** Capex as a yearly cost: capex × the capital recovery factor of the library's finance. */
  annualCapitalNok: number;
  opexNok: number;
  /** What the process's products sell for at the market (flows to outside `market` carrying a product). */
  revenueNok: number;
  /** Revenue − opex − annual capital. */
  netNok: number;
}

export interface ParkEconomics {
  processes: ProcessEconomics[];
  shared: { id: string; capexNok: number; annualCapitalNok: number; opexNok: number }[];
  total: { capexNok: number; annualCapitalNok: number; opexNok: number; revenueNok: number; netNok: number };
  /** Years for the operating surplus (revenue − opex) to repay the capex; null when there is no surplus. */
  paybackYears: number | null;
  /** Products sold that the library has no price for (their revenue is not counted). */
  unpriced: string[];
}

/**
 * Capex, opex and revenue per process and for the park: a library process at the technology's capex
 * per tonne of yearly capacity (its yearly input, or its product when `capexPer` names one) and opex
 * per tonne of input; a process of its own at its stated costs; shared infrastructure apart. Revenue
 * is the products the park sells (flows to the market), at the library's central prices. Feedstock
 * and what the streams would otherwise earn are not costs here (that is the counterfactual's part).
 */
export function parkEconomics(
  park: Park,
  lib: { technologies: readonly Technology[]; products: readonly Product[]; rates: Rates; finance: Finance },
): ParkEconomics {
  const crf = capitalRecoveryFactor(lib.finance);
  const unpriced = new Set<string>();
  const processes = park.processes.map((p): ProcessEconomics => {
    const tech = p.technology ? lib.technologies.find((t) => t.id === p.technology) : undefined;
    let revenue = 0;
    for (const f of park.flows) {
      if (
        !('process' in f.from) ||
        f.from.process !== p.id ||
        !('outside' in f.to) ||
        f.to.outside !== 'market'
      )
        continue;
      const product = f.carries ? lib.products.find((x) => x.id === f.carries) : undefined;
      if (!product) {
        if (f.carries) unpriced.add(f.carries);
        continue;
      }
      revenue += (f.amounts.wet ?? f.amounts.dm ?? 0) * priceNokPerTonne(product.price, lib.rates).value;
    }
    let capex = p.costs?.capexNok ?? 0;
    let opex = p.costs?.opexNokPerYear ?? 0;
    let input: number | null = null;
    if (tech) {
      input = park.flows
        .filter((f) => 'process' in f.to && f.to.process === p.id)
        .reduce((sum, f) => sum + (f.amounts[tech.basis] ?? 0), 0);
      const capacity = tech.capexPer
        ? park.flows
            .filter((f) => 'process' in f.from && f.from.process === p.id && f.carries === tech.capexPer)
            .reduce((sum, f) => sum + (f.amounts.wet ?? f.amounts.dm ?? 0), 0)
        : input;
      capex = tech.capexNokPerTonneCapacity.value * capacity;
      opex = tech.opexNokPerTonne.value * input;
    }
    const annual = capex * crf;
    return {
      process: p.id,
      technology: tech?.id ?? null,
      inputTonnes: input,
      capexNok: capex,
      annualCapitalNok: annual,
      opexNok: opex,
      revenueNok: revenue,
      netNok: revenue - opex - annual,
    };
  });
  const shared = (park.shared ?? []).map((x) => ({
    id: x.id,
    capexNok: x.capexNok,
    annualCapitalNok: x.capexNok * crf,
    opexNok: x.opexNokPerYear,
  }));
  const sum = (f: (x: { capexNok: number; annualCapitalNok: number; opexNok: number }) => number) =>
    processes.reduce((s, x) => s + f(x), 0) + shared.reduce((s, x) => s + f(x), 0);
  const revenueNok = processes.reduce((s, x) => s + x.revenueNok, 0);
  const total = {
    capexNok: sum((x) => x.capexNok),
    annualCapitalNok: sum((x) => x.annualCapitalNok),
    opexNok: sum((x) => x.opexNok),
    revenueNok,
    netNok: 0,
  };
  total.netNok = total.revenueNok - total.opexNok - total.annualCapitalNok;
  const surplus = total.revenueNok - total.opexNok;
  return {
    processes,
    shared,
    total,
    paybackYears: surplus > 0 && total.capexNok > 0 ? total.capexNok / surplus : null,
    unpriced: [...unpriced].sort(),
  };
}

// ── Against the counterfactual ──────────────────────────────────────────────────────────────────

/** The residue kinds that enter the park from outside, with their wet tonnes a year and where they go. */
function streamsIn(park: Park, lib: Pick<Library, 'kinds'>) {
  const out: { flow: string; kind: string; process: string; tonnes: number }[] = [];
  for (const f of park.flows) {
    if ('process' in f.from || !('process' in f.to) || !f.carries) continue;
    if (!lib.kinds.some((k) => k.id === f.carries)) continue;
    out.push({ flow: f.id, kind: f.carries, process: f.to.process, tonnes: f.amounts.wet ?? 0 });
  }
  return out;
}

/** Where a product leaving the park is put to use and replaces something. */
const USED_OUTSIDE: readonly Outside[] = ['market', 'farms'];

export interface ParkClimate {
  /** t CO2e a year the park's products save by what they replace (the library's climate factors), sold or returned to the farms. */
  productsCo2e: number;
  /** t CO2e a year the park's streams saved in their current use (manure spread replaces mineral fertiliser). */
  currentUseCo2e: number;
  /** What the park saves over the counterfactual: products − current uses. */
  netCo2e: number;
  /** What the streams earned in their current use (NOK a year): the park's feedstock's opportunity cost. */
  currentUseNok: number;
  products: { flow: string; product: string; tonnes: number; co2e: number }[];
  streams: { flow: string; kind: string; tonnes: number; co2e: number; nok: number }[];
}

/**
 * CO2e against the counterfactual, as Kalundborg counts its exchanges: without the park each stream
 * would stay in its current use (saving what that use saves, earning what it earns), and each product
 * the park sells would be made the conventional way. The park's saving is its products' minus the
 * streams' current uses'.
 */
export function parkClimate(park: Park, lib: Library, currentUses: readonly CurrentUse[]): ParkClimate {
  const products: ParkClimate['products'] = [];
  for (const f of park.flows) {
    // A product used outside the park: sold, or returned to the farms (digestate spread replaces fertiliser).
    if (!('process' in f.from) || !('outside' in f.to) || !USED_OUTSIDE.includes(f.to.outside) || !f.carries)
      continue;
    const product = lib.products.find((x) => x.id === f.carries);
    if (!product) continue;
    const tonnes = f.amounts.wet ?? f.amounts.dm ?? 0;
    products.push({ flow: f.id, product: product.id, tonnes, co2e: tonnes * co2eAvoidedPerTonne(product) });
  }
  const streams = streamsIn(park, lib).map((s) => {
    const use = currentUses.find((u) => u.kind === s.kind);
    return {
      flow: s.flow,
      kind: s.kind,
      tonnes: s.tonnes,
      co2e: use ? s.tonnes * currentClimate(lib, use) : 0,
      nok: use ? s.tonnes * currentValue(lib, use) : 0,
    };
  });
  const productsCo2e = products.reduce((x, p) => x + p.co2e, 0);
  const currentUseCo2e = streams.reduce((x, p) => x + p.co2e, 0);
  return {
    productsCo2e,
    currentUseCo2e,
    netCo2e: productsCo2e - currentUseCo2e,
    currentUseNok: streams.reduce((x, p) => x + p.nok, 0),
    products,
    streams,
  };
}

export interface TakenFromHigher {
  flow: string;
  kind: string;
  tonnes: number;
  /** The tier the park's process lifts the stream to. */
  parkTier: Tier;
  /** The tier the value pyramid's best route reaches for the stream (when it beats the current use). */
  pyramidTier: Tier;
  /** Net NOK per tonne of the pyramid's best route, and of the park's tier's best route. */
  pyramidPerTonneNok: number;
  parkTierPerTonneNok: number | null;
}

/**
 * The report's "biogas role" check: tonnes the park takes into a process at a lower tier than the
 * one the value pyramid would send them to (its best mature route, where that beats the current use).
 */
export function takenFromHigherUses(park: Park, lib: Library, currentUses: CurrentUse[]): TakenFromHigher[] {
  const out: TakenFromHigher[] = [];
  for (const s of streamsIn(park, lib)) {
    const process = park.processes.find((p) => p.id === s.process);
    const tech = process?.technology ? lib.technologies.find((t) => t.id === process.technology) : undefined;
    if (!tech || s.tonnes <= 0) continue;
    const pyramid = valuePyramid(lib, s.kind, s.tonnes, currentUses);
    const best = pyramid.best;
    if (!best?.beatsCurrentUse || tierRank(best.tier) <= tierRank(tech.tier)) continue;
    const at = (tier: Tier) => pyramid.tiers.find((t) => t.tier === tier)?.valuePerTonneNok ?? null;
    out.push({
      flow: s.flow,
      kind: s.kind,
      tonnes: s.tonnes,
      parkTier: tech.tier,
      pyramidTier: best.tier,
      pyramidPerTonneNok: at(best.tier) ?? 0,
      parkTierPerTonneNok: at(tech.tier),
    });
  }
  return out;
}

// ── Uncertainty ─────────────────────────────────────────────────────────────────────────────────

/**
 * The design with its library processes' product flows scaled to other yields: a flow of a product is
 * the design's at the central yields, so at other yields it is that times drawn over central tonnes.
 */
function parkAtYields(park: Park, central: ExpectedOutput[], drawn: ExpectedOutput[]): Park {
  const factor = new Map<string, number>();
  for (const c of central) {
    const d = drawn.find((x) => x.process === c.process && x.product === c.product);
    if (d && c.tonnes > 0) factor.set(`${c.process}\u0000${c.product}`, d.tonnes / c.tonnes);
  }
  return {
    ...park,
    flows: park.flows.map((f) => {
      const k =
        'process' in f.from && f.carries ? factor.get(`${f.from.process}\u0000${f.carries}`) : undefined;
      if (k === undefined) return f;
      const amounts: Amounts = {};
      for (const [q, v] of Object.entries(f.amounts) as [ParkQuantity, number][]) amounts[q] = v * k;
      return { ...f, amounts };
    }),
  };
}

/**
 * Monte Carlo over the library's inputs, as elsewhere: yields (a library process's products scale with
 * them), prices, capex, opex and climate factors drawn from their ranges; P10/P50/P90 of the park's
 * revenue, opex, annual capital, net value and net CO2e against the counterfactual.
 */
export function parkUncertainty(
  park: Park,
  lib: Library,
  currentUses: readonly CurrentUse[],
  draws: number,
  random: Random,
): Simulation {
  const inputs = libraryInputs(lib, currentUses);
  const central = libraryYields(park, lib.technologies).expected;
  return simulate(
    inputs,
    (values) => {
      const d = libraryWith(lib, currentUses, values);
      const drawn = parkAtYields(park, central, libraryYields(park, d.lib.technologies).expected);
      const e = parkEconomics(drawn, d.lib);
      const c = parkClimate(drawn, d.lib, d.currentUses);
      return {
        revenueNok: e.total.revenueNok,
        opexNok: e.total.opexNok,
        annualCapitalNok: e.total.annualCapitalNok,
        netNok: e.total.netNok,
        netCo2e: c.netCo2e,
      };
    },
    draws,
    random,
  );
}
