/** The whole allocation in one call: build the model, solve it, read it back. */
import type { AllocationInput } from './input.ts';
import { interpretAllocation } from './interpret.ts';
import type { Solver } from './lp.ts';
import { buildAllocationModel } from './model.ts';
import type { AllocationResult } from './result.ts';

export function allocateStreams(input: AllocationInput, solver: Solver): AllocationResult {
  const am = buildAllocationModel(input);
  const sol = solver.solve(am.model);
  return interpretAllocation(am, sol, solver.name);
}
