/**
 * Writes a `LinearModel` as free MPS, the exchange format every LP/MIP solver reads, so that another
 * solver can check an optimum. Conventions (those of CPLEX, Gurobi, HiGHS, SCIP, CBC):
 * `OBJSENSE MAX`; integer columns between MARKER INTORG/INTEND; the objective's constant is a column
 * `offset` fixed at 1 whose cost is the constant (portable, where an RHS on the objective row is not:
 * solvers disagree on its sign).
 */
import type { LinearModel } from './allocation/lp.ts';

/** Shortest text that reads back to the same double. */
function num(x: number): string {
  return String(x);
}

export function writeMps(model: LinearModel): string {
  const out: string[] = [];
  out.push(`* ${model.name}: ${model.numCols} columns, ${model.numRows} rows; written by Restverdi`);
  out.push(`* objective = Σ cost·x + offset (${num(model.offset)}), maximised`);
  out.push(`NAME ${model.name}`, 'OBJSENSE', '    MAX', 'ROWS', ' N obj');
  const rowNames: string[] = new Array(model.numRows);
  for (let i = 0; i < model.numRows; i++) {
    const name = model.rowName(i);
    rowNames[i] = name;
    const lo = model.rowLower[i] as number;
    const up = model.rowUpper[i] as number;
    const type =
      lo === up ? 'E' : Number.isFinite(lo) && !Number.isFinite(up) ? 'G' : Number.isFinite(up) ? 'L' : 'N';
    out.push(` ${type} ${name}`);
  }
  out.push('COLUMNS');
  let inInteger = false;
  let marker = 0;
  const colNames: string[] = new Array(model.numCols);
  for (let j = 0; j < model.numCols; j++) {
    const isInt = model.integrality?.[j] === 1;
    if (isInt !== inInteger) {
      out.push(`    MARKER${marker++} 'MARKER' '${isInt ? 'INTORG' : 'INTEND'}'`);
      inInteger = isInt;
    }
    const name = model.colName(j);
    colNames[j] = name;
    const cost = model.colCost[j] as number;
    // A column with no cost and no entries would vanish; the cost entry (even 0) keeps it.
    out.push(`    ${name} obj ${num(cost)}`);
    for (let k = model.starts[j] as number; k < (model.starts[j + 1] as number); k++) {
      out.push(`    ${name} ${rowNames[model.indices[k] as number]} ${num(model.values[k] as number)}`);
    }
  }
  if (inInteger) out.push(`    MARKER${marker++} 'MARKER' 'INTEND'`);
  out.push(`    offset obj ${num(model.offset)}`);
  out.push('RHS');
  const ranges: string[] = [];
  for (let i = 0; i < model.numRows; i++) {
    const lo = model.rowLower[i] as number;
    const up = model.rowUpper[i] as number;
    if (lo === up) out.push(`    rhs ${rowNames[i]} ${num(up)}`);
    else if (Number.isFinite(up)) {
      out.push(`    rhs ${rowNames[i]} ${num(up)}`);
      if (Number.isFinite(lo)) ranges.push(`    rng ${rowNames[i]} ${num(up - lo)}`);
    } else if (Number.isFinite(lo)) out.push(`    rhs ${rowNames[i]} ${num(lo)}`);
  }
  if (ranges.length > 0) out.push('RANGES', ...ranges);
  out.push('BOUNDS');
  for (let j = 0; j < model.numCols; j++) {
    const lo = model.colLower[j] as number;
    const up = model.colUpper[j] as number;
    const name = colNames[j] as string;
    if (model.integrality?.[j] === 1 && lo === 0 && up === 1) {
      out.push(` BV bnd ${name}`);
      continue;
    }
    if (lo !== 0) out.push(Number.isFinite(lo) ? ` LO bnd ${name} ${num(lo)}` : ` MI bnd ${name}`);
    if (Number.isFinite(up)) out.push(` UP bnd ${name} ${num(up)}`);
  }
  out.push(' FX bnd offset 1', 'ENDATA', '');
  return out.join('\n');
}
