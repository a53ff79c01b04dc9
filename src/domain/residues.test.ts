import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Coefficient, CoefficientProfile } from './coefficients.ts';
import { AppError } from './errors.ts';
import { indexObservations, type Observation } from './observations.ts';
import type { ResidueKind } from './residue-kinds.ts';
import { compileEstimate, estimateResidues } from './residues.ts';
import { same } from './text.ts';
import { traceResidue } from './trace.ts';

const source = { status: 'derived', citation: 'test fixture' } as const;
function coef(id: string, value: number, unit: string, low = value, high = value): Coefficient {
  return {
    id,
    name: id,
    value,
    low,
    high,
    distribution: 'triangular',
    unit,
    source,
    region: 'NO',
    year: 2024,
  };
}
function kind(id: string, dm: number): ResidueKind {
  return {
    id,
    name: { nb: id, en: id },
    group: 'agriculture',
    origin: 'farmland',
    description: same(''),
    dmShare: coef(`dm.${id}`, dm, 't DM/t', dm * 0.9, Math.min(1, dm * 1.1)),
    regulatoryClass: 'plant',
    regulatoryNote: same(''),
  };
}

const kinds = [kind('halm', 0.85), kind('grot', 0.6), kind('husdyrgjodsel', 0.1)];
const profile: CoefficientProfile = {
  id: 'test',
  title: 'test',
  description: 'test',
  coefficients: [
    coef('yield.bygg', 420, 'kg/daa', 250, 560),
    coef('straw-ratio', 0.6, 'kg/kg', 0.5, 0.7),
    coef('grot.t-dm-per-m3', 0.1, 't DM/m3', 0.06, 0.15),
    coef('manure.melkeku', 20, 't/animal', 16, 25),
    coef('manure.sau', 0.8, 't/animal', 0.6, 1.1),
    coef('dm.manure.sau', 0.24, 't DM/t', 0.2, 0.28),
  ],
  recipes: [
    { kind: 'halm', terms: [{ statistic: 'area.bygg', coefficients: ['yield.bygg', 'straw-ratio'] }] },
    { kind: 'grot', terms: [{ statistic: 'harvest.gran', coefficients: ['grot.t-dm-per-m3'] }] },
    {
      kind: 'husdyrgjodsel',
      terms: [
        { statistic: 'livestock.melkeku', coefficients: ['manure.melkeku'], category: 'melkeku' },
        {
          statistic: 'livestock.sau',
          coefficients: ['manure.sau'],
          category: 'sau',
          dmShare: 'dm.manure.sau',
        },
      ],
    },
  ],
};

function stats(values: Record<string, Record<string, number>>, units: Record<string, string>) {
  const observations: Observation[] = [];
  for (const [municipality, vars] of Object.entries(values)) {
    for (const [variable, value] of Object.entries(vars)) {
      observations.push({
        municipality,
        variable,
        value,
        unit: units[variable] ?? '1',
        year: 2024,
        dataset: 'fixture',
      });
    }
  }
  return indexObservations(
    [{ id: 'fixture', title: 'Fixture', year: 2024, source: { citation: 'test' }, variables: {} }],
    observations,
  );
}

const UNITS = {
  'area.bygg': 'daa',
  'harvest.gran': 'm3',
  'livestock.melkeku': 'animal',
  'livestock.sau': 'animal',
};
const ONE = {
  '3407': { 'area.bygg': 1000, 'harvest.gran': 10000, 'livestock.melkeku': 10, 'livestock.sau': 100 },
};

describe('estimateResidues', () => {
  it('multiplies statistics by coefficients with units converted (kg/daa × kg/kg on daa gives t)', () => {
    const e = estimateResidues({ profile, kinds, statistics: stats(ONE, UNITS), municipalities: ['3407'] });
    const halm = e.rows.find((r) => r.kind === 'halm');
    // 1 000 daa × 420 kg/daa × 0.6 = 252 000 kg = 252 t wet; × 0.85 = 214.2 t DM.
    expect(halm?.tonnesWet).toBeCloseTo(252, 9);
    expect(halm?.tonnesDm).toBeCloseTo(214.2, 9);
  });

  it('derives wet mass from a dry-matter recipe by dividing by the DM share', () => {
    const e = estimateResidues({ profile, kinds, statistics: stats(ONE, UNITS), municipalities: ['3407'] });
    const grot = e.rows.find((r) => r.kind === 'grot');
    // 10 000 m3 × 0.1 t DM/m3 = 1 000 t DM; ÷ 0.6 = 1 666.7 t wet.
    expect(grot?.tonnesDm).toBeCloseTo(1000, 9);
    expect(grot?.tonnesWet).toBeCloseTo(1000 / 0.6, 9);
  });

  it('keeps the animal category in the manure breakdown, each with its own DM share', () => {
    const e = estimateResidues({ profile, kinds, statistics: stats(ONE, UNITS), municipalities: ['3407'] });
    const manure = e.rows.find((r) => r.kind === 'husdyrgjodsel');
    expect(manure?.breakdown).toEqual([
      { category: 'melkeku', tonnesWet: 200, tonnesDm: 200 * 0.1 },
      { category: 'sau', tonnesWet: 80, tonnesDm: 80 * 0.24 },
    ]);
    expect(manure?.tonnesWet).toBeCloseTo(280, 9);
  });

  it('sums rows into one total per kind', () => {
    const two = {
      ...ONE,
      '3442': { 'area.bygg': 500, 'harvest.gran': 0, 'livestock.melkeku': 0, 'livestock.sau': 0 },
    };
    const e = estimateResidues({
      profile,
      kinds,
      statistics: stats(two, UNITS),
      municipalities: ['3407', '3442'],
    });
    expect(e.totals.find((t) => t.kind === 'halm')?.tonnesWet).toBeCloseTo(252 * 1.5, 9);
    expect(e.rows).toHaveLength(6);
  });

  it('is non-negative and scales linearly with the statistics', () => {
    fc.assert(
      fc.property(
        fc.record({
          'area.bygg': fc.double({ min: 0, max: 1e6, noNaN: true }),
          'harvest.gran': fc.double({ min: 0, max: 1e7, noNaN: true }),
          'livestock.melkeku': fc.integer({ min: 0, max: 1e5 }),
          'livestock.sau': fc.integer({ min: 0, max: 1e5 }),
        }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (values, scale) => {
          const scaled = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v * scale]));
          const a = estimateResidues({
            profile,
            kinds,
            statistics: stats({ '3407': values }, UNITS),
            municipalities: ['3407'],
          });
          const b = estimateResidues({
            profile,
            kinds,
            statistics: stats({ '3407': scaled }, UNITS),
            municipalities: ['3407'],
          });
          a.rows.forEach((row, i) => {
            const other = b.rows[i];
            expect(row.tonnesWet).toBeGreaterThanOrEqual(0);
            expect(row.tonnesDm).toBeGreaterThanOrEqual(0);
            const expected = row.tonnesWet * scale;
            expect(Math.abs((other?.tonnesWet ?? Number.NaN) - expected)).toBeLessThanOrEqual(
              1e-9 * Math.max(1, expected),
            );
          });
        },
      ),
    );
  });

  it('refuses a recipe whose units do not reduce to mass, naming the term', () => {
    const bad: CoefficientProfile = {
      ...profile,
      recipes: [{ kind: 'halm', terms: [{ statistic: 'area.bygg', coefficients: ['straw-ratio'] }] }],
    };
    expect(() =>
      compileEstimate({ profile: bad, kinds, statistics: stats(ONE, UNITS), municipalities: ['3407'] }),
    ).toThrow(/recipe halm, term 1: daa × kg\/kg gives area, not t or t DM/);
  });

  it('lists every missing statistic of a municipality instead of guessing zero', () => {
    try {
      compileEstimate({ profile, kinds, statistics: stats(ONE, UNITS), municipalities: ['0301'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.code).toBe('missing_statistics');
      expect(err.message).toMatch(/0301/);
      expect(err.issues.map((i) => i.path)).toEqual(
        expect.arrayContaining(['0301/area.bygg', '0301/harvest.gran', '0301/livestock.melkeku']),
      );
    }
  });

  it('names an unknown kind and lists the kinds that exist', () => {
    expect(() =>
      compileEstimate({
        profile,
        kinds,
        statistics: stats(ONE, UNITS),
        municipalities: ['3407'],
        kindIds: ['gull'],
      }),
    ).toThrow(/unknown residue kind "gull".*halm, grot, husdyrgjodsel/);
  });

  it('traces a figure back to its statistics and coefficients, and the trace adds up', () => {
    const compiled = compileEstimate({
      profile,
      kinds,
      statistics: stats(ONE, UNITS),
      municipalities: ['3407'],
    });
    const trace = traceResidue(compiled, new Map(), '3407', 'husdyrgjodsel');
    expect(trace.terms.map((t) => t.statistic.variable)).toEqual(['livestock.melkeku', 'livestock.sau']);
    expect(trace.terms[0]?.coefficients.map((c) => c.id)).toEqual(['manure.melkeku']);
    expect(trace.terms[1]?.dmShare.id).toBe('dm.manure.sau');
    expect(trace.tonnesWet).toBeCloseTo(280, 9);
  });
});

describe('the default vintage', () => {
  it('takes the latest year every selected municipality has, not each one’s newest', () => {
    const obs = (municipality: string, year: number, value: number): Observation => ({
      municipality,
      variable: 'area.bygg',
      year,
      value,
      unit: 'daa',
      dataset: `d${year}`,
    });
    const statistics = indexObservations(
      [],
      [obs('3407', 2022, 100), obs('3442', 2022, 100), obs('3407', 2023, 200)],
    );
    const p: CoefficientProfile = {
      ...profile,
      recipes: [profile.recipes[0] as CoefficientProfile['recipes'][0]],
    };
    const both = estimateResidues({ profile: p, kinds, statistics, municipalities: ['3407', '3442'] });
    // 3407 has 2023 but 3442 does not: both use 2022.
    expect(both.rows.map((r) => r.tonnesWet)).toEqual([25.2, 25.2]);
    const one = estimateResidues({ profile: p, kinds, statistics, municipalities: ['3407'] });
    expect(one.rows[0]?.tonnesWet).toBeCloseTo(50.4, 9);
    // An explicit year still wins.
    const y = estimateResidues({
      profile: p,
      kinds,
      statistics,
      municipalities: ['3407', '3442'],
      year: 2023,
    });
    expect(y.rows.map((r) => r.tonnesWet)).toEqual([50.4, 25.2]);
  });
});

describe('alternative bases and the profile’s year', () => {
  const withAlternative: CoefficientProfile = {
    ...profile,
    recipes: [
      {
        kind: 'halm',
        terms: [{ statistic: 'area.bygg', coefficients: ['yield.bygg', 'straw-ratio'] }],
        alternatives: [
          {
            id: 'grain-deliveries',
            terms: [{ statistic: 'delivery.korn.bygg', coefficients: ['straw-ratio'] }],
          },
        ],
      },
    ],
  };
  const obs = (
    municipality: string,
    variable: string,
    value: number,
    unit: string,
    dataset: string,
    year = 2024,
  ) => ({ municipality, variable, value, unit, year, dataset }) satisfies Observation;
  const datasets = [
    { id: 'complete', title: 'c', year: 2024, source: { citation: 'c' }, variables: {} },
    {
      id: 'sample',
      title: 's',
      year: 2024,
      source: { citation: 's', partial: 'a sample of farms' },
      variables: {},
    },
  ];

  it('takes the alternative where the recipe’s own statistic is missing, and names it', () => {
    const statistics = indexObservations(datasets, [
      obs('3407', 'area.bygg', 1000, 'daa', 'complete'),
      obs('3305', 'delivery.korn.bygg', 400_000, 'kg', 'complete'),
    ]);
    const e = estimateResidues({
      profile: withAlternative,
      kinds,
      statistics,
      municipalities: ['3407', '3305'],
    });
    expect(e.rows.map((r) => [r.municipality, r.basis, r.tonnesWet])).toEqual([
      ['3407', undefined, 252],
      // 400 000 kg × 0.6 = 240 t
      ['3305', 'grain-deliveries', 240],
    ]);
  });

  it('prefers an alternative from complete data to its own terms from partial data', () => {
    const statistics = indexObservations(datasets, [
      obs('3407', 'area.bygg', 10, 'daa', 'sample'),
      obs('3407', 'delivery.korn.bygg', 400_000, 'kg', 'complete'),
    ]);
    const e = estimateResidues({ profile: withAlternative, kinds, statistics, municipalities: ['3407'] });
    expect(e.rows[0]?.basis).toBe('grain-deliveries');
    // With only the partial areas, they are used.
    const only = indexObservations(datasets, [obs('3407', 'area.bygg', 10, 'daa', 'sample')]);
    expect(
      estimateResidues({ profile: withAlternative, kinds, statistics: only, municipalities: ['3407'] })
        .rows[0]?.basis,
    ).toBeUndefined();
  });

  it('names the recipe’s own statistics when no basis has them all', () => {
    const statistics = indexObservations(datasets, [obs('3407', 'harvest.gran', 1, 'm3', 'complete')]);
    expect(() =>
      compileEstimate({ profile: withAlternative, kinds, statistics, municipalities: ['3407'] }),
    ).toThrow(/area\.bygg/);
  });

  it('reads the statistics of the profile’s year when the request gives none', () => {
    const statistics = indexObservations(datasets, [
      obs('3407', 'area.bygg', 1000, 'daa', 'complete', 2024),
      obs('3407', 'area.bygg', 2000, 'daa', 'complete', 2026),
    ]);
    const run = (p: CoefficientProfile) =>
      estimateResidues({ profile: p, kinds, statistics, municipalities: ['3407'] }).rows[0]?.tonnesWet;
    expect(run(withAlternative)).toBeCloseTo(504, 9);
    expect(run({ ...withAlternative, year: 2024 })).toBeCloseTo(252, 9);
  });
});
