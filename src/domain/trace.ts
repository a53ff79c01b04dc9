/**
 * The trace of one figure: each statistic (source, year, value, unit) times each coefficient
 * (id, value, unit, source) giving the result. Built from the same compiled terms the estimate uses,
 * so the trace cannot drift from the number it explains.
 */
import type { Coefficient } from './coefficients.ts';
import { AppError } from './errors.ts';
import { message } from './message.ts';
import type { Dataset, Observation } from './observations.ts';
import { type CompiledEstimate, centralValues, evaluateTerm } from './residues.ts';

export interface TraceTerm {
  category?: string;
  statistic: Observation & { source?: Dataset['source']; datasetTitle?: string };
  coefficients: Coefficient[];
  dmShare: Coefficient;
  yields: 't' | 't DM';
  tonnesWet: number;
  tonnesDm: number;
}

export interface ResidueTrace {
  municipality: string;
  kind: string;
  profile: string;
  terms: TraceTerm[];
  tonnesWet: number;
  tonnesDm: number;
}

export function traceResidue(
  compiled: CompiledEstimate,
  datasets: Map<string, Dataset>,
  municipality: string,
  kind: string,
): ResidueTrace {
  const row = compiled.rows.find((r) => r.municipality === municipality && r.kind === kind);
  if (!row) {
    throw new AppError(
      'invalid_input',
      `nothing to explain for ${kind} in ${municipality}; estimated: municipalities ${compiled.municipalities.join(', ')}, kinds ${compiled.kinds.join(', ')}`,
      {
        detail: message('trace_nothing', {
          kind,
          municipality,
          municipalities: compiled.municipalities,
          kinds: compiled.kinds,
        }),
      },
    );
  }
  const values = centralValues(compiled);
  const terms = row.terms.map((t): TraceTerm => {
    const ds = datasets.get(t.observation.dataset);
    const r = evaluateTerm(t, values);
    return {
      ...(t.term.category ? { category: t.term.category } : {}),
      statistic: { ...t.observation, ...(ds ? { source: ds.source, datasetTitle: ds.title } : {}) },
      coefficients: t.coefficientIndexes.map((i) => compiled.coefficients[i] as Coefficient),
      dmShare: compiled.coefficients[t.dmIndex] as Coefficient,
      yields: t.yieldsDm ? 't DM' : 't',
      ...r,
    };
  });
  return {
    municipality,
    kind,
    profile: compiled.profileId,
    terms,
    tonnesWet: terms.reduce((s, t) => s + t.tonnesWet, 0),
    tonnesDm: terms.reduce((s, t) => s + t.tonnesDm, 0),
  };
}
