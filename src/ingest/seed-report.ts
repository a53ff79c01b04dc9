/**
 * Tables transcribed from the seed report (shared/seed/report.txt) into reference-region.json:
 * `{columns, rows: {number: {column: value}}, sum: {column: value}}`.
 */
import { z } from 'zod';
import { AppError, type Issue } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import { issuesAt } from '../domain/schema-issues.ts';
import { problemsDetail } from './file-issues.ts';

export interface SeedTable {
  columns: string[];
  /** Municipality number as the report used it → column → value. */
  rows: Record<string, Record<string, number>>;
  sum: Record<string, number>;
}

const tableSchema = z.object({
  columns: z.array(z.string().regex(/^[a-z_]+$/)).min(1),
  rows: z.record(z.string().regex(/^\d{4}$/), z.record(z.string(), z.number().nonnegative())),
  sum: z.record(z.string(), z.number().nonnegative()),
});

/**
 * Reads table `key` of reference-region.json and checks it: every row and the sum have exactly the
 * listed columns, and each column's rows add up to its sum. Fails with every mismatch listed.
 */
export function parseSeedTable(json: unknown, key: string, file: string): SeedTable {
  const table = (json as Record<string, unknown> | null)?.[key];
  const r = tableSchema.safeParse(table);
  if (!r.success) {
    const issues = issuesAt(`${file}:${key}`, r.error.issues);
    throw new AppError('invalid_data', `${issues[0]?.path ?? `${file}:${key}`}: ${issues[0]?.message}`, {
      issues,
      detail: problemsDetail(file, issues),
    });
  }
  const { columns, rows, sum } = r.data;
  const issues: Issue[] = [];
  const expected = [...columns].sort().join(',');
  for (const [number, row] of Object.entries(rows)) {
    if (Object.keys(row).sort().join(',') !== expected) {
      issues.push({
        path: `${file}:${key}.rows.${number}`,
        message: `columns differ from ${columns.join(', ')}`,
        detail: message('seed_columns_differ', { columns }),
      });
    }
  }
  if (Object.keys(sum).sort().join(',') !== expected) {
    issues.push({
      path: `${file}:${key}.sum`,
      message: `columns differ from ${columns.join(', ')}`,
      detail: message('seed_columns_differ', { columns }),
    });
  }
  for (const column of columns) {
    const total = Object.values(rows).reduce((s, row) => s + (row[column] ?? 0), 0);
    if (total !== sum[column]) {
      issues.push({
        path: `${file}:${key}.sum.${column}`,
        message: `rows add up to ${total}, the table says ${sum[column]}`,
        detail: message('seed_sum_mismatch', { column, total, stated: sum[column] ?? 0 }),
      });
    }
  }
  if (issues.length > 0) {
    throw new AppError('invalid_data', `${issues[0]?.path}: ${issues[0]?.message}`, {
      issues,
      detail: message('file_has_problems', { file, count: issues.length }),
    });
  }
  return { columns, rows, sum };
}
