/**
 * A small map projection: equirectangular at the region's mean latitude (x = lon·cos φ0, y = lat),
 * scaled to fit a box. Over a region of a few hundred kilometres it keeps shapes and distances within
 * a few per cent, which is all a report map needs; no d3-geo.
 */
import type { Ring } from './boundaries.ts';

export interface Projection {
  (lon: number, lat: number): [number, number];
  /** Pixels per kilometre (north–south; east–west the same by construction). */
  pxPerKm: number;
  width: number;
  height: number;
}

const KM_PER_DEGREE_LAT = 111.32;

export function fitProjection(rings: Ring[], width: number, maxHeight: number, pad = 10): Projection {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const ring of rings)
    for (const [lon, lat] of ring) {
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  const k0 = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const w = (maxLon - minLon) * k0 || 1;
  const h = maxLat - minLat || 1;
  const scale = Math.min((width - 2 * pad) / w, (maxHeight - 2 * pad) / h);
  const height = Math.ceil(h * scale + 2 * pad);
  const offX = (width - w * scale) / 2;
  const project = ((lon: number, lat: number): [number, number] => [
    offX + (lon - minLon) * k0 * scale,
    pad + (maxLat - lat) * scale,
  ]) as Projection;
  project.pxPerKm = scale / KM_PER_DEGREE_LAT;
  project.width = width;
  project.height = height;
  return project;
}

/** An SVG path of rings, coordinates rounded to 0.1 px so the output is stable and small. */
export function ringsPath(project: Projection, rings: Ring[]): string {
  return rings
    .map((ring) => {
      const pts = ring.map(([lon, lat]) =>
        project(lon, lat)
          .map((v) => v.toFixed(1))
          .join(','),
      );
      return `M${pts.join('L')}Z`;
    })
    .join('');
}
