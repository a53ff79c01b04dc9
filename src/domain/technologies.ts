/**
 * Conversion technologies behind one interface: each declares what it accepts, what it yields per
 * tonne of input (wet or dry basis), where the rest of the mass goes, and what it costs. Nothing in
 * the engine branches on a technology's id.
 */

import type { Coefficient, Source } from './coefficients.ts';
import { type Message, message } from './message.ts';
import type { Text, Words } from './text.ts';
import type { Tier } from './valuation.ts';

export type Basis = 'wet' | 'dm';

export interface TechnologyOutput {
  /** Product id (data/products.json). */
  product: string;
  /** Tonnes of product per tonne of input on the technology's basis (unit "t/t" or "t DM/t DM"). */
  yield: Coefficient;
}

/** Mass that leaves the process as something other than a product (water, CO2, gas burnt for heat). */
export interface TechnologyLoss {
  what: string;
  /** Tonnes per tonne of input on the technology's basis. */
  yield: Coefficient;
}

/** What one tonne of input gives: products and losses that add up to the tonne. */
export interface YieldSet {
  outputs: TechnologyOutput[];
  losses: TechnologyLoss[];
}

export interface Technology {
  id: string;
  name: { nb: string; en: string };
  /** What the technology does, in bokmål and English. */
  description: Text;
  /** Residue kind ids or intermediate product ids it accepts. */
  inputs: string[];
  /** Whether yields, capacity and costs are per tonne wet or per tonne dry matter of input. */
  basis: Basis;
  /**
   * Yields for any accepted input that `byInput` does not name. Empty when every input has its own
   * (a default is given only where a source gives one for the technology as a whole).
   */
  outputs: TechnologyOutput[];
  /** Products + losses = input: the data states both, and the engine checks that they close. */
  losses: TechnologyLoss[];
  /**
   * Yields per input where the literature differs by feedstock (biogas: cattle slurry 15, food waste
   * 110, straw 170 Nm3 CH4 per t wet). Every set makes the same products as every other.
   */
  byInput?: Record<string, YieldSet>;
  /** The tier the route lifts its input to (the tier of its main product). */
  tier: Tier;
  /** NOK per tonne of annual capacity; capacity in tonnes input on `basis` unless `capexPer` names a product. */
  capexNokPerTonneCapacity: Coefficient;
  /** Product whose annual output the capex is per (e.g. insect meal); input capacity when absent. */
  capexPer?: string;
  /** Operating cost, NOK per tonne input on `basis`. */
  opexNokPerTonne: Coefficient;
  /** Energy use, kWh per tonne input on `basis`. */
  energyUseKwhPerTonne?: Coefficient;
  typicalCapacityTonnes: Coefficient;
  transportRadiusKm: Coefficient;
  /** How far the technology has come: its technology readiness level (EU scale 1–9) and who says so. */
  readiness: Readiness;
  sources: Source[];
}

export interface Readiness {
  trl: number;
  source: Source;
  note?: Words;
}

/**
 * From this level a technology counts as mature (EU TRL 8: system complete and qualified); the best
 * route is chosen among mature routes, and routes below it are shown apart as emerging.
 */
export const MATURE_TRL = 8;

/** A route is as ready as its least ready technology. */
export function routeReadiness(technologies: readonly Technology[], route: readonly string[]): number {
  let trl = 9;
  for (const id of route) {
    const t = technologies.find((x) => x.id === id);
    if (t) trl = Math.min(trl, t.readiness.trl);
  }
  return trl;
}

/**
 * What a reader of a run must know of the technologies it uses: each one below MATURE_TRL (pilot or
 * laboratory), as a message with its level.
 */
export function readinessNotes(technologies: readonly Technology[], used: readonly string[]): Message[] {
  return [...new Set(used)]
    .map((id) => technologies.find((t) => t.id === id))
    .filter((t): t is Technology => t !== undefined && t.readiness.trl < MATURE_TRL)
    .map((t) =>
      message('technology_emerging', { technology: t.id, trl: t.readiness.trl, mature: MATURE_TRL }),
    );
}

/**
 * The yields of a route that no source gives (status "unsourced"), for the inputs it runs on: the
 * stream at the first step, then what each step passes on. A route with any is a placeholder and is
 * marked wherever it appears (costs are often unsourced and are not counted here).
 */
export function placeholdersOf(
  technologies: readonly Technology[],
  kind: string,
  route: readonly string[],
): string[] {
  const out = new Set<string>();
  let input = kind;
  route.forEach((id, i) => {
    const t = technologies.find((x) => x.id === id);
    if (!t) return;
    for (const o of yieldsFor(t, input).outputs)
      if (o.yield.source.status === 'unsourced') out.add(o.yield.id);
    const next = technologies.find((x) => x.id === route[i + 1]);
    const passed = productsOf(t).find((p) => next?.inputs.includes(p));
    if (passed) input = passed;
  });
  return [...out];
}

/** The yields of a technology for one input: its own set where the data gives one, else the default. */
export function yieldsFor(tech: Technology, input: string): YieldSet {
  return tech.byInput?.[input] ?? { outputs: tech.outputs, losses: tech.losses };
}

/** Every yield set of a technology, with the input it is for (null: the default). */
export function yieldSets(tech: Technology): { input: string | null; set: YieldSet }[] {
  const own = Object.entries(tech.byInput ?? {}).map(([input, set]) => ({ input, set }));
  const usesDefault = tech.inputs.some((i) => !tech.byInput?.[i]);
  return usesDefault ? [{ input: null, set: { outputs: tech.outputs, losses: tech.losses } }, ...own] : own;
}

/** The products a technology makes (the same for every input). */
export function productsOf(tech: Technology): string[] {
  return [...new Set(yieldSets(tech).flatMap(({ set }) => set.outputs.map((o) => o.product)))];
}

/** Yields to use instead of the technology's central values (scenario overrides, Monte Carlo draws). */
export type YieldValues = Map<string, number>;

export interface MassBalance {
  technology: string;
  basis: Basis;
  input: number;
  products: { product: string; tonnes: number }[];
  losses: { what: string; tonnes: number }[];
  /** input − products − losses; 0 (to rounding) when the balance closes. */
  imbalance: number;
}

/**
 * Products and losses of one technology for `inputTonnes` of `input`; the imbalance says whether the
 * yields close.
 */
export function massBalance(
  tech: Technology,
  input: string,
  inputTonnes: number,
  yields?: YieldValues,
): MassBalance {
  const set = yieldsFor(tech, input);
  const products = set.outputs.map((o) => ({
    product: o.product,
    tonnes: inputTonnes * (yields?.get(o.product) ?? o.yield.value),
  }));
  const losses = set.losses.map((l) => ({
    what: l.what,
    tonnes: inputTonnes * (yields?.get(l.what) ?? l.yield.value),
  }));
  const out = products.reduce((s, p) => s + p.tonnes, 0) + losses.reduce((s, l) => s + l.tonnes, 0);
  return {
    technology: tech.id,
    basis: tech.basis,
    input: inputTonnes,
    products,
    losses,
    imbalance: inputTonnes - out,
  };
}

/** Relative tolerance for a balance to count as closed (rounding in the data's yields). */
export const BALANCE_TOLERANCE = 1e-6;

export function balanceCloses(b: MassBalance): boolean {
  return Math.abs(b.imbalance) <= BALANCE_TOLERANCE * Math.max(1, Math.abs(b.input));
}
