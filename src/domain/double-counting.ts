/**
 * No benefit counted twice. A CO2e saving may be paid for in a product's price (a CO2 premium) or
 * credited as CO2e avoided, not both: where a price says it holds a premium (`co2ePremium`) and the
 * product's CO2e is credited as well, the saving is counted twice. (The other double count, a new
 * use credited with a saving the stream's current use already makes, is kept out by counting every
 * move's climate effect over its current use: `currentClimate` in the pyramid and the optimiser.)
 */
import type { Finding } from './audit.ts';
import { message } from './message.ts';
import type { Library, Scenario, ScenarioResult } from './scenarios.ts';
import { type Price, priceNokPerTonne } from './valuation.ts';

/** The premium of a price in NOK per tonne of product (0 without one). */
export function premiumNokPerTonne(price: Price, lib: Pick<Library, 'rates'>): number {
  return price.co2ePremium
    ? priceNokPerTonne({ ...price, value: price.co2ePremium.value }, lib.rates).value
    : 0;
}

/**
 * Every product of a scenario's result whose price (the scenario's own, else the library's) holds a
 * CO2 premium while its CO2e is credited too: one finding each, with the premium's NOK and the CO2e.
 */
export function co2eCountedTwice(scenario: Scenario, result: ScenarioResult, lib: Library): Finding[] {
  const out: Finding[] = [];
  for (const p of result.products) {
    const price = scenario.prices?.[p.product] ?? lib.products.find((x) => x.id === p.product)?.price;
    if (!price?.co2ePremium || !(p.co2eTonnes > 0)) continue;
    const premiumNok = premiumNokPerTonne(price, lib) * p.tonnes;
    const product = lib.products.find((x) => x.id === p.product);
    out.push({
      id: `scenario.${scenario.id}.co2e-counted-twice.${p.product}`,
      severity: 'warning',
      stated: premiumNok,
      computed: 0,
      difference: premiumNok,
      relativeDifference: 1,
      message: message('audit_co2e_counted_twice', {
        scenario: scenario.name,
        product: product?.name ?? { nb: p.product, en: p.product },
        premiumNok,
        co2eTonnes: p.co2eTonnes,
      }),
      source: `scenario ${scenario.id}`,
      where: message('audit_where_scenario', { scenario: scenario.name, part: 'prices' }),
    });
  }
  return out;
}
