/** The audit log: who did what, when and from where (accounts now; listings and matches later). */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface AuditEntry {
  action: string;
  userId: string | null;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

export async function writeAudit(db: Kysely<Database>, at: string, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      at,
      action: e.action,
      user_id: e.userId,
      target: e.target,
      ip: e.ip,
      detail_json: e.detail ? JSON.stringify(e.detail) : null,
    })
    .execute();
}

/** Newest first. */
export async function readAudit(
  db: Kysely<Database>,
  filter: { userId?: string; limit?: number } = {},
): Promise<(AuditEntry & { at: string })[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.userId) q = q.where('user_id', '=', filter.userId);
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    action: r.action,
    userId: r.user_id,
    target: r.target,
    ip: r.ip,
    detail: r.detail_json ? (JSON.parse(r.detail_json) as Record<string, unknown>) : null,
  }));
}
