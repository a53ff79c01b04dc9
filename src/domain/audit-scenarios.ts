/**
 * Audit statements for scenarios: each step's mass balance, each yield a scenario states against the
 * technology library's range, and each price it states against the product's range.
 */
import type { Statement } from './audit.ts';
import { message } from './message.ts';
import { type Library, runScenario, type Scenario, stepYields } from './scenarios.ts';
import { yieldsFor } from './technologies.ts';
import { same, type Text } from './text.ts';
import { priceNokPerTonne } from './valuation.ts';

/** How a product, kind or technology id reads in both languages (a loss has no name: its id shows). */
export function libraryName(lib: Pick<Library, 'products' | 'kinds' | 'technologies'>, id: string): Text {
  return (
    lib.products.find((p) => p.id === id)?.name ??
    lib.kinds.find((k) => k.id === id)?.name ??
    lib.technologies.find((t) => t.id === id)?.name ??
    same(id)
  );
}

export function scenarioStatements(scenario: Scenario, lib: Library): Statement[] {
  const out: Statement[] = [];
  const where = `scenario ${scenario.id}`;
  const name = (id: string) => libraryName(lib, id);
  const said = (part: 'balance' | 'yields' | 'prices') =>
    message('audit_where_scenario', { scenario: scenario.name, part });
  const result = runScenario(scenario, lib);
  for (const b of result.massBalance) {
    const tech = lib.technologies.find((t) => t.id === b.technology);
    // A loss reads by the name its yield carries (its `what` is an id).
    const lossName = (what: string): Text => {
      const named = [
        ...(tech?.losses ?? []),
        ...Object.values(tech?.byInput ?? {}).flatMap((s) => s.losses),
      ].find((l) => l.what === what)?.yield.name;
      return named === undefined ? same(what) : typeof named === 'string' ? same(named) : named;
    };
    out.push({
      kind: 'balance',
      id: `${scenario.id}.${b.step}.mass-balance`,
      source: `${where}, steps.${b.step}`,
      where: said('balance'),
      label: message('audit_label_step_balance', { technology: name(b.technology) }),
      input: b.input,
      outputs: [
        ...b.products.map((p) => ({ label: name(p.product), value: p.tonnes })),
        ...b.losses.map((l) => ({ label: lossName(l.what), value: l.tonnes })),
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
        source: `${where}, steps.${step.id}.yields${step.source ? ` (${step.source.citation})` : ''}`,
        where: said('yields'),
        label: message('audit_label_step_yield', {
          product: name(o.product),
          input: name(step.input),
          technology: tech.name,
          basis: tech.basis,
        }),
        stated: yields.get(o.product) as number,
        reference: {
          value: o.yield.value,
          low: o.yield.low,
          high: o.yield.high,
          what: message('audit_what_technology_yield', {
            technology: tech.name,
            product: name(o.product),
          }),
          fromReport: o.yield.source.fromReport === true,
          citation: o.yield.source.citation,
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
      where: said('prices'),
      label: message('audit_label_price', { product: product.name }),
      stated,
      reference: {
        ...ref,
        what: message('audit_what_product_price', { product: product.name }),
        fromReport: product.price.source.fromReport === true,
        citation: product.price.source.citation,
      },
    });
  }
  return out;
}
