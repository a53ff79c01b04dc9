/** Loads data/mappings/nace-sectors.json (the NACE → sector classification) and the SN2007 code list. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SectorMapping } from '../domain/actors.ts';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import { issuesInFile } from './file-issues.ts';
import { DEFAULT_DATA_DIR } from './reference-data.ts';

const prefix = z.string().regex(/^\d{2}(\.\d{1,3})?$/, 'a NACE prefix like 01, 01.4, 01.41 or 01.410');

const sectorMappingSchema = z.strictObject({
  source: z.string().min(1),
  sectors: z.array(
    z.strictObject({
      id: z.string().regex(/^[a-z_]+$/),
      name: z.strictObject({ nb: z.string().min(1), en: z.string().min(1) }),
      nace: z.array(prefix),
      sn2025Only: z.array(prefix),
      combines: z.array(z.string()),
      source: z.string().min(1),
      residueKinds: z.strictObject({ holds: z.array(z.string()), uses: z.array(z.string()) }),
    }),
  ),
});

export const SECTOR_MAPPING_FILE = 'mappings/nace-sectors.json';

export function loadSectorMapping(dataDir: string = DEFAULT_DATA_DIR): SectorMapping {
  const file = join(dataDir, SECTOR_MAPPING_FILE);
  const parsed = sectorMappingSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = issuesInFile(file, parsed.error.issues, '#');
    throw new AppError('invalid_data', `${file}: not a sector mapping`, {
      issues,
      detail: message('file_has_problems', { file, count: issues.length }),
    });
  }
  return parsed.data;
}

/** Every SN2007 code (all levels) from SSB Klass version 30. */
export function loadSn2007Codes(dataDir: string = DEFAULT_DATA_DIR): Set<string> {
  const text = readFileSync(join(dataDir, 'sources/nace/sn2007-klass-version30.csv'), 'utf8');
  const codes = new Set<string>();
  for (const m of text.matchAll(/^"(\d{2}(?:\.\d{1,3})?)";/gm)) codes.add(m[1] as string);
  return codes;
}

/** Every SN2025 code (levels 2–5) from SSB Klass version 3218, as listed in the correspondence extract. */
export function loadSn2025Codes(dataDir: string = DEFAULT_DATA_DIR): Set<string> {
  const json = JSON.parse(
    readFileSync(join(dataDir, 'sources/nace/sn2007-to-sn2025-changed.json'), 'utf8'),
  ) as {
    sn2025_current_codes: string[];
  };
  return new Set(json.sn2025_current_codes);
}
