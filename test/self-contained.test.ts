/**
 * The repository stands on its own: nothing in src, test, bench or scripts reaches outside it for a
 * file (the workplace's shared folder beside a clone is not there on a fresh machine). Fixtures are
 * copied into test/fixtures, each folder with its source.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === 'snapshots' ? [] : files(path);
    return /\.(ts|tsx|js|mjs|sh)$/.test(e.name) ? [path] : [];
  });
}

describe('the repository', () => {
  const code = ['src', 'test', 'bench', 'scripts', 'web/src', '.ci'].flatMap((d) => files(join(ROOT, d)));

  it('reads nothing from a shared folder beside it', () => {
    // A path that climbs out of the repository into shared/, in any spelling a reader would use.
    const outside = /(\.\.\/)+shared\b|['"`]\.\.['"`]\s*,\s*['"`]shared['"`]|\/work\/shared/;
    const self = join(ROOT, 'test/self-contained.test.ts');
    const wrong = code.filter((f) => f !== self && outside.test(readFileSync(f, 'utf8')));
    expect(wrong.map((f) => f.slice(ROOT.length + 1))).toEqual([]);
  });

  it('names the source of every fixture folder', () => {
    const dir = join(ROOT, 'test/fixtures');
    const folders = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.length).toBeGreaterThan(0);
    for (const f of folders) {
      const readme = ['README.md', 'SOURCE.md'].map((n) => join(dir, f.name, n)).find((p) => existsSync(p));
      expect(readme, `test/fixtures/${f.name} has no README.md or SOURCE.md`).toBeDefined();
    }
  });
});
