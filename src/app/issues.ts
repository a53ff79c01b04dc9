/** Validation problems from zod as Restverdi's issues: each with a dotted path a person can follow. */
import type { z } from 'zod';
import type { Issue } from '../domain/errors.ts';

/** Zod's issues as paths under `where` (body.steps[0].technology). */
export function issuesAt(where: string, issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.flatMap((i) => {
    const path = [where, ...i.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))]
      .join('.')
      .replace(/\.\[/g, '[');
    return i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: `${path}.${k}`, message: `unknown field "${k}"` }))
      : [{ path, message: i.message }];
  });
}
