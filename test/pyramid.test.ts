/**
 * The value pyramid per stream: the report's example (slakteavfall, 10 / 250 / 300 / 2 500 EUR/t,
 * read from data/sources/seed/reference-region.json), manure closed to feed, food and pharma by its
 * class (abp-cat2, regulation (EC) 1069/2009), and the CLI's JSON and options.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Message } from '../src/domain/message.ts';
import { enumerateRoutes, type PyramidResult, valuePyramid } from '../src/domain/pyramid.ts';
import { productsOf } from '../src/domain/technologies.ts';
import { TIERS, type Tier } from '../src/domain/valuation.ts';
import { loadLibrary } from '../src/ingest/library.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';
import { renderMessage } from '../src/messages/catalogue.ts';
import { run } from './helpers/cli.ts';

const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(dataDir, path), 'utf8')) as T;
const data = loadReferenceData(dataDir);
const lib = loadLibrary(data.kinds, dataDir);
const REGION = 'gjovik-hadeland-ringerike';

const example = readJson<{
  value_pyramid: {
    example: { tonnes_per_year_norway: number; eur_per_tonne: Record<string, number>; previous_use: string };
  };
}>('sources/seed/reference-region.json').value_pyramid.example;
const eur = readJson<{ rates: { currency: string; nokPerUnit: number }[] }>('currency-rates.json').rates.find(
  (r) => r.currency === 'EUR',
)?.nokPerUnit as number;

async function json<T>(...args: string[]): Promise<T> {
  const r = await run(...args, '--format', 'json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

const tierOf = (result: PyramidResult, tier: Tier) => {
  const t = result.tiers.find((x) => x.tier === tier);
  if (!t) throw new Error(`no tier ${tier}`);
  return t;
};

describe("slakteavfallmat: the report's pyramid example (slaughter by-products handled as food)", () => {
  const tonnes = example.tonnes_per_year_norway;
  const result = valuePyramid(lib, 'slakteavfallmat', tonnes, lib.currentUses);
  // The report's example routes, one per tier (data/technologies.json), and the EUR/t it states.
  const reportRoutes: [Tier, string, number][] = [
    ['energi', 'slakteavfall-energigjenvinning', example.eur_per_tonne.energi as number],
    ['gjodsel', 'slakteavfall-gjodselproduksjon', example.eur_per_tonne.gjodsel as number],
    ['for', 'slakteavfall-forproduksjon', example.eur_per_tonne.for as number],
    ['pharma', 'slakteavfall-hydrolyse-sportsernaering', example.eur_per_tonne.sportsernaering as number],
  ];

  it('lists every tier once, bottom to top', () => {
    expect(result.tiers.map((t) => t.tier)).toEqual([...TIERS]);
    expect(result.kind).toBe('slakteavfallmat');
    expect(result.tonnes).toBe(tonnes);
  });

  it.each(reportRoutes)(
    'tier %s carries the report route %s at its EUR/t in NOK at the data rate',
    (tier, route, eurPerTonne) => {
      const t = tierOf(result, tier);
      const options = [
        ...(t.route ? [{ route: t.route, valuePerTonneNok: t.valuePerTonneNok as number }] : []),
        ...t.alternatives,
      ];
      const found = options.find((o) => o.route.length === 1 && o.route[0] === route);
      expect(found, `${route} at tier ${tier} (best or alternative)`).toBeDefined();
      expect(found?.valuePerTonneNok).toBeCloseTo(eurPerTonne * eur, 6);
      // The best route is worth at least as much as the report's.
      expect(t.valuePerTonneNok as number).toBeGreaterThanOrEqual(eurPerTonne * eur - 1e-6);
      expect(t.valueNok).toBeCloseTo((t.valuePerTonneNok as number) * tonnes, 3);
      for (const a of t.alternatives)
        expect(a.valuePerTonneNok).toBeLessThanOrEqual(t.valuePerTonneNok as number);
    },
  );

  it('has energy at 10 EUR/t as the current use, and uplift = best value − current value', () => {
    expect(example.previous_use).toBe('energi');
    expect(result.currentUse?.tier).toBe('energi');
    expect(result.currentUse?.valuePerTonneNok).toBeCloseTo(
      (example.eur_per_tonne.energi as number) * eur,
      9,
    );
    expect(result.currentUse?.valueNok).toBeCloseTo(
      (example.eur_per_tonne.energi as number) * eur * tonnes,
      3,
    );
    const reachable = result.tiers.filter((t) => t.valueNok !== null);
    const bestValue = Math.max(...reachable.map((t) => t.valueNok as number));
    expect(result.best?.valueNok).toBeCloseTo(bestValue, 3);
    expect(result.upliftNok).toBeCloseTo(bestValue - (result.currentUse?.valueNok as number), 3);
    for (const t of reachable) {
      expect(t.upliftNok).toBeCloseTo((t.valueNok as number) - (result.currentUse?.valueNok as number), 3);
    }
    // The report's own uplift (energy 10 → sports nutrition 2 500 EUR/t) is at most the best.
    expect(result.upliftNok as number).toBeGreaterThanOrEqual(
      ((example.eur_per_tonne.sportsernaering as number) - (example.eur_per_tonne.energi as number)) *
        eur *
        tonnes -
        1e-3,
    );
  });

  it('closes food and products for want of a technology, not by a rule', () => {
    for (const tier of ['mat', 'produkt'] as const) {
      const t = tierOf(result, tier);
      expect(t.route).toBeNull();
      expect(t.valueNok).toBeNull();
      expect(t.reason?.code).toBe('tier_no_technology');
    }
    expect(result.highestTier).toBe('pharma');
  });

  it('gives the same through the CLI (--tonnes)', async () => {
    const out = await json<PyramidResult>('pyramid', '--kind', 'slakteavfallmat', '--tonnes', String(tonnes));
    expect(out.tiers.map((t) => [t.tier, t.route, t.valuePerTonneNok])).toEqual(
      result.tiers.map((t) => [t.tier, t.route, t.valuePerTonneNok]),
    );
    expect(out.upliftNok).toBeCloseTo(result.upliftNok as number, 3);
  });
});

describe('slakteavfall: category 3 animal by-products never reach food or supplements', () => {
  const result = valuePyramid(lib, 'slakteavfall', 10_000, lib.currentUses);

  it('closes pharma and food by the category 3 rule, naming it, and keeps feed open', () => {
    for (const tier of ['pharma', 'mat'] as const) {
      const t = tierOf(result, tier);
      expect(t.route).toBeNull();
      expect(t.reason?.code).toBe('tier_closed_by_rule');
      expect(renderMessage(t.reason as Message, 'en')).toMatch(
        /is closed to slakteavfall \(abp-cat3\): .*supplements/,
      );
      expect(renderMessage(t.reason as Message, 'nb')).toMatch(
        /er stengt for slakteavfall \(abp-cat3\): .*kosttilskudd/,
      );
    }
    expect(tierOf(result, 'for').route).toEqual(['slakteavfall-forproduksjon']);
    expect(result.highestTier).toBe('for');
  });

  it('refuses the sports-nutrition route outright, with the rule', () => {
    const refused = result.tiers.flatMap((t) => t.alternatives.map((a) => a.route.join('>')));
    expect(refused).not.toContain('slakteavfall-hydrolyse-sportsernaering');
    expect(tierOf(result, 'pharma').alternatives).toEqual([]);
  });
});

describe('husdyrgjodsel: manure never reaches feed, food or pharma', () => {
  const manureRule = lib.rules.find((r) => r.regulatoryClass === 'abp-cat2');
  const result = valuePyramid(lib, 'husdyrgjodsel', 1000, lib.currentUses);

  it('closes feed, food and pharma; the feed tier names the manure rule', () => {
    expect(manureRule).toBeDefined();
    for (const tier of ['for', 'mat', 'pharma'] as const) {
      const t = tierOf(result, tier);
      expect(t.route, `tier ${tier}`).toBeNull();
      expect(t.valueNok).toBeNull();
      expect(t.reason, `reason of tier ${tier}`).toBeTruthy();
    }
    const feed = tierOf(result, 'for');
    expect(feed.reason?.code).toBe('tier_closed_by_rule');
    expect(feed.reason?.params).toEqual(
      expect.objectContaining({ regulatoryClass: 'abp-cat2', rule: manureRule?.rule }),
    );
  });

  it('reaches products (or energy) with its best route', () => {
    expect(result.best).not.toBeNull();
    expect(['produkt', 'energi']).toContain(result.best?.tier);
    expect(result.highestTier).toBe('produkt');
    const reached = result.tiers.filter((t) => t.route !== null).map((t) => t.tier);
    expect(reached).not.toContain('for');
    expect(reached).not.toContain('mat');
    expect(reached).not.toContain('pharma');
    const top = tierOf(result, 'produkt');
    expect(top.route?.slice(0, 2)).toEqual(['anaerobic-digestion', 'biogas-upgrading']);
  });

  it('has the JSON shape of the issue through the CLI (default region)', async () => {
    const out = await json<Record<string, unknown>>('pyramid', '--kind', 'husdyrgjodsel');
    expect(out).toHaveProperty('tiers');
    expect(out).toHaveProperty('currentUse');
    expect(out).toHaveProperty('upliftNok');
    const tiers = out.tiers as Record<string, unknown>[];
    expect(tiers.map((t) => t.tier)).toEqual([...TIERS]);
    for (const t of tiers) {
      expect(Object.keys(t)).toEqual(
        expect.arrayContaining(['tier', 'route', 'valuePerTonneNok', 'valueNok']),
      );
      if (t.route === null) {
        expect(t.valuePerTonneNok).toBeNull();
        expect(t.reason).toEqual(
          expect.objectContaining({ code: expect.any(String), text: expect.any(String) }),
        );
      } else {
        expect(Array.isArray(t.route)).toBe(true);
        expect(typeof t.valuePerTonneNok).toBe('number');
        expect(typeof t.valueNok).toBe('number');
      }
    }
    const currentUse = out.currentUse as Record<string, unknown>;
    expect(currentUse.tier).toBe('gjodsel');
    expect(typeof currentUse.valuePerTonneNok).toBe('number');
    expect(typeof out.upliftNok).toBe('number');
  });
});

describe('pyramid: tonnes from a region or from --tonnes', () => {
  it.each(['husdyrgjodsel', 'halm'])(
    '%s: --region (and the default) takes the tonnes of `residues --kinds K`',
    async (kind) => {
      const residues = await json<{ totals: { kind: string; tonnesWet: number }[] }>(
        'residues',
        '--kinds',
        kind,
      );
      const expected = residues.totals.find((t) => t.kind === kind)?.tonnesWet as number;
      expect(expected).toBeGreaterThan(0);
      const explicit = await json<PyramidResult>('pyramid', '--kind', kind, '--region', REGION);
      const byDefault = await json<PyramidResult>('pyramid', '--kind', kind);
      expect(explicit.tonnes).toBeCloseTo(expected, 6);
      expect(byDefault.tonnes).toBeCloseTo(expected, 6);
      // Each tier: the routed tonnes at the route's net value, the rest (a full market's) in the current use.
      for (const t of explicit.tiers) {
        if (t.valueNok === null) continue;
        const routed = t.tonnesRouted as number;
        expect(routed).toBeLessThanOrEqual(expected + 1e-6);
        expect(t.valueNok).toBeCloseTo(
          (t.valuePerTonneNok as number) * routed + (t.restInCurrentUseNok ?? 0),
          3,
        );
      }
    },
  );

  it('refuses --tonnes and --region together (exit 2)', async () => {
    const r = await run('pyramid', '--kind', 'halm', '--tonnes', '100', '--region', REGION);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--tonnes');
    expect(r.stderr).toContain('--region');
  });

  it('names an unknown kind and lists the kinds (exit 2)', async () => {
    const r = await run('pyramid', '--kind', 'moon-dust', '--tonnes', '100');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('moon-dust');
    for (const k of data.kinds) expect(r.stderr).toContain(k.id);
  });

  it('refuses negative tonnes (exit 2)', async () => {
    const r = await run('pyramid', '--kind', 'halm', '--tonnes', '-1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--tonnes');
  });
});

describe('enumerateRoutes', () => {
  it('finds digestion → upgrading → polyethylene for manure', () => {
    const routes = enumerateRoutes(lib, 'husdyrgjodsel');
    expect(routes).toContainEqual(['anaerobic-digestion', 'biogas-upgrading', 'methane-to-polyethylene']);
    expect(routes).toContainEqual(['anaerobic-digestion']);
    expect(routes).toContainEqual(['composting']);
    // The manure → CO2 → microalgae chain is enumerated (and then refused by the pyramid).
    expect(routes).toContainEqual(['anaerobic-digestion', 'biogas-upgrading', 'microalgae']);
  });

  it('starts every route with a technology that accepts the stream, and chains intermediates', () => {
    for (const route of enumerateRoutes(lib, 'husdyrgjodsel')) {
      const first = lib.technologies.find((t) => t.id === route[0]);
      expect(first?.inputs).toContain('husdyrgjodsel');
      expect(new Set(route).size).toBe(route.length);
      for (let i = 1; i < route.length; i++) {
        const prev = lib.technologies.find((t) => t.id === route[i - 1]);
        const next = lib.technologies.find((t) => t.id === route[i]);
        const passed = prev ? productsOf(prev).some((p) => next?.inputs.includes(p)) : false;
        expect(passed, `${route[i - 1]} → ${route[i]}`).toBe(true);
      }
    }
  });
});

describe('net value, tiers from products, moves down (issue 13: 1–2)', () => {
  const crf = (r: number, n: number) => r / (1 - (1 + r) ** -n);
  const tech = (id: string) => lib.technologies.find((t) => t.id === id) as (typeof lib.technologies)[number];
  const price = (id: string) => {
    const p = lib.products.find((x) => x.id === id)?.price;
    if (!p) throw new Error(id);
    const rate = p.currency === 'NOK' ? 1 : (lib.rates.rates.get(p.currency)?.nokPerUnit as number);
    return p.value * (p.per === 'kg' ? 1000 : 1) * rate;
  };

  it('values straw → oyster mushrooms by hand: revenue − opex − capex × capital recovery factor', () => {
    // One tonne of straw wet is 0.85 t DM (residue-kinds.json); the technology works on DM.
    const dm = lib.kinds.find((k) => k.id === 'halm')?.dmShare.value as number;
    const sopp = tech('sopp-pa-halm');
    const revenue = sopp.outputs.reduce((s, o) => s + dm * o.yield.value * price(o.product), 0);
    const opex = dm * sopp.opexNokPerTonne.value;
    const capital =
      dm * sopp.capexNokPerTonneCapacity.value * crf(lib.finance.discountRate, lib.finance.lifetimeYears);
    const p = valuePyramid(lib, 'halm', 1000, lib.currentUses);
    const food = tierOf(p, 'mat');
    expect(food.route).toEqual(['sopp-pa-halm']);
    expect(food.grossPerTonneNok).toBeCloseTo(revenue, 6);
    expect(food.opexPerTonneNok).toBeCloseTo(opex, 6);
    expect(food.capitalPerTonneNok).toBeCloseTo(capital, 6);
    expect(food.valuePerTonneNok).toBeCloseTo(revenue - opex - capital, 6);
    expect(food.valueNok).toBeCloseTo((revenue - opex - capital) * 1000, 3);
    expect(food.grossNok).toBeCloseTo(revenue * 1000, 3);
    // The capital recovery factor at 6 % over 20 years (data/candidates.json) is 0.08718.
    expect(crf(lib.finance.discountRate, lib.finance.lifetimeYears)).toBeCloseTo(0.087185, 6);
  });

  it('nets every reachable tier of every stream, and picks the best by net value', () => {
    for (const kind of lib.kinds) {
      const p = valuePyramid(lib, kind.id, 1, lib.currentUses);
      for (const t of p.tiers.filter((x) => x.route)) {
        expect(t.valuePerTonneNok, `${kind.id} ${t.tier}`).toBeCloseTo(
          (t.grossPerTonneNok as number) - (t.opexPerTonneNok as number) - (t.capitalPerTonneNok as number),
          6,
        );
        for (const a of t.alternatives)
          expect(a.valuePerTonneNok).toBeLessThanOrEqual(t.valuePerTonneNok as number);
      }
      const reachable = p.tiers.filter((x) => x.route).map((x) => x.valueNok as number);
      if (reachable.length > 0) expect(p.best?.valueNok).toBeCloseTo(Math.max(...reachable), 6);
    }
  });

  it('gives a route the tier that holds most of its revenue: pyrolysis is energy, and mixed', () => {
    const bark = valuePyramid(lib, 'bark', 1, lib.currentUses);
    const energy = tierOf(bark, 'energi');
    expect(energy.route).toEqual(['slow-pyrolysis']);
    // Bio-oil and gas for heat carry about two thirds of the revenue, biochar (soil) the rest.
    expect(energy.valueShares.map((x) => x.tier)).toEqual(['energi', 'gjodsel']);
    expect(energy.valueShares[0]?.share).toBeGreaterThan(0.5);
    expect(energy.mixed).toBe(true);
    expect(energy.valueShares.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 9);
    expect(energy.products.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 9);
    // The soil tier no longer claims pyrolysis.
    expect(tierOf(bark, 'gjodsel').route ?? []).not.toEqual(['slow-pyrolysis']);
  });

  it('calls a route below the current use a move down: pulp chips from products to pyrolysis', () => {
    const chips = valuePyramid(lib, 'celluloseflis', 1, lib.currentUses);
    expect(chips.currentUse?.tier).toBe('produkt');
    expect(chips.best?.tier).toBe('energi');
    expect(chips.best?.direction).toBe('down');
    expect(tierOf(chips, 'energi').direction).toBe('down');
  });

  it('finds no route for manure that pays more than spreading it, once costs are counted', () => {
    const manure = valuePyramid(lib, 'husdyrgjodsel', 1000, lib.currentUses);
    expect(manure.best).not.toBeNull();
    expect(manure.upliftNok as number).toBeLessThan(0);
    expect(manure.best?.beatsCurrentUse).toBe(false);
    expect(valuePyramid(lib, 'matavfall', 1, lib.currentUses).best?.beatsCurrentUse).toBe(true);
  });
});

describe('finite markets, maturity and placeholders (issue 13: 4)', () => {
  const straw = data.kinds.find((k) => k.id === 'halm');
  const strawTonnes = 58802; // the report's straw, t wet

  it('routes only what the mushroom market takes and leaves the rest of the straw in its current use', () => {
    const market = lib.products.find((p) => p.id === 'sopp')?.market;
    expect(market?.tonnesPerYear.value).toBe(1000);
    const one = valuePyramid(lib, 'halm', 1, lib.currentUses);
    const perTonne = tierOf(one, 'mat').products.find((p) => p.product === 'sopp')?.tonnesPerTonne as number;
    const p = valuePyramid(lib, 'halm', strawTonnes, lib.currentUses);
    const food = tierOf(p, 'mat');
    // 1 000 t of mushrooms ÷ the mushrooms one tonne of straw gives = the straw the route takes.
    expect(food.tonnesRouted).toBeCloseTo(1000 / perTonne, 6);
    expect(food.market).toMatchObject({
      product: 'sopp',
      tonnesPerYear: 1000,
      scope: 'national',
      binds: true,
    });
    const current = p.currentUse?.valuePerTonneNok as number;
    const rest = current * (strawTonnes - (food.tonnesRouted as number));
    expect(food.restInCurrentUseNok).toBeCloseTo(rest, 3);
    // Below the market nothing changes per tonne: the routed tonnes earn what one tonne earns.
    expect(food.valuePerTonneNok).toBeCloseTo(tierOf(one, 'mat').valuePerTonneNok as number, 6);
    expect(food.valueNok).toBeCloseTo(
      (food.valuePerTonneNok as number) * (food.tonnesRouted as number) + rest,
      3,
    );
    expect(food.upliftNok).toBeCloseTo((food.valueNok as number) - (p.currentUse?.valueNok as number), 3);
    const codes = food.notes.map((m) => m.code);
    expect(codes).toContain('route_market_full');
    expect(renderMessage(food.notes.find((m) => m.code === 'route_market_full') as Message, 'nb')).toMatch(
      /^Markedet for østerssopp \(i Norge\) tar 1\s000 t i året; ruten tar/,
    );
    // Without the market the straw would all go to mushrooms; with it the best route is elsewhere.
    expect(straw).toBeDefined();
    expect(p.best?.route).not.toEqual(['sopp-pa-halm']);
  });

  it('marks the placeholder route: the mushroom yields have no source', () => {
    const food = tierOf(valuePyramid(lib, 'halm', 1, lib.currentUses), 'mat');
    expect(food.placeholders).toEqual([
      'tech.sopp-pa-halm.yield.sopp',
      'tech.sopp-pa-halm.yield.soppsubstrat',
    ]);
    expect(food.notes.map((m) => renderMessage(m, 'en'))).toContain(
      'Placeholder: 2 yields of the route have no source',
    );
    // A route of sourced yields carries no mark.
    expect(tierOf(valuePyramid(lib, 'bark', 1, lib.currentUses), 'energi').placeholders).toEqual([]);
  });

  it('keeps laboratory-stage methane coupling out of the best routes and shows it apart', () => {
    const manure = valuePyramid(lib, 'husdyrgjodsel', 1000, lib.currentUses);
    for (const t of manure.tiers) expect(t.route ?? []).not.toContain('methane-coupling');
    const emerging = manure.tiers.flatMap((t) => t.emerging);
    const coupling = emerging.find((o) => o.route.includes('methane-coupling'));
    expect(coupling?.trl).toBe(4);
    // Let in, it competes like any other route.
    const all = valuePyramid(lib, 'husdyrgjodsel', 1000, lib.currentUses, { includeEmerging: true });
    const chosen = all.tiers.flatMap((t) => [t.route ?? [], ...t.alternatives.map((a) => a.route)]);
    expect(chosen.some((r) => r.includes('methane-coupling'))).toBe(true);
  });

  it('gives every technology a readiness level with its source', () => {
    for (const t of lib.technologies) {
      expect(t.readiness.trl, t.id).toBeGreaterThanOrEqual(1);
      expect(t.readiness.trl, t.id).toBeLessThanOrEqual(9);
      expect(t.readiness.source.citation, t.id).not.toBe('');
    }
    expect(lib.technologies.find((t) => t.id === 'anaerobic-digestion')?.readiness.trl).toBe(9);
  });
});
