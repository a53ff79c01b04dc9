/** Why an allocation has no solution, in words. */
import { type Message, message } from '../message.ts';
import type { Supply } from './input.ts';
import { type AllocationModel, TOL } from './model.ts';

/** Names the limits that make a model infeasible: minimum intakes that the reachable supply cannot meet. */
export function explainInfeasible(am: AllocationModel): Message[] {
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
  const out: Message[] = [];
  for (const { s, i } of withMinimum) {
    const need = s.minimumIntakeTonnes as number;
    if ((reachable[i] as number) < need * (1 - TOL)) {
      out.push(
        message('infeasible_minimum_intake', {
          site: s.id,
          minimumTonnes: need,
          basis: s.basis,
          reachableTonnes: reachable[i] as number,
        }),
      );
    }
  }
  if (out.length === 0 && withMinimum.length > 0) {
    out.push(
      message('infeasible_shared_minimums', {
        sites: withMinimum.map(({ s }) => s.id),
        minimumTonnes: withMinimum.map(({ s }) => s.minimumIntakeTonnes as number),
      }),
    );
  }
  if (out.length === 0) out.push(message('infeasible_no_solution', {}));
  return out;
}
