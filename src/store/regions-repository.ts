/**
 * Regions in the store: the built-in ones (seeded from data/regions, see reference-repository.ts) and
 * people's own. Members keep their order; a member's sub-region is stored on its row. Expected
 * failures (an id taken, a region unknown or built in) are answers, not exceptions: the caller says
 * what they mean to a person.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Region } from '../domain/regions.ts';
import { insertChunked } from './insert-chunked.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredRegion extends Region {
  builtin: boolean;
  updatedAt: string;
}

export async function insertRegion(db: Db, r: Region, builtin: boolean, now: string): Promise<void> {
  await db
    .insertInto('regions')
    .values({
      id: r.id,
      name: r.name,
      description:
        r.description === undefined
          ? null
          : typeof r.description === 'string'
            ? r.description
            : r.description.nb,
      description_en: typeof r.description === 'object' ? r.description.en : null,
      source: r.source ?? null,
      seed_report: r.seedReport ?? null,
      builtin: builtin ? 1 : 0,
      updated_at: now,
    })
    .execute();
  const sub = new Map<string, { id: string; name: string }>();
  for (const s of r.subRegions) for (const m of s.municipalities) sub.set(m, { id: s.id, name: s.name });
  await insertChunked(
    db,
    'region_members',
    r.municipalities.map((m, position) => ({
      region_id: r.id,
      municipality: m,
      sub_region_id: sub.get(m)?.id ?? null,
      sub_region_name: sub.get(m)?.name ?? null,
      position,
    })),
  );
}

async function removeRegion(db: Db, id: string): Promise<void> {
  await db.deleteFrom('region_members').where('region_id', '=', id).execute();
  await db.deleteFrom('regions').where('id', '=', id).execute();
}

/** Every region, ordered by id, with its members in order. */
export async function listRegions(db: Db): Promise<StoredRegion[]> {
  const regions = await db.selectFrom('regions').selectAll().orderBy('id').execute();
  const members = await db
    .selectFrom('region_members')
    .selectAll()
    .orderBy('region_id')
    .orderBy('position')
    .execute();
  const byRegion = new Map<string, typeof members>();
  for (const m of members) byRegion.set(m.region_id, [...(byRegion.get(m.region_id) ?? []), m]);
  return regions.map((r) => toRegion(r, byRegion.get(r.id) ?? []));
}

export async function getRegion(db: Db, id: string): Promise<StoredRegion | undefined> {
  const row = await db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const members = await db
    .selectFrom('region_members')
    .selectAll()
    .where('region_id', '=', id)
    .orderBy('position')
    .execute();
  return toRegion(row, members);
}

export type CreateRegionResult = 'created' | 'exists';

/** Adds a person's region (or, with builtin, one of data/'s); an id in use is refused. */
export async function createRegion(
  db: Kysely<Database>,
  region: Region,
  options: { now: string; builtin?: boolean },
): Promise<CreateRegionResult> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('regions')
      .select('id')
      .where('id', '=', region.id)
      .executeTakeFirst();
    if (exists) return 'exists';
    await insertRegion(trx, region, options.builtin ?? false, options.now);
    return 'created';
  });
}

export type ChangeRegionResult = 'done' | 'unknown' | 'builtin';

/** Replaces a person's region; the built-in ones are refused. */
export async function replaceRegion(
  db: Kysely<Database>,
  region: Region,
  options: { now: string },
): Promise<ChangeRegionResult> {
  return db.transaction().execute(async (trx) => {
    const state = await userRegion(trx, region.id);
    if (state !== 'done') return state;
    await removeRegion(trx, region.id);
    await insertRegion(trx, region, false, options.now);
    return 'done';
  });
}

/** Deletes a person's region; the built-in ones are refused. */
export async function deleteRegion(db: Kysely<Database>, id: string): Promise<ChangeRegionResult> {
  return db.transaction().execute(async (trx) => {
    const state = await userRegion(trx, id);
    if (state === 'done') await removeRegion(trx, id);
    return state;
  });
}

/** Replaces every built-in region by data/'s (within the seeding transaction). */
export async function replaceBuiltinRegions(db: Db, regions: Region[], now: string): Promise<void> {
  const builtin = (await db.selectFrom('regions').select('id').where('builtin', '=', 1).execute()).map(
    (r) => r.id,
  );
  if (builtin.length > 0) {
    await db.deleteFrom('region_members').where('region_id', 'in', builtin).execute();
    await db.deleteFrom('regions').where('id', 'in', builtin).execute();
  }
  for (const r of regions) await insertRegion(db, r, true, now);
}

async function userRegion(db: Db, id: string): Promise<ChangeRegionResult> {
  const row = await db.selectFrom('regions').select(['builtin']).where('id', '=', id).executeTakeFirst();
  if (!row) return 'unknown';
  return row.builtin === 1 ? 'builtin' : 'done';
}

function toRegion(r: Database['regions'], own: Database['region_members'][]): StoredRegion {
  const subs = new Map<string, { id: string; name: string; municipalities: string[] }>();
  for (const m of own) {
    if (!m.sub_region_id) continue;
    const s = subs.get(m.sub_region_id) ?? {
      id: m.sub_region_id,
      name: m.sub_region_name ?? m.sub_region_id,
      municipalities: [],
    };
    s.municipalities.push(m.municipality);
    subs.set(m.sub_region_id, s);
  }
  return {
    id: r.id,
    name: r.name,
    municipalities: own.map((m) => m.municipality),
    subRegions: [...subs.values()],
    ...(r.description
      ? { description: r.description_en ? { nb: r.description, en: r.description_en } : r.description }
      : {}),
    ...(r.source ? { source: r.source } : {}),
    ...(r.seed_report ? { seedReport: r.seed_report } : {}),
    builtin: r.builtin === 1,
    updatedAt: r.updated_at,
  };
}
