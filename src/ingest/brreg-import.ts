/**
 * The bulk import of Enhetsregisteret: reads the legal-unit and establishment files (JSON or CSV,
 * gzip or not), validates and classifies each record, and applies them to the store through an
 * `ActorImportSink` in one transaction. A structurally bad file rolls everything back and throws (exit
 * code 2 in the CLI); individually bad records are counted and logged, not fatal.
 */
import {
  type ActorImportSink,
  type ActorProblem,
  type ActorProblemCode,
  type ApplyCounts,
  type BrregUnit,
  toActor,
  type UnitType,
} from '../domain/actors.ts';
import { message } from '../domain/message.ts';
import type { MunicipalityRegistry } from '../domain/municipalities.ts';
import { type BulkProgress, type BulkReadResult, type BulkSource, readBrregBulk } from './brreg-bulk.ts';

export interface ImportOptions {
  registry: MunicipalityRegistry;
  classify: (codes: readonly (string | null)[]) => string[];
  onProgress?: (p: BulkProgress) => void;
  /**
   * Where the update feed should start for the imported unit types (ISO time): a little before the
   * bulk file was produced, as the API's guide to keeping a copy advises. Stored in meta.
   */
  feedSince?: string;
}

export interface FileCounts {
  file: string;
  unitType: UnitType;
  format: 'json' | 'csv';
  gzip: boolean;
  records: number;
  /** Records whose old municipality number was mapped to today's. */
  mappedMunicipality: number;
  problems: Partial<Record<ActorProblemCode, number>>;
}

export interface BrregImportResult {
  importId: number;
  files: FileCounts[];
  applied: ApplyCounts;
}

/** Logs one problem of a record; the count is always kept, the line only for the first ones. */
function recordProblem(
  sink: ActorImportSink,
  counts: FileCounts,
  problem: ActorProblem,
  position: string,
): void {
  counts.problems[problem.code] = (counts.problems[problem.code] ?? 0) + 1;
  sink.log(
    problem.code === 'invalid_orgnr' ? 'error' : 'warning',
    position,
    `${problem.code}: ${problem.message}`,
    problem.detail,
  );
}

/** Reads one source into the sink (inside the caller's transaction). */
export async function stageBulkFile(
  sink: ActorImportSink,
  source: BulkSource,
  options: ImportOptions,
): Promise<FileCounts> {
  const counts: FileCounts = {
    file: source.name ?? source.path ?? source.unitType,
    unitType: source.unitType,
    format: 'json',
    gzip: false,
    records: 0,
    mappedMunicipality: 0,
    problems: {},
  };
  const onUnit = (unit: BrregUnit, pos: { record: number; offset: number }) => {
    const { actor, problem } = toActor(unit, options.registry, options.classify);
    if (problem) recordProblem(sink, counts, problem, `${counts.file}#record=${pos.record}`);
    if (actor) {
      if (actor.municipalityInSource && actor.municipality) counts.mappedMunicipality++;
      sink.add(actor);
    }
  };
  const read: BulkReadResult = await readBrregBulk(source, onUnit, {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    afterChunk: () => sink.flush(),
  });
  counts.file = read.file;
  counts.format = read.format;
  counts.gzip = read.gzip;
  counts.records = read.records;
  return counts;
}

/**
 * Imports bulk files in one transaction: the actors of each given unit type are replaced by the
 * file's (unchanged rows untouched, gone ones removed). Throws an `AppError` after rolling back.
 */
export async function importBrregBulk(
  sink: ActorImportSink,
  sources: BulkSource[],
  options: ImportOptions,
): Promise<BrregImportResult> {
  const names = sources.map((s) => `${s.unitType}=${s.name ?? s.path ?? '(stream)'}`).join(', ');
  const importId = await sink.begin('brreg-bulk', names);
  try {
    const files: FileCounts[] = [];
    for (const s of sources) files.push(await stageBulkFile(sink, s, options));
    const unitTypes = [...new Set(sources.map((s) => s.unitType))];
    const applied = await sink.apply(unitTypes);
    if (options.feedSince) {
      for (const t of unitTypes) {
        await sink.setMeta(`brreg.feed.${t}.since`, options.feedSince);
        await sink.setMeta(`brreg.feed.${t}.next_id`, '');
      }
    }
    for (const f of files) {
      sink.log(
        'info',
        f.file,
        `${f.records} records (${f.format}${f.gzip ? ', gzip' : ''}), ${f.mappedMunicipality} old municipality numbers mapped to today's, problems: ${JSON.stringify(f.problems)}`,
        message('log_register_file', {
          records: f.records,
          format: f.format,
          gzip: f.gzip,
          mapped: f.mappedMunicipality,
          problems: f.problems,
        }),
      );
    }
    await sink.commit({ files, applied });
    return { importId, files, applied };
  } catch (error) {
    await sink.rollback((error as Error).message);
    throw error;
  }
}

/** Applies a handful of already-read units (API search results, update-feed lookups) in one transaction. */
export async function importBrregUnits(
  sink: ActorImportSink,
  kind: string,
  label: string,
  units: BrregUnit[],
  removed: string[],
  options: Omit<ImportOptions, 'onProgress'>,
): Promise<{ importId: number; applied: ApplyCounts; removed: number; problems: Record<string, number> }> {
  const importId = await sink.begin(kind, label);
  try {
    const problems: Record<string, number> = {};
    const toRemove = [...removed];
    toRemove.push(...stageUnits(sink, units, options, problems));
    const removedCount = toRemove.length > 0 ? await sink.remove(toRemove) : 0;
    const applied = await sink.apply([]);
    await sink.commit({ units: units.length, applied, removed: removedCount, problems });
    return { importId, applied, removed: removedCount, problems };
  } catch (error) {
    await sink.rollback((error as Error).message);
    throw error;
  }
}

/**
 * Validates, maps and classifies units and hands them to the sink; bad ones are counted in `problems`
 * and logged. Returns the organisation numbers the register has deleted, for the caller to remove.
 */
export function stageUnits(
  sink: ActorImportSink,
  units: BrregUnit[],
  options: Pick<ImportOptions, 'registry' | 'classify'>,
  problems: Record<string, number>,
): string[] {
  const deleted: string[] = [];
  for (const unit of units) {
    const { actor, problem } = toActor(unit, options.registry, options.classify);
    if (problem) {
      problems[problem.code] = (problems[problem.code] ?? 0) + 1;
      sink.log(
        problem.code === 'invalid_orgnr' ? 'error' : 'warning',
        unit.orgnr,
        `${problem.code}: ${problem.message}`,
        problem.detail,
      );
      if (problem.code === 'deleted') deleted.push(unit.orgnr);
    }
    if (actor) sink.add(actor);
  }
  return deleted;
}
