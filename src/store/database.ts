/**
 * Opens the store: SQLite through better-sqlite3 (a file, `RESTVERDI_DB` when set) by default, or
 * PostgreSQL when a `DATABASE_URL` is given. Migrations run on open; the migrator reports a result per
 * migration and never throws half-way.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import { migrationProvider } from './migrations.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for messages (a file path or a URL without its password). */
  location: string;
  /** The PostgreSQL schema, when not `public`. */
  schema?: string;
  /** The better-sqlite3 connection under `db` (SQLite only), for bulk writes with prepared statements. */
  sqlite?: SQLite.Database;
  close: () => Promise<void>;
}

export const DEFAULT_SQLITE_FILE = fileURLToPath(new URL('../../restverdi.sqlite', import.meta.url));

export interface StoreOptions {
  /** postgres://… (PostgreSQL); takes precedence over `file`. */
  databaseUrl?: string;
  /** SQLite file, or ':memory:'. */
  file?: string;
  /** PostgreSQL schema to work in (created if missing); `public` when absent. */
  schema?: string;
}

/** The options the environment asks for: DATABASE_URL for PostgreSQL, else RESTVERDI_DB or the default file. */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { file: env.RESTVERDI_DB || DEFAULT_SQLITE_FILE };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export async function openStore(options: StoreOptions): Promise<Store> {
  let store: Store;
  if (options.databaseUrl) {
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
      throw new AppError('invalid_input', `invalid PostgreSQL schema name: ${schema}`, {
        detail: message('schema_name_invalid', { schema }),
      });
    }
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // PostgreSQL returns bigint and numeric as strings; our numbers fit in doubles.
    pg.types.setTypeParser(20, (v) => Number(v));
    pg.types.setTypeParser(1700, (v) => Number(v));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    if (schema) await db.schema.createSchema(schema).ifNotExists().execute();
    store = {
      db,
      dialect: 'postgres',
      location: redact(options.databaseUrl),
      close: () => db.destroy(),
      ...(schema ? { schema } : {}),
    };
  } else {
    const file = options.file ?? DEFAULT_SQLITE_FILE;
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    store = { db, dialect: 'sqlite', location: file, sqlite, close: () => db.destroy() };
  }
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

export async function migrate(store: Store): Promise<void> {
  // Kysely looks for its migration tables across schemas; name ours so parallel schemas never meet.
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider,
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new AppError(
      'invalid_data',
      `migration ${failed?.migrationName ?? '(unknown)'} failed on ${store.dialect} ${store.location}: ${(error as Error).message}`,
      {
        cause: error,
        detail: message('migration_failed', {
          migration: failed?.migrationName ?? '?',
          dialect: store.dialect,
          location: store.location,
          error: (error as Error).message,
        }),
      },
    );
  }
}
