/**
 * Writes data/municipalities/centroids-2024.json: one representative point per municipality of the
 * 2024 division, from Kartverket's boundaries (data/sources/kommuner-geojson-2024/Kommuner-S.geojson).
 * Method: area-weighted polygon centroid in a local equal-scale plane; a point on the surface where
 * the centroid falls outside the municipality. Run: `npm run data:centroids`. Deterministic;
 * test/centroids.test.ts checks the committed file matches a rebuild.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Polygon, representativePoint } from '../src/domain/geo.ts';

const DATA = fileURLToPath(new URL('../data/', import.meta.url));
const GEOJSON = 'sources/kommuner-geojson-2024/Kommuner-S.geojson';
const REGISTRY = 'municipalities/municipalities-2024.json';
export const CENTROIDS = 'municipalities/centroids-2024.json';

interface Feature {
  properties: { kommunenummer: string; kommunenavn: string };
  geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] };
}

export function buildCentroids(dataDir = DATA): string {
  const geo = JSON.parse(readFileSync(`${dataDir}${GEOJSON}`, 'utf8')) as { features: Feature[] };
  const registry = JSON.parse(readFileSync(`${dataDir}${REGISTRY}`, 'utf8')) as {
    municipalities: { number: string; name: string }[];
  };
  const byNumber = new Map(geo.features.map((f) => [f.properties.kommunenummer, f]));
  const problems: string[] = [];
  for (const m of registry.municipalities)
    if (!byNumber.has(m.number)) problems.push(`${m.number} ${m.name}: no polygon in ${GEOJSON}`);
  const known = new Set(registry.municipalities.map((m) => m.number));
  for (const nr of byNumber.keys())
    if (!known.has(nr)) problems.push(`${nr}: polygon for a number not in ${REGISTRY}`);
  if (problems.length > 0) throw new Error(`centroids: ${problems.join('; ')}`);
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  const centroids = registry.municipalities.map((m) => {
    const g = (byNumber.get(m.number) as Feature).geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const p = representativePoint(polygons);
    return { number: m.number, name: m.name, lat: round(p.lat), lon: round(p.lon), method: p.method };
  });
  const file = {
    source: {
      status: 'derived',
      citation:
        'Computed from Kartverket, Administrative enheter – kommuner (2024 division), simplified by robhop/fylker-og-kommuner (Kommuner-S.geojson, © Kartverket, CC BY 4.0); see data/sources/kommuner-geojson-2024/SOURCE.md',
      url: 'https://github.com/robhop/fylker-og-kommuner',
    },
    method:
      'Area-weighted polygon centroid (holes subtracted, all parts of a multipolygon weighted by area) in a local plane x = lon·cos(mean lat), y = lat; where that centroid falls outside the municipality, the midpoint of the widest inside stretch on the centroid’s latitude (point on surface). Coordinates WGS84, 5 decimals (about 1 m). Built by scripts/build-centroids.ts.',
    municipalities: centroids,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(`${DATA}${CENTROIDS}`, buildCentroids());
  console.log(`wrote data/${CENTROIDS}`);
}
