/**
 * Inputs of the allocation optimiser from files: sites (data/sites/<region>.json or a user's file),
 * transport coefficients (data/transport.json), municipality centroids
 * (data/municipalities/centroids-2024.json) and a user's road-distance matrix (CSV from,to,km). A site
 * given only by its municipality stands at the position the caller gives for it (its town).
 * Every problem of a file is listed with its path; nothing is half-read. Schema: docs/sites.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Site, TransportParams } from '../domain/allocation/input.ts';
import type { Coefficient } from '../domain/coefficients.ts';
import { AppError, type Issue } from '../domain/errors.ts';
import type { LatLon } from '../domain/geo.ts';
import { type Message, message } from '../domain/message.ts';
import { type MunicipalityRegistry, resolveMunicipality } from '../domain/municipalities.ts';
import type { OriginWeights } from '../domain/origins.ts';
import type { LegParams, RoadParams } from '../domain/roads.ts';
import type { Library } from '../domain/scenarios.ts';
import { issuesAt } from '../domain/schema-issues.ts';
import { csvErrorMessage, problemsDetail } from './file-issues.ts';
import { DEFAULT_DATA_DIR, readJsonFile } from './reference-data.ts';
import { coefficientSchema, sourceSchema, textSchema, wordsSchema } from './schemas.ts';

const siteSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case id of letters, digits, dots and dashes'),
    name: z.string().min(1),
    technology: z.string().min(1),
    route: z.array(z.string().min(1)).min(1).optional(),
    accepts: z.array(z.string().min(1)).min(1).optional(),
    municipality: z.string().optional(),
    lat: z.number().min(57).max(72).optional(),
    lon: z.number().min(4).max(32).optional(),
    capacityTonnes: z.number().positive(),
    basis: z.enum(['wet', 'dm']),
    minimumIntakeTonnes: z.number().nonnegative().optional(),
    transportRadiusKm: z.number().nonnegative().optional(),
    status: z.enum(['existing', 'planned', 'studied', 'pilot', 'candidate']),
    fixedCostNokPerYear: z.number().nonnegative().optional(),
    capacityIsAssumption: z.boolean().optional(),
    note: wordsSchema.optional(),
    source: sourceSchema.optional(),
  })
  .strict();

export const sitesFileSchema = z
  .object({
    region: z.string().optional(),
    description: wordsSchema.optional(),
    sites: z.array(siteSchema),
  })
  .strict();

/** The file's frame only: each site is then checked on its own, so that every problem is listed. */
const sitesFrameSchema = z
  .object({ region: z.string().optional(), description: wordsSchema.optional(), sites: z.array(z.unknown()) })
  .strict();

export type SiteRecord = z.infer<typeof siteSchema>;

const roadClassWeights = z.object({
  E: z.number().nonnegative(),
  R: z.number().nonnegative(),
  F: z.number().nonnegative(),
  K: z.number().nonnegative(),
  P: z.number().nonnegative(),
});

const roadsSchema = z
  .object({
    source: z.string(),
    speedKmh: z
      .object({
        E: coefficientSchema,
        R: coefficientSchema,
        F: coefficientSchema,
        K: coefficientSchema,
        P: coefficientSchema,
      })
      .strict(),
    lastMileSpeedKmh: coefficientSchema,
    ferrySpeedKmh: coefficientSchema,
    ferryWaitHours: coefficientSchema,
    ferryFareNokPerTonne: coefficientSchema,
    gatherFactor: coefficientSchema,
    origins: z
      .object({
        settlementKernelKm: z.number().positive(),
        roadClass: z.object({
          settlement: roadClassWeights,
          farmland: roadClassWeights,
          forest: roadClassWeights,
        }),
        note: textSchema,
      })
      .strict(),
  })
  .strict();

const transportFileSchema = z.object({
  source: z.string(),
  detourFactor: coefficientSchema,
  costNokPerTonneKm: coefficientSchema,
  kgCo2ePerTonneKm: coefficientSchema,
  roads: roadsSchema,
});

/** How hauls on the road network are costed and timed, and where a municipality's tonnes start. */
export interface RoadTransport {
  params: RoadParams;
  leg: LegParams;
  /** Share of the radius of a municipality's area that is the mean gathering distance. */
  gatherFactor: number;
  origins: OriginWeights;
}

const centroidsFileSchema = z.object({
  source: sourceSchema,
  method: z.string(),
  municipalities: z.array(
    z.object({
      number: z.string().regex(/^\d{4}$/),
      name: z.string(),
      lat: z.number(),
      lon: z.number(),
      method: z.string(),
    }),
  ),
});

/** resolveMunicipality that reports a malformed number as a reason instead of throwing. */
function resolveSafely(
  registry: MunicipalityRegistry,
  raw: string,
): ReturnType<typeof resolveMunicipality> & { malformed?: boolean } {
  try {
    return resolveMunicipality(registry, raw);
  } catch (error) {
    if (error instanceof AppError)
      return {
        ok: false,
        reason: error.message,
        candidates: [],
        detail: error.detail ?? message('municipality_not_a_number', { value: raw }),
        malformed: true,
      };
    throw error;
  }
}

/** Why a municipality number cannot be used, as a message (the region validator's words for it). */
function unresolvedMessage(raw: string, res: { candidates: string[]; malformed?: boolean }): Message {
  return res.malformed
    ? message('region_number_invalid', { input: raw })
    : message('region_number_unresolved', { input: raw, candidates: res.candidates });
}

export function loadCentroids(dataDir = DEFAULT_DATA_DIR): Map<string, LatLon> {
  const file = readJsonFile(
    join(dataDir, 'municipalities/centroids-2024.json'),
    centroidsFileSchema,
    dataDir,
  );
  return new Map(file.municipalities.map((m) => [m.number, { lat: m.lat, lon: m.lon }]));
}

export interface LoadedTransport extends TransportParams {
  road: RoadTransport;
  /** Every coefficient of the file (for the sources). */
  all: Coefficient[];
  coefficients: z.infer<typeof transportFileSchema>;
}

/** Every coefficient of data/transport.json, in a stable order. */
function transportCoefficients(file: z.infer<typeof transportFileSchema>): Coefficient[] {
  const r = file.roads;
  return [
    file.detourFactor,
    file.costNokPerTonneKm,
    file.kgCo2ePerTonneKm,
    r.speedKmh.E,
    r.speedKmh.R,
    r.speedKmh.F,
    r.speedKmh.K,
    r.speedKmh.P,
    r.lastMileSpeedKmh,
    r.ferrySpeedKmh,
    r.ferryWaitHours,
    r.ferryFareNokPerTonne,
    r.gatherFactor,
  ];
}

export function roadTransport(file: z.infer<typeof transportFileSchema>): RoadTransport {
  const r = file.roads;
  return {
    params: {
      speedKmh: {
        E: r.speedKmh.E.value,
        R: r.speedKmh.R.value,
        F: r.speedKmh.F.value,
        K: r.speedKmh.K.value,
        P: r.speedKmh.P.value,
      },
      ferry: {
        speedKmh: r.ferrySpeedKmh.value,
        waitHours: r.ferryWaitHours.value,
        fareNokPerTonne: r.ferryFareNokPerTonne.value,
      },
      costNokPerTonneKm: file.costNokPerTonneKm.value,
    },
    leg: { lastMileDetour: file.detourFactor.value, lastMileSpeedKmh: r.lastMileSpeedKmh.value },
    gatherFactor: r.gatherFactor.value,
    origins: { roadClass: r.origins.roadClass, settlementKernelKm: r.origins.settlementKernelKm },
  };
}

export function loadTransport(dataDir = DEFAULT_DATA_DIR): LoadedTransport {
  const file = readJsonFile(join(dataDir, 'transport.json'), transportFileSchema, dataDir);
  return {
    detourFactor: file.detourFactor.value,
    costNokPerTonneKm: file.costNokPerTonneKm.value,
    kgCo2ePerTonneKm: file.kgCo2ePerTonneKm.value,
    road: roadTransport(file),
    all: transportCoefficients(file),
    coefficients: file,
  };
}

/** Cross-checks sites against the library and the municipality registry; returns domain sites or every issue. */
export function resolveSites(
  records: SiteRecord[],
  name: string,
  lib: Library,
  registry: MunicipalityRegistry,
  /** Where a site given only by its municipality stands (the workspace: its town on the roads). */
  positions: Map<string, LatLon>,
): { sites: Site[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const kinds = new Set(lib.kinds.map((k) => k.id));
  const sites: Site[] = [];
  records.forEach((r, i) => {
    const at = `${name}:sites[${i}]`;
    const before = issues.length;
    if ((r.lat === undefined) !== (r.lon === undefined))
      issues.push({
        path: `${at}.lat`,
        message: 'give both lat and lon, or neither',
        detail: message('site_lat_lon_pair', {}),
      });
    if (r.lat === undefined && r.municipality === undefined)
      issues.push({
        path: `${at}.municipality`,
        message: 'give a municipality number or lat and lon',
        detail: message('site_position_missing', {}),
      });
    if (r.route && r.route[0] !== r.technology)
      issues.push({
        path: `${at}.route`,
        message: `the route must start with the site's technology (${r.technology})`,
        detail: message('site_route_start', { technology: r.technology }),
      });
    if (r.minimumIntakeTonnes !== undefined && r.minimumIntakeTonnes > r.capacityTonnes)
      issues.push({
        path: `${at}.minimumIntakeTonnes`,
        message: `minimum intake ${r.minimumIntakeTonnes} exceeds capacity ${r.capacityTonnes}`,
        detail: message('site_minimum_over_capacity', {
          minimumTonnes: r.minimumIntakeTonnes,
          capacityTonnes: r.capacityTonnes,
        }),
      });
    if (r.capacityIsAssumption && !r.note)
      issues.push({
        path: `${at}.note`,
        message: 'an assumed capacity needs a note saying why',
        detail: message('site_assumption_note_missing', {}),
      });
    if (seen.has(r.id))
      issues.push({
        path: `${at}.id`,
        message: `duplicate site id "${r.id}"`,
        detail: message('site_duplicate_id', { id: r.id }),
      });
    seen.add(r.id);
    const tech = lib.technologies.find((t) => t.id === r.technology);
    if (!tech && typeof r.technology === 'string') {
      issues.push({
        path: `${at}.technology`,
        message: `unknown technology "${r.technology}"; technologies: ${lib.technologies.map((t) => t.id).join(', ')}`,
        detail: message('technology_unknown', { id: r.technology, known: lib.technologies.map((t) => t.id) }),
      });
    } else if (tech && !tech.inputs.some((x) => kinds.has(x))) {
      issues.push({
        path: `${at}.technology`,
        message: `${tech.id} takes no residue kind (only ${tech.inputs.join(', ')}); a site starts a route from residues`,
        detail: message('site_technology_takes_no_kind', { technology: tech.id, inputs: tech.inputs }),
      });
    }
    r.route?.forEach((t, j) => {
      if (!lib.technologies.some((x) => x.id === t))
        issues.push({
          path: `${at}.route[${j}]`,
          message: `unknown technology "${t}"`,
          detail: message('technology_unknown', { id: t, known: lib.technologies.map((x) => x.id) }),
        });
    });
    r.accepts?.forEach((k, j) => {
      if (!kinds.has(k))
        issues.push({
          path: `${at}.accepts[${j}]`,
          message: `unknown residue kind "${k}"`,
          detail: message('unknown_kind', { id: k, known: [...kinds] }),
        });
      else if (tech && !tech.inputs.includes(k))
        issues.push({
          path: `${at}.accepts[${j}]`,
          message: `${tech.id} does not accept ${k}`,
          detail: message('site_kind_not_accepted', { technology: tech.id, kind: k }),
        });
    });
    let municipality: string | undefined;
    if (r.municipality !== undefined) {
      const res = resolveSafely(registry, r.municipality);
      if (!res.ok)
        issues.push({
          path: `${at}.municipality`,
          message: res.reason,
          detail: unresolvedMessage(r.municipality, res),
        });
      else municipality = res.number;
    }
    let position: LatLon | undefined =
      r.lat !== undefined && r.lon !== undefined ? { lat: r.lat, lon: r.lon } : undefined;
    if (!position && municipality) {
      position = positions.get(municipality);
      if (!position)
        issues.push({
          path: `${at}.municipality`,
          message: `no position for ${municipality}`,
          detail: message('centroid_missing', { municipality }),
        });
    }
    if (issues.length > before || !position) return;
    sites.push({
      id: r.id,
      name: r.name,
      technology: r.technology,
      ...(r.route ? { route: r.route } : {}),
      ...(r.accepts ? { accepts: r.accepts } : {}),
      capacityTonnes: r.capacityTonnes,
      basis: r.basis,
      ...(r.minimumIntakeTonnes !== undefined ? { minimumIntakeTonnes: r.minimumIntakeTonnes } : {}),
      position,
      ...(municipality ? { municipality } : {}),
      ...(r.transportRadiusKm !== undefined ? { transportRadiusKm: r.transportRadiusKm } : {}),
      status: r.status,
      ...(r.fixedCostNokPerYear !== undefined ? { fixedCostNokPerYear: r.fixedCostNokPerYear } : {}),
      capacityIsAssumption: r.capacityIsAssumption ?? false,
      ...(r.note ? { note: r.note } : {}),
      ...(r.source ? { source: r.source } : {}),
    });
  });
  return { sites, issues };
}

/**
 * Reads a sites file. A user's file (`user`) with problems is the user's to fix (invalid_input, exit 2);
 * the project's own data with problems is invalid_data.
 */
export function readSitesFile(
  file: string,
  lib: Library,
  registry: MunicipalityRegistry,
  /** Where a site given only by its municipality stands (the workspace: its town on the roads). */
  positions: Map<string, LatLon>,
  options: { user: boolean; base?: string },
): Site[] {
  const code = options.user ? 'invalid_input' : 'invalid_data';
  const name = relative(options.base ?? process.cwd(), file) || file;
  if (!existsSync(file))
    throw new AppError(code, `sites file not found: ${file}`, {
      detail: message('file_not_found', { file }),
    });
  let raw: unknown[];
  try {
    raw = readJsonFile(file, sitesFrameSchema, options.base ?? process.cwd()).sites;
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError(code, error.message, {
        issues: error.issues,
        cause: error,
        ...(error.detail ? { detail: error.detail } : {}),
      });
    throw error;
  }
  return parseSites(raw, name, lib, registry, positions, code);
}

/**
 * Sites given as data (a file's `sites`, or a posted list): each site on its own — schema problems,
 * then the cross-checks on the fields that are well-formed — and every problem listed with its path.
 */
export function parseSites(
  raw: unknown[],
  name: string,
  lib: Library,
  registry: MunicipalityRegistry,
  /** Where a site given only by its municipality stands (the workspace: its town on the roads). */
  positions: Map<string, LatLon>,
  code: 'invalid_input' | 'invalid_data' = 'invalid_input',
): Site[] {
  const schemaIssues: Issue[] = [];
  const records = raw.map((site, i) => {
    const parsed = siteSchema.safeParse(site);
    if (parsed.success) return parsed.data;
    const bad = new Set<string>();
    schemaIssues.push(...issuesAt(`${name}:sites[${i}]`, parsed.error.issues));
    for (const issue of parsed.error.issues) bad.add(String(issue.path[0]));
    const partial = {
      ...(typeof site === 'object' && site !== null ? (site as Record<string, unknown>) : {}),
    };
    for (const key of bad) delete partial[key];
    return partial as SiteRecord;
  });
  const resolved = resolveSites(records, name, lib, registry, positions);
  const issues = [...schemaIssues, ...resolved.issues].sort((x, y) =>
    x.path.localeCompare(y.path, 'en', { numeric: true }),
  );
  if (issues.length > 0) {
    throw new AppError(code, `${name}: ${issues.length} problem(s) in the sites`, {
      issues,
      detail: message('file_has_problems', { file: name, count: issues.length }),
    });
  }
  return resolved.sites;
}

/** The region's own sites (data/sites/<region>.json), or none. */
export function regionSitesFile(regionId: string, dataDir = DEFAULT_DATA_DIR): string | undefined {
  const file = join(dataDir, 'sites', `${regionId}.json`);
  return existsSync(file) ? file : undefined;
}

/** Road distances from a CSV with header from,to,km: from = municipality, to = site id or municipality. */
export function readDistancesCsv(file: string, registry: MunicipalityRegistry): Map<string, number> {
  if (!existsSync(file))
    throw new AppError('invalid_input', `distances file not found: ${file}`, {
      detail: message('file_not_found', { file }),
    });
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(readFileSync(file, 'utf8'), {
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (cause) {
    throw new AppError('invalid_input', `${file}: not readable CSV (${(cause as Error).message})`, {
      cause,
      detail: csvErrorMessage(file, cause),
    });
  }
  const header = rows[0]?.record.map((h) => h.toLowerCase());
  if (header?.join(',') !== 'from,to,km')
    throw new AppError('invalid_input', `${file}: the first line must be the header from,to,km`, {
      detail: message('header_invalid', {
        file,
        line: rows[0]?.info.lines ?? 1,
        expected: 'from,to,km',
        found: rows[0]?.record.join(',') ?? '',
      }),
    });
  const issues: Issue[] = [];
  const out = new Map<string, number>();
  // Lines as numbered in the file (the parser skips empty ones).
  rows.slice(1).forEach(({ record: row, info }) => {
    const line = info.lines;
    const at = `${file}:line ${line}`;
    if (row.length !== 3) {
      issues.push({
        path: at,
        message: `expected 3 fields (from,to,km), got ${row.length}`,
        detail: message('row_width', { file, line, fields: row.length, expected: 3 }),
      });
      return;
    }
    const [from, to, kmText] = row as [string, string, string];
    const res = resolveSafely(registry, from);
    if (!res.ok)
      issues.push({
        path: `${at} from`,
        message: res.reason,
        detail: res.malformed
          ? message('cell_invalid', {
              file,
              line,
              column: 'from',
              value: from,
              expected: 'municipality_number',
            })
          : message('cell_municipality_unresolved', {
              file,
              line,
              column: 'from',
              value: from,
              candidates: res.candidates,
            }),
      });
    const km = Number(kmText);
    if (kmText === '' || !Number.isFinite(km) || km < 0)
      issues.push({
        path: `${at} km`,
        message: `invalid distance "${kmText}" (a number ≥ 0)`,
        detail: message('cell_invalid', { file, line, column: 'km', value: kmText, expected: 'distance_km' }),
      });
    if (res.ok && Number.isFinite(km) && km >= 0) {
      const key = `${res.number}>${to}`;
      if (out.has(key))
        issues.push({
          path: at,
          message: `duplicate pair ${from},${to}`,
          detail: message('pair_duplicate', { file, line, from, to }),
        });
      out.set(key, km);
    }
  });
  if (issues.length > 0)
    throw new AppError('invalid_input', `${file}: ${issues.length} problem(s) in the distances`, {
      issues,
      detail: problemsDetail(file, issues),
    });
  return out;
}

/** Looks up a site in a distance matrix by its id, then by its municipality. */
export function distanceLookup(
  matrix: Map<string, number>,
): (municipality: string, site: Site) => number | undefined {
  return (municipality, site) =>
    matrix.get(`${municipality}>${site.id}`) ??
    (site.municipality ? matrix.get(`${municipality}>${site.municipality}`) : undefined);
}
