/**
 * The layers of DESIGN.md, checked on the source: shells (cli, server, report) → application (app) →
 * domain, store, ingest, solver; the domain imports nothing of the others; SQL only in the store;
 * data/ read only by the workspace's loader.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sources(SRC).map((path) => ({
  path: relative(SRC, path),
  layer: relative(SRC, path).split('/')[0] as string,
  text: readFileSync(path, 'utf8'),
}));

/**
 * Relative imports of a file that bring code, as paths under src/. A type-only import (`import type`)
 * is left out: a shell may name a type from below, it may not call below.
 */
function importsOf(file: { path: string; text: string }): string[] {
  const specs = [
    ...file.text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'/gms),
    ...file.text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g),
  ].map((m) => m[1] as string);
  return specs.map((s) => relative(SRC, resolve(SRC, dirname(file.path), s)));
}

/** Which layers each layer may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  messages: ['domain'],
  ingest: ['domain'],
  store: ['domain'],
  solver: ['domain'],
  app: ['domain', 'ingest', 'store', 'solver', 'messages'],
  report: ['app', 'domain', 'messages'],
  server: ['app', 'domain', 'messages'],
  cli: ['app', 'domain', 'messages', 'report', 'server'],
};

/** Opening the store is the one thing a shell does below the application layer. */
const STORE_OPENING = 'store/database.ts';

describe('the layers', () => {
  it('knows every folder of src', () => {
    expect([...new Set(files.map((f) => f.layer))].sort()).toEqual(
      Object.keys(ALLOWED)
        .filter((l) => files.some((f) => f.layer === l))
        .sort(),
    );
  });

  it('imports only downward: shells → app → domain, store, ingest, solver', () => {
    const wrong: string[] = [];
    for (const f of files) {
      for (const target of importsOf(f)) {
        const layer = target.split('/')[0] as string;
        if (layer === f.layer || ALLOWED[f.layer]?.includes(layer)) continue;
        if (target === STORE_OPENING && ['cli', 'server'].includes(f.layer)) continue;
        wrong.push(`${f.path} imports ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the domain free of I/O, clocks and unseeded randomness', () => {
    const wrong = files
      .filter((f) => f.layer === 'domain')
      .filter((f) => /from 'node:|Date\.now\(|new Date\(\)|Math\.random\(/.test(f.text))
      .map((f) => f.path);
    expect(wrong).toEqual([]);
  });

  it('writes SQL only in the store', () => {
    const sqlish = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto)\(|\bsql`|\bsql\.raw\(/;
    const wrong = files.filter((f) => f.layer !== 'store' && sqlish.test(f.text)).map((f) => f.path);
    expect(wrong).toEqual([]);
  });

  it('reads data/ only through the workspace loader', () => {
    // The loader (app/data-files.ts) is the only caller of ingest's file readers with the data folder;
    // shells never see the folder at all.
    const loaders =
      /\b(loadReferenceData|loadLibrary|loadCentroids|loadTransport|loadSectorMapping|loadSn2007Codes|loadSn2025Codes|regionStatements)\(/;
    const wrong = files
      // The workspace passes the default folder to the loader; nothing else names it.
      .filter((f) => !['app/data-files.ts', 'app/workspace.ts'].includes(f.path) && f.layer !== 'ingest')
      .filter((f) => loaders.test(f.text) || /DEFAULT_DATA_DIR/.test(f.text))
      .map((f) => f.path);
    expect(wrong).toEqual([]);
    const shellsWithDataDir = files
      // Naming the folder to open (an option) is the shell's; reading it off the data is not.
      .filter(
        (f) =>
          ['cli', 'server', 'report'].includes(f.layer) &&
          /\b(?:data|state|reference|ctx\.data\(\)|ctx\.data)\.dataDir\b/.test(f.text),
      )
      .map((f) => f.path);
    expect(shellsWithDataDir).toEqual([]);
  });
});
