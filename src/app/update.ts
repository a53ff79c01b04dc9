/**
 * Keeping current: looks for statistics newer than the store holds at their publishers
 * (Landbruksdirektoratet's open-data repository for the farm and delivery files, SSB's PxWebApi for
 * population), says what it found and what would change, and imports everything found in one
 * transaction (or nothing). The sources are data (data/update/sources.json); tests point the base
 * URLs at a local server that replays recorded responses.
 */
import { AppError } from '../domain/errors.ts';
import type { ImportedDataset, ImportLogLine } from '../domain/imports.ts';
import { type Message, message } from '../domain/message.ts';
import { findObservation, type StatisticsIndex } from '../domain/observations.ts';
import type { Text } from '../domain/text.ts';
import { fillYear } from '../ingest/landbruk.ts';
import type { UpdateSources } from '../ingest/schemas.ts';
import { buildSsbQuery, fetchSsb, findSsbTable, parseSsbResponse } from '../ingest/ssb.ts';
import { prepareLandbrukImport, prepareSsbImport } from '../ingest/statistics-import.ts';

export type { UpdateSources };

import { writeStatistics } from './imports.ts';
import type { Workspace } from './workspace.ts';

export interface UpdateRequest {
  /** Look and compare only; write nothing. */
  dryRun?: boolean;
  /** Default: data/update/sources.json's. */
  landbrukBaseUrl?: string;
  /** Default: data/ssb/tables.json's. */
  ssbBaseUrl?: string;
  /** Default: data/update/sources.json (tests give their own). */
  sources?: UpdateSources;
  fetch?: typeof fetch;
  /** Years past the newest held to try per source (default 2: a year may be published late). */
  lookAhead?: number;
}

export type TryStatus = 'found' | 'none' | 'unreachable';

export interface UpdateCheck {
  source: string;
  title: Text;
  /** The newest year of the source's variable in the store (shipped or imported), or null. */
  latest: number | null;
  tried: { year: number; url: string; status: TryStatus; detail?: Message }[];
}

export interface VariableChange {
  variable: string;
  /** The national total the store holds for the year before, with that year (null: none). */
  before: { year: number; total: number } | null;
  after: number;
  /** Municipalities whose value differs from the year before (or that had none). */
  changed: number;
}

export interface UpdateChange {
  dataset: string;
  year: number;
  municipalities: number;
  variables: VariableChange[];
}

export interface UpdateAnswer {
  dryRun: boolean;
  checked: UpdateCheck[];
  changes: UpdateChange[];
  /** The import, when something was found and this was not a dry run. */
  importId?: number;
  log: ImportLogLine[];
}

const TIMEOUT_MS = 30_000;

/** GET a file: its bytes, or why not (404 and other answers: none newer; no answer: unreachable). */
async function getFile(
  url: string,
  fetchImpl: typeof fetch,
): Promise<{ status: TryStatus; bytes?: Uint8Array; detail?: Message }> {
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    return { status: 'unreachable', detail: message('service_unreachable', { service: 'ldir', url }) };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { status: 'none' };
  }
  return { status: 'found', bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** The newest year of a variable in any municipality, or null. */
function latestYear(index: StatisticsIndex, variable: string): number | null {
  let latest: number | null = null;
  for (const vars of index.byMunicipality.values()) {
    const year = vars.get(variable)?.[0]?.year;
    if (year !== undefined && (latest === null || year > latest)) latest = year;
  }
  return latest;
}

/** What a new dataset changes against the year before it, per variable, nationally. */
function changeOf(imported: ImportedDataset, index: StatisticsIndex): UpdateChange {
  const { dataset, observations } = imported;
  const municipalities = new Set(observations.map((o) => o.municipality));
  const variables = Object.keys(dataset.variables).map((variable): VariableChange => {
    const mine = observations.filter((o) => o.variable === variable);
    let before: VariableChange['before'] = null;
    let changed = 0;
    let total = 0;
    let year: number | undefined;
    for (const o of mine) {
      const old = findObservation(index, o.municipality, variable, dataset.year - 1);
      if (old) {
        total += old.value;
        year = year === undefined ? old.year : Math.max(year, old.year);
      }
      if (!old || old.value !== o.value) changed++;
    }
    if (year !== undefined) before = { year, total };
    return { variable, before, after: mine.reduce((s, o) => s + o.value, 0), changed };
  });
  return { dataset: dataset.id, year: dataset.year, municipalities: municipalities.size, variables };
}

/** Looks for newer files and tables, compares them with the store, and imports them unless `dryRun`. */
export async function updateStatistics(ws: Workspace, request: UpdateRequest = {}): Promise<UpdateAnswer> {
  const sources = request.sources ?? ws.files.updateSources();
  const fetchImpl = request.fetch ?? fetch;
  const ahead = request.lookAhead ?? 2;
  const data = await ws.reference();
  const { registry } = data;
  const checked: UpdateCheck[] = [];
  const datasets: ImportedDataset[] = [];
  const log: ImportLogLine[] = [];
  const files: string[] = [];

  const landbrukBase = (request.landbrukBaseUrl ?? sources.landbruk.baseUrl).replace(/\/+$/, '');
  for (const source of sources.landbruk.datasets) {
    const latest = latestYear(data.statistics, source.variable);
    const check: UpdateCheck = { source: `ldir:${source.id}`, title: source.title, latest, tried: [] };
    checked.push(check);
    for (let year = (latest ?? source.firstYear - 1) + 1, n = 0; n < ahead; year++, n++) {
      const url = `${landbrukBase}/${fillYear(source.path, year)}`;
      const got = await getFile(url, fetchImpl);
      check.tried.push({ year, url, status: got.status, ...(got.detail ? { detail: got.detail } : {}) });
      if (got.status !== 'found' || !got.bytes) break;
      const name = `${source.id}-${year}.csv`;
      const prepared = await prepareLandbrukImport([{ name, bytes: got.bytes }], {
        registry,
        mapping: ws.files.landbrukMapping(),
        livestock: ws.files.livestockMapping(),
        ...(source.yearFromPath ? { year } : {}),
      });
      for (const d of prepared.datasets) d.dataset.source.url = url;
      datasets.push(...prepared.datasets);
      log.push(...prepared.log);
      files.push(url);
    }
  }

  const tables = ws.files.ssbTables();
  const ssbBase = (request.ssbBaseUrl ?? tables.baseUrl).replace(/\/+$/, '');
  for (const source of sources.ssb) {
    const table = findSsbTable(tables, source.table);
    const latest = latestYear(data.statistics, source.variable);
    const check: UpdateCheck = { source: `ssb:${source.table}`, title: source.title, latest, tried: [] };
    checked.push(check);
    for (let year = (latest ?? source.firstYear - 1) + 1, n = 0; n < ahead; year++, n++) {
      const url = `${ssbBase}${table.path}`;
      const query = buildSsbQuery(table, { year });
      let json: unknown;
      try {
        json = await fetchSsb(url, query, (input, init) =>
          fetchImpl(input, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) }),
        );
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const unreachable = e.detail?.code === 'service_unreachable';
        check.tried.push({
          year,
          url,
          status: unreachable ? 'unreachable' : 'none',
          ...(e.detail ? { detail: e.detail } : {}),
        });
        break;
      }
      const parsed = parseSsbResponse(json, table, { registry, source: `SSB ${source.table}` });
      const prepared = prepareSsbImport(parsed, {
        table: source.table,
        api: table.api,
        url,
        query,
        retrievedAt: ws.clock.now().toISOString(),
      });
      // SSB answers with the newest period it has when the year asked for is not there yet.
      const fresh = prepared.datasets.filter((d) => d.dataset.year === year);
      check.tried.push({ year, url, status: fresh.length > 0 ? 'found' : 'none' });
      if (fresh.length === 0) break;
      datasets.push(...fresh);
      log.push(...prepared.log);
      files.push(`${url} (${year})`);
    }
  }

  const changes = datasets.map((d) => changeOf(d, data.statistics));
  if (request.dryRun || datasets.length === 0)
    return { dryRun: request.dryRun ?? false, checked, changes, log };
  const written = await writeStatistics(ws, { kind: 'update', files, datasets, log, summary: [] });
  return { dryRun: false, checked, changes, importId: written.importId, log };
}
