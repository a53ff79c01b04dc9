/**
 * Scenarios: the built-ins (data/scenarios, as the store holds them) and users' own — listed, got,
 * stored (validated, and refused if they cannot run), deleted and run. Every stored body is checked
 * with the scenario schema on the way out of the store.
 */

import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { AppError } from '../domain/errors.ts';
import { type Message, message } from '../domain/message.ts';
import { findRegion } from '../domain/regions.ts';
import type { ResidueTotal } from '../domain/residues.ts';
import { compareScenario, type ScenarioComparison } from '../domain/scenario-comparison.ts';
import { checkFeeds, type FeedCheck, type RegionSupply } from '../domain/scenario-feeds.ts';
import { type Library, runScenario, type Scenario, type ScenarioResult } from '../domain/scenarios.ts';
import { readinessNotes } from '../domain/technologies.ts';
import type { Text } from '../domain/text.ts';
import { type LoadedLibrary, readScenarioFile } from '../ingest/library.ts';
import { scenarioSchema } from '../ingest/schemas.ts';
import {
  deleteScenario as deleteStored,
  getScenario as getStored,
  listScenarios as listStored,
  type ScenarioParser,
  type StoredScenario,
  saveScenario as saveStored,
  scenarioIds,
} from '../store/scenarios-repository.ts';
import type { Database } from '../store/schema.ts';
import { issuesAt } from './issues.ts';
import { estimateResiduesFrom } from './residues.ts';
import type { Workspace } from './workspace.ts';

/** A scenario a user gives (a request body): validated with the files' schema, every problem listed. */
export function parseScenario(body: unknown): Scenario {
  const parsed = scenarioSchema.safeParse(body);
  if (!parsed.success) {
    const issues = issuesAt('body', parsed.error.issues);
    throw new AppError('invalid_input', `invalid scenario: ${issues.length} problem(s)`, {
      issues,
      detail: message('scenario_invalid', { problems: issues.length }),
    });
  }
  return parsed.data as Scenario;
}

/** The store's parser: a stored body that is not a scenario is corrupt data, named by its id. */
export const storedScenarioParser: ScenarioParser = (body, id) => {
  const parsed = scenarioSchema.safeParse(body);
  if (!parsed.success) {
    throw new AppError('invalid_data', `stored scenario "${id}" is not a valid scenario`, {
      issues: issuesAt(`scenarios.${id}`, parsed.error.issues),
      detail: message('stored_scenario_invalid', { id }),
    });
  }
  return parsed.data as Scenario;
};

export interface ScenarioListItem {
  id: string;
  name: { nb: string; en: string };
  description: Text | string;
  builtin: boolean;
}

/** Every stored scenario, the built-ins first, then by id. */
export async function listScenarios(ws: Workspace): Promise<{ scenarios: ScenarioListItem[] }> {
  const stored = await listStored(ws.store.db, storedScenarioParser);
  return {
    scenarios: stored.map(({ scenario, builtin }) => ({
      id: scenario.id,
      name: scenario.name,
      description: scenario.description,
      builtin,
    })),
  };
}

async function unknownScenario(ws: Workspace, id: string, extra = ''): Promise<AppError> {
  const ids = await scenarioIds(ws.store.db);
  return new AppError('unknown_scenario', `unknown scenario "${id}"${extra}; scenarios: ${ids.join(', ')}`, {
    detail: message('unknown_scenario', { id, known: ids }),
  });
}

/** One stored scenario (a built-in or a user's), as stored. */
export async function getScenario(ws: Workspace, id: string): Promise<Scenario> {
  const found = await getStored(ws.store.db, id, storedScenarioParser);
  if (!found) throw await unknownScenario(ws, id);
  return found.scenario;
}

/**
 * Stores a user's scenario under `id`: the body is validated, its id must be `id`, and a scenario
 * that cannot run on the library is refused before anything is written. A built-in id is a conflict.
 */
export async function saveScenario(ws: Workspace, id: string, body: unknown): Promise<Scenario> {
  const scenario = parseScenario(body);
  if (scenario.id !== id)
    throw new AppError('invalid_input', `the body's id "${scenario.id}" differs from the path's "${id}"`, {
      issues: [
        {
          path: 'body.id',
          message: `differs from the path's "${id}"`,
          detail: message('body_id_differs', { id: scenario.id, addressed: id }),
        },
      ],
      detail: message('body_id_differs', { id: scenario.id, addressed: id }),
    });
  runScenario(scenario, ws.library);
  await saveStored(ws.store.db, scenario, ws.clock.now().toISOString());
  return scenario;
}

/** Deletes a user's scenario; an unknown id is `unknown_scenario`, a built-in a conflict. */
export async function deleteScenario(ws: Workspace, id: string): Promise<{ deleted: string }> {
  if (!(await deleteStored(ws.store.db, id))) throw await unknownScenario(ws, id);
  return { deleted: id };
}

/** What to run: a stored scenario by id, a scenario given in full, or a scenario file (the CLI's). */
export type ScenarioRequest = { id: string } | { scenario: unknown } | { idOrFile: string };

export interface ScenarioRun {
  scenario: Scenario;
  /** The run as the scenario states it (its overrides). */
  result: ScenarioResult;
  /** The run as stated and from the library, line by line. */
  comparison: ScenarioComparison;
  feedCheck: FeedCheckAnswer;
  /** The technologies it uses below MATURE_TRL, each as a message. */
  readiness: Message[];
}

async function resolve(ws: Workspace, request: ScenarioRequest): Promise<Scenario> {
  if ('scenario' in request) return parseScenario(request.scenario);
  if ('id' in request) return getScenario(ws, request.id);
  const stored = await getStored(ws.store.db, request.idOrFile, storedScenarioParser);
  if (stored) return stored.scenario;
  if (existsSync(request.idOrFile)) return readScenarioFile(request.idOrFile);
  throw await unknownScenario(ws, request.idOrFile, ' (no stored scenario and no such file)');
}

/** The region a scenario's feed is checked against: the reference region and the report's profile by default. */
export interface FeedRegionRequest {
  region?: string | undefined;
  profile?: string | undefined;
}

export const DEFAULT_FEED_REGION = 'gjovik-hadeland-ringerike';
export const DEFAULT_FEED_PROFILE = 'report';

/** The region's estimate of every kind, as the feed check reads it (kinds with missing statistics are incomplete). */
export function regionSupply(
  estimate: { region: string; profile: string; totals: ResidueTotal[]; missing: { kind: string }[] },
  regionName: string,
): RegionSupply {
  return {
    region: estimate.region,
    regionName,
    profile: estimate.profile,
    totals: estimate.totals,
    incomplete: [...new Set(estimate.missing.map((m) => m.kind))],
  };
}

/** Each input of both runs against the region's estimate (the library's run: empty when it fails). */
export interface FeedCheckAnswer {
  region: string;
  profile: string;
  asStated: FeedCheck[];
  fromLibrary: FeedCheck[];
}

/** A scenario as stated and from the library, and both runs' feeds against the region. */
export function scenarioTwice(
  scenario: Scenario,
  library: Library,
  supply: RegionSupply,
): { comparison: ScenarioComparison; feedCheck: FeedCheckAnswer } {
  const comparison = compareScenario(scenario, library);
  return {
    comparison,
    feedCheck: {
      region: supply.region,
      profile: supply.profile,
      asStated: checkFeeds(comparison.asStated, library, supply),
      fromLibrary: comparison.fromLibrary.ok
        ? checkFeeds(comparison.fromLibrary.result, library, supply)
        : [],
    },
  };
}

async function supplyOf(ws: Workspace, feed: FeedRegionRequest): Promise<RegionSupply> {
  const data = await ws.reference();
  const { answer } = estimateResiduesFrom(data, ws.random, {
    region: feed.region ?? DEFAULT_FEED_REGION,
    profile: feed.profile ?? DEFAULT_FEED_PROFILE,
  });
  return regionSupply(answer, findRegion(data.regions, answer.region).name);
}

/**
 * Runs a scenario on the workspace's library: products, value, CO2e, costs and the mass balance; the
 * same run from the library alone, line by line with the causes of each difference; and its feed
 * against the region's estimate.
 */
export async function runScenarioRequest(
  ws: Workspace,
  request: ScenarioRequest,
  feed: FeedRegionRequest = {},
): Promise<ScenarioRun> {
  const scenario = await resolve(ws, request);
  const twice = scenarioTwice(scenario, ws.library, await supplyOf(ws, feed));
  const readiness = readinessNotes(
    ws.library.technologies,
    scenario.steps.map((s) => s.technology),
  );
  return { scenario, result: twice.comparison.asStated, ...twice, readiness };
}

export interface ScenarioOutcome {
  scenario: Scenario;
  builtin: boolean;
  /** The result, or why the scenario does not run (a user's scenario on a changed library). */
  outcome:
    | { ok: true; result: ScenarioResult; comparison?: ScenarioComparison; feedCheck?: FeedCheckAnswer }
    /** `reason` in English; `detail`, when the failure has a code, in the reader's language. */
    | { ok: false; reason: string; detail?: Message };
}

/**
 * Every scenario run, for the report: the library's built-ins, then the users' own in the store (none
 * without a store). One that fails says why; the rest still run.
 */
export async function runAllScenarios(
  library: LoadedLibrary,
  db?: Kysely<Database>,
  /** With the region's estimate, each run also from the library and its feed checked. */
  supply?: RegionSupply,
): Promise<ScenarioOutcome[]> {
  const users: StoredScenario[] = db ? await listStored(db, storedScenarioParser, { builtin: false }) : [];
  const all = [
    ...library.scenarios.map((scenario) => ({ scenario, builtin: true })),
    ...users.map(({ scenario }) => ({ scenario, builtin: false })),
  ];
  return all.map(({ scenario, builtin }): ScenarioOutcome => {
    try {
      if (!supply)
        return { scenario, builtin, outcome: { ok: true, result: runScenario(scenario, library) } };
      const twice = scenarioTwice(scenario, library, supply);
      return { scenario, builtin, outcome: { ok: true, result: twice.comparison.asStated, ...twice } };
    } catch (e) {
      const detail = e instanceof AppError ? e.detail : undefined;
      return {
        scenario,
        builtin,
        outcome: { ok: false, reason: (e as Error).message, ...(detail ? { detail } : {}) },
      };
    }
  });
}
