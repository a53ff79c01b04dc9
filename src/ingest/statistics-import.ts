/**
 * Imports of statistics files, parsed and checked into datasets ready to write: every file is parsed
 * first, and one error lists the problems of all of them, so a bad file means nothing is written.
 * The CLI and the API write the result with the store's writeImport, in one transaction.
 */
import { createHash } from 'node:crypto';
import { AppError, type Issue } from '../domain/errors.ts';
import type { ImportedDataset, ImportLogLine, PreparedImport } from '../domain/imports.ts';
import { message } from '../domain/message.ts';
import type { MunicipalityRegistry } from '../domain/municipalities.ts';
import type { Dataset, Observation } from '../domain/observations.ts';
import { harvestValues, parseAvvirkning } from './avvirkning.ts';
import { aggregateLandbruk, fillYear, type LandbrukMapping } from './landbruk.ts';
import type { LivestockMapping } from './produksjonstilskudd.ts';
import type { SsbParsed } from './ssb.ts';

/** One file to import: its name (for messages and provenance) and its bytes. */
export interface ImportInput {
  name: string;
  bytes: Uint8Array;
}

/** Parses every file and throws one error listing the problems of all of them, so nothing is written. */
export async function parseAll<T>(
  inputs: ImportInput[],
  parseOne: (input: ImportInput) => Promise<T> | T,
): Promise<T[]> {
  const out: T[] = [];
  const issues: Issue[] = [];
  let first: AppError | undefined;
  const failed: string[] = [];
  for (const input of inputs) {
    try {
      out.push(await parseOne(input));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      first ??= error;
      failed.push(input.name);
      issues.push(
        ...(error.issues.length > 0
          ? error.issues
          : [
              { path: input.name, message: error.message, ...(error.detail ? { detail: error.detail } : {}) },
            ]),
      );
    }
  }
  if (first) {
    throw new AppError(
      first.code,
      `${first.message}; nothing was imported (the store is unchanged)${inputs.length > 1 ? ` — ${issues.length} problem(s) in ${inputs.length} files` : ''}`,
      { issues, detail: message('import_failed', { files: failed, count: issues.length }) },
    );
  }
  return out;
}

export function observationsFor(
  datasetId: string,
  year: number,
  variables: Dataset['variables'],
  rows: { municipality: string; numbersInSource: string[]; values: Record<string, number> }[],
): Observation[] {
  return rows.flatMap((r) =>
    Object.entries(r.values).map(([variable, value]) => ({
      municipality: r.municipality,
      ...(r.numbersInSource.length > 0 ? { numberInSource: r.numbersInSource.join(',') } : {}),
      variable,
      year,
      value,
      unit: variables[variable]?.unit ?? '1',
      dataset: datasetId,
    })),
  );
}

/** Roundwood harvest files (VSOP, any year 2014–) as datasets `avvirkning-<year>`; nothing is written here. */
export async function prepareAvvirkningImport(
  inputs: ImportInput[],
  registry: MunicipalityRegistry,
): Promise<PreparedImport> {
  const parsed = await parseAll(inputs, (f) => parseAvvirkning(f.bytes, { file: f.name, registry }));
  const years = new Map<number, string>();
  for (const p of parsed) {
    const other = years.get(p.year);
    if (other)
      throw new AppError(
        'invalid_input',
        `${other} and ${p.file} are both for ${p.year}: import one of them`,
        { detail: message('import_year_twice', { first: other, second: p.file, year: p.year }) },
      );
    years.set(p.year, p.file);
  }
  const datasets: ImportedDataset[] = [];
  const log: ImportLogLine[] = [];
  const summary: Record<string, unknown>[] = [];
  for (const p of parsed) {
    const id = `avvirkning-${p.year}`;
    const rows = harvestValues(p.records);
    const variables: Dataset['variables'] = {};
    for (const r of rows)
      for (const v of Object.keys(r.values)) variables[v] = { unit: 'm3', name: harvestName(v) };
    const dataset: Dataset = {
      id,
      title: `Roundwood harvest per municipality, species and assortment, ${p.year} (VSOP)`,
      year: p.year,
      yearNote: `Volumes measured in VSOP in ${p.year}, municipality numbers of ${p.year} mapped to today’s. Municipalities not in the file had no VSOP-measured harvest; they get no rows.`,
      source: {
        citation: `Landbruksdirektoratet, Tømmeravvirkning – kommunevis ${p.year} (${p.file}${p.sheet ? `, sheet ${p.sheet}` : ''})`,
        url: 'https://www.landbruksdirektoratet.no/no/statistikk/skogbruk/tommeravvirkning',
        derivedFrom: p.file,
        licence: 'Open data (NLOD 2.0 presumed). Kilde: Landbruksdirektoratet',
      },
      variables,
    };
    const observations = observationsFor(id, p.year, variables, rows);
    datasets.push({ dataset, provenance: `import:avvirkning:${p.file}`, observations });
    const dedupM3 = p.deduplicated.reduce((s, d) => s + d.m3, 0);
    const byCategory: Record<string, { rows: number; m3: number }> = {};
    for (const d of p.deduplicated) {
      const k = `${d.category} ${d.categoryText}`;
      const c = byCategory[k] ?? { rows: 0, m3: 0 };
      c.rows++;
      c.m3 += d.m3;
      byCategory[k] = c;
    }
    for (const d of p.deduplicated)
      log.push({
        level: 'info',
        position: d.position,
        message: `${d.numberInSource} ${d.category} ${d.categoryText}: ${d.m3} m3 listed under ${d.droppedAssortment} and ${d.keptAssortment} (${d.duplicateOf}); counted once, as ${d.keptAssortment}`,
        detail: message('log_harvest_counted_once', {
          municipality: d.numberInSource,
          category: d.category,
          categoryText: d.categoryText,
          m3: d.m3,
          dropped: d.droppedAssortment,
          kept: d.keptAssortment,
          duplicateOf: d.duplicateOf,
        }),
      });
    for (const u of p.unresolved)
      log.push({
        level: 'warning',
        position: p.file,
        message: `${u.rows} rows with municipality ${u.number} (${u.m3} m3 roundwood) not counted: ${u.reason}`,
        detail: message('log_rows_not_counted', {
          rows: u.rows,
          municipality: u.number,
          m3: u.m3,
          reason: u.detail,
        }),
      });
    summary.push({
      file: p.file,
      dataset: id,
      year: p.year,
      format: p.format,
      ...(p.sheet ? { sheet: p.sheet } : {}),
      headerRow: p.headerRow,
      rowsRead: p.rowsRead,
      rowsCounted: p.records.length,
      municipalities: rows.length,
      observations: observations.length,
      deduplicated: { rows: p.deduplicated.length, m3: dedupM3, byCategory },
      unresolved: p.unresolved,
      note: `${p.deduplicated.length} double-listed rows (${dedupM3} m3) counted once${p.unresolved.length > 0 ? `; ${p.unresolved.length} number(s) not mapped` : ''}`,
    });
  }
  return { kind: 'avvirkning', files: inputs.map((f) => f.name), datasets, log, summary };
}

function harvestName(variable: string): string {
  const [, species, assortment] = variable.split('.');
  if (variable === 'harvest.total') return 'Roundwood harvest, gran + furu + lauv + ved (VSOP)';
  if (variable === 'harvest.ved_til_brensel') return 'Ved til brensel (categories 1800, 3800, 6800)';
  return assortment ? `Harvest ${species}, ${assortment}` : `Harvest ${species}, all assortments`;
}

/**
 * Landbruksdirektoratet's farm-level files (produksjonstilskudd, leveransedata korn/melk/slakt), told
 * apart by their header, as datasets `ldir-<kind>-<year>` (`-partial` for a sample); nothing is written here.
 */
export async function prepareLandbrukImport(
  inputs: ImportInput[],
  opts: {
    registry: MunicipalityRegistry;
    /** data/mappings/landbruk-files.json and produksjonstilskudd-livestock.json, parsed. */
    mapping: LandbrukMapping;
    livestock: LivestockMapping;
    year?: number;
    partial?: string;
  },
): Promise<PreparedImport> {
  const { mapping, livestock } = opts;
  const year = opts.year;
  const parsed = await parseAll(inputs, (f) =>
    aggregateLandbruk(f.bytes, {
      file: f.name,
      mapping,
      livestock,
      registry: opts.registry,
      ...(year === undefined ? {} : { year }),
    }),
  );
  const datasets: ImportedDataset[] = [];
  const log: ImportLogLine[] = [];
  const summary: Record<string, unknown>[] = [];
  const ids = new Set<string>();
  for (const p of parsed) {
    const kind = mapping.kinds[p.kind];
    if (!kind) continue;
    const partial =
      opts.partial ??
      (/sample/i.test(p.file) ? `a sample of ${p.rowsRead} farms, not the whole file` : undefined);
    const id = `ldir-${p.kind}-${p.year}${partial ? '-partial' : ''}`;
    if (ids.has(id))
      throw new AppError('invalid_input', `two files make dataset ${id}: import one of them`, {
        detail: message('import_dataset_twice', { dataset: id }),
      });
    ids.add(id);
    const dataset: Dataset = {
      id,
      title: `${partial ? 'PARTIAL: ' : ''}${fillYear(kind.title, p.year)}`,
      year: p.year,
      yearNote: `${fillYear(kind.yearNote, p.year)}${partial ? ` PARTIAL: ${partial}; sums per municipality cover only the farms in the file.` : ''}`,
      source: {
        citation: `${fillYear(kind.citation, p.year)} (${p.file}, ${p.encoding}, separator "${p.separator}")`,
        url: kind.url,
        derivedFrom: `${p.file} with data/mappings/landbruk-files.json`,
        licence: 'Open data (NLOD 2.0 presumed; not stated in the files). Kilde: Landbruksdirektoratet',
        ...(partial ? { partial } : {}),
      },
      variables: p.variables,
    };
    const observations = observationsFor(id, p.year, p.variables, p.rows);
    datasets.push({ dataset, provenance: `import:landbruk:${p.file}`, observations });
    for (const u of p.unresolved)
      log.push({
        level: 'warning',
        position: p.file,
        message: `${u.rows} rows with municipality ${u.number} not counted: ${u.reason}`,
        detail: message('log_rows_not_counted', {
          rows: u.rows,
          municipality: u.number,
          m3: null,
          reason: u.detail,
        }),
      });
    if (partial)
      log.push({
        level: 'warning',
        position: p.file,
        message: `partial data: ${partial}`,
        detail: message('log_partial_data', { note: opts.partial ?? null, farms: p.rowsRead }),
      });
    summary.push({
      file: p.file,
      kind: p.kind,
      dataset: id,
      year: p.year,
      encoding: p.encoding,
      separator: p.separator,
      rowsRead: p.rowsRead,
      decimalCommaRows: p.decimalCommaRows,
      paddedNumbers: p.paddedNumbers,
      municipalities: p.rows.length,
      observations: observations.length,
      unresolved: p.unresolved,
      ...(partial ? { partial } : {}),
      note: `${p.kind}, ${p.encoding}, ${p.rowsRead} rows${partial ? `, PARTIAL (${partial})` : ''}`,
    });
  }
  return { kind: 'landbruk', files: inputs.map((f) => f.name), datasets, log, summary };
}

/**
 * An SSB PxWebApi answer as datasets `ssb-<table>-<year>` (with a hash of the municipalities when
 * only some were asked for); cells SSB marks missing are logged, never stored as 0. Nothing is written here.
 */
export function prepareSsbImport(
  parsed: SsbParsed,
  request: {
    table: string;
    api: string;
    url: string;
    query: unknown;
    municipalities?: string[];
    retrievedAt: string;
  },
): PreparedImport {
  const { table, url, query, municipalities, retrievedAt } = request;
  if (parsed.values.length === 0)
    throw new AppError(
      'invalid_data',
      `SSB ${table}: the answer holds no municipality values (nothing imported)`,
      { detail: message('ssb_no_values', { table }) },
    );
  const subset = municipalities
    ? `-${createHash('sha256').update(municipalities.join(',')).digest('hex').slice(0, 8)}`
    : '';
  const datasets: ImportedDataset[] = parsed.years.map((y) => {
    const id = `ssb-${table}-${y}${subset}`;
    const values = parsed.values.filter((v) => v.year === y);
    return {
      dataset: {
        id,
        title: `${parsed.label}${municipalities ? ` (municipalities ${municipalities.join(', ')})` : ''}`,
        year: y,
        yearNote: `SSB table ${table}, period ${y}${parsed.updated ? `, table updated ${parsed.updated}` : ''}; retrieved ${retrievedAt}.`,
        source: {
          citation: `Statistisk sentralbyrå (SSB), table ${table}: ${parsed.label}`,
          url,
          table: `${table} (PxWebApi ${request.api}) query ${JSON.stringify(query)}`,
          licence: 'CC BY 4.0 (SSB)',
        },
        variables: parsed.variables,
      },
      provenance: `ssb:${table}`,
      observations: values.map((v) => ({
        municipality: v.municipality,
        ...(v.numberInSource !== v.municipality ? { numberInSource: v.numberInSource } : {}),
        variable: v.variable,
        year: v.year,
        value: v.value,
        unit: parsed.variables[v.variable]?.unit ?? '1',
        dataset: id,
      })),
    };
  });
  const log: ImportLogLine[] = [
    ...parsed.skippedRegions.map((s) => ({
      level: 'warning' as const,
      position: `${table}:${s.code}`,
      message: `${s.cells} cell(s) skipped: ${s.reason}`,
      detail: message('log_cells_skipped', { cells: s.cells, reason: s.detail }),
    })),
    ...parsed.missingCells.map((m) => ({
      level: 'warning' as const,
      position: `${table}:${m.region}:${m.year}`,
      message: `${m.variable}: no value (status ${m.status}); not stored`,
      detail: message('log_cell_without_value', { variable: m.variable, status: m.status }),
    })),
  ];
  const summary = datasets.map((d) => ({
    file: url,
    dataset: d.dataset.id,
    year: d.dataset.year,
    municipalities: new Set(d.observations.map((o) => o.municipality)).size,
    observations: d.observations.length,
    skippedRegions: parsed.skippedRegions,
    missingCells: parsed.missingCells.length,
    query,
    retrievedAt,
  }));
  return { kind: 'ssb', files: [url], datasets, log, summary };
}
