/** Output helpers for the CLI: numbers for people (bokmål by default), tables, CSV and JSON. */
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';

import { LANGS, type Lang } from '../messages/format.ts';

export type { Lang } from '../messages/format.ts';
export type Format = 'table' | 'json' | 'csv';

export function keyword<T extends string>(input: string, name: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(input)) return input as T;
  throw new AppError('invalid_input', `invalid ${name}: ${input} (use ${allowed.join(', ')})`, {
    detail: message('invalid_choice', { name, input, allowed: [...allowed] }),
  });
}

/** A command's `--lang`: nb or en (every command takes it; bokmål is the default). */
export function parseLangOption(input: string): Lang {
  return keyword(input, 'lang', LANGS);
}

/** Numbers for people: the one formatter of src/messages ("58 802" in bokmål, "58,802" in English). */
export { formatCoefficient, formatNumber } from '../messages/format.ts';

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
