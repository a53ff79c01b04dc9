/**
 * The HTTP API through `app.request` (no port), on every dialect testDialects() selects: each route's
 * answer and its failures, the one error shape, the exports, and the OpenAPI document.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server/serve.ts';
import {
  type ErrorBody,
  expectError,
  jsonInit,
  manureScenario,
  NOW,
  okJson,
  openTestApi,
  REGION,
  RESIDUES,
  type TestApi,
} from './helpers/api.ts';
import { testDialects } from './helpers/stores.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TWELVE = [
  '3407',
  '3442',
  '3443',
  '3447',
  '3448',
  '3446',
  '3236',
  '3234',
  '3305',
  '3310',
  '3318',
  '3316',
];
const BUILTIN_SCENARIOS = ['rapport-biometan', 'rapport-insekt', 'rapport-pyrolyse', 'rapport-slakteavfall'];

/** The report's residue table, tonnes wet for the twelve municipalities (data/sources/seed). */
const reportTotals = Object.entries(
  JSON.parse(readFileSync('data/sources/seed/reference-region.json', 'utf8'))
    .residues_tonnes_wet_region_total as Record<string, unknown>,
).filter((e): e is [string, number] => typeof e[1] === 'number' && e[0] !== 'total_reported');

interface Totals {
  kind: string;
  tonnesWet: number;
  tonnesDm: number;
  p10?: number;
  p50?: number;
  p90?: number;
}
interface Residues {
  region: string;
  profile: string;
  municipalities: string[];
  uncertainty?: { draws: number; seed: number };
  rows: (Totals & { municipality: string })[];
  totals: Totals[];
}

async function xlsxSheets(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX);
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.xlsx"$/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(String.fromCharCode(bytes[0] as number, bytes[1] as number)).toBe('PK');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer as ArrayBuffer);
  return book.worksheets.map((ws) => ({
    name: ws.name,
    header: (ws.getRow(1).values as unknown[]).slice(1),
    rows: ws.rowCount - 1,
  }));
}

function csvLines(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n');
}

async function okCsv(res: Response): Promise<string[]> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
  return csvLines(text);
}

function regionInput(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: 'Toten',
    description: 'Østre and Vestre Toten',
    municipalities: ['3442', '3443'],
    subRegions: [{ id: 'toten', name: 'Toten', municipalities: ['3442', '3443'] }],
    ...extra,
  };
}

describe.each(testDialects())('API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(dialect);
  });
  afterAll(async () => {
    await api?.store.dispose();
  });
  const get = (path: string) => api.request(path);

  describe('health and catalogue', () => {
    it('answers health with the dialect and the loaded reference version', async () => {
      const body = await okJson(await get('/api/health'));
      expect(body).toEqual({
        status: 'ok',
        dialect,
        referenceVersion: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
    });

    it('lists the 357 municipalities of the 2024 division, sorted, as JSON and CSV', async () => {
      const { municipalities } = await okJson<{ municipalities: { number: string; name: string }[] }>(
        await get('/api/municipalities'),
      );
      expect(municipalities).toHaveLength(357);
      const numbers = municipalities.map((m) => m.number);
      expect(numbers).toEqual([...numbers].sort());
      expect(municipalities[0]).toEqual({ number: '0301', name: 'Oslo', county: '03' });
      expect(numbers).not.toContain('3007'); // Ringerike's old number
      const lines = await okCsv(await get('/api/municipalities?format=csv'));
      expect(lines[0]).toBe('number,name,county');
      expect(lines).toHaveLength(358);
      expect(lines[1]).toBe('0301,Oslo,03');
    });

    it('lists a region’s municipalities, and 404 for an unknown region', async () => {
      const { municipalities } = await okJson<{ municipalities: { number: string }[] }>(
        await get(`/api/municipalities?region=${REGION}`),
      );
      expect(municipalities.map((m) => m.number)).toEqual(TWELVE);
      const lines = await okCsv(await get(`/api/municipalities?region=${REGION}&format=csv`));
      expect(lines).toHaveLength(13);
      expect(lines).toContain('3305,Ringerike,33');
      const error = await expectError(await get('/api/municipalities?region=nowhere'), 404, 'unknown_region');
      expect(error.message).toContain('nowhere');
      expect(error.message).toContain(REGION);
    });

    it('rejects an unknown format with every problem listed', async () => {
      const error = await expectError(await get('/api/municipalities?format=pdf'), 400, 'invalid_input');
      expect(error.issues).toEqual([{ path: 'query.format', message: expect.any(String) }]);
    });

    it('lists kinds, profiles and technologies', async () => {
      const { kinds } = await okJson<{ kinds: { id: string; dmShare: { value: number } }[] }>(
        await get('/api/kinds'),
      );
      const kindIds = kinds.map((k) => k.id);
      for (const k of ['halm', 'husdyrgjodsel', 'bark', 'slakteavfall']) expect(kindIds).toContain(k);
      for (const k of kinds) expect(k.dmShare.value).toBeGreaterThan(0);

      const { profiles } = await okJson<{
        profiles: { id: string; coefficients: number; kinds: string[] }[];
      }>(await get('/api/profiles'));
      expect(profiles.map((p) => p.id).sort()).toEqual(['literature', 'report']);
      const report = profiles.find((p) => p.id === 'report');
      expect(report?.coefficients).toBeGreaterThan(0);
      expect(report?.kinds).toContain('halm');

      const { technologies } = await okJson<{ technologies: { id: string; inputs: string[] }[] }>(
        await get('/api/technologies'),
      );
      const techIds = technologies.map((t) => t.id);
      for (const t of ['bsf-larver', 'slow-pyrolysis', 'anaerobic-digestion']) expect(techIds).toContain(t);
      expect(technologies.find((t) => t.id === 'bsf-larver')?.inputs).not.toContain('husdyrgjodsel');
    });

    it('gives a profile’s coefficients with sources as JSON, CSV and XLSX; 404 for an unknown profile', async () => {
      const json = await okJson<{
        profile: string;
        coefficients: { id: string; source: { citation: string } }[];
      }>(await get('/api/profiles/report/coefficients'));
      expect(json.profile).toBe('report');
      expect(json.coefficients.length).toBeGreaterThan(0);
      for (const k of json.coefficients) expect(k.source.citation.length).toBeGreaterThan(0);
      expect(json.coefficients.map((k) => k.id)).toContain('halm.report.t-per-daa-grain');

      const lines = await okCsv(await get('/api/profiles/report/coefficients?format=csv'));
      expect(lines[0]).toBe('id,name,value,low,high,unit,status,citation,url,region,year,calibratedAgainst');
      expect(lines.some((l) => l.startsWith('halm.report.t-per-daa-grain,'))).toBe(true);

      const sheets = await xlsxSheets(await get('/api/profiles/report/coefficients?format=xlsx'));
      expect(sheets).toEqual([
        {
          name: 'report',
          header: [
            'id',
            'name',
            'value',
            'low',
            'high',
            'unit',
            'status',
            'citation',
            'url',
            'region',
            'year',
            'calibratedAgainst',
          ],
          rows: json.coefficients.length,
        },
      ]);

      const error = await expectError(await get('/api/profiles/nope/coefficients'), 404, 'unknown_profile');
      expect(error.message).toContain('nope');
      await expectError(await get('/api/profiles/report/coefficients?format=geojson'), 400, 'invalid_input');
    });
  });

  describe('regions', () => {
    it('lists the built-in region as JSON and CSV, and gets it by id', async () => {
      const { regions } = await okJson<{ regions: { id: string; builtin: boolean }[] }>(
        await get('/api/regions'),
      );
      const builtin = regions.find((r) => r.id === REGION);
      expect(builtin).toMatchObject({ id: REGION, builtin: true, municipalities: TWELVE });
      const lines = await okCsv(await get('/api/regions?format=csv'));
      expect(lines[0]).toBe('region,subRegion,municipality');
      expect(lines).toContain(`${REGION},Ringeriksregionen,3305`);
      expect(lines.filter((l) => l.startsWith(`${REGION},`))).toHaveLength(12);

      const one = await okJson<{ subRegions: { id: string; municipalities: string[] }[] }>(
        await get(`/api/regions/${REGION}`),
      );
      expect(one).toMatchObject({ id: REGION, builtin: true, municipalities: TWELVE });
      expect(one.subRegions.map((s) => s.id)).toEqual([
        'gjovikregionen',
        'hadelandregionen',
        'ringeriksregionen',
      ]);
    });

    it('404 for an unknown region, naming it; 400 for an id that cannot be one', async () => {
      const error = await expectError(await get('/api/regions/nowhere'), 404, 'unknown_region');
      expect(error.message).toContain('"nowhere"');
      const bad = await expectError(await get('/api/regions/Not_An_Id'), 400, 'invalid_input');
      expect(bad.issues).toEqual([{ path: 'param.id', message: expect.any(String) }]);
    });

    it('creates a region (201), mapping old municipality numbers (3007 → 3305), with the clock’s time', async () => {
      const res = await api.request(
        '/api/regions',
        jsonInit('POST', {
          id: 'ringerike-hole',
          name: 'Ringerike og Hole',
          municipalities: ['3007', '3038'],
          subRegions: [
            { id: 'ringerike', name: 'Ringerike', municipalities: ['3007'] },
            { id: 'hole', name: 'Hole', municipalities: ['3310'] },
          ],
        }),
      );
      const created = await okJson(res, 201);
      expect(created).toEqual({
        id: 'ringerike-hole',
        name: 'Ringerike og Hole',
        municipalities: ['3305', '3310'],
        subRegions: [
          { id: 'ringerike', name: 'Ringerike', municipalities: ['3305'] },
          { id: 'hole', name: 'Hole', municipalities: ['3310'] },
        ],
        builtin: false,
        updatedAt: NOW,
      });
      expect(await okJson(await get('/api/regions/ringerike-hole'))).toEqual(created);
      const { municipalities } = await okJson<{ municipalities: { number: string }[] }>(
        await get('/api/municipalities?region=ringerike-hole'),
      );
      expect(municipalities.map((m) => m.number)).toEqual(['3305', '3310']);
      // The new region is served at once by the residue route (the reference cache was refreshed).
      const residues = await okJson<Residues>(await get('/api/regions/ringerike-hole/residues'));
      expect(residues.municipalities).toEqual(['3305', '3310']);
    });

    it('takes the municipalities from the sub-regions when none are listed', async () => {
      const created = await okJson(
        await api.request(
          '/api/regions',
          jsonInit('POST', {
            id: 'hadeland',
            name: 'Hadeland',
            subRegions: [{ id: 'hadeland', name: 'Hadeland', municipalities: ['3446', '3053', '3054'] }],
          }),
        ),
        201,
      );
      expect(created).toMatchObject({ municipalities: ['3446', '3236', '3234'] });
    });

    it('409 when the id exists, and the existing region is unchanged', async () => {
      const before = await okJson(await get('/api/regions/hadeland'));
      const error = await expectError(
        await api.request('/api/regions', jsonInit('POST', regionInput('hadeland'))),
        409,
        'conflict',
      );
      expect(error.message).toContain('hadeland');
      await expectError(
        await api.request('/api/regions', jsonInit('POST', regionInput(REGION))),
        409,
        'conflict',
      );
      expect(await okJson(await get('/api/regions/hadeland'))).toEqual(before);
    });

    it('400 listing every problem of a region: unknown municipality, members outside the region, a municipality in two sub-regions', async () => {
      const error = await expectError(
        await api.request(
          '/api/regions',
          jsonInit('POST', {
            id: 'broken',
            name: 'Broken',
            municipalities: ['9999', '3407'],
            subRegions: [
              { id: 'a', name: 'A', municipalities: ['3407', '3442'] },
              { id: 'b', name: 'B', municipalities: ['3407'] },
            ],
          }),
        ),
        400,
        'invalid_input',
      );
      const paths = error.issues.map((i) => i.path);
      expect(error.issues).toContainEqual({
        path: 'body.municipalities[0]',
        message: expect.stringContaining('9999'),
      });
      expect(error.issues).toContainEqual({
        path: 'body.subRegions',
        message: expect.stringContaining('3442'),
      });
      expect(error.issues).toContainEqual({
        path: 'body.subRegions',
        message: expect.stringContaining('mer enn én delregion'),
      });
      expect(paths.every((p) => p.startsWith('body.'))).toBe(true);
      expect(error.message).toContain(`${error.issues.length} feil`);
      await expectError(await get('/api/regions/broken'), 404, 'unknown_region');
    });

    it('400 listing every schema problem of a region (bad id, missing name, wrong types, unknown field)', async () => {
      const error = await expectError(
        await api.request(
          '/api/regions',
          jsonInit('POST', { id: 'Bad Id', municipalities: ['12345'], subRegions: {}, colour: 'red' }),
        ),
        400,
        'invalid_input',
      );
      // Path prefixes differ by validation stage (see the report); compare the field paths.
      const fields = error.issues.map((i) => i.path.replace(/^(json|body)\./, '')).sort();
      expect(fields).toEqual(['colour', 'id', 'municipalities[0]', 'name', 'subRegions']);
    });

    it('replaces a user region with PUT (200)', async () => {
      const res = await api.request(
        '/api/regions/hadeland',
        jsonInit('PUT', {
          id: 'hadeland',
          name: 'Hadeland (Gran og Lunner)',
          municipalities: ['3446', '3234'],
        }),
      );
      expect(await okJson(res)).toEqual({
        id: 'hadeland',
        name: 'Hadeland (Gran og Lunner)',
        municipalities: ['3446', '3234'],
        subRegions: [],
        builtin: false,
        updatedAt: NOW,
      });
      const { municipalities } = await okJson<Residues>(await get('/api/regions/hadeland/residues'));
      expect(municipalities).toEqual(['3446', '3234']);
    });

    it('PUT: 409 on the built-in region, 404 on an unknown one, 400 when the ids differ or the body is invalid', async () => {
      const builtin = await okJson(await get(`/api/regions/${REGION}`));
      await expectError(
        await api.request(`/api/regions/${REGION}`, jsonInit('PUT', regionInput(REGION))),
        409,
        'conflict',
      );
      expect(await okJson(await get(`/api/regions/${REGION}`))).toEqual(builtin);
      const unknown = await expectError(
        await api.request('/api/regions/nowhere', jsonInit('PUT', regionInput('nowhere'))),
        404,
        'unknown_region',
      );
      expect(unknown.message).toContain('nowhere');
      const differ = await expectError(
        await api.request('/api/regions/hadeland', jsonInit('PUT', regionInput('toten'))),
        400,
        'invalid_input',
      );
      expect(differ.message).toContain('toten');
      expect(differ.message).toContain('hadeland');
      await expectError(
        await api.request(
          '/api/regions/hadeland',
          jsonInit('PUT', { id: 'hadeland', name: 'H', municipalities: ['9999'] }),
        ),
        400,
        'invalid_input',
      );
      expect(await okJson(await get('/api/regions/hadeland'))).toMatchObject({
        municipalities: ['3446', '3234'],
      });
    });

    it('DELETE: 204 on a user region, then 404; 409 on the built-in region', async () => {
      await okJson(await api.request('/api/regions', jsonInit('POST', regionInput('toten'))), 201);
      const res = await api.request('/api/regions/toten', { method: 'DELETE' });
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
      await expectError(await get('/api/regions/toten'), 404, 'unknown_region');
      await expectError(await get('/api/regions/toten/residues'), 404, 'unknown_region');
      await expectError(await api.request('/api/regions/toten', { method: 'DELETE' }), 404, 'unknown_region');
      await expectError(await api.request(`/api/regions/${REGION}`, { method: 'DELETE' }), 409, 'conflict');
      expect(await okJson(await get(`/api/regions/${REGION}`))).toMatchObject({ id: REGION, builtin: true });
      // The id is free again.
      await okJson(await api.request('/api/regions', jsonInit('POST', regionInput('toten'))), 201);
    });
  });

  describe('residues', () => {
    it('reproduces the report’s residue totals within 1 %', async () => {
      const body = await okJson<Residues>(await get(RESIDUES));
      expect(body.region).toBe(REGION);
      expect(body.profile).toBe('report');
      expect(body.municipalities).toEqual(TWELVE);
      expect(body.uncertainty).toBeUndefined();
      expect(reportTotals.length).toBe(11);
      for (const [kind, stated] of reportTotals) {
        const total = body.totals.find((t) => t.kind === kind);
        expect(total, kind).toBeDefined();
        expect(Math.abs((total?.tonnesWet ?? 0) - stated) / stated, kind).toBeLessThan(0.01);
      }
      // The totals are the sums of the rows.
      for (const t of body.totals) {
        const sum = body.rows.filter((r) => r.kind === t.kind).reduce((s, r) => s + r.tonnesWet, 0);
        expect(sum).toBeCloseTo(t.tonnesWet, 6);
        expect(t.tonnesDm).toBeLessThanOrEqual(t.tonnesWet);
      }
      expect(new Set(body.rows.map((r) => r.municipality))).toEqual(new Set(TWELVE));
    });

    it('draws uncertainty reproducibly with a seed, p10 ≤ p50 ≤ p90', async () => {
      const path = `${RESIDUES}?uncertainty=200&seed=3`;
      const a = await okJson<Residues>(await get(path));
      const b = await okJson<Residues>(await get(path));
      expect(a).toEqual(b);
      expect(a.uncertainty).toEqual({ draws: 200, seed: 3, distribution: 'coefficient ranges' });
      for (const t of [...a.totals, ...a.rows]) {
        expect(t.p10).toBeTypeOf('number');
        expect(t.p10 as number).toBeLessThanOrEqual(t.p50 as number);
        expect(t.p50 as number).toBeLessThanOrEqual(t.p90 as number);
      }
      const other = await okJson<Residues>(await get(`${RESIDUES}?uncertainty=200&seed=4`));
      expect(other.totals.map((t) => t.p50)).not.toEqual(a.totals.map((t) => t.p50));
      // The central estimate does not depend on the draws.
      const plain = await okJson<Residues>(await get(RESIDUES));
      expect(a.totals.map((t) => t.tonnesWet)).toEqual(plain.totals.map((t) => t.tonnesWet));
    });

    it('exports CSV with a header (and percentiles when drawn)', async () => {
      const lines = await okCsv(await get(`${RESIDUES}?format=csv`));
      expect(lines[0]).toBe('municipality,kind,tonnesWet,tonnesDm');
      const { rows } = await okJson<Residues>(await get(RESIDUES));
      expect(lines).toHaveLength(rows.length + 1);
      expect(lines[1]).toMatch(/^3407,halm,\d/);
      const drawn = await okCsv(await get(`${RESIDUES}?format=csv&uncertainty=50`));
      expect(drawn[0]).toBe('municipality,kind,tonnesWet,tonnesDm,p10,p50,p90');
    });

    it('exports GeoJSON: 12 polygon features with per-kind properties', async () => {
      const res = await get(`${RESIDUES}?format=geojson`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      const body = (await res.json()) as {
        type: string;
        features: { type: string; geometry: { type: string }; properties: Record<string, unknown> }[];
      };
      expect(body.type).toBe('FeatureCollection');
      expect(body.features).toHaveLength(12);
      const { rows } = await okJson<Residues>(await get(RESIDUES));
      for (const f of body.features) {
        expect(f.type).toBe('Feature');
        expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
        const nr = f.properties.municipality as string;
        expect(TWELVE).toContain(nr);
        expect(f.properties.name).toBeTypeOf('string');
        const halm = rows.find((r) => r.municipality === nr && r.kind === 'halm');
        expect(f.properties['halm.tonnesWet']).toBe(halm?.tonnesWet);
        expect(f.properties['halm.tonnesDm']).toBe(halm?.tonnesDm);
      }
      expect(body.features.find((f) => f.properties.municipality === '3305')?.properties.name).toBe(
        'Ringerike',
      );
    });

    it('exports XLSX with a sheet per municipality rows and one of totals', async () => {
      const { rows, totals } = await okJson<Residues>(await get(RESIDUES));
      const sheets = await xlsxSheets(await get(`${RESIDUES}?format=xlsx`));
      expect(sheets).toEqual([
        { name: 'Per kommune', header: ['municipality', 'kind', 'tonnesWet', 'tonnesDm'], rows: rows.length },
        { name: 'Sum', header: ['kind', 'tonnesWet', 'tonnesDm'], rows: totals.length },
      ]);
    });

    it('maps an old municipality number (3007 → 3305) and narrows kinds', async () => {
      const body = await okJson<Residues>(await get(`${RESIDUES}?municipalities=3007&kinds=halm,bark`));
      expect(body.municipalities).toEqual(['3305']);
      expect(body.rows.map((r) => `${r.municipality}/${r.kind}`)).toEqual(['3305/halm', '3305/bark']);
      expect(body.totals.map((t) => t.kind)).toEqual(['halm', 'bark']);
    });

    it('400 naming the municipality when its statistics are missing (0301)', async () => {
      const error = await expectError(
        await get(`${RESIDUES}?municipalities=0301`),
        400,
        'missing_statistics',
      );
      expect(error.message).toContain('0301');
      expect(error.issues.length).toBeGreaterThan(0);
      for (const i of error.issues) expect(i.path).toMatch(/^0301\//);
    });

    it('404 for an unknown kind, region or profile', async () => {
      const kind = await expectError(await get(`${RESIDUES}?kinds=halm,unicorns`), 404, 'unknown_kind');
      expect(kind.message).toContain('unicorns');
      await expectError(await get('/api/regions/nowhere/residues'), 404, 'unknown_region');
      await expectError(await get(`${RESIDUES}?profile=nope`), 404, 'unknown_profile');
    });

    it('400 for uncertainty out of range, a bad seed, a year out of range, an unknown format or query field', async () => {
      for (const [query, path] of [
        ['uncertainty=0', 'query.uncertainty'],
        ['uncertainty=1e9', 'query.uncertainty'],
        ['uncertainty=2.5', 'query.uncertainty'],
        ['uncertainty=-1', 'query.uncertainty'],
        ['seed=-1', 'query.seed'],
        ['year=1800', 'query.year'],
        ['format=pdf', 'query.format'],
        ['profile=NOT%20AN%20ID', 'query.profile'],
      ] as const) {
        const error = await expectError(await get(`${RESIDUES}?${query}`), 400, 'invalid_input');
        expect(error.issues.length, query).toBeGreaterThan(0);
        for (const i of error.issues) expect(i.path, query).toBe(path);
      }
      const both = await expectError(
        await get(`${RESIDUES}?uncertainty=0&seed=-1&colour=red`),
        400,
        'invalid_input',
      );
      expect(both.issues.map((i) => i.path).sort()).toEqual([
        'query.colour',
        'query.seed',
        'query.uncertainty',
      ]);
    });

    it('traces one figure to its statistics and coefficients', async () => {
      const { rows } = await okJson<Residues>(await get(RESIDUES));
      const trace = await okJson<{
        municipality: string;
        kind: string;
        profile: string;
        tonnesWet: number;
        terms: {
          statistic: { municipality: string; value: number; source?: { citation: string } };
          coefficients: { id: string }[];
        }[];
      }>(await get(`${RESIDUES}/halm/3407/trace`));
      expect(trace).toMatchObject({ municipality: '3407', kind: 'halm', profile: 'report' });
      expect(trace.tonnesWet).toBeCloseTo(
        rows.find((r) => r.municipality === '3407' && r.kind === 'halm')?.tonnesWet as number,
        6,
      );
      expect(trace.terms.length).toBeGreaterThan(0);
      for (const t of trace.terms) {
        expect(t.statistic.municipality).toBe('3407');
        expect(t.statistic.source?.citation.length).toBeGreaterThan(0);
        expect(t.coefficients.length).toBeGreaterThan(0);
      }
      const old = await okJson<{ municipality: string }>(await get(`${RESIDUES}/halm/3007/trace`));
      expect(old.municipality).toBe('3305');
    });

    it('trace failures: unknown kind, region or profile (404); missing statistics, bad ids (400)', async () => {
      await expectError(await get(`${RESIDUES}/unicorns/3407/trace`), 404, 'unknown_kind');
      await expectError(await get('/api/regions/nowhere/residues/halm/3407/trace'), 404, 'unknown_region');
      await expectError(await get(`${RESIDUES}/halm/3407/trace?profile=nope`), 404, 'unknown_profile');
      const missing = await expectError(await get(`${RESIDUES}/halm/0301/trace`), 400, 'missing_statistics');
      expect(missing.message).toContain('0301');
      const bad = await expectError(await get(`${RESIDUES}/HALM/34x7/trace`), 400, 'invalid_input');
      expect(bad.issues.map((i) => i.path).sort()).toEqual(['param.kind', 'param.municipality']);
      await expectError(await get(`${RESIDUES}/halm/3407/trace?colour=red`), 400, 'invalid_input');
    });
  });

  describe('pyramid', () => {
    interface Pyramid {
      kind: string;
      tonnes: number;
      tiers: { tier: string; valueNok: number; valuePerTonneNok: number }[];
    }

    it('gives the pyramid for the region’s manure, and for a given tonnage', async () => {
      const region = await okJson<Pyramid>(await get('/api/pyramid/husdyrgjodsel'));
      expect(region.kind).toBe('husdyrgjodsel');
      const stated = reportTotals.find(([k]) => k === 'husdyrgjodsel')?.[1] as number;
      expect(Math.abs(region.tonnes - stated) / stated).toBeLessThan(0.01);
      expect(region.tiers.length).toBeGreaterThan(0);
      const fixed = await okJson<Pyramid>(await get('/api/pyramid/husdyrgjodsel?tonnes=1000'));
      expect(fixed.tonnes).toBe(1000);
      for (const t of fixed.tiers) expect(t.valueNok).toBeCloseTo(t.valuePerTonneNok * 1000, 3);
      expect(fixed.tiers.map((t) => t.tier)).toEqual(region.tiers.map((t) => t.tier));
      const same = await okJson<Pyramid>(await get(`/api/pyramid/husdyrgjodsel?region=${REGION}`));
      expect(same).toEqual(region);
    });

    it('400 for both tonnes and region, bad tonnes; 404 for an unknown kind or region', async () => {
      const both = await expectError(
        await get(`/api/pyramid/husdyrgjodsel?tonnes=1000&region=${REGION}`),
        400,
        'invalid_input',
      );
      expect(both.message).toMatch(/tonnes.*region/);
      for (const t of ['-1', 'abc', '1e10']) {
        const error = await expectError(
          await get(`/api/pyramid/husdyrgjodsel?tonnes=${t}`),
          400,
          'invalid_input',
        );
        expect(error.issues).toEqual([{ path: 'query.tonnes', message: expect.any(String) }]);
      }
      const unknown = await expectError(await get('/api/pyramid/unicorns?tonnes=5'), 404, 'unknown_kind');
      expect(unknown.message).toContain('unicorns');
      await expectError(await get('/api/pyramid/unicorns'), 404, 'unknown_kind');
      await expectError(await get('/api/pyramid/husdyrgjodsel?region=nowhere'), 404, 'unknown_region');
    });
  });

  describe('scenarios', () => {
    interface Result {
      scenario: string;
      valueNok: number;
      products: { product: string; valueNok: number }[];
    }

    it('lists the four built-in report scenarios', async () => {
      const { scenarios } = await okJson<{
        scenarios: { id: string; builtin: boolean; name: { nb: string } }[];
      }>(await get('/api/scenarios'));
      const builtin = scenarios.filter((s) => s.builtin).map((s) => s.id);
      expect(builtin).toEqual(BUILTIN_SCENARIOS);
      for (const s of scenarios) expect(s.name.nb.length).toBeGreaterThan(0);
    });

    it('gets one scenario as stored; 404 for an unknown id', async () => {
      const stored = await okJson(await get('/api/scenarios/rapport-pyrolyse'));
      expect(stored).toEqual(JSON.parse(readFileSync('data/scenarios/rapport-pyrolyse.json', 'utf8')));
      const error = await expectError(await get('/api/scenarios/nope'), 404, 'unknown_scenario');
      expect(error.message).toContain('rapport-pyrolyse');
    });

    it('runs the report’s pyrolysis example: 185 + 195 = 380 MNOK', async () => {
      const result = await okJson<Result>(
        await api.request('/api/scenarios/rapport-pyrolyse/run', { method: 'POST' }),
      );
      expect(result.scenario).toBe('rapport-pyrolyse');
      expect(result.valueNok / 1e6).toBeCloseTo(380, 1);
      const byProduct = Object.fromEntries(result.products.map((p) => [p.product, p.valueNok / 1e6]));
      expect(byProduct.biokull).toBeCloseTo(185, 3);
      expect(byProduct.bioolje).toBeCloseTo(195, 3);
      await expectError(
        await api.request('/api/scenarios/nope/run', { method: 'POST' }),
        404,
        'unknown_scenario',
      );
    });

    it('runs a posted scenario', async () => {
      const result = await okJson<Result & { massBalance: unknown[] }>(
        await api.request('/api/scenarios/run', jsonInit('POST', manureScenario())),
      );
      expect(result.scenario).toBe('mine-biogas');
      expect(result.valueNok).toBeGreaterThan(0);
      expect(result.products.map((p) => p.product)).toContain('biorest');
      expect(result.massBalance.length).toBe(1);
      // Running does not store it.
      await expectError(await get('/api/scenarios/mine-biogas'), 404, 'unknown_scenario');
    });

    it('400 listing every problem of a posted scenario, each with a body.* path', async () => {
      const error = await expectError(
        await api.request(
          '/api/scenarios/run',
          jsonInit('POST', {
            id: 'Bad Id',
            name: 'not an object',
            inputs: [],
            steps: [{ id: 'x', technology: 'anaerobic-digestion', input: 'husdyrgjodsel', tonnes: -1 }],
            colour: 'red',
          }),
        ),
        400,
        'invalid_input',
      );
      const paths = error.issues.map((i) => i.path);
      for (const p of paths) expect(p).toMatch(/^body\./);
      for (const p of [
        'body.id',
        'body.name',
        'body.description',
        'body.inputs',
        'body.steps[0].tonnes',
        'body.colour',
      ])
        expect(paths, p).toContain(p);
      expect(error.message).toContain(`${error.issues.length} problem`);
    });

    it('400 ineligible_route for manure to insect larvae', async () => {
      const error = await expectError(
        await api.request(
          '/api/scenarios/run',
          jsonInit('POST', manureScenario('mine-larver', 'bsf-larver')),
        ),
        400,
        'ineligible_route',
      );
      expect(error.message).toContain('bsf-larver');
      expect(error.message).toContain('husdyrgjodsel');
    });

    it('404 for an unknown technology or stream in a posted scenario', async () => {
      await expectError(
        await api.request('/api/scenarios/run', jsonInit('POST', manureScenario('x', 'teleporter'))),
        404,
        'unknown_technology',
      );
      const s = manureScenario();
      s.inputs[0] = { stream: 'unicorns', tonnes: 1, basis: 'wet' };
      await expectError(await api.request('/api/scenarios/run', jsonInit('POST', s)), 404, 'unknown_kind');
    });

    it('stores a user scenario with PUT; it is then listed, got and runnable', async () => {
      const scenario = manureScenario('min-biogass');
      const stored = await okJson(await api.request('/api/scenarios/min-biogass', jsonInit('PUT', scenario)));
      expect(stored).toEqual(scenario);
      const { scenarios } = await okJson<{ scenarios: { id: string; builtin: boolean }[] }>(
        await get('/api/scenarios'),
      );
      expect(scenarios).toContainEqual(expect.objectContaining({ id: 'min-biogass', builtin: false }));
      expect(scenarios.filter((s) => s.builtin).map((s) => s.id)).toEqual(BUILTIN_SCENARIOS);
      expect(await okJson(await get('/api/scenarios/min-biogass'))).toEqual(scenario);
      const ran = await okJson<Result>(
        await api.request('/api/scenarios/min-biogass/run', { method: 'POST' }),
      );
      const posted = await okJson<Result>(
        await api.request('/api/scenarios/run', jsonInit('POST', scenario)),
      );
      expect(ran).toEqual(posted);
      // PUT again replaces it.
      const bigger = { ...scenario, inputs: [{ stream: 'husdyrgjodsel', tonnes: 2000, basis: 'wet' }] };
      await okJson(await api.request('/api/scenarios/min-biogass', jsonInit('PUT', bigger)));
      const ran2 = await okJson<Result>(
        await api.request('/api/scenarios/min-biogass/run', { method: 'POST' }),
      );
      expect(ran2.valueNok).toBeCloseTo(ran.valueNok * 2, 3);
    });

    it('DELETE: 204 on a user scenario, then 404; 409 for a built-in, which stays', async () => {
      const scenario = manureScenario('min-slett');
      await okJson(await api.request('/api/scenarios/min-slett', jsonInit('PUT', scenario)));
      const res = await api.request('/api/scenarios/min-slett', { method: 'DELETE' });
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
      await expectError(await get('/api/scenarios/min-slett'), 404, 'unknown_scenario');
      await expectError(
        await api.request('/api/scenarios/min-slett', { method: 'DELETE' }),
        404,
        'unknown_scenario',
      );
      await expectError(
        await api.request('/api/scenarios/rapport-pyrolyse', { method: 'DELETE' }),
        409,
        'conflict',
      );
      await okJson(await get('/api/scenarios/rapport-pyrolyse'));
    });

    it('PUT: 409 on a built-in id, 400 when ids differ, the body is invalid or the route is ineligible', async () => {
      const builtin = JSON.parse(readFileSync('data/scenarios/rapport-pyrolyse.json', 'utf8'));
      await expectError(
        await api.request('/api/scenarios/rapport-pyrolyse', jsonInit('PUT', builtin)),
        409,
        'conflict',
      );
      expect(await okJson(await get('/api/scenarios/rapport-pyrolyse'))).toEqual(builtin);
      const differ = await expectError(
        await api.request('/api/scenarios/other-id', jsonInit('PUT', manureScenario('mine-x'))),
        400,
        'invalid_input',
      );
      expect(differ.message).toContain('other-id');
      await expectError(
        await api.request('/api/scenarios/mine-y', jsonInit('PUT', { id: 'mine-y' })),
        400,
        'invalid_input',
      );
      await expectError(
        await api.request('/api/scenarios/mine-z', jsonInit('PUT', manureScenario('mine-z', 'bsf-larver'))),
        400,
        'ineligible_route',
      );
      for (const id of ['other-id', 'mine-x', 'mine-y', 'mine-z'])
        await expectError(await get(`/api/scenarios/${id}`), 404, 'unknown_scenario');
    });
  });

  describe('audit', () => {
    it('recomputes the report’s figures; findings include vegetables.residue; CSV too', async () => {
      const body = await okJson<{
        region: string;
        checked: number;
        findings: { id: string; severity: string }[];
      }>(await get('/api/audit'));
      expect(body.region).toBe(REGION);
      expect(body.checked).toBeGreaterThan(body.findings.length);
      const ids = body.findings.map((f) => f.id);
      expect(ids).toContain('vegetables.residue');
      for (const f of body.findings) expect(['error', 'warning', 'info']).toContain(f.severity);
      const lines = await okCsv(await get('/api/audit?format=csv'));
      expect(lines[0]).toBe('id,severity,stated,computed,difference,message,source');
      expect(lines.some((l) => l.startsWith('vegetables.residue,'))).toBe(true);
    });

    it('404 for an unknown region, 400 for an unknown format or field', async () => {
      await expectError(await get('/api/audit?region=nowhere'), 404, 'unknown_region');
      await expectError(await get('/api/audit?format=xlsx'), 400, 'invalid_input');
      await expectError(await get('/api/audit?colour=red'), 400, 'invalid_input');
    });
  });

  describe('OpenAPI and docs', () => {
    it('serves a valid OpenAPI 3.1 document listing every route the app serves', async () => {
      const doc = await okJson<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
        await get('/api/openapi.json'),
      );
      const validator = new Validator();
      const result = await validator.validate(doc);
      expect(result.errors).toBeUndefined();
      expect(result.valid).toBe(true);
      expect(validator.version).toBe('3.1');
      expect(doc.openapi).toMatch(/^3\.1\./);
      const documented = Object.entries(doc.paths)
        .flatMap(([path, ops]) =>
          Object.keys(ops).map((m) => `${m.toUpperCase()} /api${path.replace(/\{(\w+)\}/g, ':$1')}`),
        )
        .sort();
      expect(documented).toEqual(
        [
          'GET /api/health',
          'GET /api/municipalities',
          'GET /api/regions',
          'POST /api/regions',
          'GET /api/regions/:id',
          'PUT /api/regions/:id',
          'DELETE /api/regions/:id',
          'GET /api/kinds',
          'GET /api/profiles',
          'GET /api/profiles/:id/coefficients',
          'GET /api/technologies',
          'GET /api/regions/:id/residues',
          'GET /api/regions/:id/residues/:kind/:municipality/trace',
          'GET /api/pyramid/:kind',
          'GET /api/scenarios',
          'GET /api/scenarios/:id',
          'PUT /api/scenarios/:id',
          'DELETE /api/scenarios/:id',
          'POST /api/scenarios/:id/run',
          'POST /api/scenarios/run',
          'GET /api/audit',
          'POST /api/optimise',
          'GET /api/optimise/:id',
          'GET /api/geo/municipalities',
          'GET /api/regions/:id/sites',
          'GET /api/sources',
          'GET /api/actors',
          'GET /api/actors/summary',
          'GET /api/actors/:orgnr',
          'POST /api/imports',
          'GET /api/imports',
          'GET /api/imports/:id',
          'GET /api/imports/:id/log',
        ].sort(),
      );
      // Every route the app serves, apart from the document and its viewer, is in the document.
      const served = [
        ...new Set(
          api.app.routes
            .filter(
              (r) => r.method !== 'ALL' && r.path !== '/api/openapi.json' && !r.path.startsWith('/api/docs'),
            )
            .map((r) => `${r.method} ${r.path}`),
        ),
      ].sort();
      expect(served).toEqual(documented);
    });

    it('documents the error shape for failures', async () => {
      const doc = await okJson<{
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, unknown> };
      }>(await get('/api/openapi.json'));
      expect(doc.components.schemas.Error).toBeDefined();
      expect(Object.keys(doc.paths['/regions']?.post?.responses ?? {}).sort()).toEqual([
        '201',
        '400',
        '404',
        '409',
      ]);
      expect(Object.keys(doc.paths['/regions/{id}/residues']?.get?.responses ?? {})).toContain('400');
    });

    it('renders /api/docs as HTML whose assets load', async () => {
      const res = await get('/api/docs');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('<div id="swagger-ui">');
      expect(html).toContain("url: 'openapi.json'");
      const assets = [...html.matchAll(/(?:src|href)="(docs\/assets\/[^"]+)"/g)].map((m) => m[1]);
      expect(assets.sort()).toEqual([
        'docs/assets/swagger-ui-bundle.js',
        'docs/assets/swagger-ui-standalone-preset.js',
        'docs/assets/swagger-ui.css',
      ]);
      for (const asset of assets) {
        const a = await get(`/api/${asset}`);
        expect(a.status, asset).toBe(200);
        expect(a.headers.get('content-type'), asset).toBe(
          asset?.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
        );
        expect((await a.arrayBuffer()).byteLength, asset).toBeGreaterThan(1000);
      }
      const bundle = await (await get('/api/docs/assets/swagger-ui-bundle.js')).text();
      expect(bundle).toContain('SwaggerUIBundle');
      await expectError(await get('/api/docs/assets/index.html'), 404, 'not_found');
    });
  });

  describe('unknown routes', () => {
    it('404 with the error shape for unknown paths and methods', async () => {
      for (const [method, path] of [
        ['GET', '/api/nope'],
        ['GET', '/nope'],
        ['GET', '/api/regions/gjovik-hadeland-ringerike/nope'],
        ['DELETE', '/api/health'],
        ['PATCH', `/api/regions/${REGION}`],
        ['PATCH', '/api/scenarios/rapport-pyrolyse'],
      ] as const) {
        const error: ErrorBody = await expectError(await api.request(path, { method }), 404, 'not_found');
        expect(error.message, `${method} ${path}`).toContain(path);
        expect(error.issues).toEqual([]);
      }
    });
  });
});

/** One raw HTTP/1.1 exchange on its own socket, so the test decides when the request is complete. */
function rawRequest(port: number) {
  const socket = connect(port, '127.0.0.1');
  let data = Buffer.alloc(0);
  socket.on('data', (d: Buffer) => {
    data = Buffer.concat([data, d]);
  });
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  /** Resolves with status and body once the whole response (by Content-Length) has arrived. */
  const response = new Promise<{ status: number; headers: string; body: string }>((resolve, reject) => {
    const check = () => {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headers = data.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(headers)?.[1]);
      if (data.length - end - 4 < length) return;
      socket.off('data', check);
      resolve({
        status: Number(headers.slice(9, 12)),
        headers,
        body: data.subarray(end + 4, end + 4 + length).toString('utf8'),
      });
    };
    socket.on('data', check);
    socket.once('error', reject);
    socket.once('close', () =>
      reject(new Error(`closed before a full response: ${data.toString('latin1', 0, 200)}`)),
    );
  });
  response.catch(() => {});
  return { socket, connected, response };
}

async function refused(url: string): Promise<string> {
  try {
    await fetch(url);
    return 'answered';
  } catch (error) {
    return String(((error as Error).cause as { code?: string })?.code);
  }
}

describe('the server on a port', () => {
  it('answers over HTTP, finishes an in-flight request on stop, then refuses connections', async () => {
    const running = await startServer({
      port: 0,
      host: '127.0.0.1',
      store: { file: ':memory:' },
      logger: pino({ level: 'silent' }),
    });
    let stopping: Promise<void> | undefined;
    try {
      expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
      const health = await fetch(`${running.url}/api/health`);
      expect(health.status).toBe(200);
      expect(health.headers.get('x-request-id')).toMatch(/\S/);
      expect(await health.json()).toMatchObject({ status: 'ok', dialect: 'sqlite' });

      // A slow request (20 000 draws) whose first bytes are in before stop() and the rest after: it is
      // in flight on an open connection while the server shuts down.
      const slow = rawRequest(running.port);
      await slow.connected;
      slow.socket.write(`GET ${RESIDUES}?uncertainty=20000&seed=5 HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
      await new Promise((r) => setTimeout(r, 100));
      let stoppedAt = 0;
      stopping = running.stop().then(() => {
        stoppedAt = performance.now();
      });
      await new Promise((r) => setTimeout(r, 100));
      // No new connections while it shuts down.
      expect(await refused(`${running.url}/api/health`)).toBe('ECONNREFUSED');
      slow.socket.write('Accept: application/json\r\n\r\n');
      const res = await slow.response;
      const answeredAt = performance.now();
      expect(res.status).toBe(200);
      const body = JSON.parse(res.body) as Residues;
      expect(body.uncertainty).toEqual({ draws: 20_000, seed: 5, distribution: 'coefficient ranges' });
      expect(body.municipalities).toEqual(TWELVE);
      for (const t of body.totals) expect(t.p10 as number).toBeLessThanOrEqual(t.p90 as number);
      // The in-flight request was answered in full although stop() had been called before it was
      // complete; stop() resolves once that connection is closed (idle connections are closed at once).
      slow.socket.end();
      await stopping;
      expect(stoppedAt).toBeGreaterThan(0);
      expect(answeredAt).toBeGreaterThan(0);
      expect(await refused(`${running.url}/api/health`)).toBe('ECONNREFUSED');
    } finally {
      await (stopping ?? running.stop());
    }
  });
});
