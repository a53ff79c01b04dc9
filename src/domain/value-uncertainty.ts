/**
 * Uncertainty through to money and climate. Every uncertain input of a valuation — the residue
 * profile's coefficients, the technologies' yields, capex and opex, the products' prices, CO2e factors
 * and market sizes, the current uses' values, transport costs — is drawn once per draw from its range,
 * and one consistent library is built from the draw: each yield set keeps its mass balance closed (the
 * drawn outputs keep their values and the losses take the rest in proportion; a set without losses
 * lets its last output, digestate or CO2, take the rest). The pyramid, a scenario or a fixed
 * allocation is then valued on that library, and the draws give P10/P50/P90 of net NOK and CO2e.
 * A tornado moves one input at a time to its low and high and names those that move net value most.
 *
 * Pure: the random source (uniform on [0, 1)) and, for re-optimising, the solver are passed in.
 */
import { allocateStreams } from './allocation/allocate.ts';
import type { AllocationInput, Supply, TransportParams } from './allocation/input.ts';
import type { Solver } from './allocation/lp.ts';
import type { Coefficient, Distribution } from './coefficients.ts';
import { AppError } from './errors.ts';
import { marketedProducts, marketRevenue } from './markets.ts';
import { type Message, message } from './message.ts';
import type { InputGroup } from './messages/labels.ts';
import {
  type CurrentUse,
  currentClimate,
  currentValue,
  type PyramidOptions,
  routeAtTonnage,
  runRoute,
  streamWithRoute,
  valuePyramid,
} from './pyramid.ts';
import { type CompiledEstimate, evaluateRow } from './residues.ts';
import { type Library, runScenario, type Scenario, stepYields } from './scenarios.ts';
import type { Technology, YieldSet } from './technologies.ts';
import { same } from './text.ts';
import { quantile, type Random, sampleCoefficient } from './uncertainty.ts';
import type { ClimateFactor, Price, Tier } from './valuation.ts';

export type { InputGroup };

export interface UncertainInput {
  /** A coefficient's id, `price:<product>`, `scenario-price:<product>` or `current-use:<kind>`. */
  key: string;
  group: InputGroup;
  /** The input's name in bokmål and English. */
  label: Message;
  value: number;
  low: number;
  high: number;
  distribution: Distribution;
  unit: string;
}

/** One value per input key: a draw, the central values, or the central values with one input moved. */
export type Values = ReadonlyMap<string, number>;

/** The drawn library and current uses, ready for the pyramid, a scenario or the optimiser. */
export interface DrawnLibrary {
  lib: Library;
  currentUses: CurrentUse[];
}

const text = (w: Coefficient['name']) => (typeof w === 'string' ? same(w) : w);

function fromCoefficient(c: Coefficient, group: InputGroup): UncertainInput {
  return {
    key: c.id,
    group,
    label: message('uncertain_input_coefficient', { name: text(c.name), group }),
    value: c.value,
    low: c.low,
    high: c.high,
    distribution: c.distribution,
    unit: c.unit,
  };
}

function fromPrice(key: string, group: InputGroup, price: Price, label: Message): UncertainInput {
  return {
    key,
    group,
    label,
    value: price.value,
    low: price.low,
    high: price.high,
    // Prices carry a range but no shape: triangular with its mode at the value, as coefficients.
    distribution: price.low === price.high ? 'fixed' : 'triangular',
    unit: `${price.currency}/${price.per}`,
  };
}

/** The yields of a set that are drawn: every output, but the last when the set has no loss to take the rest. */
function drawnOutputs(set: YieldSet) {
  return set.losses.length === 0 ? set.outputs.slice(0, -1) : set.outputs;
}

function yieldSetsOf(t: Technology): YieldSet[] {
  return [{ outputs: t.outputs, losses: t.losses }, ...Object.values(t.byInput ?? {})];
}

/**
 * Every uncertain input of the library, once each (the first of a repeated key wins), in a fixed
 * order so that a seed gives the same draws: residue kinds, products, technologies, current uses.
 */
export function libraryInputs(lib: Library, currentUses: readonly CurrentUse[]): UncertainInput[] {
  const out: UncertainInput[] = [];
  for (const k of lib.kinds) out.push(fromCoefficient(k.dmShare, 'dm-share'));
  for (const p of lib.products) {
    out.push(
      fromPrice(`price:${p.id}`, 'price', p.price, message('uncertain_input_price', { product: p.name })),
    );
    for (const f of p.climate ?? []) {
      out.push(fromCoefficient(f.tonnesReplacedPerTonne, 'climate'));
      out.push(fromCoefficient(f.kgCo2ePerKgReplaced, 'climate'));
    }
    if (p.market) out.push(fromCoefficient(p.market.tonnesPerYear, 'market'));
  }
  for (const t of lib.technologies) {
    for (const set of yieldSetsOf(t))
      for (const o of drawnOutputs(set)) out.push(fromCoefficient(o.yield, 'yield'));
    out.push(fromCoefficient(t.capexNokPerTonneCapacity, 'capex'));
    out.push(fromCoefficient(t.opexNokPerTonne, 'opex'));
  }
  for (const u of currentUses) {
    for (const f of u.climate ?? []) {
      out.push(fromCoefficient(f.tonnesReplacedPerTonne, 'climate'));
      out.push(fromCoefficient(f.kgCo2ePerKgReplaced, 'climate'));
    }
    if (u.valueNokPerTonne)
      out.push(
        fromPrice(
          `current-use:${u.kind}`,
          'current-use',
          u.valueNokPerTonne,
          message('uncertain_input_current_use', { kind: u.kind }),
        ),
      );
  }
  return unique(out);
}

/** The residue profile's coefficients of a compiled estimate. */
export function residueInputs(compiled: CompiledEstimate): UncertainInput[] {
  return unique(compiled.coefficients.map((c) => fromCoefficient(c, 'residue')));
}

/** The transport costs per tonne-km (NOK and CO2e) and the detour factor, as the data gives them. */
export function transportInputs(coefficients: readonly Coefficient[]): UncertainInput[] {
  return unique(coefficients.map((c) => fromCoefficient(c, 'transport')));
}

/**
 * A scenario's own prices (its overrides), drawn from their own ranges; a price stated without a
 * range (the report's worked examples) is no surer for that, and takes the library's product price's
 * range relative to its value (a stated 33 000 against the library's 16 500–33 000–49 500 gives
 * 16 500–49 500).
 */
export function scenarioInputs(lib: Library, scenario: Scenario): UncertainInput[] {
  return Object.entries(scenario.prices ?? {}).map(([id, price]) => {
    const product = lib.products.find((p) => p.id === id);
    const own = product?.price;
    const borrowed =
      price.low === price.high && own && own.value > 0 && own.low !== own.high
        ? { ...price, low: (price.value * own.low) / own.value, high: (price.value * own.high) / own.value }
        : price;
    return fromPrice(
      `scenario-price:${id}`,
      'price',
      borrowed,
      message('uncertain_input_scenario_price', { product: product?.name ?? same(id) }),
    );
  });
}

/** Inputs of several lists, the first of each key kept. */
export function unique(inputs: readonly UncertainInput[]): UncertainInput[] {
  const seen = new Set<string>();
  return inputs.filter((i) => {
    if (seen.has(i.key)) return false;
    seen.add(i.key);
    return true;
  });
}

export function centralValues(inputs: readonly UncertainInput[]): Map<string, number> {
  return new Map(inputs.map((i) => [i.key, i.value]));
}

/** One draw: one uniform number per input, in the inputs' order, through the input's distribution. */
export function drawValues(inputs: readonly UncertainInput[], random: Random): Map<string, number> {
  const values = new Map<string, number>();
  for (const i of inputs) values.set(i.key, sampleCoefficient(i as unknown as Coefficient, random()));
  return values;
}

function withValue(c: Coefficient, values: Values): Coefficient {
  const v = values.get(c.id);
  return v === undefined || v === c.value ? c : { ...c, value: v };
}

function withPrice(p: Price, v: number | undefined): Price {
  return v === undefined || v === p.value ? p : { ...p, value: v };
}

/**
 * A yield set with the drawn outputs and a closed balance: the losses take what the outputs leave
 * (in proportion to their central values, evenly when those are all zero); a set without losses lets
 * its last output take it. Outputs that would exceed the input are scaled down to it.
 */
export function balancedYieldSet(set: YieldSet, values: Values): YieldSet {
  const drawn = drawnOutputs(set);
  if (drawn.length === 0) return set;
  const total =
    set.outputs.reduce((s, o) => s + o.yield.value, 0) + set.losses.reduce((s, l) => s + l.yield.value, 0);
  const v = drawn.map((o) => values.get(o.yield.id) ?? o.yield.value);
  if (v.every((x, i) => x === (drawn[i] as (typeof drawn)[number]).yield.value)) return set;
  const sum = v.reduce((s, x) => s + x, 0);
  const scale = sum > total && sum > 0 ? total / sum : 1;
  const rest = Math.max(0, total - sum * scale);
  const at = (c: Coefficient, value: number): Coefficient => ({ ...c, value });
  if (set.losses.length === 0) {
    const last = set.outputs[set.outputs.length - 1] as (typeof set.outputs)[number];
    return {
      outputs: [
        ...drawn.map((o, i) => ({ ...o, yield: at(o.yield, (v[i] as number) * scale) })),
        { ...last, yield: at(last.yield, rest) },
      ],
      losses: [],
    };
  }
  const lossSum = set.losses.reduce((s, l) => s + l.yield.value, 0);
  return {
    outputs: drawn.map((o, i) => ({ ...o, yield: at(o.yield, (v[i] as number) * scale) })),
    losses: set.losses.map((l) => ({
      ...l,
      yield: at(l.yield, lossSum > 0 ? (rest * l.yield.value) / lossSum : rest / set.losses.length),
    })),
  };
}

function drawnTechnology(t: Technology, values: Values): Technology {
  const main = balancedYieldSet({ outputs: t.outputs, losses: t.losses }, values);
  return {
    ...t,
    outputs: main.outputs,
    losses: main.losses,
    ...(t.byInput
      ? {
          byInput: Object.fromEntries(
            Object.entries(t.byInput).map(([k, set]) => [k, balancedYieldSet(set, values)]),
          ),
        }
      : {}),
    capexNokPerTonneCapacity: withValue(t.capexNokPerTonneCapacity, values),
    opexNokPerTonne: withValue(t.opexNokPerTonne, values),
  };
}

function climateWith(f: ClimateFactor, values: Values): ClimateFactor {
  return {
    ...f,
    tonnesReplacedPerTonne: withValue(f.tonnesReplacedPerTonne, values),
    kgCo2ePerKgReplaced: withValue(f.kgCo2ePerKgReplaced, values),
  };
}

/** The library with every input at its value in `values` (inputs not named keep their central value). */
export function libraryWith(lib: Library, currentUses: readonly CurrentUse[], values: Values): DrawnLibrary {
  return {
    lib: {
      ...lib,
      kinds: lib.kinds.map((k) => ({ ...k, dmShare: withValue(k.dmShare, values) })),
      products: lib.products.map((p) => ({
        ...p,
        price: withPrice(p.price, values.get(`price:${p.id}`)),
        ...(p.climate
          ? {
              climate: p.climate.map((f) => climateWith(f, values)),
            }
          : {}),
        ...(p.market
          ? { market: { ...p.market, tonnesPerYear: withValue(p.market.tonnesPerYear, values) } }
          : {}),
      })),
      technologies: lib.technologies.map((t) => drawnTechnology(t, values)),
    },
    currentUses: currentUses.map((u) => ({
      ...u,
      ...(u.valueNokPerTonne
        ? { valueNokPerTonne: withPrice(u.valueNokPerTonne, values.get(`current-use:${u.kind}`)) }
        : {}),
      ...(u.climate ? { climate: u.climate.map((f) => climateWith(f, values)) } : {}),
    })),
  };
}

/** Tonnes wet per row of a compiled estimate at the given values (its coefficients by id). */
export function residueRowsWith(compiled: CompiledEstimate, values: Values): number[] {
  const v = Float64Array.from(compiled.coefficients.map((c) => values.get(c.id) ?? c.value));
  return compiled.rows.map((row) => evaluateRow(row, v).tonnesWet);
}

// ——— Percentiles and the tornado ———

export interface Band {
  /** With every input at its value. */
  central: number;
  p10: number;
  p50: number;
  p90: number;
}

/** An evaluation returns named numbers (null: not defined for these values, e.g. a closed tier). */
export type Outcome = Record<string, number | null>;

export interface Simulation {
  draws: number;
  /** Draws the valuation refused (a scenario whose sized step then lacks input); left out of the bands. */
  failed: number;
  bands: Record<string, Band | null>;
  /** The mean of every named number over the draws (a 0/1 number's mean is a share of draws). */
  means: Record<string, number | null>;
}

/** Bounds on draws, shared by every shell. */
export const MAX_VALUE_DRAWS = 5_000;
export const DEFAULT_VALUE_DRAWS = 500;
/** Re-optimising solves one model per draw: far fewer. */
export const MAX_REOPTIMISE_DRAWS = 100;
/** How many inputs the tornado names. */
export const TORNADO_SIZE = 10;

export function checkDraws(draws: number, max: number): number {
  if (!Number.isInteger(draws) || draws < 1 || draws > max)
    throw new AppError(
      'invalid_input',
      `invalid number of draws: ${draws} (a whole number from 1 to ${max})`,
      {
        detail: message('invalid_integer', { name: 'draws', input: String(draws), min: 1, max }),
      },
    );
  return draws;
}

/** Runs `evaluate` on the central values and on `draws` draws; P10/P50/P90 of every named number. */
export function simulate(
  inputs: readonly UncertainInput[],
  evaluate: (values: Values) => Outcome,
  draws: number,
  random: Random,
  isRefusal: (error: unknown) => boolean = refusedDraw,
): Simulation {
  const central = evaluate(centralValues(inputs));
  const samples = new Map<string, number[]>(Object.keys(central).map((k) => [k, []]));
  let failed = 0;
  for (let d = 0; d < draws; d++) {
    const values = drawValues(inputs, random);
    let out: Outcome;
    try {
      out = evaluate(values);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      failed++;
      continue;
    }
    for (const [k, list] of samples) {
      const x = out[k];
      if (x !== null && x !== undefined && Number.isFinite(x)) list.push(x);
    }
  }
  const bands: Record<string, Band | null> = {};
  const means: Record<string, number | null> = {};
  for (const [k, list] of samples) {
    means[k] = list.length === 0 ? null : list.reduce((s, x) => s + x, 0) / list.length;
    const c = central[k];
    if (c === null || c === undefined || list.length === 0) {
      bands[k] = null;
      continue;
    }
    const sorted = Float64Array.from(list).sort();
    bands[k] = {
      central: c,
      p10: quantile(sorted, 0.1),
      p50: quantile(sorted, 0.5),
      p90: quantile(sorted, 0.9),
    };
  }
  return { draws, failed, bands, means };
}

function refusedDraw(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'invalid_input' || error.code === 'ineligible_route');
}

export interface TornadoBar {
  key: string;
  group: InputGroup;
  label: Message;
  unit: string;
  low: number;
  value: number;
  high: number;
  /** The valued number with this input at its low and at its high, every other at its value. */
  atLow: number;
  atHigh: number;
  /** |atHigh − atLow|. */
  swing: number;
}

/**
 * One input at a time to its low and its high, every other at its value: the `size` inputs whose
 * swing of `outcome` is widest, widest first (ties by key). Inputs without a range are skipped.
 */
export function tornado(
  inputs: readonly UncertainInput[],
  evaluate: (values: Values) => Outcome,
  outcome: string,
  size = TORNADO_SIZE,
): TornadoBar[] {
  const central = centralValues(inputs);
  const at = (key: string, v: number): number | null => {
    const values = new Map(central);
    values.set(key, v);
    try {
      return evaluate(values)[outcome] ?? null;
    } catch (error) {
      if (refusedDraw(error)) return null;
      throw error;
    }
  };
  const bars: TornadoBar[] = [];
  for (const i of inputs) {
    if (i.distribution === 'fixed' || i.low === i.high) continue;
    const atLow = at(i.key, i.low);
    const atHigh = at(i.key, i.high);
    if (atLow === null || atHigh === null) continue;
    const swing = Math.abs(atHigh - atLow);
    if (!(swing > 0)) continue;
    bars.push({
      key: i.key,
      group: i.group,
      label: i.label,
      unit: i.unit,
      low: i.low,
      value: i.value,
      high: i.high,
      atLow,
      atHigh,
      swing,
    });
  }
  return bars.sort((a, b) => b.swing - a.swing || a.key.localeCompare(b.key)).slice(0, size);
}

// ——— The valuations ———

/** The pyramid of one stream: its tonnes (fixed, or the residue estimate's rows at the draw). */
export interface PyramidCase {
  lib: Library;
  currentUses: readonly CurrentUse[];
  kind: string;
  tonnes: number | { compiled: CompiledEstimate };
  options?: PyramidOptions;
}

/** Inputs of a pyramid case. */
export function pyramidInputs(c: PyramidCase): UncertainInput[] {
  return unique([
    ...(typeof c.tonnes === 'number' ? [] : residueInputs(c.tonnes.compiled)),
    ...libraryInputs(c.lib, c.currentUses),
  ]);
}

/**
 * Per draw, each tier's central best route is valued again on the drawn library, held fixed as the
 * allocation's flows are (a route whose revenue shifts to another tier in a draw still counts for the
 * tier it was chosen for): the pyramid's own `runRoute` and `routeAtTonnage` (a thin market takes what
 * it takes, the rest stays in its current use), net NOK and CO2e as `valuePyramid` counts them. Named
 * numbers: `tonnes`; per tier `<tier>.valueNok`, `<tier>.co2eTonnes` (what the stream saves with the
 * route, the rest in its current use), `<tier>.co2eUpliftTonnes` (over the current use); the same for
 * `best.*` (the central best route) with `best.upliftNok`; and `bestKept`, 1 when the drawn pyramid
 * still picks the central best route, else 0.
 */
export function pyramidEvaluator(c: PyramidCase): (values: Values) => Outcome {
  const central = valuePyramid(c.lib, c.kind, tonnesAt(c, new Map()), [...c.currentUses], c.options);
  const bestRoute = central.best?.route.join('>') ?? null;
  const routes = central.tiers.flatMap((t) => (t.route ? [{ tier: t.tier, route: t.route }] : []));
  return (values) => {
    const drawn = libraryWith(c.lib, c.currentUses, values);
    const tonnes = tonnesAt(c, values);
    const use = drawn.currentUses.find((u) => u.kind === c.kind);
    const perTonne = use ? currentValue(drawn.lib, use) : 0;
    const co2ePerTonne = use ? currentClimate(drawn.lib, use) : 0;
    const out: Outcome = { tonnes };
    const routeValue = (route: string[]) => {
      const a = routeAtTonnage(drawn.lib, runRoute(drawn.lib, c.kind, route), tonnes, perTonne);
      const { valueNok, co2eUpliftTonnes } = streamWithRoute(
        a,
        tonnes,
        use ? { valuePerTonneNok: perTonne, co2ePerTonne } : null,
      );
      return {
        valueNok,
        upliftNok: use ? valueNok - perTonne * tonnes : null,
        co2eUpliftTonnes,
        co2eTonnes: co2eUpliftTonnes + co2ePerTonne * tonnes,
      };
    };
    for (const { tier, route } of routes) {
      const v = routeValue(route);
      out[`${tier}.valueNok`] = v.valueNok;
      out[`${tier}.co2eTonnes`] = v.co2eTonnes;
      out[`${tier}.co2eUpliftTonnes`] = v.co2eUpliftTonnes;
      if (route.join('>') === bestRoute) {
        out['best.valueNok'] = v.valueNok;
        out['best.co2eTonnes'] = v.co2eTonnes;
        out['best.upliftNok'] = v.upliftNok;
        out['best.co2eUpliftTonnes'] = v.co2eUpliftTonnes;
      }
    }
    if (bestRoute !== null) {
      const p = valuePyramid(drawn.lib, c.kind, tonnes, drawn.currentUses, c.options);
      out.bestKept = p.best?.route.join('>') === bestRoute ? 1 : 0;
    }
    return out;
  };
}

function tonnesAt(c: PyramidCase, values: Values): number {
  if (typeof c.tonnes === 'number') return c.tonnes;
  const compiled = c.tonnes.compiled;
  return residueRowsWith(compiled, values).reduce(
    (s, t, i) => s + ((compiled.rows[i] as { kind: string }).kind === c.kind ? t : 0),
    0,
  );
}

export interface TierBands {
  tier: Tier;
  valueNok: Band | null;
  co2eTonnes: Band | null;
  co2eUpliftTonnes: Band | null;
}

export interface PyramidUncertainty {
  draws: number;
  failed: number;
  tonnes: Band | null;
  best: {
    tier: Tier;
    route: string[];
    /** Net NOK of the stream with the route (the rest in its current use). */
    valueNok: Band | null;
    /** t CO2e the stream saves with the route (the rest in its current use). */
    co2eTonnes: Band | null;
    /** Over the current use: NOK and t CO2e (null without a current use). */
    upliftNok: Band | null;
    co2eUpliftTonnes: Band | null;
    /** Share of draws in which the central best route is still the best. */
    keptShare: number;
  } | null;
  tiers: TierBands[];
  /** What moves the best tier's net value most. */
  tornado: TornadoBar[];
}

export function pyramidUncertainty(c: PyramidCase, draws: number, random: Random): PyramidUncertainty {
  const inputs = pyramidInputs(c);
  const evaluate = pyramidEvaluator(c);
  const central = valuePyramid(c.lib, c.kind, tonnesAt(c, new Map()), [...c.currentUses], c.options);
  const sim = simulate(inputs, evaluate, draws, random);
  const b = sim.bands;
  return {
    draws,
    failed: sim.failed,
    tonnes: b.tonnes ?? null,
    best: central.best
      ? {
          tier: central.best.tier,
          route: central.best.route,
          valueNok: b['best.valueNok'] ?? null,
          co2eTonnes: b['best.co2eTonnes'] ?? null,
          upliftNok: b['best.upliftNok'] ?? null,
          co2eUpliftTonnes: b['best.co2eUpliftTonnes'] ?? null,
          keptShare: sim.means.bestKept ?? Number.NaN,
        }
      : null,
    tiers: central.tiers.map((t) => ({
      tier: t.tier,
      valueNok: t.route ? (b[`${t.tier}.valueNok`] ?? null) : null,
      co2eTonnes: t.route ? (b[`${t.tier}.co2eTonnes`] ?? null) : null,
      co2eUpliftTonnes: t.route ? (b[`${t.tier}.co2eUpliftTonnes`] ?? null) : null,
    })),
    tornado: central.best ? tornado(inputs, evaluate, 'best.valueNok') : [],
  };
}

/** A scenario on the drawn library; its own prices are drawn from their ranges, its stated yields and capex kept. */
export function scenarioEvaluator(lib: Library, scenario: Scenario): (values: Values) => Outcome {
  // A step that states yields runs on them, completed from the technology's central values, so a
  // drawn yield never mixes with a stated one and opens the balance.
  const fixedSteps = scenario.steps.map((step) => {
    if (!step.yields) return step;
    const tech = lib.technologies.find((t) => t.id === step.technology);
    return tech ? { ...step, yields: Object.fromEntries(stepYields(tech, step)) } : step;
  });
  return (values) => {
    const drawn = libraryWith(lib, [], values);
    const prices = Object.fromEntries(
      Object.entries(scenario.prices ?? {}).map(([p, price]) => [
        p,
        withPrice(price, values.get(`scenario-price:${p}`)),
      ]),
    );
    const r = runScenario(
      { ...scenario, steps: fixedSteps, ...(scenario.prices ? { prices } : {}) },
      drawn.lib,
    );
    return { netNok: r.netNok, co2eTonnes: r.co2eTonnes, valueNok: r.valueNok };
  };
}

export interface ScenarioUncertainty {
  draws: number;
  failed: number;
  netNok: Band | null;
  co2eTonnes: Band | null;
  /** Gross revenue. */
  valueNok: Band | null;
  tornado: TornadoBar[];
}

export function scenarioUncertainty(
  lib: Library,
  scenario: Scenario,
  draws: number,
  random: Random,
): ScenarioUncertainty {
  const inputs = unique([...scenarioInputs(lib, scenario), ...libraryInputs(lib, [])]);
  const evaluate = scenarioEvaluator(lib, scenario);
  const sim = simulate(inputs, evaluate, draws, random);
  return {
    draws,
    failed: sim.failed,
    netNok: sim.bands.netNok ?? null,
    co2eTonnes: sim.bands.co2eTonnes ?? null,
    valueNok: sim.bands.valueNok ?? null,
    tornado: tornado(inputs, evaluate, 'netNok'),
  };
}

/** The optimum's flows, held fixed while the inputs are drawn. */
export interface FixedFlow {
  from: string;
  kind: string;
  route: string[];
  tonnes: number;
  km: number;
  ferryKm?: number;
  ferryNokPerTonne?: number;
}

export interface AllocationCase {
  lib: Library;
  currentUses: readonly CurrentUse[];
  /** The supplies the optimum was solved for … */
  supplies: readonly Supply[];
  /** … and, when they come from a residue estimate, its compiled form (rows in the supplies' order). */
  compiled?: CompiledEstimate;
  flows: readonly FixedFlow[];
  transport: TransportParams;
  /** Coefficient ids of the transport parameters, to draw them (the ferry fare where hauls take ferries). */
  transportKeys: {
    detourFactor: string;
    costNokPerTonneKm: string;
    kgCo2ePerTonneKm: string;
    ferryFare?: string;
  };
  /** The central ferry fare the flows' `ferryNokPerTonne` were costed at, NOK per tonne and crossing. */
  ferryFareNokPerTonne?: number;
  /** Whether km were great circle × detour (a drawn detour then scales them) rather than a matrix. */
  kmFromDetour: boolean;
  /** Fixed costs of the candidates the optimum opened, NOK a year. */
  fixedCostNok: number;
}

function suppliesAt(c: AllocationCase, values: Values): Supply[] {
  if (!c.compiled) return [...c.supplies];
  const tonnes = residueRowsWith(c.compiled, values);
  return c.compiled.rows.map((r, i) => ({
    municipality: r.municipality,
    kind: r.kind,
    tonnesWet: tonnes[i] as number,
  }));
}

function transportAt(c: AllocationCase, values: Values): TransportParams {
  return {
    detourFactor: values.get(c.transportKeys.detourFactor) ?? c.transport.detourFactor,
    costNokPerTonneKm: values.get(c.transportKeys.costNokPerTonneKm) ?? c.transport.costNokPerTonneKm,
    kgCo2ePerTonneKm: values.get(c.transportKeys.kgCo2ePerTonneKm) ?? c.transport.kgCo2ePerTonneKm,
  };
}

/**
 * The optimum's flows valued on the drawn inputs, as the optimiser values them: each flow earns its
 * route's revenue − opex − transport (capex is not in the optimiser's value), a product with a market
 * sells only what the drawn market takes at its steps' prices, what a supply does not send stays in
 * its current use, and the opened candidates' fixed costs are paid. A supply drawn below what the
 * flows take sends less, each of its flows in proportion.
 */
export function evaluateFixedAllocation(
  c: AllocationCase,
  values: Values,
): { valueNok: number; co2eTonnes: number } {
  const { lib, currentUses } = libraryWith(c.lib, c.currentUses, values);
  const supplies = suppliesAt(c, values);
  const tp = transportAt(c, values);
  const kmScale = c.kmFromDetour ? tp.detourFactor / c.transport.detourFactor : 1;
  // A drawn fare scales every crossing's fare alike.
  const fare = c.ferryFareNokPerTonne;
  const fareScale =
    fare && c.transportKeys.ferryFare ? (values.get(c.transportKeys.ferryFare) ?? fare) / fare : 1;
  const supplyOf = new Map<string, number>();
  for (const s of supplies)
    supplyOf.set(
      `${s.municipality}|${s.kind}`,
      (supplyOf.get(`${s.municipality}|${s.kind}`) ?? 0) + s.tonnesWet,
    );
  const sent = new Map<string, number>();
  for (const f of c.flows) sent.set(`${f.from}|${f.kind}`, (sent.get(`${f.from}|${f.kind}`) ?? 0) + f.tonnes);
  const cuCache = new Map<string, { value: number; co2e: number }>();
  const cu = (kind: string) => {
    let x = cuCache.get(kind);
    if (!x) {
      const use = currentUses.find((u) => u.kind === kind);
      x = { value: use ? currentValue(lib, use) : 0, co2e: use ? currentClimate(lib, use) : 0 };
      cuCache.set(kind, x);
    }
    return x;
  };
  const routeCache = new Map<string, ReturnType<typeof runRoute>>();
  const produced = new Map<string, { tonnes: number; nokPerTonne: number; co2ePerTonne: number }>();
  let valueNok = -c.fixedCostNok;
  let co2eTonnes = 0;
  const scaleOf = new Map<string, number>();
  for (const [key, s] of sent) {
    const supply = supplyOf.get(key) ?? 0;
    scaleOf.set(key, s > supply ? supply / s : 1);
    const left = Math.max(0, supply - Math.min(s, supply));
    const kind = key.slice(key.indexOf('|') + 1);
    valueNok += left * cu(kind).value;
    co2eTonnes += left * cu(kind).co2e;
  }
  for (const [key, supply] of supplyOf) {
    if (sent.has(key)) continue;
    const kind = key.slice(key.indexOf('|') + 1);
    valueNok += supply * cu(kind).value;
    co2eTonnes += supply * cu(kind).co2e;
  }
  for (const f of c.flows) {
    const x = f.tonnes * (scaleOf.get(`${f.from}|${f.kind}`) ?? 1);
    const rk = `${f.kind}|${f.route.join('>')}`;
    let r = routeCache.get(rk);
    if (!r) {
      r = runRoute(lib, f.kind, f.route);
      routeCache.set(rk, r);
    }
    let value = r.valueNok - r.opexNok;
    let co2e = r.co2eTonnes;
    // What sells into a thin market is valued once per product below, at what the market takes.
    for (const p of marketedProducts(lib.products, r.products)) {
      value -= p.valueNok;
      co2e -= p.co2eTonnes;
      const m = produced.get(p.product) ?? {
        tonnes: 0,
        nokPerTonne: p.priceNokPerTonne,
        co2ePerTonne: p.co2eTonnes / p.tonnes,
      };
      m.tonnes += x * p.tonnes;
      produced.set(p.product, m);
    }
    const km = f.km * kmScale;
    valueNok += x * (value - tp.costNokPerTonneKm * km - (f.ferryNokPerTonne ?? 0) * fareScale);
    co2eTonnes += x * (co2e - (tp.kgCo2ePerTonneKm / 1000) * (km + (f.ferryKm ?? 0)));
  }
  for (const [id, m] of produced) {
    const market = lib.products.find((p) => p.id === id)?.market;
    if (!market) continue;
    valueNok += marketRevenue(market, m.tonnes, m.nokPerTonne);
    co2eTonnes += Math.min(m.tonnes, Math.max(0, market.tonnesPerYear.value)) * m.co2ePerTonne;
  }
  return { valueNok, co2eTonnes };
}

export function allocationInputs(c: AllocationCase, transport: readonly Coefficient[]): UncertainInput[] {
  return unique([
    ...(c.compiled ? residueInputs(c.compiled) : []),
    ...libraryInputs(c.lib, c.currentUses),
    ...transportInputs(transport),
  ]);
}

export interface AllocationUncertainty {
  draws: number;
  failed: number;
  /** The optimum's flows fixed, valued on each draw. */
  valueNok: Band | null;
  co2eTonnes: Band | null;
  /** Re-optimised on each draw (a model solved per draw), when asked for. */
  reoptimised: { draws: number; failed: number; valueNok: Band | null; co2eTonnes: Band | null } | null;
  tornado: TornadoBar[];
}

export interface AllocationUncertaintyOptions {
  draws: number;
  random: Random;
  transportCoefficients: readonly Coefficient[];
  /** Solve again on each of this many draws (needs `solver` and the optimiser's input). */
  reoptimise?: { draws: number; solver: Solver; input: AllocationInput; random: Random };
}

export function allocationUncertainty(
  c: AllocationCase,
  o: AllocationUncertaintyOptions,
): AllocationUncertainty {
  const inputs = allocationInputs(c, o.transportCoefficients);
  const evaluate = (values: Values): Outcome => evaluateFixedAllocation(c, values);
  const sim = simulate(inputs, evaluate, o.draws, o.random);
  let reoptimised: AllocationUncertainty['reoptimised'] = null;
  if (o.reoptimise) {
    const { solver, input } = o.reoptimise;
    const solve = (values: Values): Outcome => {
      const drawn = libraryWith(c.lib, c.currentUses, values);
      const result = allocateStreams(
        {
          ...input,
          lib: drawn.lib,
          currentUses: drawn.currentUses,
          supplies: suppliesAt(c, values),
          transport: transportAt(c, values),
        },
        solver,
      );
      return { valueNok: result.valueNok, co2eTonnes: result.co2eTonnes };
    };
    const re = simulate(inputs, solve, o.reoptimise.draws, o.reoptimise.random);
    reoptimised = {
      draws: re.draws,
      failed: re.failed,
      valueNok: re.bands.valueNok ?? null,
      co2eTonnes: re.bands.co2eTonnes ?? null,
    };
  }
  return {
    draws: o.draws,
    failed: sim.failed,
    valueNok: sim.bands.valueNok ?? null,
    co2eTonnes: sim.bands.co2eTonnes ?? null,
    reoptimised,
    tornado: tornado(inputs, evaluate, 'valueNok'),
  };
}
