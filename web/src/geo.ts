/** Geometry for the map: boundary outlines of groups, radius circles, class breaks, boundaries loader. */
import type { Feature, FeatureCollection, MultiLineString, Polygon, Position } from 'geojson';
import { api } from './api.ts';

export interface MunicipalityProps {
  number: string;
  name: string;
  lat?: number;
  lon?: number;
  areaKm2?: number;
  population?: number;
}
export type Boundaries = FeatureCollection<Polygon | import('geojson').MultiPolygon, MunicipalityProps>;

let boundaries: Promise<Boundaries> | undefined;
/** The shipped boundaries, fetched once per page load. */
export function loadBoundaries(): Promise<Boundaries> {
  boundaries ??= api<Boundaries>('/geo/municipalities').catch((e: unknown) => {
    boundaries = undefined;
    throw e;
  });
  return boundaries;
}

function rings(f: Feature): Position[][] {
  const g = f.geometry;
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  return [];
}

/**
 * The outer outline of a group of municipalities: the edges that only one member has. Neighbours
 * share their border vertices in the simplified boundaries, so shared edges cancel out.
 */
export function outline(features: Feature[]): MultiLineString {
  const key = (a: Position, b: Position) => {
    const p = `${a[0]},${a[1]}`;
    const q = `${b[0]},${b[1]}`;
    return p < q ? `${p};${q}` : `${q};${p}`;
  };
  const count = new Map<string, [Position, Position, number]>();
  for (const f of features) {
    for (const ring of rings(f)) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1] as Position;
        const b = ring[i] as Position;
        const k = key(a, b);
        const hit = count.get(k);
        if (hit) hit[2]++;
        else count.set(k, [a, b, 1]);
      }
    }
  }
  return {
    type: 'MultiLineString',
    coordinates: [...count.values()].filter((e) => e[2] === 1).map(([a, b]) => [a, b]),
  };
}

/** A circle of `km` around a point, as a polygon of `steps` vertices (equirectangular, fine at this scale). */
export function circle(lon: number, lat: number, km: number, steps = 72): Polygon {
  const ring: Position[] = [];
  const dLat = km / 111.32;
  const dLon = km / (111.32 * Math.cos((lat * Math.PI) / 180));
  for (let i = 0; i <= steps; i++) {
    const a = (i / steps) * 2 * Math.PI;
    ring.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

/** Quantile class breaks (upper bounds of all classes but the last) for a choropleth of `n` classes. */
export function quantileBreaks(values: number[], n: number): number[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i < n; i++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((i / n) * sorted.length))] as number;
    if (breaks.length === 0 || v > (breaks[breaks.length - 1] as number)) breaks.push(v);
  }
  return breaks;
}

export const PALETTE = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'];
export const SUBREGION_COLOURS = ['#7b3294', '#c2410c', '#1d4ed8', '#0f766e', '#a16207', '#be185d'];

export function bbox(features: Feature[]): [number, number, number, number] | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const f of features) {
    for (const ring of rings(f)) {
      for (const [x, y] of ring as [number, number][]) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
    }
  }
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : undefined;
}
