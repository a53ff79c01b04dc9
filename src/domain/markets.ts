/**
 * Finite markets: a product with a thin market sells only as much as its market takes a year, at a
 * price that may fall in steps as more of the market is taken. Revenue is then a concave, piecewise
 * linear function of the tonnes offered (nothing past the market), so the optimiser can hold it with
 * one sales column per step and the pyramid finds its best tonnage at a breakpoint.
 */
import type { ProductResult } from './scenarios.ts';
import type { Market, Product } from './valuation.ts';

export interface MarketStep {
  /** Tonnes of product in this step (its width). */
  tonnes: number;
  /** Share of the product's price paid in this step. */
  priceFactor: number;
}

/** The market's steps in tonnes of product, first (best price) first. */
export function marketSteps(m: Market): MarketStep[] {
  const size = Math.max(0, m.tonnesPerYear.value);
  const steps = m.steps ?? [{ upToShare: 1, priceFactor: 1 }];
  let before = 0;
  return steps.map((s) => {
    const step = { tonnes: size * (s.upToShare - before), priceFactor: s.priceFactor };
    before = s.upToShare;
    return step;
  });
}

/** What `tonnes` of product bring at `priceNokPerTonne` in the market: each step in turn, nothing past the last. */
export function marketRevenue(m: Market, tonnes: number, priceNokPerTonne: number): number {
  let left = Math.max(0, tonnes);
  let revenue = 0;
  for (const step of marketSteps(m)) {
    const sold = Math.min(left, step.tonnes);
    revenue += sold * priceNokPerTonne * step.priceFactor;
    left -= sold;
    if (left <= 0) break;
  }
  return revenue;
}

/** Tonnes of product the market takes at all (its size). */
export function marketTakes(m: Market, tonnes: number): number {
  return Math.min(Math.max(0, tonnes), Math.max(0, m.tonnesPerYear.value));
}

/** Where the revenue's slope changes, in tonnes of product: the end of every step. */
export function marketBreaks(m: Market): number[] {
  let at = 0;
  return marketSteps(m).map((s) => {
    at += s.tonnes;
    return at;
  });
}

/** A product of a run that sells into a thin market: per tonne of the run's input. */
export interface Marketed {
  product: string;
  tonnes: number;
  priceNokPerTonne: number;
  valueNok: number;
  co2eTonnes: number;
}

/** The products of a run (made at all) whose product has a market. */
export function marketedProducts(
  products: readonly Pick<Product, 'id' | 'market'>[],
  made: readonly ProductResult[],
): Marketed[] {
  return made
    .filter((p) => p.tonnes > 0 && products.find((x) => x.id === p.product)?.market)
    .map((p) => ({
      product: p.product,
      tonnes: p.tonnes,
      priceNokPerTonne: p.priceNokPerTonne,
      valueNok: p.valueNok,
      co2eTonnes: p.co2eTonnes,
    }));
}
