import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBothLanguages } from '../../test/helpers/languages.ts';
import { AppError } from '../domain/errors.ts';
import type { Random } from '../domain/uncertainty.ts';
import { openStore, type Store } from '../store/database.ts';
import {
  completeResidues,
  DISTRIBUTION,
  estimateResidues,
  explainResidue,
  MAX_DRAWS,
  MAX_SEED,
  missingStatisticsError,
} from './residues.ts';
import { openWorkspace, type Workspace } from './workspace.ts';

const REGION = 'gjovik-hadeland-ringerike';
let store: Store;
let ws: Workspace;

beforeAll(async () => {
  store = await openStore({ file: ':memory:' });
  ws = await openWorkspace(store);
});
afterAll(() => store.close());

async function fails(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('estimateResidues', () => {
  it('estimates every municipality and kind of the region, with totals and the statistics used', async () => {
    const data = await ws.reference();
    const region = data.regions.find((r) => r.id === REGION);
    const kinds = data.profiles.find((p) => p.id === 'report')?.recipes.map((r) => r.kind) ?? [];
    const answer = await estimateResidues(ws, { region: REGION, profile: 'report' });
    expect(answer.region).toBe(REGION);
    expect(answer.profile).toBe('report');
    expect(answer.municipalities).toEqual(region?.municipalities);
    expect(answer.uncertainty).toBeUndefined();
    expect(answer.missing).toEqual([]);
    expect(answer.rows).toHaveLength(answer.municipalities.length * kinds.length);
    expect(answer.totals.map((t) => t.kind)).toEqual(kinds);
    for (const t of answer.totals) {
      const rows = answer.rows.filter((r) => r.kind === t.kind);
      expect(t.tonnesWet).toBeCloseTo(
        rows.reduce((s, r) => s + r.tonnesWet, 0),
        6,
      );
    }
    expect(answer.statistics.length).toBeGreaterThan(0);
    for (const s of answer.statistics) expect(s.years.length).toBeGreaterThan(0);
    // Plain JSON: what a shell serialises is what it got.
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
  });

  it('maps old municipality numbers and narrows kinds', async () => {
    const answer = await estimateResidues(ws, {
      region: REGION,
      profile: 'report',
      municipalities: ['3007'],
      kinds: ['halm', 'bark'],
    });
    expect(answer.municipalities).toEqual(['3305']);
    expect(answer.rows.map((r) => `${r.municipality}/${r.kind}`)).toEqual(['3305/halm', '3305/bark']);
  });

  it('returns what it cannot estimate as a value: the (municipality, kind) pairs and the statistics they lack', async () => {
    const answer = await estimateResidues(ws, {
      region: REGION,
      profile: 'report',
      municipalities: ['3407', '0301'],
    });
    expect(answer.missing.length).toBeGreaterThan(0);
    for (const m of answer.missing) {
      expect(m.municipality).toBe('0301');
      expect(m.statistics.length).toBeGreaterThan(0);
    }
    // Each pair is either estimated or missing, never both and never counted as zero.
    const estimated = new Set(answer.rows.map((r) => `${r.municipality}/${r.kind}`));
    for (const m of answer.missing) expect(estimated.has(`${m.municipality}/${m.kind}`)).toBe(false);
    const kinds = answer.totals.map((t) => t.kind);
    expect(answer.rows.filter((r) => r.municipality === '3407').map((r) => r.kind)).toEqual(kinds);
    expect(estimated.size + answer.missing.length).toBe(2 * kinds.length);
    // 3407 alone gives the same figures.
    const alone = await estimateResidues(ws, { region: REGION, profile: 'report', municipalities: ['3407'] });
    expect(answer.rows.filter((r) => r.municipality === '3407')).toEqual(alone.rows);
  });

  it('turns missing statistics into one error naming each municipality and statistic, for the shells that need a complete answer', async () => {
    const answer = await estimateResidues(ws, {
      region: REGION,
      profile: 'report',
      municipalities: ['0301'],
    });
    const error = missingStatisticsError(answer);
    expect(error.code).toBe('missing_statistics');
    expect(error.message).toContain('0301');
    for (const s of new Set(answer.missing.flatMap((m) => m.statistics))) {
      expect(error.message).toContain(s);
      expect(error.issues.map((i) => i.path)).toContain(`0301/${s}`);
    }
    // Kinds asked for by name must all be estimated; otherwise those lacking statistics are set aside.
    expect(() => completeResidues(answer, { kindsAsked: true })).toThrow(AppError);
    const partial = completeResidues(answer);
    const lacking = [...new Set(answer.missing.map((m) => m.kind))];
    expect(lacking.length).toBeGreaterThan(0);
    expect(partial.notEstimated?.map((n) => n.kind)).toEqual(lacking);
    expect(partial.notEstimated?.[0]?.municipalities).toEqual(['0301']);
    expect(partial.totals.map((t) => t.kind).filter((k) => lacking.includes(k))).toEqual([]);
    expect(partial.totals.map((t) => t.kind)).toContain('matavfall');
    expect(partial.missing).toEqual([]);
    const complete = await estimateResidues(ws, { region: REGION, profile: 'report' });
    expect(completeResidues(complete)).toBe(complete);
  });

  it(`draws up to ${MAX_DRAWS} times and rejects more, fewer than one, a bad seed and empty lists`, async () => {
    const base = { region: REGION, profile: 'report', kinds: ['halm'], municipalities: ['3407'] };
    const most = await estimateResidues(ws, { ...base, draws: MAX_DRAWS });
    expect(most.uncertainty?.draws).toBe(MAX_DRAWS);
    for (const draws of [MAX_DRAWS + 1, 0, -1, 2.5]) {
      const e = await fails(estimateResidues(ws, { ...base, draws }), 'invalid_input');
      expect(e.message).toContain(String(draws));
      expect(e.message).toContain(String(MAX_DRAWS));
    }
    for (const seed of [-1, MAX_SEED + 1, 0.5])
      await fails(estimateResidues(ws, { ...base, draws: 10, seed }), 'invalid_input');
    await fails(estimateResidues(ws, { ...base, kinds: [] }), 'invalid_input');
    await fails(estimateResidues(ws, { ...base, municipalities: [] }), 'invalid_input');
  });

  it('names an unknown region, profile, kind or municipality', async () => {
    await fails(estimateResidues(ws, { region: 'atlantis', profile: 'report' }), 'unknown_region');
    await fails(estimateResidues(ws, { region: REGION, profile: 'guesswork' }), 'unknown_profile');
    await fails(
      estimateResidues(ws, { region: REGION, profile: 'report', kinds: ['unobtainium'] }),
      'unknown_kind',
    );
    await fails(
      estimateResidues(ws, { region: REGION, profile: 'report', municipalities: ['9999'] }),
      'unknown_municipality',
    );
  });

  it('says each refused request in bokmål and in English', async () => {
    const base = { region: REGION, profile: 'report', kinds: ['halm'], municipalities: ['3407'] };
    const data = await ws.reference();
    const ids = [
      'x9',
      'uncertainty',
      'seed',
      'kinds',
      'municipalities',
      ...data.kinds.map((k) => k.id),
      ...data.regions.flatMap((r) => [r.id, ...r.municipalities]),
      ...data.profiles.map((p) => p.id),
      ...[...data.registry.municipalities.values()].map((m) => m.name),
    ];
    const refusals = [
      await fails(estimateResidues(ws, { ...base, draws: 0 }), 'invalid_input'),
      await fails(estimateResidues(ws, { ...base, seed: -1 }), 'invalid_input'),
      await fails(estimateResidues(ws, { ...base, kinds: [] }), 'invalid_input'),
      await fails(estimateResidues(ws, { ...base, municipalities: [] }), 'invalid_input'),
      await fails(estimateResidues(ws, { region: 'x9', profile: 'report' }), 'unknown_region'),
      await fails(estimateResidues(ws, { region: REGION, profile: 'x9' }), 'unknown_profile'),
      await fails(estimateResidues(ws, { ...base, kinds: ['x9'] }), 'unknown_kind'),
      await fails(estimateResidues(ws, { ...base, municipalities: ['x9'] }), 'unknown_municipality'),
    ];
    const texts = refusals.map((e) => expectBothLanguages(e, ids));
    expect(texts[0]?.nb).toEqual([`Ugyldig : 0 (et heltall fra 1 til ${MAX_DRAWS})`]);
    expect(texts[2]?.en).toEqual(['The list  is empty: give at least one, or leave it out for all']);
  });

  it('gives the same percentiles for the same seed, others for another, and the central values either way', async () => {
    const request = { region: REGION, profile: 'literature', draws: 200 };
    const a = await estimateResidues(ws, { ...request, seed: 7 });
    const b = await estimateResidues(ws, { ...request, seed: 7 });
    const c = await estimateResidues(ws, { ...request, seed: 8 });
    const plain = await estimateResidues(ws, { region: REGION, profile: 'literature' });
    expect(a).toEqual(b);
    expect(a.uncertainty).toEqual({ draws: 200, seed: 7, distribution: DISTRIBUTION });
    expect(c.totals.map((t) => t.p50)).not.toEqual(a.totals.map((t) => t.p50));
    expect(a.rows.map(({ p10: _a, p50: _b, p90: _c, ...r }) => r)).toEqual(plain.rows);
    for (const r of [...a.rows, ...a.totals]) {
      expect(r.p10 as number).toBeLessThanOrEqual(r.p50 as number);
      expect(r.p50 as number).toBeLessThanOrEqual(r.p90 as number);
    }
  });

  it('draws from the workspace’s random source, seeded with the request’s seed (1 by default)', async () => {
    const seeds: number[] = [];
    const fixed: Pick<Workspace, 'reference' | 'random'> = {
      reference: ws.reference,
      random: (seed): Random => {
        seeds.push(seed);
        return () => 0.5;
      },
    };
    await estimateResidues(fixed, { region: REGION, profile: 'report' });
    expect(seeds).toEqual([]);
    const mid = await estimateResidues(fixed, { region: REGION, profile: 'report', draws: 5 });
    await estimateResidues(fixed, { region: REGION, profile: 'report', draws: 5, seed: 42 });
    expect(seeds).toEqual([1, 42]);
    for (const r of mid.rows) expect(r.p10).toBe(r.p90);
  });
});

describe('explainResidue', () => {
  it('traces a figure to the statistics and coefficients behind it, for today’s number of an old one', async () => {
    const { rows } = await estimateResidues(ws, {
      region: REGION,
      profile: 'report',
      kinds: ['husdyrgjodsel'],
    });
    const trace = await explainResidue(ws, {
      region: REGION,
      profile: 'report',
      municipality: '3007',
      kind: 'husdyrgjodsel',
    });
    expect(trace.municipality).toBe('3305');
    expect(trace.tonnesWet).toBeCloseTo(rows.find((r) => r.municipality === '3305')?.tonnesWet as number, 6);
    expect(trace.terms.length).toBeGreaterThan(0);
    for (const t of trace.terms) expect(t.coefficients.length).toBeGreaterThan(0);
  });

  it('fails naming the missing statistics, an unknown kind or municipality', async () => {
    const base = { region: REGION, profile: 'report' };
    const e = await fails(
      explainResidue(ws, { ...base, municipality: '0301', kind: 'halm' }),
      'missing_statistics',
    );
    expect(e.message).toContain('0301');
    await fails(explainResidue(ws, { ...base, municipality: '3407', kind: 'unobtainium' }), 'unknown_kind');
    await fails(explainResidue(ws, { ...base, municipality: '9999', kind: 'halm' }), 'unknown_municipality');
  });
});
