import { AppError, type Issue } from './errors.ts';
import { message } from './message.ts';
import { type MunicipalityRegistry, resolveMunicipality } from './municipalities.ts';
import type { Words } from './text.ts';

export interface SubRegion {
  id: string;
  name: string;
  municipalities: string[];
}

/** A named set of municipalities (today's numbers), optionally grouped in sub-regions. */
export interface Region {
  id: string;
  name: string;
  description?: Words;
  municipalities: string[];
  subRegions: SubRegion[];
  source?: string;
  /** Path (under data/) of the transcribed figures of a report about the region, for the audit. */
  seedReport?: string;
}

/** A region as a person or a data file gives it: numbers may be old, sub-region ids may be left out. */
export interface RegionInput {
  id: string;
  name: string;
  description?: Words;
  /** Default: the sub-regions' municipalities. */
  municipalities?: string[];
  subRegions?: { id?: string; name: string; municipalities: string[] }[];
  source?: string;
  seedReport?: string;
}

/** A region's (or a sub-region's) id: lower-case letters, digits and dashes, starting with a letter (at most 64 characters). */
export const REGION_ID = /^[a-z][a-z0-9-]{0,63}$/;

export function findRegion(regions: Region[], id: string): Region {
  const region = regions.find((r) => r.id === id);
  if (!region) {
    const known = regions.map((r) => r.id).join(', ') || '(none)';
    throw new AppError('unknown_region', `unknown region "${id}"; regions that exist: ${known}`, {
      detail: message('unknown_region', { id, known: regions.map((r) => r.id) }),
    });
  }
  return region;
}

/** A sub-region id from its name (æøå spelt out), for inputs that give only a name. */
export function subRegionId(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(id) ? id : `s-${id || 'sub'}`;
}

export interface RegionValidation {
  /** The region with today's numbers (what is valid of it when there are problems). */
  region: Region;
  /** Every problem, each with the path of the field it is about; empty when the region is valid. */
  problems: Issue[];
}

export interface ValidateRegionOptions {
  /**
   * `map` (people's input): an old number is mapped to today's, a split one is refused.
   * `refuse` (data/ files, which must hold today's numbers): an old number is a problem.
   */
  oldNumbers?: 'map' | 'refuse';
}

/**
 * The one check of a region, for data/ files, the CLI and the API alike. It collects every problem
 * rather than stopping at the first: the id's form, the name, each municipality (a number, existing
 * today), at least one member, and sub-regions that partition the region (named, with distinct ids,
 * not empty, members of the region, no municipality in two).
 */
export function validateRegion(
  input: RegionInput,
  registry: MunicipalityRegistry,
  options: ValidateRegionOptions = {},
): RegionValidation {
  const oldNumbers = options.oldNumbers ?? 'map';
  const problems: Issue[] = [];
  if (!REGION_ID.test(input.id))
    problems.push({
      path: 'id',
      message: `"${input.id}" is not a region id (lower-case letters, digits and dashes, starting with a letter)`,
      detail: message('region_id_invalid', { id: input.id }),
    });
  const name = input.name.trim();
  if (!name)
    problems.push({
      path: 'name',
      message: 'a region needs a name',
      detail: message('region_name_missing', {}),
    });

  const today = (raw: string, path: string): string | undefined => {
    if (!/^\d{1,4}$/.test(raw)) {
      problems.push({
        path,
        message: `${raw}: not a municipality number`,
        detail: message('region_number_invalid', { input: raw }),
      });
      return undefined;
    }
    if (oldNumbers === 'refuse') {
      if (registry.municipalities.has(raw)) return raw;
      problems.push({
        path,
        message: `municipality ${raw} does not exist today`,
        detail: message('region_municipality_unknown', { region: input.id, municipality: raw }),
      });
      return undefined;
    }
    const r = resolveMunicipality(registry, raw);
    if (r.ok) return r.number;
    problems.push({
      path,
      message: `${raw}: ${r.reason}`,
      detail: message('region_number_unresolved', { input: raw, candidates: r.candidates }),
    });
    return undefined;
  };
  const known = (list: (string | undefined)[]) => list.filter((m): m is string => m !== undefined);

  const subRegions: SubRegion[] = (input.subRegions ?? []).map((s, i) => {
    const subName = s.name.trim();
    if (!subName)
      problems.push({
        path: `subRegions[${i}].name`,
        message: 'a sub-region needs a name',
        detail: message('subregion_name_missing', {}),
      });
    const id = s.id ?? subRegionId(subName);
    if (!REGION_ID.test(id))
      problems.push({
        path: `subRegions[${i}].id`,
        message: `"${id}" is not a sub-region id`,
        detail: message('subregion_id_invalid', { id }),
      });
    if (s.municipalities.length === 0)
      problems.push({
        path: `subRegions[${i}].municipalities`,
        message: 'a sub-region needs municipalities',
        detail: message('subregion_empty', { subRegion: subName || String(i + 1) }),
      });
    const members = known(s.municipalities.map((m, j) => today(m, `subRegions[${i}].municipalities[${j}]`)));
    return { id, name: subName, municipalities: [...new Set(members)] };
  });
  const listed = input.municipalities?.map((m, j) => today(m, `municipalities[${j}]`));
  // Two old numbers merged into one municipality name it once.
  const municipalities = [...new Set(listed ? known(listed) : subRegions.flatMap((s) => s.municipalities))];
  if (municipalities.length === 0 && (listed ?? []).every((m) => m !== undefined))
    problems.push({
      path: 'municipalities',
      message: 'a region needs at least one municipality',
      detail: message('region_empty', {}),
    });

  const inSubs = subRegions.flatMap((s) => s.municipalities);
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const m of inSubs) {
    if (!municipalities.includes(m))
      problems.push({
        path: 'subRegions',
        message: `sub-region member ${m} is not in the region's municipalities`,
        detail: message('region_subregion_member_outside', { region: input.id, municipality: m }),
      });
    if (seen.has(m)) twice.add(m);
    seen.add(m);
  }
  for (const m of twice)
    problems.push({
      path: 'subRegions',
      message: `${m} is in more than one sub-region`,
      detail: message('region_municipality_in_two_subregions', { region: input.id, municipality: m }),
    });
  const ids = subRegions.map((s) => s.id);
  for (const id of new Set(ids.filter((s, i) => ids.indexOf(s) !== i)))
    problems.push({
      path: 'subRegions',
      message: `two sub-regions have the id ${id}`,
      detail: message('subregion_duplicate_id', { id }),
    });

  const region: Region = {
    id: input.id,
    name,
    municipalities,
    subRegions,
    ...(input.description ? { description: input.description } : {}),
    ...(input.source ? { source: input.source } : {}),
    ...(input.seedReport ? { seedReport: input.seedReport } : {}),
  };
  return { region, problems };
}
