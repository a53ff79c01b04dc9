/**
 * Biopark designs in the store, versioned: every save is a new version, the latest is the design, and
 * no version is ever changed or deleted. A body is JSON; the caller checks it (the store knows no
 * schemas).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredParkRow {
  id: string;
  version: number;
  name: string;
  body: unknown;
  note: string | null;
  savedAt: string;
}

const toRow = (r: {
  id: string;
  version: number;
  name: string;
  body_json: string;
  note: string | null;
  saved_at: string;
}) => ({
  id: r.id,
  version: Number(r.version),
  name: r.name,
  body: JSON.parse(r.body_json) as unknown,
  note: r.note,
  savedAt: r.saved_at,
});

/** Saves a new version of a design (1 for a new id) and returns its number. */
export async function saveParkVersion(
  db: Db,
  p: { id: string; name: string; body: unknown; note: string | null; savedAt: string },
): Promise<number> {
  const last = await db
    .selectFrom('parks')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('id', '=', p.id)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await db
    .insertInto('parks')
    .values({
      id: p.id,
      version,
      name: p.name,
      body_json: JSON.stringify(p.body),
      note: p.note,
      saved_at: p.savedAt,
    })
    .execute();
  return version;
}

/** A design at a version (the latest when none is given). */
export async function getParkVersion(
  db: Db,
  id: string,
  version?: number,
): Promise<StoredParkRow | undefined> {
  let q = db.selectFrom('parks').selectAll().where('id', '=', id);
  q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
  const row = await q.executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/** Every design at its latest version, by id, with how many versions it has. */
export async function listParkDesigns(
  db: Db,
): Promise<(Omit<StoredParkRow, 'body'> & { versions: number })[]> {
  const rows = await db
    .selectFrom('parks')
    .select(['id', 'version', 'name', 'note', 'saved_at'])
    .orderBy('id')
    .orderBy('version')
    .execute();
  const latest = new Map<string, (typeof rows)[number] & { versions: number }>();
  for (const r of rows) latest.set(r.id, { ...r, versions: (latest.get(r.id)?.versions ?? 0) + 1 });
  return [...latest.values()].map((r) => ({
    id: r.id,
    version: Number(r.version),
    name: r.name,
    note: r.note,
    savedAt: r.saved_at,
    versions: r.versions,
  }));
}
