/**
 * Imports, one function each, for the CLI and the API alike: Enhetsregisteret (bulk files, a search
 * pull, the update feed), roundwood harvest, Landbruksdirektoratet's farm files and SSB tables. Every
 * import parses and checks all its input first and writes in one transaction (bad input changes
 * nothing), then invalidates the workspace so the next estimate counts it.
 */
import { createSectorClassifier } from '../domain/actors.ts';
import { AppError } from '../domain/errors.ts';
import type { ImportLogLine, PreparedImport } from '../domain/imports.ts';
import { message } from '../domain/message.ts';
import { resolveMunicipality } from '../domain/municipalities.ts';
import type { BulkProgress, BulkSource } from '../ingest/brreg-bulk.ts';
import { createBrregClient, DEFAULT_BRREG_URL } from '../ingest/brreg-client.ts';
import { type BrregImportResult, importBrregBulk } from '../ingest/brreg-import.ts';
import { type FeedResult, type PullResult, pullBrregSearch, updateFromFeed } from '../ingest/brreg-sync.ts';
import { buildSsbQuery, fetchSsb, findSsbTable, parseSsbResponse } from '../ingest/ssb.ts';
import {
  type ImportInput,
  prepareAvvirkningImport,
  prepareLandbrukImport,
  prepareSsbImport,
} from '../ingest/statistics-import.ts';
import { openActorImport } from '../store/actors-repository.ts';
import type { ImportLogEntry, ImportRecord } from '../store/imports-repository.ts';
import * as imports from '../store/imports-repository.ts';
import { type ImportResult, writeImport } from '../store/statistics-repository.ts';
import type { Workspace } from './workspace.ts';

export type { ImportInput, ImportLogEntry, ImportRecord };

/** What a statistics import wrote: its id, the datasets, one summary per file and the log. */
export interface StatisticsImportAnswer {
  importId: number;
  kind: string;
  datasets: ImportResult['datasets'];
  summary: Record<string, unknown>[];
  log: ImportLogLine[];
}

/** The update feed should start a little before the bulk file was made (the API's guide: a day). */
const FEED_MARGIN_MS = 86_400_000;

/** Writes prepared datasets as one import (one transaction) and invalidates the workspace. */
export async function writeStatistics(
  ws: Workspace,
  prepared: PreparedImport,
): Promise<StatisticsImportAnswer> {
  const result = await writeImport(ws.store.db, {
    kind: prepared.kind,
    files: prepared.files,
    datasets: prepared.datasets,
    log: prepared.log,
    now: ws.clock.now().toISOString(),
  });
  ws.invalidate();
  return {
    importId: result.importId,
    kind: prepared.kind,
    datasets: result.datasets,
    summary: prepared.summary,
    log: prepared.log,
  };
}

/** Landbruksdirektoratet's "Kommunevis avvirkning" files (xlsx or CSV) as datasets avvirkning-<year>. */
export async function importHarvest(ws: Workspace, files: ImportInput[]): Promise<StatisticsImportAnswer> {
  const { registry } = await ws.reference();
  return writeStatistics(ws, await prepareAvvirkningImport(files, registry));
}

export interface FarmFilesRequest {
  /** For files without a year column or a year in the name. */
  year?: number;
  /** Marks the data as partial (files named *sample* are marked anyway). */
  partial?: string;
}

/** Landbruksdirektoratet's farm-level files (produksjonstilskudd, leveransedata korn/melk/slakt). */
export async function importFarmFiles(
  ws: Workspace,
  files: ImportInput[],
  request: FarmFilesRequest = {},
): Promise<StatisticsImportAnswer> {
  const { registry } = await ws.reference();
  const prepared = await prepareLandbrukImport(files, {
    registry,
    mapping: ws.files.landbrukMapping(),
    livestock: ws.files.livestockMapping(),
    ...(request.year === undefined ? {} : { year: request.year }),
    ...(request.partial ? { partial: request.partial } : {}),
  });
  return writeStatistics(ws, prepared);
}

export interface SsbRequest {
  /** A table of data/ssb/tables.json, e.g. 03895. */
  table: string;
  /** Default: the newest period. */
  year?: number;
  /** Default: all; old numbers are mapped. */
  municipalities?: string[];
  /** Default: data/ssb/tables.json's. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** One table from SSB's PxWebApi, as datasets ssb-<table>-<year>. */
export async function importSsbTable(ws: Workspace, request: SsbRequest): Promise<StatisticsImportAnswer> {
  const { registry } = await ws.reference();
  const tables = ws.files.ssbTables();
  const table = findSsbTable(tables, request.table);
  const municipalities = request.municipalities?.map((raw) => {
    const r = resolveMunicipality(registry, raw);
    if (!r.ok)
      throw new AppError('unknown_municipality', `municipalities: ${raw}: ${r.reason}`, {
        detail: r.detail ?? message('municipality_unknown', { municipality: raw }),
      });
    return r.number;
  });
  const url = `${(request.baseUrl ?? tables.baseUrl).replace(/\/+$/, '')}${table.path}`;
  const query = buildSsbQuery(table, {
    ...(request.year === undefined ? {} : { year: request.year }),
    ...(municipalities ? { municipalities } : {}),
  });
  const retrievedAt = ws.clock.now().toISOString();
  const json = await fetchSsb(url, query, request.fetch);
  const parsed = parseSsbResponse(json, table, { registry, source: `SSB ${request.table}` });
  return writeStatistics(
    ws,
    prepareSsbImport(parsed, {
      table: request.table,
      api: table.api,
      url,
      query,
      retrievedAt,
      ...(municipalities ? { municipalities } : {}),
    }),
  );
}

function classifier(ws: Workspace) {
  return createSectorClassifier(ws.files.sectors());
}

/**
 * Enhetsregisteret's bulk files (enheter and/or underenheter; gzip JSON or CSV, files or streams) in
 * one transaction, through the store's fast path for a million rows (src/store/actors-repository.ts).
 */
export async function importRegisterBulk(
  ws: Workspace,
  sources: BulkSource[],
  options: { onProgress?: (p: BulkProgress) => void } = {},
): Promise<BrregImportResult> {
  if (sources.length === 0)
    throw new AppError(
      'invalid_input',
      'give the legal units (enheter) and/or establishments (underenheter)',
      { detail: message('register_files_missing', {}) },
    );
  const { registry } = await ws.reference();
  const now = ws.clock.now();
  const result = await importBrregBulk(openActorImport(ws.store, now.toISOString()), sources, {
    registry,
    classify: classifier(ws),
    feedSince: new Date(now.getTime() - FEED_MARGIN_MS).toISOString(),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  ws.invalidate();
  return result;
}

export interface RegisterPullRequest {
  /** Today's number. */
  municipality: string;
  /** NACE codes or prefixes. */
  nace?: string[];
  /** Organisation forms (AS, ENK …). */
  forms?: string[];
  /** Default: data.brreg.no. */
  baseUrl?: string;
}

/** One municipality's units from Enhetsregisteret's search API. */
export async function pullRegister(ws: Workspace, request: RegisterPullRequest): Promise<PullResult> {
  const { registry } = await ws.reference();
  if (!registry.municipalities.has(request.municipality))
    throw new AppError(
      'unknown_municipality',
      `unknown municipality ${request.municipality} (today’s numbers)`,
      { detail: message('municipality_unknown', { municipality: request.municipality }) },
    );
  const now = ws.clock.now().toISOString();
  const result = await pullBrregSearch(
    createBrregClient({ baseUrl: request.baseUrl ?? DEFAULT_BRREG_URL }),
    openActorImport(ws.store, now),
    {
      municipality: request.municipality,
      ...(request.nace ? { nace: request.nace } : {}),
      ...(request.forms ? { forms: request.forms } : {}),
      registry,
      classify: classifier(ws),
      now,
    },
  );
  ws.invalidate();
  return result;
}

/** Enhetsregisteret's update feed since the stored position (or `since`, an ISO time). */
export async function updateRegister(
  ws: Workspace,
  request: { since?: string; baseUrl?: string } = {},
): Promise<FeedResult> {
  const { registry } = await ws.reference();
  const now = ws.clock.now().toISOString();
  const result = await updateFromFeed(
    createBrregClient({ baseUrl: request.baseUrl ?? DEFAULT_BRREG_URL }),
    openActorImport(ws.store, now),
    { registry, classify: classifier(ws), now, ...(request.since ? { since: request.since } : {}) },
  );
  ws.invalidate();
  return result;
}

/** The latest imports, newest first. */
export async function listImports(ws: Workspace, limit = 100): Promise<ImportRecord[]> {
  return imports.listImports(ws.store.db, limit);
}

export async function getImport(ws: Workspace, id: number): Promise<ImportRecord> {
  const found = await imports.findImport(ws.store.db, id);
  if (!found)
    throw new AppError('not_found', `no import ${id}`, {
      detail: message('import_not_found', { id: String(id) }),
    });
  return found;
}

/** An import's log (at most `limit` lines). */
export async function getImportLog(ws: Workspace, id: number, limit = 100_000): Promise<ImportLogEntry[]> {
  await getImport(ws, id);
  return imports.importLog(ws.store.db, id, limit);
}
