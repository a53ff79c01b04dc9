/**
 * The residue engine: tonnes of each residue kind per municipality = Σ statistic × coefficients.
 *
 * An estimate is compiled once (statistics looked up, units checked) and then evaluated with a
 * vector of coefficient values: the central values for the estimate itself, sampled values for
 * Monte Carlo. Every term keeps enough to print its trace.
 */
import type { Coefficient, CoefficientProfile, RecipeTerm } from './coefficients.ts';
import { AppError, type Issue } from './errors.ts';
import { message } from './message.ts';
import {
  findObservation,
  latestCompleteYear,
  type Observation,
  type StatisticsIndex,
} from './observations.ts';
import type { ResidueKind } from './residue-kinds.ts';
import { formatDimensions, multiplyDimensions, parseUnit, sameDimensions } from './units.ts';

export interface EstimateRequest {
  profile: CoefficientProfile;
  kinds: ResidueKind[];
  statistics: StatisticsIndex;
  /** Today's municipality numbers. */
  municipalities: string[];
  /** Restrict to these kinds (ids); all kinds of the profile when absent. */
  kindIds?: string[];
  /** Use the newest statistic at or before this year; newest available when absent. */
  year?: number;
}

export interface CompiledTerm {
  term: RecipeTerm;
  observation: Observation;
  /** Statistic value converted to its base unit. */
  statisticBase: number;
  /** Indexes into `coefficients` of the compiled estimate. */
  coefficientIndexes: number[];
  /** Product of the unit factors of the statistic and the coefficients. */
  unitFactor: number;
  /** Whether the term yields dry matter (t DM) rather than wet mass (t). */
  yieldsDm: boolean;
  /** Index of the DM-share coefficient used to convert between wet and dry. */
  dmIndex: number;
  /** Unit factor of the DM share (1 for t DM/t). */
  dmUnitFactor: number;
}

export interface CompiledRow {
  municipality: string;
  kind: string;
  /** The recipe's alternative basis used (its id): its own statistics were missing, or only partial. */
  basis?: string;
  terms: CompiledTerm[];
}

export interface CompiledEstimate {
  profileId: string;
  coefficients: Coefficient[];
  rows: CompiledRow[];
  kinds: string[];
  municipalities: string[];
}

export interface CategoryAmount {
  category: string;
  tonnesWet: number;
  tonnesDm: number;
}

export interface ResidueRow {
  municipality: string;
  kind: string;
  /** The recipe's alternative basis used, when not its own terms (see CompiledRow). */
  basis?: string;
  tonnesWet: number;
  tonnesDm: number;
  /** Per category (e.g. animal category for manure), when the recipe names categories. */
  breakdown?: CategoryAmount[];
}

export interface ResidueTotal {
  kind: string;
  tonnesWet: number;
  tonnesDm: number;
}

const MASS_WET = { massWet: 1 } as const;
const MASS_DM = { massDm: 1 } as const;
const DM_SHARE = { massDm: 1, massWet: -1 } as const;

/** Resolves recipes against statistics and coefficients; throws with every problem listed. */
export function compileEstimate(request: EstimateRequest): CompiledEstimate {
  const { profile, statistics, municipalities } = request;
  const year = request.year ?? profile.year;
  const kindById = new Map(request.kinds.map((k) => [k.id, k]));
  const recipes = new Map(profile.recipes.map((r) => [r.kind, r]));

  const kindIds = request.kindIds ?? profile.recipes.map((r) => r.kind);
  for (const id of kindIds) {
    if (!recipes.has(id)) {
      const known = [...recipes.keys()].join(', ');
      throw new AppError(
        'unknown_kind',
        `unknown residue kind "${id}" in profile ${profile.id}; kinds: ${known}`,
        { detail: message('unknown_kind', { id, known: [...recipes.keys()] }) },
      );
    }
  }

  const coefficients: Coefficient[] = [];
  const indexOf = new Map<string, number>();
  const all = new Map<string, Coefficient>();
  for (const k of request.kinds) all.set(k.dmShare.id, k.dmShare);
  for (const c of profile.coefficients) all.set(c.id, c);
  const use = (id: string, at: { kind: string; term: number }): number => {
    const where = `${profile.id}: recipe ${at.kind}, term ${at.term}`;
    const known = indexOf.get(id);
    if (known !== undefined) return known;
    const c = all.get(id);
    if (!c)
      throw new AppError(
        'unknown_coefficient',
        `${where}: coefficient "${id}" is not in profile ${profile.id}`,
        { detail: message('unknown_coefficient', { id, profile: profile.id, kind: at.kind, term: at.term }) },
      );
    coefficients.push(c);
    indexOf.set(id, coefficients.length - 1);
    return coefficients.length - 1;
  };

  // Without a year: per statistic, the latest year all selected municipalities have.
  const completeYears = new Map<string, number | undefined>();
  const completeYear = (variable: string): number | undefined => {
    if (!completeYears.has(variable))
      completeYears.set(variable, latestCompleteYear(statistics, municipalities, variable));
    return completeYears.get(variable);
  };
  const missing: Issue[] = [];
  const rows: CompiledRow[] = [];
  for (const municipality of municipalities) {
    for (const kindId of kindIds) {
      const recipe = recipes.get(kindId);
      const kind = kindById.get(kindId);
      if (!recipe) continue;
      if (!kind)
        throw new AppError(
          'invalid_data',
          `profile ${profile.id} has a recipe for unknown kind "${kindId}"`,
          {
            detail: message('recipe_unknown_kind', { profile: profile.id, kind: kindId }),
          },
        );
      // The recipe's own terms, else the first alternative basis whose statistics all exist (and one
      // from complete data before one from partial data).
      const bases = [{ terms: recipe.terms }, ...(recipe.alternatives ?? [])];
      let chosen: { basis?: string; found: Observation[]; terms: RecipeTerm[] } | undefined;
      let primaryMissing: string[] = [];
      for (const [b, basis] of bases.entries()) {
        const found: Observation[] = [];
        const lacking: string[] = [];
        for (const term of basis.terms) {
          const o = findObservation(
            statistics,
            municipality,
            term.statistic,
            year ?? completeYear(term.statistic),
          );
          if (o) found.push(o);
          else lacking.push(term.statistic);
        }
        if (b === 0) primaryMissing = lacking;
        if (lacking.length > 0) continue;
        const candidate = { ...('id' in basis ? { basis: basis.id } : {}), found, terms: basis.terms };
        // A basis read from partial data (a sample of farms) gives way to a later one from complete data.
        const partial = found.some((o) => statistics.datasets.get(o.dataset)?.source.partial);
        if (!chosen) chosen = candidate;
        if (!partial) {
          chosen = candidate;
          break;
        }
      }
      if (!chosen) {
        for (const statistic of primaryMissing)
          missing.push({ path: `${municipality}/${statistic}`, message: kindId });
        rows.push({ municipality, kind: kindId, terms: [] });
        continue;
      }
      const terms: CompiledTerm[] = [];
      const found = chosen.found;
      chosen.terms.forEach((term, i) => {
        const at = { kind: kindId, term: i + 1 };
        const where = `${profile.id}: recipe ${kindId}${chosen.basis ? ` (${chosen.basis})` : ''}, term ${i + 1}`;
        const observation = found[i] as Observation;
        const coefficientIndexes = term.coefficients.map((id) => use(id, at));
        const statUnit = parseUnit(observation.unit);
        const coefUnits = coefficientIndexes.map((ix) => parseUnit((coefficients[ix] as Coefficient).unit));
        const dims = multiplyDimensions([statUnit.dimensions, ...coefUnits.map((u) => u.dimensions)]);
        const yieldsDm = sameDimensions(dims, MASS_DM);
        if (!yieldsDm && !sameDimensions(dims, MASS_WET)) {
          throw new AppError(
            'unit_mismatch',
            `${where}: ${observation.unit} × ${coefUnits.map((u) => u.text).join(' × ')} gives ${formatDimensions(dims)}, not t or t DM`,
            {
              detail: message('recipe_not_mass', {
                profile: profile.id,
                ...at,
                units: [observation.unit, ...coefUnits.map((u) => u.text)],
              }),
            },
          );
        }
        const dmIndex = use(term.dmShare ?? kind.dmShare.id, at);
        const dmUnit = parseUnit((coefficients[dmIndex] as Coefficient).unit);
        if (!sameDimensions(dmUnit.dimensions, DM_SHARE)) {
          throw new AppError('unit_mismatch', `${where}: DM share must be in t DM/t, not ${dmUnit.text}`, {
            detail: message('recipe_dm_share_unit', { profile: profile.id, ...at, unit: dmUnit.text }),
          });
        }
        terms.push({
          term,
          observation,
          statisticBase: observation.value,
          coefficientIndexes,
          unitFactor: statUnit.factor * coefUnits.reduce((f, u) => f * u.factor, 1),
          yieldsDm,
          dmIndex,
          dmUnitFactor: dmUnit.factor,
        });
      });
      rows.push({ municipality, kind: kindId, ...(chosen.basis ? { basis: chosen.basis } : {}), terms });
    }
  }
  if (missing.length > 0) {
    // One issue per municipality and statistic, naming the kinds that need it.
    const grouped = new Map<string, Set<string>>();
    for (const m of missing) {
      const kinds = grouped.get(m.path) ?? new Set<string>();
      kinds.add(m.message);
      grouped.set(m.path, kinds);
    }
    const issues = [...grouped].map(([path, kinds]) => {
      const [municipality = '', statistic = ''] = path.split('/');
      return {
        path,
        message: `needed by ${[...kinds].join(', ')}`,
        detail: message('missing_statistic', { municipality, statistic, kinds: [...kinds] }),
      };
    });
    const munis = [...new Set(issues.map((m) => m.path.split('/')[0]))];
    const stats = [...new Set(issues.map((m) => m.path.split('/')[1]))];
    throw new AppError(
      'missing_statistics',
      `no statistics for municipality ${munis.join(', ')}: missing ${stats.join(', ')} (needed by profile ${profile.id}); import them first`,
      {
        issues,
        detail: message('missing_statistics_for', {
          municipalities: munis as string[],
          statistics: stats as string[],
          profile: profile.id,
        }),
      },
    );
  }
  return { profileId: profile.id, coefficients, rows, kinds: kindIds, municipalities };
}

/** Central values of the compiled coefficients, in the order `evaluate` expects. */
export function centralValues(compiled: CompiledEstimate): Float64Array {
  return Float64Array.from(compiled.coefficients.map((c) => c.value));
}

/** Statistic × coefficients of one term, in tonnes (wet or DM as the term yields). */
function termProduct(t: CompiledTerm, values: Float64Array): number {
  let product = t.statisticBase * t.unitFactor;
  for (const ix of t.coefficientIndexes) product *= values[ix] as number;
  return product;
}

/** Wet and dry tonnes of one term for the given coefficient values. */
export function evaluateTerm(t: CompiledTerm, values: Float64Array): { tonnesWet: number; tonnesDm: number } {
  const product = termProduct(t, values);
  const dm = (values[t.dmIndex] as number) * t.dmUnitFactor;
  if (t.yieldsDm) return { tonnesDm: product, tonnesWet: dm > 0 ? product / dm : 0 };
  return { tonnesWet: product, tonnesDm: product * dm };
}

/** Wet tonnes of a row, as `evaluateRow` gives them, without building its result (Monte Carlo's inner loop). */
export function evaluateRowWet(row: CompiledRow, values: Float64Array): number {
  let wet = 0;
  for (const t of row.terms) {
    const product = termProduct(t, values);
    if (!t.yieldsDm) wet += product;
    else {
      const dm = (values[t.dmIndex] as number) * t.dmUnitFactor;
      wet += dm > 0 ? product / dm : 0;
    }
  }
  return wet;
}

export function evaluateRow(row: CompiledRow, values: Float64Array): ResidueRow {
  let tonnesWet = 0;
  let tonnesDm = 0;
  const categories = new Map<string, CategoryAmount>();
  for (const t of row.terms) {
    const r = evaluateTerm(t, values);
    tonnesWet += r.tonnesWet;
    tonnesDm += r.tonnesDm;
    if (t.term.category) {
      const c = categories.get(t.term.category) ?? { category: t.term.category, tonnesWet: 0, tonnesDm: 0 };
      c.tonnesWet += r.tonnesWet;
      c.tonnesDm += r.tonnesDm;
      categories.set(t.term.category, c);
    }
  }
  return {
    municipality: row.municipality,
    kind: row.kind,
    ...(row.basis ? { basis: row.basis } : {}),
    tonnesWet,
    tonnesDm,
    ...(categories.size > 0 ? { breakdown: [...categories.values()] } : {}),
  };
}

export function totalsByKind(rows: ResidueRow[], kinds: string[]): ResidueTotal[] {
  const totals = new Map(kinds.map((k) => [k, { kind: k, tonnesWet: 0, tonnesDm: 0 }]));
  for (const r of rows) {
    const t = totals.get(r.kind);
    if (!t) continue;
    t.tonnesWet += r.tonnesWet;
    t.tonnesDm += r.tonnesDm;
  }
  return [...totals.values()];
}

export interface ResidueEstimate {
  profile: string;
  year?: number;
  municipalities: string[];
  rows: ResidueRow[];
  totals: ResidueTotal[];
}

/** The central estimate: every coefficient at its value. */
export function estimateResidues(request: EstimateRequest): ResidueEstimate {
  const compiled = compileEstimate(request);
  const values = centralValues(compiled);
  const rows = compiled.rows.map((r) => evaluateRow(r, values));
  return {
    profile: compiled.profileId,
    ...(request.year === undefined ? {} : { year: request.year }),
    municipalities: compiled.municipalities,
    rows,
    totals: totalsByKind(rows, compiled.kinds),
  };
}
