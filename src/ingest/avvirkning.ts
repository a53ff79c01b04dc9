/**
 * Roundwood harvest per municipality from Landbruksdirektoratet's "Kommunevis avvirkning" files
 * (VSOP, one file per year; xlsx, and CSV converted from it). Layout per data/sources/avvirkning-kommune-ldir/SOURCE.md:
 * the header row is found by its `KOMNR` cell (row 3 in every xlsx so far, row 1 in the CSV), columns by
 * name (some years have an empty first column), numbers may be text with spaces as thousand separators,
 * category texts carry trailing spaces in some years.
 *
 * Double listing: a category such as 1310 "Gran sams sagt/massevirke" appears for the same municipality
 * once under Sagtømmer and once under Massevirke with the same volume. It is one volume: the row with the
 * lower SORTKODE (Sagtømmer) is kept and the other is reported as de-duplicated.
 */
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { AppError } from '../domain/errors.ts';
import { type Message, message } from '../domain/message.ts';
import { type MunicipalityRegistry, resolveMunicipality } from '../domain/municipalities.ts';
import { csvErrorLine, csvErrorMessage, problemList } from './file-issues.ts';
import { decodeText, parseLocaleNumber } from './text-file.ts';

export const HARVEST_SPECIES = ['gran', 'furu', 'lauv', 'ved', 'annet'] as const;
export const HARVEST_ASSORTMENTS = ['sagtommer', 'massevirke', 'energi', 'vrak', 'annet'] as const;
export type HarvestSpecies = (typeof HARVEST_SPECIES)[number];
export type HarvestAssortment = (typeof HARVEST_ASSORTMENTS)[number];

/** VIRKESGRP → species. 6-Pyntegr, 7-Juletre and 8-Annet are decorative greenery, Christmas trees and payments. */
const SPECIES: Record<string, HarvestSpecies> = {
  '1': 'gran',
  '2': 'furu',
  '3': 'lauv',
  '5': 'ved',
  '6': 'annet',
  '7': 'annet',
  '8': 'annet',
};

/** SORTIMENT (trimmed, lower case) → assortment. */
const ASSORTMENTS: Record<string, HarvestAssortment> = {
  sagtømmer: 'sagtommer',
  massevirke: 'massevirke',
  energi: 'energi',
  vrak: 'vrak',
  annet: 'annet',
  bonus: 'annet',
  juletrær: 'annet',
  pyntegrønt: 'annet',
};

const COLUMNS = [
  'FYLKENR',
  'KOMNR',
  'KOMNAVN',
  'AVVIRKAAR',
  'SORTKODE',
  'SORTIMENT',
  'VIRKESGRP',
  'VIRKESKAT',
  'KATEGORITEKST',
  'TOTALVOLUM',
] as const;

export interface HarvestRecord {
  /** Where the row is: `file:line` (CSV line or sheet row). */
  position: string;
  county: string;
  /** The number in the file, four digits. */
  numberInSource: string;
  /** Today's number. */
  municipality: string;
  year: number;
  species: HarvestSpecies;
  assortment: HarvestAssortment;
  sortCode: string;
  category: string;
  categoryText: string;
  m3: number;
}

export interface DeduplicatedRow {
  position: string;
  duplicateOf: string;
  numberInSource: string;
  category: string;
  categoryText: string;
  m3: number;
  droppedAssortment: HarvestAssortment;
  keptAssortment: HarvestAssortment;
}

export interface UnresolvedHarvest {
  number: string;
  rows: number;
  reason: string;
  /** `reason` in the catalogue. */
  detail: Message;
  candidates: string[];
  m3: number;
}

export interface AvvirkningFile {
  file: string;
  format: 'xlsx' | 'csv';
  sheet?: string;
  headerRow: number;
  year: number;
  rowsRead: number;
  /** Rows kept: de-duplicated and mapped to today's numbers. */
  records: HarvestRecord[];
  deduplicated: DeduplicatedRow[];
  unresolved: UnresolvedHarvest[];
}

type Cell = string | number | null;

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

/** Rows of the first sheet that has a `KOMNR` cell, as [row number, cells] (cells 0-based). */
async function xlsxRows(
  bytes: Uint8Array,
  file: string,
): Promise<{ sheet: string; rows: [number, Cell[]][] }> {
  // Loaded when an xlsx file is read: the CLI starts faster for every other command.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (cause) {
    throw new AppError(
      'invalid_data',
      `${file}: not a readable xlsx workbook (${(cause as Error).message})`,
      {
        cause,
        detail: message('file_not_xlsx', { file }),
        issues: [
          {
            path: `${file}:1`,
            message: 'not a readable xlsx workbook',
            detail: message('file_not_xlsx', { file }),
          },
        ],
      },
    );
  }
  for (const ws of wb.worksheets) {
    const rows: [number, Cell[]][] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
      rows.push([n, values]);
    });
    if (rows.some(([, cells]) => cells.some((c) => typeof c === 'string' && c.trim() === 'KOMNR')))
      return { sheet: ws.name, rows };
  }
  const detail = message('header_not_found', { file, column: 'KOMNR' });
  throw new AppError('invalid_data', `${file}: no sheet has a header row with a KOMNR column`, {
    detail,
    issues: [{ path: `${file}:1`, message: 'no header row with a KOMNR column', detail }],
  });
}

function csvRows(bytes: Uint8Array, file: string): [number, Cell[]][] {
  const { text } = decodeText(bytes);
  try {
    const records = parse(text, {
      delimiter: text.slice(0, 300).includes(';') ? ';' : ',',
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => [info.lines, record]);
  } catch (cause) {
    const line = csvErrorLine(cause) ?? '?';
    const detail = csvErrorMessage(file, cause);
    throw new AppError('invalid_data', `${file}:${line}: ${(cause as Error).message}`, {
      cause,
      detail,
      issues: [{ path: `${file}:${line}`, message: (cause as Error).message, detail }],
    });
  }
}

const MAX_ISSUES = 50;

/** Reads one avvirkning file (xlsx or CSV by its bytes) and maps every row to today's municipality. */
export async function parseAvvirkning(
  bytes: Uint8Array,
  options: { file: string; registry: MunicipalityRegistry },
): Promise<AvvirkningFile> {
  const { file, registry } = options;
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const { sheet, rows } = isZip
    ? await xlsxRows(bytes, file)
    : { sheet: undefined, rows: csvRows(bytes, file) };

  const problems = problemList(file, MAX_ISSUES);
  const problem = (line: number, english: string, detail: Message) =>
    problems.add(`${file}:${line}`, english, detail);
  const fail = (): never => problems.fail();
  /** A cell that does not hold what its column should. */
  const badCell = (
    line: number,
    column: string,
    value: string,
    expected: 'year' | 'volume_m3' | 'municipality_number',
  ) => message('cell_invalid', { file, line, column, value, expected });

  const headerAt = rows.findIndex(([, cells]) => cells.some((c) => String(c ?? '').trim() === 'KOMNR'));
  if (headerAt < 0) {
    problem(
      1,
      'no header row with a KOMNR column (is this a Kommunevis avvirkning file?)',
      message('header_not_found', { file, column: 'KOMNR' }),
    );
    fail();
  }
  const [headerRow, headerCells] = rows[headerAt] as [number, Cell[]];
  const col = new Map<string, number>();
  headerCells.forEach((c, i) => {
    const name = String(c ?? '').trim();
    if (name) col.set(name, i);
  });
  for (const c of COLUMNS)
    if (!col.has(c))
      problem(
        headerRow,
        `column ${c} is missing from the header`,
        message('column_missing', { file, line: headerRow, column: c }),
      );
  if (problems.count > 0) fail();
  const get = (cells: Cell[], name: (typeof COLUMNS)[number]): Cell => cells[col.get(name) as number] ?? null;
  const text = (cells: Cell[], name: (typeof COLUMNS)[number]) => String(get(cells, name) ?? '').trim();

  const parsed: (HarvestRecord & { line: number })[] = [];
  const unresolved = new Map<string, UnresolvedHarvest>();
  const years = new Set<number>();
  let rowsRead = 0;
  for (const [line, cells] of rows.slice(headerAt + 1)) {
    if (cells.every((c) => c === null || String(c).trim() === '')) continue;
    rowsRead++;
    const komnr = text(cells, 'KOMNR');
    if (!/^\d{1,4}$/.test(komnr)) {
      problem(
        line,
        `KOMNR is "${komnr}", expected a municipality number`,
        badCell(line, 'KOMNR', komnr, 'municipality_number'),
      );
      continue;
    }
    const numberInSource = komnr.padStart(4, '0');
    const year = parseLocaleNumber(get(cells, 'AVVIRKAAR'));
    if (year === undefined || !Number.isInteger(year) || year < 1990 || year > 2100) {
      problem(
        line,
        `AVVIRKAAR is "${text(cells, 'AVVIRKAAR')}", expected a year`,
        badCell(line, 'AVVIRKAAR', text(cells, 'AVVIRKAAR'), 'year'),
      );
      continue;
    }
    years.add(year);
    const m3 = parseLocaleNumber(get(cells, 'TOTALVOLUM'));
    // Negative volumes occur (corrections of earlier deliveries, e.g. 2014): they count as given.
    if (m3 === undefined) {
      problem(
        line,
        `TOTALVOLUM is "${text(cells, 'TOTALVOLUM')}", expected a volume in m3`,
        badCell(line, 'TOTALVOLUM', text(cells, 'TOTALVOLUM'), 'volume_m3'),
      );
      continue;
    }
    const group = text(cells, 'VIRKESGRP');
    const species = SPECIES[group.split('-')[0] ?? ''];
    if (!species) {
      problem(
        line,
        `VIRKESGRP "${group}" is unknown (known: 1-Gran, 2-Furu, 3-Lauv, 5-Ved, 6, 7, 8)`,
        message('cell_unknown_code', {
          file,
          line,
          column: 'VIRKESGRP',
          value: group,
          known: ['1-Gran', '2-Furu', '3-Lauv', '5-Ved', '6', '7', '8'],
        }),
      );
      continue;
    }
    const sortiment = text(cells, 'SORTIMENT');
    const assortment = ASSORTMENTS[sortiment.toLowerCase()];
    if (!assortment) {
      problem(
        line,
        `SORTIMENT "${sortiment}" is unknown (known: ${Object.keys(ASSORTMENTS).join(', ')})`,
        message('cell_unknown_code', {
          file,
          line,
          column: 'SORTIMENT',
          value: sortiment,
          known: Object.keys(ASSORTMENTS),
        }),
      );
      continue;
    }
    const resolution = resolveMunicipality(registry, numberInSource);
    if (!resolution.ok) {
      const u = unresolved.get(numberInSource) ?? {
        number: numberInSource,
        rows: 0,
        reason: resolution.reason,
        detail: resolution.detail,
        candidates: resolution.candidates,
        m3: 0,
      };
      u.rows++;
      u.m3 += species === 'annet' ? 0 : m3;
      unresolved.set(numberInSource, u);
      continue;
    }
    parsed.push({
      line,
      position: `${file}:${line}`,
      county: text(cells, 'FYLKENR'),
      numberInSource,
      municipality: resolution.number,
      year,
      species,
      assortment,
      sortCode: text(cells, 'SORTKODE'),
      category: text(cells, 'VIRKESKAT'),
      categoryText: text(cells, 'KATEGORITEKST'),
      m3,
    });
  }
  if (rowsRead === 0)
    problem(
      headerRow,
      'no data rows under the header',
      message('data_rows_missing', { file, line: headerRow }),
    );
  if (years.size > 1)
    problem(
      headerRow,
      `AVVIRKAAR holds more than one year: ${[...years].sort().join(', ')}`,
      message('years_mixed', { file, column: 'AVVIRKAAR', years: [...years].sort() }),
    );
  if (problems.count > 0) fail();

  // One volume per (county, number in source, category): the same category under two assortment
  // groups with the same volume is one listing. Oslo 2020 appears under two counties (03 and 30)
  // with different volumes: those are two rows and both count.
  const records: HarvestRecord[] = [];
  const deduplicated: DeduplicatedRow[] = [];
  const seen = new Map<string, HarvestRecord & { line: number }>();
  const ordered = [...parsed].sort((a, b) => a.sortCode.localeCompare(b.sortCode) || a.line - b.line);
  for (const r of ordered) {
    const key = `${r.county}|${r.numberInSource}|${r.category}`;
    const kept = seen.get(key);
    if (kept && kept.assortment !== r.assortment && kept.m3 === r.m3) {
      deduplicated.push({
        position: r.position,
        duplicateOf: kept.position,
        numberInSource: r.numberInSource,
        category: r.category,
        categoryText: r.categoryText,
        m3: r.m3,
        droppedAssortment: r.assortment,
        keptAssortment: kept.assortment,
      });
      continue;
    }
    if (!kept) seen.set(key, r);
    const { line: _line, ...record } = r;
    records.push(record);
  }
  records.sort((a, b) => a.position.localeCompare(b.position, 'en', { numeric: true }));
  deduplicated.sort((a, b) => a.position.localeCompare(b.position, 'en', { numeric: true }));

  return {
    file,
    format: isZip ? 'xlsx' : 'csv',
    ...(sheet ? { sheet } : {}),
    headerRow,
    year: [...years][0] as number,
    rowsRead,
    records,
    deduplicated,
    unresolved: [...unresolved.values()].sort((a, b) => a.number.localeCompare(b.number)),
  };
}

/** Species counted in roundwood totals: `annet` holds Christmas trees, greenery and payments, not m3 of roundwood. */
const ROUNDWOOD: readonly HarvestSpecies[] = ['gran', 'furu', 'lauv', 'ved'];
/** Categories of firewood (ved til brensel) within 5-Ved; the rest of 5-Ved is wood for chips. */
const FIREWOOD_CATEGORIES = new Set(['1800', '3800', '6800']);

export interface HarvestValues {
  municipality: string;
  numbersInSource: string[];
  values: Record<string, number>;
}

/**
 * Per municipality: `harvest.<species>.<assortment>` for every pair found, `harvest.gran|furu|lauv|ved`,
 * `harvest.ved_til_brensel` (categories 1800, 3800, 6800) and `harvest.total` (gran + furu + lauv + ved), m3.
 */
export function harvestValues(records: HarvestRecord[]): HarvestValues[] {
  const byMunicipality = new Map<string, HarvestValues>();
  for (const r of records) {
    let row = byMunicipality.get(r.municipality);
    if (!row) {
      row = {
        municipality: r.municipality,
        numbersInSource: [],
        values: {
          'harvest.gran': 0,
          'harvest.furu': 0,
          'harvest.lauv': 0,
          'harvest.ved': 0,
          'harvest.ved_til_brensel': 0,
          'harvest.total': 0,
        },
      };
      byMunicipality.set(r.municipality, row);
    }
    if (r.numberInSource !== r.municipality && !row.numbersInSource.includes(r.numberInSource))
      row.numbersInSource.push(r.numberInSource);
    const add = (variable: string, m3: number) => {
      row.values[variable] = (row.values[variable] ?? 0) + m3;
    };
    add(`harvest.${r.species}.${r.assortment}`, r.m3);
    if (ROUNDWOOD.includes(r.species)) {
      add(`harvest.${r.species}`, r.m3);
      add('harvest.total', r.m3);
    }
    if (r.species === 'ved' && FIREWOOD_CATEGORIES.has(r.category)) add('harvest.ved_til_brensel', r.m3);
  }
  return [...byMunicipality.values()].sort((a, b) => a.municipality.localeCompare(b.municipality));
}
