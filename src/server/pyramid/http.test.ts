/**
 * The value pyramid, the scenarios and the audit through `app.request` (no port), on every dialect
 * testDialects() selects: each route's answer and its failures in the one error shape.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  expectError,
  jsonInit,
  manureScenario,
  okCsv,
  okJson,
  REGION,
  reportTotals,
  useTestApi,
} from '../../../test/helpers/api.ts';
import { testDialects } from '../../../test/helpers/stores.ts';

const BUILTIN_SCENARIOS = ['rapport-biometan', 'rapport-insekt', 'rapport-pyrolyse', 'rapport-slakteavfall'];

describe.each(testDialects())('the pyramid, scenario and audit routes on %s', (dialect) => {
  const api = useTestApi(dialect);
  const get = api.get;

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
      expect(both.message).toMatch(/tonn.*region/);
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

    it('answers the insect example twice, and its substrate against the region, in the request’s language', async () => {
      type Twice = Result & {
        comparison: {
          overrides: { kind: string; value: number; library: { value: number } }[];
          lines: { line: string; subject?: string; difference: number; causes: { overrides: number[] }[] }[];
        };
        feedCheck: {
          profile: string;
          asStated: { status: string; regionTonnes: number; message: { text: string } }[];
        };
      };
      const en = await okJson<Twice>(
        await api.request('/api/scenarios/rapport-insekt/run?lang=en', { method: 'POST' }),
      );
      expect(en.valueNok).toBeGreaterThan(0);
      const capex = en.comparison.overrides.findIndex((o) => o.kind === 'capex');
      const override = en.comparison.overrides[capex];
      // 5 000 t of meal capacity × (20 000 − the library's NOK per t capacity).
      const line = en.comparison.lines.find((l) => l.line === 'capex');
      expect(line?.difference).toBeCloseTo(5000 * (20000 - (override?.library.value ?? 0)), 3);
      expect(line?.causes).toEqual([{ overrides: [capex], effect: line?.difference }]);
      // The report profile's vegetable residues: 14 118 t wet × 0.20 = 2 823.6 t DM.
      const [veg] = en.feedCheck.asStated;
      expect(veg?.status).toBe('exceeds');
      expect(veg?.regionTonnes).toBeCloseTo(2823.6, 0);
      expect(veg?.message.text).toContain('more than the region has');
      const literature = await okJson<Twice>(
        await api.request('/api/scenarios/rapport-insekt/run?profile=literature', { method: 'POST' }),
      );
      expect(literature.feedCheck.profile).toBe('literature');
      expect(literature.feedCheck.asStated[0]?.message.text).toContain('mer enn regionen har');
      await expectError(
        await api.request('/api/scenarios/rapport-insekt/run?region=nowhere', { method: 'POST' }),
        404,
        'unknown_region',
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
      expect(error.message).toContain(`${error.issues.length} feil`);
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
      // The technology by name and the id the scenario gave; the stream by its name.
      expect(error.message).toContain('Insektproduksjon (svart soldatflue) til insektmel (bsf-larver)');
      expect(error.message).toContain('Husdyrgjødsel');
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
      expect(lines[0]).toBe('id,severity,stated,computed,difference,message,where,citation,source');
      expect(lines.some((l) => l.startsWith('vegetables.residue,'))).toBe(true);
    });

    it('says each finding and where the report states it in the request’s language, ids kept apart', async () => {
      type Said = { code: string; text: string };
      const read = async (lang: string) =>
        await okJson<{
          findings: { id: string; message: Said; where?: Said; citation?: string }[];
          unchecked: Said[];
        }>(await get(`/api/audit?lang=${lang}`));
      const nb = await read('nb');
      const en = await read('en');
      const total = (b: typeof nb) => b.findings.find((f) => f.id === 'residues.total');
      expect(total(nb)?.where).toMatchObject({
        code: 'audit_where_table_total',
        text: 'rapportens restråstofftabell, summeraden',
      });
      expect(total(en)?.where?.text).toBe('the report’s residue table, the total row');
      // The range's source stands apart, not inside the bokmål sentence.
      const capex = nb.findings.find((f) => f.id === 'insect.capex');
      expect(capex?.citation).toMatch(/InnovaFeed/);
      expect(capex?.message.text).not.toMatch(/InnovaFeed/);
      // No id of the transcription in any text a reader sees.
      for (const f of nb.findings)
        expect(`${f.message.text} ${f.where?.text ?? ''}`).not.toMatch(
          /report\.txt|steps\.|prices\.|actors_brreg/,
        );
      expect(nb.unchecked.map((m) => m.code)).toContain('audit_unchecked_harvest');
      expect(nb.unchecked[0]?.text).toMatch(/^Skogtabellen for 2024/);
    });

    it('404 for an unknown region, 400 for an unknown format or field', async () => {
      await expectError(await get('/api/audit?region=nowhere'), 404, 'unknown_region');
      await expectError(await get('/api/audit?format=xlsx'), 400, 'invalid_input');
      await expectError(await get('/api/audit?colour=red'), 400, 'invalid_input');
    });
  });
});
