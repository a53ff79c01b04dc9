/**
 * Landbruksdirektoratet's farm-level open data files, aggregated per today's municipality:
 * produksjonstilskudd (del 1 and full year), leveransedata korn, melk and slakt. The file type is
 * detected from the header; the encoding from the bytes (UTF-8 with or without BOM, ISO-8859-1);
 * the separator from the header line. Numbers may use a decimal comma; municipality numbers may have
 * lost their leading zero (`301`) or be from before 2020/2024 — all are mapped to today's number.
 * Which columns make which variable is data: data/mappings/landbruk-files.json (and the livestock
 * mapping for animals).
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { type Message, message } from '../domain/message.ts';
import { type MunicipalityRegistry, resolveMunicipality } from '../domain/municipalities.ts';
import { csvErrorLine, csvErrorMessage, issuesInFile, problemList, problemsDetail } from './file-issues.ts';
import type { LivestockMapping } from './produksjonstilskudd.ts';
import { type DecodedText, decodeText, detectSeparator, firstLine, parseLocaleNumber } from './text-file.ts';

const variableSchema = z.object({
  fields: z.array(z.string().min(1)).min(1),
  unit: z.string().min(1),
  name: z.string().min(1),
});

const kindSchema = z.object({
  title: z.string().min(1),
  citation: z.string().min(1),
  url: z.string().url(),
  detect: z.array(z.string().min(1)).min(1),
  municipalityField: z.string().min(1),
  yearField: z.string().min(1).optional(),
  yearNote: z.string().min(1),
  livestock: z.boolean().optional(),
  variables: z.record(z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/), variableSchema),
});

export const landbrukMappingSchema = z.object({
  source: z.string().min(1),
  kinds: z.record(z.string().regex(/^[a-z0-9-]+$/), kindSchema),
});

export type LandbrukMapping = z.infer<typeof landbrukMappingSchema>;
export type LandbrukKind = z.infer<typeof kindSchema>;

export function parseLandbrukMapping(json: unknown, file: string): LandbrukMapping {
  const r = landbrukMappingSchema.safeParse(json);
  if (r.success) return r.data;
  const issues = issuesInFile(file, r.error.issues);
  throw new AppError('invalid_data', `${file}: invalid mapping: ${issues[0]?.message}`, {
    issues,
    detail: problemsDetail(file, issues),
  });
}

/** The kind whose `detect` columns are all in the header; kinds are tried in file order (full year before del 1). */
export function detectLandbrukKind(header: string[], mapping: LandbrukMapping): string | undefined {
  const have = new Set(header.map((h) => h.trim().toLowerCase()));
  return Object.entries(mapping.kinds).find(([, k]) => k.detect.every((c) => have.has(c)))?.[0];
}

export interface UnresolvedRows {
  number: string;
  rows: number;
  reason: string;
  /** `reason` in the catalogue. */
  detail: Message;
  candidates: string[];
}

export interface LandbrukAggregate {
  file: string;
  kind: string;
  encoding: DecodedText['encoding'];
  separator: string;
  year: number;
  rowsRead: number;
  /** Rows with a decimal comma in some count (slaughter weights). */
  decimalCommaRows: number;
  /** Rows whose number had lost its leading zero (e.g. 301 for 0301 Oslo). */
  paddedNumbers: number;
  rows: { municipality: string; numbersInSource: string[]; farms: number; values: Record<string, number> }[];
  variables: Record<string, { unit: string; name: string }>;
  unresolved: UnresolvedRows[];
}

/** One farm row as `aggregateLandbruk` passes it to `onRecord`. */
export interface LandbrukRecord {
  line: number;
  /** Today's municipality number. */
  municipality: string;
  values: Record<string, number>;
  fields: Record<string, string | null>;
}

const MAX_ISSUES = 50;

/**
 * Reads one file and sums its counts per today's municipality. Every bad cell is collected with its
 * line before failing; rows whose number cannot be mapped (unknown, or split like 1507 Ålesund) are
 * reported, not counted.
 */
export function aggregateLandbruk(
  bytes: Uint8Array,
  options: {
    file: string;
    mapping: LandbrukMapping;
    livestock: LivestockMapping;
    registry: MunicipalityRegistry;
    /** The year when the file has no year column (leveransedata); else read from the file. */
    year?: number;
    /**
     * Called with every row given to a municipality (the farm as the file has it): its own values and
     * the cells of `fields` (e.g. orgnr, navn). Rows that are refused or unresolved are not passed on.
     */
    onRecord?: (row: LandbrukRecord) => void;
    /** Columns (lower case) whose cells `onRecord` receives; absent columns give null. */
    recordFields?: readonly string[];
  },
): LandbrukAggregate {
  const { file, mapping, registry } = options;
  const decoded = decodeText(bytes);
  const header = firstLine(decoded.text);
  const separator = detectSeparator(header);
  const problems = problemList(file, MAX_ISSUES);
  const problem = (line: number | string, english: string, detail: Message) =>
    problems.add(`${file}:${line}`, english, detail);
  const fail = (): never => problems.fail();

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decoded.text, {
      delimiter: separator,
      info: true,
      skip_empty_lines: true,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (cause) {
    problem(csvErrorLine(cause) ?? '?', (cause as Error).message, csvErrorMessage(file, cause));
    return fail();
  }
  const head = (records[0]?.record ?? []).map((h) => h.trim().toLowerCase());
  const kindId = detectLandbrukKind(head, mapping);
  if (!kindId) {
    problem(
      1,
      `unknown file type: the header (${head.slice(0, 6).join(', ')}…) matches none of ${Object.keys(mapping.kinds).join(', ')}`,
      message('file_kind_unknown', { file, header: head.slice(0, 6), kinds: Object.keys(mapping.kinds) }),
    );
    return fail();
  }
  const kind = mapping.kinds[kindId] as LandbrukKind;
  const variables: Record<string, { fields: string[]; unit: string; name: string }> = { ...kind.variables };
  if (kind.livestock) {
    for (const [id, c] of Object.entries(options.livestock.categories))
      variables[`livestock.${id}`] = { fields: c.fields, unit: 'animal', name: c.name.nb };
  }
  const index = new Map(head.map((h, i) => [h, i]));
  for (const v of Object.values(variables))
    for (const f of v.fields)
      if (!index.has(f))
        problem(
          1,
          `column ${f} (${kindId}) is missing from the header`,
          message('column_missing', { file, line: 1, column: f }),
        );
  if (!index.has(kind.municipalityField))
    problem(
      1,
      `column ${kind.municipalityField} is missing`,
      message('column_missing', { file, line: 1, column: kind.municipalityField }),
    );
  if (problems.count > 0) fail();

  const fields = [...new Set(Object.values(variables).flatMap((v) => v.fields))];
  const years = new Set<number>();
  const byMunicipality = new Map<string, LandbrukAggregate['rows'][number]>();
  const unresolved = new Map<string, UnresolvedRows>();
  let rowsRead = 0;
  let decimalCommaRows = 0;
  let paddedNumbers = 0;
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    rowsRead++;
    if (record.length !== head.length) {
      problem(
        line,
        `${record.length} fields, the header has ${head.length}`,
        message('row_width', { file, line, fields: record.length, expected: head.length }),
      );
      continue;
    }
    const counts = new Map<string, number>();
    let ok = true;
    let comma = false;
    for (const f of fields) {
      const raw = (record[index.get(f) as number] ?? '').trim();
      if (raw === '') {
        counts.set(f, 0);
        continue;
      }
      const n = parseLocaleNumber(raw);
      // Negative deliveries occur (corrections, e.g. leveransedata-korn 2024-2025 line 3374): they count.
      if (n === undefined) {
        problem(
          line,
          `column ${f} has "${raw}", expected a number (decimal comma allowed) or an empty cell`,
          message('cell_invalid', { file, line, column: f, value: raw, expected: 'number' }),
        );
        ok = false;
        continue;
      }
      if (raw.includes(',')) comma = true;
      counts.set(f, n);
    }
    if (comma) decimalCommaRows++;
    if (kind.yearField) {
      const rawYear = (record[index.get(kind.yearField) as number] ?? '').trim();
      const y = parseLocaleNumber(rawYear);
      if (y === undefined || !Number.isInteger(y)) {
        problem(
          line,
          `column ${kind.yearField} is not a year`,
          message('cell_invalid', { file, line, column: kind.yearField, value: rawYear, expected: 'year' }),
        );
        ok = false;
      } else years.add(y);
    }
    const rawNumber = (record[index.get(kind.municipalityField) as number] ?? '').trim();
    if (!/^\d{1,4}$/.test(rawNumber)) {
      problem(
        line,
        `column ${kind.municipalityField} has "${rawNumber}", expected a municipality number`,
        message('cell_invalid', {
          file,
          line,
          column: kind.municipalityField,
          value: rawNumber,
          expected: 'municipality_number',
        }),
      );
      continue;
    }
    if (!ok) continue;
    if (rawNumber.length < 4) paddedNumbers++;
    const number = rawNumber.padStart(4, '0');
    const resolution = resolveMunicipality(registry, number);
    if (!resolution.ok) {
      const u = unresolved.get(number) ?? {
        number,
        rows: 0,
        reason: resolution.reason,
        detail: resolution.detail,
        candidates: resolution.candidates,
      };
      u.rows++;
      unresolved.set(number, u);
      continue;
    }
    let row = byMunicipality.get(resolution.number);
    if (!row) {
      row = {
        municipality: resolution.number,
        numbersInSource: [],
        farms: 0,
        values: Object.fromEntries(Object.keys(variables).map((v) => [v, 0])),
      };
      byMunicipality.set(resolution.number, row);
    }
    row.farms++;
    if (number !== resolution.number && !row.numbersInSource.includes(number))
      row.numbersInSource.push(number);
    const own: Record<string, number> = {};
    for (const [id, v] of Object.entries(variables)) {
      own[id] = v.fields.reduce((s, f) => s + (counts.get(f) ?? 0), 0);
      row.values[id] = (row.values[id] as number) + own[id];
    }
    if (options.onRecord) {
      const cells: Record<string, string | null> = {};
      for (const f of options.recordFields ?? []) {
        const i = index.get(f);
        cells[f] = i === undefined ? null : (record[i] ?? '').trim() || null;
      }
      options.onRecord({ line, municipality: resolution.number, values: own, fields: cells });
    }
  }
  if (rowsRead === 0)
    problem(1, 'no data rows under the header', message('data_rows_missing', { file, line: 1 }));
  let year = options.year;
  if (kind.yearField) {
    if (years.size > 1)
      problem(
        1,
        `${kind.yearField} holds more than one year: ${[...years].sort().join(', ')}`,
        message('years_mixed', { file, column: kind.yearField, years: [...years].sort() }),
      );
    const inFile = [...years][0];
    if (year !== undefined && inFile !== undefined && year !== inFile)
      problem(
        1,
        `the file is for ${inFile}, not ${year}`,
        message('year_mismatch', { file, inFile, asked: year }),
      );
    year = inFile ?? year;
  }
  if (year === undefined) {
    const m = /(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)/.exec(file.split(/[\\/]/).pop() ?? '');
    if (m) year = Number(m[1]);
  }
  if (year === undefined)
    problem(
      1,
      'the file has no year column and its name no year: give --year',
      message('year_unknown', { file }),
    );
  if (problems.count > 0) fail();

  // Sums of decimal numbers: round to the precision the files use (0.1 kg).
  for (const row of byMunicipality.values()) {
    row.numbersInSource.sort();
    for (const k of Object.keys(row.values)) row.values[k] = Math.round((row.values[k] as number) * 10) / 10;
  }
  return {
    file,
    kind: kindId,
    encoding: decoded.encoding,
    separator,
    year: year as number,
    rowsRead,
    decimalCommaRows,
    paddedNumbers,
    rows: [...byMunicipality.values()].sort((a, b) => a.municipality.localeCompare(b.municipality)),
    variables: Object.fromEntries(
      Object.entries(variables).map(([id, v]) => [id, { unit: v.unit, name: v.name }]),
    ),
    unresolved: [...unresolved.values()].sort((a, b) => a.number.localeCompare(b.number)),
  };
}

/** Fills `<year>` and `<year+1>` in a mapping text. */
export function fillYear(text: string, year: number): string {
  return text.replaceAll('<year+1>', String(year + 1)).replaceAll('<year>', String(year));
}
