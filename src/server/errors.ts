/**
 * One error shape for the API: `{ "error": { "code", "message", "issues": [{ "path", "message" }] } }`.
 * The status follows from the code; anything that is not an AppError is a bug: logged with the
 * request id, answered with 500 and no internals.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { issuesAt } from '../app/issues.ts';
import type { AppError, ErrorCode, Issue } from '../domain/errors.ts';
import { type Message, message } from '../domain/message.ts';
import { type Names, renderMessage } from '../messages/catalogue.ts';
import type { Lang } from '../messages/format.ts';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  unknown_region: 404,
  unknown_municipality: 404,
  unknown_kind: 404,
  unknown_profile: 404,
  unknown_coefficient: 404,
  unknown_statistic: 404,
  unknown_technology: 404,
  unknown_product: 404,
  unknown_scenario: 404,
  not_found: 404,
  ineligible_route: 400,
  missing_statistics: 400,
  unit_mismatch: 400,
  invalid_input: 400,
  conflict: 409,
  payload_too_large: 413,
  infeasible: 400,
  forbidden: 403,
  unauthenticated: 401,
  invalid_data: 500,
};

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code];
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_input' }),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

/** At most this many issues in one answer: enough to fix a file, not so many that the answer dwarfs the request. */
export const MAX_ISSUES = 100;

/**
 * The error answer in the language: the message and every issue rendered from their codes (an
 * English text stands only where no code was given). Past MAX_ISSUES one issue says how many more.
 */
export function errorJson(
  lang: Lang,
  code: string,
  said: Message | string,
  issues: Issue[] = [],
  requestId?: string,
  names: Names = {},
) {
  const render = (m: Message | undefined, english: string) => (m ? renderMessage(m, lang, names) : english);
  const shown = issues
    .slice(0, MAX_ISSUES)
    .map((i) => ({ path: i.path, message: render(i.detail, i.message) }));
  if (issues.length > MAX_ISSUES)
    shown.push({
      path: '…',
      message: renderMessage(message('issues_more', { count: issues.length - MAX_ISSUES }), lang),
    });
  const text = typeof said === 'string' ? said : renderMessage(said, lang, names);
  return { error: { code, message: text, issues: shown, ...(requestId ? { requestId } : {}) } };
}

/** The request's language (set by createApp's middleware; bokmål where a route runs without it). */
export function langOf(c: Context): Lang {
  return c.get('lang') ?? 'nb';
}

/**
 * The error in the request's language where it carries a message code (English otherwise), kinds and
 * municipalities by name where `names` knows them.
 */
export function respondError(c: Context, error: AppError, names: Names = {}) {
  return c.json(
    errorJson(langOf(c), error.code, error.detail ?? error.message, error.issues, undefined, names),
    statusOf(error.code),
  );
}

/** zod issues as our issues: each with a dotted path (query.year, body.steps[0].technology). */
export function zodIssues(target: string, issues: readonly z.core.$ZodIssue[]): Issue[] {
  // Hono calls the request body "json"; our messages call it what the user sent: the body.
  return issuesAt(target === 'json' ? 'body' : target, issues);
}

export const errorResponses = {
  400: {
    description: 'Invalid input; every problem is listed',
    content: { 'application/json': { schema: ErrorSchema } },
  },
  404: { description: 'Unknown id', content: { 'application/json': { schema: ErrorSchema } } },
} as const;
