/**
 * Municipality boundaries for the report's maps: Kartverket's 2024 division, simplified
 * (data/sources/kommuner-geojson-2024/Kommuner-S.geojson, CC BY 4.0), read once per data folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Ring = [number, number][];

export interface Boundary {
  number: string;
  name: string;
  /** Polygons, each a list of rings (outer first), lon/lat. */
  polygons: Ring[][];
}

export const BOUNDARIES_FILE = 'sources/kommuner-geojson-2024/Kommuner-S.geojson';

interface Feature {
  properties: { kommunenummer: string; kommunenavn?: string; name?: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const cache = new Map<string, Map<string, Boundary>>();

export function loadBoundaries(dataDir: string): Map<string, Boundary> {
  const hit = cache.get(dataDir);
  if (hit) return hit;
  const file = JSON.parse(readFileSync(join(dataDir, BOUNDARIES_FILE), 'utf8')) as { features: Feature[] };
  const out = new Map<string, Boundary>();
  for (const f of file.features) {
    const g = f.geometry;
    out.set(f.properties.kommunenummer, {
      number: f.properties.kommunenummer,
      name: f.properties.kommunenavn ?? f.properties.name ?? f.properties.kommunenummer,
      polygons: g.type === 'Polygon' ? [g.coordinates] : g.coordinates,
    });
  }
  cache.set(dataDir, out);
  return out;
}
