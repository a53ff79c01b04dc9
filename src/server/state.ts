/**
 * What the API serves from: the store, the reference data read from it (cached, reloaded when a
 * request changes it), and the value-pyramid library from data/.
 */
import { type LoadedLibrary, loadLibrary } from '../ingest/library.ts';
import { DEFAULT_DATA_DIR, loadReferenceData, type ReferenceData } from '../ingest/reference-data.ts';
import type { Store } from '../store/database.ts';
import { loadReferenceDataFromStore, seedReferenceData } from '../store/reference-repository.ts';

export interface Clock {
  now: () => Date;
}

export interface ServerState {
  store: Store;
  dataDir: string;
  clock: Clock;
  library: LoadedLibrary;
  reference: () => Promise<ReferenceData>;
  /** Call after a write that changes reference data (a region, an import). */
  invalidate: () => void;
  /**
   * Answers that depend only on the reference data and the request, kept until the next
   * `invalidate` (at most MEMO_ENTRIES, oldest dropped first).
   */
  memo: <T>(key: string, compute: () => Promise<T> | T) => Promise<T>;
}

export const MEMO_ENTRIES = 500;

/** Loads data/ into the store when it is new or changed, and serves from the store. */
export async function createServerState(
  store: Store,
  options: { dataDir?: string; clock?: Clock } = {},
): Promise<ServerState> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const clock = options.clock ?? { now: () => new Date() };
  const files = loadReferenceData(dataDir);
  const library = loadLibrary(files.kinds, dataDir);
  await seedReferenceData(store.db, files, library.scenarios, clock.now().toISOString());
  let cached: Promise<ReferenceData> | undefined;
  const answers = new Map<string, Promise<unknown>>();
  return {
    store,
    dataDir,
    clock,
    library,
    reference: () => {
      cached ??= loadReferenceDataFromStore(store.db, dataDir);
      return cached;
    },
    invalidate: () => {
      cached = undefined;
      answers.clear();
    },
    memo: <T>(key: string, compute: () => Promise<T> | T): Promise<T> => {
      const hit = answers.get(key);
      if (hit) return hit as Promise<T>;
      const value = Promise.resolve().then(compute);
      answers.set(key, value);
      // A failed computation is not kept: the next request tries again (and gets the same error).
      value.catch(() => answers.delete(key));
      if (answers.size > MEMO_ENTRIES) answers.delete(answers.keys().next().value as string);
      return value;
    },
  };
}
