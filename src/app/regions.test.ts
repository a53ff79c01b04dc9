import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../../test/helpers/api.ts';
import { expectBothLanguages, said } from '../../test/helpers/languages.ts';
import { openTestWorkspace, rejection } from '../../test/helpers/workspace.ts';
import { createRegion, deleteRegion, getRegion, listRegions, replaceRegion, showRegion } from './regions.ts';
import type { Workspace } from './workspace.ts';

const BUILTIN = 'gjovik-hadeland-ringerike';

describe('regions (app)', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await openTestWorkspace();
  });
  afterAll(async () => {
    await ws.store.close();
  });

  it('creates a region, mapping old numbers, and the next estimate sees it', async () => {
    const created = await createRegion(ws, {
      id: 'ringerike-hole',
      name: 'Ringerike og Hole',
      municipalities: ['3007', '0612'],
      subRegions: [{ name: 'Ringerike', municipalities: ['3305'] }],
    });
    expect(created).toEqual({
      id: 'ringerike-hole',
      name: 'Ringerike og Hole',
      municipalities: ['3305', '3310'],
      subRegions: [{ id: 'ringerike', name: 'Ringerike', municipalities: ['3305'] }],
      builtin: false,
      updatedAt: NOW,
    });
    expect((await ws.reference()).regions.map((r) => r.id)).toContain('ringerike-hole');
    expect((await listRegions(ws)).map((r) => r.id)).toContain('ringerike-hole');
  });

  it('refuses an invalid region with every problem and writes nothing', async () => {
    const error = await rejection(createRegion(ws, { id: 'Bad', name: '', municipalities: ['9999', 'abc'] }));
    expect(error.code).toBe('invalid_input');
    expect(error.issues.map((i) => i.path)).toEqual(['id', 'name', 'municipalities[0]', 'municipalities[1]']);
    expect(error.message).toContain('4 problem(s)');
    expect((await listRegions(ws)).map((r) => r.id)).not.toContain('Bad');
  });

  it('refuses an id in use (conflict), built in or not', async () => {
    for (const id of ['ringerike-hole', BUILTIN]) {
      const error = await rejection(createRegion(ws, { id, name: 'X', municipalities: ['3407'] }));
      expect(error.code).toBe('conflict');
    }
    expect((await getRegion(ws, 'ringerike-hole')).municipalities).toEqual(['3305', '3310']);
  });

  it('replaces a person’s region; refuses the built-in one, an unknown one and differing ids', async () => {
    const replaced = await replaceRegion(ws, 'ringerike-hole', {
      id: 'ringerike-hole',
      name: 'Ringerike',
      municipalities: ['3305'],
    });
    expect(replaced).toMatchObject({ name: 'Ringerike', municipalities: ['3305'], subRegions: [] });
    expect(
      (await rejection(replaceRegion(ws, BUILTIN, { id: BUILTIN, name: 'X', municipalities: ['3407'] })))
        .code,
    ).toBe('conflict');
    expect(
      (await rejection(replaceRegion(ws, 'nowhere', { id: 'nowhere', name: 'X', municipalities: ['3407'] })))
        .code,
    ).toBe('unknown_region');
    expect(
      (
        await rejection(
          replaceRegion(ws, 'ringerike-hole', { id: 'other', name: 'X', municipalities: ['3407'] }),
        )
      ).code,
    ).toBe('invalid_input');
    expect(
      (
        await rejection(
          replaceRegion(ws, 'ringerike-hole', { id: 'ringerike-hole', name: 'X', municipalities: ['9999'] }),
        )
      ).code,
    ).toBe('invalid_input');
    expect((await getRegion(ws, 'ringerike-hole')).name).toBe('Ringerike');
  });

  it('shows a region’s members with the newest statistics of each', async () => {
    const { region, members } = await showRegion(ws, BUILTIN);
    expect(members).toHaveLength(region.municipalities.length);
    expect(members[0]?.statistics.population).toMatchObject({ year: expect.any(Number) });
    expect(members.every((m) => m.subRegion !== null)).toBe(true);
    expect((await rejection(showRegion(ws, 'nowhere'))).code).toBe('unknown_region');
  });

  it('deletes a person’s region; refuses the built-in one and an unknown one', async () => {
    await deleteRegion(ws, 'ringerike-hole');
    expect((await rejection(getRegion(ws, 'ringerike-hole'))).code).toBe('unknown_region');
    expect((await ws.reference()).regions.map((r) => r.id)).not.toContain('ringerike-hole');
    expect((await rejection(deleteRegion(ws, 'ringerike-hole'))).code).toBe('unknown_region');
    expect((await rejection(deleteRegion(ws, BUILTIN))).code).toBe('conflict');
    expect((await getRegion(ws, BUILTIN)).builtin).toBe(true);
  });

  it('says every refusal in bokmål and in English', async () => {
    const invalid = await rejection(
      createRegion(ws, { id: 'Bad', name: '', municipalities: ['9999', 'abc'] }),
    );
    const texts = expectBothLanguages(invalid, ['Bad', '9999', 'abc']);
    expect(texts.nb[0]).toBe('Regionen  har 4 feil');
    expect(texts.en[0]).toBe('Region  has 4 problem(s)');
    expect(texts.nb).toHaveLength(5);
    const taken = await rejection(createRegion(ws, { id: BUILTIN, name: 'X', municipalities: ['3407'] }));
    expect(expectBothLanguages(taken, [BUILTIN]).nb).toEqual([
      '«» finnes allerede; velg en annen id, eller erstatt den',
    ]);
    const builtin = await rejection(deleteRegion(ws, BUILTIN));
    expect(said(builtin, 'en', [BUILTIN])).toEqual([
      'Region  ships with Restverdi and cannot be changed or deleted; create a new one',
    ]);
    expectBothLanguages(builtin, [BUILTIN, 'Restverdi']);
    const unknown = await rejection(getRegion(ws, 'x9-nowhere'));
    const known = (await listRegions(ws)).map((r) => r.id);
    expect(expectBothLanguages(unknown, ['x9-nowhere', ...known]).nb[0]).toMatch(/^Ukjent region «»/);
    const differs = await rejection(
      replaceRegion(ws, 'x1', { id: 'x2', name: 'X', municipalities: ['3407'] }),
    );
    expect(expectBothLanguages(differs, ['x1', 'x2']).en[0]).toBe(
      'The id in the body ("") differs from the one addressed ("")',
    );
  });
});
