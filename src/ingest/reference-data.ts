/**
 * Loads the project's own data/ folder: municipalities and their number changes, regions,
 * statistics, residue kinds and coefficient profiles. Every file is validated; every problem is
 * reported with its file and JSON path, and nothing is half-loaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { allRecipeTerms, type Coefficient, type CoefficientProfile } from '../domain/coefficients.ts';
import { AppError, type Issue } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import {
  createMunicipalityRegistry,
  type MunicipalityRegistry,
  resolveMunicipality,
} from '../domain/municipalities.ts';
import {
  type Dataset,
  indexObservations,
  type Observation,
  observationsOf,
  type StatisticsFile,
} from '../domain/observations.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { type Region, validateRegion } from '../domain/regions.ts';
import type { ResidueKind } from '../domain/residue-kinds.ts';
import { issuesInFile } from './file-issues.ts';
import {
  municipalitiesFileSchema,
  numberChangesFileSchema,
  profileFileSchema,
  regionFileSchema,
  residueKindsFileSchema,
  statisticsFileSchema,
} from './schemas.ts';

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

export type { ReferenceData } from '../domain/reference-data.ts';

/** Reads and validates one JSON file; issues name the file and the path inside it. */
export function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  base = DEFAULT_DATA_DIR,
): z.infer<S> {
  // Inside the base folder: a short relative name; elsewhere (a user's file): the path as given.
  const rel = relative(base, file);
  const name = rel && !rel.startsWith('..') ? rel : file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError('invalid_data', `${name}: not readable JSON (${(cause as Error).message})`, {
      cause,
      detail: missing
        ? message('file_not_found', { file: name })
        : message('file_not_json', { file: name, reason: (cause as Error).message }),
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new AppError('invalid_data', `${name}: not readable JSON (${(cause as Error).message})`, {
      cause,
      detail: message('file_not_json', { file: name, reason: (cause as Error).message }),
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = issuesInFile(name, parsed.error.issues);
    throw new AppError(
      'invalid_data',
      `${name}: ${issues.length} problem(s), first: ${issues[0]?.path} ${issues[0]?.message}`,
      { issues, detail: message('file_has_problems', { file: name, count: issues.length }) },
    );
  }
  return parsed.data;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** Maps a statistics file's rows to today's numbers; an unmappable number is an error. */
export function normaliseStatistics(
  file: StatisticsFile,
  registry: MunicipalityRegistry,
  name: string,
): StatisticsFile {
  const issues: Issue[] = [];
  const rows = file.rows.map((row, i) => {
    const r = resolveMunicipality(registry, row.municipality);
    if (!r.ok) {
      issues.push({
        path: `${name}:rows[${i}].municipality`,
        message: r.reason,
        detail: message('region_number_unresolved', { input: row.municipality, candidates: r.candidates }),
      });
      return row;
    }
    return { ...row, municipality: r.number, numberInSource: row.numberInSource ?? row.municipality };
  });
  if (issues.length > 0)
    throw new AppError('invalid_data', `${name}: municipality numbers that cannot be mapped`, {
      issues,
      detail: message('statistics_numbers_unmapped', { file: name, count: issues.length }),
    });
  return { ...file, rows };
}

/** Flattens `includes`: the coefficients a profile may use, its own winning on equal ids. */
function resolveProfiles(files: z.infer<typeof profileFileSchema>[]): CoefficientProfile[] {
  const byId = new Map(files.map((f) => [f.id, f]));
  return files.map((f) => {
    const own = new Set(f.coefficients.map((c) => c.id));
    const referenced = new Set(
      f.recipes.flatMap((r) =>
        allRecipeTerms(r).flatMap((t) => [...t.coefficients, ...(t.dmShare ? [t.dmShare] : [])]),
      ),
    );
    const borrowed: Coefficient[] = [];
    for (const inc of f.includes ?? []) {
      const other = byId.get(inc);
      if (!other)
        throw new AppError('invalid_data', `profile ${f.id} includes unknown profile "${inc}"`, {
          detail: message('profile_include_unknown', { profile: f.id, include: inc }),
        });
      for (const c of other.coefficients) {
        if (!own.has(c.id) && referenced.has(c.id)) {
          borrowed.push(c);
          own.add(c.id);
        }
      }
    }
    return {
      id: f.id,
      title: f.title,
      description: f.description,
      ...(f.year === undefined ? {} : { year: f.year }),
      coefficients: [...f.coefficients, ...borrowed],
      recipes: f.recipes,
    };
  });
}

export function loadReferenceData(dataDir = DEFAULT_DATA_DIR): ReferenceData {
  const read = <S extends z.ZodType>(file: string, schema: S) => readJsonFile(file, schema, dataDir);
  const munis = read(join(dataDir, 'municipalities/municipalities-2024.json'), municipalitiesFileSchema);
  const changes = read(join(dataDir, 'municipalities/number-changes.json'), numberChangesFileSchema);
  const registry = createMunicipalityRegistry(munis.municipalities, changes.changes);

  const regions: Region[] = jsonFiles(join(dataDir, 'regions')).map((file) => {
    const r = read(file, regionFileSchema);
    const { region, problems } = validateRegion(r, registry, { oldNumbers: 'refuse' });
    if (problems.length > 0) {
      throw new AppError(
        'invalid_data',
        `${relative(dataDir, file)}: ${problems.map((p) => `${r.id}: ${p.path}: ${p.message}`).join('; ')}`,
        {
          detail: message('region_invalid', { region: r.id, problems: problems.length }),
          issues: problems.map((p) => ({ ...p, path: `${relative(dataDir, file)}:${p.path}` })),
        },
      );
    }
    return region;
  });

  const datasets: Dataset[] = [];
  const observations: Observation[] = [];
  for (const file of jsonFiles(join(dataDir, 'statistics'))) {
    const name = relative(dataDir, file);
    const stats = normaliseStatistics(read(file, statisticsFileSchema), registry, name);
    const { rows: _rows, ...dataset } = stats;
    datasets.push(dataset);
    observations.push(...observationsOf(stats));
  }

  const kinds = read(join(dataDir, 'residue-kinds.json'), residueKindsFileSchema).kinds as ResidueKind[];
  const profiles = resolveProfiles(
    jsonFiles(join(dataDir, 'coefficients')).map((f) => read(f, profileFileSchema)),
  );

  return {
    dataDir,
    registry,
    regions,
    datasets,
    observations,
    statistics: indexObservations(datasets, observations),
    kinds,
    profiles,
  };
}

/** Moved to the domain (it reads nothing); kept here for the importers of other branches. */
export { findProfile } from '../domain/coefficients.ts';
