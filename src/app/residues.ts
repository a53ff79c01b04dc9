/**
 * The residue estimate, one task for every shell (the CLI's `residues` and `start`, the API's
 * /regions/{id}/residues, the report, the benchmark): region, profile and selection in, one JSON shape
 * out. A (municipality, kind) whose statistics are missing is not an exception here but a value in
 * `missing` (what the report shows as "no data"); a shell that must not answer with a partial estimate
 * (the CLI and the API: their totals would read as complete) throws `missingStatisticsError(answer)`,
 * which names every municipality and statistic, as the engine's own error did. Nothing is counted as zero.
 */
import type { Coefficient } from '../domain/coefficients.ts';
import { AppError, type Issue } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { findRegion } from '../domain/regions.ts';
import {
  type CompiledEstimate,
  type CompiledRow,
  compileEstimate,
  type ResidueRow,
  type ResidueTotal,
} from '../domain/residues.ts';
import { selectMunicipalities } from '../domain/selection.ts';
import { type StatisticUsed, statisticsUsed } from '../domain/statistics-used.ts';
import { type ResidueTrace, traceResidue } from '../domain/trace.ts';
import { type Percentiles, type Random, runEstimate } from '../domain/uncertainty.ts';
import { findProfile } from '../ingest/reference-data.ts';
import type { Workspace } from './workspace.ts';

/**
 * Monte Carlo draws allowed in one request. Every draw keeps one number per row (draws × rows × 8
 * bytes): 20 000 draws are 23 MB for the reference region (144 rows) but 740 MB for all of Norway
 * (357 municipalities × 13 kinds), so the lower of the two limits the shells had is the safe one; the
 * P10/P90 of 20 000 draws move by well under 1 % between seeds.
 */
export const MAX_DRAWS = 20_000;
/** The seed when a request gives none (the CLI's and the API's default). */
export const DEFAULT_SEED = 1;
/** Seeds are 32-bit signed integers ≥ 0 (what the generator takes without wrapping). */
export const MAX_SEED = 2 ** 31 - 1;
export const DISTRIBUTION = 'coefficient ranges';

export interface ResiduesRequest {
  region: string;
  profile: string;
  /** Municipality numbers, old ones mapped to today's; the region's when absent. */
  municipalities?: string[];
  /** Residue kinds; all of the profile's when absent. */
  kinds?: string[];
  /** Statistics of this year or the newest before it; the latest complete year when absent. */
  year?: number;
  /** Monte Carlo draws (1 … MAX_DRAWS); without it, the central estimate only. */
  draws?: number;
  seed?: number;
}

export interface MissingResidue {
  municipality: string;
  kind: string;
  /** The statistics the recipe needs and the municipality lacks. */
  statistics: string[];
}

export type ResiduesRow = ResidueRow & Partial<Percentiles>;
export type ResiduesTotal = ResidueTotal & Partial<Percentiles>;

export interface ResiduesAnswer {
  region: string;
  profile: string;
  year?: number;
  /** Today's numbers, in the order asked (the region's order by default). */
  municipalities: string[];
  uncertainty?: { draws: number; seed: number; distribution: typeof DISTRIBUTION };
  /** Tonnes wet and DM per (municipality, kind) estimated; p10/p50/p90 (tonnes wet) with draws. */
  rows: ResiduesRow[];
  /** Per kind, the sum of the rows estimated (incomplete when `missing` is not empty). */
  totals: ResiduesTotal[];
  /** Which year and dataset of each statistic the estimate read. */
  statistics: StatisticUsed[];
  /** The (municipality, kind) pairs that could not be estimated, and the statistics they lack. */
  missing: MissingResidue[];
  /**
   * Kinds left out of `rows` and `totals` by `completeResidues` because some municipalities of the
   * selection lack their statistics (e.g. vegetable residues, for which no national crop-area file
   * exists) and the request did not name them; with those municipalities and the statistics.
   */
  notEstimated?: { kind: string; municipalities: string[]; statistics: string[] }[];
}

/** The answer and the compiled estimate behind it (its coefficients and observations, for the report's sources). */
export interface EstimatedResidues {
  answer: ResiduesAnswer;
  compiled: CompiledEstimate;
}

/** `option`: the list's name in the CLI and the API (municipalities, kinds), as messages show it. */
function nonEmpty(list: string[] | undefined, option: string): string[] | undefined {
  if (list !== undefined && list.length === 0)
    throw new AppError(
      'invalid_input',
      `the list of ${option} is empty: give at least one, or leave it out for all`,
      {
        detail: message('list_empty', { name: option }),
      },
    );
  return list;
}

/** `option`: the number's name in the CLI and the API (uncertainty, seed); `name` says it in English. */
function checkInteger(value: number, name: string, option: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new AppError('invalid_input', `invalid ${name}: ${value} (a whole number from ${min} to ${max})`, {
      detail: message('invalid_integer', { name: option, input: String(value), min, max }),
    });
  return value;
}

function isMissing(e: unknown): e is AppError {
  return e instanceof AppError && e.code === 'missing_statistics';
}

/**
 * Compiles each kind over the whole selection (one latest complete year per statistic, as for a
 * complete estimate); a kind with missing statistics cell by cell, to estimate what exists and name
 * what does not. The parts are merged, re-indexing the coefficients; rows keep the selection's order.
 */
function compileWhatExists(
  request: Parameters<typeof compileEstimate>[0],
  kinds: string[],
): { compiled: CompiledEstimate; missing: MissingResidue[] } {
  const missing: MissingResidue[] = [];
  const parts: CompiledEstimate[] = [];
  for (const kind of kinds) {
    try {
      parts.push(compileEstimate({ ...request, kindIds: [kind] }));
      continue;
    } catch (e) {
      if (!isMissing(e)) throw e;
    }
    for (const municipality of request.municipalities) {
      try {
        parts.push(compileEstimate({ ...request, municipalities: [municipality], kindIds: [kind] }));
      } catch (e) {
        if (!isMissing(e)) throw e;
        missing.push({
          municipality,
          kind,
          statistics: e.issues.map((i) => i.path.split('/')[1] ?? i.path),
        });
      }
    }
  }
  const coefficients: Coefficient[] = [];
  const index = new Map<string, number>();
  const rows: CompiledRow[] = [];
  for (const part of parts) {
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
  const at = new Map(request.municipalities.map((m, i) => [m, i]));
  const kindAt = new Map(kinds.map((k, i) => [k, i]));
  rows.sort(
    (x, y) =>
      (at.get(x.municipality) ?? 0) - (at.get(y.municipality) ?? 0) ||
      (kindAt.get(x.kind) ?? 0) - (kindAt.get(y.kind) ?? 0),
  );
  return {
    compiled: {
      profileId: request.profile.id,
      coefficients,
      rows,
      kinds,
      municipalities: request.municipalities,
    },
    missing,
  };
}

/**
 * The estimate on given reference data (the report has no workspace). `random(seed)` gives the
 * Monte Carlo's random source; it is called only when the request asks for draws.
 */
export function estimateResiduesFrom(
  data: ReferenceData,
  random: (seed: number) => Random,
  request: ResiduesRequest,
): EstimatedResidues {
  const region = findRegion(data.regions, request.region);
  const profile = findProfile(data, request.profile);
  const municipalities = selectMunicipalities(
    data.registry,
    region,
    nonEmpty(request.municipalities, 'municipalities'),
  );
  const kindIds = nonEmpty(request.kinds, 'kinds');
  const draws =
    request.draws === undefined
      ? undefined
      : checkInteger(request.draws, 'number of draws', 'uncertainty', 1, MAX_DRAWS);
  const seed = checkInteger(request.seed ?? DEFAULT_SEED, 'seed', 'seed', 0, MAX_SEED);
  const compileRequest = {
    profile,
    kinds: data.kinds,
    statistics: data.statistics,
    municipalities,
    ...(kindIds ? { kindIds } : {}),
    ...(request.year === undefined ? {} : { year: request.year }),
  };
  // The whole selection at once (one latest complete year per statistic); only when a statistic is
  // missing, cell by cell, to estimate what exists and name what does not.
  let compiled: CompiledEstimate;
  let missing: MissingResidue[] = [];
  try {
    compiled = compileEstimate(compileRequest);
  } catch (e) {
    if (!isMissing(e)) throw e;
    const kinds = kindIds ?? profile.recipes.map((r) => r.kind);
    ({ compiled, missing } = compileWhatExists(compileRequest, kinds));
  }
  const run = runEstimate(compiled, draws, draws === undefined ? undefined : random(seed));
  return {
    answer: {
      region: region.id,
      profile: profile.id,
      ...(request.year === undefined ? {} : { year: request.year }),
      municipalities,
      ...(draws === undefined ? {} : { uncertainty: { draws, seed, distribution: DISTRIBUTION } }),
      rows: run.rows,
      totals: run.totals,
      statistics: statisticsUsed(compiled, data.statistics.datasets),
      missing,
    },
    compiled,
  };
}

/** Residual raw materials per municipality and kind, with P10–P90 when draws are asked for. */
export async function estimateResidues(
  ws: Pick<Workspace, 'reference' | 'random'>,
  request: ResiduesRequest,
): Promise<ResiduesAnswer> {
  return estimateResiduesFrom(await ws.reference(), ws.random, request).answer;
}

/**
 * The error for an answer with missing statistics: one issue per municipality and statistic, naming
 * the kinds that need it (the same message and issues the engine gives for a whole selection).
 */
export function missingStatisticsError(answer: Pick<ResiduesAnswer, 'profile' | 'missing'>): AppError {
  const grouped = new Map<string, string[]>();
  for (const m of answer.missing)
    for (const s of m.statistics) {
      const path = `${m.municipality}/${s}`;
      const kinds = grouped.get(path) ?? [];
      if (!kinds.includes(m.kind)) kinds.push(m.kind);
      grouped.set(path, kinds);
    }
  const issues: Issue[] = [...grouped].map(([path, kinds]) => {
    const [municipality = '', statistic = ''] = path.split('/');
    return {
      path,
      message: `needed by ${kinds.join(', ')}`,
      detail: message('missing_statistic', { municipality, statistic, kinds }),
    };
  });
  const munis = [...new Set(answer.missing.map((m) => m.municipality))];
  const stats = [...new Set(answer.missing.flatMap((m) => m.statistics))];
  return new AppError(
    'missing_statistics',
    `no statistics for municipality ${munis.join(', ')}: missing ${stats.join(', ')} (needed by profile ${answer.profile}); import them first`,
    {
      issues,
      detail: message('missing_statistics_for', {
        municipalities: munis,
        statistics: stats,
        profile: answer.profile,
      }),
    },
  );
}

/**
 * The answer when every total it gives is complete (for the CLI and the API). A kind the request did
 * not name that lacks statistics in some municipality of the selection (vegetable residues, for which
 * no national crop-area file exists) is left out of `rows` and `totals` and named in `notEstimated`
 * with the municipalities and statistics it lacks, so that no total reads as complete when it is not
 * and the rest is still answered. A kind named in the request (`kindsAsked`) that lacks statistics is
 * `missingStatisticsError`, as before.
 */
export function completeResidues(
  answer: ResiduesAnswer,
  options: { kindsAsked?: boolean } = {},
): ResiduesAnswer {
  if (answer.missing.length === 0) return answer;
  if (options.kindsAsked) throw missingStatisticsError(answer);
  const byKind = new Map<string, MissingResidue[]>();
  for (const m of answer.missing) byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), m]);
  return {
    ...answer,
    totals: answer.totals.filter((t) => !byKind.has(t.kind)),
    rows: answer.rows.filter((r) => !byKind.has(r.kind)),
    // Only what the kinds answered read (not the areas the set-aside vegetable residues read somewhere).
    statistics: answer.statistics
      .map((st) => ({ ...st, kinds: st.kinds.filter((k) => !byKind.has(k)) }))
      .filter((st) => st.kinds.length > 0),
    missing: [],
    notEstimated: [...byKind].map(([kind, list]) => ({
      kind,
      municipalities: [...new Set(list.map((m) => m.municipality))],
      statistics: [...new Set(list.flatMap((m) => m.statistics))],
    })),
  };
}

export interface ExplainRequest {
  region: string;
  profile: string;
  /** One municipality (an old number is mapped to today's). */
  municipality: string;
  kind: string;
  year?: number;
}

/** How one figure is made: each statistic × coefficients = tonnes, with sources (the same terms the estimate uses). */
export async function explainResidue(
  ws: Pick<Workspace, 'reference'>,
  request: ExplainRequest,
): Promise<ResidueTrace> {
  const data = await ws.reference();
  const region = findRegion(data.regions, request.region);
  const profile = findProfile(data, request.profile);
  const [nr] = selectMunicipalities(data.registry, region, [request.municipality]) as [string];
  const compiled = compileEstimate({
    profile,
    kinds: data.kinds,
    statistics: data.statistics,
    municipalities: [nr],
    kindIds: [request.kind],
    ...(request.year === undefined ? {} : { year: request.year }),
  });
  return traceResidue(compiled, data.statistics.datasets, nr, request.kind);
}
