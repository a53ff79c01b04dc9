/**
 * SVG maps of a region: its municipalities filled (by sub-region or by a value), neighbours in grey,
 * sub-region outlines (edges not shared inside a sub-region), labels, and sites with their catchments:
 * the outline of the road network within the radius where it is known, else a circle.
 */
import type { Boundary, Ring } from './boundaries.ts';
import { esc } from './html.ts';
import { fitProjection, type Projection, ringsPath } from './projection.ts';

export interface MapSite {
  label: string;
  lon: number;
  lat: number;
  radiusKm: number;
  colour: string;
  /** The catchment by road as a [lon, lat] ring; a circle of the radius without it. */
  outline?: [number, number][];
}

export interface MapOptions {
  boundaries: Map<string, Boundary>;
  municipalities: string[];
  /** Fill per municipality; grey hatch when absent. */
  fill: (nr: string) => string | undefined;
  label: (nr: string) => string;
  subRegions: string[][];
  centroids: Map<string, { lat: number; lon: number }>;
  sites?: MapSite[];
  legend?: { colour: string; label: string }[];
  title: string;
  width?: number;
}

function segments(rings: Ring[]): string[] {
  const out: string[] = [];
  for (const ring of rings)
    for (let i = 1; i < ring.length; i++) {
      const a = (ring[i - 1] as [number, number]).join(',');
      const b = (ring[i] as [number, number]).join(',');
      out.push(a < b ? `${a};${b}` : `${b};${a}`);
    }
  return out;
}

/** The outline of a group of municipalities: every boundary segment that only one of them has. */
function outline(project: Projection, groups: Ring[][]): string {
  const count = new Map<string, number>();
  for (const rings of groups) for (const s of segments(rings)) count.set(s, (count.get(s) ?? 0) + 1);
  const parts: string[] = [];
  for (const [s, n] of count) {
    if (n !== 1) continue;
    const [a, b] = s.split(';').map((p) => p.split(',').map(Number) as [number, number]) as [
      [number, number],
      [number, number],
    ];
    const pa = project(a[0], a[1]);
    const pb = project(b[0], b[1]);
    parts.push(`M${pa[0].toFixed(1)},${pa[1].toFixed(1)}L${pb[0].toFixed(1)},${pb[1].toFixed(1)}`);
  }
  return parts.sort().join('');
}

export function renderMap(o: MapOptions): string {
  const width = o.width ?? 640;
  const own = o.municipalities.map((nr) => o.boundaries.get(nr)).filter((b): b is Boundary => !!b);
  const ownRings = own.flatMap((b) => b.polygons.flat());
  // Fit to the region, widened to take in the sites' catchments so one is never cut off.
  const extra: Ring[] = (o.sites ?? []).map((s) => {
    if (s.outline) return s.outline;
    const dLat = s.radiusKm / 111.32;
    const dLon = dLat / Math.cos((s.lat * Math.PI) / 180);
    return [
      [s.lon - dLon, s.lat - dLat],
      [s.lon + dLon, s.lat + dLat],
    ];
  });
  const project = fitProjection([...ownRings, ...extra], width, 620);
  const inView = (b: Boundary) =>
    b.polygons.some((p) =>
      (p[0] ?? []).some(([lon, lat]) => {
        const [x, y] = project(lon, lat);
        return x >= -50 && x <= width + 50 && y >= -50 && y <= project.height + 50;
      }),
    );
  const ownSet = new Set(o.municipalities);
  const neighbours = [...o.boundaries.values()]
    .filter((b) => !ownSet.has(b.number) && inView(b))
    .sort((a, b) => a.number.localeCompare(b.number));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${project.height}" width="${width}" height="${project.height}" role="img" class="map"><title>${esc(o.title)}</title>`,
    '<defs><pattern id="nodata" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eee"/><line x1="0" y1="0" x2="0" y2="6" stroke="#999" stroke-width="2"/></pattern></defs>',
    `<rect width="${width}" height="${project.height}" fill="#f4f7fa"/>`,
  ];
  for (const b of neighbours)
    out.push(
      `<path d="${ringsPath(project, b.polygons.flat())}" fill="#e6e6e6" stroke="#fff" stroke-width="0.6"/>`,
    );
  for (const b of own) {
    const fill = o.fill(b.number) ?? 'url(#nodata)';
    out.push(
      `<path d="${ringsPath(project, b.polygons.flat())}" fill="${fill}" stroke="#fff" stroke-width="0.8" fill-rule="evenodd"><title>${esc(o.label(b.number))}</title></path>`,
    );
  }
  for (const group of o.subRegions) {
    const rings = group.map((nr) => o.boundaries.get(nr)?.polygons.flat() ?? []);
    out.push(`<path d="${outline(project, rings)}" fill="none" stroke="#333" stroke-width="1.6"/>`);
  }
  for (const nr of o.municipalities) {
    const c = o.centroids.get(nr);
    if (!c) continue;
    const [x, y] = project(c.lon, c.lat);
    out.push(
      `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="10" text-anchor="middle" fill="#111" stroke="#fff" stroke-width="2.5" paint-order="stroke">${esc(o.label(nr))}</text>`,
    );
  }
  // Sites after the names, so a site's number is never hidden under a municipality's name.
  const atPlace = new Map<string, number>();
  for (const s of o.sites ?? []) {
    const [x, y] = project(s.lon, s.lat);
    // Sites at the same place: their labels side by side.
    const place = `${x.toFixed(0)},${y.toFixed(0)}`;
    const nth = atPlace.get(place) ?? 0;
    atPlace.set(place, nth + 1);
    const r = s.radiusKm * project.pxPerKm;
    out.push(
      s.outline
        ? `<path d="${ringsPath(project, [s.outline])}" fill="${s.colour}" fill-opacity="0.1" stroke="${s.colour}" stroke-width="1.2" stroke-linejoin="round"/>`
        : `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="${s.colour}" fill-opacity="0.08" stroke="${s.colour}" stroke-width="1" stroke-dasharray="4 3"/>`,
      `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="${s.colour}" stroke="#fff"><title>${esc(s.label)}</title></circle>`,
      `<text x="${(x + 6 + nth * 12).toFixed(1)}" y="${(y - 6).toFixed(1)}" font-size="11" font-weight="bold" fill="#222" stroke="#fff" stroke-width="2.5" paint-order="stroke">${esc(s.label)}</text>`,
    );
  }
  (o.legend ?? []).forEach((l, i) => {
    const y = 14 + i * 16;
    out.push(
      `<rect x="8" y="${y - 9}" width="12" height="12" fill="${l.colour}" stroke="#888" stroke-width="0.5"/>`,
      `<text x="26" y="${y + 1}" font-size="10" fill="#111" stroke="#f4f7fa" stroke-width="2.5" paint-order="stroke">${esc(l.label)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}

/** Sequential colours, light to dark (ColorBrewer YlGn, 5 classes). */
export const SEQUENTIAL = ['#ffffcc', '#c2e699', '#78c679', '#31a354', '#006837'] as const;
/** Qualitative colours for sub-regions and site kinds (ColorBrewer Set2). */
export const QUALITATIVE = ['#66c2a5', '#fc8d62', '#8da0cb', '#e78ac3', '#a6d854', '#ffd92f', '#e5c494'];

/** Class breaks at equal steps of the range, rounded to two significant digits for the legend. */
export function classBreaks(values: number[], classes = SEQUENTIAL.length): number[] {
  const max = Math.max(0, ...values);
  const step = max / classes;
  const nice = (v: number) => {
    if (v <= 0) return 0;
    const p = 10 ** (Math.floor(Math.log10(v)) - 1);
    return Math.ceil(v / p) * p;
  };
  return Array.from({ length: classes - 1 }, (_, i) => nice(step * (i + 1)));
}

export function classOf(value: number, breaks: number[]): number {
  let i = 0;
  while (i < breaks.length && value > (breaks[i] as number)) i++;
  return i;
}
