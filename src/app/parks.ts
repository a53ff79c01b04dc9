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
  parkUncertainty,
  type TakenFromHigher,
  takenFromHigherUses,
} from '../domain/parks.ts';
import { textIn } from '../domain/text.ts';
import type { Simulation } from '../domain/value-uncertainty.ts';
import { checkedPark, parkSchema, readParkFile } from '../ingest/park.ts';
import { getParkVersion, listParkDesigns, saveParkVersion } from '../store/parks-repository.ts';
import { issuesAt } from './issues.ts';
import { type UncertaintyRequest, uncertaintySettings, VALUE_DISTRIBUTION } from './value-uncertainty.ts';
import type { Workspace } from './workspace.ts';

export interface ParkRun {
  park: Park;
  /** P10/P50/P90 of revenue, opex, annual capital, net value and net CO2e, when asked for. */
  uncertainty?: (Simulation & { seed: number; distribution: typeof VALUE_DISTRIBUTION }) | undefined;
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

/** With the Monte Carlo bands over the library's inputs (draws and seed under the shared limits). */
function withUncertainty(
  ws: Pick<Workspace, 'library' | 'random'>,
  run: ParkRun,
  req: UncertaintyRequest,
): ParkRun {
  const { draws, seed } = uncertaintySettings(req);
  const lib = ws.library;
  const sim = parkUncertainty(run.park, lib, lib.currentUses, draws, ws.random(seed));
  return { ...run, uncertainty: { ...sim, seed, distribution: VALUE_DISTRIBUTION } };
}

/** Runs a park file (refused as a whole, every problem listed, when it does not check). */
export function runParkFile(
  ws: Pick<Workspace, 'library' | 'random'>,
  file: string,
  uncertainty?: UncertaintyRequest,
): ParkRun {
  const run = runChecked(ws, readParkFile(file, ws.library.technologies));
  return uncertainty ? withUncertainty(ws, run, uncertainty) : run;
}

/** A park a user gives (a request body): its shape, graph, balances and yields checked, every problem listed. */
function parsePark(ws: Pick<Workspace, 'library'>, body: unknown, where = 'body'): Park {
  const parsed = parkSchema.safeParse(body);
  if (!parsed.success) {
    const issues = issuesAt(where, parsed.error.issues);
    throw new AppError('invalid_input', `invalid park: ${issues.length} problem(s)`, {
      issues,
      detail: message('request_invalid', { part: 'body', problems: issues.length }),
    });
  }
  return checkedPark(parsed.data as Park, where, ws.library.technologies);
}

/** Runs a park a user gives (a request body). */
export function runPark(
  ws: Pick<Workspace, 'library' | 'random'>,
  body: unknown,
  uncertainty?: UncertaintyRequest,
): ParkRun {
  const run = runChecked(ws, parsePark(ws, body));
  return uncertainty ? withUncertainty(ws, run, uncertainty) : run;
}

// ── Stored designs ──────────────────────────────────────────────────────────────────────────────

/** Saves a design as a new version (it must check first); `id` must be the body's when given. */
export async function saveParkDesign(
  ws: Workspace,
  body: unknown,
  options: { id?: string | undefined; note?: string | undefined } = {},
): Promise<{ id: string; version: number }> {
  const park = parsePark(ws, body);
  if (options.id !== undefined && options.id !== park.id)
    throw new AppError('invalid_input', `the design's id is ${park.id}, not ${options.id}`, {
      issues: [
        {
          path: 'body.id',
          message: `not ${options.id}`,
          detail: message('park_id_differs', { id: options.id, body: park.id }),
        },
      ],
      detail: message('park_id_differs', { id: options.id, body: park.id }),
    });
  const version = await saveParkVersion(ws.store.db, {
    id: park.id,
    name: textIn(park.name, 'nb'),
    body: park,
    note: options.note ?? null,
    savedAt: ws.clock.now().toISOString(),
  });
  return { id: park.id, version };
}

export function listParks(ws: Workspace) {
  return listParkDesigns(ws.store.db);
}

/** A stored design at a version (the latest by default), checked again against today's library. */
export async function storedPark(
  ws: Workspace,
  id: string,
  version?: number,
): Promise<ParkRun & { version: number }> {
  const row = await getParkVersion(ws.store.db, id, version);
  if (!row)
    throw new AppError('not_found', `no park ${id}${version ? ` version ${version}` : ''}`, {
      detail: message('park_not_found', {
        id,
        version: version ?? 0,
        known: (await listParkDesigns(ws.store.db)).map((p) => p.id),
      }),
    });
  // Checked again: the library may have changed since it was saved; its problems name the stored version.
  return { ...runChecked(ws, parsePark(ws, row.body, `parks.${id}@${row.version}`)), version: row.version };
}

/** Designs side by side (each `id` or `id@version`): their totals, CO2e and what they take from higher uses. */
export async function compareParks(ws: Workspace, refs: string[]) {
  const out = [];
  for (const ref of refs) {
    const [id, v] = ref.split('@') as [string, string | undefined];
    const version = v === undefined ? undefined : Number(v);
    if (version !== undefined && !(Number.isInteger(version) && version > 0))
      throw new AppError('invalid_input', `${ref}: a version is a whole number from 1`, {
        detail: message('invalid_integer', { name: 'version', input: v ?? '', min: 1, max: 1_000_000 }),
      });
    const run = await storedPark(ws, id, version);
    out.push({
      id,
      version: run.version,
      name: run.park.name,
      economics: run.economics.total,
      paybackYears: run.economics.paybackYears,
      netCo2e: run.climate.netCo2e,
      currentUseNok: run.climate.currentUseNok,
      takenFromHigherTonnes: run.takenFromHigher.reduce((s, x) => s + x.tonnes, 0),
      processes: run.park.processes.length,
    });
  }
  return out;
}
