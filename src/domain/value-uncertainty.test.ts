import { beforeAll, describe, expect, it } from 'vitest';
import { createHighsSolver } from '../solver/highs.ts';
import { allocateStreams } from './allocation/allocate.ts';
import type { AllocationInput } from './allocation/input.ts';
import type { Solver } from './allocation/lp.ts';
import type { Coefficient } from './coefficients.ts';
import { capitalRecoveryFactor } from './finance.ts';
import { coef as coefOf, testCurrentUses, testLibrary } from './fixtures/allocation-library.ts';
import { valuePyramid } from './pyramid.ts';
import { type Library, runScenario, type Scenario } from './scenarios.ts';
import { balanceCloses, massBalance, type YieldSet } from './technologies.ts';
import {
  type AllocationCase,
  allocationUncertainty,
  balancedYieldSet,
  evaluateFixedAllocation,
  libraryInputs,
  libraryWith,
  pyramidUncertainty,
  scenarioUncertainty,
} from './value-uncertainty.ts';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ranged = (c: Coefficient, low: number, high: number, distribution: Coefficient['distribution']) => ({
  ...c,
  low,
  high,
  distribution,
});

/** The fixture library (every input fixed) with F's opex uniform on [50, 150]. */
function withUniformOpex(): Library {
  const lib = testLibrary();
  return {
    ...lib,
    technologies: lib.technologies.map((t) =>
      t.id === 'F' ? { ...t, opexNokPerTonne: ranged(t.opexNokPerTonne, 50, 150, 'uniform') } : t,
    ),
  };
}

const CRF = capitalRecoveryFactor({ discountRate: 0.06, lifetimeYears: 20 });

describe('pyramid uncertainty', () => {
  it('with every input fixed, every percentile is the central value, which is the pyramid’s own', () => {
    const lib = testLibrary();
    const u = pyramidUncertainty({ lib, currentUses: testCurrentUses, kind: 'a', tonnes: 100 }, 50, lcg(1));
    const p = valuePyramid(lib, 'a', 100, testCurrentUses);
    // F: 100 t × (300 − 100 opex − 1000 capex × CRF) = 11 282 NOK.
    expect(p.best?.valueNok).toBeCloseTo(100 * (300 - 100 - 1000 * CRF), 6);
    const band = u.best?.valueNok;
    expect(band?.central).toBeCloseTo(p.best?.valueNok as number, 9);
    for (const q of ['p10', 'p50', 'p90'] as const) expect(band?.[q]).toBe(band?.central);
    expect(u.best?.keptShare).toBe(1);
    expect(u.tornado).toEqual([]);
    for (const t of u.tiers)
      if (t.valueNok)
        expect([t.valueNok.p10, t.valueNok.p90]).toEqual([t.valueNok.central, t.valueNok.central]);
  });

  it('one uniform cost and a linear value: the percentiles of a uniform, mirrored', () => {
    // Value = 100 × (300 − opex − 87.18); opex ~ U(50, 150): its P10 is 60, P50 100, P90 140, so the
    // value's P10 is at opex 140 (7 282 NOK), P50 at 100 (11 282), P90 at 60 (15 282).
    const lib = withUniformOpex();
    const u = pyramidUncertainty(
      { lib, currentUses: testCurrentUses, kind: 'a', tonnes: 100 },
      20_000,
      lcg(7),
    );
    const v = (opex: number) => 100 * (300 - opex - 1000 * CRF);
    const band = u.best?.valueNok;
    // A quantile of 20 000 uniform draws has a standard error of √(p(1 − p)/n) / density: 0.21 of
    // opex at P10 and P90, 0.35 at P50 (21 and 35 NOK); 150 NOK is over 4 of them.
    for (const [q, opex] of [
      ['p10', 140],
      ['p50', 100],
      ['p90', 60],
    ] as const)
      expect(Math.abs((band?.[q] as number) - v(opex))).toBeLessThan(150);
  });

  it('is reproducible for a seed, ordered P10 ≤ P50 ≤ P90, and another seed differs', () => {
    const lib = withUniformOpex();
    const c = { lib, currentUses: testCurrentUses, kind: 'a', tonnes: 100 };
    const a = pyramidUncertainty(c, 300, lcg(3));
    const b = pyramidUncertainty(c, 300, lcg(3));
    const other = pyramidUncertainty(c, 300, lcg(4));
    expect(a).toEqual(b);
    expect(other.best?.valueNok?.p10).not.toBe(a.best?.valueNok?.p10);
    const band = a.best?.valueNok as NonNullable<typeof a.best>['valueNok'] & object;
    expect(band.p10).toBeLessThanOrEqual(band.p50);
    expect(band.p50).toBeLessThanOrEqual(band.p90);
  });

  it('a triangular price: P10 at low + √(0.1 (high − low)(mode − low))', () => {
    // Feed f at 200–300–400 NOK/t: P10 = 200 + √(0.1 × 200 × 100) = 244.72; value 100 × (f − 187.18).
    const base = testLibrary();
    const lib: Library = {
      ...base,
      products: base.products.map((p) =>
        p.id === 'f' ? { ...p, price: { ...p.price, low: 200, high: 400 } } : p,
      ),
    };
    const u = pyramidUncertainty(
      { lib, currentUses: testCurrentUses, kind: 'a', tonnes: 100 },
      20_000,
      lcg(11),
    );
    const v = (price: number) => 100 * (price - 100 - 1000 * CRF);
    expect(Math.abs((u.best?.valueNok?.p10 as number) - v(200 + Math.sqrt(0.1 * 200 * 100)))).toBeLessThan(
      100,
    );
    expect(Math.abs((u.best?.valueNok?.p90 as number) - v(400 - Math.sqrt(0.1 * 200 * 100)))).toBeLessThan(
      100,
    );
  });
});

describe('tornado', () => {
  it('orders the inputs by the swing they give the best route’s value, computed by hand', () => {
    // Best route F on 100 t of a: value = 100 × (price f − opex F − capex F × CRF).
    //   price f 200–350:  swing 100 × 150 = 15 000
    //   opex F 50–150:    swing 100 × 100 = 10 000
    //   capex F 800–1200: swing 100 × 400 × CRF = 3 487.4
    // T's inputs do not touch F's value and are left out.
    const base = testLibrary();
    const lib: Library = {
      ...base,
      products: base.products.map((p) =>
        p.id === 'f' ? { ...p, price: { ...p.price, low: 200, high: 350 } } : p,
      ),
      technologies: base.technologies.map((t) =>
        t.id === 'F'
          ? {
              ...t,
              opexNokPerTonne: ranged(t.opexNokPerTonne, 50, 150, 'uniform'),
              capexNokPerTonneCapacity: ranged(t.capexNokPerTonneCapacity, 800, 1200, 'triangular'),
            }
          : { ...t, opexNokPerTonne: ranged(t.opexNokPerTonne, 0, 20, 'uniform') },
      ),
    };
    const u = pyramidUncertainty({ lib, currentUses: testCurrentUses, kind: 'a', tonnes: 100 }, 10, lcg(1));
    expect(u.tornado.map((b) => b.key)).toEqual(['price:f', 'F.opex', 'F.capex']);
    const [price, opex, capex] = u.tornado;
    expect(price?.swing).toBeCloseTo(15_000, 6);
    expect(price?.atLow).toBeCloseTo(100 * (200 - 100 - 1000 * CRF), 6);
    expect(opex?.swing).toBeCloseTo(10_000, 6);
    expect(opex?.atLow).toBeGreaterThan(opex?.atHigh as number);
    expect(capex?.swing).toBeCloseTo(100 * 400 * CRF, 6);
    expect(price?.label).toEqual({
      code: 'uncertain_input_price',
      params: { product: { nb: 'f', en: 'f' } },
    });
  });
});

describe('a drawn library', () => {
  it('keeps a yield set’s mass balance closed: losses take the rest, or the last output without losses', () => {
    const c = (id: string, value: number): Coefficient => ({
      id,
      name: id,
      value,
      low: 0,
      high: 1,
      distribution: 'triangular',
      unit: 't/t',
      source: { status: 'unsourced', citation: 'x' },
      region: 'Generic',
      year: 2024,
    });
    const withLosses: YieldSet = {
      outputs: [{ product: 'a', yield: c('y.a', 0.2) }],
      losses: [
        { what: 'w', yield: c('l.w', 0.6) },
        { what: 'g', yield: c('l.g', 0.2) },
      ],
    };
    // Output 0.2 → 0.4: the losses share 0.6 as 0.6 : 0.2, i.e. 0.45 and 0.15.
    const a = balancedYieldSet(withLosses, new Map([['y.a', 0.4]]));
    expect(a.losses.map((l) => l.yield.value)).toEqual([0.45, 0.15].map((x) => expect.closeTo(x, 12)));
    // Output 1.5 exceeds the tonne: scaled to 1, losses 0.
    const b = balancedYieldSet(withLosses, new Map([['y.a', 1.5]]));
    expect(b.outputs[0]?.yield.value).toBe(1);
    expect(b.losses.map((l) => l.yield.value)).toEqual([0, 0]);
    const noLosses: YieldSet = {
      outputs: [
        { product: 'gas', yield: c('y.gas', 0.1) },
        { product: 'rest', yield: c('y.rest', 0.9) },
      ],
      losses: [],
    };
    const d = balancedYieldSet(noLosses, new Map([['y.gas', 0.15]]));
    expect(d.outputs.map((o) => o.yield.value)).toEqual([0.15, expect.closeTo(0.85, 12)]);
    // Unchanged values give the very same set back.
    expect(balancedYieldSet(noLosses, new Map([['y.gas', 0.1]]))).toBe(noLosses);
  });

  it('every technology’s balance closes on random draws of the fixture with wide yield ranges', () => {
    const base = testLibrary();
    const lib: Library = {
      ...base,
      technologies: base.technologies.map((t) => ({
        ...t,
        outputs: t.outputs.map((o) => ({ ...o, yield: ranged(o.yield, 0.5, 1, 'uniform') })),
        losses: [
          { what: 'loss', yield: { ...t.outputs[0]?.yield, id: `${t.id}.loss`, value: 0 } as Coefficient },
        ],
      })),
    };
    const inputs = libraryInputs(lib, []);
    const rnd = lcg(5);
    for (let i = 0; i < 20; i++) {
      const values = new Map(inputs.map((x) => [x.key, x.low + rnd() * (x.high - x.low)]));
      const drawn = libraryWith(lib, [], values).lib;
      for (const t of drawn.technologies) expect(balanceCloses(massBalance(t, 'a', 10))).toBe(true);
    }
  });
});

describe('scenario uncertainty', () => {
  const scenario: Scenario = {
    id: 's',
    name: { nb: 's', en: 's' },
    description: 's',
    inputs: [{ stream: 'a', tonnes: 100, basis: 'wet' }],
    steps: [{ id: '1', technology: 'F', input: 'a' }],
    prices: {
      f: {
        value: 300,
        low: 200,
        high: 400,
        currency: 'NOK',
        per: 't',
        year: 2024,
        source: { status: 'unsourced', citation: 'x' },
      },
    },
  };

  it('fixed inputs give the scenario’s own net value in every percentile', () => {
    const lib = testLibrary();
    const fixed = {
      ...scenario,
      prices: {
        f: { ...(scenario.prices?.f as NonNullable<Scenario['prices']>[string]), low: 300, high: 300 },
      },
    };
    const u = scenarioUncertainty(lib, fixed, 20, lcg(2));
    const r = runScenario(fixed, lib);
    expect(u.netNok).toEqual({ central: r.netNok, p10: r.netNok, p50: r.netNok, p90: r.netNok });
    expect(u.co2eTonnes?.central).toBe(r.co2eTonnes);
  });

  it('draws the scenario’s own price from its range and names it first in the tornado', () => {
    const u = scenarioUncertainty(testLibrary(), scenario, 2000, lcg(2));
    expect(u.netNok?.p10).toBeLessThan(u.netNok?.p50 as number);
    expect(u.netNok?.p50).toBeLessThan(u.netNok?.p90 as number);
    // Net = 100 × (price − 187.18): swing 100 × 200 = 20 000 NOK.
    expect(u.tornado[0]?.key).toBe('scenario-price:f');
    expect(u.tornado[0]?.swing).toBeCloseTo(20_000, 6);
  });
});

describe('allocation uncertainty with the optimum’s flows fixed', () => {
  let solver: Solver;
  beforeAll(async () => {
    solver = await createHighsSolver();
  });

  function input(lib: Library): AllocationInput {
    return {
      lib,
      currentUses: testCurrentUses,
      supplies: [
        { municipality: 'M1', kind: 'a', tonnesWet: 80 },
        { municipality: 'M2', kind: 'm', tonnesWet: 60 },
      ],
      sites: [
        {
          id: 'S1',
          name: 'S1',
          technology: 'T',
          capacityTonnes: 100,
          basis: 'wet',
          position: { lat: 60, lon: 10 },
          status: 'planned',
        },
      ],
      positions: new Map([
        ['M1', { lat: 60, lon: 10.2 }],
        ['M2', { lat: 60, lon: 10.1 }],
      ]),
      transport: { detourFactor: 1, costNokPerTonneKm: 1, kgCo2ePerTonneKm: 100 },
      objective: 'value',
    };
  }

  function caseOf(i: AllocationInput): AllocationCase {
    const r = allocateStreams(i, solver);
    return {
      lib: i.lib,
      currentUses: i.currentUses,
      supplies: i.supplies,
      flows: r.flows,
      transport: i.transport,
      transportKeys: { detourFactor: 'd', costNokPerTonneKm: 'c.tp', kgCo2ePerTonneKm: 'c.co2' },
      kmFromDetour: true,
      fixedCostNok: 0,
    };
  }

  it('at the central values it gives the optimum’s own value and CO2e', () => {
    const i = input(testLibrary());
    const r = allocateStreams(i, solver);
    expect(r.flows.length).toBeGreaterThan(0);
    const c = caseOf(i);
    const e = evaluateFixedAllocation(c, new Map());
    expect(e.valueNok).toBeCloseTo(r.valueNok as number, 6);
    expect(e.co2eTonnes).toBeCloseTo(r.co2eTonnes as number, 9);
    const u = allocationUncertainty(c, { draws: 10, random: lcg(1), transportCoefficients: [] });
    expect(u.valueNok).toEqual({ central: e.valueNok, p10: e.valueNok, p50: e.valueNok, p90: e.valueNok });
  });

  it('scales every ferry fare by the drawn fare, and leaves flows without a ferry alone', () => {
    const c = caseOf(input(testLibrary()));
    const [first, ...rest] = c.flows;
    const withFerry: AllocationCase = {
      ...c,
      // The first flow crosses one ferry at 25 NOK/t (its value at the central fare includes it).
      flows: [{ ...(first as (typeof c.flows)[number]), ferryNokPerTonne: 25, ferryKm: 10 }, ...rest],
      transportKeys: { ...c.transportKeys, ferryFare: 'fare' },
      ferryFareNokPerTonne: 25,
    };
    const central = evaluateFixedAllocation(withFerry, new Map()).valueNok;
    expect(central).toBeCloseTo(
      evaluateFixedAllocation(c, new Map()).valueNok - 25 * (first?.tonnes ?? 0),
      6,
    );
    // At a fare of 50 the crossing costs twice as much.
    const dear = evaluateFixedAllocation(withFerry, new Map([['fare', 50]])).valueNok;
    expect(central - dear).toBeCloseTo(25 * (first?.tonnes ?? 0), 6);
  });

  it('counts what the rest of a supply saves in its current use, and draws that saving', () => {
    // Stream a's current use saves 0.2 t CO2e per t (1 t replaced × 0.2; the factor ranges 0.1–0.3).
    // At the central values the fixed flows give the optimum's own CO2e, the current use counted as the
    // optimiser counts it.
    const withClimate = testCurrentUses.map((u) => ({
      ...u,
      climate: [
        {
          replaces: { nb: 'x', en: 'x' },
          tonnesReplacedPerTonne: { ...coefOf('cu.r', 1) },
          kgCo2ePerKgReplaced: {
            ...coefOf('cu.c', 0.2),
            low: 0.1,
            high: 0.3,
            distribution: 'uniform' as const,
          },
        },
      ],
    }));
    const i = { ...input(testLibrary()), currentUses: withClimate };
    const r = allocateStreams(i, solver);
    const c = caseOf(i);
    expect(evaluateFixedAllocation(c, new Map()).co2eTonnes).toBeCloseTo(r.co2eTonnes as number, 9);
    // S1 (100 t) takes M2's 60 t of manure (it gives up no current use, so it scores higher) and 40 t
    // of M1's 80 t of a. With M1's flow halved to 20 t, 60 t of a stay in their current use: they save
    // 60 × 0.2 = 12 t CO2e at the central factor and 60 × 0.3 = 18 t at its high, 6 t more.
    expect(c.flows.map((f) => [f.from, f.tonnes])).toEqual(
      expect.arrayContaining([
        ['M2', expect.closeTo(60, 6)],
        ['M1', expect.closeTo(40, 6)],
      ]),
    );
    const half: AllocationCase = {
      ...c,
      flows: c.flows.map((f) => (f.from === 'M1' ? { ...f, tonnes: f.tonnes / 2 } : f)),
    };
    const central = evaluateFixedAllocation(half, new Map()).co2eTonnes;
    const high = evaluateFixedAllocation(half, new Map([['cu.c', 0.3]])).co2eTonnes;
    expect(high - central).toBeCloseTo(60 * (0.3 - 0.2), 9);
  });

  it('re-optimised per draw it is never below the fixed flows’ value at the same draw (P50 against P50)', () => {
    const lib = withUniformOpex();
    const base = testLibrary();
    const wide: Library = {
      ...lib,
      technologies: base.technologies.map((t) =>
        t.id === 'T' ? { ...t, opexNokPerTonne: ranged(t.opexNokPerTonne, 0, 60, 'uniform') } : t,
      ),
    };
    const i = input(wide);
    const c = caseOf(i);
    const u = allocationUncertainty(c, {
      draws: 50,
      random: lcg(9),
      transportCoefficients: [],
      reoptimise: { draws: 50, solver, input: i, random: lcg(9) },
    });
    expect(u.reoptimised?.draws).toBe(50);
    expect(u.reoptimised?.valueNok?.p50).toBeGreaterThanOrEqual((u.valueNok?.p50 as number) - 1e-6);
    expect(u.tornado[0]?.key).toBe('T.opex');
  });
});
