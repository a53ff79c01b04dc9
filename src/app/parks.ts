/**
 * A biopark design run (docs/parks.md): its balances, what crosses its boundary, its economics, its
 * CO2e against the counterfactual and the streams it takes from higher uses — for a park file or a
 * park posted to the API, checked first (shape, graph, balances, the library's yields).
 */
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
import { checkedPark, readParkFile } from '../ingest/park.ts';
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

/** Runs a park given as data (the API's body, already of the file's shape). */
export function runPark(ws: Pick<Workspace, 'library'>, park: Park, where = 'park'): ParkRun {
  return runChecked(ws, checkedPark(park, where, ws.library.technologies));
}
