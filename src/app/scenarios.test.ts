import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBothLanguages } from '../../test/helpers/languages.ts';
import { rejection } from '../../test/helpers/workspace.ts';
import type { AppError } from '../domain/errors.ts';
import type { Scenario } from '../domain/scenarios.ts';
import { openStore } from '../store/database.ts';
import {
  deleteScenario,
  getScenario,
  listScenarios,
  parseScenario,
  runAllScenarios,
  runScenarioRequest,
  saveScenario,
} from './scenarios.ts';
import { openWorkspace, type Workspace } from './workspace.ts';

let ws: Workspace;
beforeAll(async () => {
  ws = await openWorkspace(await openStore({ file: ':memory:' }), {
    clock: { now: () => new Date('2026-11-28T12:00:00Z') },
  });
});
afterAll(async () => {
  await ws?.store.close();
});

function mine(id: string, technology = 'anaerobic-digestion'): Scenario {
  return {
    id,
    name: { nb: 'Min biogass', en: 'My biogas' },
    description: 'Manure to biogas',
    inputs: [{ stream: 'husdyrgjodsel', tonnes: 1000, basis: 'wet' }],
    steps: [{ id: 'ad', technology, input: 'husdyrgjodsel' }],
  } as Scenario;
}

describe('scenario tasks', () => {
  it('lists the built-ins as stored, with their names and the builtin flag', async () => {
    const { scenarios } = await listScenarios(ws);
    expect(scenarios.map((s) => s.id).sort()).toEqual(ws.library.scenarios.map((s) => s.id).sort());
    expect(scenarios.every((s) => s.builtin && s.name.nb.length > 0)).toBe(true);
  });

  it('refuses an invalid body with every problem under body.*, and an id other than the path’s', async () => {
    const error = (() => {
      try {
        parseScenario({ id: 'x', steps: 'no' });
      } catch (e) {
        return e as { code: string; issues: { path: string }[] };
      }
    })();
    expect(error?.code).toBe('invalid_input');
    expect(error?.issues.every((i) => i.path.startsWith('body'))).toBe(true);
    await expect(saveScenario(ws, 'other', mine('min-a'))).rejects.toThrow(/differs from the path/);
  });

  it('refuses to store a scenario that cannot run, and a built-in id', async () => {
    await expect(saveScenario(ws, 'min-x', mine('min-x', 'teleporter'))).rejects.toMatchObject({
      code: 'unknown_technology',
    });
    await expect(getScenario(ws, 'min-x')).rejects.toMatchObject({ code: 'unknown_scenario' });
    const builtin = ws.library.scenarios[0] as Scenario;
    await expect(saveScenario(ws, builtin.id, builtin)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('stores, runs (by id, given, and in the report’s list), then deletes a user’s scenario', async () => {
    const stored = await saveScenario(ws, 'min-a', mine('min-a'));
    expect(await getScenario(ws, 'min-a')).toEqual(stored);
    const byId = await runScenarioRequest(ws, { id: 'min-a' });
    const given = await runScenarioRequest(ws, { scenario: mine('min-a') });
    expect(byId.result).toEqual(given.result);
    expect((await runScenarioRequest(ws, { idOrFile: 'min-a' })).result).toEqual(byId.result);
    const all = await runAllScenarios(ws.library, ws.store.db);
    expect(all.filter((s) => !s.builtin).map((s) => s.scenario.id)).toEqual(['min-a']);
    expect(all.every((s) => s.outcome.ok)).toBe(true);
    expect(await deleteScenario(ws, 'min-a')).toEqual({ deleted: 'min-a' });
    await expect(deleteScenario(ws, 'min-a')).rejects.toMatchObject({ code: 'unknown_scenario' });
  });

  it('names an unknown scenario, listing the stored ids', async () => {
    await expect(runScenarioRequest(ws, { idOrFile: 'rapport-nope' })).rejects.toThrow(
      /unknown scenario "rapport-nope" \(no stored scenario and no such file\); scenarios: rapport-/,
    );
  });

  it('says every refusal in bokmål and in English', async () => {
    const ids = [...ws.library.scenarios.map((s) => s.id), ...ws.library.technologies.map((t) => t.id)];
    const invalid = (() => {
      try {
        parseScenario({ id: 'x', steps: 'no' });
      } catch (e) {
        return e as AppError;
      }
    })() as AppError;
    const texts = expectBothLanguages(invalid);
    expect(texts.nb[0]).toMatch(/^Ugyldig scenario: \d+ feil$/);
    expect(texts.en[0]).toMatch(/^Invalid scenario: \d+ problem/);
    const unknown = await rejection(runScenarioRequest(ws, { idOrFile: 'x9-nope' }));
    expect(expectBothLanguages(unknown, ['x9-nope', ...ids]).nb[0]).toMatch(
      /^Ukjent scenario «»; scenarioene/,
    );
    const teleporter = await rejection(saveScenario(ws, 'min-x', mine('min-x', 'teleporter')));
    expect(expectBothLanguages(teleporter, ['teleporter', ...ids]).en[0]).toMatch(/^Unknown technology ""/);
    expectBothLanguages(await rejection(saveScenario(ws, 'other', mine('min-a'))), ['other', 'min-a']);
    const builtin = ws.library.scenarios[0] as Scenario;
    expectBothLanguages(await rejection(saveScenario(ws, builtin.id, builtin)), [...ids, 'Restverdi']);
    const larvae = await rejection(saveScenario(ws, 'min-y', mine('min-y', 'bsf-larver')));
    expect(larvae.code).toBe('ineligible_route');
    expectBothLanguages(larvae, ['min-y', 'husdyrgjodsel', ...ids, ...ws.library.rules.map((r) => r.id)]);
  });

  it('runs the built-ins without a store for the report', async () => {
    const all = await runAllScenarios(ws.library);
    expect(all.map((s) => s.scenario.id)).toEqual(ws.library.scenarios.map((s) => s.id));
  });
});
