/**
 * Validation problems from zod as Restverdi's issues: each with a dotted path a person can follow and
 * a message code, so that a shell says what is wrong in the user's language (zod's own text stays as
 * the English `message`, for logs). A refinement of ours says what it means by putting a message in
 * the custom issue's `params` (`ctx.addIssue({ code: 'custom', message, params: message(…) })`).
 */
import type { z } from 'zod';
import type { Issue } from './errors.ts';
import { isMessage, type Message, message } from './message.ts';

/** The kinds of value zod names, as the catalogue words them. */
export const VALUE_TYPES = [
  'string',
  'number',
  'int',
  'boolean',
  'object',
  'array',
  'date',
  'null',
  'undefined',
  'bigint',
  'other',
] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

const asValueType = (t: unknown): ValueType =>
  (VALUE_TYPES as readonly unknown[]).includes(t) ? (t as ValueType) : 'other';

function receivedOf(issue: z.core.$ZodIssue): ValueType | null {
  if ('input' in issue) {
    const v = (issue as { input?: unknown }).input;
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'array';
    return asValueType(typeof v);
  }
  // Without the input, zod's own text still names what it got ("… received undefined").
  const m = /received (\w+)\s*$/.exec(issue.message);
  return m ? asValueType(m[1]) : null;
}

/** What one zod issue says, as a message. */
export function schemaIssueMessage(issue: z.core.$ZodIssue): Message {
  switch (issue.code) {
    case 'invalid_type': {
      const received = receivedOf(issue);
      return received === 'undefined'
        ? message('field_missing', { expected: asValueType(issue.expected) })
        : message('field_invalid_type', { expected: asValueType(issue.expected), received });
    }
    case 'too_small':
      return message('field_too_small', {
        origin: String(issue.origin),
        limit: Number(issue.minimum),
        inclusive: issue.inclusive ?? true,
      });
    case 'too_big':
      return message('field_too_big', {
        origin: String(issue.origin),
        limit: Number(issue.maximum),
        inclusive: issue.inclusive ?? true,
      });
    case 'invalid_value':
      return message('field_invalid_value', { values: issue.values.map((v) => String(v)) });
    case 'invalid_format':
      return message('field_invalid_format', {
        format: issue.format,
        pattern: 'pattern' in issue && typeof issue.pattern === 'string' ? issue.pattern : '',
      });
    case 'not_multiple_of':
      return message('field_not_multiple_of', { divisor: Number(issue.divisor) });
    case 'custom':
      if (isMessage(issue.params)) return issue.params as Message;
      return message('field_invalid', {});
    default:
      return message('field_invalid', {});
  }
}

/** Zod's issues as paths under `where` (body.steps[0].technology), each with its message code. */
export function issuesAt(where: string, issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.flatMap((i) => {
    const path = [where, ...i.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))]
      .filter((p) => p !== '')
      .join('.')
      .replace(/\.\[/g, '[');
    return i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({
          path: `${path}.${k}`,
          message: `unknown field "${k}"`,
          detail: message('field_unknown', { key: k }),
        }))
      : [{ path, message: i.message, detail: schemaIssueMessage(i) }];
  });
}
