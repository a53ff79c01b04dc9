/**
 * Each worked example twice: as the report states it and from the library, with the cause of every
 * difference; and each scenario's feed against the region's estimate. The report's figures are those
 * of data/sources/seed/reference-region.json; the library's are read from data/ (other work moves
 * them), and the arithmetic is written out here.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type LoadedLibrary, loadLibrary } from '../ingest/library.ts';
import { loadReferenceData } from '../ingest/reference-data.ts';
import {
  type ComparisonLine,
  compareScenario,
  scenarioOverrides,
  withOverrides,
} from './scenario-comparison.ts';
import { checkFeeds, type RegionSupply } from './scenario-feeds.ts';
import { runScenario, type Scenario } from './scenarios.ts';
import { yieldsFor } from './technologies.ts';
import { priceNokPerTonne } from './valuation.ts';

const dataDir = fileURLToPath(new URL('../../data/', import.meta.url));
const lib: LoadedLibrary = loadLibrary(loadReferenceData(dataDir).kinds, dataDir);
const builtin = (id: string): Scenario => lib.scenarios.find((s) => s.id === id) as Scenario;
const libPrice = (id: string) =>
  priceNokPerTonne(lib.products.find((p) => p.id === id)?.price as never, lib.rates).value;
const line = (lines: ComparisonLine[], kind: ComparisonLine['line'], subject?: string) =>
  lines.find((l) => l.line === kind && l.subject === subject) as ComparisonLine;

describe('each worked example twice: as the report states it and from the library', () => {
  it('lists what the pyrolysis example overrides: the yields of its step and the two prices', () => {
    const overrides = scenarioOverrides(builtin('rapport-pyrolyse'), lib);
    expect(overrides.map((o) => o.kind)).toEqual(['yields', 'price', 'price']);
    const [yields] = overrides;
    if (yields?.kind !== 'yields') throw new Error('no yields');
    const char = yields.yields.find((y) => y.name === 'biokull');
    const own = yieldsFor(lib.technologies.find((t) => t.id === 'slow-pyrolysis') as never, 'bark');
    const libChar = own.outputs.find((o) => o.product === 'biokull')?.yield;
    expect(char?.value).toBe(0.37);
    expect(char?.library).toEqual({ value: libChar?.value, low: libChar?.low, high: libChar?.high });
    expect(char?.withinRange).toBe(0.37 >= (libChar?.low ?? 0) && 0.37 <= (libChar?.high ?? 0));
    const biochar = overrides.find((o) => o.kind === 'price' && o.product === 'biokull');
    expect(biochar).toMatchObject({ value: 10000, library: { value: libPrice('biokull') } });
  });

  it('splits the pyrolysis revenue: yields at library prices, then the biochar price on 18 500 t', () => {
    const c = compareScenario(builtin('rapport-pyrolyse'), lib);
    if (!c.fromLibrary.ok) throw new Error('library run failed');
    const revenue = line(c.lines, 'revenue');
    // As stated: 13 000 t × 15 000 + 18 500 t × 10 000 = 380 MNOK (the report's figure).
    expect(revenue.asStated).toBeCloseTo(13000 * 15000 + 18500 * 10000, 3);
    // From the library: 50 000 t DM × the library's yields × its prices.
    const own = yieldsFor(lib.technologies.find((t) => t.id === 'slow-pyrolysis') as never, 'bark');
    const byLib = own.outputs.reduce((s, o) => s + 50000 * o.yield.value * libPrice(o.product), 0);
    expect(revenue.fromLibrary).toBeCloseTo(byLib, 3);
    // The biochar price override alone: 50 000 × 0.37 = 18 500 t × (10 000 − library price).
    const priceIx = c.overrides.findIndex((o) => o.kind === 'price' && o.product === 'biokull');
    const priceCause = revenue.causes.find((x) => x.overrides.includes(priceIx));
    expect(priceCause?.effect).toBeCloseTo(18500 * (10000 - libPrice('biokull')), 3);
    // The yields, valued at the library's prices: stated tonnes minus library tonnes, product by product.
    const yieldCause = revenue.causes.find((x) => x.overrides.includes(0));
    const stated: Record<string, number> = { bioolje: 0.26, biokull: 0.37, 'pyrolysegass-varme': 0 };
    const byYields = own.outputs.reduce(
      (s, o) => s + 50000 * ((stated[o.product] ?? 0) - o.yield.value) * libPrice(o.product),
      0,
    );
    expect(yieldCause?.effect).toBeCloseTo(byYields, 3);
    // The costs do not move: the feed is the same 50 000 t DM and no capex is stated.
    for (const kind of ['opex', 'capex', 'capital', 'feed'] as const)
      expect(line(c.lines, kind, kind === 'feed' ? 'bark' : undefined).difference).toBe(0);
  });

  it('explains the insect example by its price, capex and CO2e factor (the derived 5.6)', () => {
    const c = compareScenario(builtin('rapport-insekt'), lib);
    expect(c.overrides.map((o) => o.kind)).toEqual(['capex', 'price', 'climate']);
    const climate = c.overrides[2];
    // 0.75 t soy protein concentrate × 5.6 kg CO2e per kg = 4.2 t CO2e per t insect meal.
    expect(climate?.kind === 'climate' && climate.value).toBeCloseTo(0.75 * 5.6, 9);
    const co2e = line(c.lines, 'co2e');
    expect(co2e.asStated).toBeCloseTo(21000, 6);
    expect(co2e.causes).toEqual([{ overrides: [2], effect: co2e.difference }]);
    // Capex: 5 000 t meal capacity × (20 000 − the library's NOK per t capacity).
    const libCapex = lib.technologies.find((t) => t.id === 'bsf-larver')?.capexNokPerTonneCapacity.value ?? 0;
    const capex = line(c.lines, 'capex');
    expect(capex.difference).toBeCloseTo(5000 * (20000 - libCapex), 3);
    expect(capex.causes.map((x) => x.overrides)).toEqual([[0]]);
    // The meal's price moves its value only: 5 000 t × (12 000 − library price).
    const meal = line(c.lines, 'product-value', 'insektmel');
    expect(meal.causes).toEqual([{ overrides: [1], effect: expect.any(Number) }]);
    expect(meal.difference).toBeCloseTo(5000 * (12000 - libPrice('insektmel')), 3);
    // The yields are the library's: the same substrate both ways, 5 000 ÷ the meal yield.
    const mealYield = yieldsFor(
      lib.technologies.find((t) => t.id === 'bsf-larver') as never,
      'gronnsaksrest',
    ).outputs.find((o) => o.product === 'insektmel')?.yield.value as number;
    const feed = line(c.lines, 'feed', 'gronnsaksrest');
    expect(feed.asStated).toBeCloseTo(5000 / mealYield, 6);
    expect(feed.difference).toBe(0);
  });

  it('adds up: on every line of every built-in, the effects sum to the difference', () => {
    for (const s of lib.scenarios) {
      const c = compareScenario(s, lib);
      expect(c.fromLibrary.ok, s.id).toBe(true);
      for (const l of c.lines) {
        const sum = l.causes.reduce((a, x) => a + x.effect, 0);
        expect(sum, `${s.id} ${l.line} ${l.subject ?? ''}`).toBeCloseTo(l.difference, 6);
        expect(l.difference).toBeCloseTo(l.asStated - l.fromLibrary, 9);
      }
    }
  });

  it('gives the sports-nutrition example, which overrides nothing, the same both ways', () => {
    const c = compareScenario(builtin('rapport-slakteavfall'), lib);
    expect(c.overrides).toEqual([]);
    for (const l of c.lines) expect([l.line, l.difference, l.causes]).toEqual([l.line, 0, []]);
  });

  it('rebuilds the scenario from all its overrides, and strips them all for the library run', () => {
    for (const s of lib.scenarios) {
      const overrides = scenarioOverrides(s, lib);
      expect(runScenario(withOverrides(s, overrides), lib)).toEqual(runScenario(s, lib));
      const bare = withOverrides(s, []);
      expect(bare.prices).toBeUndefined();
      expect(bare.climate).toBeUndefined();
      for (const step of bare.steps) {
        expect(step.yields).toBeUndefined();
        expect(step.capexNokPerTonneCapacity).toBeUndefined();
      }
      expect(bare.inputs).toEqual(s.inputs);
    }
  });
});

describe("each scenario's feed against the region's estimate, on the feed's basis", () => {
  // The report's residue table (data/sources/seed/reference-region.json): bark 53 167 t wet, at the
  // bark's 0.45 t DM per t; vegetable residues 14 118 t wet at the report profile's 0.20.
  const supply: RegionSupply = {
    region: 'gjovik-hadeland-ringerike',
    regionName: 'Gjøvik, Hadeland og Ringerike',
    profile: 'report',
    totals: [
      { kind: 'bark', tonnesWet: 53167, tonnesDm: 53167 * 0.45 },
      { kind: 'gronnsaksrest', tonnesWet: 14118, tonnesDm: 14118 * 0.2 },
    ],
  };

  it('finds the pyrolysis example burning 50 000 t DM of bark where the region has 23 925 t DM', () => {
    const [bark] = checkFeeds(runScenario(builtin('rapport-pyrolyse'), lib), lib, supply);
    expect(bark).toMatchObject({ stream: 'bark', basis: 'dm', feedTonnes: 50000, status: 'exceeds' });
    expect(bark?.regionTonnes).toBeCloseTo(23925.15, 2);
    expect(bark?.excessTonnes).toBeCloseTo(50000 - 23925.15, 2);
    expect(bark?.ratio).toBeCloseTo(2.09, 2);
    expect(bark?.message.code).toBe('scenario_feed_exceeds_region');
  });

  it('finds the insect example needing 15 times the vegetable residues the region has (t DM)', () => {
    const result = runScenario(builtin('rapport-insekt'), lib);
    const [veg] = checkFeeds(result, lib, supply);
    const need = result.inputs[0]?.tonnes as number;
    expect(veg?.status).toBe('exceeds');
    expect(veg?.regionTonnes).toBeCloseTo(2823.6, 6);
    expect(veg?.excessTonnes).toBeCloseTo(need - 2823.6, 6);
    expect(veg?.ratio).toBeGreaterThan(10);
  });

  it('compares a wet feed with the wet estimate and gives its share', () => {
    const s: Scenario = {
      ...builtin('rapport-pyrolyse'),
      inputs: [{ stream: 'bark', tonnes: 10000, basis: 'wet' }],
    };
    const [bark] = checkFeeds(runScenario(s, lib), lib, supply);
    expect(bark).toMatchObject({ status: 'within', regionTonnes: 53167, excessTonnes: 0 });
    expect(bark?.ratio).toBeCloseTo(10000 / 53167, 9);
  });

  it('does not check a product (biomethane) and says when the estimate has no such kind', () => {
    const [methane] = checkFeeds(runScenario(builtin('rapport-biometan'), lib), lib, supply);
    expect(methane).toMatchObject({ status: 'not-residue', regionTonnes: null });
    const [slaughter] = checkFeeds(runScenario(builtin('rapport-slakteavfall'), lib), lib, supply);
    expect(slaughter).toMatchObject({ status: 'not-estimated', regionTonnes: null });
    const partial = { ...supply, incomplete: ['bark'] };
    const [bark] = checkFeeds(runScenario(builtin('rapport-pyrolyse'), lib), lib, partial);
    expect(bark?.status).toBe('not-estimated');
    expect(bark?.message).toMatchObject({ params: { incomplete: true } });
  });
});
