/**
 * Audit statements for scenarios: each step's mass balance, each yield a scenario states against the
 * technology library's range, and each price it states against the product's range.
 */
import type { Statement } from './audit.ts';
import { type Library, runScenario, type Scenario, stepYields } from './scenarios.ts';
import { yieldsFor } from './technologies.ts';
import { priceNokPerTonne } from './valuation.ts';

export function scenarioStatements(scenario: Scenario, lib: Library): Statement[] {
  const out: Statement[] = [];
  const where = `scenario ${scenario.id}`;
  const result = runScenario(scenario, lib);
  for (const b of result.massBalance) {
    out.push({
      kind: 'balance',
      id: `${scenario.id}.${b.step}.mass-balance`,
      source: where,
      label: `mass balance of step ${b.step} (${b.technology})`,
      input: b.input,
      outputs: [
        ...b.products.map((p) => ({ label: p.product, value: p.tonnes })),
        ...b.losses.map((l) => ({ label: l.what, value: l.tonnes })),
      ],
    });
  }
  for (const step of scenario.steps) {
    const tech = lib.technologies.find((t) => t.id === step.technology);
    if (!tech || !step.yields) continue;
    const yields = stepYields(tech, step);
    for (const o of yieldsFor(tech, step.input).outputs) {
      if (step.yields[o.product] === undefined) continue;
      out.push({
        kind: 'range',
        id: `${scenario.id}.${step.id}.yield.${o.product}`,
        source: `${where}, step ${step.id}${step.source ? ` (${step.source.citation})` : ''}`,
        label: `yield of ${o.product} from ${step.input} by ${tech.id} (t per t ${tech.basis === 'dm' ? 'DM' : 'wet'})`,
        stated: yields.get(o.product) as number,
        reference: {
          value: o.yield.value,
          low: o.yield.low,
          high: o.yield.high,
          what: `the technology library's range for ${tech.id} (${o.yield.source.citation.slice(0, 80)})`,
        },
      });
    }
  }
  for (const [productId, price] of Object.entries(scenario.prices ?? {})) {
    const product = lib.products.find((p) => p.id === productId);
    if (!product) continue;
    const stated = priceNokPerTonne(price, lib.rates).value;
    const ref = priceNokPerTonne(product.price, lib.rates);
    out.push({
      kind: 'range',
      id: `${scenario.id}.price.${productId}`,
      source: `${where}, prices.${productId} (${price.source.citation.slice(0, 80)})`,
      label: `price of ${productId}, NOK/t`,
      stated,
      reference: { ...ref, what: `the product library's price range for ${productId}` },
    });
  }
  return out;
}
