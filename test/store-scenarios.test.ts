/** The scenarios repository on every dialect: built-ins as seeded, users' own saved, got, replaced, deleted; corrupt rows named. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedScenarioParser } from '../src/app/scenarios.ts';
import { AppError } from '../src/domain/errors.ts';
import type { Scenario } from '../src/domain/scenarios.ts';
import { loadLibrary } from '../src/ingest/library.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';
import { seedReferenceData } from '../src/store/reference-repository.ts';
import {
  deleteScenario,
  getScenario,
  listScenarios,
  saveScenario,
  scenarioIds,
} from '../src/store/scenarios-repository.ts';
import { openTestStore, type TestStore, testDialects } from './helpers/stores.ts';

const files = loadReferenceData();
const library = loadLibrary(files.kinds, files.dataDir);
const NOW = '2026-11-28T12:00:00.000Z';
const parse = storedScenarioParser;

function userScenario(id: string, tonnes = 1000): Scenario {
  const base = library.scenarios[0] as Scenario;
  return {
    ...base,
    id,
    name: { nb: `Min ${id}`, en: `My ${id}` },
    inputs: base.inputs.map((i) => ({ ...i, tonnes })),
  };
}

describe.each(testDialects())('scenarios repository on %s', (dialect) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(dialect);
    await seedReferenceData(store.db, files, library.scenarios, NOW);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('holds the built-ins as seeded, first and by id', async () => {
    const all = await listScenarios(store.db, parse);
    expect(all.every((s) => s.builtin)).toBe(true);
    expect(all.map((s) => s.scenario)).toEqual(
      [...library.scenarios].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(await scenarioIds(store.db)).toEqual(all.map((s) => s.scenario.id));
  });

  it('saves, gets, replaces and deletes a user’s scenario', async () => {
    await saveScenario(store.db, userScenario('min-a'), NOW);
    expect(await getScenario(store.db, 'min-a', parse)).toEqual({
      scenario: userScenario('min-a'),
      builtin: false,
      updatedAt: NOW,
    });
    await saveScenario(store.db, userScenario('min-a', 2000), '2026-11-29T00:00:00.000Z');
    expect((await getScenario(store.db, 'min-a', parse))?.scenario).toEqual(userScenario('min-a', 2000));
    const users = await listScenarios(store.db, parse, { builtin: false });
    expect(users.map((s) => s.scenario.id)).toEqual(['min-a']);
    expect((await listScenarios(store.db, parse)).at(-1)?.scenario.id).toBe('min-a');
    expect(await deleteScenario(store.db, 'min-a')).toBe(true);
    expect(await deleteScenario(store.db, 'min-a')).toBe(false);
    expect(await getScenario(store.db, 'min-a', parse)).toBeUndefined();
  });

  it('refuses to replace or delete a built-in (conflict), leaving it as it was', async () => {
    const id = (library.scenarios[0] as Scenario).id;
    await expect(saveScenario(store.db, userScenario(id), NOW)).rejects.toMatchObject({ code: 'conflict' });
    await expect(deleteScenario(store.db, id)).rejects.toMatchObject({ code: 'conflict' });
    expect((await getScenario(store.db, id, parse))?.scenario).toEqual(library.scenarios[0]);
  });

  it('names a stored row that is not JSON or not a scenario (invalid_data), never casts it', async () => {
    const rows = [
      { id: 'bad-json', body_json: '{"id": "bad-json",' },
      { id: 'bad-shape', body_json: JSON.stringify({ id: 'bad-shape', name: 'no' }) },
      { id: 'other-id', body_json: JSON.stringify(userScenario('not-this')) },
    ];
    for (const r of rows) {
      await store.db
        .insertInto('scenarios')
        .values({ ...r, name: r.id, builtin: 0, updated_at: NOW })
        .execute();
      const error = await getScenario(store.db, r.id, parse).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'invalid_data', message: expect.stringContaining(`"${r.id}"`) });
      await store.db.deleteFrom('scenarios').where('id', '=', r.id).execute();
    }
    await store.db
      .insertInto('scenarios')
      .values({ id: 'bad-shape', name: 'x', builtin: 0, body_json: '{}', updated_at: NOW })
      .execute();
    const error = (await listScenarios(store.db, parse).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('invalid_data');
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.issues[0]?.path).toMatch(/^scenarios\.bad-shape/);
    await store.db.deleteFrom('scenarios').where('id', '=', 'bad-shape').execute();
  });
});
