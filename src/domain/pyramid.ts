/**
 * The value pyramid per stream: for each tier, the best route in the technology library that lifts
 * the stream there, its value per tonne and in total, and the uplift over the stream's current use.
 * A tier no eligible route reaches says why (the rule, or that the library has no route).
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

export interface TierValue {
  tier: Tier;
  /** Technology ids of the best route, or null when no eligible route reaches the tier. */
  route: string[] | null;
  valuePerTonneNok: number | null;
  valueNok: number | null;
  co2ePerTonne: number | null;
  products: { product: string; tier: Tier; tonnesPerTonne: number; valuePerTonneNok: number }[];
  /** Why the tier is closed or empty. */
  reason?: Message;
  /** Value at this tier minus the value of the current use (null when either is unknown). */
  upliftNok: number | null;
  /** Other routes reaching the tier, worse, with their value per tonne. */
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
  best: { tier: Tier; route: string[]; valueNok: number } | null;
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
  const byTier = new Map<Tier, { route: string[]; result: ScenarioResult }[]>();
  const refused = new Map<Tier, Message>();
  for (const route of enumerateRoutes(lib, kindId)) {
    const last = lib.technologies.find((t) => t.id === route[route.length - 1]) as Technology;
    try {
      const result = runRoute(lib, kindId, route);
      const list = byTier.get(last.tier) ?? [];
      list.push({ route, result });
      byTier.set(last.tier, list);
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
  const tiers: TierValue[] = TIERS.map((tier) => {
    const options = (byTier.get(tier) ?? []).sort((a, b) => b.result.valueNok - a.result.valueNok);
    const best = options[0];
    if (!best) {
      return {
        tier,
        route: null,
        valuePerTonneNok: null,
        valueNok: null,
        co2ePerTonne: null,
        products: [],
        reason: closedBy(tier) ?? refused.get(tier) ?? message('tier_no_technology', { kind: kindId, tier }),
        upliftNok: null,
        alternatives: [],
      };
    }
    return {
      tier,
      route: best.route,
      valuePerTonneNok: best.result.valueNok,
      valueNok: best.result.valueNok * tonnesWet,
      co2ePerTonne: best.result.co2eTonnes,
      products: best.result.products.map((p) => ({
        product: p.product,
        tier: p.tier,
        tonnesPerTonne: p.tonnes,
        valuePerTonneNok: p.valueNok,
      })),
      upliftNok: null,
      alternatives: options.slice(1).map((o) => ({ route: o.route, valuePerTonneNok: o.result.valueNok })),
    };
  });
  const use = currentUses.find((u) => u.kind === kindId);
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
  // The best route is the one worth most; the highest tier reached is reported beside it, since the
  // pyramid's rule (as high as possible) and value usually, but not always, agree.
  const reachable = tiers.filter((t) => t.route !== null);
  const top = [...reachable].sort((a, b) => (b.valueNok ?? 0) - (a.valueNok ?? 0))[0];
  const highest = [...reachable].sort((a, b) => tierRank(b.tier) - tierRank(a.tier))[0];
  const best = top?.route ? { tier: top.tier, route: top.route, valueNok: top.valueNok ?? 0 } : null;
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
