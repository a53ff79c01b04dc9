/**
 * Population and area per municipality from @aprestmo/norway-geodata's municipalities-2025.json
 * (derived SSB data: population on 1 January 2024, total area in km²). See
 * data/sources/kommuner-norway-geodata/SOURCE.md.
 */
import { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import { issuesInFile, problemsDetail } from './file-issues.ts';

const entrySchema = z.object({
  id: z.string().regex(/^\d{4}$/),
  name: z.string().min(1),
  population: z.number().int().nonnegative(),
  area: z.number().positive(),
});

export interface GeodataMunicipality {
  number: string;
  name: string;
  population: number;
  areaKm2: number;
}

/** Validates the file's JSON text; every bad entry is reported with its index. Sorted by number. */
export function parseGeodataMunicipalities(text: string, file: string): GeodataMunicipality[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid_data', `${file}: not JSON: ${(error as Error).message}`, {
      cause: error,
      detail: message('file_not_json', { file, reason: (error as Error).message }),
    });
  }
  const r = z.array(entrySchema).safeParse(json);
  if (!r.success) {
    const issues = issuesInFile(file, r.error.issues);
    throw new AppError('invalid_data', `${issues[0]?.path}: ${issues[0]?.message}`, {
      issues,
      detail: problemsDetail(file, issues),
    });
  }
  const seen = new Set<string>();
  for (const [i, e] of r.data.entries()) {
    if (seen.has(e.id))
      throw new AppError('invalid_data', `${file}:[${i}]: municipality ${e.id} listed twice`, {
        detail: message('municipality_listed_twice', { file, line: null, entry: i, municipality: e.id }),
      });
    seen.add(e.id);
  }
  return r.data
    .map((e) => ({ number: e.id, name: e.name, population: e.population, areaKm2: e.area }))
    .sort((a, b) => a.number.localeCompare(b.number));
}
