/**
 * The catalogue routes through `app.request` (no port), on every dialect testDialects() selects:
 * health, municipalities, kinds, profiles and their coefficients, technologies, and the regions
 * (listed, got, created, replaced, deleted), each answer and its failures in the one error shape.
 */
import { describe, expect, it } from 'vitest';
import {
  expectError,
  jsonInit,
  NOW,
  okCsv,
  okJson,
  REGION,
  type Residues,
  TWELVE,
  useTestApi,
  xlsxSheets,
} from '../../../test/helpers/api.ts';
import { testDialects } from '../../../test/helpers/stores.ts';

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

describe.each(testDialects())('the catalogue routes on %s', (dialect) => {
  const api = useTestApi(dialect);
  const get = api.get;

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
      expect(error.message).toContain('«nowhere»');
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
});
