/**
 * Monte Carlo over the coefficients' ranges. Each draw samples every coefficient once and applies it
 * to all municipalities: a coefficient's error is shared across the region, not independent per row.
 * The random source is passed in (uniform on [0, 1)), so a seed gives the same result every time.
 */
import type { Coefficient } from './coefficients.ts';
import { AppError } from './errors.ts';
import { message } from './message.ts';
import {
  type CompiledEstimate,
  centralValues,
  evaluateRow,
  evaluateRowWet,
  type ResidueRow,
  type ResidueTotal,
  totalsByKind,
} from './residues.ts';

export type Random = () => number;

/** Draws one value from a coefficient's distribution by inverse transform. */
export function sampleCoefficient(c: Coefficient, u: number): number {
  const { low: a, value: m, high: b } = c;
  if (c.distribution === 'fixed' || b === a) return m;
  if (c.distribution === 'uniform') return a + u * (b - a);
  const fm = (m - a) / (b - a);
  return u < fm ? a + Math.sqrt(u * (b - a) * (m - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - m));
}

/** Linear-interpolated quantile of sorted values (type 7, as R and NumPy default). */
export function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
}

export interface UncertainRow extends ResidueRow, Percentiles {}
export interface UncertainTotal extends ResidueTotal, Percentiles {}

export interface UncertaintyResult {
  draws: number;
  rows: UncertainRow[];
  totals: UncertainTotal[];
}

function percentiles(samples: Float64Array): Percentiles {
  const sorted = samples.slice().sort();
  return { p10: quantile(sorted, 0.1), p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}

/** Central estimate plus P10/P50/P90 of wet tonnes per row and per kind total. */
export function simulateUncertainty(
  compiled: CompiledEstimate,
  draws: number,
  random: Random,
): UncertaintyResult {
  if (!Number.isInteger(draws) || draws < 1) {
    throw new AppError(
      'invalid_input',
      `invalid number of Monte Carlo draws: ${draws} (a whole number ≥ 1)`,
      {
        detail: message('invalid_integer', { name: 'draws', input: String(draws), min: 1, max: null }),
      },
    );
  }
  const central = centralValues(compiled);
  const rowSamples = compiled.rows.map(() => new Float64Array(draws));
  const kindIndex = new Map(compiled.kinds.map((k, i) => [k, i]));
  const totalSamples = compiled.kinds.map(() => new Float64Array(draws));
  const values = new Float64Array(compiled.coefficients.length);
  const rowKind = compiled.rows.map((row) => totalSamples[kindIndex.get(row.kind) as number] as Float64Array);
  const { coefficients, rows: compiledRows } = compiled;
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < coefficients.length; i++)
      values[i] = sampleCoefficient(coefficients[i] as Coefficient, random());
    for (let r = 0; r < compiledRows.length; r++) {
      const wet = evaluateRowWet(compiledRows[r] as CompiledEstimate['rows'][number], values);
      (rowSamples[r] as Float64Array)[d] = wet;
      const k = rowKind[r] as Float64Array;
      k[d] = (k[d] as number) + wet;
    }
  }
  const rows = compiled.rows.map((row, r) => ({
    ...evaluateRow(row, central),
    ...percentiles(rowSamples[r] as Float64Array),
  }));
  const totals = totalsByKind(rows, compiled.kinds).map((t) => ({
    ...t,
    ...percentiles(totalSamples[kindIndex.get(t.kind) as number] as Float64Array),
  }));
  return { draws, rows, totals };
}

export interface EstimateRun {
  rows: (ResidueRow & Partial<Percentiles>)[];
  totals: (ResidueTotal & Partial<Percentiles>)[];
  uncertainty?: { draws: number };
}

/** The central estimate, or with `draws` the Monte Carlo percentiles too: what the CLI and the API both serve. */
export function runEstimate(compiled: CompiledEstimate, draws?: number, random?: Random): EstimateRun {
  if (draws === undefined) {
    const values = centralValues(compiled);
    const rows = compiled.rows.map((row) => evaluateRow(row, values));
    return { rows, totals: totalsByKind(rows, compiled.kinds) };
  }
  if (!random)
    throw new AppError('invalid_input', 'Monte Carlo needs a random source', {
      detail: message('monte_carlo_needs_random', {}),
    });
  const { rows, totals } = simulateUncertainty(compiled, draws, random);
  return { rows, totals, uncertainty: { draws } };
}
