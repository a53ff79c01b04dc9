/**
 * The account tables: better-auth's (user, session, account, verification, rateLimit), created by
 * better-auth's own migration from the options that shape them. The app's accounts
 * (src/app/accounts.ts) spread the same options, so the tables and the code cannot drift apart.
 */
import { organization } from 'better-auth/plugins';
import type { Kysely } from 'kysely';
import type { Dialect } from './database.ts';

/** Organisations carry the register unit they are (`orgnr`, nine digits with a valid check digit). */
export const ORGANISATION_FIELDS = {
  orgnr: { type: 'string', required: true, unique: true, input: true },
} as const;

/**
 * The options that shape the tables: the same for the app and for the migration that creates them.
 * `organisations` adds what the app's organisation plugin needs beyond the tables (hooks, mail).
 */
export function accountSchemaOptions(
  db: Kysely<unknown>,
  dialect: Dialect,
  organisations: Parameters<typeof organization>[0] = {},
) {
  return {
    database: { db, type: dialect },
    emailAndPassword: { enabled: true },
    rateLimit: { enabled: true, storage: 'database' as const },
    plugins: [
      organization({
        ...organisations,
        schema: { organization: { additionalFields: ORGANISATION_FIELDS } },
      }),
    ],
  };
}

/** Creates better-auth's tables where missing (one call inside a store migration). */
export async function migrateAccounts(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { getMigrations } = await import('better-auth/db/migration');
  const { runMigrations } = await getMigrations(accountSchemaOptions(db, dialect));
  await runMigrations();
}
