/** Is the service well: its store answers, with the version of data/ it was loaded with. */
import { getMeta } from '../store/reference-repository.ts';
import type { Workspace } from './workspace.ts';

export async function health(ws: Pick<Workspace, 'store'>) {
  return {
    status: 'ok' as const,
    dialect: ws.store.dialect,
    referenceVersion: (await getMeta(ws.store.db, 'reference_version')) ?? null,
  };
}
