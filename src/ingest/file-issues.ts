/**
 * How the readers report a file's problems: zod's issues under the file's name, and a list of row
 * problems that ends in one error naming the file (the first problem itself when it is the only one).
 */
import type { z } from 'zod';
import { AppError, type ErrorCode, type Issue } from '../domain/errors.ts';
import { type Message, message } from '../domain/message.ts';
import { issuesAt } from '../domain/schema-issues.ts';

/** Zod's issues as `file:path` (`file:(top level)` for the file as a whole). */
export function issuesInFile(file: string, issues: readonly z.core.$ZodIssue[], separator = ':'): Issue[] {
  // issuesAt joins under a non-empty `where`; with none, an unknown key at the top reads `.key`.
  return issuesAt('', issues).map((i) => ({
    ...i,
    path: `${file}${separator}${i.path.replace(/^\./, '') || '(top level)'}`,
  }));
}

/** The summary of a file's problems: the problem itself when there is one, else their count. */
export function problemsDetail(file: string, issues: readonly Issue[], count = issues.length): Message {
  const only = count === 1 ? issues[0]?.detail : undefined;
  return only ?? message('file_has_problems', { file, count });
}

/** Row problems of one file, at most `max` kept (all counted), thrown as one error by `fail`. */
export function problemList(file: string, max = 50) {
  const issues: Issue[] = [];
  let count = 0;
  return {
    issues,
    get count() {
      return count;
    },
    add(path: string, english: string, detail: Message): void {
      count++;
      if (issues.length < max) issues.push({ path, message: english, detail });
    },
    /** Throws `first path: first message (and n more)`, in English, with the summary as detail. */
    fail(code: ErrorCode = 'invalid_data'): never {
      const first = issues[0] as Issue;
      const more = count > 1 ? ` (and ${count - 1} more)` : '';
      throw new AppError(code, `${first.path}: ${first.message}${more}`, {
        issues,
        detail: problemsDetail(file, issues, count),
      });
    },
  };
}

/** The line csv-parse names in its error, if any. */
export function csvErrorLine(error: unknown): number | null {
  const lines = (error as { lines?: unknown }).lines;
  return typeof lines === 'number' ? lines : null;
}

/**
 * What csv-parse's error means, as a message: a row of the wrong width, or CSV that cannot be read.
 * csv-parse words its record-length error "Invalid Record Length: expect 10, got 11 on line 3".
 */
export function csvErrorMessage(file: string, error: unknown): Message {
  const line = csvErrorLine(error);
  const width = /expect (\d+), got (\d+)/.exec((error as Error).message ?? '');
  if (width && line !== null)
    return message('row_width', { file, line, fields: Number(width[2]), expected: Number(width[1]) });
  return message('csv_invalid', { file, line });
}
