/**
 * What every subcommand needs: the store (the embedded database, or PostgreSQL with DATABASE_URL),
 * loaded with data/ on first use, and the reference data read from it — so statistics imported into
 * the store count in every estimate.
 */
import { messageNames } from '../app/names.ts';
import { openWorkspace, type Workspace } from '../app/workspace.ts';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import type { ResidueKind } from '../domain/residue-kinds.ts';
import type { Names } from '../messages/catalogue.ts';
import { openStore, type Store, type StoreOptions, storeOptionsFromEnv } from '../store/database.ts';
import type { Lang } from './format.ts';

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliContext extends Output {
  /** The reference data; `load` must have run (the CLI does it before every command's action). */
  data: () => ReferenceData;
  /** The open store; `load` must have run. */
  store: () => Store;
  /** The workspace every task runs on; `load` must have run. */
  workspace: () => Workspace;
  /** Opens the store, loads data/ into it if new or changed, and reads the reference data back. */
  load: () => Promise<void>;
  /** Re-reads the reference data after a command wrote to the store. */
  reload: () => Promise<void>;
  close: () => Promise<void>;
  /** Kinds, technologies and municipalities by name for messages; ids before `load` has run. */
  names: () => Names;
}

export function createContext(io: Output, dataDir?: string, storeOptions?: StoreOptions): CliContext {
  let workspace: Workspace | undefined;
  let data: ReferenceData | undefined;
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the CLI context was used before load()');
    return value;
  };
  return {
    ...io,
    data: () => need(data),
    store: () => need(workspace).store,
    workspace: () => need(workspace),
    load: async () => {
      if (workspace) return;
      const store = await openStore(storeOptions ?? storeOptionsFromEnv());
      workspace = await openWorkspace(store, dataDir === undefined ? {} : { dataDir });
      data = await workspace.reference();
    },
    reload: async () => {
      const ws = need(workspace);
      ws.invalidate();
      data = await ws.reference();
    },
    names: () => (workspace && data ? messageNames(data, workspace.library) : {}),
    close: async () => {
      await workspace?.store.close();
      workspace = undefined;
    },
  };
}

export function kindName(kinds: ResidueKind[], id: string, lang: Lang): string {
  return kinds.find((k) => k.id === id)?.name[lang] ?? id;
}

export function municipalityLabel(data: ReferenceData, nr: string): string {
  const m = data.registry.municipalities.get(nr);
  return m ? `${nr} ${m.name}` : nr;
}

export function parseInteger(value: string, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new AppError('invalid_input', `invalid ${name}: ${value} (a whole number ${range})`, {
      detail: message('invalid_integer', {
        name,
        input: value,
        min,
        max: max === Number.MAX_SAFE_INTEGER ? null : max,
      }),
    });
  }
  return Number(value);
}
