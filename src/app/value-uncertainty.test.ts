import { beforeAll, describe, expect, it } from 'vitest';
import type { Solver } from '../domain/allocation/lp.ts';
import type { AllocationResult } from '../domain/allocation/result.ts';
import { AppError } from '../domain/errors.ts';
import { valuePyramid } from '../domain/pyramid.ts';
import { runScenario } from '../domain/scenarios.ts';
import { libraryInputs } from '../domain/value-uncertainty.ts';
import { renderMessage } from '../messages/catalogue.ts';
import { type AllocationPlan, planAllocation, runAllocation } from './allocation.ts';
import { openDataFiles } from './data-files.ts';
import { pyramidOfKind } from './pyramid.ts';
import { seededRandom } from './random.ts';
import {
  allocationUncertaintyOf,
  MAX_REOPTIMISE_DRAWS,
  MAX_VALUE_DRAWS,
  pyramidUncertaintyOf,
  scenarioUncertaintyOf,
} from './value-uncertainty.ts';
import { highsSolverFactory } from './workspace.ts';

const files = openDataFiles();
const data = files.reference();
const library = files.library();

function ordered(b: { p10: number; p50: number; p90: number } | null | undefined) {
  expect(b).toBeTruthy();
  expect(b?.p10).toBeLessThanOrEqual(b?.p50 as number);
  expect(b?.p50).toBeLessThanOrEqual(b?.p90 as number);
}

describe('the pyramid’s uncertainty on the reference region', () => {
  it('has the pyramid’s own central value, ordered bands, and the residue coefficients among its inputs', async () => {
    const u = pyramidUncertaintyOf(library, data, seededRandom, {
      kind: 'husdyrgjodsel',
      draws: 200,
      seed: 3,
    });
    const central = await pyramidOfKind({ library, files, reference: async () => data } as never, {
      kind: 'husdyrgjodsel',
    });
    expect(u.tonnes?.central).toBeCloseTo(central.tonnes, 6);
    expect(u.best?.valueNok?.central).toBeCloseTo(central.best?.valueNok as number, 3);
    const tier = central.tiers.find((t) => t.tier === central.best?.tier);
    expect(u.best?.co2eUpliftTonnes?.central).toBeCloseTo(tier?.co2eUpliftTonnes as number, 6);
    // Every tier's central route, held fixed, gives the pyramid's own value and CO2e at the central values.
    for (const t of central.tiers) {
      const band = u.tiers.find((x) => x.tier === t.tier);
      if (t.valueNok === null) expect(band?.valueNok, t.tier).toBeNull();
      else expect(band?.valueNok?.central, t.tier).toBeCloseTo(t.valueNok, 3);
      if (t.co2eUpliftTonnes !== null)
        expect(band?.co2eUpliftTonnes?.central, t.tier).toBeCloseTo(t.co2eUpliftTonnes, 6);
    }
    ordered(u.tonnes);
    ordered(u.best?.valueNok);
    ordered(u.best?.co2eTonnes);
    // The manure estimate's per-animal coefficients are drawn: the tonnes vary.
    expect((u.tonnes?.p90 as number) - (u.tonnes?.p10 as number)).toBeGreaterThan(0);
    expect(u.tornado).toHaveLength(10);
    for (let i = 1; i < u.tornado.length; i++)
      expect(u.tornado[i - 1]?.swing).toBeGreaterThanOrEqual(u.tornado[i]?.swing as number);
    expect(u.tornado.some((b) => b.group === 'residue')).toBe(true);
  });

  it('gives the same answer for the same seed, and given tonnes are held fixed', () => {
    const req = { kind: 'halm', tonnes: 1000, draws: 100, seed: 9 };
    const a = pyramidUncertaintyOf(library, data, seededRandom, req);
    expect(pyramidUncertaintyOf(library, data, seededRandom, req)).toEqual(a);
    expect(a.tonnes).toEqual({ central: 1000, p10: 1000, p50: 1000, p90: 1000 });
    const p = valuePyramid(library, 'halm', 1000, library.currentUses);
    expect(a.best?.valueNok?.central).toBeCloseTo(p.best?.valueNok as number, 6);
  });

  it(`refuses more than ${MAX_VALUE_DRAWS} draws, fewer than one and a bad seed`, () => {
    for (const draws of [MAX_VALUE_DRAWS + 1, 0, 2.5])
      expect(() =>
        pyramidUncertaintyOf(library, data, seededRandom, { kind: 'halm', tonnes: 1, draws }),
      ).toThrow(AppError);
    expect(() =>
      pyramidUncertaintyOf(library, data, seededRandom, { kind: 'halm', tonnes: 1, seed: -1 }),
    ).toThrow(AppError);
  });
});

/** A copy with every range closed on its value: each coefficient fixed, each price's low and high its value. */
function fixedEverywhere<T>(x: T): T {
  const walk = (v: unknown): unknown => {
    if (v instanceof Map) return new Map([...v].map(([k, w]) => [k, walk(w)]));
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const o = Object.fromEntries(Object.entries(v).map(([k, w]) => [k, walk(w)])) as Record<string, unknown>;
    if (typeof o.value === 'number' && typeof o.low === 'number' && typeof o.high === 'number') {
      o.low = o.value;
      o.high = o.value;
      if ('distribution' in o) o.distribution = 'fixed';
    }
    return o;
  };
  return walk(x) as T;
}

describe('with every range closed on its value', () => {
  it('gives the central value in every percentile, for the pyramid, every scenario and the allocation', async () => {
    const lib = fixedEverywhere(library);
    const same = (b: { central: number; p10: number; p50: number; p90: number } | null | undefined) => {
      expect(b).toBeTruthy();
      expect([b?.p10, b?.p50, b?.p90]).toEqual([b?.central, b?.central, b?.central]);
    };
    for (const kind of ['husdyrgjodsel', 'halm', 'bark']) {
      const u = pyramidUncertaintyOf(lib, data, seededRandom, { kind, tonnes: 10_000, draws: 20 });
      same(u.best?.valueNok);
      same(u.best?.co2eTonnes);
      expect(u.tornado).toEqual([]);
    }
    for (const scenario of lib.scenarios) {
      const u = scenarioUncertaintyOf(lib, seededRandom, scenario, { draws: 20 });
      same(u.netNok);
      same(u.co2eTonnes);
    }
    const plan = fixedEverywhere(
      planAllocation(
        { files, library: lib, data },
        { region: 'gjovik-hadeland-ringerike', profile: 'report', objective: 'value' },
      ),
    );
    const result = await runAllocation(plan, await highsSolverFactory());
    const u = allocationUncertaintyOf(plan, data, result, seededRandom, { draws: 20, suppliesGiven: true });
    same(u.valueNok);
    same(u.co2eTonnes);
    expect(u.valueNok?.central).toBeCloseTo(result.valueNok as number, 2);
  });
});

describe('the inputs drawn', () => {
  it('name every input of the library in bokmål and in English', () => {
    const inputs = libraryInputs(library, library.currentUses);
    expect(inputs.length).toBeGreaterThan(100);
    const names = { kind: (id: string) => data.kinds.find((k) => k.id === id)?.name.nb ?? id };
    const namesEn = { kind: (id: string) => data.kinds.find((k) => k.id === id)?.name.en ?? id };
    for (const i of inputs) {
      const nb = renderMessage(i.label, 'nb', names);
      const en = renderMessage(i.label, 'en', namesEn);
      expect(nb.length, i.key).toBeGreaterThan(5);
      expect(en, i.key).not.toBe(nb);
    }
  });
});

describe('a scenario’s uncertainty', () => {
  it('centres on the scenario’s own result for each built-in', () => {
    for (const scenario of library.scenarios) {
      const u = scenarioUncertaintyOf(library, seededRandom, scenario, { draws: 30 });
      const r = runScenario(scenario, library);
      expect(u.netNok?.central, scenario.id).toBeCloseTo(r.netNok, 3);
      expect(u.co2eTonnes?.central, scenario.id).toBeCloseTo(r.co2eTonnes, 6);
      ordered(u.netNok);
    }
  });
});

describe('the allocation’s uncertainty', () => {
  let solver: Solver;
  let plan: AllocationPlan;
  let result: AllocationResult;
  beforeAll(async () => {
    solver = await highsSolverFactory();
    plan = planAllocation(
      { files, library, data },
      { region: 'gjovik-hadeland-ringerike', profile: 'report', objective: 'value' },
    );
    result = await runAllocation(plan, solver);
  });

  it('values the optimum’s flows at the central inputs as the optimiser does', () => {
    const u = allocationUncertaintyOf(plan, data, result, seededRandom, { draws: 100 });
    expect(u.valueNok?.central).toBeCloseTo(result.valueNok as number, 2);
    expect(u.co2eTonnes?.central).toBeCloseTo(result.co2eTonnes as number, 6);
    ordered(u.valueNok);
    ordered(u.co2eTonnes);
    expect(u.reoptimised).toBeNull();
    // Transport and the residue coefficients are drawn with the library.
    expect(u.tornado.some((b) => b.group === 'residue')).toBe(true);
  });

  it(`re-optimises on at most ${MAX_REOPTIMISE_DRAWS} draws, each at least the fixed flows’ value`, () => {
    const u = allocationUncertaintyOf(plan, data, result, seededRandom, {
      draws: 10,
      reoptimise: 10,
      solver,
    });
    expect(u.reoptimised?.draws).toBe(10);
    // The same seed draws the same inputs, so each re-optimised draw is at least the fixed one.
    expect(u.reoptimised?.valueNok?.p10).toBeGreaterThanOrEqual((u.valueNok?.p10 as number) - 1);
    expect(u.reoptimised?.valueNok?.p90).toBeGreaterThanOrEqual((u.valueNok?.p90 as number) - 1);
    expect(() =>
      allocationUncertaintyOf(plan, data, result, seededRandom, {
        reoptimise: MAX_REOPTIMISE_DRAWS + 1,
        solver,
      }),
    ).toThrow(AppError);
  });
});
