/**
 * The road files of data/roads, built by `npm run data` (scripts/build-data.ts) from Kartverket's
 * N1000 links and the municipality boundaries: the network (n1000-graph.json), each municipality's
 * origin points (origins-2024.json) and the detour factors calibrated per county
 * (detour-factors.json). Deterministic; test/build-data.test.ts checks the committed files.
 */
import type { Polygon } from '../src/domain/geo.ts';
import type { Municipality } from '../src/domain/municipalities.ts';
import { nodeRoads, nodesInside, originPoints } from '../src/domain/origins.ts';
import { calibrateDetour, RoadGraph } from '../src/domain/roads.ts';
import {
  type DetourFactorsFile,
  type OriginsFile,
  parseN1000,
  type RoadGraphFile,
  roadGraphFile,
  roadNetworkFromFile,
} from '../src/ingest/roads.ts';
import { loadTransport } from '../src/ingest/sites.ts';

export const N1000 = 'sources/n1000-veglenke/veglenke-n1000.geojson';
export const BOUNDARIES = 'sources/kommuner-geojson-2024/Kommuner-S.geojson';

interface BoundaryFeature {
  properties: { kommunenummer: string };
  geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] };
}

export interface RoadBuildInput {
  dataDir: string;
  n1000: string;
  boundaries: string;
  municipalities: Municipality[];
  counties: Map<string, string>;
  areaKm2: Map<string, number>;
  /** Representative points of the polygons (data/municipalities/centroids-2024.json). */
  centroids: Map<string, { lat: number; lon: number }>;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

export function buildRoadFiles(input: RoadBuildInput): {
  graph: RoadGraphFile;
  origins: OriginsFile;
  detour: DetourFactorsFile;
} {
  const { network: parsed, summary } = parseN1000(input.n1000, `data/${N1000}`);
  const graph = roadGraphFile(parsed, summary, {
    source: {
      citation:
        'Kartverket, N1000 Kartdata, Samferdsel: Veglenke (© Kartverket), via the R package hmalmedal/N1000 25.1.1',
      url: 'https://github.com/hmalmedal/N1000',
      licence: 'CC BY 4.0',
      derivedFrom: `data/${N1000}`,
    },
    method:
      'Roads (typeVeg enkelBilveg) and car ferries (bilferje) kept; paths (sti), off-road tracks (barmarksløype) and passenger ferries left out. Coordinates reprojected from ETRS89 / UTM 33N to WGS84 with proj4; link ends within 1 m of each other are one node; a link’s length is the great-circle length of its line. Built by scripts/build-roads.ts.',
  });
  // The network as the product reads it back (rounded), so that origins and factors match it.
  const network = roadNetworkFromFile(graph, 'n1000-graph');
  const transport = loadTransport(input.dataDir);
  const roadGraph = new RoadGraph(network, transport.road.params);
  const roads = nodeRoads(network);
  const boundaries = JSON.parse(input.boundaries) as { features: BoundaryFeature[] };
  const polygonsOf = new Map(
    boundaries.features.map((f) => [
      f.properties.kommunenummer,
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
    ]),
  );
  const municipalities = input.municipalities.map((m) => {
    const polygons = polygonsOf.get(m.number);
    const centroid = input.centroids.get(m.number);
    if (!polygons || !centroid) throw new Error(`roads: no boundary or centroid for ${m.number} ${m.name}`);
    const nodes = nodesInside(network, polygons);
    const o = originPoints(network, roads, nodes, centroid, transport.road.origins);
    const areaKm2 = input.areaKm2.get(m.number) ?? 0;
    const point = (p: (typeof o)['farmland']) => ({
      lat: round(p.lat, 5),
      lon: round(p.lon, 5),
      node: p.node,
      snapKm: round(p.snapKm, 3),
      method: p.method,
    });
    return {
      number: m.number,
      name: m.name,
      county: m.county,
      areaKm2,
      areaRadiusKm: round(Math.sqrt(areaKm2 / Math.PI), 3),
      farmland: point(o.farmland),
      forest: point(o.forest),
      settlement: point(o.settlement),
      nodes,
    };
  });
  const origins: OriginsFile = {
    source: {
      citation:
        'Computed from Kartverket’s N1000 roads and municipality boundaries (2024 division, © Kartverket, CC BY 4.0); areas from SSB via @aprestmo/norway-geodata',
      derivedFrom: `data/roads/n1000-graph.json, data/${BOUNDARIES}, data/statistics/population-2024.json`,
    },
    method:
      'Per municipality, the road nodes inside its boundary; settlement: the node where link ends within the kernel radius, weighted by road class, add up to most (the town); farmland and forest: the node with the least road-length-weighted distance to the others (weighted medoid), with weights per road class from data/transport.json roads.origins. Without a node inside, the polygon’s representative point tied to the nearest node. See docs/roads.md.',
    graph: { nodes: network.lat.length, links: network.from.length },
    municipalities,
  };
  const factors = calibrateDetour(
    roadGraph,
    municipalities.map((m) => ({ municipality: m.number, county: m.county, node: m.settlement.node })),
  );
  const detour: DetourFactorsFile = {
    source: {
      citation: 'Computed on Kartverket’s N1000 road network (© Kartverket, CC BY 4.0)',
      derivedFrom: 'data/roads/n1000-graph.json, data/roads/origins-2024.json',
    },
    method:
      'For every pair of municipalities in a county whose settlement points are at least 5 km apart: network km (ferry km included) ÷ great-circle km; the factor is the median, q1 and q3 the quartiles; NO is over all the counties’ pairs. Used where the network does not join a municipality and a site.',
    factors: factors.map((f) => ({
      area: f.area,
      name: f.area === 'NO' ? 'Norge' : (input.counties.get(f.area) ?? f.area),
      factor: round(f.factor, 3),
      q1: round(f.q1, 3),
      q3: round(f.q3, 3),
      pairs: f.pairs,
    })),
  };
  return { graph, origins, detour };
}
