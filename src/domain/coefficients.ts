/**
 * Coefficients are numbers with a unit, a range and a source; profiles group them with the recipes
 * that turn statistics into residue tonnages. None of these numbers lives in code.
 */
import { AppError } from './errors.ts';
import { message } from './message.ts';
import type { Words } from './text.ts';

/**
 * How sure a source is, after the tags of shared/research/coefficients.md:
 * - `verified`  [V] read in a public source during research (URL given)
 * - `derived`   [D] arithmetic on verified or literature inputs (formula in `note`)
 * - `literature` [L] a standard literature value not re-read; provisional
 * - `unsourced` [G] no source found: a placeholder, and the data says so
 * - `calibrated` fitted so that a profile reproduces a published total (see `calibration`)
 */
export type SourceStatus = 'verified' | 'derived' | 'literature' | 'unsourced' | 'calibrated';

export interface Source {
  status: SourceStatus;
  /** Citation a person can follow: author, title, table/page. */
  citation: string;
  url?: string;
  /** Table, section or page in the cited work (or in shared/research/coefficients.md). */
  table?: string;
  /** The range the cited source gives (value's unit), or 'ours' when the range is our judgement. */
  range?: { low: number; high: number } | 'ours';
  /** The audited report's own figure: the audit does not use it to confirm the report. */
  fromReport?: true;
}

export type Distribution = 'triangular' | 'uniform' | 'fixed';

export interface Calibration {
  /** What the coefficient was fitted to reproduce, e.g. "report residue table: halm 58 802 t". */
  against: Words;
  method: Words;
}

export interface Coefficient {
  id: string;
  name: Words;
  value: number;
  low: number;
  high: number;
  /** How Monte Carlo draws it from [low, high]; triangular has its mode at `value`. */
  distribution: Distribution;
  unit: string;
  source: Source;
  /** Where it holds: `NO`, `Nordic`, `EU`, `Generic`, or a region id. */
  region: string;
  /** Year (or first year) the value is for. */
  year: number;
  calibration?: Calibration;
  note?: Words;
}

/**
 * One additive part of a residue estimate: statistic × coefficient × coefficient × …
 * The units must reduce to wet mass (t) or dry-matter mass (t DM); the engine checks.
 */
export interface RecipeTerm {
  statistic: string;
  coefficients: string[];
  /** Breakdown label kept in the result, e.g. the animal category for manure. */
  category?: string;
  /** Coefficient id of the DM share (t DM/t) of this term's material, when it differs from the kind's. */
  dmShare?: string;
}

/**
 * Another way to the same kind from other statistics, used for a municipality that lacks the recipe's
 * own (e.g. straw from grain deliveries where crop areas are not at hand). Tried in order.
 */
export interface RecipeAlternative {
  id: string;
  terms: RecipeTerm[];
  note?: Words;
}

export interface Recipe {
  kind: string;
  terms: RecipeTerm[];
  alternatives?: RecipeAlternative[];
  note?: Words;
}

export interface CoefficientProfile {
  id: string;
  title: Words;
  description: Words;
  /**
   * The statistics year the profile's figures are made for (the report profile: the report's 2024).
   * An estimate with this profile that asks for no year reads the newest statistics at or before it.
   */
  year?: number;
  coefficients: Coefficient[];
  recipes: Recipe[];
}

/** Every term of a recipe: its own and those of its alternatives. */
export function allRecipeTerms(recipe: Recipe): RecipeTerm[] {
  return [...recipe.terms, ...(recipe.alternatives ?? []).flatMap((a) => a.terms)];
}

export function coefficientMap(
  profile: CoefficientProfile,
  extra: Coefficient[] = [],
): Map<string, Coefficient> {
  const map = new Map<string, Coefficient>();
  for (const c of extra) map.set(c.id, c);
  for (const c of profile.coefficients) map.set(c.id, c);
  return map;
}

/** The profile with this id, or an `unknown_profile` error listing the profiles there are. */
export function findProfile(data: { profiles: CoefficientProfile[] }, id: string): CoefficientProfile {
  const p = data.profiles.find((x) => x.id === id);
  if (!p) {
    throw new AppError(
      'unknown_profile',
      `unknown coefficient profile "${id}"; profiles: ${data.profiles.map((x) => x.id).join(', ')}`,
      { detail: message('unknown_profile', { id, known: data.profiles.map((x) => x.id) }) },
    );
  }
  return p;
}
