/**
 * The one error type of Restverdi. Codes are a closed set so every layer can map them
 * (the CLI to exit codes, the API to HTTP statuses) without parsing messages.
 */
import type { Message } from './message.ts';
export type ErrorCode =
  | 'unknown_region'
  | 'unknown_municipality'
  | 'unknown_kind'
  | 'unknown_profile'
  | 'unknown_coefficient'
  | 'unknown_statistic'
  | 'unknown_technology'
  | 'unknown_product'
  | 'unknown_scenario'
  | 'ineligible_route'
  | 'missing_statistics'
  | 'unit_mismatch'
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'invalid_data'
  | 'forbidden'
  | 'unauthenticated'
  | 'infeasible';

export interface Issue {
  /** Where the problem is: a file, a JSON path, a record position. */
  path: string;
  /** In English, for logs; shells render `detail` in the user's language when it is there. */
  message: string;
  detail?: Message;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[];
  /** The error as a message code, for shells to render in the user's language (`message` is English). */
  readonly detail: Message | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: Issue[]; cause?: unknown; detail?: Message } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.detail = options.detail;
  }
}

/** Errors a user can fix by changing their input (exit code 2 in the CLI, 4xx in the API). */
export function isUserError(error: unknown): error is AppError {
  return error instanceof AppError && error.code !== 'invalid_data';
}
