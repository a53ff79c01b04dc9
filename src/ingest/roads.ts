/**
 * Kartverket's N1000 road links (data/sources/n1000-veglenke/veglenke-n1000.geojson, UTM 33N) into a
 * road network: roads and car ferries kept, paths, off-road tracks and passenger ferries left out;
 * coordinates reprojected to WGS84 with proj4; link ends that meet within a metre are one node; a
 * link's length is the great-circle length of its line. `writeRoadGraph`/`parseRoadGraph` keep the
 * network in a compact JSON file (data/roads/n1000-graph.json), read back in milliseconds.
 */
import proj4 from 'proj4';
import { z } from 'zod';
import { AppError, type Issue } from '../domain/errors.ts';
import { haversineKm } from '../domain/geo.ts';
import { message } from '../domain/message.ts';
import { ROAD_CLASSES, type RoadNetwork } from '../domain/roads.ts';
import { issuesAt } from '../domain/schema-issues.ts';
import { problemsDetail } from './file-issues.ts';

const UTM33 = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

const featureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    typeVeg: z.string(),
    vegkategori: z.string().nullable(),
  }),
  geometry: z.object({
    type: z.literal('LineString'),
    coordinates: z.array(z.tuple([z.number(), z.number()])).min(2),
  }),
});

const n1000Schema = z.object({
  type: z.literal('FeatureCollection'),
  crs: z.object({ properties: z.object({ name: z.literal('urn:ogc:def:crs:EPSG::25833') }) }),
  features: z.array(z.unknown()),
});

/** Link kinds kept: roads a truck can drive and car ferries. */
const KEPT = new Set(['enkelBilveg', 'bilferje']);

export interface N1000Summary {
  links: number;
  ferries: number;
  nodes: number;
  /** Links left out per `typeVeg`. */
  left: Record<string, number>;
  roadKm: number;
}

/** Reads the N1000 GeoJSON into a network; every malformed feature is listed with its index. */
export function parseN1000(text: string, file: string): { network: RoadNetwork; summary: N1000Summary } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AppError('invalid_data', `${file}: not JSON (${(cause as Error).message})`, {
      detail: message('file_not_json', { file, reason: (cause as Error).message }),
    });
  }
  const frame = n1000Schema.safeParse(json);
  if (!frame.success) {
    const problems = issuesAt(file, frame.error.issues);
    throw new AppError(
      'invalid_data',
      `${file}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      {
        detail: problemsDetail(file, problems),
      },
    );
  }
  const toWgs = proj4(UTM33, 'WGS84');
  const nodeOf = new Map<string, number>();
  const lat: number[] = [];
  const lon: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const km: number[] = [];
  const cls: number[] = [];
  const ferry: number[] = [];
  const left: Record<string, number> = {};
  const problems: Issue[] = [];
  const node = (x: number, y: number, ll: [number, number]) => {
    const key = `${Math.round(x)},${Math.round(y)}`;
    let i = nodeOf.get(key);
    if (i === undefined) {
      i = lat.length;
      nodeOf.set(key, i);
      lon.push(ll[0]);
      lat.push(ll[1]);
    }
    return i;
  };
  frame.data.features.forEach((raw, index) => {
    const f = featureSchema.safeParse(raw);
    if (!f.success) {
      problems.push(...issuesAt(`features[${index}]`, f.error.issues));
      return;
    }
    const { typeVeg, vegkategori } = f.data.properties;
    if (!KEPT.has(typeVeg)) {
      left[typeVeg] = (left[typeVeg] ?? 0) + 1;
      return;
    }
    const c = ROAD_CLASSES.indexOf((vegkategori ?? '') as (typeof ROAD_CLASSES)[number]);
    if (c < 0) {
      problems.push({
        path: `features[${index}].properties.vegkategori`,
        message: `road category ${JSON.stringify(vegkategori)} is none of ${ROAD_CLASSES.join(', ')}`,
      });
      return;
    }
    const coords = f.data.geometry.coordinates;
    const ll = coords.map((p) => toWgs.forward(p) as [number, number]);
    let length = 0;
    for (let k = 1; k < ll.length; k++) {
      const a = ll[k - 1] as [number, number];
      const b = ll[k] as [number, number];
      length += haversineKm({ lat: a[1], lon: a[0] }, { lat: b[1], lon: b[0] });
    }
    const first = coords[0] as [number, number];
    const last = coords[coords.length - 1] as [number, number];
    from.push(node(first[0], first[1], ll[0] as [number, number]));
    to.push(node(last[0], last[1], ll[ll.length - 1] as [number, number]));
    km.push(length);
    cls.push(c);
    ferry.push(typeVeg === 'bilferje' ? 1 : 0);
  });
  if (problems.length > 0) {
    throw new AppError(
      'invalid_data',
      `${file}: ${problems
        .slice(0, 10)
        .map((p) => `${p.path}: ${p.message}`)
        .join('; ')}`,
      {
        detail: problemsDetail(file, problems),
      },
    );
  }
  const network: RoadNetwork = {
    lat: Float64Array.from(lat),
    lon: Float64Array.from(lon),
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    km: Float64Array.from(km),
    roadClass: Uint8Array.from(cls),
    ferry: Uint8Array.from(ferry),
  };
  return {
    network,
    summary: {
      links: from.length,
      ferries: ferry.filter((x) => x === 1).length,
      nodes: lat.length,
      left,
      roadKm: km.reduce((s, v, i) => s + (ferry[i] ? 0 : v), 0),
    },
  };
}

/** The compact file: coordinates in 1e-5 degrees (about 1 m), lengths in metres. */
export const roadGraphFileSchema = z
  .object({
    source: z.object({ citation: z.string(), url: z.string(), licence: z.string(), derivedFrom: z.string() }),
    method: z.string(),
    summary: z.object({
      links: z.number().int(),
      ferries: z.number().int(),
      nodes: z.number().int(),
      left: z.record(z.string(), z.number().int()),
      roadKm: z.number(),
    }),
    nodes: z.object({ lat: z.array(z.number().int()), lon: z.array(z.number().int()) }),
    links: z.object({
      from: z.array(z.number().int().nonnegative()),
      to: z.array(z.number().int().nonnegative()),
      metres: z.array(z.number().int().nonnegative()),
      /** One character per link: its road class (E, R, F, K, P). */
      classes: z.string(),
      /** Indices of the car-ferry links. */
      ferries: z.array(z.number().int().nonnegative()),
    }),
  })
  .strict();

export type RoadGraphFile = z.infer<typeof roadGraphFileSchema>;

export function roadGraphFile(
  network: RoadNetwork,
  summary: N1000Summary,
  meta: Pick<RoadGraphFile, 'source' | 'method'>,
): RoadGraphFile {
  const e5 = (x: number) => Math.round(x * 1e5);
  const ferries: number[] = [];
  network.ferry.forEach((f, i) => {
    if (f === 1) ferries.push(i);
  });
  return {
    ...meta,
    summary: { ...summary, roadKm: Math.round(summary.roadKm) },
    nodes: { lat: Array.from(network.lat, e5), lon: Array.from(network.lon, e5) },
    links: {
      from: Array.from(network.from),
      to: Array.from(network.to),
      metres: Array.from(network.km, (k) => Math.round(k * 1000)),
      classes: Array.from(network.roadClass, (c) => ROAD_CLASSES[c] as string).join(''),
      ferries,
    },
  };
}

/** The network from the compact file; links that point past the nodes are refused. */
export function roadNetworkFromFile(file: RoadGraphFile, name: string): RoadNetwork {
  const n = file.nodes.lat.length;
  const links = file.links.from.length;
  const problems: string[] = [];
  if (file.nodes.lon.length !== n) problems.push(`nodes.lon has ${file.nodes.lon.length} entries, lat ${n}`);
  for (const [key, len] of [
    ['to', file.links.to.length],
    ['metres', file.links.metres.length],
    ['classes', file.links.classes.length],
  ] as const)
    if (len !== links) problems.push(`links.${key} has ${len} entries, links.from ${links}`);
  const roadClass = new Uint8Array(links);
  for (let i = 0; i < file.links.classes.length; i++) {
    const c = ROAD_CLASSES.indexOf(file.links.classes[i] as (typeof ROAD_CLASSES)[number]);
    if (c < 0) problems.push(`links.classes[${i}] is not a road class`);
    else roadClass[i] = c;
  }
  const bad = (xs: number[], limit: number) => xs.findIndex((x) => x >= limit);
  for (const [key, xs, limit] of [
    ['from', file.links.from, n],
    ['to', file.links.to, n],
    ['ferries', file.links.ferries, links],
  ] as const) {
    const i = bad(xs, limit);
    if (i >= 0) problems.push(`links.${key}[${i}] = ${xs[i]} is past the end (${limit})`);
  }
  if (problems.length > 0) {
    throw new AppError('invalid_data', `${name}: ${problems.join('; ')}`, {
      detail: problemsDetail(
        name,
        problems.map((text) => ({ path: name, message: text })),
      ),
    });
  }
  const ferry = new Uint8Array(links);
  for (const i of file.links.ferries) ferry[i] = 1;
  return {
    lat: Float64Array.from(file.nodes.lat, (x) => x / 1e5),
    lon: Float64Array.from(file.nodes.lon, (x) => x / 1e5),
    from: Int32Array.from(file.links.from),
    to: Int32Array.from(file.links.to),
    km: Float64Array.from(file.links.metres, (m) => m / 1000),
    roadClass,
    ferry,
  };
}

const originPointSchema = z
  .object({
    lat: z.number(),
    lon: z.number(),
    node: z.number().int().nonnegative(),
    snapKm: z.number().nonnegative(),
    method: z.enum(['density-peak', 'weighted-medoid', 'polygon-point']),
  })
  .strict();

/** data/roads/origins-2024.json: each municipality's origin points on the network. */
export const originsFileSchema = z
  .object({
    source: z.object({ citation: z.string(), derivedFrom: z.string() }),
    method: z.string(),
    /** The graph the nodes index (a rebuilt graph needs rebuilt origins). */
    graph: z.object({ nodes: z.number().int(), links: z.number().int() }).strict(),
    municipalities: z.array(
      z
        .object({
          number: z.string().regex(/^\d{4}$/),
          name: z.string(),
          county: z.string(),
          areaKm2: z.number().nonnegative(),
          /** √(area/π): the radius of a disc of the municipality's area. */
          areaRadiusKm: z.number().nonnegative(),
          farmland: originPointSchema,
          forest: originPointSchema,
          settlement: originPointSchema,
          /** The road nodes inside the municipality. */
          nodes: z.array(z.number().int().nonnegative()),
        })
        .strict(),
    ),
  })
  .strict();

export type OriginsFile = z.infer<typeof originsFileSchema>;

/** data/roads/detour-factors.json: great circle × factor, calibrated on the network. */
export const detourFactorsFileSchema = z
  .object({
    source: z.object({ citation: z.string(), derivedFrom: z.string() }),
    method: z.string(),
    factors: z.array(
      z
        .object({
          area: z.string(),
          name: z.string(),
          factor: z.number().positive(),
          q1: z.number().positive(),
          q3: z.number().positive(),
          pairs: z.number().int().positive(),
        })
        .strict(),
    ),
  })
  .strict();

export type DetourFactorsFile = z.infer<typeof detourFactorsFileSchema>;
