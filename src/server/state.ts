/**
 * What the API serves from: a workspace (the store, data/'s files, the clock, the solver and the
 * reference data read from the store, cached until a request changes it).
 */

import { openWorkspace, type Workspace, type WorkspaceOptions } from '../app/workspace.ts';
import type { Store } from '../store/database.ts';

export type { Clock } from '../app/workspace.ts';
export { MEMO_ENTRIES } from '../app/workspace.ts';

export type ServerState = Workspace;

/** Loads data/ into the store when it is new or changed, and serves from the store. */
export function createServerState(store: Store, options: WorkspaceOptions = {}): Promise<ServerState> {
  return openWorkspace(store, options);
}
