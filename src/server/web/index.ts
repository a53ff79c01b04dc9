/**
 * What the web app needs beyond the core API: the shipped municipality boundaries (the map itself,
 * no tile server), a region's sites with positions and transport radii, and the sources of every
 * dataset, price and rule. `webApp` serves the built app (web/dist) with a fallback to index.html
 * for client-side routes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { compress } from 'hono/compress';
import { siteRadiusKm } from '../../domain/allocation/sites.ts';
import { findRegion } from '../../domain/regions.ts';
import type { Env } from '../env.ts';
import { errorResponses } from '../errors.ts';
import { answer, IdParam, Opaque } from '../schemas.ts';
import type { ServerState } from '../state.ts';

/** 4 decimals of a degree is about 11 m: finer than the simplified boundaries, a third smaller to send. */
const round = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(round) : typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v;

export function webRoutes(api: OpenAPIHono<Env>, state: ServerState): void {
  api.use('/geo/*', compress());
  api.openapi(
    createRoute({
      method: 'get',
      path: '/geo/municipalities',
      tags: ['web'],
      summary: 'Municipality boundaries (2024) with area and population, as GeoJSON',
      responses: {
        200: answer(
          Opaque(
            'MunicipalityBoundaries',
            'GeoJSON FeatureCollection; properties number, name, lat, lon (centroid), areaKm2, population',
          ),
          'The boundaries',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      // Built once per reference data (population and names come from the store).
      const boundaries = await state.memo('web:boundaries', async () => {
        const data = await state.reference();
        const centroids = state.files.centroids();
        const stat = (nr: string, variable: string) =>
          data.statistics.byMunicipality.get(nr)?.get(variable)?.[0]?.value;
        return JSON.stringify({
          type: 'FeatureCollection',
          source:
            'Kartverket, Administrative enheter – kommuner (2024), simplified by robhop/fylker-og-kommuner, CC BY 4.0; area and population: SSB (data/statistics/population-2024.json)',
          features: [...state.files.boundaries().values()].map((f) => {
            const number = f.number;
            const props: Record<string, unknown> = {
              number,
              name: data.registry.municipalities.get(number)?.name ?? f.name,
            };
            const area = stat(number, 'area.total_km2');
            const population = stat(number, 'population');
            const centre = centroids.get(number);
            if (centre) Object.assign(props, { lat: centre.lat, lon: centre.lon });
            if (area !== undefined) props.areaKm2 = area;
            if (population !== undefined) props.population = population;
            return {
              type: 'Feature',
              id: Number(number),
              properties: props,
              geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
            };
          }),
        });
      });
      return c.body(boundaries, 200, {
        'Content-Type': 'application/geo+json; charset=UTF-8',
        'Cache-Control': 'public, max-age=3600',
      });
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/regions/{id}/sites',
      tags: ['web'],
      summary: 'The region’s sites (data/sites/<region>.json) with position and transport radius',
      request: { params: IdParam },
      responses: {
        200: answer(
          Opaque(
            'Sites',
            'sites: id, name, technology, route, capacityTonnes, basis, lat, lon, radiusKm, status',
          ),
          'The sites',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const data = await state.reference();
      const region = findRegion(data.regions, id);
      const sites = state.files.regionSites(region.id)?.sites ?? [];
      const lib = state.library;
      return c.json(
        {
          region: region.id,
          sites: sites.map((s) => ({
            id: s.id,
            name: s.name,
            technology: s.technology,
            ...(s.route ? { route: s.route } : {}),
            ...(s.accepts ? { accepts: s.accepts } : {}),
            capacityTonnes: s.capacityTonnes,
            basis: s.basis,
            lat: s.position.lat,
            lon: s.position.lon,
            ...(s.municipality ? { municipality: s.municipality } : {}),
            radiusKm: siteRadiusKm(s, lib.technologies) ?? null,
            status: s.status,
            capacityIsAssumption: s.capacityIsAssumption ?? false,
            ...(s.note ? { note: s.note } : {}),
            ...(s.source ? { source: s.source } : {}),
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/sources',
      tags: ['web'],
      summary: 'Datasets, products with prices, currency rates, rules and transport, each with its source',
      responses: {
        200: answer(
          Opaque(
            'Sources',
            'datasets, years, products, currencyRates, rules, currentUses, sectors, transport',
          ),
          'The sources',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const data = await state.reference();
      const lib = state.library;
      const datasets = [...data.statistics.datasets.values()];
      return c.json(
        {
          datasets: datasets.map((d) => ({
            id: d.id,
            title: d.title,
            year: d.year,
            source: d.source,
            variables: Object.keys(d.variables).length,
          })),
          years: [...new Set(datasets.map((d) => d.year))].sort((a, b) => b - a),
          products: lib.products,
          currencyRates: [...lib.rates.rates.values()].filter((r) => r.currency !== 'NOK'),
          rules: lib.rules,
          currentUses: lib.currentUses,
          sectors: state.files.sectors().sectors.map((x) => ({
            id: x.id,
            name: x.name,
            nace: x.nace,
            source: x.source,
          })),
          transport: state.files.transport().coefficients,
        },
        200,
      );
    },
  );
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=UTF-8',
  '.js': 'text/javascript; charset=UTF-8',
  '.mjs': 'text/javascript; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8',
  '.json': 'application/json; charset=UTF-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=UTF-8',
};

/**
 * The built web app: files under webDir, and index.html for any other GET outside /api (the app
 * routes on the client). Hashed assets are cached for a year; index.html never.
 */
export function webApp(app: Hono<Env>, webDir: string): void {
  const root = resolve(webDir);
  app.use('*', compress());
  app.get('*', async (c, next) => {
    const path = decodeURIComponent(c.req.path);
    if (path === '/api' || path.startsWith('/api/')) return next();
    const file = resolve(root, `.${path}`);
    const inside = file === root || file.startsWith(root + sep);
    if (inside && file !== root && existsSync(file) && statSync(file).isFile()) {
      const ext = file.slice(file.lastIndexOf('.'));
      return c.body(readFileSync(file), 200, {
        'Content-Type': TYPES[ext] ?? 'application/octet-stream',
        'Cache-Control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    // A missing asset is a 404, not the app: a broken reference must show as broken.
    if (/\.[a-z0-9]+$/i.test(path)) return next();
    const index = join(root, 'index.html');
    if (!existsSync(index)) return next();
    return c.body(readFileSync(index), 200, {
      'Content-Type': TYPES['.html'] as string,
      'Cache-Control': 'no-cache',
    });
  });
}
