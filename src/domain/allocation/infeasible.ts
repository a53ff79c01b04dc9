/** Why an allocation has no solution, in words. */
import type { Supply } from './input.ts';
import { type AllocationModel, TOL } from './model.ts';

/** Names the limits that make a model infeasible: minimum intakes that the reachable supply cannot meet. */
export function explainInfeasible(am: AllocationModel): string[] {
  const { sites } = am.input;
  const reachable = new Float64Array(sites.length);
  const seen = new Set<string>();
  for (let j = 0; j < am.numFlows; j++) {
    const s = am.colSite[j] as number;
    const q = am.colSupply[j] as number;
    const key = `${s}|${q}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reachable[s] =
      (reachable[s] as number) + (am.colCapacityCoef[j] as number) * (am.supplies[q] as Supply).tonnesWet;
  }
  const withMinimum = sites.map((s, i) => ({ s, i })).filter(({ s }) => (s.minimumIntakeTonnes ?? 0) > 0);
  const out: string[] = [];
  for (const { s, i } of withMinimum) {
    const need = s.minimumIntakeTonnes as number;
    if ((reachable[i] as number) < need * (1 - TOL)) {
      out.push(
        `site ${s.id} needs at least ${fmt(need)} t ${s.basis} a year (minimum intake), but only ${fmt(reachable[i] as number)} t of eligible supply lies within its transport radius`,
      );
    }
  }
  if (out.length === 0 && withMinimum.length > 0) {
    out.push(
      `the minimum intakes of ${withMinimum.map(({ s }) => `${s.id} (${fmt(s.minimumIntakeTonnes as number)} t)`).join(', ')} cannot all be met from the supply they share`,
    );
  }
  if (out.length === 0)
    out.push('the solver found no feasible allocation; check capacities and minimum intakes');
  return out;
}

function fmt(x: number): string {
  return Math.round(x).toString();
}
