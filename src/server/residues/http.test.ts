/**
 * The residue routes through `app.request` (no port), on every dialect testDialects() selects: a
 * region's residues (the report's totals, uncertainty, the exports CSV, GeoJSON and XLSX) and the trace
 * of one figure, each with its failures in the one error shape.
 */
import { describe, expect, it } from 'vitest';
import {
  expectError,
  okCsv,
  okJson,
  REGION,
  RESIDUES,
  type Residues,
  reportTotals,
  TWELVE,
  useTestApi,
  xlsxSheets,
} from '../../../test/helpers/api.ts';
import { testDialects } from '../../../test/helpers/stores.ts';

describe.each(testDialects())('the residue routes on %s', (dialect) => {
  const api = useTestApi(dialect);
  const get = api.get;

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

    it('400 naming the municipality when the statistics of a kind asked for are missing (0301)', async () => {
      const error = await expectError(
        await get(`${RESIDUES}?municipalities=0301&kinds=halm,matavfall`),
        400,
        'missing_statistics',
      );
      expect(error.message).toContain('0301');
      expect(error.issues.length).toBeGreaterThan(0);
      for (const i of error.issues) expect(i.path).toMatch(/^0301\//);
    });

    it('sets aside the kinds whose statistics are missing when no kinds are asked for, naming them (0301)', async () => {
      const body = await okJson<Residues & { notEstimated: { kind: string; municipalities: string[] }[] }>(
        await get(`${RESIDUES}?municipalities=0301`),
      );
      expect(body.notEstimated.map((n) => n.kind)).toContain('halm');
      expect(body.notEstimated.every((n) => n.municipalities.join() === '0301')).toBe(true);
      expect(body.totals.map((t) => t.kind)).toContain('matavfall');
      expect(body.totals.map((t) => t.kind)).not.toContain('halm');
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
});
