import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBothLanguages } from '../../test/helpers/languages.ts';
import { rejection } from '../../test/helpers/workspace.ts';
import type { AppError } from '../domain/errors.ts';
import type { Scenario } from '../domain/scenarios.ts';
import { openStore } from '../store/database.ts';
import { estimateResiduesFrom } from './residues.ts';
import {
  deleteScenario,
  getScenario,
  listScenarios,
  parseScenario,
  regionSupply,
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

describe('a run says when it uses an emerging technology', () => {
  it('marks the biomethane example: methane coupling is TRL 4, below the mature 8', async () => {
    const run = await runScenarioRequest(ws, { id: 'rapport-biometan' });
    expect(run.readiness).toEqual([
      { code: 'technology_emerging', params: { technology: 'methane-coupling', trl: 4, mature: 8 } },
    ]);
  });

  it('says nothing for the pyrolysis example: slow pyrolysis is in commercial operation (TRL 9)', async () => {
    expect((await runScenarioRequest(ws, { id: 'rapport-pyrolyse' })).readiness).toEqual([]);
  });
});

describe("a worked example twice, and its feed against the region's estimate", () => {
  it('checks the pyrolysis bark against the reference region: 50 000 t DM where it has 23 925 t DM', async () => {
    const run = await runScenarioRequest(ws, { id: 'rapport-pyrolyse' });
    expect(run.result).toEqual(run.comparison.asStated);
    expect(run.feedCheck).toMatchObject({ region: 'gjovik-hadeland-ringerike', profile: 'report' });
    const [bark] = run.feedCheck.asStated;
    // The report's bark, 53 167 t wet (its residue table), at 0.45 t DM per t: 23 925 t DM.
    expect(bark?.regionTonnesWet).toBeCloseTo(53167, -1);
    expect(bark?.regionTonnes).toBeCloseTo(53167 * 0.45, -1);
    expect(bark?.excessTonnes).toBeCloseTo(50000 - 53167 * 0.45, -1);
    expect(bark?.status).toBe('exceeds');
    // The library's run uses the same 50 000 t DM, so it is as far over.
    expect(run.feedCheck.fromLibrary[0]?.feedTonnes).toBe(50000);
  });

  it('checks the insect substrate on DM: the region has about 2 800 t DM of vegetable residues', async () => {
    const run = await runScenarioRequest(ws, { id: 'rapport-insekt' });
    const [veg] = run.feedCheck.asStated;
    // The report profile: 14 118 t wet at 0.20 t DM per t = 2 823.6 t DM.
    expect(veg?.regionTonnes).toBeCloseTo(14118 * 0.2, 0);
    expect(veg?.status).toBe('exceeds');
    expect(veg?.feedTonnes).toBeGreaterThan(10 * (veg?.regionTonnes ?? 0));
  });

  it('checks against another profile when asked, and names an unknown region', async () => {
    const run = await runScenarioRequest(ws, { id: 'rapport-pyrolyse' }, { profile: 'literature' });
    expect(run.feedCheck.profile).toBe('literature');
    expect(run.feedCheck.asStated[0]?.regionTonnes).toBeGreaterThan(50000);
    expect(run.feedCheck.asStated[0]?.status).toBe('within');
    const error = await rejection(runScenarioRequest(ws, { id: 'rapport-pyrolyse' }, { region: 'nowhere' }));
    expect(error.code).toBe('unknown_region');
  });

  it('runs every built-in twice for the report when given the region', async () => {
    const data = await ws.reference();
    const { answer } = estimateResiduesFrom(data, ws.random, {
      region: 'gjovik-hadeland-ringerike',
      profile: 'report',
    });
    const all = await runAllScenarios(ws.library, undefined, regionSupply(answer, 'Gjøvik'));
    for (const { outcome } of all) {
      expect(outcome.ok).toBe(true);
      if (outcome.ok) expect(outcome.comparison?.fromLibrary.ok).toBe(true);
    }
  });
});
