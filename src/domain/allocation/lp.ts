/**
 * The LP port: the linear (or mixed-integer) programme the allocation builds, in column-wise sparse
 * form, and the solver interface an adapter (src/solver/highs.ts) implements. Pure types.
 */
export interface LinearModel {
  name: string;
  sense: 'maximize';
  numCols: number;
  numRows: number;
  offset: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  /** 1 for binary/integer columns; null for a pure LP. */
  integrality: Uint8Array | null;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSC: column j's entries are starts[j]..starts[j+1] in indices (row) and values. */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  colName: (j: number) => string;
  rowName: (i: number) => string;
}

export type SolverStatus = 'optimal' | 'infeasible' | 'unbounded' | 'limit' | 'error';

export interface SolverResult {
  status: SolverStatus;
  /** Objective including the offset. */
  objective: number;
  colValue: Float64Array;
  /** d objective / d row bound per row (LP only; null for a MIP). */
  rowDual: Float64Array | null;
  message?: string;
}

export interface Solver {
  name: string;
  solve(model: LinearModel): SolverResult;
}
