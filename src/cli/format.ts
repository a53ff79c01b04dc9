/** Output helpers for the CLI: numbers for people (bokmål by default), tables, CSV and JSON. */
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../domain/errors.ts';

export type Lang = 'nb' | 'en';
export type Format = 'table' | 'json' | 'csv';

const LOCALES: Record<Lang, string> = { nb: 'nb-NO', en: 'en-GB' };

export function keyword<T extends string>(input: string, name: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(input)) return input as T;
  throw new AppError('invalid_input', `invalid ${name}: ${input} (use ${allowed.join(', ')})`);
}

/** Formats a number for the language: "58 802" in bokmål, "58,802" in English. */
export function formatNumber(value: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(LOCALES[lang], {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

/** A significant-digit format for coefficients (0.0938 rather than 0). */
export function formatCoefficient(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumSignificantDigits: 4 }).format(value);
}

export function renderTable(
  head: string[],
  rows: (string | number)[][],
  alignRight: boolean[] = [],
  /** Column widths; a column with a width wraps its text at word boundaries. */
  widths?: (number | null)[],
): string {
  const table = new Table({
    head,
    ...(widths ? { colWidths: widths, wordWrap: true } : {}),
    style: { head: [], border: [] },
    colAligns: head.map((_, i) => (alignRight[i] ? 'right' : 'left')),
  });
  for (const r of rows) table.push(r.map(String));
  return table.toString();
}

export function renderCsv(records: Record<string, unknown>[], columns: string[]): string {
  return stringify(records, { header: true, columns });
}

export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
