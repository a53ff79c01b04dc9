/**
 * The API under test: a store of the given dialect, the server state with a fixed clock, a silent
 * logger, and `app.request` (no port). Shared by the route tests beside src/server's features
 * (src/server/<feature>/*.test.ts, app, docs, serve): opening and closing the API, reading its answers
 * (JSON, CSV, XLSX, the one error shape), and the hostile-input corpus's runner.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { createServerState } from '../../src/server/state.ts';
import type { Dialect } from '../../src/store/database.ts';
import { openTestStore, type TestStore } from './stores.ts';

export const NOW = '2026-11-28T12:00:00.000Z';
export const REGION = 'gjovik-hadeland-ringerike';
export const RESIDUES = `/api/regions/${REGION}/residues`;
export const JSON_HEADERS = { 'content-type': 'application/json' };
/** The built-in region's twelve municipalities, in its order. */
export const TWELVE = [
  '3407',
  '3442',
  '3443',
  '3447',
  '3448',
  '3446',
  '3236',
  '3234',
  '3305',
  '3310',
  '3318',
  '3316',
];

export interface TestApi {
  store: TestStore;
  app: ReturnType<typeof createApp>;
  request: (path: string, init?: RequestInit) => Promise<Response>;
  get: (path: string) => Promise<Response>;
}

export async function openTestApi(dialect: Dialect): Promise<TestApi> {
  const store = await openTestStore(dialect);
  const state = await createServerState(store, { clock: { now: () => new Date(NOW) } });
  const app = createApp(state, pino({ level: 'silent' }));
  const request = async (path: string, init?: RequestInit) => app.request(path, init);
  return { store, app, request, get: (path) => request(path) };
}

/**
 * A test API for the enclosing suite: opened (then `prepare`d) before its tests, disposed of after
 * them. The handle may be taken at collection time and used inside the tests.
 */
export function useTestApi(dialect: Dialect, prepare?: (api: TestApi) => Promise<void>): TestApi {
  let opened: TestApi | undefined;
  beforeAll(async () => {
    opened = await openTestApi(dialect);
    await prepare?.(opened);
  });
  afterAll(async () => {
    await opened?.store.dispose();
  });
  const current = () => {
    if (!opened) throw new Error('the test API is opened in beforeAll');
    return opened;
  };
  return {
    get store() {
      return current().store;
    },
    get app() {
      return current().app;
    },
    request: (path, init) => current().request(path, init),
    get: (path) => current().request(path),
  };
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

/** The lines of a CSV export, after checking its status, type and attachment name. */
export async function okCsv(res: Response): Promise<string[]> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n');
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The sheets of an XLSX export (name, header row, number of data rows), after checking the response. */
export async function xlsxSheets(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX);
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.xlsx"$/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(String.fromCharCode(bytes[0] as number, bytes[1] as number)).toBe('PK');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer as ArrayBuffer);
  return book.worksheets.map((ws) => ({
    name: ws.name,
    header: (ws.getRow(1).values as unknown[]).slice(1),
    rows: ws.rowCount - 1,
  }));
}

/** The report's residue table, tonnes wet for the twelve municipalities (data/sources/seed). */
export const reportTotals = Object.entries(
  JSON.parse(readFileSync(new URL('../../data/sources/seed/reference-region.json', import.meta.url), 'utf8'))
    .residues_tonnes_wet_region_total as Record<string, unknown>,
).filter((e): e is [string, number] => typeof e[1] === 'number' && e[0] !== 'total_reported');

export interface Totals {
  kind: string;
  tonnesWet: number;
  tonnesDm: number;
  p10?: number;
  p50?: number;
  p90?: number;
}

/** The answer of GET /api/regions/:id/residues. */
export interface Residues {
  region: string;
  profile: string;
  municipalities: string[];
  uncertainty?: { draws: number; seed: number };
  rows: (Totals & { municipality: string })[];
  totals: Totals[];
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

// The hostile-input corpus: each feature's cases are in its hostile test file; the runner is here.

export const SQL = "'; drop table regions; --";
export const SQL_OR = '1 OR 1=1';
export const SCRIPT = '<script>alert(1)</script>';
export const enc = encodeURIComponent;
/** A region and a scenario of a user, so that PUT and DELETE have something to damage. */
export const TARGET = 'hostile-target';

/** One malformed or hostile request and the 4xx it must get. */
export interface HostileCase {
  name: string;
  path: string;
  method?: string;
  /** Sent as JSON with Content-Type application/json. */
  json?: unknown;
  /** Sent as is, with Content-Type application/json unless `contentType` says otherwise. */
  raw?: string | Uint8Array | (() => ReadableStream<Uint8Array>);
  /** null: no Content-Type header. */
  contentType?: string | null;
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415;
  code: string;
  /** Issue paths the answer must list (json./body. prefixes removed). */
  issues?: string[];
}

/** The manure scenario, changed by `patch`. */
export const scenarioWith = (patch: (s: Record<string, unknown>) => void = () => {}, id = 'hostile-run') => {
  const s = manureScenario(id) as unknown as Record<string, unknown>;
  patch(s);
  return s;
};
/** The manure scenario with `extra` fields in its step. */
export const stepWith = (extra: Record<string, unknown>) =>
  scenarioWith((s) => {
    s.steps = [{ ...(s.steps as Record<string, unknown>[])[0], ...extra }];
  });
/** The manure scenario with `extra` fields in its input. */
export const inputWith = (extra: Record<string, unknown>) =>
  scenarioWith((s) => {
    s.inputs = [{ ...(s.inputs as Record<string, unknown>[])[0], ...extra }];
  });
/** A new one-municipality region with `extra` fields. */
export const regionWith = (extra: Record<string, unknown>) => ({
  id: 'hostile-new',
  name: 'Ny',
  municipalities: ['3407'],
  ...extra,
});

function requestInit(c: HostileCase): RequestInit {
  const init: RequestInit & { duplex?: 'half' } = { method: c.method ?? 'GET' };
  const headers: Record<string, string> = {};
  if (c.json !== undefined) {
    init.body = JSON.stringify(c.json);
    Object.assign(headers, JSON_HEADERS);
  } else if (c.raw !== undefined) {
    init.body = typeof c.raw === 'function' ? c.raw() : c.raw;
    if (typeof c.raw === 'function') init.duplex = 'half';
    if (c.contentType !== null) headers['content-type'] = c.contentType ?? 'application/json';
  }
  init.headers = headers;
  return init;
}

/** What a failed request must not change. */
async function snapshot(api: TestApi) {
  const db = api.store.db;
  return {
    regions: await db.selectFrom('regions').selectAll().orderBy('id').execute(),
    members: await db
      .selectFrom('region_members')
      .selectAll()
      .orderBy('region_id')
      .orderBy('municipality')
      .execute(),
    scenarios: await db.selectFrom('scenarios').selectAll().orderBy('id').execute(),
    listings: await db.selectFrom('listings').selectAll().orderBy('id').execute(),
    matches: await db.selectFrom('matches').selectAll().orderBy('id').execute(),
    ledger: await db.selectFrom('ledger_records').selectAll().orderBy('id').execute(),
    residues: await (await api.request(RESIDUES)).text(),
    target: await (await api.request(`/api/regions/${TARGET}/residues`)).text(),
  };
}

export interface HostileApi {
  /** The API under attack, with the user's region and scenario TARGET. */
  api: TestApi;
  /** One test per case: a 4xx with the error shape (never a 500, never internals), and nothing changed. */
  rejects: (cases: HostileCase[]) => void;
  /** Fails when the tables or the residue answers differ from what they were after the setup. */
  expectUnchanged: () => Promise<void>;
}

/**
 * A test API for the enclosing suite with a user region and scenario (TARGET) to damage, and what a
 * hostile request must leave as it was.
 */
export function useHostileApi(dialect: Dialect): HostileApi {
  let before: Awaited<ReturnType<typeof snapshot>>;
  const api = useTestApi(dialect, async (opened) => {
    const r = await opened.request(
      '/api/regions',
      jsonInit('POST', { id: TARGET, name: 'Mål', municipalities: ['3442', '3443'] }),
    );
    expect(r.status).toBe(201);
    const s = await opened.request(`/api/scenarios/${TARGET}`, jsonInit('PUT', manureScenario(TARGET)));
    expect(s.status).toBe(200);
    before = await snapshot(opened);
    expect(JSON.parse(before.residues).totals.length).toBeGreaterThan(0);
    expect(before.scenarios.map((x) => x.id)).toContain(TARGET);
  });
  const expectUnchanged = async () => expect(await snapshot(api)).toEqual(before);
  const rejects = (cases: HostileCase[]) => {
    const names = cases.map((c) => c.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length > 0) throw new Error(`hostile cases named twice: ${twice.join(', ')}`);
    it.each(cases)('$name → $status $code, and changes nothing', async (c) => {
      const res = await api.request(c.path, requestInit(c));
      expect(res.status, c.name).toBeLessThan(500);
      const text = await res.clone().text();
      // Never the contents of a file outside the assets, never internals.
      expect(text).not.toContain('"devDependencies"');
      expect(text).not.toMatch(/node_modules|\n\s+at |SQLITE_|syntax error|relation "/i);
      const error = await expectError(res, c.status, c.code);
      if (c.issues) {
        const paths = error.issues.map((i) => i.path.replace(/^(json|body)\./, ''));
        for (const p of c.issues) expect(paths, c.name).toContain(p);
      }
      await expectUnchanged();
    });
  };
  return { api, rejects, expectUnchanged };
}
