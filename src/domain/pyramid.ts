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
import { marketBreaks, marketRevenue, marketTakes } from './markets.ts';
import { type Message, message } from './message.ts';
import { type Library, runScenario, type ScenarioResult, type ScenarioStep } from './scenarios.ts';
import { MATURE_TRL, placeholdersOf, productsOf, routeReadiness, type Technology } from './technologies.ts';
import type { Text } from './text.ts';
import {
  type ClimateFactor,
  co2eAvoidedPerTonne,
  type Market,
  type Price,
  priceNokPerTonne,
  TIERS,
  type Tier,
  tierRank,
} from './valuation.ts';

export interface CurrentUse {
  kind: string;
  tier: Tier;
  /** How the stream is used today, in bokmål and English. */
  description: Text;
  /** Product whose price values the current use per tonne of stream … */
  product?: string;
  /** … or a value per tonne of stream given directly. */
  valueNokPerTonne?: Price;
  /**
   * What the current use saves in CO2e per tonne of stream (manure spread on the fields replaces
   * mineral fertiliser); without it, the product's climate factors, else nothing. A new use's climate
   * effect is counted over this, so a saving the stream already makes is not credited again.
   */
  climate?: ClimateFactor[];
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
  /** Technology ids of the best mature route, or null when no eligible mature route reaches the tier. */
  route: string[] | null;
  /** Net value per tonne routed: revenue − opex − annualised capex (transport not counted). */
  valuePerTonneNok: number | null;
  /**
   * Net value of the stream's tonnes with this route: the route's net value for the tonnes it takes,
   * plus the current use's value of the rest (what a thin market does not take stays where it is).
   */
  valueNok: number | null;
  /** Tonnes (wet) of the stream the route takes: all of them, unless a product's market is full first. */
  tonnesRouted: number | null;
  /** What the rest of the stream earns in its current use. */
  restInCurrentUseNok: number | null;
  /** What the products sell for per tonne routed (gross revenue). */
  grossPerTonneNok: number | null;
  /** What the products of the routed tonnes sell for. */
  grossNok: number | null;
  opexPerTonneNok: number | null;
  /** Capex per tonne of stream as a yearly cost (capital recovery factor of the library's finance). */
  capitalPerTonneNok: number | null;
  /** t CO2e the route's products save per tonne routed (gross, before the current use's own saving). */
  co2ePerTonne: number | null;
  /** The climate effect of the move per tonne routed: the route's saving less the current use's. */
  netCo2ePerTonne: number | null;
  /** The move's climate effect for the stream: (route − current use) × tonnes routed. */
  co2eUpliftTonnes: number | null;
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
  /** The route's readiness: its least ready technology's TRL (null without a route). */
  trl: number | null;
  /** Yields of the route no source gives: a placeholder route, marked wherever it appears. */
  placeholders: string[];
  /** The market that limits the route: the product whose market is full, its size and scope. */
  market: MarketLimit | null;
  /** What a reader must know of the route: a placeholder's unsourced yields, a full market. */
  notes: Message[];
  /** Why the tier is closed or empty. */
  reason?: Message;
  /** Net value at this tier minus the value of the current use (null when either is unknown). */
  upliftNok: number | null;
  /** Other mature routes reaching the tier, worse, with their net value per tonne routed. */
  alternatives: RouteOption[];
  /** Routes to the tier below MATURE_TRL (pilot or laboratory), shown apart and never chosen by default. */
  emerging: RouteOption[];
}

export interface RouteOption {
  route: string[];
  valuePerTonneNok: number;
  upliftNok: number | null;
  trl: number;
  placeholders: string[];
}

export interface MarketLimit {
  product: string;
  /** The market's size, t of product a year. */
  tonnesPerYear: number;
  scope: Market['scope'];
  /** Tonnes of the product the route makes from the routed tonnes. */
  productTonnes: number;
  /** The market is full (the stream has more than the market takes). */
  binds: boolean;
}

export interface PyramidOptions {
  /** Let routes below MATURE_TRL compete for the best route (they are always listed as emerging). */
  includeEmerging?: boolean;
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
    /** t CO2e the current use saves per tonne, and for the stream's tonnes. */
    co2ePerTonne: number;
    co2eTonnes: number;
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
    tonnesRouted: number;
    trl: number;
    placeholders: string[];
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

/** A route at the stream's tonnage: what it takes, earns and costs once thin markets are counted. */
export interface RouteAtTonnage {
  tonnesRouted: number;
  grossNok: number;
  opexNok: number;
  capitalNok: number;
  netNok: number;
  co2eTonnes: number;
  products: { product: string; tier: Tier; tonnes: number; valueNok: number }[];
  market: MarketLimit | null;
}

/**
 * Runs a route's one-tonne result at `tonnes`: products with a market sell only what it takes (at its
 * steps' prices), so the route takes the tonnage, among the markets' breakpoints and the whole stream,
 * that earns most over the current use (`currentPerTonne`); the rest stays in its current use.
 */
export function routeAtTonnage(
  lib: Library,
  result: ScenarioResult,
  tonnes: number,
  currentPerTonne: number,
): RouteAtTonnage {
  const priced = result.products.map((p) => ({
    p,
    market: lib.products.find((x) => x.id === p.product)?.market,
  }));
  const at = (q: number): RouteAtTonnage => {
    let market: MarketLimit | null = null;
    const products = priced.map(({ p, market: m }) => {
      if (!m)
        return {
          product: p.product,
          tier: p.tier,
          tonnes: p.tonnes * q,
          valueNok: p.valueNok * q,
          co2e: p.co2eTonnes * q,
        };
      const made = p.tonnes * q;
      const sold = marketTakes(m, made);
      const limit = {
        product: p.product,
        tonnesPerYear: m.tonnesPerYear.value,
        scope: m.scope,
        productTonnes: made,
        binds: made >= m.tonnesPerYear.value * (1 - 1e-9),
      };
      if (!market || (limit.binds && !market.binds)) market = limit;
      return {
        product: p.product,
        tier: p.tier,
        tonnes: made,
        valueNok: marketRevenue(m, made, p.priceNokPerTonne),
        co2e: p.tonnes > 0 ? (p.co2eTonnes / p.tonnes) * sold : 0,
      };
    });
    const grossNok = products.reduce((sum, x) => sum + x.valueNok, 0);
    const opexNok = result.opexNok * q;
    const capitalNok = result.capitalNok * q;
    return {
      tonnesRouted: q,
      grossNok,
      opexNok,
      capitalNok,
      netNok: grossNok - opexNok - capitalNok,
      co2eTonnes: products.reduce((sum, x) => sum + x.co2e, 0),
      products: products.map(({ co2e: _, ...x }) => x),
      market,
    };
  };
  const capped = priced.filter((x) => x.market && x.p.tonnes > 0);
  if (capped.length === 0 || !(tonnes > 0)) return at(tonnes);
  const candidates = new Set<number>([tonnes]);
  for (const { p, market: m } of capped)
    for (const b of marketBreaks(m as Market)) if (b / p.tonnes < tonnes) candidates.add(b / p.tonnes);
  let best: RouteAtTonnage | undefined;
  for (const q of [...candidates].sort((a, b) => a - b)) {
    const r = at(q);
    if (!best || r.netNok - currentPerTonne * q > best.netNok - currentPerTonne * best.tonnesRouted + 1e-9)
      best = r;
  }
  return best as RouteAtTonnage;
}

/** t CO2e the current use saves per tonne of stream: its own climate factors, else its product's, else none. */
export function currentClimate(lib: Library, use: CurrentUse): number {
  if (use.climate) return co2eAvoidedPerTonne({ climate: use.climate });
  const product = use.product ? lib.products.find((p) => p.id === use.product) : undefined;
  return product ? co2eAvoidedPerTonne(product) : 0;
}

/**
 * The whole stream with a route: the route's net value for the tonnes it takes plus the current
 * use's for the rest (none without a current use), and the move's climate effect over the current use.
 */
export function streamWithRoute(
  a: RouteAtTonnage,
  tonnes: number,
  use: { valuePerTonneNok: number; co2ePerTonne: number } | null,
): { valueNok: number; restInCurrentUseNok: number | null; co2eUpliftTonnes: number } {
  const rest = use ? use.valuePerTonneNok * (tonnes - a.tonnesRouted) : null;
  return {
    valueNok: a.netNok + (rest ?? 0),
    restInCurrentUseNok: rest,
    co2eUpliftTonnes: a.co2eTonnes - (use?.co2ePerTonne ?? 0) * a.tonnesRouted,
  };
}

export function valuePyramid(
  lib: Library,
  kindId: string,
  tonnesWet: number,
  currentUses: CurrentUse[],
  options: PyramidOptions = {},
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
  const use = currentUses.find((u) => u.kind === kindId);
  const currentPerTonne = use ? currentValue(lib, use) : 0;
  const currentCo2e = use ? currentClimate(lib, use) : 0;
  type Option = {
    route: string[];
    result: ScenarioResult;
    at: RouteAtTonnage;
    shares: { tier: Tier; share: number }[];
    trl: number;
    placeholders: string[];
    /** Net value per tonne routed (the one-tonne result when nothing is routed). */
    perTonne: number;
    uplift: number;
  };
  const byTier = new Map<Tier, Option[]>();
  const refused = new Map<Tier, Message>();
  for (const route of enumerateRoutes(lib, kindId)) {
    const last = lib.technologies.find((t) => t.id === route[route.length - 1]) as Technology;
    try {
      const result = runRoute(lib, kindId, route);
      const shares = valueShares(result, last.tier);
      const tier = (shares[0] as { tier: Tier }).tier;
      const at = routeAtTonnage(lib, result, tonnesWet, currentPerTonne);
      const list = byTier.get(tier) ?? [];
      list.push({
        route,
        result,
        at,
        shares,
        trl: routeReadiness(lib.technologies, route),
        placeholders: placeholdersOf(lib.technologies, kindId, route),
        perTonne: at.tonnesRouted > 0 ? at.netNok / at.tonnesRouted : result.netNok,
        uplift: at.netNok - currentPerTonne * at.tonnesRouted,
      });
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
  const optionOf = (o: Option): RouteOption => ({
    route: o.route,
    valuePerTonneNok: o.perTonne,
    upliftNok: use ? o.uplift : null,
    trl: o.trl,
    placeholders: o.placeholders,
  });
  const tiers: TierValue[] = TIERS.map((tier) => {
    // Most over the current use first (with no current use: most net value).
    const all = (byTier.get(tier) ?? []).sort((a, b) => b.uplift - a.uplift || b.perTonne - a.perTonne);
    const mature = all.filter((o) => options.includeEmerging || o.trl >= MATURE_TRL);
    const emerging = all.filter((o) => o.trl < MATURE_TRL).map(optionOf);
    const best = mature[0];
    if (!best) {
      const top = all[0];
      return {
        tier,
        route: null,
        valuePerTonneNok: null,
        valueNok: null,
        tonnesRouted: null,
        restInCurrentUseNok: null,
        grossPerTonneNok: null,
        grossNok: null,
        opexPerTonneNok: null,
        capitalPerTonneNok: null,
        co2ePerTonne: null,
        netCo2ePerTonne: null,
        co2eUpliftTonnes: null,
        products: [],
        valueShares: [],
        mixed: false,
        direction: null,
        trl: null,
        placeholders: [],
        market: null,
        notes: [],
        reason:
          closedBy(tier) ??
          (top
            ? message('tier_only_emerging', { kind: kindId, tier, trl: top.trl, mature: MATURE_TRL })
            : (refused.get(tier) ?? message('tier_no_technology', { kind: kindId, tier }))),
        upliftNok: null,
        alternatives: [],
        emerging,
      };
    }
    const a = best.at;
    const q = a.tonnesRouted;
    const per = (v: number) => (q > 0 ? v / q : 0);
    const stream = streamWithRoute(
      a,
      tonnesWet,
      use ? { valuePerTonneNok: currentPerTonne, co2ePerTonne: currentCo2e } : null,
    );
    const routeCo2e = q > 0 ? per(a.co2eTonnes) : best.result.co2eTonnes;
    const notes: Message[] = [];
    if (best.placeholders.length > 0)
      notes.push(message('route_placeholder', { count: best.placeholders.length }));
    const limit = a.market;
    const product = limit ? lib.products.find((x) => x.id === limit.product) : undefined;
    if (limit?.binds && product && q < tonnesWet)
      notes.push(
        message('route_market_full', {
          product: product.name,
          scope: limit.scope,
          marketTonnes: limit.tonnesPerYear,
          routedTonnes: q,
          streamTonnes: tonnesWet,
        }),
      );
    return {
      tier,
      route: best.route,
      valuePerTonneNok: best.perTonne,
      valueNok: stream.valueNok,
      tonnesRouted: q,
      restInCurrentUseNok: stream.restInCurrentUseNok,
      grossPerTonneNok: q > 0 ? per(a.grossNok) : best.result.valueNok,
      grossNok: a.grossNok,
      opexPerTonneNok: best.result.opexNok,
      capitalPerTonneNok: best.result.capitalNok,
      co2ePerTonne: routeCo2e,
      netCo2ePerTonne: routeCo2e - currentCo2e,
      co2eUpliftTonnes: stream.co2eUpliftTonnes,
      products: a.products.map((p) => ({
        product: p.product,
        tier: p.tier,
        tonnesPerTonne: q > 0 ? p.tonnes / q : 0,
        valuePerTonneNok: per(p.valueNok),
        share: a.grossNok > 0 ? Math.max(0, p.valueNok) / a.grossNok : 0,
      })),
      valueShares: best.shares,
      mixed: best.shares.slice(1).some((x) => x.share >= MIXED_SHARE),
      direction: directionOf(tier, use?.tier),
      trl: best.trl,
      placeholders: best.placeholders,
      market: a.market,
      notes,
      upliftNok: null,
      alternatives: mature.slice(1).map(optionOf),
      emerging,
    };
  });
  const currentUse = use
    ? {
        tier: use.tier,
        description: use.description,
        valuePerTonneNok: currentPerTonne,
        valueNok: currentPerTonne * tonnesWet,
        co2ePerTonne: currentCo2e,
        co2eTonnes: currentCo2e * tonnesWet,
        source: use.source,
      }
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
        tonnesRouted: top.tonnesRouted ?? 0,
        trl: top.trl ?? 0,
        placeholders: top.placeholders,
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
