/**
 * A park's processes against the library's yields (data/technologies.json): a digester taking the
 * farms' manure and the region's food waste yields biogas and digestate by the yields per input, and a
 * design that declares more biogas than the range allows is refused, naming the process and product.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataFiles } from '../src/app/data-files.ts';
import { seededRandom } from '../src/app/random.ts';
import { AppError } from '../src/domain/errors.ts';
import { capitalRecoveryFactor } from '../src/domain/finance.ts';
import {
  checkPark,
  checkYields,
  libraryYields,
  type Park,
  parkClimate,
  parkEconomics,
  parkUncertainty,
  takenFromHigherUses,
} from '../src/domain/parks.ts';
import { currentClimate, valuePyramid } from '../src/domain/pyramid.ts';
import { co2eAvoidedPerTonne, priceNokPerTonne } from '../src/domain/valuation.ts';
import { readParkFile } from '../src/ingest/park.ts';

const library = openDataFiles().library();
const technologies = library.technologies;
const digester = technologies.find((t) => t.id === 'anaerobic-digestion');
const y = (kind: string, product: string) => {
  const o = digester?.byInput?.[kind]?.outputs.find((x) => x.product === product);
  if (!o) throw new Error(`no yield of ${product} from ${kind}`);
  return o.yield;
};

/** 10 000 t wet manure and 2 000 t wet food waste; biogas, digestate and rejects by the central yields. */
function park(biogas?: number): Park {
  const gas = 10_000 * y('husdyrgjodsel', 'biogass').value + 2_000 * y('matavfall', 'biogass').value;
  const rest = 10_000 * y('husdyrgjodsel', 'biorest').value + 2_000 * y('matavfall', 'biorest').value;
  const rejects = 12_000 - gas - rest;
  return {
    id: 'digester',
    name: 'Biogass',
    processes: [
      { id: 'digester', name: 'Råtnetank', technology: 'anaerobic-digestion', treats: { wet: 'conserves' } },
    ],
    flows: [
      {
        id: 'manure',
        from: { outside: 'farms' },
        to: { process: 'digester' },
        carries: 'husdyrgjodsel',
        amounts: { wet: 10_000 },
      },
      {
        id: 'food',
        from: { outside: 'region' },
        to: { process: 'digester' },
        carries: 'matavfall',
        amounts: { wet: 2_000 },
      },
      {
        id: 'gas',
        from: { process: 'digester' },
        to: { outside: 'market' },
        carries: 'biogass',
        amounts: { wet: biogas ?? gas },
      },
      {
        id: 'rest',
        from: { process: 'digester' },
        to: { outside: 'farms' },
        carries: 'biorest',
        amounts: { wet: rest },
      },
      {
        id: 'rejects',
        from: { process: 'digester' },
        to: { outside: 'market' },
        amounts: { wet: rejects + gas - (biogas ?? gas) },
      },
    ],
  };
}

describe('a park process from the library', () => {
  it('yields what the library’s yields per input give, with their range', () => {
    // 10 000 × 0.030525 + 2 000 × 0.22385 = 752.95 t biogas; 10 000 × 0.969475 + 2 000 × 0.62615 = 10 947.05 t digestate.
    expect(y('husdyrgjodsel', 'biogass').value).toBe(0.030525);
    expect(y('matavfall', 'biogass').value).toBe(0.22385);
    const { expected, issues } = libraryYields(park(), technologies);
    expect(issues).toEqual([]);
    const gas = expected.find((e) => e.product === 'biogass');
    expect(gas?.tonnes).toBeCloseTo(752.95, 9);
    expect(gas?.low).toBeCloseTo(10_000 * 0.02035 + 2_000 * 0.1628, 9);
    expect(gas?.high).toBeCloseTo(10_000 * 0.0407 + 2_000 * 0.26455, 9);
    expect(expected.find((e) => e.product === 'biorest')?.tonnes).toBeCloseTo(10_947.05, 9);
    expect(checkPark(park())).toEqual([]);
    expect(checkYields(park(), technologies)).toEqual([]);
  });

  it('refuses a design claiming more biogas than the inputs can give', () => {
    // The range tops out at 407 + 529.1 = 936.1 t; 1 000 t is claimed (the wet balance still closes).
    const issues = checkYields(park(1_000), technologies);
    expect(issues.map((i) => [i.path, i.detail?.code])).toEqual([['processes[0]', 'park_yield_outside']]);
    expect(issues[0]?.detail?.params).toMatchObject({
      process: 'digester',
      product: 'biogass',
      declared: 1_000,
      basis: 'wet',
    });
  });

  it('names an input the technology does not take, an input without its basis, and a technology that does not exist', () => {
    const p = park();
    p.flows.push({
      id: 'bark',
      from: { outside: 'region' },
      to: { process: 'digester' },
      carries: 'bark',
      amounts: { wet: 10 },
    });
    p.flows.push({
      id: 'dry',
      from: { outside: 'region' },
      to: { process: 'digester' },
      carries: 'halm',
      amounts: { dm: 10 },
    });
    p.processes.push({ id: 'mystery', name: 'Ukjent', technology: 'cold-fusion', treats: {} });
    const { issues } = libraryYields(p, technologies);
    expect(issues.map((i) => [i.path, i.detail?.code])).toEqual([
      ['flows[5].carries', 'park_input_not_accepted'],
      ['flows[6].amounts.wet', 'park_input_basis_missing'],
      ['processes[1].technology', 'unknown_technology'],
    ]);
  });

  it('checks the yields when a park file is read with the library', () => {
    const fixture = join(import.meta.dirname, 'fixtures/parks/biogass-sloyfe.json');
    // Without the library the hand-computed loop closes; with it, its digester declares no biogas product.
    expect(readParkFile(fixture).id).toBe('biogass-sloyfe');
    let refused: AppError | undefined;
    try {
      readParkFile(fixture, technologies);
    } catch (e) {
      if (e instanceof AppError) refused = e;
    }
    expect(refused?.issues.map((i) => i.detail?.code)).toContain('park_yield_outside');
  });
});

describe('a park’s economics', () => {
  it('costs a library process per tonne of input, sells what goes to the market, and adds shared costs', () => {
    const p = park();
    p.processes.push({
      id: 'office',
      name: 'Felles kontor',
      treats: {},
      costs: { capexNok: 2_000_000, opexNokPerYear: 150_000 },
    });
    p.shared = [{ id: 'road', name: 'Vei og vekt', capexNok: 5_000_000, opexNokPerYear: 100_000 }];
    const e = parkEconomics(p, library);
    const tech = technologies.find((t) => t.id === 'anaerobic-digestion');
    const crf = capitalRecoveryFactor(library.finance);
    // 12 000 t wet a year: capex 2 500 NOK per t of capacity, opex 200 NOK per t (data/technologies.json).
    expect(tech?.capexNokPerTonneCapacity.value).toBe(2_500);
    expect(tech?.opexNokPerTonne.value).toBe(200);
    const d = e.processes.find((x) => x.process === 'digester');
    expect(d).toMatchObject({ inputTonnes: 12_000, capexNok: 30_000_000, opexNok: 2_400_000 });
    expect(d?.annualCapitalNok).toBeCloseTo(30_000_000 * crf, 6);
    // Only the biogas is sold at the market; the digestate goes back to the farms, the rejects are not a product.
    const gasPrice = priceNokPerTonne(
      library.products.find((x) => x.id === 'biogass')?.price as never,
      library.rates,
    ).value;
    expect(d?.revenueNok).toBeCloseTo(752.95 * gasPrice, 6);
    expect(e.processes.find((x) => x.process === 'office')).toMatchObject({
      capexNok: 2_000_000,
      opexNok: 150_000,
      revenueNok: 0,
    });
    expect(e.total.capexNok).toBe(37_000_000);
    expect(e.total.opexNok).toBe(2_650_000);
    expect(e.total.netNok).toBeCloseTo(e.total.revenueNok - 2_650_000 - 37_000_000 * crf, 6);
    // Raw biogas at the energy price does not cover the opex: no payback.
    expect(e.total.revenueNok).toBeLessThan(e.total.opexNok);
    expect(e.paybackYears).toBeNull();
    expect(e.unpriced).toEqual([]);
  });

  it('pays back when the surplus is positive, and names products without a price', () => {
    const p: Park = {
      id: 'shop',
      name: 'Butikk',
      processes: [
        {
          id: 'sorter',
          name: 'Sortering',
          treats: {},
          costs: { capexNok: 1_000_000, opexNokPerYear: 10_000 },
        },
      ],
      flows: [
        { id: 'in', from: { outside: 'region' }, to: { process: 'sorter' }, amounts: { wet: 100 } },
        {
          id: 'chips',
          from: { process: 'sorter' },
          to: { outside: 'market' },
          carries: 'biogass',
          amounts: { wet: 100 },
        },
        {
          id: 'odd',
          from: { process: 'sorter' },
          to: { outside: 'market' },
          carries: 'unobtainium',
          amounts: { wet: 1 },
        },
      ],
    };
    const e = parkEconomics(p, library);
    const gasPrice = priceNokPerTonne(
      library.products.find((x) => x.id === 'biogass')?.price as never,
      library.rates,
    ).value;
    expect(e.total.revenueNok).toBeCloseTo(100 * gasPrice, 6);
    expect(e.paybackYears).toBeCloseTo(1_000_000 / (100 * gasPrice - 10_000), 9);
    expect(e.paybackYears).toBeGreaterThan(5);
    expect(e.unpriced).toEqual(['unobtainium']);
  });
});

describe('a park against the counterfactual', () => {
  it('saves its products’ CO2e less what the streams saved in their current use', () => {
    const c = parkClimate(park(), library, library.currentUses);
    const factor = (id: string) => co2eAvoidedPerTonne(library.products.find((x) => x.id === id) as never);
    const gas = 752.95;
    const rest = 10_947.05;
    expect(c.products.map((p) => p.product)).toEqual(['biogass', 'biorest']);
    expect(c.productsCo2e).toBeCloseTo(gas * factor('biogass') + rest * factor('biorest'), 6);
    // Manure spread raw already replaces mineral fertiliser: its current use's saving is not credited again.
    const manureUse = library.currentUses.find((u) => u.kind === 'husdyrgjodsel');
    expect(manureUse).toBeDefined();
    const manureSaving = 10_000 * currentClimate(library, manureUse as never);
    expect(manureSaving).toBeGreaterThan(0);
    expect(c.streams.find((s) => s.kind === 'husdyrgjodsel')?.co2e).toBeCloseTo(manureSaving, 9);
    expect(c.netCo2e).toBeCloseTo(c.productsCo2e - c.currentUseCo2e, 9);
  });

  it('names the tonnes the park takes from higher uses (the report’s biogas role)', () => {
    const p = park();
    p.flows.push({
      id: 'cleanings',
      from: { outside: 'region' },
      to: { process: 'digester' },
      carries: 'kornavrens',
      amounts: { wet: 500 },
    });
    const taken = takenFromHigherUses(p, library, library.currentUses);
    // Grain cleanings reach feed (insects) in the pyramid; the digester takes them to energy. Manure's best
    // route does not beat its current use, and food waste's best is energy: neither is taken from higher.
    const pyramid = valuePyramid(library, 'kornavrens', 500, library.currentUses);
    expect(pyramid.best?.tier).toBe('for');
    expect(taken).toEqual([
      expect.objectContaining({
        flow: 'cleanings',
        kind: 'kornavrens',
        tonnes: 500,
        parkTier: 'energi',
        pyramidTier: 'for',
      }),
    ]);
    expect(taken[0]?.pyramidPerTonneNok).toBe(pyramid.tiers.find((t) => t.tier === 'for')?.valuePerTonneNok);
  });
});

describe('a park’s uncertainty', () => {
  it('draws yields, prices, costs and climate factors: the central run is the park’s, the bands are ordered', () => {
    const p = park();
    const u = parkUncertainty(p, library, library.currentUses, 300, seededRandom(7));
    const e = parkEconomics(p, library);
    const c = parkClimate(p, library, library.currentUses);
    expect(u.draws).toBe(300);
    expect(u.bands.netNok?.central).toBeCloseTo(e.total.netNok, 6);
    expect(u.bands.netCo2e?.central).toBeCloseTo(c.netCo2e, 6);
    for (const k of ['revenueNok', 'opexNok', 'annualCapitalNok', 'netNok', 'netCo2e']) {
      const b = u.bands[k];
      expect(b, k).not.toBeNull();
      expect((b?.p10 ?? 0) <= (b?.p50 ?? 0) && (b?.p50 ?? 0) <= (b?.p90 ?? 0), k).toBe(true);
      expect((b?.p90 ?? 0) - (b?.p10 ?? 0), k).toBeGreaterThan(0);
    }
    // The same seed gives the same draws.
    expect(parkUncertainty(p, library, library.currentUses, 300, seededRandom(7)).bands).toEqual(u.bands);
  });

  it('holds a process of its own at its stated costs', () => {
    const p: Park = {
      id: 'own',
      name: 'Egen',
      processes: [
        { id: 'shed', name: 'Lager', treats: {}, costs: { capexNok: 1_000_000, opexNokPerYear: 50_000 } },
      ],
      flows: [{ id: 'in', from: { outside: 'region' }, to: { process: 'shed' }, amounts: { wet: 10 } }],
    };
    const u = parkUncertainty(p, library, library.currentUses, 100, seededRandom(1));
    expect(u.bands.opexNok).toMatchObject({ central: 50_000, p10: 50_000, p90: 50_000 });
    expect(u.bands.revenueNok).toMatchObject({ central: 0, p10: 0, p90: 0 });
  });
});
