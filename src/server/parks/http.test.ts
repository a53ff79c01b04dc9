/**
 * POST /api/parks/run on every dialect: the example design answers its balance, economics, CO2e and
 * the stream taken from a higher use; a design that leaks, one with a shape it does not know and one
 * claiming more than its technology yields are refused with the error shape and every problem's path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectError, jsonInit, okJson, useTestApi } from '../../../test/helpers/api.ts';
import { testDialects } from '../../../test/helpers/stores.ts';

const EXAMPLE = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../test/fixtures/parks/biogass-hadeland.json'), 'utf8'),
);
// biome-ignore lint/suspicious/noExplicitAny: answers read as JSON, checked by the assertions.
type Json = any;

describe.each(testDialects())('POST /api/parks/run on %s', (dialect) => {
  const api = useTestApi(dialect);
  const run = (body: unknown, lang = 'en') =>
    api.request(`/api/parks/run?lang=${lang}`, jsonInit('POST', body));

  it('runs the example: balance, economics, CO2e and what it takes from higher uses', async () => {
    const r = await okJson<Json>(await run(EXAMPLE));
    expect(r.balance).toEqual([
      expect.objectContaining({ process: 'digester', quantity: 'wet', inputs: 12_500, closes: true }),
    ]);
    expect(r.economics.total.capexNok).toBe(36_250_000);
    expect(r.economics.paybackYears).toBeNull();
    expect(r.climate.netCo2e).toBeCloseTo(r.climate.productsCo2e - r.climate.currentUseCo2e, 9);
    expect(r.uncertainty).toBeUndefined();
    const u = await okJson<Json>(
      await api.request('/api/parks/run?uncertainty=true&draws=50&seed=3', jsonInit('POST', EXAMPLE)),
    );
    expect(u.uncertainty).toMatchObject({ draws: 50, seed: 3 });
    expect(u.uncertainty.bands.netNok.central).toBeCloseTo(r.economics.total.netNok, 6);
    expect(r.takenFromHigher).toEqual([
      expect.objectContaining({ kind: 'kornavrens', parkTier: 'energi', pyramidTier: 'for' }),
    ]);
  });

  it('refuses a design that leaks, naming the process and quantity in the language asked', async () => {
    const leaking = structuredClone(EXAMPLE);
    leaking.flows.find((f: { id: string }) => f.id === 'rejects').amounts.wet = 100;
    const e = await expectError(await run(leaking, 'nb'), 400, 'invalid_input');
    expect(e.issues.map((i) => i.path)).toEqual(['body:processes[0].treats.wet']);
    expect(e.issues[0]?.message).toContain('Prosessen digester går ikke opp i våtvekt (wet)');
  });

  it('refuses a shape it does not know and a yield the technology cannot give', async () => {
    const odd = structuredClone(EXAMPLE);
    odd.flows[0].amounts.gold = 1;
    odd.processes[0].treats.wet = 'keeps';
    const shape = await expectError(await run(odd), 400, 'invalid_input');
    expect(shape.issues.map((i) => i.path)).toEqual([
      'body.processes[0].treats.wet',
      'body.flows[0].amounts.gold',
    ]);
    const greedy = structuredClone(EXAMPLE);
    const gas = greedy.flows.find((f: { id: string }) => f.id === 'biogas');
    const rejects = greedy.flows.find((f: { id: string }) => f.id === 'rejects');
    gas.amounts.wet += 300;
    rejects.amounts.wet -= 300;
    const yields = await expectError(await run(greedy), 400, 'invalid_input');
    expect(yields.issues[0]?.message).toMatch(/^Process digester declares 1,322\.6 t of biogass/);
  });

  it('stores versions, runs a stored one, compares them, and never overwrites', async () => {
    const put = (id: string, body: unknown) => api.request(`/api/parks/${id}`, jsonInit('PUT', body));
    expect(await okJson(await put('biogass-hadeland', EXAMPLE), 201)).toEqual({
      id: 'biogass-hadeland',
      version: 1,
    });
    const bigger = structuredClone(EXAMPLE);
    bigger.shared[0].capexNok = 9_000_000;
    expect(await okJson(await put('biogass-hadeland', bigger), 201)).toEqual({
      id: 'biogass-hadeland',
      version: 2,
    });
    // Another id in the path than in the body, and a design that does not check: refused, nothing stored.
    await expectError(await put('annen-park', EXAMPLE), 400, 'invalid_input');
    const leaking = structuredClone(EXAMPLE);
    leaking.flows[0].amounts.wet = 1;
    await expectError(await put('biogass-hadeland', leaking), 400, 'invalid_input');
    const list = await okJson<Json>(await api.request('/api/parks'));
    expect(list).toEqual([expect.objectContaining({ id: 'biogass-hadeland', version: 2, versions: 2 })]);
    const v1 = await okJson<Json>(await api.request('/api/parks/biogass-hadeland?version=1'));
    expect(v1.version).toBe(1);
    expect(v1.economics.total.capexNok).toBe(36_250_000);
    const cmp = await okJson<Json>(
      await api.request('/api/parks/compare?ids=biogass-hadeland@1,biogass-hadeland'),
    );
    expect(cmp.map((r: Json) => [r.version, r.economics.capexNok])).toEqual([
      [1, 36_250_000],
      [2, 40_250_000],
    ]);
    await expectError(await api.request('/api/parks/ingen-park'), 404, 'not_found');
    await expectError(await api.request('/api/parks/compare?ids=biogass-hadeland@x'), 400, 'invalid_input');
  });
});
