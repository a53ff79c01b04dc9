/**
 * The value pyramid: tiers, products with prices and climate factors, and currency conversion.
 * The report's rule is to use every stream as high in the pyramid as origin, properties and
 * regulation allow; the order of the tiers is that rule, so it lives in code, not data.
 */

import type { Coefficient, Source } from './coefficients.ts';
import { AppError } from './errors.ts';
import { message } from './message.ts';
import type { Text, Words } from './text.ts';

/** Bottom to top: energy, fertiliser/soil, feed, pharma/supplements, food, products/materials. */
export const TIERS = ['energi', 'gjodsel', 'for', 'pharma', 'mat', 'produkt'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_NAMES: Record<Tier, { nb: string; en: string }> = {
  energi: { nb: 'Energi', en: 'Energy' },
  gjodsel: { nb: 'Gjødsel og jord', en: 'Fertiliser and soil' },
  for: { nb: 'Fôr', en: 'Feed' },
  pharma: { nb: 'Pharma og kosttilskudd', en: 'Pharma and supplements' },
  mat: { nb: 'Mat', en: 'Food' },
  produkt: { nb: 'Produkter og materialer', en: 'Products and materials' },
};

export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

export function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}

/** A currency rate: how many NOK one unit of `currency` was worth on `date`. */
export interface CurrencyRate {
  currency: string;
  nokPerUnit: number;
  date: string;
  source: Source;
}

/** A price per tonne (or kg) of product, in a currency and price year, with a range and source. */
export interface Price {
  value: number;
  low: number;
  high: number;
  currency: string;
  /** The mass unit the price is per: `t` or `kg`. */
  per: 't' | 'kg';
  year: number;
  source: Source;
  note?: Words;
  /**
   * The part of the price (same currency and unit) that pays for the CO2e the product saves: a price
   * with a CO2 premium. Crediting that CO2e as well counts the saving twice (the audit says so).
   */
  co2ePremium?: { value: number };
}

/** What one tonne of product replaces and the CO2e of what it replaces. */
export interface ClimateFactor {
  /** What is replaced, e.g. "soy protein concentrate (Brazil)", in bokmål and English. */
  replaces: Text;
  /** Tonnes replaced per tonne of product. */
  tonnesReplacedPerTonne: Coefficient;
  /** kg CO2e per kg of what is replaced (avoided emissions; positive = saved). */
  kgCo2ePerKgReplaced: Coefficient;
}

export interface Product {
  id: string;
  name: { nb: string; en: string };
  /** The tier the product sells at; intermediates (biogas, larvae) are in the tier of their use. */
  tier: Tier;
  /** Intermediates are inputs to further technologies; they may also be sold. */
  intermediate?: boolean;
  price: Price;
  climate?: ClimateFactor[];
  /** What the product is, in bokmål and English. */
  description?: Text;
  /** A thin market: how much of the product it takes a year, and how the price falls with volume. */
  market?: Market;
}

export interface Market {
  /** Tonnes of the product a year (its source says whose market: regional, national …). */
  tonnesPerYear: Coefficient;
  scope: 'regional' | 'national' | 'nordic' | 'european' | 'global';
  /** Past each share of the market the price falls to its factor; none: full price up to the size. */
  steps?: { upToShare: number; priceFactor: number }[];
}

export interface Rates {
  rates: Map<string, CurrencyRate>;
}

export function createRates(list: CurrencyRate[]): Rates {
  const rates = new Map(list.map((r) => [r.currency, r]));
  rates.set('NOK', {
    currency: 'NOK',
    nokPerUnit: 1,
    date: '1900-01-01',
    source: { status: 'verified', citation: 'identity' },
  });
  return { rates };
}

/** Converts an amount in `currency` to NOK with the rate in the data. */
export function toNok(amount: number, currency: string, rates: Rates): number {
  const rate = rates.rates.get(currency);
  if (!rate) {
    throw new AppError(
      'invalid_data',
      `no rate for currency ${currency}; rates: ${[...rates.rates.keys()].join(', ')}`,
      { detail: message('currency_no_rate', { currency, known: [...rates.rates.keys()] }) },
    );
  }
  return amount * rate.nokPerUnit;
}

/** A price as NOK per tonne (low, value, high). */
export function priceNokPerTonne(price: Price, rates: Rates): { value: number; low: number; high: number } {
  const perTonne = price.per === 'kg' ? 1000 : 1;
  return {
    value: toNok(price.value * perTonne, price.currency, rates),
    low: toNok(price.low * perTonne, price.currency, rates),
    high: toNok(price.high * perTonne, price.currency, rates),
  };
}

/** Tonnes CO2e avoided per tonne of product, summed over what it replaces. */
export function co2eAvoidedPerTonne(product: Pick<Product, 'climate'>): number {
  return (product.climate ?? []).reduce(
    (sum, f) => sum + f.tonnesReplacedPerTonne.value * f.kgCo2ePerKgReplaced.value,
    0,
  );
}
