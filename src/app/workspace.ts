/**
 * A workspace: what every task runs on, opened once per process (the CLI, a benchmark) or per server.
 * It holds the store, the data folder's files (each read and validated once, see data-files.ts), the
 * clock, the solver and the random source — passed in, never reached for — and the reference data as
 * the store holds it (data/ plus every import), cached until a write invalidates it.
 */
import type { Solver } from '../domain/allocation/lp.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import type { Random } from '../domain/uncertainty.ts';
import type { LoadedLibrary } from '../ingest/library.ts';
import type { Store } from '../store/database.ts';
import { loadReferenceDataFromStore, seedReferenceData } from '../store/reference-repository.ts';
import { type DataFiles, DEFAULT_DATA_DIR, openDataFiles } from './data-files.ts';
import { seededRandom } from './random.ts';

export interface Clock {
  now: () => Date;
}

export interface SolverOptions {
  /** Seconds HiGHS may take (default 120). */
  timeLimitSeconds?: number;
}

/** Makes a solver; HiGHS's WebAssembly runtime loads on the first call. */
export type SolverFactory = (options?: SolverOptions) => Promise<Solver>;

export interface Workspace {
  store: Store;
  files: DataFiles;
  clock: Clock;
  solver: SolverFactory;
  /** A seeded random source for Monte Carlo draws: the same seed gives the same draws. */
  random: (seed: number) => Random;
  /** The value-pyramid library of data/. */
  library: LoadedLibrary;
  /** The reference data as the store holds it (data/ and every import). */
  reference: () => Promise<ReferenceData>;
  /** Call after a write that changes reference data (a region, an import, a scenario). */
  invalidate: () => void;
  /**
   * Answers that depend only on the reference data and the request, kept until the next
   * `invalidate` (at most MEMO_ENTRIES, oldest dropped first).
   */
  memo: <T>(key: string, compute: () => Promise<T> | T) => Promise<T>;
}

export const MEMO_ENTRIES = 500;

export interface WorkspaceOptions {
  dataDir?: string;
  clock?: Clock;
  solver?: SolverFactory;
  random?: (seed: number) => Random;
}

/** HiGHS, loaded only when a task needs a solver. */
export const highsSolverFactory: SolverFactory = async (options = {}) => {
  const { createHighsSolver } = await import('../solver/highs.ts');
  return createHighsSolver({ timeLimitSeconds: options.timeLimitSeconds ?? 120 });
};

/** Loads data/ into the store when it is new or changed, and serves from the store. */
export async function openWorkspace(store: Store, options: WorkspaceOptions = {}): Promise<Workspace> {
  const files = openDataFiles(options.dataDir ?? DEFAULT_DATA_DIR);
  const clock = options.clock ?? { now: () => new Date() };
  const library = files.library();
  await seedReferenceData(store.db, files.reference(), library.scenarios, clock.now().toISOString());
  let cached: Promise<ReferenceData> | undefined;
  const answers = new Map<string, Promise<unknown>>();
  return {
    store,
    files,
    clock,
    solver: options.solver ?? highsSolverFactory,
    random: options.random ?? seededRandom,
    library,
    reference: () => {
      if (!cached) {
        const reading = loadReferenceDataFromStore(store.db, files.dir);
        // A failed read is not kept: the next call tries again.
        reading.catch(() => {
          if (cached === reading) cached = undefined;
        });
        cached = reading;
      }
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
