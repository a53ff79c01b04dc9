/**
 * The harness of the same-answers suites: each case is one request put to the CLI (`--format json`)
 * and to the API, and both must give the same JSON (the same task in src/app answers both). Failures
 * name the same problem: the API's message and every issue appear on the CLI's stderr, exit code 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorBody, openTestApi, type TestApi } from './api.ts';
import { run } from './cli.ts';
import { testDialects } from './stores.ts';

export interface Case {
  name: string;
  /** The CLI's arguments without `--format json`. */
  cli: string[];
  api: string;
}

export function sameAnswers(title: string, answers: Case[], failures: Case[]): void {
  describe.each(testDialects())(`${title} (%s)`, (dialect) => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(dialect);
    });
    afterAll(() => api.store.dispose());

    it.each(answers)('$name', async ({ cli, api: path }) => {
      const r = await run(...cli, '--format', 'json');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const res = await api.request(path);
      const body = await res.text();
      expect(res.status, body.slice(0, 300)).toBe(200);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(body));
    });

    it.each(failures)('fails alike: $name', async ({ cli, api: path }) => {
      const r = await run(...cli, '--format', 'json');
      const res = await api.request(path);
      const { error } = (await res.json()) as { error: ErrorBody };
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      // The API checks its query with a schema at the edge (its message names the parameter); the
      // task's own errors carry the same message and issues in both.
      if (error.code !== 'invalid_input') {
        expect(r.stderr).toContain(error.message);
        for (const i of error.issues) expect(r.stderr).toContain(`${i.path}: ${i.message}`);
      }
    });
  });
}
