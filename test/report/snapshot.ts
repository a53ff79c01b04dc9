/**
 * Snapshot comparison in the Observable Plot manner: the expected output lives beside the tests; a
 * missing snapshot is written; a mismatch writes `<name>-changed.<ext>` next to it to compare (diff,
 * or open both in a browser) and fails. Delete a snapshot to accept a new one.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SNAPSHOT_DIR = fileURLToPath(new URL('./snapshots', import.meta.url));

export type SnapshotStatus = 'created' | 'match' | 'changed';

export function changedPath(path: string): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}-changed${ext}`;
}

export function compareSnapshot(
  name: string,
  actual: string,
  dir = SNAPSHOT_DIR,
): { status: SnapshotStatus; path: string } {
  const path = join(dir, name);
  const changed = changedPath(path);
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path)) {
    writeFileSync(path, actual);
    return { status: 'created', path };
  }
  if (readFileSync(path, 'utf8') === actual) {
    rmSync(changed, { force: true });
    return { status: 'match', path };
  }
  writeFileSync(changed, actual);
  return { status: 'changed', path: changed };
}

/** Fails (throws) when the output differs from the snapshot, naming the `-changed` file to compare. */
export function expectSnapshot(name: string, actual: string, dir = SNAPSHOT_DIR): SnapshotStatus {
  const { status, path } = compareSnapshot(name, actual, dir);
  if (status === 'changed')
    throw new Error(
      `snapshot ${name} changed: compare ${path} with the snapshot; delete the snapshot to accept it`,
    );
  return status;
}
