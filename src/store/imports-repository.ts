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

/**
 * The log of the newest import of `kind` that read `file`, as catalogue messages: lines whose position
 * is the file or a line of it (`file:123`).
 */
export async function latestLogOfFile(db: Db, kind: string, file: string): Promise<Message[]> {
  const latest = await db
    .selectFrom('import_log')
    .innerJoin('imports', 'imports.id', 'import_log.import_id')
    .select((eb) => eb.fn.max('import_log.import_id').as('id'))
    .where('imports.kind', '=', kind)
    .where('imports.status', '=', 'done')
    .where((eb) =>
      eb.or([eb('import_log.position', '=', file), eb('import_log.position', 'like', `${file}:%`)]),
    )
    .executeTakeFirst();
  if (latest?.id === undefined || latest.id === null) return [];
  const rows = await db
    .selectFrom('import_log')
    .select(['detail_json'])
    .where('import_id', '=', Number(latest.id))
    .where((eb) => eb.or([eb('position', '=', file), eb('position', 'like', `${file}:%`)]))
    .orderBy('seq')
    .execute();
  return rows.flatMap((r) => (r.detail_json ? [JSON.parse(r.detail_json) as Message] : []));
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
