/**
 * The workspace's loader: every file under data/ is read here and nowhere else, validated with its
 * zod schema on first use, and kept for the life of the workspace (no module-level caches, so two
 * workspaces on two data folders never see each other's files).
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { type ActorStreamCatalogue, validateCatalogue } from '../domain/actor-streams.ts';
import type { SectorMapping } from '../domain/actors.ts';
import type { Site } from '../domain/allocation/input.ts';
import type { NationalFigure } from '../domain/audit-national.ts';
import { RoadDistances } from '../domain/distances.ts';
import { AppError } from '../domain/errors.ts';
import type { LatLon } from '../domain/geo.ts';
import { message } from '../domain/message.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import type { Region } from '../domain/regions.ts';
import { RoadGraph } from '../domain/roads.ts';
import { type LandbrukMapping, landbrukMappingSchema } from '../ingest/landbruk.ts';
import { type LoadedLibrary, loadLibrary } from '../ingest/library.ts';
import { loadSectorMapping, loadSn2007Codes, loadSn2025Codes } from '../ingest/nace-sectors.ts';
import { type LivestockMapping, livestockMappingSchema } from '../ingest/produksjonstilskudd.ts';
import { DEFAULT_DATA_DIR, loadReferenceData, readJsonFile } from '../ingest/reference-data.ts';
import {
  type DetourFactorsFile,
  detourFactorsFileSchema,
  type OriginsFile,
  originsFileSchema,
  type RoadGraphFile,
  roadGraphFileSchema,
  roadNetworkFromFile,
} from '../ingest/roads.ts';
import {
  actorStreamCatalogueSchema,
  nationalFiguresFileSchema,
  type UpdateSources,
  updateSourcesSchema,
} from '../ingest/schemas.ts';
import { type Seed, seedSchema, type TextFigures, textFiguresSchema } from '../ingest/seed-statements.ts';
import { type LoadedTransport, loadCentroids, loadTransport, readSitesFile } from '../ingest/sites.ts';
import { type SsbTables, ssbTablesSchema } from '../ingest/ssb.ts';

export { DEFAULT_DATA_DIR };

export type Ring = [number, number][];

/** One municipality's boundary (Kartverket 2024, simplified), lon/lat. */
export interface BoundaryFeature {
  number: string;
  /** The name in the boundary file (the registry's name is the one to show). */
  name: string;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export const BOUNDARIES_FILE = 'sources/kommuner-geojson-2024/Kommuner-S.geojson';

const ring = z.array(z.tuple([z.number(), z.number()]).rest(z.number()));
const boundariesSchema = z.object({
  features: z.array(
    z.object({
      properties: z
        .object({ kommunenummer: z.union([z.string(), z.number()]), kommunenavn: z.string().optional() })
        .loose(),
      geometry: z.discriminatedUnion('type', [
        z.object({ type: z.literal('Polygon'), coordinates: z.array(ring) }),
        z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring)) }),
      ]),
    }),
  ),
});

/** A region's transcribed report (for the audit, the actor counts and the demand drivers). */
export interface SeedReportFiles {
  /** The file under data/, as the report cites it. */
  file: string;
  seed: Seed;
  /** The figures its text states in sentences (report-text-figures.json beside it), if any. */
  text?: TextFigures;
}

export interface DataFiles {
  readonly dir: string;
  /** Municipalities, number changes, regions, statistics, residue kinds and coefficient profiles. */
  reference(): ReferenceData;
  /** The value-pyramid library: products, rates, technologies, eligibility, current uses, scenarios. */
  library(): LoadedLibrary;
  centroids(): Map<string, LatLon>;
  /**
   * Where a site given only by its municipality stands: the municipality's settlement point on the
   * road network (its town, roads/origins-2024.json), not the polygon's centroid.
   */
  sitePositions(): Map<string, LatLon>;
  transport(): LoadedTransport;
  boundaries(): Map<string, BoundaryFeature>;
  sectors(): SectorMapping;
  sn2007Codes(): Set<string>;
  sn2025Codes(): Set<string>;
  /** The region's own sites (data/sites/<region>.json) and the file as cited, or undefined. */
  regionSites(regionId: string): { file: string; sites: Site[] } | undefined;
  seedReport(region: Region): SeedReportFiles | undefined;
  /** A file's name as messages and reports cite it: `data/…`. */
  cite(path: string): string;
  /** How Landbruksdirektoratet's farm files are told apart and summed (mappings/landbruk-files.json). */
  landbrukMapping(): LandbrukMapping;
  /** Produksjonstilskudd codes to livestock categories (mappings/produksjonstilskudd-livestock.json). */
  livestockMapping(): LivestockMapping;
  /** The SSB PxWebApi tables Restverdi can import (ssb/tables.json). */
  ssbTables(): SsbTables;
  /** Published national figures for the national audit (audit/national-figures.json). */
  nationalFigures(): NationalFigure[];
  /** Where `restverdi update` looks for newer statistics (update/sources.json). */
  updateSources(): UpdateSources;
  /** The road network, origin points and detour factors (roads/), with distances to sites. */
  roads(): LoadedRoads;
  /** Streams per actor: NACE × employees coefficients, technical kinds and roles, farm files (actor-streams.json). */
  actorStreams(): ActorStreamCatalogue;
}

export const ACTOR_STREAMS_FILE = 'actor-streams.json';

export interface LoadedRoads {
  distances: RoadDistances;
  origins: OriginsFile;
  detour: DetourFactorsFile;
  graph: RoadGraphFile['summary'];
}

export const ROAD_GRAPH_FILE = 'roads/n1000-graph.json';
export const ORIGINS_FILE = 'roads/origins-2024.json';
export const DETOUR_FILE = 'roads/detour-factors.json';

/** Reads the road files and checks that the origins index the graph they were built with. */
export function loadRoads(dir: string, transport: LoadedTransport, origins: OriginsFile): LoadedRoads {
  const graphFile = readJsonFile(join(dir, ROAD_GRAPH_FILE), roadGraphFileSchema, dir);
  const network = roadNetworkFromFile(graphFile, `data/${ROAD_GRAPH_FILE}`);
  if (origins.graph.nodes !== network.lat.length || origins.graph.links !== network.from.length) {
    throw new AppError(
      'invalid_data',
      `data/${ORIGINS_FILE} was built for a graph of ${origins.graph.nodes} nodes and ${origins.graph.links} links, data/${ROAD_GRAPH_FILE} has ${network.lat.length} and ${network.from.length}; run npm run data`,
      {
        detail: message('roads_out_of_step', {
          origins: `data/${ORIGINS_FILE}`,
          graph: `data/${ROAD_GRAPH_FILE}`,
        }),
      },
    );
  }
  const detour = readJsonFile(join(dir, DETOUR_FILE), detourFactorsFileSchema, dir);
  const factors = new Map(detour.factors.map((f) => [f.area, f.factor]));
  const national = factors.get('NO') ?? transport.detourFactor;
  const graph = new RoadGraph(network, transport.road.params);
  const distances = new RoadDistances(graph, new Map(origins.municipalities.map((m) => [m.number, m])), {
    leg: transport.road.leg,
    gatherFactor: transport.road.gatherFactor,
    detourFactor: (county) => factors.get(county) ?? national,
  });
  return { distances, origins, detour, graph: graphFile.summary };
}

export const LANDBRUK_MAPPING_FILE = 'mappings/landbruk-files.json';
export const LIVESTOCK_MAPPING_FILE = 'mappings/produksjonstilskudd-livestock.json';
export const SSB_TABLES_FILE = 'ssb/tables.json';
export const NATIONAL_FIGURES_FILE = 'audit/national-figures.json';
export const UPDATE_SOURCES_FILE = 'update/sources.json';

function once<T>(load: () => T): () => T {
  let value: { v: T } | undefined;
  return () => {
    value ??= { v: load() };
    return value.v;
  };
}

function perKey<T>(load: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, load(key));
    return cache.get(key) as T;
  };
}

export function openDataFiles(dir: string = DEFAULT_DATA_DIR): DataFiles {
  const reference = once(() => loadReferenceData(dir));
  const libraryOnce = once(() => loadLibrary(reference().kinds, dir));
  const centroids = once(() => loadCentroids(dir));
  const transport = once(() => loadTransport(dir));
  const origins = once(() => readJsonFile(join(dir, ORIGINS_FILE), originsFileSchema, dir));
  const sitePositions = once(
    () =>
      new Map(
        origins().municipalities.map((m) => [m.number, { lat: m.settlement.lat, lon: m.settlement.lon }]),
      ),
  );
  const seedReport = perKey((path): SeedReportFiles => {
    const seed = readJsonFile(join(dir, path), seedSchema, dir);
    const textPath = join(path, '..', 'report-text-figures.json');
    const text = existsSync(join(dir, textPath))
      ? readJsonFile(join(dir, textPath), textFiguresSchema, dir)
      : undefined;
    return { file: `data/${path}`, seed, ...(text ? { text } : {}) };
  });
  return {
    dir,
    reference,
    library: libraryOnce,
    centroids,
    transport,
    boundaries: once(() => {
      const file = readJsonFile(join(dir, BOUNDARIES_FILE), boundariesSchema, dir);
      return new Map(
        file.features.map((f) => {
          const number = String(f.properties.kommunenummer);
          return [
            number,
            {
              number,
              name: f.properties.kommunenavn ?? number,
              geometry: f.geometry as BoundaryFeature['geometry'],
            },
          ];
        }),
      );
    }),
    sectors: once(() => loadSectorMapping(dir)),
    sn2007Codes: once(() => loadSn2007Codes(dir)),
    sn2025Codes: once(() => loadSn2025Codes(dir)),
    regionSites: perKey((regionId) => {
      const path = join('sites', `${regionId}.json`);
      if (!existsSync(join(dir, path))) return undefined;
      const sites = readSitesFile(join(dir, path), libraryOnce(), reference().registry, sitePositions(), {
        user: false,
        base: dir,
      });
      return { file: `data/${path}`, sites };
    }),
    seedReport: (region) => {
      if (!region.seedReport) return undefined;
      if (!existsSync(join(dir, region.seedReport))) {
        throw new AppError(
          'invalid_data',
          `region ${region.id}: its report ${region.seedReport} is not in data/`,
          { detail: message('region_report_missing', { region: region.id, report: region.seedReport }) },
        );
      }
      return seedReport(region.seedReport);
    },
    cite: (path) => `data/${relative(dir, join(dir, path))}`,
    landbrukMapping: once(() => readJsonFile(join(dir, LANDBRUK_MAPPING_FILE), landbrukMappingSchema, dir)),
    livestockMapping: once(() =>
      readJsonFile(join(dir, LIVESTOCK_MAPPING_FILE), livestockMappingSchema, dir),
    ),
    ssbTables: once(() => readJsonFile(join(dir, SSB_TABLES_FILE), ssbTablesSchema, dir)),
    nationalFigures: once(() => {
      const file = readJsonFile(join(dir, NATIONAL_FIGURES_FILE), nationalFiguresFileSchema, dir);
      const kinds = new Set(reference().kinds.map((k) => k.id));
      for (const f of file.figures)
        for (const k of f.kinds)
          if (!kinds.has(k))
            throw new AppError(
              'invalid_data',
              `data/${NATIONAL_FIGURES_FILE}: ${f.id} names unknown kind "${k}"`,
              {
                detail: message('recipe_unknown_kind', { profile: NATIONAL_FIGURES_FILE, kind: k }),
              },
            );
      return file.figures;
    }),
    updateSources: once(() => readJsonFile(join(dir, UPDATE_SOURCES_FILE), updateSourcesSchema, dir)),
    roads: once(() => loadRoads(dir, transport(), origins())),
    sitePositions,
    actorStreams: once(() => {
      const catalogue = readJsonFile(join(dir, ACTOR_STREAMS_FILE), actorStreamCatalogueSchema, dir);
      const problems = validateCatalogue(
        catalogue as ActorStreamCatalogue,
        reference().kinds.map((k) => k.id),
        libraryOnce().technologies.map((t) => t.id),
      );
      if (problems.length > 0)
        throw new AppError('invalid_data', `data/${ACTOR_STREAMS_FILE}: ${problems.join('; ')}`, {
          issues: problems.map((p) => ({ path: `data/${ACTOR_STREAMS_FILE}`, message: p })),
          detail: message('file_has_problems', {
            file: `data/${ACTOR_STREAMS_FILE}`,
            count: problems.length,
          }),
        });
      return catalogue as ActorStreamCatalogue;
    }),
  };
}
