/**
 * The texts our data carries to people exist in bokmål and English: every user-facing text field of
 * every file under data/ is {nb, en}, and the bokmål never reads as English. Citations and source
 * titles stay as they are (a title is a title), and so do names of places, plants and organisations.
 * The audit's statements, built from the data, are held to the same.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditStatements } from '../src/app/audit.ts';
import { audit } from '../src/domain/audit.ts';
import type { Label, Message } from '../src/domain/message.ts';
import { findRegion } from '../src/domain/regions.ts';
import type { Text } from '../src/domain/text.ts';
import { loadLibrary } from '../src/ingest/library.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';
import { seedSchema, seedStatements, textFiguresSchema } from '../src/ingest/seed-statements.ts';
import { renderMessage } from '../src/messages/catalogue.ts';
import { ENGLISH as ENGLISH_WORDS } from '../src/messages/words/tell-tales.ts';

const DATA = fileURLToPath(new URL('../data/', import.meta.url));

/** Files whose words are their source's: transcriptions, extracts and what is generated from them. */
const SOURCE_WORDS = [
  /^sources\//,
  /^municipalities\//,
  /^statistics\//,
  /^mappings\//,
  /^ssb\//,
  /^roads\//,
];

/** Keys whose value is a citation or a file's note to its maintainers, never shown as prose. */
const CITATIONS = new Set(['source', 'legalSource', 'sources']);

/** Keys whose string value a user reads (in the API, the CLI, the report or the web app). */
const TEXT_KEYS = new Set([
  'description',
  'rule',
  'regulatoryNote',
  'replaces',
  'note',
  'name',
  'title',
  'yearNote',
  'against',
  'method',
]);

/** Names of places, plants and regions: the same in both languages. */
const PROPER_NAMES = [
  /^regions\/[^/]+:name$/,
  /^regions\/[^/]+:subRegions\[\d+\]\.name$/,
  /^sites\/[^/]+:sites\[\d+\]\.name$/,
];

interface Found {
  where: string;
  value: unknown;
}

function dataFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return dataFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** Every value under a text key, with `file:path`, outside citations. */
function textFields(file: string, json: unknown): Found[] {
  const out: Found[] = [];
  const walk = (v: unknown, path: string, key: string | undefined) => {
    if (key !== undefined && CITATIONS.has(key)) return;
    if (key !== undefined && TEXT_KEYS.has(key) && (typeof v === 'string' || isText(v))) {
      out.push({ where: `${file}:${path}`, value: v });
      return;
    }
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`, key);
    } else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, k);
  };
  walk(json, '', undefined);
  return out;
}

function isText(v: unknown): v is Text {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v).sort();
  return keys.length === 2 && keys[0] === 'en' && keys[1] === 'nb';
}

/** Quotations keep their own language («…», "…", '…'); ids, units and formulae carry no words. */
function prose(nb: string): string {
  return nb
    .replace(/«[^»]*»|"[^"]*"|“[^”]*”|'[^']*'/g, '')
    .replace(/\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g, '')
    .replace(/\([^()]*\b(?:coefficients\.md|report\.txt)[^()]*\)/g, '');
}

/** Texts in bokmål that read as English: a word of the catalogue's English list outside quotations. */
function englishIn(nb: string): string | undefined {
  return prose(nb).match(ENGLISH_WORDS)?.[0];
}

const files = dataFiles(DATA)
  .map((path) => relative(DATA, path).split('\\').join('/'))
  .filter((file) => !SOURCE_WORDS.some((p) => p.test(file)))
  .sort();
const fields = files.flatMap((file) => textFields(file, JSON.parse(readFileSync(join(DATA, file), 'utf8'))));
const texts = fields.filter((f): f is { where: string; value: Text } => isText(f.value));
const strings = fields.filter((f) => typeof f.value === 'string');

describe('texts the data carries', () => {
  it('walks the files we write ourselves (not the sources’ transcriptions)', () => {
    for (const file of ['eligibility.json', 'current-uses.json', 'residue-kinds.json', 'technologies.json']) {
      expect(files).toContain(file);
    }
    expect(files.some((f) => f.startsWith('sources/'))).toBe(false);
  });

  it('has every user-facing text in bokmål and English', () => {
    const oneLanguage = strings
      .filter((f) => !PROPER_NAMES.some((p) => p.test(f.where)))
      .map((f) => `${f.where}: ${String(f.value).slice(0, 60)}`);
    expect(oneLanguage).toEqual([]);
  });

  it('checks the texts it should: every rule, current use, kind, technology and product', () => {
    const count = (pattern: RegExp) => texts.filter((t) => pattern.test(t.where)).length;
    const raw = (file: string) => JSON.parse(readFileSync(join(DATA, file), 'utf8'));
    expect(count(/^eligibility\.json:rules\[\d+\]\.rule$/)).toBe(raw('eligibility.json').rules.length);
    expect(count(/^current-uses\.json:uses\[\d+\]\.description$/)).toBe(raw('current-uses.json').uses.length);
    const kinds = raw('residue-kinds.json').kinds.length;
    expect(count(/^residue-kinds\.json:kinds\[\d+\]\.description$/)).toBe(kinds);
    expect(count(/^residue-kinds\.json:kinds\[\d+\]\.regulatoryNote$/)).toBe(kinds);
    expect(count(/^technologies\.json:technologies\[\d+\]\.description$/)).toBe(
      raw('technologies.json').technologies.length,
    );
    expect(count(/^products\.json:products\[\d+\]\.description$/)).toBe(raw('products.json').products.length);
    expect(count(/\.replaces$/)).toBeGreaterThanOrEqual(9);
    const coefficients = ['literature', 'report'].reduce(
      (n, p) => n + raw(`coefficients/${p}.json`).coefficients.length,
      0,
    );
    expect(count(/^coefficients\/[^/]+:coefficients\[\d+\]\.name$/)).toBe(coefficients);
    // Rules, uses, kinds, technologies, products, replacements, and every coefficient's, price's,
    // recipe's, profile's, region's, site's and scenario's words.
    expect(texts.length).toBeGreaterThanOrEqual(680);
  });

  it.each(texts.map((t) => [t.where, t.value] as const))('%s reads in bokmål and in English', (where, t) => {
    expect(t.nb.trim(), where).not.toBe('');
    expect(t.en.trim(), where).not.toBe('');
    expect(englishIn(t.nb), `${where} (bokmål): ${t.nb}`).toBeUndefined();
    // A long text that is the same in both is not translated.
    if (t.en.length > 40) expect(t.nb, where).not.toBe(t.en);
  });

  it('catches a text in one language and a bokmål text in English (it cannot pass vacuously)', () => {
    const planted = textFields('eligibility.json', {
      rules: [{ rule: 'Manure may not go to feed' }, { rule: { nb: 'Manure is not feed', en: 'x' } }],
    });
    expect(planted.map((f) => typeof f.value)).toEqual(['string', 'object']);
    const second = planted[1]?.value as Text;
    expect(englishIn(second.nb)).toBe('is');
    expect(englishIn('Husdyrgjødsel kan ikke gå til fôr («not as substrate»)')).toBeUndefined();
  });
});

describe('the audit’s statements, built from the data', () => {
  const data = loadReferenceData(DATA);
  const lib = loadLibrary(data.kinds, DATA);
  const region = findRegion(data.regions, 'gjovik-hadeland-ringerike');
  const seedFile = region.seedReport as string;
  const seed = seedSchema.parse(JSON.parse(readFileSync(join(DATA, seedFile), 'utf8')));
  const text = textFiguresSchema.parse(
    JSON.parse(readFileSync(join(DATA, seedFile.replace(/[^/]+$/, 'report-text-figures.json')), 'utf8')),
  );
  const statements = auditStatements(
    { files: { seedReport: () => ({ file: seedFile, seed, text }) }, library: lib },
    data,
    region,
  );
  /** A label as a user reads it in bokmål (a range's citation is no part of it: the finding carries it). */
  const nb = (m: Label) => renderMessage(m, 'nb');
  const labels = statements.flatMap((s) => [
    s.label,
    s.where,
    ...(s.kind === 'range' ? [s.reference.what] : []),
    ...(s.kind === 'product' && s.explanation ? [s.explanation] : []),
  ]);
  const terms = statements.flatMap((s) =>
    s.kind === 'product' ? s.factors : s.kind === 'sum' ? s.parts : s.kind === 'balance' ? s.outputs : [],
  );

  it('has a label message for every statement, what it is checked against and why it is off', () => {
    expect(statements.length).toBeGreaterThan(100);
    expect(labels.length).toBeGreaterThan(statements.length);
    for (const l of labels) expect(l.code, JSON.stringify(l)).toMatch(/^audit_(label|what|explain|where)_/);
  });

  it.each(labels.map((l) => [l.code, l] as const))('%s reads in bokmål', (_code, l) => {
    const text = nb(l);
    expect(englishIn(text), text).toBeUndefined();
    expect(text).not.toBe(renderMessage(l, 'en'));
  });

  it('has the words of every term in both languages, the bokmål without English', () => {
    expect(terms.length).toBeGreaterThan(200);
    for (const t of terms) {
      expect(isText(t.label), JSON.stringify(t)).toBe(true);
      expect(englishIn(t.label.nb), t.label.nb).toBeUndefined();
    }
    expect(terms.some((t) => t.label.nb !== t.label.en)).toBe(true);
  });

  it('says a finding from a planted error in bokmål, and in English', () => {
    const wrong = structuredClone(seed);
    wrong.residues_tonnes_wet_region_total.total_reported =
      (seed.residues_tonnes_wet_region_total.total_reported as number) + 50000;
    const planted = audit(
      seedStatements(
        wrong,
        lib,
        data.profiles.find((p) => p.id === 'literature'),
        text,
      ),
    );
    const f = planted.find((x) => x.id === 'residues.total');
    expect(f?.severity).toBe('error');
    const m = f?.message as Message;
    expect(renderMessage(m, 'nb')).toMatch(
      /^Restråstoffer i alt \(tonn våtvekt\): oppgitt 1\s014\s681, men de \d+ delene/,
    );
    expect(renderMessage(m, 'en')).toMatch(/^Total residues \(t wet\): stated 1,014,681, but the \d+ parts/);
  });
});
