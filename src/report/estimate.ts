/**
 * The region's residue estimate for the report, with P10–P90 from a seeded Monte Carlo: the
 * application's `estimateResidues` task (every (municipality, kind) it can, and what is missing, so the
 * report can say so instead of showing zero), kept in the shape the report's sections read.
 */
import { estimateResiduesFrom, type MissingResidue } from '../app/residues.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import type { CompiledEstimate, ResidueRow, ResidueTotal } from '../domain/residues.ts';
import type { Percentiles, Random } from '../domain/uncertainty.ts';

export type { MissingResidue };

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

/** Every kind of the profile for the region's municipalities; `random` is already seeded with `seed`. */
export function estimateRegion(
  data: ReferenceData,
  request: { region: string; profile: string; year?: number; draws: number; seed: number },
  random: Random,
): RegionEstimate {
  const { answer, compiled } = estimateResiduesFrom(data, () => random, request);
  const lacking = new Set(answer.missing.map((m) => m.municipality));
  return {
    kinds: compiled.kinds,
    municipalities: answer.municipalities,
    complete: answer.municipalities.filter((m) => !lacking.has(m)),
    missing: answer.missing,
    compiled,
    rows: answer.rows,
    totals: answer.totals,
    draws: request.draws,
    seed: request.seed,
  };
}
