/**
 * Livestock per municipality from Landbruksdirektoratet's produksjonstilskudd del 1 (animals on 1 March),
 * one row per farm. Which columns make which animal category is data:
 * data/mappings/produksjonstilskudd-livestock.json. File format: data/sources/landbruk-ldir/SOURCE.md.
 */
import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { type Message, message } from '../domain/message.ts';
import {
  type MunicipalityRegistry,
  normaliseMunicipalityNumber,
  resolveMunicipality,
} from '../domain/municipalities.ts';
import { csvErrorLine, csvErrorMessage, issuesInFile, problemList, problemsDetail } from './file-issues.ts';

const field = z.string().regex(/^[a-z0-9_]+$/);

export const livestockMappingSchema = z
  .object({
    source: z.string().min(1),
    municipalityField: field,
    otherFields: z.record(field, z.string().min(1)),
    categories: z.record(
      z.string().regex(/^[a-z_]+$/),
      z.object({
        fields: z.array(field).min(1),
        name: z.object({ nb: z.string().min(1), en: z.string().min(1) }),
      }),
    ),
    excluded: z.record(field, z.object({ reason: z.string().min(1), subsetOf: z.array(field).optional() })),
  })
  .superRefine((m, ctx) => {
    // Owners are named by where they are in the mapping (categories.hest), the same in every language.
    const owner = new Map<string, string>();
    const claim = (f: string, by: string) => {
      const prev = owner.get(f);
      if (prev)
        ctx.addIssue({
          code: 'custom',
          message: `field ${f} is claimed by both ${prev} and ${by}`,
          params: message('mapping_field_twice', { field: f, first: prev, second: by }),
        });
      owner.set(f, by);
    };
    claim(m.municipalityField, 'municipalityField');
    for (const f of Object.keys(m.otherFields)) claim(f, 'otherFields');
    for (const [id, c] of Object.entries(m.categories))
      for (const f of c.fields) claim(f, `categories.${id}`);
    for (const f of Object.keys(m.excluded)) claim(f, 'excluded');
    for (const [f, e] of Object.entries(m.excluded)) {
      for (const s of e.subsetOf ?? []) {
        if (!owner.get(s)?.startsWith('categories.')) {
          ctx.addIssue({
            code: 'custom',
            path: ['excluded', f, 'subsetOf'],
            message: `excluded ${f} is a subset of ${s}, which is no category field`,
            params: message('mapping_subset_not_category', { field: f, subsetOf: s }),
          });
        }
      }
    }
  });

export type LivestockMapping = z.infer<typeof livestockMappingSchema>;

/** Validates a parsed mapping file; `file` names it in the error. */
export function parseLivestockMapping(json: unknown, file: string): LivestockMapping {
  const r = livestockMappingSchema.safeParse(json);
  if (r.success) return r.data;
  const issues = issuesInFile(file, r.error.issues);
  throw new AppError('invalid_data', `${file}: invalid livestock mapping: ${issues[0]?.message}`, {
    issues,
    detail: problemsDetail(file, issues),
  });
}

export interface UnresolvedNumber {
  /** The number as written in the file, left-padded to four digits. */
  number: string;
  rows: number;
  reason: string;
  candidates: string[];
  /** Animals on those rows per category: counted, but given to no municipality. */
  totals: Record<string, number>;
}

export interface LivestockReport {
  file: string;
  rowsRead: number;
  /** Rows whose number could not be mapped to today's municipality (unknown or split). */
  unresolved: UnresolvedNumber[];
  /** Sum per category over every row, resolved or not. */
  totals: Record<string, number>;
  /** Per excluded field with `subsetOf`: rows where it exceeds the sum of its superset (0 = subset holds). */
  subsetViolations: Record<string, number>;
}

export interface LivestockRow {
  municipality: string;
  /** The numbers the file used for this municipality when they differ from today's. */
  numbersInSource: string[];
  values: Record<string, number>;
}

export interface LivestockAggregate {
  /** Sorted by municipality number. */
  rows: LivestockRow[];
  report: LivestockReport;
}

const MAX_ISSUES = 50;

/**
 * Streams a produksjonstilskudd del-1 CSV (UTF-8, optional BOM, `;`, CRLF or LF, empty cell = 0) and sums
 * the animals of each category per today's municipality. Every column must be mapped or excluded, so a
 * changed layout cannot be half-read. All bad rows are collected before failing with `invalid_data`.
 */
export async function aggregateLivestock(
  input: Readable | Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>,
  options: { file: string; mapping: LivestockMapping; registry: MunicipalityRegistry },
): Promise<LivestockAggregate> {
  const { file, mapping, registry } = options;
  const categoryIds = Object.keys(mapping.categories).sort();
  const countFields = new Set([
    ...Object.values(mapping.categories).flatMap((c) => c.fields),
    ...Object.keys(mapping.excluded),
  ]);
  const known = new Set([mapping.municipalityField, ...Object.keys(mapping.otherFields), ...countFields]);

  const problems = problemList(file, MAX_ISSUES);
  const addIssue = (line: number, english: string, detail: Message) =>
    problems.add(`${file}:${line}`, english, detail);

  const zero = () => Object.fromEntries(categoryIds.map((id) => [id, 0])) as Record<string, number>;
  const byMunicipality = new Map<string, LivestockRow>();
  const unresolved = new Map<string, UnresolvedNumber>();
  const totals = zero();
  const subsetViolations: Record<string, number> = {};
  for (const [f, e] of Object.entries(mapping.excluded)) if (e.subsetOf) subsetViolations[f] = 0;

  const parser = parse({
    delimiter: ';',
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_quotes: false,
  });
  const records = pipeline(Readable.from(input), parser, () => {});

  let header: string[] | undefined;
  let index = new Map<string, number>();
  let rowsRead = 0;
  try {
    for await (const { record, info } of records as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = info.lines;
      if (!header) {
        header = record.map((h) => h.trim());
        index = new Map(header.map((h, i) => [h, i]));
        if (index.size !== header.length)
          addIssue(
            line,
            'duplicate column names in the header',
            message('columns_duplicate', { file, line }),
          );
        for (const h of header) {
          if (!known.has(h))
            addIssue(
              line,
              `column ${h} is neither mapped nor excluded in the livestock mapping`,
              message('column_unmapped', { file, line, column: h }),
            );
        }
        for (const f of known)
          if (!index.has(f))
            addIssue(
              line,
              `column ${f} of the livestock mapping is missing`,
              message('column_missing', { file, line, column: f }),
            );
        if (problems.count > 0) break;
        continue;
      }
      rowsRead++;
      const counts = new Map<string, number>();
      let rowOk = true;
      for (const f of countFields) {
        const raw = (record[index.get(f) as number] ?? '').trim();
        if (raw === '') {
          counts.set(f, 0);
        } else if (/^\d+$/.test(raw)) {
          counts.set(f, Number(raw));
        } else {
          addIssue(
            line,
            `column ${f} has "${raw}", expected a whole number of animals or an empty cell`,
            message('cell_invalid', { file, line, column: f, value: raw, expected: 'animal_count' }),
          );
          rowOk = false;
        }
      }
      let number: string;
      const rawNumber = record[index.get(mapping.municipalityField) as number] ?? '';
      try {
        number = normaliseMunicipalityNumber(rawNumber);
      } catch (error) {
        addIssue(
          line,
          `column ${mapping.municipalityField}: ${(error as Error).message}`,
          message('cell_invalid', {
            file,
            line,
            column: mapping.municipalityField,
            value: rawNumber.trim(),
            expected: 'municipality_number',
          }),
        );
        continue;
      }
      if (!rowOk) continue;

      const values = zero();
      for (const id of categoryIds) {
        for (const f of mapping.categories[id]?.fields ?? [])
          values[id] = (values[id] as number) + (counts.get(f) ?? 0);
        totals[id] = (totals[id] as number) + (values[id] as number);
      }
      for (const [f, e] of Object.entries(mapping.excluded)) {
        if (!e.subsetOf) continue;
        const whole = e.subsetOf.reduce((s, g) => s + (counts.get(g) ?? 0), 0);
        if ((counts.get(f) ?? 0) > whole) subsetViolations[f] = (subsetViolations[f] as number) + 1;
      }

      const resolution = resolveMunicipality(registry, number);
      if (!resolution.ok) {
        const u = unresolved.get(number) ?? {
          number,
          rows: 0,
          reason: resolution.reason,
          candidates: resolution.candidates,
          totals: zero(),
        };
        u.rows++;
        for (const id of categoryIds) u.totals[id] = (u.totals[id] as number) + (values[id] as number);
        unresolved.set(number, u);
        continue;
      }
      let row = byMunicipality.get(resolution.number);
      if (!row) {
        row = { municipality: resolution.number, numbersInSource: [], values: zero() };
        byMunicipality.set(resolution.number, row);
      }
      if (number !== resolution.number && !row.numbersInSource.includes(number))
        row.numbersInSource.push(number);
      for (const id of categoryIds) row.values[id] = (row.values[id] as number) + (values[id] as number);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const csvLine = csvErrorLine(error);
    const detail = csvErrorMessage(file, error);
    throw new AppError('invalid_data', `${file}:${csvLine ?? '?'}: ${(error as Error).message}`, {
      cause: error,
      detail,
      issues: [{ path: `${file}:${csvLine ?? '?'}`, message: (error as Error).message, detail }],
    });
  } finally {
    parser.destroy();
  }

  if (!header && problems.count === 0) addIssue(1, 'the file is empty', message('file_empty', { file }));
  if (problems.count > 0) problems.fail();

  for (const row of byMunicipality.values()) row.numbersInSource.sort();
  return {
    rows: [...byMunicipality.values()].sort((a, b) => a.municipality.localeCompare(b.municipality)),
    report: {
      file,
      rowsRead,
      unresolved: [...unresolved.values()].sort((a, b) => a.number.localeCompare(b.number)),
      totals,
      subsetViolations,
    },
  };
}
