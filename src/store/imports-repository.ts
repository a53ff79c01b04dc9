/** The record of every import (kind, file, status, counts) and its log, newest first. */
import type { Kysely, Transaction } from 'kysely';
import type { Message } from '../domain/message.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ImportRecord {
  id: number;
  kind: string;
  file: string | null;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, unknown> | null;
  message: string | null;
}

/** A type, not an interface, so entries render as records (CSV). */
export type ImportLogEntry = {
  seq: number;
  level: string;
  position: string | null;
  message: string;
  /** The line as a catalogue message; absent on lines written before migration 003. */
  detail?: Message;
};

export async function listImports(db: Db, limit: number): Promise<ImportRecord[]> {
  const rows = await db.selectFrom('imports').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toRecord);
}

export async function findImport(db: Db, id: number): Promise<ImportRecord | undefined> {
  const row = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function importLog(db: Db, id: number, limit: number): Promise<ImportLogEntry[]> {
  const rows = await db
    .selectFrom('import_log')
    .select(['seq', 'level', 'position', 'message', 'detail_json'])
    .where('import_id', '=', id)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(({ detail_json, ...line }) =>
    detail_json ? { ...line, detail: JSON.parse(detail_json) as Message } : line,
  );
}

function toRecord(r: Database['imports']): ImportRecord {
  return {
    id: r.id,
    kind: r.kind,
    file: r.file,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counts: r.counts_json ? (JSON.parse(r.counts_json) as Record<string, unknown>) : null,
    message: r.message,
  };
}
