import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBothLanguages } from '../../test/helpers/languages.ts';
import { rejection } from '../../test/helpers/workspace.ts';
import { valuePyramid } from '../domain/pyramid.ts';
import { openStore } from '../store/database.ts';
import { pyramidOfKind } from './pyramid.ts';
import { openWorkspace, type Workspace } from './workspace.ts';

let ws: Workspace;
beforeAll(async () => {
  ws = await openWorkspace(await openStore({ file: ':memory:' }));
});
afterAll(async () => {
  await ws?.store.close();
});

describe('pyramidOfKind', () => {
  it('values given tonnes', async () => {
    const answer = await pyramidOfKind(ws, { kind: 'husdyrgjodsel', tonnes: 1000 });
    expect(answer).toEqual({
      ...valuePyramid(ws.library, 'husdyrgjodsel', 1000, ws.library.currentUses),
      tonnesFrom: '1000 t',
    });
  });

  it('costs the region’s stream to its nearest site per technology, by road from the kind’s origin', async () => {
    const answer = await pyramidOfKind(ws, { kind: 'bark' });
    const pyrolysis = answer.hauls?.find((h) => h.technology === 'slow-pyrolysis');
    // Two biochar plants (Obio at Rudshøgda, Vow at Follum): each municipality's bark to the nearer.
    expect(['obio-rudshogda', 'vow-follum']).toContain(pyrolysis?.site);
    expect(pyrolysis?.km).toBeGreaterThan(10);
    expect(pyrolysis?.km).toBeLessThan(80);
    // No ferry in the region: the cost is km × the cost per t·km.
    const cost = ws.files.transport().costNokPerTonneKm;
    expect(pyrolysis?.nokPerTonne).toBeCloseTo((pyrolysis?.km as number) * cost, 6);
    // The best route (pyrolysis) net after hauling every routed tonne to its nearest plant.
    expect(answer.best?.route[0]).toBe('slow-pyrolysis');
    expect(answer.bestAfterTransport?.valueNok).toBeCloseTo(
      (answer.best?.valueNok as number) -
        (answer.best?.tonnesRouted as number) * (pyrolysis?.nokPerTonne as number),
      3,
    );
    // Given tonnes have no place, so no haul.
    expect((await pyramidOfKind(ws, { kind: 'bark', tonnes: 10 })).hauls).toBeUndefined();
  });

  it('takes the region’s tonnes under the profile by default', async () => {
    const answer = await pyramidOfKind(ws, { kind: 'husdyrgjodsel' });
    expect(answer.tonnesFrom).toBe('gjovik-hadeland-ringerike, report');
    expect(answer.tonnes).toBeGreaterThan(0);
  });

  it('refuses tonnes and a region together, negative tonnes, and a kind the profile does not estimate', async () => {
    await expect(
      pyramidOfKind(ws, { kind: 'halm', tonnes: 1, region: 'gjovik-hadeland-ringerike' }),
    ).rejects.toThrow(/not both/);
    await expect(pyramidOfKind(ws, { kind: 'halm', tonnes: -1 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(pyramidOfKind(ws, { kind: 'unobtainium' })).rejects.toMatchObject({ code: 'unknown_kind' });
    await expect(pyramidOfKind(ws, { kind: 'halm', profile: 'nope' })).rejects.toMatchObject({
      code: 'unknown_profile',
    });
  });

  it('says each refusal in bokmål and in English', async () => {
    const kinds = (await ws.reference()).kinds.map((k) => k.id);
    const refusals = [
      await rejection(pyramidOfKind(ws, { kind: 'halm', tonnes: 1, region: 'gjovik-hadeland-ringerike' })),
      await rejection(pyramidOfKind(ws, { kind: 'halm', tonnes: -1 })),
      await rejection(pyramidOfKind(ws, { kind: 'x9' })),
      await rejection(pyramidOfKind(ws, { kind: 'halm', profile: 'x9' })),
    ];
    const texts = refusals.map((e) => expectBothLanguages(e, ['x9', 'report', 'literature', ...kinds]));
    expect(texts[0]?.nb).toEqual(['Gi enten tonn eller region, ikke begge']);
    expect(texts[1]?.en).toEqual(['Invalid tonnes: -1 (a number ≥ 0)']);
    expect(texts[2]?.nb[0]).toMatch(/^Profilen {2}beregner ikke ; gi tonn, eller velg en av /);
  });
});
