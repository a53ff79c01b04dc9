/**
 * Each worked example twice: as the report states it (the scenario with its overrides of yields,
 * capex, prices and climate factors) and from the library alone (the same inputs and steps, every
 * figure the library's). Every line — each product's tonnes, value and CO2e, revenue, opex, capex,
 * its yearly cost, net, CO2e and feed — gets both values and the overrides that make the difference.
 *
 * The difference is split by applying the overrides one after another to the library's run (the
 * yields of each step first, since they move the tonnes, then capex, prices and climate factors):
 * each override's effect on a line is what the line moves when it is added, so the effects add up to
 * the difference exactly. The order matters only where two overrides act on one product (its yield and
 * its price): the yield's effect is then valued at the library's price, the price's on the stated tonnes.
 */
import { AppError } from './errors.ts';
import { type Message, message } from './message.ts';
import {
  findById,
  type Library,
  type ProductResult,
  runScenario,
  type Scenario,
  type ScenarioResult,
  type ScenarioStep,
} from './scenarios.ts';
import { type Basis, yieldsFor } from './technologies.ts';
import { same, type Text } from './text.ts';
import { type ClimateFactor, priceNokPerTonne } from './valuation.ts';

/** A central value with the range it is drawn from. */
export interface Range {
  value: number;
  low: number;
  high: number;
}

/** One figure a scenario states instead of the library's. */
export type ScenarioOverride =
  | {
      kind: 'yields';
      step: string;
      technology: string;
      /** t per t input on `basis`, each stated yield beside the library's for the step's input. */
      basis: Basis;
      yields: { name: string; value: number; library: Range; withinRange: boolean }[];
      withinRange: boolean;
      message: Message;
    }
  | {
      kind: 'capex';
      step: string;
      technology: string;
      /** NOK per tonne of capacity. */
      value: number;
      library: Range;
      withinRange: boolean;
      message: Message;
    }
  | {
      kind: 'price';
      product: string;
      /** NOK per tonne. */
      value: number;
      library: Range;
      withinRange: boolean;
      message: Message;
    }
  | {
      kind: 'climate';
      product: string;
      /** Tonnes CO2e avoided per tonne of product. */
      value: number;
      library: Range;
      withinRange: boolean;
      message: Message;
    };

export type ComparisonLineKind =
  | 'product-tonnes'
  | 'product-value'
  | 'product-co2e'
  | 'revenue'
  | 'opex'
  | 'capex'
  | 'capital'
  | 'net'
  | 'co2e'
  | 'feed';

export interface ComparisonLine {
  line: ComparisonLineKind;
  /** The product (product-* lines) or the input stream (feed). */
  subject?: string;
  unit: 't' | 'NOK' | 't CO2e';
  /** The feed's basis (feed lines). */
  basis?: Basis;
  asStated: number;
  fromLibrary: number;
  /** asStated − fromLibrary. */
  difference: number;
  /**
   * What makes the difference: each override (indexes into `overrides`; more than one only where a
   * run with one of them alone does not exist) with its effect on the line. The effects add up to it.
   */
  causes: { overrides: number[]; effect: number }[];
  /** How the line reads in both languages. */
  label: Message;
}

export interface ScenarioComparison {
  scenario: string;
  overrides: ScenarioOverride[];
  asStated: ScenarioResult;
  /** The run from the library, or why the scenario does not run without its overrides. */
  fromLibrary: { ok: true; result: ScenarioResult } | { ok: false; reason: Message | null; error: string };
  /** Empty when the library's run fails. */
  lines: ComparisonLine[];
}

const TOLERANCE = 1e-9;

function within(v: number, r: Range): boolean {
  const eps = TOLERANCE * Math.max(1, Math.abs(r.high), Math.abs(r.low));
  return v >= r.low - eps && v <= r.high + eps;
}

/** Rounded to 1e-9 of its size: a converted price reads 32 100, not 32 099.999999999996. */
function clean(r: Range): Range {
  const round = (x: number) => {
    if (x === 0) return 0;
    const scale = 10 ** (9 - Math.ceil(Math.log10(Math.abs(x))));
    return Math.round(x * scale) / scale;
  };
  return { value: round(r.value), low: round(r.low), high: round(r.high) };
}

function nameOf(lib: Library, id: string): Text {
  return (
    lib.products.find((p) => p.id === id)?.name ??
    lib.kinds.find((k) => k.id === id)?.name ??
    lib.technologies.find((t) => t.id === id)?.name ??
    same(id)
  );
}

/** Tonnes CO2e avoided per tonne of product by a set of factors: central, and lows and highs together. */
export function climateRange(factors: ClimateFactor[]): Range {
  const sum = (f: (x: ClimateFactor) => number) => factors.reduce((s, x) => s + f(x), 0);
  return {
    value: sum((x) => x.tonnesReplacedPerTonne.value * x.kgCo2ePerKgReplaced.value),
    low: sum((x) => x.tonnesReplacedPerTonne.low * x.kgCo2ePerKgReplaced.low),
    high: sum((x) => x.tonnesReplacedPerTonne.high * x.kgCo2ePerKgReplaced.high),
  };
}

/** The figures a scenario states instead of the library's, in the order they are applied. */
export function scenarioOverrides(scenario: Scenario, lib: Library): ScenarioOverride[] {
  const out: ScenarioOverride[] = [];
  for (const step of scenario.steps) {
    if (!step.yields || Object.keys(step.yields).length === 0) continue;
    const tech = findById(
      lib.technologies,
      step.technology,
      'technology',
      'unknown_technology',
      'technologies',
    );
    const set = yieldsFor(tech, step.input);
    const library = new Map<string, Range>([
      ...set.outputs.map((o) => [o.product, o.yield] as const),
      ...set.losses.map((l) => [l.what, l.yield] as const),
    ]);
    const yields = Object.entries(step.yields).map(([name, value]) => {
      const r = library.get(name);
      const range = r ? { value: r.value, low: r.low, high: r.high } : { value: 0, low: 0, high: 0 };
      return { name, value, library: range, withinRange: within(value, range) };
    });
    out.push({
      kind: 'yields',
      step: step.id,
      technology: tech.id,
      basis: tech.basis,
      yields,
      withinRange: yields.every((y) => y.withinRange),
      message: message('scenario_override_yields', {
        step: step.id,
        technology: tech.id,
        basis: tech.basis,
        yields: yields.map((y) => ({
          name: nameOf(lib, y.name),
          value: y.value,
          library: y.library.value,
          low: y.library.low,
          high: y.library.high,
        })),
      }),
    });
  }
  for (const step of scenario.steps) {
    if (step.capexNokPerTonneCapacity === undefined) continue;
    const tech = findById(
      lib.technologies,
      step.technology,
      'technology',
      'unknown_technology',
      'technologies',
    );
    const c = tech.capexNokPerTonneCapacity;
    const library = { value: c.value, low: c.low, high: c.high };
    const value = step.capexNokPerTonneCapacity;
    out.push({
      kind: 'capex',
      step: step.id,
      technology: tech.id,
      value,
      library,
      withinRange: within(value, library),
      message: message('scenario_override_capex', {
        step: step.id,
        technology: tech.id,
        value,
        library: library.value,
        low: library.low,
        high: library.high,
      }),
    });
  }
  for (const [id, price] of Object.entries(scenario.prices ?? {})) {
    const product = findById(lib.products, id, 'product', 'unknown_product');
    const library = clean(priceNokPerTonne(product.price, lib.rates));
    const value = clean(priceNokPerTonne(price, lib.rates)).value;
    out.push({
      kind: 'price',
      product: id,
      value,
      library,
      withinRange: within(value, library),
      message: message('scenario_override_price', {
        product: product.name,
        value,
        library: library.value,
        low: library.low,
        high: library.high,
      }),
    });
  }
  for (const [id, factors] of Object.entries(scenario.climate ?? {})) {
    const product = findById(lib.products, id, 'product', 'unknown_product');
    const library = clean(climateRange(product.climate ?? []));
    const value = clean(climateRange(factors)).value;
    out.push({
      kind: 'climate',
      product: id,
      value,
      library,
      withinRange: within(value, library),
      message: message('scenario_override_climate', {
        product: product.name,
        value,
        library: library.value,
        low: library.low,
        high: library.high,
      }),
    });
  }
  return out;
}

/** The scenario with only the given overrides (none: the library's run of the same inputs and steps). */
export function withOverrides(scenario: Scenario, overrides: ScenarioOverride[]): Scenario {
  const yieldSteps = new Set(overrides.flatMap((o) => (o.kind === 'yields' ? [o.step] : [])));
  const capexSteps = new Set(overrides.flatMap((o) => (o.kind === 'capex' ? [o.step] : [])));
  const prices = new Set(overrides.flatMap((o) => (o.kind === 'price' ? [o.product] : [])));
  const climate = new Set(overrides.flatMap((o) => (o.kind === 'climate' ? [o.product] : [])));
  const steps = scenario.steps.map((s): ScenarioStep => {
    const { yields, capexNokPerTonneCapacity, ...rest } = s;
    return {
      ...rest,
      ...(yields && yieldSteps.has(s.id) ? { yields } : {}),
      ...(capexNokPerTonneCapacity !== undefined && capexSteps.has(s.id) ? { capexNokPerTonneCapacity } : {}),
    };
  });
  const pick = <T>(record: Record<string, T> | undefined, keep: Set<string>) =>
    record ? Object.fromEntries(Object.entries(record).filter(([k]) => keep.has(k))) : {};
  const { prices: _p, climate: _c, ...rest } = scenario;
  const keptPrices = pick(scenario.prices, prices);
  const keptClimate = pick(scenario.climate, climate);
  return {
    ...rest,
    steps,
    ...(Object.keys(keptPrices).length ? { prices: keptPrices } : {}),
    ...(Object.keys(keptClimate).length ? { climate: keptClimate } : {}),
  };
}

interface LineKey {
  line: ComparisonLineKind;
  subject?: string;
  unit: ComparisonLine['unit'];
  basis?: Basis;
}

function lineKeys(results: ScenarioResult[]): LineKey[] {
  const products: string[] = [];
  for (const r of results)
    for (const p of r.products) if (!products.includes(p.product)) products.push(p.product);
  const withCo2e = products.filter((id) =>
    results.some((r) => (r.products.find((p) => p.product === id)?.co2eTonnes ?? 0) !== 0),
  );
  const feeds: { stream: string; basis: Basis }[] = [];
  for (const r of results)
    for (const i of r.inputs)
      if (!feeds.some((f) => f.stream === i.stream)) feeds.push({ stream: i.stream, basis: i.basis });
  return [
    ...feeds.map((f): LineKey => ({ line: 'feed', subject: f.stream, unit: 't', basis: f.basis })),
    ...products.flatMap((id): LineKey[] => [
      { line: 'product-tonnes', subject: id, unit: 't' },
      { line: 'product-value', subject: id, unit: 'NOK' },
      ...(withCo2e.includes(id) ? [{ line: 'product-co2e', subject: id, unit: 't CO2e' } as LineKey] : []),
    ]),
    { line: 'revenue', unit: 'NOK' },
    { line: 'opex', unit: 'NOK' },
    { line: 'capex', unit: 'NOK' },
    { line: 'capital', unit: 'NOK' },
    { line: 'net', unit: 'NOK' },
    { line: 'co2e', unit: 't CO2e' },
  ];
}

function lineValue(r: ScenarioResult, key: LineKey): number {
  const product = (): ProductResult | undefined => r.products.find((p) => p.product === key.subject);
  switch (key.line) {
    case 'feed':
      return r.inputs.find((i) => i.stream === key.subject)?.tonnes ?? 0;
    case 'product-tonnes':
      return product()?.tonnes ?? 0;
    case 'product-value':
      return product()?.valueNok ?? 0;
    case 'product-co2e':
      return product()?.co2eTonnes ?? 0;
    case 'revenue':
      return r.valueNok;
    case 'opex':
      return r.opexNok;
    case 'capex':
      return r.capexNok;
    case 'capital':
      return r.capitalNok;
    case 'net':
      return r.netNok;
    case 'co2e':
      return r.co2eTonnes;
  }
}

function tryRun(scenario: Scenario, lib: Library): ScenarioResult | AppError | Error {
  try {
    return runScenario(scenario, lib);
  } catch (e) {
    return e as Error;
  }
}

/**
 * Runs a scenario as it states itself and from the library, line by line with the cause of each
 * difference. A scenario that does not run as stated throws (as `runScenario` does).
 */
export function compareScenario(scenario: Scenario, lib: Library): ScenarioComparison {
  const asStated = runScenario(scenario, lib);
  const overrides = scenarioOverrides(scenario, lib);
  const base = tryRun(withOverrides(scenario, []), lib);
  if (base instanceof Error) {
    return {
      scenario: scenario.id,
      overrides,
      asStated,
      fromLibrary: {
        ok: false,
        reason: base instanceof AppError ? (base.detail ?? null) : null,
        error: base.message,
      },
      lines: [],
    };
  }
  // The chain: the library's run, then one override more at a time; a run that fails is skipped and
  // its override counted with the next one that runs (the last is the scenario as stated).
  const chain: { result: ScenarioResult; added: number[] }[] = [];
  let pending: number[] = [];
  for (let i = 0; i < overrides.length; i++) {
    pending.push(i);
    const result =
      i === overrides.length - 1 ? asStated : tryRun(withOverrides(scenario, overrides.slice(0, i + 1)), lib);
    if (result instanceof Error) continue;
    chain.push({ result, added: pending });
    pending = [];
  }
  const keys = lineKeys([asStated, base]);
  const lines = keys.map((key): ComparisonLine => {
    const a = lineValue(asStated, key);
    const b = lineValue(base, key);
    const causes: ComparisonLine['causes'] = [];
    let previous = b;
    for (const link of chain) {
      const v = lineValue(link.result, key);
      const effect = v - previous;
      previous = v;
      if (Math.abs(effect) > TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b)))
        causes.push({ overrides: link.added, effect });
    }
    return {
      ...key,
      asStated: a,
      fromLibrary: b,
      difference: a - b,
      causes,
      label: message('scenario_line', {
        line: key.line,
        subject: key.subject === undefined ? null : nameOf(lib, key.subject),
        basis: key.basis ?? null,
      }),
    };
  });
  return { scenario: scenario.id, overrides, asStated, fromLibrary: { ok: true, result: base }, lines };
}
