/**
 * Statistics from open data, on the real files in test/fixtures (copied from the open data, each folder with its source): roundwood
 * harvest 2014–2023, Landbruksdirektoratet farm files, SSB replayed from recorded answers, regions,
 * and a second region estimated end to end. Expected harvest figures are computed here from the raw
 * CSV with a sum written independently of src/ingest/avvirkning.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { harvestValues, parseAvvirkning } from '../src/ingest/avvirkning.ts';
import { aggregateLandbruk, parseLandbrukMapping } from '../src/ingest/landbruk.ts';
import { parseLivestockMapping } from '../src/ingest/produksjonstilskudd.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';
import type { StoreOptions } from '../src/store/database.ts';
import { writeImport } from '../src/store/statistics-repository.ts';
import { openTestStore, testDialects } from './helpers/stores.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(root, 'test', 'fixtures');
const AVV = join(FIXTURES, 'avvirkning-kommune-ldir');
const LDIR = join(FIXTURES, 'landbruk-ldir');
/** The project's own copy of the 2024 del 1 file (data/sources), not repeated among the fixtures. */
const SHIPPED_LDIR = join(root, 'data', 'sources', 'landbruk-ldir');
const ldirFile = (file: string) =>
  join(file === 'produksjonstilskudd-2024-del1.csv' ? SHIPPED_LDIR : LDIR, file);
const data = loadReferenceData();
const registry = data.registry;
const REF = data.regions.find((r) => r.id === 'gjovik-hadeland-ringerike')?.municipalities ?? [];
const mapping = parseLandbrukMapping(
  JSON.parse(readFileSync(join(root, 'data/mappings/landbruk-files.json'), 'utf8')),
  'landbruk-files.json',
);
const livestock = parseLivestockMapping(
  JSON.parse(readFileSync(join(root, 'data/mappings/produksjonstilskudd-livestock.json'), 'utf8')),
  'livestock.json',
);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(storeOptions: StoreOptions, ...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    ['node', 'restverdi', ...args],
    {
      out: (s) => {
        stdout += s;
      },
      err: (s) => {
        stderr += s;
      },
    },
    undefined,
    storeOptions,
  );
  return { code, stdout, stderr };
}

async function ok<T>(storeOptions: StoreOptions, ...args: string[]): Promise<T> {
  const r = await run(storeOptions, ...args, '--format', 'json');
  expect(r.stderr, `stderr of ${args.join(' ')}`).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** Independent sum of the raw 2023 CSV: each (county, number, category) volume once per species. */
function independentHarvest2023(numbers: string[]): Record<string, number> {
  const rows = parse(readFileSync(join(AVV, 'Kommunevis_avvirkning_2023.csv'), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];
  const seen = new Map<string, number>();
  const out: Record<string, number> = { gran: 0, furu: 0, lauv: 0, ved: 0 };
  const species: Record<string, string> = {
    '1-Gran': 'gran',
    '2-Furu': 'furu',
    '3-Lauv': 'lauv',
    '5-Ved': 'ved',
  };
  for (const r of rows) {
    const s = species[r.VIRKESGRP as string];
    if (!s || !numbers.includes(r.KOMNR as string)) continue;
    const key = `${r.FYLKENR}|${r.KOMNR}|${r.VIRKESKAT}`;
    const volume = Number(r.TOTALVOLUM);
    if (seen.get(key) === volume) continue; // the same category under a second assortment group
    seen.set(key, volume);
    out[s] = (out[s] as number) + volume;
  }
  return out;
}

// The reference region by its 2023 numbers (Viken 30xx; Innlandet unchanged).
const REF_2023 = [
  '3007',
  '3038',
  '3046',
  '3047',
  '3053',
  '3054',
  '3407',
  '3442',
  '3443',
  '3446',
  '3447',
  '3448',
];

describe('roundwood harvest (Kommunevis avvirkning)', () => {
  it('gives the reference region’s 2023 harvest per species as the raw CSV sums it, from xlsx and CSV alike', async () => {
    const expected = independentHarvest2023(REF_2023);
    // Pinned once, so a change in the file or the independent sum is noticed too.
    expect(expected).toEqual({ gran: 1029498, furu: 218872, lauv: 27393, ved: 52667 });
    for (const file of ['Kommunevis_avvirkning_2023.xlsx', 'Kommunevis_avvirkning_2023.csv']) {
      const parsed = await parseAvvirkning(readFileSync(join(AVV, file)), { file, registry });
      expect(parsed.year).toBe(2023);
      const rows = harvestValues(parsed.records).filter((r) => REF.includes(r.municipality));
      expect(rows.map((r) => r.municipality).sort()).toEqual([...REF].sort());
      for (const s of ['gran', 'furu', 'lauv', 'ved'])
        expect(
          rows.reduce((sum, r) => sum + (r.values[`harvest.${s}`] ?? 0), 0),
          `${file} ${s}`,
        ).toBe(expected[s]);
      const ringerike = rows.find((r) => r.municipality === '3305');
      expect(ringerike?.numbersInSource).toEqual(['3007']);
    }
  });

  it('counts a category listed under Sagtømmer and Massevirke with the same volume once, and reports it', async () => {
    const file = 'Kommunevis_avvirkning_2023.xlsx';
    const parsed = await parseAvvirkning(readFileSync(join(AVV, file)), { file, registry });
    expect(parsed.deduplicated).toHaveLength(288);
    expect(new Set(parsed.deduplicated.map((d) => d.category))).toEqual(new Set(['1310', '2310', '3310']));
    for (const d of parsed.deduplicated) {
      expect(d.droppedAssortment).toBe('massevirke');
      expect(d.keptAssortment).toBe('sagtommer');
      expect(d.categoryText).toMatch(/sams sagt\/massevirke$/);
      expect(d.position).toMatch(/^Kommunevis_avvirkning_2023\.xlsx:\d+$/);
    }
    // Counting every row would add exactly the de-duplicated volume.
    const all = independentAll(REF_2023);
    const kept = harvestValues(parsed.records)
      .filter((r) => REF.includes(r.municipality))
      .reduce((s, r) => s + (r.values['harvest.total'] ?? 0), 0);
    const dropped = parsed.deduplicated
      .filter((d) => REF_2023.includes(d.numberInSource))
      .reduce((s, d) => s + d.m3, 0);
    expect(kept + dropped).toBe(all);
  });

  it('maps pre-2020 (and pre-2018) numbers of the 2014–2019 files to today’s, naming only the split Ålesund numbers', async () => {
    for (const year of [2014, 2017, 2019]) {
      const file = `Kommunevis_avvirkning_${year}.xlsx`;
      const parsed = await parseAvvirkning(readFileSync(join(AVV, file)), { file, registry });
      expect(parsed.year).toBe(year);
      const rows = harvestValues(parsed.records);
      expect(rows.find((r) => r.municipality === '3305')?.numbersInSource).toEqual(['0605']); // Ringerike
      expect(rows.find((r) => r.municipality === '3446')?.numbersInSource).toEqual(['0534']); // Gran
      if (year < 2018) expect(rows.find((r) => r.municipality === '5001')?.numbersInSource).toContain('1601');
      for (const u of parsed.unresolved) {
        expect(['1504', '1523', '1529']).toContain(u.number);
        expect(u.candidates).toEqual(['1508', '1580']);
      }
      expect(rows.every((r) => registry.municipalities.has(r.municipality))).toBe(true);
    }
  });

  it('reads every year 2014–2023 (header row 3, sheet names data/Grunndata/avvirkning_62g_…, blank first columns)', async () => {
    for (let year = 2014; year <= 2023; year++) {
      const file = `Kommunevis_avvirkning_${year}.xlsx`;
      const parsed = await parseAvvirkning(readFileSync(join(AVV, file)), { file, registry });
      expect(parsed.year, file).toBe(year);
      expect(parsed.headerRow).toBe(3);
      expect(parsed.rowsRead).toBeGreaterThan(3400);
    }
  });
});

function independentAll(numbers: string[]): number {
  const rows = parse(readFileSync(join(AVV, 'Kommunevis_avvirkning_2023.csv'), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];
  return rows
    .filter((r) => numbers.includes(r.KOMNR as string) && /^[1235]-/.test(r.VIRKESGRP as string))
    .reduce((s, r) => s + Number(r.TOTALVOLUM), 0);
}

describe('Landbruksdirektoratet farm files', () => {
  const read = (file: string, year?: number) =>
    aggregateLandbruk(readFileSync(ldirFile(file)), {
      file,
      mapping,
      livestock,
      registry,
      ...(year ? { year } : {}),
    });

  it('reads the ISO-8859-1 milk file and pads Oslo’s 301 to 0301', () => {
    const r = read('leveransedata-melk-2025.csv');
    expect(r.kind).toBe('leveransedata-melk');
    expect(r.encoding).toBe('iso-8859-1');
    expect(r.year).toBe(2025);
    expect(r.paddedNumbers).toBeGreaterThan(0);
    expect(r.rows.find((x) => x.municipality === '0301')).toBeDefined();
    expect(r.rows.every((x) => /^\d{4}$/.test(x.municipality))).toBe(true);
  });

  it('reads the slaughter file’s upper-case UTF-8 headers (RÅNE_KG, VÆR_KG) and decimal commas', () => {
    const r = read('leveransedata-slakt-2025.csv');
    expect(r.kind).toBe('leveransedata-slakt');
    // SOURCE.md says "with BOM"; the copied bytes start with "ORG" (no BOM): both are read.
    expect(r.encoding).toBe('utf-8');
    expect(r.rows.reduce((s, x) => s + (x.values['delivery.slakt.gris'] ?? 0), 0)).toBeGreaterThan(0);
    expect(r.decimalCommaRows).toBeGreaterThan(20000);
    // Independent sum of KU_KG over the file, decimal commas read as decimals.
    const text = readFileSync(join(LDIR, 'leveransedata-slakt-2025.csv'), 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r?\n/);
    const ku = (lines[0] as string).split(';').indexOf('KU_KG');
    const total = lines.slice(1).reduce((s, l) => s + Number((l.split(';')[ku] ?? '0').replace(',', '.')), 0);
    const storfe = r.rows.reduce((s, x) => s + (x.values['delivery.slakt.storfe'] ?? 0), 0);
    expect(storfe).toBeGreaterThan(total); // ku is one of six cattle columns
    expect(r.unresolved).toEqual([]);
  });

  it('maps the grain file’s pre-2024 numbers (3007 Ringerike) and names the crop year', () => {
    const r = read('leveransedata-korn-2024-2025.csv');
    expect(r.year).toBe(2024);
    expect(r.rows.find((x) => x.municipality === '3305')?.numbersInSource).toContain('3007');
  });

  it('reads crop areas from the 2023 full-year sample (319 farms) and livestock on 1 March', () => {
    const r = read('produksjonstilskudd-2023-fullaar.sample.csv');
    expect(r.kind).toBe('produksjonstilskudd-fullaar');
    expect(r.rowsRead).toBe(319);
    const sunnfjord = r.rows.find((x) => x.municipality === '4647');
    expect(sunnfjord?.farms).toBe(28);
    // Independent: sum p242 (bygg) over Sunnfjord's rows.
    const rows = parse(readFileSync(join(LDIR, 'produksjonstilskudd-2023-fullaar.sample.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    const bygg = rows.filter((x) => x.kommunenr === '4647').reduce((s, x) => s + Number(x.p242 || 0), 0);
    expect(sunnfjord?.values['area.bygg']).toBe(bygg);
  });

  it('detects del 1 files and agrees with the shipped livestock-2024 statistics', () => {
    const r = read('produksjonstilskudd-2024-del1.csv');
    expect(r.kind).toBe('produksjonstilskudd-del1');
    expect(r.encoding).toBe('utf-8-bom');
    const shipped = JSON.parse(readFileSync(join(root, 'data/statistics/livestock-2024.json'), 'utf8')) as {
      rows: { municipality: string; values: Record<string, number> }[];
    };
    for (const s of shipped.rows) {
      const mine = r.rows.find((x) => x.municipality === s.municipality);
      for (const [k, v] of Object.entries(s.values))
        expect(mine?.values[k], `${s.municipality} ${k}`).toBe(v);
    }
  });

  it('refuses a file of unknown type, naming its header', () => {
    expect(() =>
      aggregateLandbruk(Buffer.from('a;b;c\n1;2;3\n'), { file: 'x.csv', mapping, livestock, registry }),
    ).toThrow(/x\.csv:1: unknown file type/);
  });
});

describe('the CLI on a store of its own', () => {
  let dir: string;
  let store: StoreOptions;
  let server: Server;
  let baseUrl: string;
  const requests: { url: string; body: unknown }[] = [];
  let answer = 'agg_summer_kommuner_20250317.json';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'restverdi-stats-'));
    store = { file: join(dir, 'store.sqlite') };
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        requests.push({ url: req.url ?? '', body: body ? JSON.parse(body) : undefined });
        if (req.method !== 'POST' || req.url !== '/api/v0/no/table/03895') {
          res.writeHead(404).end('not recorded');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(readFileSync(join(root, 'test/fixtures/ssb', answer)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves the reference region’s estimate unchanged when harvest 2023 and the partial sample are imported', async () => {
    const before = await ok<{ rows: unknown[]; totals: unknown[] }>(store, 'residues');
    await ok(store, 'import', 'avvirkning', join(AVV, 'Kommunevis_avvirkning_2023.xlsx'));
    await ok(store, 'import', 'landbruk', join(LDIR, 'produksjonstilskudd-2023-fullaar.sample.csv'));
    const after = await ok<{
      rows: unknown[];
      totals: unknown[];
      statistics: { variable: string; years: number[] }[];
    }>(store, 'residues');
    expect(after.rows).toEqual(before.rows);
    expect(after.totals).toEqual(before.totals);
    expect(after.statistics.find((s) => s.variable === 'harvest.total')?.years).toEqual([2024]);
  });

  it('answers stats harvest with rows per municipality, species and assortment, and the year used', async () => {
    const r = await ok<{
      year: number;
      yearNote: string;
      rows: {
        municipality: string;
        year: number;
        species: string;
        assortment: string;
        m3: number;
        dataset: string;
      }[];
    }>(store, 'stats', 'harvest', '--municipalities', REF.join(','));
    expect(r.year).toBe(2023);
    expect(r.yearNote).toContain('2023');
    const expected = independentHarvest2023(REF_2023);
    for (const s of ['gran', 'furu', 'lauv', 'ved'])
      expect(r.rows.filter((x) => x.species === s).reduce((sum, x) => sum + x.m3, 0)).toBe(expected[s]);
    for (const x of r.rows) {
      expect(['gran', 'furu', 'lauv', 'ved', 'annet']).toContain(x.species);
      expect(['sagtommer', 'massevirke', 'energi', 'vrak', 'annet']).toContain(x.assortment);
    }
    const old = await ok<{ rows: { municipality: string }[] }>(
      store,
      'stats',
      'harvest',
      '--municipalities',
      '3007',
    );
    expect(new Set(old.rows.map((x) => x.municipality))).toEqual(new Set(['3305']));
    const csv = await run(store, 'stats', 'harvest', '--municipalities', '3305', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toBe('municipality,year,species,assortment,m3,dataset');
    // The shipped national harvest (2014–2023) is there too; the import of 2023 wins over it (not summed).
    const shippedYear = await ok<{ rows: { dataset: string }[] }>(
      store,
      'stats',
      'harvest',
      '--municipalities',
      '3305',
      '--year',
      '2015',
    );
    expect(new Set(shippedYear.rows.map((x) => x.dataset))).toEqual(new Set(['national-avvirkning-2015']));
    expect(new Set(r.rows.map((x) => x.dataset))).toEqual(new Set(['avvirkning-2023']));
    const none = await run(store, 'stats', 'harvest', '--municipalities', '3305', '--year', '2010');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('2014');
    expect(none.stderr).toContain('2023');
  });

  it('estimates a second region (Sogn og Sunnfjord) end to end with the literature profile, naming partial statistics', async () => {
    const created = await run(
      store,
      'region',
      'create',
      '--id',
      'sogn-sunnfjord',
      '--name',
      'Sogn og Sunnfjord',
      '--municipalities',
      '4647,4640,4650,4645,4651,4639,4644',
      '--subregion',
      'Sogn=4640,4639,4644',
      '--subregion',
      'Sunnfjord og Nordfjord=4647,4650,4645,4651',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const list = await ok<{ regions: { id: string; builtin: boolean }[] }>(store, 'region', 'list');
    expect(list.regions.find((r) => r.id === 'sogn-sunnfjord')?.builtin).toBe(false);
    const shown = await ok<{
      members: { number: string; subRegion: string; statistics: Record<string, unknown> }[];
    }>(store, 'region', 'show', 'sogn-sunnfjord');
    expect(shown.members).toHaveLength(7);
    expect(shown.members[0]?.statistics['area.bygg']).toMatchObject({ year: 2023, partial: true });

    const est = await ok<{
      municipalities: string[];
      rows: { municipality: string; kind: string; tonnesWet: number; basis?: string }[];
      statistics: { variable: string; years: number[]; datasets: { id: string; partial?: string }[] }[];
    }>(store, 'residues', '--region', 'sogn-sunnfjord', '--profile', 'literature');
    expect(est.municipalities).toEqual(['4647', '4640', '4650', '4645', '4651', '4639', '4644']);
    const byVar = new Map(est.statistics.map((s) => [s.variable, s]));
    expect(byVar.get('harvest.gran')?.years).toEqual([2023]);
    expect(byVar.get('harvest.gran')?.datasets.map((d) => d.id)).toEqual(['avvirkning-2023']);
    // Crop areas from the 2023 sample of farms are partial: straw and cleanings come from the complete
    // grain deliveries instead; vegetable residues, which have no other basis, from the partial areas.
    expect(byVar.has('area.bygg')).toBe(false);
    expect(byVar.get('area.potet')?.datasets[0]?.partial).toContain('sample of 319 farms');
    expect(est.rows.filter((r) => r.kind === 'halm').every((r) => r.basis === 'grain-deliveries')).toBe(true);
    expect(byVar.get('livestock.melkeku')?.years).toEqual([2026]);
    expect(byVar.get('population')?.years).toEqual([2024]);
    const grot = est.rows.filter((r) => r.kind === 'grot');
    expect(grot).toHaveLength(7);
    expect(grot.every((r) => r.tonnesWet > 0)).toBe(true);
  });

  it('refuses a region with bad numbers, listing every problem (exit 2), and maps old numbers', async () => {
    const bad = await run(
      store,
      'region',
      'create',
      '--id',
      'bad',
      '--name',
      'X',
      '--municipalities',
      '1507,9999,abc',
    );
    expect(bad.code).toBe(2);
    // Printed in bokmål (the CLI's default language), each problem with its path.
    for (const s of ['1507', '1508 og 1580', '9999', 'abc']) expect(bad.stderr).toContain(s);
    const old = await ok<{ region: { municipalities: string[] } }>(
      store,
      'region',
      'create',
      '--id',
      'ringerike-hole',
      '--name',
      'Ringerike og Hole',
      '--municipalities',
      '3007,0612',
    );
    expect(old.region.municipalities).toEqual(['3305', '3310']);
  });

  it('says which statistic is missing for a municipality instead of counting it as zero', async () => {
    // Randaberg has no farm in the 2023 sample, so no crop areas in the store.
    await ok(
      store,
      'region',
      'create',
      '--id',
      'randaberg',
      '--name',
      'Randaberg',
      '--municipalities',
      '1127',
    );
    const r = await run(
      store,
      'residues',
      '--region',
      'randaberg',
      '--profile',
      'literature',
      '--kinds',
      'gronnsaksrest',
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('1127');
    expect(r.stderr).toMatch(/area\.(potet|gronnsaker_pa_friland)/);
    // Without --kinds: straw from grain deliveries (no crop areas), vegetable residues set aside and named.
    const all = await ok<{
      rows: { kind: string; basis?: string }[];
      notEstimated: { kind: string; statistics: string[] }[];
    }>(store, 'residues', '--region', 'randaberg', '--profile', 'literature');
    expect(all.rows.find((x) => x.kind === 'halm')?.basis).toBe('grain-deliveries');
    expect(all.notEstimated.map((n) => n.kind)).toEqual(['gronnsaksrest']);
    expect(all.notEstimated[0]?.statistics).toContain('area.potet');
  });

  it('imports SSB 03895 from a replayed recording, storing table, query and retrieval time', async () => {
    const r = await ok<{
      imported: { dataset: string; skippedRegions: { code: string }[]; query: unknown }[];
    }>(store, 'import', 'ssb', '--table', '03895', '--year', '2023', '--base-url', baseUrl);
    expect(r.imported[0]?.dataset).toBe('ssb-03895-2023');
    const skipped = r.imported[0]?.skippedRegions.map((s) => s.code) ?? [];
    expect(skipped).toEqual(expect.arrayContaining(['K-21-22', 'K-23']));
    expect(skipped.every((c) => !/^K-\d{4}$/.test(c))).toBe(true);
    const sent = requests.at(-1)?.body as { query: { code: string; selection: { values: string[] } }[] };
    expect(sent.query.find((q) => q.code === 'Tid')?.selection.values).toEqual(['2023']);
    const datasets = await ok<{ datasets: { id: string; provenance: string; retrievedAt: string }[] }>(
      store,
      'stats',
      'datasets',
    );
    const ssb = datasets.datasets.find((d) => d.id === 'ssb-03895-2023');
    expect(ssb?.provenance).toBe('ssb:03895');
    expect(Number.isNaN(Date.parse(ssb?.retrievedAt ?? ''))).toBe(false);
    const shown = await ok<{ members: unknown[] }>(store, 'region', 'show', 'ringerike-hole');
    expect(shown.members).toHaveLength(2);
    // The recorded value for K-3305 Ringerike, Gran skurtømmer 2023.
    const { openStore } = await import('../src/store/database.ts');
    const s = await openStore(store);
    const row = await s.db
      .selectFrom('observations')
      .selectAll()
      .where('dataset_id', '=', 'ssb-03895-2023')
      .where('municipality', '=', '3305')
      .executeTakeFirst();
    const ds = await s.db
      .selectFrom('datasets')
      .selectAll()
      .where('id', '=', 'ssb-03895-2023')
      .executeTakeFirst();
    await s.close();
    expect(row).toMatchObject({
      variable: 'ssb.harvest.gran.skurtommer',
      value: 84209,
      unit: 'm3',
      year: 2023,
    });
    expect(JSON.parse(ds?.source_json ?? '{}').table).toContain('agg:KommSummer');
  });

  it('refuses an SSB answer without municipality values (counties) and writes nothing', async () => {
    answer = 'agg_summer_fylker_20250317.json';
    try {
      const r = await run(store, 'import', 'ssb', '--table', '03895', '--base-url', baseUrl);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('svaret har ingen verdier for kommuner'); // bokmål, the CLI's default
    } finally {
      answer = 'agg_summer_kommuner_20250317.json';
    }
  });
});

describe.each(testDialects())('imports are transactional (%s)', (dialect) => {
  it('refuses a malformed file with its row named and leaves the store unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'restverdi-bad-'));
    const test = await openTestStore(dialect);
    const options: StoreOptions =
      dialect === 'sqlite'
        ? { file: join(dir, 'store.sqlite') }
        : {
            databaseUrl: process.env.TEST_DATABASE_URL as string,
            ...(test.schema ? { schema: test.schema } : {}),
          };
    try {
      await ok(options, 'import', 'avvirkning', join(AVV, 'Kommunevis_avvirkning_2023.csv'));
      const { openStore } = await import('../src/store/database.ts');
      const count = async () => {
        const s = await openStore(options);
        const n = await s.db
          .selectFrom('observations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst();
        const d = await s.db.selectFrom('datasets').select(['id', 'retrieved_at']).orderBy('id').execute();
        const i = await s.db.selectFrom('imports').select('id').execute();
        await s.close();
        return { n: Number(n?.n), d, i: i.length };
      };
      const before = await count();
      // A real file with one bad volume on line 5 and a second good file: nothing of either may be written.
      const lines = readFileSync(join(AVV, 'Kommunevis_avvirkning_2023.csv'), 'utf8').split('\n');
      lines[4] = (lines[4] as string).replace(/,(\d+),(\d+),(\d+)$/, ',12x4,$2,$3');
      const bad = join(dir, 'Kommunevis_avvirkning_2022.csv');
      writeFileSync(bad, lines.join('\n').replaceAll(',2023,', ',2022,'));
      const r = await run(options, 'import', 'avvirkning', join(AVV, 'Kommunevis_avvirkning_2021.xlsx'), bad);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Kommunevis_avvirkning_2022.csv:5');
      expect(r.stderr).toContain('TOTALVOLUM');
      expect(r.stderr).toContain('Ingenting ble importert'); // bokmål, the CLI's default
      expect(await count()).toEqual(before);

      // A write that fails half-way (a duplicate key in the second dataset) rolls back the first one too.
      const s = await openStore(options);
      const o = { municipality: '3305', variable: 'x.y', year: 2000, value: 1, unit: 'm3' };
      const ds = (id: string) => ({
        dataset: { id, title: id, year: 2000, source: { citation: 'test' }, variables: {} },
        provenance: `import:test:${id}`,
        observations: [{ ...o, dataset: id }],
      });
      const dup = ds('t-dup');
      dup.observations.push({ ...o, dataset: 't-dup' });
      await expect(
        writeImport(s.db, {
          kind: 'test',
          files: [],
          datasets: [ds('t-ok'), dup],
          log: [],
          now: '2000-01-01T00:00:00Z',
        }),
      ).rejects.toThrow();
      await s.close();
      expect(await count()).toEqual(before);
    } finally {
      await test.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
