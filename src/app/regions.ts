/**
 * Regions: list, get, create, replace, delete and show. Each write checks the region with the
 * domain's one validator (every problem, with its path) and then writes through the store's
 * repository, invalidating the workspace so the next estimate sees the change.
 */
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import { findObservation } from '../domain/observations.ts';
import { findRegion, type Region, type RegionInput, validateRegion } from '../domain/regions.ts';
import type { StoredRegion } from '../store/regions-repository.ts';
import * as repository from '../store/regions-repository.ts';
import type { Workspace } from './workspace.ts';

export type { StoredRegion };

export async function listRegions(ws: Workspace): Promise<StoredRegion[]> {
  return repository.listRegions(ws.store.db);
}

export async function getRegion(ws: Workspace, id: string): Promise<StoredRegion> {
  const region = await repository.getRegion(ws.store.db, id);
  if (region) return region;
  const known = (await repository.listRegions(ws.store.db)).map((r) => r.id);
  throw new AppError(
    'unknown_region',
    `unknown region "${id}"; regions that exist: ${known.join(', ') || '(none)'}`,
    {
      detail: message('unknown_region', { id, known }),
    },
  );
}

/** The region with today's numbers, or an `invalid_input` error listing every problem. */
export async function checkRegion(ws: Workspace, input: RegionInput): Promise<Region> {
  const { registry } = await ws.reference();
  const { region, problems } = validateRegion(input, registry);
  if (problems.length > 0)
    throw new AppError(
      'invalid_input',
      `invalid region ${input.id}: ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      {
        issues: problems,
        detail: message('region_invalid', { region: input.id, problems: problems.length }),
      },
    );
  return region;
}

export async function createRegion(ws: Workspace, input: RegionInput): Promise<StoredRegion> {
  const region = await checkRegion(ws, input);
  const result = await repository.createRegion(ws.store.db, region, { now: ws.clock.now().toISOString() });
  if (result === 'exists')
    throw new AppError('conflict', `region "${region.id}" exists already; choose another id or replace it`, {
      detail: message('conflict_exists', { id: region.id }),
    });
  ws.invalidate();
  return getRegion(ws, region.id);
}

/** Replaces a person's region (`id` is the one addressed; the input must name the same). */
export async function replaceRegion(ws: Workspace, id: string, input: RegionInput): Promise<StoredRegion> {
  if (input.id !== id)
    throw new AppError(
      'invalid_input',
      `the region's id "${input.id}" differs from "${id}", the one addressed`,
      {
        issues: [
          {
            path: 'body.id',
            message: `differs from "${id}", the one addressed`,
            detail: message('body_id_differs', { id: input.id, addressed: id }),
          },
        ],
        detail: message('body_id_differs', { id: input.id, addressed: id }),
      },
    );
  const region = await checkRegion(ws, input);
  await refused(
    ws,
    await repository.replaceRegion(ws.store.db, region, { now: ws.clock.now().toISOString() }),
    id,
    'changed',
  );
  ws.invalidate();
  return getRegion(ws, id);
}

export async function deleteRegion(ws: Workspace, id: string): Promise<void> {
  await refused(ws, await repository.deleteRegion(ws.store.db, id), id, 'deleted');
  ws.invalidate();
}

async function refused(
  ws: Workspace,
  result: repository.ChangeRegionResult,
  id: string,
  verb: string,
): Promise<void> {
  if (result === 'unknown') {
    const known = (await repository.listRegions(ws.store.db)).map((r) => r.id);
    throw new AppError('unknown_region', `unknown region "${id}"`, {
      detail: message('unknown_region', { id, known }),
    });
  }
  if (result === 'builtin')
    throw new AppError(
      'conflict',
      `region "${id}" ships with Restverdi and cannot be ${verb}; create a new one`,
      { detail: message('builtin_region_readonly', { id }) },
    );
}

/** Statistic prefixes shown per municipality by `showRegion`. */
export const REGION_COVERAGE = [
  'population',
  'harvest.total',
  'area.bygg',
  'area.potet',
  'livestock.melkeku',
];

export interface RegionMember {
  number: string;
  name: string;
  county: string;
  subRegion: string | null;
  /** Per variable of REGION_COVERAGE: the newest year in the store, or null. */
  statistics: Record<string, { year: number; dataset: string; partial?: true } | null>;
}

/** A region's municipalities and which statistics exist for each (newest year). */
export async function showRegion(
  ws: Workspace,
  id: string,
): Promise<{ region: Region; members: RegionMember[] }> {
  const data = await ws.reference();
  const region = findRegion(data.regions, id);
  const members = region.municipalities.map((nr): RegionMember => {
    const m = data.registry.municipalities.get(nr);
    const sub = region.subRegions.find((s) => s.municipalities.includes(nr));
    const statistics = Object.fromEntries(
      REGION_COVERAGE.map((v) => {
        const o = findObservation(data.statistics, nr, v);
        const partial = o ? data.statistics.datasets.get(o.dataset)?.source.partial !== undefined : false;
        return [
          v,
          o ? { year: o.year, dataset: o.dataset, ...(partial ? { partial: true as const } : {}) } : null,
        ];
      }),
    );
    return {
      number: nr,
      name: m?.name ?? '',
      county: m?.county ?? '',
      subRegion: sub?.name ?? null,
      statistics,
    };
  });
  return { region, members };
}
