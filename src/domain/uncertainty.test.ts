import { describe, expect, it } from 'vitest';
import type { Coefficient, CoefficientProfile } from './coefficients.ts';
import { indexObservations } from './observations.ts';
import type { ResidueKind } from './residue-kinds.ts';
import { compileEstimate } from './residues.ts';
import { same } from './text.ts';
import { quantile, sampleCoefficient, simulateUncertainty } from './uncertainty.ts';

function lcg(seed: number): () => number {
  // A tiny deterministic source for tests; the CLI passes pure-rand's xoroshiro128+.
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const base = {
  name: 'c',
  unit: 't/daa',
  source: { status: 'derived', citation: 'x' },
  region: 'NO',
  year: 2024,
} as const;
const tri: Coefficient = { ...base, id: 'tri', value: 2, low: 1, high: 5, distribution: 'triangular' };

describe('sampleCoefficient', () => {
  it('stays within [low, high] and hits the ends at u = 0 and u → 1', () => {
    expect(sampleCoefficient(tri, 0)).toBe(1);
    expect(sampleCoefficient(tri, 1 - 1e-12)).toBeCloseTo(5, 4);
    for (let u = 0; u < 1; u += 0.01) {
      const v = sampleCoefficient(tri, u);
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(5);
    }
  });

  it('has the triangular mean (low + mode + high) / 3', () => {
    const rnd = lcg(3);
    let sum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) sum += sampleCoefficient(tri, rnd());
    expect(sum / n).toBeCloseTo((1 + 2 + 5) / 3, 2);
  });

  it('returns the value for fixed coefficients and is uniform when asked', () => {
    expect(sampleCoefficient({ ...tri, distribution: 'fixed' }, 0.3)).toBe(2);
    expect(sampleCoefficient({ ...tri, distribution: 'uniform' }, 0.5)).toBe(3);
  });
});

describe('quantile', () => {
  it('interpolates linearly between order statistics', () => {
    const s = Float64Array.from([1, 2, 3, 4, 5]);
    expect(quantile(s, 0.5)).toBe(3);
    expect(quantile(s, 0.1)).toBeCloseTo(1.4, 12);
    expect(quantile(s, 0.9)).toBeCloseTo(4.6, 12);
  });
});

describe('simulateUncertainty', () => {
  const kind: ResidueKind = {
    id: 'halm',
    name: { nb: 'Halm', en: 'Straw' },
    group: 'agriculture',
    origin: 'farmland',
    description: same(''),
    dmShare: {
      ...base,
      id: 'dm.halm',
      unit: 't DM/t',
      value: 0.85,
      low: 0.8,
      high: 0.9,
      distribution: 'triangular',
    },
    regulatoryClass: 'plant',
    regulatoryNote: same(''),
  };
  const profile: CoefficientProfile = {
    id: 't',
    title: 't',
    description: 't',
    coefficients: [{ ...tri, id: 'straw', value: 0.23, low: 0.14, high: 0.3 }],
    recipes: [{ kind: 'halm', terms: [{ statistic: 'area.korn', coefficients: ['straw'] }] }],
  };
  const statistics = indexObservations(
    [],
    ['3407', '3442'].map((m, i) => ({
      municipality: m,
      variable: 'area.korn',
      value: 1000 * (i + 1),
      unit: 'daa',
      year: 2024,
      dataset: 'x',
    })),
  );
  const compiled = compileEstimate({ profile, kinds: [kind], statistics, municipalities: ['3407', '3442'] });

  it('is reproducible for a seed and orders P10 ≤ P50 ≤ P90', () => {
    const a = simulateUncertainty(compiled, 500, lcg(42));
    const b = simulateUncertainty(compiled, 500, lcg(42));
    expect(a).toEqual(b);
    for (const r of [...a.rows, ...a.totals]) {
      expect(r.p10).toBeLessThan(r.p50);
      expect(r.p50).toBeLessThan(r.p90);
    }
  });

  it('draws a coefficient once per draw for the whole region, so totals spread like the rows', () => {
    const u = simulateUncertainty(compiled, 2000, lcg(1));
    const total = u.totals[0];
    const rowsP90 = u.rows.reduce((s, r) => s + r.p90, 0);
    // Perfectly correlated rows: the total's P90 is the sum of the rows' P90.
    expect(total?.p90).toBeCloseTo(rowsP90, 6);
    // The central estimate sits inside the band: 3 000 daa × 0.23 t/daa.
    expect(total?.tonnesWet).toBeCloseTo(690, 9);
    expect(total?.p10).toBeLessThan(690);
    expect(total?.p90).toBeGreaterThan(600);
  });

  it('rejects a draw count that is not a positive whole number', () => {
    expect(() => simulateUncertainty(compiled, 0, lcg(1))).toThrow(/number of Monte Carlo draws: 0/);
    expect(() => simulateUncertainty(compiled, 1.5, lcg(1))).toThrow(/draws/);
  });
});
