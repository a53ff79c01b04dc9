/**
 * The Enhetsregisteret import on the real samples (test/fixtures/enhetsregisteret-samples), on
 * every dialect of RESTVERDI_TEST_DIALECTS: counts against an independent pass over the files, filters,
 * both CSV conventions for multi-line addresses, old municipality numbers, re-import and update, and
 * every corrupt file leaving the data exactly as it was.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActorStatusFilter,
  createSectorClassifier,
  REPORT_STATUS_FILTER,
  type UnitType,
} from '../src/domain/actors.ts';
import { AppError } from '../src/domain/errors.ts';
import { findRegion } from '../src/domain/regions.ts';
import type { BulkSource } from '../src/ingest/brreg-bulk.ts';
import { importBrregBulk } from '../src/ingest/brreg-import.ts';
import { loadSectorMapping } from '../src/ingest/nace-sectors.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';
import { listActors, openActorImport, summariseActors } from '../src/store/actors-repository.ts';
import { openTestStore, type TestStore, testDialects } from './helpers/stores.ts';

const SAMPLES = join(import.meta.dirname, 'fixtures/enhetsregisteret-samples');
const ENHETER_CSV = join(SAMPLES, 'enheter-selection.csv');
const UNDERENHETER_CSV = join(SAMPLES, 'underenheter-selection.csv');
const data = loadReferenceData();
const mappingJson = JSON.parse(readFileSync(join(data.dataDir, 'mappings/nace-sectors.json'), 'utf8')) as {
  sectors: { id: string; nace: string[]; sn2025Only: string[]; combines: string[] }[];
};
const classify = createSectorClassifier(loadSectorMapping());
const region = findRegion(data.regions, 'gjovik-hadeland-ringerike');
const ALL: ActorStatusFilter = {
  includeBankrupt: true,
  includeUnderLiquidation: true,
  includeForcedDissolution: true,
  includeClosed: true,
  includeNonVat: true,
};
const tmp = mkdtempSync(join(tmpdir(), 'restverdi-actors-'));
const NOW = '2024-02-01T06:00:00.000Z';

function run(store: TestStore, sources: BulkSource[]) {
  return importBrregBulk(openActorImport(store, NOW), sources, { registry: data.registry, classify });
}

async function snapshot(store: TestStore) {
  return {
    actors: await store.db.selectFrom('actors').selectAll().orderBy('orgnr').execute(),
    sectors: await store.db
      .selectFrom('actor_sectors')
      .selectAll()
      .orderBy('orgnr')
      .orderBy('sector')
      .execute(),
    meta: await store.db.selectFrom('meta').selectAll().orderBy('key').execute(),
  };
}

// ── An independent count: csv-parse of the whole file, prefixes matched by hand ─────────────────────
type Row = Record<string, string>;
const enheter = parse(readFileSync(ENHETER_CSV), { columns: true }) as Row[];
const underenheter = parse(readFileSync(UNDERENHETER_CSV), { columns: true }) as Row[];
const byOrgnr = new Map(enheter.map((r) => [r.organisasjonsnummer, r]));

function sectorsOf(codes: string[]): string[] {
  const found = new Set<string>();
  for (const s of mappingJson.sectors)
    if (
      s.combines.length === 0 &&
      codes.some((c) => [...s.nace, ...s.sn2025Only].some((p) => c.startsWith(p)))
    )
      found.add(s.id);
  for (const s of mappingJson.sectors)
    if (s.combines.length > 0 && s.combines.every((p) => found.has(p))) {
      for (const p of s.combines) found.delete(p);
      found.add(s.id);
    }
  return [...found];
}

function expected(units: UnitType, status: ActorStatusFilter) {
  const byForm: Record<string, number> = {};
  const bySector: Record<string, number> = {};
  let total = 0;
  const rows = units === 'enhet' ? enheter : underenheter;
  for (const r of rows) {
    const nr =
      r[units === 'enhet' ? 'forretningsadresse.kommunenummer' : 'beliggenhetsadresse.kommunenummer'] ?? '';
    if (!region.municipalities.includes(nr)) continue;
    const owner = units === 'enhet' ? r : (byOrgnr.get(r.overordnetEnhet ?? '') ?? r);
    if (!status.includeBankrupt && owner.konkurs === 'true') continue;
    if (!status.includeUnderLiquidation && owner.underAvvikling === 'true') continue;
    if (!status.includeForcedDissolution && owner.underTvangsavviklingEllerTvangsopplosning === 'true')
      continue;
    if (!status.includeClosed && r.nedleggelsesdato) continue;
    const vat = owner.registrertIMvaRegisteret ?? owner.registrertIMvaregisteret;
    if (!status.includeNonVat && vat !== 'true') continue;
    total++;
    const form = owner['organisasjonsform.kode'] as string;
    byForm[form] = (byForm[form] ?? 0) + 1;
    const codes = ['naeringskode1.kode', 'naeringskode2.kode', 'naeringskode3.kode']
      .map((k) => r[k] ?? '')
      .filter(Boolean);
    for (const s of sectorsOf(codes)) bySector[s] = (bySector[s] ?? 0) + 1;
  }
  return { total, byForm, bySector };
}

function gz(text: string | Buffer): Buffer {
  return gzipSync(typeof text === 'string' ? Buffer.from(text) : text);
}

function file(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

const fixtureUnits = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures/brreg/units-3305.json'), 'utf8'),
) as {
  enheter: Record<string, unknown>[];
  underenheter: Record<string, unknown>[];
};

for (const dialect of testDialects()) {
  describe(`Enhetsregisteret import (${dialect})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await openTestStore(dialect);
    });
    afterAll(async () => {
      await store.dispose();
    });

    it('imports the CSV samples and counts forms and sectors as an independent pass does', async () => {
      const r = await run(store, [
        { unitType: 'enhet', path: ENHETER_CSV },
        { unitType: 'underenhet', path: UNDERENHETER_CSV },
      ]);
      expect(r.files.map((f) => [f.format, f.records])).toEqual([
        ['csv', 4924],
        ['csv', 7473],
      ]);
      expect(r.applied).toMatchObject({ inserted: 12397, updated: 0, removed: 0 });
      expect(r.files[0]?.problems).toEqual({ missing_municipality: 78, unknown_municipality: 4 });
      for (const [units, type] of [
        ['enheter', 'enhet'],
        ['underenheter', 'underenhet'],
      ] as const) {
        for (const status of [
          REPORT_STATUS_FILTER,
          ALL,
          { ...REPORT_STATUS_FILTER, includeNonVat: true },
          { ...REPORT_STATUS_FILTER, includeBankrupt: true, includeNonVat: true },
          { ...REPORT_STATUS_FILTER, includeUnderLiquidation: true, includeNonVat: true },
        ]) {
          const s = await summariseActors(store.db, { municipalities: region.municipalities, units, status });
          const e = expected(type, status);
          expect(s.total, `${units} ${JSON.stringify(status)}`).toBe(e.total);
          expect(s.byForm).toEqual(e.byForm);
          expect(s.bySector).toEqual(e.bySector);
        }
      }
      const all = await summariseActors(store.db, {
        municipalities: region.municipalities,
        units: 'all',
        status: ALL,
      });
      expect(all.total).toBe(expected('enhet', ALL).total + expected('underenhet', ALL).total);
      expect(Object.keys(all.byMunicipality).sort()).toEqual([...region.municipalities].sort());
      expect(all.rule).toMatch(/beliggenhetsadresse/);
    });

    it('lists a page of actors with sectors, searchable by name and form', async () => {
      const page = await listActors(
        store.db,
        { municipalities: region.municipalities, sector: 'jordbruk', units: 'enheter', status: ALL },
        { limit: 3, offset: 0 },
      );
      expect(page.total).toBe(expected('enhet', ALL).bySector.jordbruk ?? 0);
      expect(page.items).toHaveLength(3);
      for (const i of page.items) expect(i.sectors).toContain('jordbruk');
      const varma = await listActors(store.db, { q: 'varma', status: ALL }, { limit: 10, offset: 0 });
      expect(varma.items.map((i) => i.orgnr)).toContain('915607802');
      const as = await listActors(
        store.db,
        { municipalities: ['3305'], form: 'AS', units: 'enheter', status: ALL },
        { limit: 100, offset: 0 },
      );
      expect(as.items.every((i) => i.countedForm === 'AS')).toBe(true);
    });

    it('re-importing the same files changes nothing', async () => {
      const before = await snapshot(store);
      const r = await run(store, [
        { unitType: 'enhet', path: ENHETER_CSV },
        { unitType: 'underenhet', path: UNDERENHETER_CSV },
      ]);
      expect(r.applied).toMatchObject({ inserted: 0, updated: 0, unchanged: 12397, removed: 0 });
      expect(await snapshot(store)).toEqual(before);
    });

    it('a newer file updates what changed and removes what is gone, for its unit type only', async () => {
      const lines = readFileSync(ENHETER_CSV, 'utf8').split('\n');
      const header = lines[0] as string;
      const body = lines.slice(1).filter(Boolean);
      const dropped = body.slice(0, 10).map((l) => l.slice(1, 10));
      const changed = (body[10] as string).replace(/^("\d{9}","[^"]*)"/, '$1 NYTT NAVN"');
      const newer = file('enheter-newer.csv', [header, changed, ...body.slice(11)].join('\n'));
      const r = await run(store, [{ unitType: 'enhet', path: newer }]);
      expect(r.applied).toMatchObject({ inserted: 0, updated: 1, removed: 10 });
      const left = await store.db
        .selectFrom('actors')
        .select('orgnr')
        .where('orgnr', 'in', dropped)
        .execute();
      expect(left).toEqual([]);
      const under = await store.db
        .selectFrom('actors')
        .select('orgnr')
        .where('unit_type', '=', 'underenhet')
        .execute();
      expect(under).toHaveLength(7473);
      await run(store, [{ unitType: 'enhet', path: ENHETER_CSV }]); // back to the sample
    });

    describe('a bad file is refused and leaves the data exactly as it was', () => {
      const good = JSON.stringify(fixtureUnits.enheter);
      const middle = good.indexOf('"organisasjonsnummer"', good.length / 2);
      const cases: [string, () => string, RegExp][] = [
        ['truncated gzip', () => file('truncated.json.gz', gz(good).subarray(0, 900)), /truncated|ends/],
        [
          'corrupt JSON in the middle',
          () =>
            file(
              'corrupt.json.gz',
              gz(`${good.slice(0, middle)}"organisasjonsnummer" "x", ${good.slice(middle + 40)}`),
            ),
          /record \d+ at byte \d+: invalid JSON/,
        ],
        [
          'a search response instead of the bulk array',
          () => file('hal.json', JSON.stringify({ _embedded: { enheter: [] }, page: {} })),
          /not a JSON array/,
        ],
        [
          'establishments given as legal units',
          () => file('under-as-enheter.json.gz', gz(JSON.stringify(fixtureUnits.underenheter))),
          /record 1 at byte 1: wrong shape: has beliggenhetsadresse/,
        ],
        ['an array of numbers', () => file('numbers.json', '[1,2,3]'), /element 1 is not an object/],
        ['an empty file', () => file('empty.json.gz', ''), /empty/],
        ['an empty gzip', () => file('empty2.json.gz', gz('')), /empty/],
        [
          'a CSV with the underenheter header',
          () => file('wrong-header.csv', readFileSync(UNDERENHETER_CSV)),
          /CSV header lacks forretningsadresse.kommunenummer .*underenheter/,
        ],
        [
          'a CSV row of the wrong width',
          () => {
            const lines = readFileSync(ENHETER_CSV, 'utf8').split('\n');
            lines[100] = '"123","x"';
            return file('short-row.csv', lines.join('\n'));
          },
          /record 100 at byte \d+: invalid CSV/,
        ],
      ];
      for (const [name, make, message] of cases) {
        it(name, async () => {
          const path = make();
          const before = await snapshot(store);
          const importsBefore = await store.db.selectFrom('imports').selectAll().orderBy('id').execute();
          const error = await run(store, [
            { unitType: 'underenhet', path: UNDERENHETER_CSV },
            { unitType: 'enhet', path },
          ]).catch((e) => e);
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('invalid_input');
          expect((error as AppError).message).toContain(path.split('/').pop());
          expect((error as AppError).message).toMatch(message);
          expect(await snapshot(store)).toEqual(before);
          const importsAfter = await store.db.selectFrom('imports').selectAll().orderBy('id').execute();
          expect(importsAfter.slice(0, -1)).toEqual(importsBefore);
          expect(importsAfter.at(-1)).toMatchObject({ status: 'failed', kind: 'brreg-bulk' });
        });
      }
    });

    it('reads the bulk JSON format (gzip) and maps 2019 municipality numbers to today’s', async () => {
      const fresh = await openTestStore(dialect);
      try {
        const r = await importBrregBulk(
          openActorImport(fresh, NOW),
          [
            { unitType: 'enhet', path: join(SAMPLES, 'enheter_alle.sample-2019.json.gz') },
            { unitType: 'underenhet', path: join(SAMPLES, 'underenheter_alle.sample-2019.json.gz') },
          ],
          { registry: data.registry, classify },
        );
        expect(r.files.map((f) => [f.format, f.gzip, f.records])).toEqual([
          ['json', true, 6],
          ['json', true, 6],
        ]);
        const spydeberg = await fresh.db
          .selectFrom('actors')
          .selectAll()
          .where('orgnr', '=', '876726882')
          .executeTakeFirstOrThrow();
        expect(spydeberg).toMatchObject({
          municipality: '3118',
          municipality_in_source: '0123',
          name: 'JON GRØVLE',
        });
        // Independent: the whole small sample parsed at once.
        const raw = JSON.parse(
          gunzipSync(readFileSync(join(SAMPLES, 'enheter_alle.sample-2019.json.gz'))).toString(),
        ) as {
          organisasjonsform: { kode: string };
        }[];
        const forms: Record<string, number> = {};
        for (const u of raw) forms[u.organisasjonsform.kode] = (forms[u.organisasjonsform.kode] ?? 0) + 1;
        const s = await summariseActors(fresh.db, { units: 'enheter', status: ALL });
        expect(s.byForm).toEqual(forms);
        expect(s.total).toBe(raw.length);
      } finally {
        await fresh.dispose();
      }
    });

    it('reads the old (/n) and the new (line break) CSV convention for multi-line addresses alike', async () => {
      const lines = readFileSync(ENHETER_CSV, 'utf8').split('\n');
      const multi = lines.filter((l) => l.includes('/n')).slice(0, 5);
      expect(multi).toHaveLength(5);
      const oldCsv = file('old.csv', [lines[0], ...multi].join('\n'));
      const newCsv = file(
        'new.csv',
        gz([lines[0], ...multi.map((l) => l.replaceAll('/n', '\r\n'))].join('\r\n')),
      );
      const tables = [];
      for (const path of [oldCsv, newCsv]) {
        const fresh = await openTestStore(dialect);
        try {
          await importBrregBulk(openActorImport(fresh, NOW), [{ unitType: 'enhet', path }], {
            registry: data.registry,
            classify,
          });
          tables.push(await fresh.db.selectFrom('actors').selectAll().orderBy('orgnr').execute());
        } finally {
          await fresh.dispose();
        }
      }
      expect(tables[0]).toHaveLength(5);
      expect(tables[1]).toEqual(tables[0]);
    });
  });
}
