/**
 * Geometry for transport distances: great-circle distance between two points, and a representative
 * point of a municipality's polygon (area-weighted centroid, or a point on the surface when the
 * centroid falls outside, as it can for a crescent-shaped municipality around a fjord).
 */

export interface LatLon {
  lat: number;
  lon: number;
}

/** Mean Earth radius, km (IUGG: 6 371.0088 km). */
const EARTH_RADIUS_KM = 6371.0088;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle (haversine) distance in km. */
export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** GeoJSON positions: [lon, lat]. A polygon is an outer ring followed by holes. */
export type Ring = [number, number][];
export type Polygon = Ring[];

/**
 * Signed area and first moments of a ring in a local equal-scale plane (x = lon·cos φ0, y = lat),
 * which keeps areas proportional within a municipality at Norwegian latitudes.
 */
function ringMoments(ring: Ring, cosLat: number): { a: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[j] as [number, number];
    const q = ring[i] as [number, number];
    const x0 = p[0] * cosLat;
    const y0 = p[1];
    const x1 = q[0] * cosLat;
    const y1 = q[1];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { a: a / 2, cx, cy };
}

function insideRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function insidePolygons(polygons: Polygon[], p: LatLon): boolean {
  return polygons.some(
    (poly) =>
      insideRing(poly[0] ?? [], p.lon, p.lat) && !poly.slice(1).some((h) => insideRing(h, p.lon, p.lat)),
  );
}

/**
 * Point on the surface: on the horizontal line through `lat`, the midpoint of the widest stretch
 * inside the polygons (the idea of PostGIS ST_PointOnSurface).
 */
function pointOnSurface(polygons: Polygon[], lat: number): LatLon | null {
  const xs: number[] = [];
  for (const poly of polygons) {
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > lat !== yj > lat) xs.push(((xj - xi) * (lat - yi)) / (yj - yi) + xi);
      }
    }
  }
  xs.sort((a, b) => a - b);
  let best: LatLon | null = null;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const w = (xs[i + 1] as number) - (xs[i] as number);
    if (w > width) {
      width = w;
      best = { lat, lon: ((xs[i] as number) + (xs[i + 1] as number)) / 2 };
    }
  }
  return best;
}

/**
 * Area-weighted centroid of a (multi)polygon; when it lies outside (a crescent), a point on the
 * surface at the centroid's latitude, else at the middle latitude of the largest polygon.
 */
export function representativePoint(
  polygons: Polygon[],
): LatLon & { method: 'centroid' | 'point-on-surface' } {
  const lats = polygons.flatMap((p) => (p[0] ?? []).map((c) => c[1]));
  const lat0 = lats.reduce((s, v) => s + v, 0) / Math.max(1, lats.length);
  const cosLat = Math.cos(rad(lat0));
  let area = 0;
  let mx = 0;
  let my = 0;
  let largest: { poly: Polygon; area: number } | null = null;
  for (const poly of polygons) {
    let polyArea = 0;
    poly.forEach((ring, i) => {
      const m = ringMoments(ring, cosLat);
      // Outer rings count positive and holes negative, whatever their winding in the file.
      const sign = (i === 0 ? 1 : -1) * Math.sign(m.a);
      area += sign * m.a;
      polyArea += sign * m.a;
      mx += (sign * m.cx) / 6;
      my += (sign * m.cy) / 6;
    });
    if (!largest || polyArea > largest.area) largest = { poly, area: polyArea };
  }
  const centroid = { lat: my / area, lon: mx / area / cosLat };
  if (insidePolygons(polygons, centroid)) return { ...centroid, method: 'centroid' };
  const onLine = pointOnSurface(polygons, centroid.lat);
  if (onLine) return { ...onLine, method: 'point-on-surface' };
  const outer = largest?.poly[0] ?? [];
  const ys = outer.map((c) => c[1]);
  const mid = (Math.min(...ys) + Math.max(...ys)) / 2;
  const fallback = pointOnSurface(largest ? [largest.poly] : polygons, mid) ?? centroid;
  return { ...fallback, method: 'point-on-surface' };
}
