/**
 * Which statistics an estimate read: per variable, the years and datasets used across its
 * municipalities, so every output can say which vintage it rests on (and whether any was partial).
 */
import type { Dataset } from './observations.ts';
import type { CompiledEstimate } from './residues.ts';

export interface StatisticUsed {
  variable: string;
  unit: string;
  /** Years used, newest first; more than one when municipalities differ in their newest data. */
  years: number[];
  datasets: { id: string; year: number; municipalities: string[]; partial?: string }[];
  /** The residue kinds whose recipes read the variable. */
  kinds: string[];
}

export function statisticsUsed(compiled: CompiledEstimate, datasets: Map<string, Dataset>): StatisticUsed[] {
  const byVariable = new Map<string, StatisticUsed>();
  for (const row of compiled.rows) {
    for (const t of row.terms) {
      const o = t.observation;
      const s = byVariable.get(o.variable) ?? {
        variable: o.variable,
        unit: o.unit,
        years: [],
        datasets: [],
        kinds: [],
      };
      if (!s.years.includes(o.year)) s.years.push(o.year);
      if (!s.kinds.includes(row.kind)) s.kinds.push(row.kind);
      let d = s.datasets.find((x) => x.id === o.dataset && x.year === o.year);
      if (!d) {
        const partial = datasets.get(o.dataset)?.source.partial;
        d = { id: o.dataset, year: o.year, municipalities: [], ...(partial ? { partial } : {}) };
        s.datasets.push(d);
      }
      if (!d.municipalities.includes(o.municipality)) d.municipalities.push(o.municipality);
      byVariable.set(o.variable, s);
    }
  }
  const out = [...byVariable.values()].sort((a, b) => a.variable.localeCompare(b.variable));
  for (const s of out) {
    s.years.sort((a, b) => b - a);
    s.datasets.sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
  }
  return out;
}
