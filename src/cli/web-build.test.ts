import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webBuildIsStale } from './web-build.ts';

describe('webBuildIsStale', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const setUp = () => {
    root = mkdtempSync(join(tmpdir(), 'restverdi-webbuild-'));
    mkdirSync(join(root, 'src', 'pages'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'src', 'pages', 'a.tsx'), 'export {}');
    const old = new Date('2026-01-01T00:00:00Z');
    for (const f of ['index.html', 'src/pages/a.tsx', 'src/pages', 'src'])
      utimesSync(join(root, f), old, old);
  };
  const build = (at: string) => {
    mkdirSync(join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'dist', 'index.html'), 'built');
    utimesSync(join(root, 'dist', 'index.html'), new Date(at), new Date(at));
  };

  it('builds when there is no build', () => {
    setUp();
    expect(webBuildIsStale(root)).toBe(true);
  });

  it('keeps a build newer than every source, and rebuilds when a nested source changes', () => {
    setUp();
    build('2026-02-01T00:00:00Z');
    expect(webBuildIsStale(root)).toBe(false);
    const later = new Date('2026-03-01T00:00:00Z');
    utimesSync(join(root, 'src', 'pages', 'a.tsx'), later, later);
    expect(webBuildIsStale(root)).toBe(true);
  });
});
