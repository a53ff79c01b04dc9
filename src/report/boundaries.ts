/**
 * Municipality boundaries for the report's maps: Kartverket's 2024 division, simplified
 * (data/sources/kommuner-geojson-2024/Kommuner-S.geojson, CC BY 4.0), as the workspace's data files
 * read it once (src/app/data-files.ts).
 */
import { BOUNDARIES_FILE, type DataFiles, type Ring } from '../app/data-files.ts';

export { BOUNDARIES_FILE, type Ring };

export interface Boundary {
  number: string;
  name: string;
  /** Polygons, each a list of rings (outer first), lon/lat. */
  polygons: Ring[][];
}

export function reportBoundaries(files: DataFiles): Map<string, Boundary> {
  const out = new Map<string, Boundary>();
  for (const f of files.boundaries().values()) {
    const g = f.geometry;
    out.set(f.number, {
      number: f.number,
      name: f.name,
      polygons: g.type === 'Polygon' ? [g.coordinates] : g.coordinates,
    });
  }
  return out;
}
