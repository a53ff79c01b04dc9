import { AppError } from './errors.ts';
import type { MunicipalityRegistry } from './municipalities.ts';

export interface SubRegion {
  id: string;
  name: string;
  municipalities: string[];
}

/** A named set of municipalities (today's numbers), optionally grouped in sub-regions. */
export interface Region {
  id: string;
  name: string;
  description?: string;
  municipalities: string[];
  subRegions: SubRegion[];
  source?: string;
  /** Path (under data/) of the transcribed figures of a report about the region, for the audit. */
  seedReport?: string;
}

export function findRegion(regions: Region[], id: string): Region {
  const region = regions.find((r) => r.id === id);
  if (!region) {
    const known = regions.map((r) => r.id).join(', ') || '(none)';
    throw new AppError('unknown_region', `unknown region "${id}"; regions that exist: ${known}`);
  }
  return region;
}

/** Checks that every municipality of a region exists today and that sub-regions partition it. */
export function validateRegion(region: Region, registry: MunicipalityRegistry): string[] {
  const problems: string[] = [];
  for (const nr of region.municipalities) {
    if (!registry.municipalities.has(nr))
      problems.push(`${region.id}: municipality ${nr} does not exist today`);
  }
  const inSubs = region.subRegions.flatMap((s) => s.municipalities);
  for (const nr of inSubs) {
    if (!region.municipalities.includes(nr))
      problems.push(`${region.id}: sub-region member ${nr} is not in the region`);
  }
  if (region.subRegions.length > 0 && new Set(inSubs).size !== inSubs.length) {
    problems.push(`${region.id}: a municipality is in more than one sub-region`);
  }
  return problems;
}
