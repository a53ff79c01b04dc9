/** What every subcommand needs: the reference data (loaded once) and the output language. */
import { AppError } from '../domain/errors.ts';
import type { ResidueKind } from '../domain/residue-kinds.ts';
import { loadReferenceData, type ReferenceData } from '../ingest/reference-data.ts';
import type { Lang } from './format.ts';

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliContext extends Output {
  data: () => ReferenceData;
}

export function createContext(io: Output, dataDir?: string): CliContext {
  let cached: ReferenceData | undefined;
  return {
    ...io,
    data: () => {
      cached ??= loadReferenceData(dataDir);
      return cached;
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
    throw new AppError('invalid_input', `invalid ${name}: ${value} (a whole number ${range})`);
  }
  return Number(value);
}
