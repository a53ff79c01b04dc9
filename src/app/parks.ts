/**
 * A biopark design run (docs/parks.md): its balances, what crosses its boundary, its economics, its
 * CO2e against the counterfactual and the streams it takes from higher uses — for a park file or a
 * park posted to the API, checked first (shape, graph, balances, the library's yields).
 */

import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import {
  type BalanceRow,
  type Park,
  type ParkClimate,
  type ParkEconomics,
  parkBalance,
  parkBoundary,
  parkClimate,
  parkEconomics,
  type TakenFromHigher,
  takenFromHigherUses,
} from '../domain/parks.ts';
import { checkedPark, parkSchema, readParkFile } from '../ingest/park.ts';
import { issuesAt } from './issues.ts';
import type { Workspace } from './workspace.ts';

export interface ParkRun {
  park: Park;
  balance: BalanceRow[];
  boundary: ReturnType<typeof parkBoundary>;
  economics: ParkEconomics;
  climate: ParkClimate;
  takenFromHigher: TakenFromHigher[];
}

function runChecked(ws: Pick<Workspace, 'library'>, park: Park): ParkRun {
  const lib = ws.library;
  return {
    park,
    balance: parkBalance(park),
    boundary: parkBoundary(park),
    economics: parkEconomics(park, lib),
    climate: parkClimate(park, lib, lib.currentUses),
    takenFromHigher: takenFromHigherUses(park, lib, lib.currentUses),
  };
}

/** Runs a park file (refused as a whole, every problem listed, when it does not check). */
export function runParkFile(ws: Pick<Workspace, 'library'>, file: string): ParkRun {
  return runChecked(ws, readParkFile(file, ws.library.technologies));
}

/** Runs a park a user gives (a request body): its shape, graph, balances and yields checked, every problem listed. */
export function runPark(ws: Pick<Workspace, 'library'>, body: unknown): ParkRun {
  const parsed = parkSchema.safeParse(body);
  if (!parsed.success) {
    const issues = issuesAt('body', parsed.error.issues);
    throw new AppError('invalid_input', `invalid park: ${issues.length} problem(s)`, {
      issues,
      detail: message('request_invalid', { part: 'body', problems: issues.length }),
    });
  }
  return runChecked(ws, checkedPark(parsed.data as Park, 'body', ws.library.technologies));
}
