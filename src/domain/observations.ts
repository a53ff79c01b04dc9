/**
 * Statistics per municipality and year (crop area, harvested volume, animals, population),
 * each traceable to the dataset it came from.
 */

export interface DatasetSource {
  citation: string;
  url?: string;
  table?: string;
  /** Where the file in the project's data/ was copied or derived from. */
  derivedFrom?: string;
  licence?: string;
  /** Why the dataset is partial (e.g. a sample of farms); partial data never wins over complete data of the same year. */
  partial?: string;
  /**
   * Built into data/statistics by `npm run data` from the files in data/sources (the national baseline).
   * A dataset a user imports for the same year is newer knowledge and wins over it.
   */
  shipped?: boolean;
}

export interface VariableInfo {
  unit: string;
  name: string;
}

export interface Dataset {
  id: string;
  title: string;
  year: number;
  /** Why the year is what it is, when the source does not say so plainly. */
  yearNote?: string;
  source: DatasetSource;
  variables: Record<string, VariableInfo>;
}

export interface Observation {
  /** Today's municipality number. */
  municipality: string;
  /** The number the source used, when it differs (e.g. 3007 for Ringerike before 2024). */
  numberInSource?: string;
  variable: string;
  year: number;
  value: number;
  unit: string;
  dataset: string;
}

/** The file shape of data/statistics/*.json, one row per municipality. */
export interface StatisticsFile extends Dataset {
  rows: { municipality: string; numberInSource?: string; values: Record<string, number> }[];
}

export interface StatisticsIndex {
  datasets: Map<string, Dataset>;
  /** municipality → variable → observations (newest year first). */
  byMunicipality: Map<string, Map<string, Observation[]>>;
}

export function indexObservations(datasets: Dataset[], observations: Observation[]): StatisticsIndex {
  const byMunicipality = new Map<string, Map<string, Observation[]>>();
  for (const o of observations) {
    let vars = byMunicipality.get(o.municipality);
    if (!vars) {
      vars = new Map();
      byMunicipality.set(o.municipality, vars);
    }
    const list = vars.get(o.variable) ?? [];
    list.push(o);
    vars.set(o.variable, list);
  }
  const byId = new Map(datasets.map((d) => [d.id, d]));
  // Newest first; within a year complete data before partial data, imported before shipped, then by
  // dataset id (deterministic).
  const partial = (o: Observation) => (byId.get(o.dataset)?.source.partial ? 1 : 0);
  const shipped = (o: Observation) => (byId.get(o.dataset)?.source.shipped ? 1 : 0);
  for (const vars of byMunicipality.values())
    for (const list of vars.values())
      list.sort(
        (a, b) =>
          b.year - a.year ||
          partial(a) - partial(b) ||
          shipped(a) - shipped(b) ||
          a.dataset.localeCompare(b.dataset),
      );
  return { datasets: byId, byMunicipality };
}

/** The observation for a year, or the newest one at or before it; undefined when none exists. */
export function findObservation(
  index: StatisticsIndex,
  municipality: string,
  variable: string,
  year?: number,
): Observation | undefined {
  const list = index.byMunicipality.get(municipality)?.get(variable);
  if (!list) return undefined;
  return year === undefined ? list[0] : list.find((o) => o.year <= year);
}

/** Flattens a statistics file into observations. */
export function observationsOf(file: StatisticsFile): Observation[] {
  const out: Observation[] = [];
  for (const row of file.rows) {
    for (const [variable, value] of Object.entries(row.values)) {
      const info = file.variables[variable];
      out.push({
        municipality: row.municipality,
        ...(row.numberInSource && row.numberInSource !== row.municipality
          ? { numberInSource: row.numberInSource }
          : {}),
        variable,
        year: file.year,
        value,
        unit: info?.unit ?? '1',
        dataset: file.id,
      });
    }
  }
  return out;
}

/**
 * The latest year in which every one of the municipalities has the statistic: the default vintage
 * of an estimate, so that municipalities are not mixed across years when a newer file covers only
 * some of them. Undefined when they share no year.
 */
export function latestCompleteYear(
  index: StatisticsIndex,
  municipalities: string[],
  variable: string,
): number | undefined {
  let common: Set<number> | undefined;
  for (const m of municipalities) {
    const years = new Set((index.byMunicipality.get(m)?.get(variable) ?? []).map((o) => o.year));
    common = common ? new Set([...common].filter((y) => years.has(y))) : years;
    if (common.size === 0) return undefined;
  }
  return common && common.size > 0 ? Math.max(...common) : undefined;
}
