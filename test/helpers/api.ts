/**
 * The API under test: a store of the given dialect, the server state with a fixed clock, a silent
 * logger, and `app.request` (no port). Shared by test/api.test.ts and test/api-hostile.test.ts.
 */
import pino from 'pino';
import { expect } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { createServerState } from '../../src/server/state.ts';
import type { Dialect } from '../../src/store/database.ts';
import { openTestStore, type TestStore } from './stores.ts';

export const NOW = '2026-11-28T12:00:00.000Z';
export const REGION = 'gjovik-hadeland-ringerike';
export const RESIDUES = `/api/regions/${REGION}/residues`;
export const JSON_HEADERS = { 'content-type': 'application/json' };

export interface TestApi {
  store: TestStore;
  app: ReturnType<typeof createApp>;
  request: (path: string, init?: RequestInit) => Promise<Response>;
}

export async function openTestApi(dialect: Dialect): Promise<TestApi> {
  const store = await openTestStore(dialect);
  const state = await createServerState(store, { clock: { now: () => new Date(NOW) } });
  const app = createApp(state, pino({ level: 'silent' }));
  return { store, app, request: async (path, init) => app.request(path, init) };
}

export function jsonInit(method: string, body: unknown): RequestInit {
  return { method, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

export interface ErrorBody {
  code: string;
  message: string;
  issues: { path: string; message: string }[];
}

/**
 * Asserts the one error shape, `{ error: { code, message, issues: [{ path, message }] } }`, with the
 * given status and code, and returns the error for further checks.
 */
export async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  const text = await res.text();
  expect(res.status, text.slice(0, 500)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error: ErrorBody };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'issues', 'message']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(Array.isArray(body.error.issues)).toBe(true);
  for (const issue of body.error.issues) {
    expect(Object.keys(issue).sort()).toEqual(['message', 'path']);
    expect(typeof issue.path).toBe('string');
    expect(issue.path.length).toBeGreaterThan(0);
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
  }
  return body.error;
}

export async function okJson<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text.slice(0, 500)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return JSON.parse(text) as T;
}

/** A minimal posted scenario: manure to biogas. */
export function manureScenario(id = 'mine-biogas', technology = 'anaerobic-digestion') {
  return {
    id,
    name: { nb: 'Husdyrgjødsel til biogass', en: 'Manure to biogas' },
    description: 'A thousand tonnes of manure digested.',
    inputs: [{ stream: 'husdyrgjodsel', tonnes: 1000, basis: 'wet' }],
    steps: [{ id: 'ad', technology, input: 'husdyrgjodsel' }],
  };
}
