/** A workspace on a fresh in-memory store with the tests' pinned clock, and helpers to catch an AppError. */
import { openWorkspace, type Workspace } from '../../src/app/workspace.ts';
import { AppError } from '../../src/domain/errors.ts';
import { openStore } from '../../src/store/database.ts';
import { NOW } from './api.ts';

export function openTestWorkspace(): Promise<Workspace> {
  return openStore({ file: ':memory:' }).then((store) =>
    openWorkspace(store, { clock: { now: () => new Date(NOW) } }),
  );
}

/** The AppError a promise rejects with (any other outcome fails the test). */
export async function rejection(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** The AppError a call throws (returning, or any other error, fails the test). */
export function thrown(call: () => unknown): AppError {
  try {
    call();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}
