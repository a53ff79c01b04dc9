/**
 * Scenarios: inputs (residue streams in tonnes) and routes (steps through technologies). Running one
 * gives the products sold with tier, tonnes, value and CO2e avoided, the capex, and a mass balance per
 * step that must close. Products keep the regulatory class of the residue they came from, so a route
 * that would take manure to feed is refused with the rule that forbids it.
 */
import type { Source } from './coefficients.ts';
import { checkEligibility, type EligibilityRule } from './eligibility.ts';
import { AppError } from './errors.ts';
import { capitalRecoveryFactor, type Finance } from './finance.ts';
import { message } from './message.ts';
import type { RegulatoryClass, ResidueKind } from './residue-kinds.ts';
import {
  type Basis,
  balanceCloses,
  type MassBalance,
  massBalance,
  productsOf,
  type Technology,
  yieldsFor,
} from './technologies.ts';
import type { Text, Words } from './text.ts';
import {
  type ClimateFactor,
  type Price,
  type Product,
  priceNokPerTonne,
  type Rates,
  type Tier,
  tierRank,
} from './valuation.ts';

export interface ScenarioInput {
  /** Residue kind id, or a product id (e.g. biometan) when the scenario starts further down a chain. */
  stream: string;
  /** Tonnes per year on `basis`; absent means "as much as the steps need" (reported as required). */
  tonnes?: number;
  basis: Basis;
  note?: Words;
}

export interface ScenarioStep {
  id: string;
  technology: string;
  /** The stream this step takes: an input's stream or a product of an earlier step. */
  input: string;
  /** Fixed tonnes of input (on the technology's basis). */
  tonnes?: number;
  /** Share of what is available of the input stream (default 1 = all). */
  share?: number;
  /** Size the step so that it makes this much of a product. */
  target?: { product: string; tonnes: number };
  /** Yields per product id or loss `what`, instead of the technology's (t per t input). */
  yields?: Record<string, number>;
  /** Capex instead of the technology's, NOK per tonne of capacity (of `capexPer` when the technology has it). */
  capexNokPerTonneCapacity?: number;
  source?: Source;
}

export interface Scenario {
  id: string;
  name: { nb: string; en: string };
  /** In bokmål and English (the built-ins), or a user's own words as written. */
  description: Text | string;
  source?: Source;
  inputs: ScenarioInput[];
  steps: ScenarioStep[];
  /** Prices instead of the products' own. */
  prices?: Record<string, Price>;
  /** Climate factors instead of the products' own. */
  climate?: Record<string, ClimateFactor[]>;
}

export interface Library {
  kinds: ResidueKind[];
  products: Product[];
  technologies: Technology[];
  rules: EligibilityRule[];
  rates: Rates;
  /** Discount rate and lifetime that turn capex into a yearly cost. */
  finance: Finance;
}

export interface ProductResult {
  product: string;
  tier: Tier;
  tonnes: number;
  priceNokPerTonne: number;
  valueNok: number;
  /** Tonnes CO2e avoided (positive = saved) by what the product replaces. */
  co2eTonnes: number;
  replaces: Text[];
  priceSource: Source;
}

export interface StepResult extends MassBalance {
  step: string;
  capexNok: number;
  opexNok: number;
  capacityTonnes: number;
  /** What the capacity is counted in: the product the capex is per, or the step's input stream. */
  capacityOf: string;
  /** Whether `capacityOf` is the input (on the technology's basis) rather than a product. */
  capacityIsInput: boolean;
}

export interface ScenarioResult {
  scenario: string;
  products: ProductResult[];
  /** Gross revenue: what the products sell for, NOK per year. */
  valueNok: number;
  co2eTonnes: number;
  capexNok: number;
  opexNok: number;
  /** Capex as a yearly cost: capex × the capital recovery factor of the library's finance. */
  capitalNok: number;
  /** Net value: revenue − opex − annualised capex (before transport), NOK per year. */
  netNok: number;
  massBalance: StepResult[];
  /** Inputs used, including those sized by the steps. */
  inputs: { stream: string; basis: Basis; tonnes: number; used: number }[];
  /** Streams left over after the steps (not sold, not used). */
  leftovers: { stream: string; basis: Basis; tonnes: number }[];
}

interface Stream {
  id: string;
  basis: Basis;
  tonnes: number;
  /** Undefined tonnes: drawn as needed (an input without a stated amount). */
  unbounded: boolean;
  origins: Set<RegulatoryClass>;
  /** Whether the stream is a product (sold when left over) or a residue input. */
  isProduct: boolean;
}

export function findById<T extends { id: string }>(
  list: T[],
  id: string,
  what: string,
  code: 'unknown_technology' | 'unknown_product',
  plural = `${what}s`,
): T {
  const found = list.find((x) => x.id === id);
  if (!found) {
    const known = list.map((x) => x.id);
    throw new AppError(code, `unknown ${what} "${id}"; ${plural}: ${known.join(', ')}`, {
      detail: message(code, { id, known }),
    });
  }
  return found;
}

/** DM share of a stream: a residue kind's, or 1 for products (their amounts are stated on the step's basis). */
function dmShareOf(lib: Library, stream: string): number | undefined {
  return lib.kinds.find((k) => k.id === stream)?.dmShare.value;
}

function convertBasis(
  lib: Library,
  stream: string,
  tonnes: number,
  from: Basis,
  to: Basis,
  stepId: string,
): number {
  const where = `step ${stepId}`;
  if (from === to) return tonnes;
  const dm = dmShareOf(lib, stream);
  if (dm === undefined) {
    throw new AppError(
      'invalid_input',
      `${where}: ${stream} is stated ${from} but the technology works on ${to}, and ${stream} has no dry-matter share`,
      { detail: message('scenario_basis_without_dm', { step: stepId, stream, basis: to }) },
    );
  }
  return from === 'wet' ? tonnes * dm : tonnes / dm;
}

/** The yields a step uses: the technology's central values for the step's input, with the step's overrides. */
export function stepYields(tech: Technology, step: ScenarioStep): Map<string, number> {
  const yields = new Map<string, number>();
  const set = yieldsFor(tech, step.input);
  for (const o of set.outputs) yields.set(o.product, o.yield.value);
  for (const l of set.losses) yields.set(l.what, l.yield.value);
  for (const [k, v] of Object.entries(step.yields ?? {})) {
    if (!yields.has(k)) {
      throw new AppError(
        'invalid_input',
        `step ${step.id}: ${tech.id} has no output or loss "${k}"; it has ${[...yields.keys()].join(', ')}`,
        {
          detail: message('scenario_yield_unknown', {
            step: step.id,
            technology: tech.id,
            name: k,
            known: [...yields.keys()],
          }),
        },
      );
    }
    yields.set(k, v);
  }
  return yields;
}

export function runScenario(scenario: Scenario, lib: Library): ScenarioResult {
  for (const [product, price] of Object.entries(scenario.prices ?? {})) {
    if (!lib.rates.rates.has(price.currency)) {
      throw new AppError(
        'invalid_input',
        `prices.${product}: no rate for currency ${price.currency}; currencies with a rate: ${[...lib.rates.rates.keys()].join(', ')}`,
        {
          issues: [
            {
              path: `prices.${product}.currency`,
              message: `no rate for ${price.currency}`,
              detail: message('currency_no_rate', {
                currency: price.currency,
                known: [...lib.rates.rates.keys()],
              }),
            },
          ],
          detail: message('currency_no_rate', {
            currency: price.currency,
            known: [...lib.rates.rates.keys()],
          }),
        },
      );
    }
  }
  const streams = new Map<string, Stream>();
  const inputs = scenario.inputs.map((input, i) => {
    const kind = lib.kinds.find((k) => k.id === input.stream);
    const product = lib.products.find((p) => p.id === input.stream);
    if (!kind && !product) {
      throw new AppError(
        'unknown_kind',
        `inputs[${i}]: unknown stream "${input.stream}"; residue kinds: ${lib.kinds.map((k) => k.id).join(', ')}`,
        {
          detail: message('scenario_input_unknown', {
            stream: input.stream,
            known: lib.kinds.map((k) => k.id),
          }),
        },
      );
    }
    const origins = new Set<RegulatoryClass>(kind ? [kind.regulatoryClass] : []);
    streams.set(input.stream, {
      id: input.stream,
      basis: input.basis,
      tonnes: input.tonnes ?? 0,
      unbounded: input.tonnes === undefined,
      origins,
      isProduct: !kind,
    });
    return { stream: input.stream, basis: input.basis, tonnes: input.tonnes ?? 0, used: 0 };
  });

  const steps: StepResult[] = [];
  for (const step of scenario.steps) {
    const where = `step ${step.id}`;
    const tech = findById(
      lib.technologies,
      step.technology,
      'technology',
      'unknown_technology',
      'technologies',
    );
    const stream = streams.get(step.input);
    if (!stream) {
      throw new AppError(
        'invalid_input',
        `${where}: no stream "${step.input}" yet; streams: ${[...streams.keys()].join(', ')}`,
        {
          detail: message('scenario_stream_not_yet', {
            step: step.id,
            stream: step.input,
            known: [...streams.keys()],
          }),
        },
      );
    }
    if (!tech.inputs.includes(step.input)) {
      throw new AppError(
        'ineligible_route',
        `${where}: ${tech.id} does not accept ${step.input}; it accepts ${tech.inputs.join(', ')}`,
        {
          detail: message('scenario_technology_refuses', {
            step: step.id,
            technology: tech.id,
            stream: step.input,
            accepted: tech.inputs,
          }),
        },
      );
    }
    const yields = stepYields(tech, step);
    // Eligibility: the stream's origins against the technology and every product it makes.
    for (const origin of stream.origins) {
      const tiers = new Set<Tier>([tech.tier, ...productsOf(tech).map((p) => productOf(lib, p).tier)]);
      for (const tier of tiers) {
        const verdict = checkEligibility(lib.rules, origin, { tier, technology: tech.id });
        if (!verdict.ok) {
          throw new AppError(
            'ineligible_route',
            `${where}: ${step.input} → ${tech.id} refused: ${origin} ${verdict.reason.code === 'eligibility_technology_forbidden' ? `may not go to ${tech.id}` : `may not reach tier ${tier}`}: ${verdict.rule.rule.en}`,
            {
              issues: [
                {
                  path: where,
                  message: `${step.input} → ${tech.id}`,
                  detail: message('scenario_route_refused', {
                    step: step.id,
                    stream: step.input,
                    technology: tech.id,
                  }),
                },
                {
                  path: `rule ${verdict.rule.id}`,
                  message: verdict.rule.legalSource.citation,
                  detail: message('rule_citation', {
                    rule: verdict.rule.id,
                    citation: verdict.rule.legalSource.citation,
                  }),
                },
              ],
              detail: verdict.reason,
            },
          );
        }
      }
    }

    const available = convertBasis(lib, stream.id, stream.tonnes, stream.basis, tech.basis, step.id);
    let inputTonnes: number;
    if (step.target) {
      const y = yields.get(step.target.product);
      if (!y || y <= 0)
        throw new AppError('invalid_input', `${where}: ${tech.id} makes no ${step.target.product}`, {
          detail: message('scenario_target_not_made', {
            step: step.id,
            technology: tech.id,
            product: step.target.product,
          }),
        });
      inputTonnes = step.target.tonnes / y;
    } else if (step.tonnes !== undefined) {
      inputTonnes = step.tonnes;
    } else {
      if (stream.unbounded)
        throw new AppError(
          'invalid_input',
          `${where}: ${step.input} has no stated amount; give tonnes or a target`,
          { detail: message('scenario_amount_missing', { step: step.id, stream: step.input }) },
        );
      inputTonnes = available * (step.share ?? 1);
    }
    if (!stream.unbounded && inputTonnes > available * (1 + 1e-9)) {
      throw new AppError(
        'invalid_input',
        `${where}: needs ${round(inputTonnes)} t ${tech.basis} of ${step.input} but only ${round(available)} t is available`,
        {
          detail: message('scenario_input_short', {
            step: step.id,
            stream: step.input,
            basis: tech.basis,
            needed: inputTonnes,
            available,
          }),
        },
      );
    }
    const balance = massBalance(tech, step.input, inputTonnes, yields);
    if (!balanceCloses(balance)) {
      throw new AppError(
        'invalid_input',
        `${where}: mass balance of ${tech.id} does not close: input ${round(balance.input)} t, products + losses ${round(balance.input - balance.imbalance)} t (yields must add up to 1)`,
        {
          detail: message('scenario_balance_open', {
            step: step.id,
            technology: tech.id,
            input: balance.input,
            output: balance.input - balance.imbalance,
          }),
        },
      );
    }
    // Take the input from its stream (on the stream's own basis).
    const used = convertBasis(lib, stream.id, inputTonnes, tech.basis, stream.basis, step.id);
    if (!stream.unbounded) stream.tonnes -= used;
    const record = inputs.find((x) => x.stream === stream.id);
    if (record) {
      record.used += used;
      if (stream.unbounded) record.tonnes += used;
    }
    for (const p of balance.products) {
      const existing = streams.get(p.product);
      if (existing) {
        existing.tonnes += p.tonnes;
        for (const o of stream.origins) existing.origins.add(o);
      } else {
        streams.set(p.product, {
          id: p.product,
          basis: tech.basis,
          tonnes: p.tonnes,
          unbounded: false,
          origins: new Set(stream.origins),
          isProduct: true,
        });
      }
    }
    const capexProduct = tech.capexPer;
    const capacityTonnes = capexProduct
      ? (balance.products.find((p) => p.product === capexProduct)?.tonnes ?? 0)
      : inputTonnes;
    const capexPerTonne = step.capexNokPerTonneCapacity ?? tech.capexNokPerTonneCapacity.value;
    steps.push({
      ...balance,
      step: step.id,
      capacityTonnes,
      capacityOf: capexProduct ?? step.input,
      capacityIsInput: !capexProduct,
      capexNok: capacityTonnes * capexPerTonne,
      opexNok: inputTonnes * tech.opexNokPerTonne.value,
    });
  }

  const products: ProductResult[] = [];
  const leftovers: ScenarioResult['leftovers'] = [];
  for (const s of streams.values()) {
    if (s.tonnes <= 1e-9 || s.unbounded) continue;
    if (!s.isProduct) {
      leftovers.push({ stream: s.id, basis: s.basis, tonnes: s.tonnes });
      continue;
    }
    const product = productOf(lib, s.id);
    const price = scenario.prices?.[s.id] ?? product.price;
    const nokPerTonne = priceNokPerTonne(price, lib.rates).value;
    const climate = scenario.climate?.[s.id] ?? product.climate ?? [];
    const co2ePerTonne = climate.reduce(
      (sum, f) => sum + f.tonnesReplacedPerTonne.value * f.kgCo2ePerKgReplaced.value,
      0,
    );
    products.push({
      product: s.id,
      tier: product.tier,
      tonnes: s.tonnes,
      priceNokPerTonne: nokPerTonne,
      valueNok: s.tonnes * nokPerTonne,
      co2eTonnes: s.tonnes * co2ePerTonne,
      replaces: climate.map((f) => f.replaces),
      priceSource: price.source,
    });
  }
  products.sort((a, b) => tierRank(b.tier) - tierRank(a.tier) || b.valueNok - a.valueNok);
  const valueNok = products.reduce((s, p) => s + p.valueNok, 0);
  const capexNok = steps.reduce((s, p) => s + p.capexNok, 0);
  const opexNok = steps.reduce((s, p) => s + p.opexNok, 0);
  const capitalNok = capexNok * capitalRecoveryFactor(lib.finance);
  return {
    scenario: scenario.id,
    products,
    valueNok,
    co2eTonnes: products.reduce((s, p) => s + p.co2eTonnes, 0),
    capexNok,
    opexNok,
    capitalNok,
    netNok: valueNok - opexNok - capitalNok,
    massBalance: steps,
    inputs,
    leftovers,
  };
}

function productOf(lib: Library, id: string): Product {
  return findById(lib.products, id, 'product', 'unknown_product');
}

function round(x: number): string {
  return x.toFixed(1);
}
