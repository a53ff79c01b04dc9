/**
 * What companies and facilitators say about an actor: confirmed or corrected streams, and technical
 * roles added or taken away. One row per (actor, kind, direction) and per (actor, role); saying it
 * again replaces it, in one transaction with its check.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface StreamClaim {
  orgnr: string;
  kind: string;
  direction: 'holds' | 'uses';
  tonnes: number | null;
  low: number | null;
  high: number | null;
  municipality: string | null;
  note: string | null;
  claimedBy: string;
  claimedAt: string;
}

export interface RoleClaim {
  orgnr: string;
  role: string;
  present: boolean;
  note: string | null;
  claimedBy: string;
  claimedAt: string;
}

export async function saveStreamClaim(db: Db, c: StreamClaim): Promise<void> {
  const row = {
    orgnr: c.orgnr,
    kind: c.kind,
    direction: c.direction,
    tonnes: c.tonnes,
    low: c.low,
    high: c.high,
    municipality: c.municipality,
    note: c.note,
    claimed_by: c.claimedBy,
    claimed_at: c.claimedAt,
  };
  await db
    .insertInto('actor_stream_claims')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['orgnr', 'kind', 'direction']).doUpdateSet({
        tonnes: row.tonnes,
        low: row.low,
        high: row.high,
        municipality: row.municipality,
        note: row.note,
        claimed_by: row.claimed_by,
        claimed_at: row.claimed_at,
      }),
    )
    .execute();
}

/** Removes a claim; returns whether there was one. */
export async function removeStreamClaim(
  db: Db,
  key: Pick<StreamClaim, 'orgnr' | 'kind' | 'direction'>,
): Promise<boolean> {
  const r = await db
    .deleteFrom('actor_stream_claims')
    .where('orgnr', '=', key.orgnr)
    .where('kind', '=', key.kind)
    .where('direction', '=', key.direction)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function saveRoleClaim(db: Db, c: RoleClaim): Promise<void> {
  const row = {
    orgnr: c.orgnr,
    role: c.role,
    present: c.present ? 1 : 0,
    note: c.note,
    claimed_by: c.claimedBy,
    claimed_at: c.claimedAt,
  };
  await db
    .insertInto('actor_role_claims')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['orgnr', 'role']).doUpdateSet({
        present: row.present,
        note: row.note,
        claimed_by: row.claimed_by,
        claimed_at: row.claimed_at,
      }),
    )
    .execute();
}

/** Stream claims, for some actors or for one kind (all when neither is given). */
export async function listStreamClaims(
  db: Db,
  filter: { orgnrs?: readonly string[]; kind?: string },
): Promise<StreamClaim[]> {
  let q = db.selectFrom('actor_stream_claims').selectAll();
  if (filter.orgnrs) {
    if (filter.orgnrs.length === 0) return [];
    q = q.where('orgnr', 'in', [...filter.orgnrs]);
  }
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q.orderBy('orgnr').orderBy('kind').orderBy('direction').execute();
  return rows.map((r) => ({
    orgnr: r.orgnr,
    kind: r.kind,
    direction: r.direction === 'uses' ? 'uses' : 'holds',
    tonnes: r.tonnes,
    low: r.low,
    high: r.high,
    municipality: r.municipality,
    note: r.note,
    claimedBy: r.claimed_by,
    claimedAt: r.claimed_at,
  }));
}

export async function listRoleClaims(db: Db, orgnrs?: readonly string[]): Promise<RoleClaim[]> {
  let q = db.selectFrom('actor_role_claims').selectAll();
  if (orgnrs) {
    if (orgnrs.length === 0) return [];
    q = q.where('orgnr', 'in', [...orgnrs]);
  }
  const rows = await q.orderBy('orgnr').orderBy('role').execute();
  return rows.map((r) => ({
    orgnr: r.orgnr,
    role: r.role,
    present: r.present === 1,
    note: r.note,
    claimedBy: r.claimed_by,
    claimedAt: r.claimed_at,
  }));
}
