/**
 * Statistics of one family (variables sharing a prefix: area., harvest., livestock.) for the region's
 * municipalities, with the national total where the data cover the whole country.
 */
import { findObservation, latestCompleteYear, type Observation } from '../../domain/observations.ts';
import type { ReportContext } from '../context.ts';
import { round } from '../format.ts';

export interface VariableTable {
  variables: { id: string; name: string; unit: string }[];
  /** municipality → variable → observation (missing when the municipality has none). */
  values: Map<string, Map<string, Observation>>;
  /** variable → national total, when at least 95 % of today's municipalities have the variable for that year. */
  national: Map<string, number>;
  datasets: string[];
  years: number[];
}

const NATIONAL_COVERAGE = 0.95;

/**
 * The region's values of the variables one level below `prefix` (in `unit` when given). With `anchor`
 * (e.g. harvest.total), only variables from the datasets the anchor is read from are kept, so that a
 * table does not join columns of different sources and years.
 */
export function variableTable(
  ctx: ReportContext,
  prefix: string,
  unit?: string,
  anchor?: string,
): VariableTable {
  const { data } = ctx;
  const variables = new Map<string, { id: string; name: string; unit: string }>();
  // One level below the prefix only (harvest.gran, not harvest.gran.sagtommer).
  const own = (id: string) => id.startsWith(prefix) && !id.slice(prefix.length).includes('.');
  for (const d of data.datasets)
    for (const [id, v] of Object.entries(d.variables))
      if (own(id) && (unit === undefined || v.unit === unit) && !variables.has(id))
        variables.set(id, { id, name: v.name, unit: v.unit });
  const values = new Map<string, Map<string, Observation>>();
  const datasets = new Set<string>();
  const years = new Set<number>();
  // Per variable one year for the whole region: the newest all its municipalities have (at or before
  // the report's year), so that municipalities are not mixed across years.
  const yearOf = new Map<string, number | undefined>();
  for (const id of variables.keys()) {
    const complete = latestCompleteYear(data.statistics, ctx.region.municipalities, id);
    yearOf.set(id, ctx.year === undefined ? complete : Math.min(complete ?? ctx.year, ctx.year));
  }
  for (const nr of ctx.region.municipalities) {
    const row = new Map<string, Observation>();
    for (const id of variables.keys()) {
      const o = findObservation(data.statistics, nr, id, yearOf.get(id));
      if (!o) continue;
      row.set(id, o);
      datasets.add(o.dataset);
      years.add(o.year);
    }
    values.set(nr, row);
  }
  // Keep only variables the region has at all (and, with an anchor, from the anchor's datasets).
  const anchorSets = anchor ? new Set([...values.values()].map((r) => r.get(anchor)?.dataset)) : undefined;
  for (const id of [...variables.keys()]) {
    const observed = [...values.values()].map((r) => r.get(id)).filter((o) => o !== undefined);
    const foreign = anchorSets?.has(undefined) === false && observed.some((o) => !anchorSets.has(o.dataset));
    if (observed.length === 0 || foreign) {
      variables.delete(id);
      for (const r of values.values()) r.delete(id);
    }
  }
  datasets.clear();
  years.clear();
  for (const r of values.values())
    for (const o of r.values()) {
      datasets.add(o.dataset);
      years.add(o.year);
    }
  const national = new Map<string, number>();
  const all = [...data.registry.municipalities.keys()];
  for (const id of variables.keys()) {
    const year = [...values.values()].map((r) => r.get(id)?.year).find((y) => y !== undefined);
    let total = 0;
    let n = 0;
    for (const nr of all) {
      const o = findObservation(data.statistics, nr, id, year);
      if (o && o.year === year) {
        total += o.value;
        n++;
      }
    }
    if (all.length > 0 && n / all.length >= NATIONAL_COVERAGE) national.set(id, round(total, 1));
  }
  return {
    variables: [...variables.values()],
    values,
    national,
    datasets: [...datasets].sort(),
    years: [...years].sort(),
  };
}

/** The value of a variable in a municipality (rounded), or null when the municipality has no data. */
export function statValue(t: VariableTable, nr: string, id: string, digits = 0): number | null {
  const o = t.values.get(nr)?.get(id);
  return o ? round(o.value, digits) : null;
}

export function regionTotal(t: VariableTable, id: string, digits = 0): number {
  let s = 0;
  for (const row of t.values.values()) s += round(row.get(id)?.value ?? 0, digits);
  return s;
}
