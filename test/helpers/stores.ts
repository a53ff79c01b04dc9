/**
 * Runs a suite against every dialect the environment asks for: RESTVERDI_TEST_DIALECTS=sqlite,postgres
 * (default sqlite). PostgreSQL needs TEST_DATABASE_URL (`.ci/postgres.sh start` prints one); each store
 * gets a schema of its own, so test files can run in parallel against one server.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Dialect, openStore, type Store } from '../../src/store/database.ts';

export function testDialects(): Dialect[] {
  const list = (process.env.RESTVERDI_TEST_DIALECTS ?? 'sqlite')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const d of list) {
    if (d !== 'sqlite' && d !== 'postgres')
      throw new Error(`RESTVERDI_TEST_DIALECTS: unknown dialect ${d} (sqlite, postgres)`);
    if (d === 'postgres' && !process.env.TEST_DATABASE_URL) {
      throw new Error(
        'RESTVERDI_TEST_DIALECTS includes postgres but TEST_DATABASE_URL is not set (run .ci/postgres.sh start)',
      );
    }
  }
  return list as Dialect[];
}

export interface TestStore extends Store {
  /** Drops what the test created (the PostgreSQL schema) and closes. */
  dispose: () => Promise<void>;
}

export async function openTestStore(dialect: Dialect): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const store = await openStore({ file: ':memory:' });
    return { ...store, dispose: store.close };
  }
  const base = process.env.TEST_DATABASE_URL as string;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ databaseUrl: base, schema });
  return {
    ...store,
    dispose: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
