import { describe, expect, it } from 'vitest';
import { expectBothLanguages } from '../../test/helpers/languages.ts';
import type { Site } from '../domain/allocation/input.ts';
import type { Solver } from '../domain/allocation/lp.ts';
import { AppError } from '../domain/errors.ts';
import { findRegion } from '../domain/regions.ts';
import { findProfile } from '../ingest/reference-data.ts';
import { renderMessage } from '../messages/catalogue.ts';
import {
  type AllocationRequest,
  type AllocationStage,
  allocationAnswer,
  estimateSupplies,
  planAllocation,
  runAllocation,
} from './allocation.ts';
import { openDataFiles } from './data-files.ts';
import { highsSolverFactory } from './workspace.ts';

const files = openDataFiles();
const data = files.reference();
const deps = { files, library: files.library(), data };
const REGION = 'gjovik-hadeland-ringerike';
const base: AllocationRequest = { region: REGION, profile: 'report', objective: 'value' };

function appError(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('estimateSupplies', () => {
  it('is the profile’s central estimate for every municipality of the region, in tonnes wet', () => {
    const region = findRegion(data.regions, REGION);
    const { supplies, notEstimated } = estimateSupplies(data, region, findProfile(data, 'report'));
    expect(notEstimated).toEqual([]);
    expect(supplies.length).toBeGreaterThan(0);
    expect(new Set(supplies.map((s) => s.municipality))).toEqual(new Set(region.municipalities));
    for (const s of supplies) expect(s.tonnesWet).toBeGreaterThanOrEqual(0);
  });

  it('sets aside a kind some municipality lacks statistics for, and names it (any region can be allocated)', () => {
    const region = findRegion(data.regions, 'innlandet');
    const { supplies, notEstimated } = estimateSupplies(data, region, findProfile(data, 'literature'));
    expect(notEstimated.map((n) => n.kind)).toEqual(['gronnsaksrest']);
    expect(supplies.some((s) => s.kind === 'gronnsaksrest')).toBe(false);
    expect(supplies.some((s) => s.kind === 'husdyrgjodsel' && s.tonnesWet > 0)).toBe(true);
  });
});

describe('planAllocation', () => {
  it('estimates the supplies when none are given, and takes the region’s own sites', () => {
    const plan = planAllocation(deps, base);
    const region = findRegion(data.regions, REGION);
    expect(plan.input.supplies).toEqual(estimateSupplies(data, region, findProfile(data, 'report')).supplies);
    expect(plan.notEstimated).toEqual([]);
    expect(plan.input.sites.map((s) => s.id)).toEqual(files.regionSites(REGION)?.sites.map((s) => s.id));
    expect(plan.distanceMatrix).toBe(false);
    expect(plan.region.id).toBe(REGION);
    expect(plan.profile.id).toBe('report');
  });

  it('takes given supplies as they are, without estimating', () => {
    const [first] = planAllocation(deps, base).input.supplies;
    const supplies = [
      { municipality: first?.municipality as string, kind: first?.kind as string, tonnesWet: 1234 },
    ];
    const plan = planAllocation(deps, { ...base, supplies });
    expect(plan.input.supplies).toEqual(supplies);
    // A region whose statistics are incomplete still plans when the caller brings the supplies.
    const bare = { ...data, statistics: { ...data.statistics, byMunicipality: new Map() } };
    expect(appError(() => planAllocation({ ...deps, data: bare }, base)).code).toBe('missing_statistics');
    expect(planAllocation({ ...deps, data: bare }, { ...base, supplies }).input.supplies).toEqual(supplies);
  });

  it('adds candidate sites with the finance of data/candidates.json', () => {
    const plan = planAllocation(deps, {
      ...base,
      noDefaultSites: true,
      candidates: true,
      candidateTechnologies: ['anaerobic-digestion'],
    });
    expect(plan.input.sites.length).toBeGreaterThan(0);
    for (const s of plan.input.sites) {
      expect(s.status).toBe('candidate');
      expect(s.technology).toBe('anaerobic-digestion');
    }
  });

  it('refuses user errors with an AppError naming the problem', () => {
    expect(appError(() => planAllocation(deps, { ...base, objective: 'weighted' })).message).toMatch(
      /needs a CO2e price/,
    );
    expect(appError(() => planAllocation(deps, { ...base, co2ePriceNok: 500 })).message).toMatch(
      /only applies to the weighted objective/,
    );
    expect(appError(() => planAllocation(deps, { ...base, candidateTechnologies: ['x'] })).message).toMatch(
      /only apply with candidates/,
    );
    expect(
      appError(() =>
        planAllocation(deps, { ...base, candidates: true, candidateTechnologies: ['warp-drive'] }),
      ).code,
    ).toBe('unknown_technology');
    expect(appError(() => planAllocation(deps, { ...base, region: 'nowhere' })).message).toMatch(
      /unknown region "nowhere"/,
    );
    expect(appError(() => planAllocation(deps, { ...base, noDefaultSites: true })).message).toMatch(
      /has no sites/,
    );
  });
});

describe('runAllocation', () => {
  it('builds, solves and interprets, calling back as each stage starts, in order', async () => {
    const plan = planAllocation(deps, base);
    const seen: string[] = [];
    const result = await runAllocation(plan, await highsSolverFactory(), {
      onStage: async (stage: AllocationStage) => {
        seen.push(stage);
        await Promise.resolve();
      },
      onModel: (model) => seen.push(`model ${model.numCols} columns`),
    });
    expect(seen).toEqual(['building', `model ${result.model.columns} columns`, 'solving', 'interpreting']);
    expect(result.status).toBe('optimal');
    const answer = allocationAnswer(plan, result);
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
    expect(answer).toMatchObject({ region: REGION, profile: 'report', status: 'optimal' });
    expect(answer.transport.distances).toEqual({
      code: 'transport_distances',
      params: { matrix: false, road: true },
    });
    expect(renderMessage(answer.transport.distances, 'nb')).toBe('Vegavstand på N1000-vegnettet');
    expect(renderMessage(answer.transport.distances, 'en')).toBe('Road distance on the N1000 network');
  });

  it('costs every flow at its road km × the cost per t·km (and a ferry fare where it takes one)', async () => {
    const plan = planAllocation(deps, base);
    const result = await runAllocation(plan, await highsSolverFactory());
    const roads = deps.files.roads().distances;
    const kinds = new Map(deps.data.kinds.map((k) => [k.id, k]));
    const sites = new Map(plan.input.sites.map((s) => [s.id, s]));
    expect(result.flows.length).toBeGreaterThan(5);
    for (const f of result.flows) {
      const leg = roads.leg(f.from, sites.get(f.site) as Site, kinds.get(f.kind)?.origin ?? 'farmland');
      expect(f.distance).toBe('road');
      expect(f.km).toBeCloseTo(leg?.km as number, 9);
      expect(f.transportNokPerTonne).toBeCloseTo(
        f.km * plan.transport.costNokPerTonneKm + (f.ferryNokPerTonne ?? 0),
        9,
      );
    }
    // Great circle × detour on request: the same flows cost at the old distances.
    const gc = planAllocation(deps, { ...base, distances: 'great-circle' });
    expect(gc.input.haul).toBeUndefined();
    expect(gc.distanceMethod).toBe('great-circle');
  });

  it('turns a run without an optimum into an AppError with the conflicts as issues', async () => {
    const infeasible: Solver = {
      name: 'always infeasible',
      solve: () => ({ status: 'infeasible', objective: 0, colValue: new Float64Array(0), rowDual: null }),
    };
    const plan = planAllocation(deps, base);
    await expect(runAllocation(plan, infeasible)).rejects.toMatchObject({ code: 'infeasible' });
  });

  it('says each refused option in bokmål and in English', async () => {
    const techs = deps.library.technologies.map((t) => t.id);
    const refusals = [
      appError(() => planAllocation(deps, { ...base, objective: 'weighted' })),
      appError(() => planAllocation(deps, { ...base, co2ePriceNok: 100 })),
      appError(() => planAllocation(deps, { ...base, candidateTechnologies: ['composting'] })),
      appError(() => planAllocation(deps, { ...base, candidates: true, candidateTechnologies: ['x9'] })),
      appError(() => planAllocation(deps, { ...base, region: 'x9' })),
    ];
    const texts = refusals.map((e) =>
      expectBothLanguages(e, ['x9', 'CO2e', ...techs, ...data.regions.map((r) => r.id)]),
    );
    expect(texts[0]?.nb[0]).toBe('Det vektede målet trenger en -pris (kroner per tonn , minst 0)');
    expect(texts[1]?.en[0]).toBe('A  price only applies to the weighted objective');
    expect(texts[3]?.nb[0]).toMatch(/^Ukjent teknologi «»; teknologiene er /);
    expect(refusals[4]?.code).toBe('unknown_region');
  });
});
