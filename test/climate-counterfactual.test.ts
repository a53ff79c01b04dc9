/**
 * CO2e against a counterfactual (issue 13: 7): a stream's current use has its own CO2e, a move's
 * climate effect is the new use's less the current use's, and no benefit is counted twice: manure
 * spread on the fields already replaces mineral fertiliser, so digestate's fertiliser credit nets
 * out; a price that holds a CO2 premium and a CO2e credit besides is found.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { co2eCountedTwice } from '../src/domain/double-counting.ts';
import { currentClimate, valuePyramid } from '../src/domain/pyramid.ts';
import { runScenario, type Scenario } from '../src/domain/scenarios.ts';
import { loadLibrary } from '../src/ingest/library.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';
import { renderMessage } from '../src/messages/catalogue.ts';

const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
const data = loadReferenceData(dataDir);
const lib = loadLibrary(data.kinds, dataDir);
const scenario = (id: string) => lib.scenarios.find((s) => s.id === id) as Scenario;

describe("the current use's own CO2e", () => {
  it('credits manure spread on the fields with the mineral N and P it replaces, by hand', () => {
    const use = lib.currentUses.find((u) => u.kind === 'husdyrgjodsel');
    if (!use) throw new Error('manure has a current use');
    // NIBIO: 3.9 kg N and 0.67 kg P per t cattle slurry; 3.6 kg CO2e per kg N (Yara BAT), 3 per kg P.
    expect(currentClimate(lib, use)).toBeCloseTo(0.0039 * 3.6 + 0.00067 * 3, 9);
    const p = valuePyramid(lib, 'husdyrgjodsel', 1000, lib.currentUses);
    expect(p.currentUse?.co2ePerTonne).toBeCloseTo(0.01605, 9);
    expect(p.currentUse?.co2eTonnes).toBeCloseTo(16.05, 6);
  });

  it('nets digestate’s fertiliser credit out against the manure’s own: the move saves the biogas’ CO2e', () => {
    const p = valuePyramid(lib, 'husdyrgjodsel', 1, lib.currentUses);
    const energy = p.tiers.find((t) => t.tier === 'energi');
    expect(energy?.route).toEqual(['anaerobic-digestion', 'biogas-upgrading']);
    const fertiliser = energy?.products.find((x) => x.product === 'biorest');
    const biorest = lib.products.find((x) => x.id === 'biorest');
    const digestateCredit =
      (fertiliser?.tonnesPerTonne as number) *
      (biorest?.climate ?? []).reduce(
        (s, f) => s + f.tonnesReplacedPerTonne.value * f.kgCo2ePerKgReplaced.value,
        0,
      );
    // 0.97 t digestate × 16.5 kg CO2e per t digestate ≈ the 16.05 kg the manure saves on its own.
    expect(Math.abs(digestateCredit - 0.01605)).toBeLessThan(0.0005);
    expect(energy?.netCo2ePerTonne).toBeCloseTo((energy?.co2ePerTonne as number) - 0.01605, 9);
    expect(energy?.netCo2ePerTonne as number).toBeLessThan((energy?.co2ePerTonne as number) - 0.015);
  });

  it('gives streams without a saving of their own none (a current use valued by a product takes its factors)', () => {
    const grot = lib.currentUses.find((u) => u.kind === 'grot');
    if (!grot) throw new Error('grot has a current use');
    expect(currentClimate(lib, grot)).toBe(0);
  });
});

describe('a benefit counted twice', () => {
  it("finds the report's polyethylene: 12 NOK/kg of its price is a CO2 price, and its CO2e is credited too", () => {
    const s = scenario('rapport-biometan');
    const found = co2eCountedTwice(s, runScenario(s, lib), lib);
    expect(found).toHaveLength(1);
    const f = found[0];
    // 6 000 t of polyethylene × 12 000 NOK/t of premium (3 NOK/kg × 4 kg CO2e per kg).
    expect(f?.stated).toBeCloseTo(6000 * 12000, 3);
    expect(f?.severity).toBe('warning');
    const text = renderMessage(f?.message as never, 'nb');
    expect(text).toMatch(
      /prisen på polyetylen \(biobasert\) rommer en CO2-pris \(72,0 MNOK i året\), og de 11\s400 t CO2e .*telles dobbelt$/,
    );
    expect(renderMessage(f?.message as never, 'en')).toMatch(/the same benefit is counted twice$/);
  });

  it('finds nothing where no price holds a premium, and finds a planted one', () => {
    const insect = scenario('rapport-insekt');
    expect(co2eCountedTwice(insect, runScenario(insect, lib), lib)).toEqual([]);
    const meal = lib.products.find((p) => p.id === 'insektmel');
    if (!meal) throw new Error('the library has insect meal');
    const planted: Scenario = {
      ...insect,
      prices: { ...insect.prices, insektmel: { ...meal.price, co2ePremium: { value: 100 } } },
    };
    const found = co2eCountedTwice(planted, runScenario(planted, lib), lib);
    expect(found.map((f) => f.id)).toEqual(['scenario.rapport-insekt.co2e-counted-twice.insektmel']);
  });
});
