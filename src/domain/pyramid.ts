/**
 * The value pyramid per stream: for each tier, the best route in the technology library that lifts
 * the stream there, its net value (revenue − opex − annualised capex) per tonne and in total with the
 * revenue beside it, and the uplift over the stream's current use. A route belongs to the tier that
 * holds most of its revenue; a route below the current use's tier is a move down. A tier no eligible
 * route reaches says why (the rule, or that the library has no route).
 */
import type { Source } from './coefficients.ts';
import { checkEligibility } from './eligibility.ts';
import { AppError } from './errors.ts';
import { type Message, message } from './message.ts';
import { type Library, runScenario, type ScenarioResult, type ScenarioStep } from './scenarios.ts';
import { productsOf, type Technology } from './technologies.ts';
import type { Text } from './text.ts';
import { type Price, priceNokPerTonne, TIERS, type Tier, tierRank } from './valuation.ts';

export interface CurrentUse {
  kind: string;
  tier: Tier;
  /** How the stream is used today, in bokmål and English. */
  description: Text;
  /** Product whose price values the current use per tonne of stream … */
  product?: string;
  /** … or a value per tonne of stream given directly. */
  valueNokPerTonne?: Price;
  source: Source;
}

export interface Route {
  technologies: string[];
  tier: Tier;
}

/** Whether a route moves a stream up the pyramid from its current use, keeps its level, or moves it down. */
export type Direction = 'up' | 'level' | 'down';

/**
 * A route's tier is the tier that holds most of its revenue; it is mixed when another tier holds at
 * least this share (pyrolysis: biochar is soil, but bio-oil and gas for energy carry most of its value).
 */
export const MIXED_SHARE = 0.25;

export interface TierValue {
  tier: Tier;
  /** Technology ids of the best route, or null when no eligible route reaches the tier. */
  route: string[] | null;
  /** Net value per tonne of stream: revenue − opex − annualised capex (transport not counted). */
  valuePerTonneNok: number | null;
  /** Net value of the stream's tonnes. */
  valueNok: number | null;
  /** What the products sell for per tonne of stream (gross revenue). */
  grossPerTonneNok: number | null;
  grossNok: number | null;
  opexPerTonneNok: number | null;
  /** Capex per tonne of stream as a yearly cost (capital recovery factor of the library's finance). */
  capitalPerTonneNok: number | null;
  co2ePerTonne: number | null;
  products: {
    product: string;
    tier: Tier;
    tonnesPerTonne: number;
    valuePerTonneNok: number;
    /** Share of the route's revenue. */
    share: number;
  }[];
  /** Revenue per tier of the route's products, largest first: the route's tier is the first. */
  valueShares: { tier: Tier; share: number }[];
  /** Another tier holds at least MIXED_SHARE of the route's revenue. */
  mixed: boolean;
  /** Against the current use's tier; null without a current use. */
  direction: Direction | null;
  /** Why the tier is closed or empty. */
  reason?: Message;
  /** Net value at this tier minus the value of the current use (null when either is unknown). */
  upliftNok: number | null;
  /** Other routes reaching the tier, worse, with their net value per tonne. */
  alternatives: { route: string[]; valuePerTonneNok: number }[];
}

export interface PyramidResult {
  kind: string;
  tonnes: number;
  basis: 'wet';
  tiers: TierValue[];
  currentUse: {
    tier: Tier;
    description: Text;
    valuePerTonneNok: number;
    valueNok: number;
    source: Source;
  } | null;
  /**
   * The route of the highest net value, with its direction against the current use and whether it
   * earns more than the current use (when it does not, the stream is best left where it is).
   */
  best: {
    tier: Tier;
    route: string[];
    valueNok: number;
    grossNok: number;
    direction: Direction | null;
    beatsCurrentUse: boolean;
  } | null;
  highestTier: Tier | null;
  upliftNok: number | null;
}

/** Every chain of up to `maxDepth` technologies starting at `stream`, each consuming an intermediate of the last. */
export function enumerateRoutes(lib: Library, stream: string, maxDepth = 4): string[][] {
  const routes: string[][] = [];
  const extend = (chain: Technology[], current: string) => {
    for (const tech of lib.technologies) {
      if (!tech.inputs.includes(current) || chain.some((c) => c.id === tech.id)) continue;
      const next = [...chain, tech];
      routes.push(next.map((t) => t.id));
      if (next.length >= maxDepth) continue;
      for (const id of productsOf(tech)) {
        const product = lib.products.find((p) => p.id === id);
        if (product?.intermediate) extend(next, id);
      }
    }
  };
  extend([], stream);
  return routes;
}

/** Runs a route on one tonne (wet) of the stream; the chain passes each step's intermediate on. */
export function runRoute(lib: Library, kind: string, route: string[]): ScenarioResult {
  let input = kind;
  const steps: ScenarioStep[] = route.map((techId, i) => {
    const step: ScenarioStep = { id: `${i + 1}-${techId}`, technology: techId, input };
    const tech = lib.technologies.find((t) => t.id === techId);
    const nextTech = route[i + 1] ? lib.technologies.find((t) => t.id === route[i + 1]) : undefined;
    const passed = tech ? productsOf(tech).find((p) => nextTech?.inputs.includes(p)) : undefined;
    if (passed) input = passed;
    return step;
  });
  return runScenario(
    {
      id: `route:${route.join('>')}`,
      name: { nb: route.join(' → '), en: route.join(' → ') },
      description: '',
      inputs: [{ stream: kind, tonnes: 1, basis: 'wet' }],
      steps,
    },
    lib,
  );
}

/** Revenue per tier of a route's products, largest share first (the route's tier is the first). */
export function valueShares(result: ScenarioResult, fallback: Tier): { tier: Tier; share: number }[] {
  const total = result.products.reduce((s, p) => s + Math.max(0, p.valueNok), 0);
  if (!(total > 0)) return [{ tier: fallback, share: 1 }];
  const byTier = new Map<Tier, number>();
  for (const p of result.products) byTier.set(p.tier, (byTier.get(p.tier) ?? 0) + Math.max(0, p.valueNok));
  return [...byTier.entries()]
    .map(([tier, v]) => ({ tier, share: v / total }))
    .filter((x) => x.share > 0)
    .sort((a, b) => b.share - a.share || tierRank(b.tier) - tierRank(a.tier));
}

export function directionOf(tier: Tier, current: Tier | undefined): Direction | null {
  if (current === undefined) return null;
  const d = tierRank(tier) - tierRank(current);
  return d > 0 ? 'up' : d < 0 ? 'down' : 'level';
}

/** NOK per tonne of stream that its current use earns. */
export function currentValue(lib: Library, use: CurrentUse): number {
  if (use.valueNokPerTonne) return priceNokPerTonne(use.valueNokPerTonne, lib.rates).value;
  if (use.product) {
    const product = lib.products.find((p) => p.id === use.product);
    if (!product)
      throw new AppError('unknown_product', `current use of ${use.kind}: unknown product "${use.product}"`, {
        detail: message('current_use_unknown_product', { kind: use.kind, product: use.product }),
      });
    return priceNokPerTonne(product.price, lib.rates).value;
  }
  return 0;
}

export function valuePyramid(
  lib: Library,
  kindId: string,
  tonnesWet: number,
  currentUses: CurrentUse[],
): PyramidResult {
  const kind = lib.kinds.find((k) => k.id === kindId);
  if (!kind) {
    throw new AppError(
      'unknown_kind',
      `unknown residue kind "${kindId}"; kinds: ${lib.kinds.map((k) => k.id).join(', ')}`,
      { detail: message('unknown_kind', { id: kindId, known: lib.kinds.map((k) => k.id) }) },
    );
  }
  if (!(tonnesWet >= 0))
    throw new AppError('invalid_input', `invalid tonnes: ${tonnesWet}`, {
      detail: message('tonnes_invalid', { input: String(tonnesWet) }),
    });
  type Option = { route: string[]; result: ScenarioResult; shares: { tier: Tier; share: number }[] };
  const byTier = new Map<Tier, Option[]>();
  const refused = new Map<Tier, Message>();
  for (const route of enumerateRoutes(lib, kindId)) {
    const last = lib.technologies.find((t) => t.id === route[route.length - 1]) as Technology;
    try {
      const result = runRoute(lib, kindId, route);
      const shares = valueShares(result, last.tier);
      const tier = (shares[0] as { tier: Tier }).tier;
      const list = byTier.get(tier) ?? [];
      list.push({ route, result, shares });
      byTier.set(tier, list);
    } catch (error) {
      if (error instanceof AppError && error.code === 'ineligible_route') {
        if (!refused.has(last.tier) && error.detail) refused.set(last.tier, error.detail);
        continue;
      }
      throw error;
    }
  }
  // A tier the stream's class may never reach is closed by its rule, whatever the library holds.
  const closedBy = (tier: Tier): Message | undefined => {
    const verdict = checkEligibility(lib.rules, kind.regulatoryClass, { tier });
    return verdict.ok
      ? undefined
      : message('tier_closed_by_rule', {
          kind: kindId,
          tier,
          regulatoryClass: kind.regulatoryClass,
          rule: verdict.rule.rule,
          citation: verdict.rule.legalSource.citation,
        });
  };
  const use = currentUses.find((u) => u.kind === kindId);
  const tiers: TierValue[] = TIERS.map((tier) => {
    const options = (byTier.get(tier) ?? []).sort((a, b) => b.result.netNok - a.result.netNok);
    const best = options[0];
    if (!best) {
      return {
        tier,
        route: null,
        valuePerTonneNok: null,
        valueNok: null,
        grossPerTonneNok: null,
        grossNok: null,
        opexPerTonneNok: null,
        capitalPerTonneNok: null,
        co2ePerTonne: null,
        products: [],
        valueShares: [],
        mixed: false,
        direction: null,
        reason: closedBy(tier) ?? refused.get(tier) ?? message('tier_no_technology', { kind: kindId, tier }),
        upliftNok: null,
        alternatives: [],
      };
    }
    const r = best.result;
    return {
      tier,
      route: best.route,
      valuePerTonneNok: r.netNok,
      valueNok: r.netNok * tonnesWet,
      grossPerTonneNok: r.valueNok,
      grossNok: r.valueNok * tonnesWet,
      opexPerTonneNok: r.opexNok,
      capitalPerTonneNok: r.capitalNok,
      co2ePerTonne: r.co2eTonnes,
      products: r.products.map((p) => ({
        product: p.product,
        tier: p.tier,
        tonnesPerTonne: p.tonnes,
        valuePerTonneNok: p.valueNok,
        share: r.valueNok > 0 ? Math.max(0, p.valueNok) / r.valueNok : 0,
      })),
      valueShares: best.shares,
      mixed: best.shares.slice(1).some((x) => x.share >= MIXED_SHARE),
      direction: directionOf(tier, use?.tier),
      upliftNok: null,
      alternatives: options.slice(1).map((o) => ({ route: o.route, valuePerTonneNok: o.result.netNok })),
    };
  });
  const currentUse = use
    ? (() => {
        const v = currentValue(lib, use);
        return {
          tier: use.tier,
          description: use.description,
          valuePerTonneNok: v,
          valueNok: v * tonnesWet,
          source: use.source,
        };
      })()
    : null;
  for (const t of tiers) {
    if (t.valueNok !== null && currentUse) t.upliftNok = t.valueNok - currentUse.valueNok;
  }
  // The best route is the one of the highest net value; the highest tier reached is reported beside
  // it, since the pyramid's rule (as high as possible) and value usually, but not always, agree.
  const reachable = tiers.filter((t) => t.route !== null);
  const top = [...reachable].sort((a, b) => (b.valueNok ?? 0) - (a.valueNok ?? 0))[0];
  const highest = [...reachable].sort((a, b) => tierRank(b.tier) - tierRank(a.tier))[0];
  const best = top?.route
    ? {
        tier: top.tier,
        route: top.route,
        valueNok: top.valueNok ?? 0,
        grossNok: top.grossNok ?? 0,
        direction: top.direction,
        beatsCurrentUse: !currentUse || (top.valueNok ?? 0) > currentUse.valueNok,
      }
    : null;
  return {
    kind: kindId,
    tonnes: tonnesWet,
    basis: 'wet',
    tiers,
    currentUse,
    best,
    highestTier: highest?.tier ?? null,
    upliftNok: best && currentUse ? best.valueNok - currentUse.valueNok : null,
  };
}
