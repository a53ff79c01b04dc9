/**
 * The account tables: better-auth's (user, session, account, verification, rateLimit), created by
 * better-auth's own migration from the options that shape them. The app's accounts
 * (src/app/accounts.ts) spread the same options, so the tables and the code cannot drift apart.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from './database.ts';

/** The options that shape the tables: the same for the app and for the migration that creates them. */
export function accountSchemaOptions(db: Kysely<unknown>, dialect: Dialect) {
  return {
    database: { db, type: dialect },
    emailAndPassword: { enabled: true },
    rateLimit: { enabled: true, storage: 'database' as const },
  };
}

/** Creates better-auth's tables where missing (one call inside a store migration). */
export async function migrateAccounts(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { getMigrations } = await import('better-auth/db/migration');
  const { runMigrations } = await getMigrations(accountSchemaOptions(db, dialect));
  await runMigrations();
}
