/**
 * Honest ranges: every value in data/ whose source records the range it gives (`source.range`) lies
 * inside that range, no note says a range was widened to take in the report, the values the audit
 * compares the report against record their source's range (or are marked as the report's own), and
 * every value the library takes from the report says so (`source.fromReport`), so that the audit
 * never uses the report to confirm itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Source } from '../src/domain/coefficients.ts';
import { loadLibrary } from '../src/ingest/library.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';

const DATA = fileURLToPath(new URL('../data/', import.meta.url));

/** Transcriptions and extracts: their numbers are their source's, with no ranges of ours. */
const SOURCE_FILES = [/^sources\//, /^municipalities\//, /^statistics\//, /^mappings\//, /^ssb\//];

interface Valued {
  value: number;
  low: number;
  high: number;
  source: Source;
  note?: unknown;
}

interface Found {
  where: string;
  v: Valued;
}

function isValued(x: unknown): x is Valued {
  const o = x as Record<string, unknown>;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.value === 'number' &&
    typeof o.low === 'number' &&
    typeof o.high === 'number' &&
    typeof o.source === 'object' &&
    o.source !== null
  );
}

/** Every value with a range and a source in a parsed JSON file, with its path. */
function valuesIn(json: unknown, where: string): Found[] {
  const out: Found[] = [];
  const walk = (x: unknown, path: string) => {
    if (Array.isArray(x)) {
      x.forEach((item, i) => {
        const id = (item as { id?: unknown })?.id;
        walk(item, `${path}[${typeof id === 'string' ? id : i}]`);
      });
    } else if (typeof x === 'object' && x !== null) {
      if (isValued(x)) out.push({ where: path, v: x });
      for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`);
    }
  };
  walk(json, where);
  return out;
}

/** Words that say a range was moved to take in a figure (the report's), in either language. */
const WIDENED =
  /widen|so that (it|the range) (contains|includes)|to (contain|include|cover) the report|utvid|slik at spennet (omfatter|dekker)/i;

const textOf = (x: unknown): string =>
  typeof x === 'string' ? x : x && typeof x === 'object' ? Object.values(x).map(textOf).join(' ') : '';

/** Which values break the rules, each as "path: what is wrong". */
function rangeProblems(found: Found[]): string[] {
  const out: string[] = [];
  for (const { where, v } of found) {
    const r = v.source.range;
    if (r && r !== 'ours') {
      if (!(r.low <= r.high)) out.push(`${where}: source range ${r.low}–${r.high} is upside down`);
      // Same unit and currency as the value: no conversion, so no tolerance beyond float noise.
      const eps = 1e-9 * Math.max(1, Math.abs(r.low), Math.abs(r.high));
      if (v.low < r.low - eps || v.high > r.high + eps)
        out.push(`${where}: range ${v.low}–${v.high} is wider than its source's ${r.low}–${r.high}`);
    }
    const words = `${textOf(v.note)} ${v.source.citation}`;
    if (WIDENED.test(words))
      out.push(`${where}: its note says the range was widened (${words.slice(0, 80)}…)`);
    if (v.source.fromReport && !/report/i.test(v.source.citation))
      out.push(`${where}: marked as the report's but does not cite the report`);
  }
  return out;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

const files = jsonFiles(DATA)
  .map((path) => relative(DATA, path))
  .filter((rel) => !SOURCE_FILES.some((re) => re.test(rel)));
const all = files.flatMap((rel) => valuesIn(JSON.parse(readFileSync(join(DATA, rel), 'utf8')), rel));
const byPath = (suffix: string): Valued => {
  const hit = all.filter((f) => f.where.endsWith(suffix));
  expect(
    hit.map((f) => f.where),
    suffix,
  ).toHaveLength(1);
  return (hit[0] as Found).v;
};

describe('ranges in data/ are their sources’', () => {
  it('walks the library (products, technologies, coefficients, current uses, transport, finance)', () => {
    for (const f of [
      'products.json',
      'technologies.json',
      'coefficients/literature.json',
      'current-uses.json',
    ])
      expect(files).toContain(f);
    // Every price, yield, cost and coefficient of the library: a count that only grows with the data.
    expect(all.length).toBeGreaterThan(300);
    expect(all.filter((f) => f.v.source.range !== undefined).length).toBeGreaterThanOrEqual(20);
  });

  it('has no range wider than its source records, and no note that says a range was widened', () => {
    expect(rangeProblems(all)).toEqual([]);
  });

  it('fails on a planted widening: insect meal down to USD 1 120 again, and a note that says so', () => {
    const products = JSON.parse(readFileSync(join(DATA, 'products.json'), 'utf8'));
    const meal = products.products.find((p: { id: string }) => p.id === 'insektmel');
    meal.price.low = 1120;
    const polyethylene = products.products.find((p: { id: string }) => p.id === 'polyetylen');
    polyethylene.price.note = {
      nb: 'Øvre grense utvidet fra EUR 1 600.',
      en: 'High widened from EUR 1 600.',
    };
    expect(rangeProblems(valuesIn(products, 'products.json'))).toEqual([
      "products.json.products[insektmel].price: range 1120–5000 is wider than its source's 2000–5000",
      expect.stringMatching(
        /^products\.json\.products\[polyetylen\]\.price: its note says the range was widened/,
      ),
    ]);
  });

  it('restores the published ranges the report had widened (coefficients.md E2, F)', () => {
    // F "Feed tier: insect meal": USD 3 000 (2 000–5 000) per t.
    expect(byPath('products[insektmel].price')).toMatchObject({
      value: 3000,
      low: 2000,
      high: 5000,
      source: { range: { low: 2000, high: 5000 } },
    });
    // F "bulk polymers (PE)": EUR 1 200 (1 000–1 600) per t.
    expect(byPath('products[polyetylen].price')).toMatchObject({
      value: 1200,
      low: 1000,
      high: 1600,
      source: { range: { low: 1000, high: 1600 } },
    });
    // E2 capex: NOK 45 (30–90) per kg meal/yr, stored per t.
    expect(byPath('technologies[bsf-larver].capexNokPerTonneCapacity')).toMatchObject({
      value: 45000,
      low: 30000,
      high: 90000,
      source: { range: { low: 30000, high: 90000 } },
    });
    // Whole larvae are valued as meal: 0.16/0.32 × USD 2 000 = USD 1 000 at the low end.
    expect(byPath('products[larver].price').low).toBe(1000);
  });

  it('gives every read or literature price with a range its source’s range', () => {
    const bare = all
      .filter((f) => f.where.startsWith('products.json') && f.where.endsWith('.price'))
      .filter((f) => ['verified', 'literature'].includes(f.v.source.status) && f.v.low !== f.v.high)
      .filter((f) => f.v.source.range === undefined && !f.v.source.fromReport)
      .map((f) => f.where);
    expect(bare).toEqual([]);
  });

  it('records the range of every read or literature value (its source’s, or "ours")', () => {
    // The library's values; a scenario's figures are the report's, checked against the library's.
    const bare = all
      .filter((f) => !f.where.startsWith('scenarios/'))
      .filter((f) => ['verified', 'literature'].includes(f.v.source.status))
      .filter((f) => f.v.source.range === undefined)
      .map((f) => f.where);
    expect(bare).toEqual([]);
    // coefficients.md A4 "Potato yield": SSB 2003–2009 2 280–2 794, NIBIO 2022 2 300–3 000 kg/daa.
    expect(byPath('coefficients[yield.potet]')).toMatchObject({
      low: 2280,
      high: 3000,
      source: { range: { low: 2280, high: 3000 } },
    });
    // C1 spruce: the study gives 385 only; the range is ours.
    expect(byPath('coefficients[density.gran]').source.range).toBe('ours');
  });

  it('marks what the library takes from the report as the report’s', () => {
    for (const p of ['bioolje', 'hydrogen', 'biometan']) {
      expect(byPath(`products[${p}].price`).source, p).toMatchObject({ fromReport: true, range: 'ours' });
    }
    // A library value whose citation is the report and only the report is the report's own.
    const unmarked = all
      .filter((f) => !f.where.startsWith('scenarios/'))
      .filter((f) => f.v.source.citation.startsWith('Regional report (shared/seed/report.txt)'))
      .filter((f) => !f.v.source.fromReport)
      .map((f) => f.where);
    expect(unmarked).toEqual([]);
  });
});

describe('the values the audit checks the report against', () => {
  const data = loadReferenceData(DATA);
  const lib = loadLibrary(data.kinds, DATA);
  const literature = data.profiles.find((p) => p.id === 'literature');

  it('record their source’s range, or are marked as the report’s own', () => {
    const refs: [string, Valued | undefined][] = [];
    // Scenario prices are checked against the library's product prices.
    for (const s of lib.scenarios)
      for (const id of Object.keys(s.prices ?? {}))
        refs.push([`price ${id}`, lib.products.find((p) => p.id === id)?.price as Valued | undefined]);
    // Yields the report states: pyrolysis of bark and methane coupling.
    for (const t of ['slow-pyrolysis', 'methane-coupling'])
      for (const o of lib.technologies.find((x) => x.id === t)?.outputs ?? [])
        refs.push([`${t} ${o.product}`, o.yield]);
    refs.push([
      'bsf-larver capex',
      lib.technologies.find((t) => t.id === 'bsf-larver')?.capexNokPerTonneCapacity,
    ]);
    // The insect example's CO2e is read against the soy factor's range (its explanation, insect.co2e).
    refs.push([
      'insektmel soy CO2e',
      lib.products.find((p) => p.id === 'insektmel')?.climate?.[0]?.kgCo2ePerKgReplaced,
    ]);
    for (const c of literature?.coefficients ?? [])
      if (c.id === 'kornavrens.share' || c.id.startsWith('straw-ratio.')) refs.push([c.id, c]);
    expect(refs.length).toBeGreaterThanOrEqual(15);
    const bare = refs
      .filter(([, v]) => !v || v.low !== v.high)
      .filter(
        ([, v]) => !v?.source.fromReport && (v?.source.range === undefined || v.source.range === 'ours'),
      )
      .map(([what]) => what);
    expect(bare).toEqual([]);
  });
});
