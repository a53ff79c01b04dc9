/**
 * The region's residue estimate for the report, with P10–P90 from a seeded Monte Carlo. Unlike the
 * CLI's estimate it does not stop at a municipality that lacks statistics: it estimates every
 * (municipality, kind) it can and lists what is missing, so the report can say so instead of
 * showing zero.
 */
import type { CoefficientProfile } from '../domain/coefficients.ts';
import { AppError } from '../domain/errors.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import type { ResidueRow, ResidueTotal } from '../domain/residues.ts';
import { type CompiledEstimate, type CompiledRow, compileEstimate } from '../domain/residues.ts';
import { type Percentiles, type Random, runEstimate } from '../domain/uncertainty.ts';

export interface MissingResidue {
  municipality: string;
  kind: string;
  /** The statistics the recipe needs and the municipality lacks. */
  statistics: string[];
}

export interface RegionEstimate {
  kinds: string[];
  municipalities: string[];
  /** Municipalities with every kind estimated. */
  complete: string[];
  missing: MissingResidue[];
  compiled: CompiledEstimate;
  rows: (ResidueRow & Partial<Percentiles>)[];
  totals: (ResidueTotal & Partial<Percentiles>)[];
  draws: number;
  seed: number;
}

function isMissing(e: unknown): e is AppError {
  return e instanceof AppError && e.code === 'missing_statistics';
}

/** Compiles each (municipality, kind) on its own and merges them, re-indexing the coefficients. */
function compileWhatExists(
  data: ReferenceData,
  profile: CoefficientProfile,
  municipalities: string[],
  kinds: string[],
  year: number | undefined,
): { compiled: CompiledEstimate; missing: MissingResidue[] } {
  const missing: MissingResidue[] = [];
  const coefficients: CompiledEstimate['coefficients'] = [];
  const index = new Map<string, number>();
  const rows: CompiledRow[] = [];
  for (const municipality of municipalities) {
    for (const kind of kinds) {
      let part: CompiledEstimate;
      try {
        part = compileEstimate({
          profile,
          kinds: data.kinds,
          statistics: data.statistics,
          municipalities: [municipality],
          kindIds: [kind],
          ...(year === undefined ? {} : { year }),
        });
      } catch (e) {
        if (!isMissing(e)) throw e;
        missing.push({
          municipality,
          kind,
          statistics: e.issues.map((i) => i.path.split('/')[1] ?? i.path),
        });
        continue;
      }
      const map = part.coefficients.map((c) => {
        let ix = index.get(c.id);
        if (ix === undefined) {
          coefficients.push(c);
          ix = coefficients.length - 1;
          index.set(c.id, ix);
        }
        return ix;
      });
      for (const row of part.rows)
        rows.push({
          ...row,
          terms: row.terms.map((t) => ({
            ...t,
            coefficientIndexes: t.coefficientIndexes.map((i) => map[i] as number),
            dmIndex: map[t.dmIndex] as number,
          })),
        });
    }
  }
  return { compiled: { profileId: profile.id, coefficients, rows, kinds, municipalities }, missing };
}

export function estimateRegion(
  data: ReferenceData,
  profile: CoefficientProfile,
  municipalities: string[],
  o: { year?: number; draws: number; seed: number; random: Random },
): RegionEstimate {
  const kinds = profile.recipes.map((r) => r.kind);
  let compiled: CompiledEstimate;
  let missing: MissingResidue[] = [];
  try {
    compiled = compileEstimate({
      profile,
      kinds: data.kinds,
      statistics: data.statistics,
      municipalities,
      ...(o.year === undefined ? {} : { year: o.year }),
    });
  } catch (e) {
    if (!isMissing(e)) throw e;
    ({ compiled, missing } = compileWhatExists(data, profile, municipalities, kinds, o.year));
  }
  const run = runEstimate(compiled, o.draws, o.random);
  const lacking = new Set(missing.map((m) => m.municipality));
  return {
    kinds,
    municipalities,
    complete: municipalities.filter((m) => !lacking.has(m)),
    missing,
    compiled,
    rows: run.rows,
    totals: run.totals,
    draws: o.draws,
    seed: o.seed,
  };
}
