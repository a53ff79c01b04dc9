/** Validation problems from zod as Restverdi's issues (the domain's, so that readers below share it). */
export { issuesAt } from '../domain/schema-issues.ts';
