/**
 * The input schemas the shells validate requests with, from the ingest layer's zod schemas, so the
 * API's contract and the files' are the same rules.
 */
export { safeText } from '../ingest/schemas.ts';
