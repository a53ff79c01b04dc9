/** The regions repository on every dialect (RESTVERDI_TEST_DIALECTS): writes, refusals as answers, order kept. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataFiles } from '../src/app/data-files.ts';
import type { Region } from '../src/domain/regions.ts';
import { seedReferenceData } from '../src/store/reference-repository.ts';
import {
  createRegion,
  deleteRegion,
  getRegion,
  listRegions,
  replaceRegion,
} from '../src/store/regions-repository.ts';
import { openTestStore, type TestStore, testDialects } from './helpers/stores.ts';

const dataFiles = openDataFiles();
const files = dataFiles.reference();
const library = dataFiles.library();
const NOW = '2026-11-28T12:00:00.000Z';
const LATER = '2026-11-29T12:00:00.000Z';
const BUILTIN = 'gjovik-hadeland-ringerike';

const region: Region = {
  id: 'ringerike-hole',
  name: 'Ringerike og Hole',
  description: 'Two',
  municipalities: ['3310', '3305'],
  subRegions: [
    { id: 'hole', name: 'Hole', municipalities: ['3310'] },
    { id: 'ringerike', name: 'Ringerike', municipalities: ['3305'] },
  ],
};

describe.each(testDialects())('regions repository on %s', (dialect) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(dialect);
    await seedReferenceData(store.db, files, library.scenarios, NOW);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('creates a region and reads it back with its members in order', async () => {
    expect(await createRegion(store.db, region, { now: NOW })).toBe('created');
    expect(await getRegion(store.db, region.id)).toEqual({ ...region, builtin: false, updatedAt: NOW });
    const ids = (await listRegions(store.db)).map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain(BUILTIN);
  });

  it('answers "exists" for an id in use and leaves the region as it was', async () => {
    expect(await createRegion(store.db, { ...region, name: 'Other' }, { now: LATER })).toBe('exists');
    expect((await getRegion(store.db, region.id))?.name).toBe('Ringerike og Hole');
  });

  it('replaces a person’s region, refuses the built-in one and answers "unknown"', async () => {
    const next: Region = { id: region.id, name: 'Ringerike', municipalities: ['3305'], subRegions: [] };
    expect(await replaceRegion(store.db, next, { now: LATER })).toBe('done');
    expect(await getRegion(store.db, region.id)).toEqual({ ...next, builtin: false, updatedAt: LATER });
    const builtin = await getRegion(store.db, BUILTIN);
    expect(await replaceRegion(store.db, { ...next, id: BUILTIN }, { now: LATER })).toBe('builtin');
    expect(await getRegion(store.db, BUILTIN)).toEqual(builtin);
    expect(await replaceRegion(store.db, { ...next, id: 'nowhere' }, { now: LATER })).toBe('unknown');
    expect(await getRegion(store.db, 'nowhere')).toBeUndefined();
  });

  it('deletes a person’s region and its members; refuses the built-in one', async () => {
    expect(await deleteRegion(store.db, region.id)).toBe('done');
    expect(await getRegion(store.db, region.id)).toBeUndefined();
    const orphans = await store.db
      .selectFrom('region_members')
      .select('municipality')
      .where('region_id', '=', region.id)
      .execute();
    expect(orphans).toEqual([]);
    expect(await deleteRegion(store.db, region.id)).toBe('unknown');
    expect(await deleteRegion(store.db, BUILTIN)).toBe('builtin');
    expect((await getRegion(store.db, BUILTIN))?.builtin).toBe(true);
  });

  it('keeps people’s regions when data/ is seeded again', async () => {
    await createRegion(store.db, region, { now: NOW });
    const changed = { ...files, regions: files.regions.map((r) => ({ ...r, name: `${r.name} (2)` })) };
    expect(await seedReferenceData(store.db, changed, library.scenarios, LATER)).toBe(true);
    expect((await getRegion(store.db, BUILTIN))?.name).toMatch(/\(2\)$/);
    expect(await getRegion(store.db, region.id)).toMatchObject({ name: region.name, builtin: false });
  });
});
