/**
 * Scenarios in the store: the built-ins of data/scenarios (written by `seedReferenceData`) and users'
 * own. A stored body is JSON; the caller gives the parser that turns it into a scenario (the store
 * knows no schemas), and a body that is not JSON or not a scenario is an `invalid_data` error naming
 * the scenario, never an unchecked cast.
 */
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import type { Scenario } from '../domain/scenarios.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Checks a stored body and returns the scenario; throws (an AppError naming `id`) when it is not one. */
export type ScenarioParser = (body: unknown, id: string) => Scenario;

export interface StoredScenario {
  scenario: Scenario;
  /** Ships with Restverdi (data/scenarios): cannot be replaced or deleted. */
  builtin: boolean;
  updatedAt: string;
}

interface Row {
  id: string;
  builtin: number;
  body_json: string;
  updated_at: string;
}

function fromRow(row: Row, parse: ScenarioParser): StoredScenario {
  let body: unknown;
  try {
    body = JSON.parse(row.body_json);
  } catch (cause) {
    throw new AppError('invalid_data', `stored scenario "${row.id}": its body is not readable JSON`, {
      cause,
      detail: message('stored_scenario_unreadable', { id: row.id }),
    });
  }
  const scenario = parse(body, row.id);
  if (scenario.id !== row.id)
    throw new AppError(
      'invalid_data',
      `stored scenario "${row.id}": its body has another id ("${scenario.id}")`,
      { detail: message('stored_scenario_id_differs', { id: row.id, stored: scenario.id }) },
    );
  return { scenario, builtin: row.builtin === 1, updatedAt: row.updated_at };
}

/** Every stored scenario, the built-ins first, then by id. */
export async function listScenarios(
  db: Db,
  parse: ScenarioParser,
  options: { builtin?: boolean } = {},
): Promise<StoredScenario[]> {
  let query = db.selectFrom('scenarios').select(['id', 'builtin', 'body_json', 'updated_at']);
  if (options.builtin !== undefined) query = query.where('builtin', '=', options.builtin ? 1 : 0);
  const rows = await query.orderBy('builtin', 'desc').orderBy('id').execute();
  return rows.map((r) => fromRow(r, parse));
}

/** The ids of the stored scenarios, the built-ins first (no bodies read). */
export async function scenarioIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('scenarios')
    .select('id')
    .orderBy('builtin', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function getScenario(
  db: Db,
  id: string,
  parse: ScenarioParser,
): Promise<StoredScenario | undefined> {
  const row = await db
    .selectFrom('scenarios')
    .select(['id', 'builtin', 'body_json', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? fromRow(row, parse) : undefined;
}

function refuseBuiltin(id: string, what: string): never {
  throw new AppError(
    'conflict',
    `scenario "${id}" ships with Restverdi and cannot be ${what}; use another id`,
    { detail: message('builtin_scenario_readonly', { id }) },
  );
}

/** Stores a user's scenario under its id (replacing the user's own of that id); a built-in id is a conflict. */
export async function saveScenario(db: Kysely<Database>, scenario: Scenario, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('scenarios')
      .select('builtin')
      .where('id', '=', scenario.id)
      .executeTakeFirst();
    if (row?.builtin === 1) refuseBuiltin(scenario.id, 'replaced');
    await trx.deleteFrom('scenarios').where('id', '=', scenario.id).execute();
    await trx
      .insertInto('scenarios')
      .values({
        id: scenario.id,
        name: scenario.name.nb,
        builtin: 0,
        body_json: JSON.stringify(scenario),
        updated_at: now,
      })
      .execute();
  });
}

/** Deletes a user's scenario; false when there is none of that id, a conflict for a built-in. */
export async function deleteScenario(db: Kysely<Database>, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('scenarios').select('builtin').where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    if (row.builtin === 1) refuseBuiltin(id, 'deleted');
    await trx.deleteFrom('scenarios').where('id', '=', id).execute();
    return true;
  });
}
