import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateResidues } from '../src/domain/residues.ts';
import { loadLibrary } from '../src/ingest/library.ts';
import { findProfile, loadReferenceData } from '../src/ingest/reference-data.ts';
import { getMeta, loadReferenceDataFromStore, seedReferenceData } from '../src/store/reference-repository.ts';
import { listRegions } from '../src/store/regions-repository.ts';
import { openTestStore, type TestStore, testDialects } from './helpers/stores.ts';

const files = loadReferenceData();
const library = loadLibrary(files.kinds, files.dataDir);
const NOW = '2026-11-28T12:00:00.000Z';

describe.each(testDialects())('store on %s', (dialect) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(dialect);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('migrates an empty database and records the migration', async () => {
    const tables = await store.db.introspection.getTables();
    const names = tables.map((t) => t.name);
    for (const t of [
      'municipalities',
      'regions',
      'observations',
      'coefficients',
      'actors',
      'imports',
      'import_log',
    ]) {
      expect(names).toContain(t);
    }
  });

  it('loads the reference data once, and again only when data/ changes', async () => {
    expect(await seedReferenceData(store.db, files, library.scenarios, NOW)).toBe(true);
    expect(await seedReferenceData(store.db, files, library.scenarios, NOW)).toBe(false);
    expect(await getMeta(store.db, 'reference_version')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives back the same reference data it was given', async () => {
    const back = await loadReferenceDataFromStore(store.db, files.dataDir);
    expect(back.registry.municipalities.size).toBe(357);
    expect(back.registry.changes.get('3007')?.[0]?.to).toBe('3305');
    expect(back.regions).toEqual(files.regions);
    expect(back.kinds).toEqual(files.kinds);
    expect(back.profiles).toEqual(files.profiles);
    expect(back.observations).toHaveLength(files.observations.length);
    expect(
      new Set(back.observations.map((o) => `${o.dataset}|${o.municipality}|${o.variable}|${o.value}`)),
    ).toEqual(
      new Set(files.observations.map((o) => `${o.dataset}|${o.municipality}|${o.variable}|${o.value}`)),
    );
  });

  it('estimates the same residues from the store as from the files', async () => {
    const back = await loadReferenceDataFromStore(store.db, files.dataDir);
    const region = files.regions.find((r) => r.id === 'gjovik-hadeland-ringerike');
    const request = (d: typeof files) => ({
      profile: findProfile(d, 'report'),
      kinds: d.kinds,
      statistics: d.statistics,
      municipalities: region?.municipalities ?? [],
    });
    expect(estimateResidues(request(back))).toEqual(estimateResidues(request(files)));
    // And the whole country with the literature profile (shipped national statistics), but for the
    // kind no national file covers.
    const national = (d: typeof files) => ({
      profile: findProfile(d, 'literature'),
      kinds: d.kinds,
      statistics: d.statistics,
      municipalities: files.regions.find((r) => r.id === 'norge')?.municipalities ?? [],
      kindIds: findProfile(d, 'literature')
        .recipes.map((r) => r.kind)
        .filter((k) => k !== 'gronnsaksrest'),
    });
    expect(estimateResidues(national(back))).toEqual(estimateResidues(national(files)));
  });

  it('keeps sub-regions and member order of the built-in region', async () => {
    const regions = await listRegions(store.db);
    const ref = regions.find((r) => r.id === 'gjovik-hadeland-ringerike');
    expect(ref?.builtin).toBe(true);
    expect(ref?.subRegions.map((s) => s.name)).toEqual([
      'Gjøvikregionen',
      'Hadelandregionen',
      'Ringeriksregionen',
    ]);
  });

  it('rolls a failed seed back completely', async () => {
    const other = await openTestStore(dialect);
    try {
      const broken = {
        ...files,
        regions: [{ ...files.regions[0], municipalities: ['9999'] } as (typeof files.regions)[0]],
      };
      await expect(seedReferenceData(other.db, broken, library.scenarios, NOW)).rejects.toThrow();
      expect(await other.db.selectFrom('municipalities').select('number').execute()).toEqual([]);
      expect(await getMeta(other.db, 'reference_version')).toBeUndefined();
    } finally {
      await other.dispose();
    }
  });
});
