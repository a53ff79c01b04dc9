import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Inserts in chunks so no statement exceeds SQLite's or PostgreSQL's parameter limits. */
export async function insertChunked<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: Database[T][],
  chunk = 200,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await db
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: Kysely's insert typing cannot follow a generic table name.
      .values(rows.slice(i, i + chunk) as any)
      .execute();
  }
}
