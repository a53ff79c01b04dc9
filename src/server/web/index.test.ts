/**
 * The routes the web app needs (boundaries, sites, sources) and the built app served outside /api:
 * files, the client-side route fallback, missing assets and paths that try to leave the folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createServerState } from '../../server/state.ts';
import { openStore, type Store } from '../../store/database.ts';

const REGION = 'gjovik-hadeland-ringerike';
let store: Store;
let app: ReturnType<typeof createApp>;
let webDir: string;

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'restverdi-web-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Restverdi</title><div id="root"></div>');
  writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log("app")');
  store = await openStore({ file: ':memory:' });
  const state = await createServerState(store, { clock: { now: () => new Date('2026-11-28T12:00:00Z') } });
  app = createApp(state, pino({ level: 'silent' }), { webDir });
});

afterAll(async () => {
  await store?.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('GET /api/geo/municipalities', () => {
  it('serves the 2024 boundaries of all 357 municipalities with centroid, area and population', async () => {
    const res = await app.request('/api/geo/municipalities');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('geo+json');
    const geo = (await res.json()) as {
      features: {
        properties: {
          number: string;
          name: string;
          lat: number;
          lon: number;
          areaKm2: number;
          population: number;
        };
        geometry: { type: string };
      }[];
    };
    expect(geo.features).toHaveLength(357);
    const gjovik = geo.features.find((f) => f.properties.number === '3407');
    expect(gjovik?.properties.name).toBe('Gjøvik');
    expect(gjovik?.properties.population).toBeGreaterThan(30_000);
    expect(gjovik?.properties.areaKm2).toBeGreaterThan(600);
    expect(gjovik?.properties.lat).toBeCloseTo(60.8, 0);
    expect(['Polygon', 'MultiPolygon']).toContain(gjovik?.geometry.type);
  });

  it('compresses the boundaries when the client accepts gzip', async () => {
    const res = await app.request('/api/geo/municipalities', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('GET /api/regions/{id}/sites', () => {
  it('lists the region’s sites with positions and transport radius', async () => {
    const res = await app.request(`/api/regions/${REGION}/sites`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      sites: { id: string; lat: number; lon: number; radiusKm: number }[];
    };
    expect(body.sites.length).toBeGreaterThanOrEqual(6);
    const follum = body.sites.find((s) => s.id === 'vow-follum');
    expect(follum).toMatchObject({ lat: 60.19, lon: 10.27 });
    for (const s of body.sites) expect(s.radiusKm).toBeGreaterThan(0);
  });

  it('answers 404 with the error shape for an unknown region', async () => {
    const res = await app.request('/api/regions/nowhere/sites');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unknown_region');
  });
});

describe('GET /api/sources', () => {
  it('lists datasets with years, products with prices, rules and sectors, each with a source', async () => {
    const body = (await (await app.request('/api/sources')).json()) as {
      datasets: { id: string; year: number; source: { citation: string } }[];
      years: number[];
      products: { id: string; price: { source: { citation: string } } }[];
      rules: unknown[];
      sectors: { id: string }[];
    };
    expect(body.datasets.length).toBeGreaterThan(0);
    for (const d of body.datasets) expect(d.source.citation).not.toBe('');
    expect(body.years).toContain(2024);
    expect(body.products.find((p) => p.id === 'biokull')?.price.source.citation).toBeTruthy();
    expect(body.rules.length).toBeGreaterThan(0);
    expect(body.sectors.length).toBeGreaterThan(5);
  });
});

describe('the web app outside /api', () => {
  it('serves files, and index.html for client-side routes', async () => {
    const asset = await app.request('/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of ['/', '/restraastoff', '/optimering?region=x']) {
      const page = await app.request(path);
      expect(page.status, path).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('answers 404 for missing assets, for paths leaving the folder, and keeps /api errors as JSON', async () => {
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    expect((await app.request('/..%2f..%2fpackage.json')).status).toBe(404);
    const api = await app.request('/api/nope');
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('is not served without a web folder: the API alone answers 404 outside /api', async () => {
    const state = await createServerState(store);
    const bare = createApp(state, pino({ level: 'silent' }));
    expect((await bare.request('/')).status).toBe(404);
  });
});
