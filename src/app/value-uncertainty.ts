/**
 * Uncertainty through to money and climate, as the shells ask for it: P10/P50/P90 of net NOK and
 * CO2e and the tornado for a stream's pyramid, a scenario and an allocation. The CLI (`--uncertainty
 * --draws N --seed S`), the API (`uncertainty`, `draws`, `seed`) and the report all come through here,
 * with the same limits (src/domain/value-uncertainty.ts holds them) and the same JSON.
 */

import type { Solver } from '../domain/allocation/lp.ts';
import type { AllocationResult } from '../domain/allocation/result.ts';
import type { Coefficient } from '../domain/coefficients.ts';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { findRegion } from '../domain/regions.ts';
import { type CompiledEstimate, compileEstimate } from '../domain/residues.ts';
import type { Scenario } from '../domain/scenarios.ts';
import type { Random } from '../domain/uncertainty.ts';
import {
  type AllocationUncertainty,
  allocationUncertainty,
  checkDraws,
  DEFAULT_VALUE_DRAWS,
  MAX_REOPTIMISE_DRAWS,
  MAX_VALUE_DRAWS,
  type PyramidCase,
  type PyramidUncertainty,
  pyramidUncertainty,
  residueRowsWith,
  type ScenarioUncertainty,
  scenarioUncertainty,
} from '../domain/value-uncertainty.ts';
import type { LoadedLibrary } from '../ingest/library.ts';
import { findProfile } from '../ingest/reference-data.ts';
import type { AllocationPlan } from './allocation.ts';
import { DEFAULT_PYRAMID_REGION, type PyramidRequest } from './pyramid.ts';
import { DEFAULT_SEED, MAX_SEED } from './residues.ts';

export { DEFAULT_VALUE_DRAWS, MAX_REOPTIMISE_DRAWS, MAX_VALUE_DRAWS };

/** What the answer says the draws are drawn from. */
export const VALUE_DISTRIBUTION = 'input ranges (triangular unless the data says otherwise)';

export interface UncertaintyRequest {
  /** Monte Carlo draws (1 … MAX_VALUE_DRAWS); DEFAULT_VALUE_DRAWS when absent. */
  draws?: number | undefined;
  seed?: number | undefined;
}

/** The draws and seed of a request, checked against the limits every shell shares. */
export function uncertaintySettings(
  req: UncertaintyRequest,
  max = MAX_VALUE_DRAWS,
): { draws: number; seed: number } {
  const draws = checkDraws(req.draws ?? Math.min(DEFAULT_VALUE_DRAWS, max), max);
  const seed = req.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    throw new AppError('invalid_input', `invalid seed: ${seed} (a whole number from 0 to ${MAX_SEED})`, {
      detail: message('invalid_integer', { name: 'seed', input: String(seed), min: 0, max: MAX_SEED }),
    });
  return { draws, seed };
}

interface Header {
  draws: number;
  seed: number;
  distribution: typeof VALUE_DISTRIBUTION;
}

export type PyramidUncertaintyAnswer = Header & PyramidUncertainty;
export type ScenarioUncertaintyAnswer = Header & ScenarioUncertainty;
export type AllocationUncertaintyAnswer = Header & AllocationUncertainty;

/**
 * The pyramid's uncertainty for the request `pyramidOfKind` answers: with given tonnes they are
 * fixed; from a region's estimate they are drawn with the profile's coefficients.
 */
export function pyramidUncertaintyOf(
  library: LoadedLibrary,
  data: ReferenceData | undefined,
  random: (seed: number) => Random,
  req: PyramidRequest & UncertaintyRequest,
): PyramidUncertaintyAnswer {
  const { draws, seed } = uncertaintySettings(req);
  let tonnes: PyramidCase['tonnes'];
  if (req.tonnes !== undefined) tonnes = req.tonnes;
  else {
    if (!data) throw new Error('the region’s estimate needs the reference data');
    const region = findRegion(data.regions, req.region ?? DEFAULT_PYRAMID_REGION);
    const profile = findProfile(data, req.profile ?? 'report');
    tonnes = {
      compiled: compileEstimate({
        profile,
        kinds: data.kinds,
        statistics: data.statistics,
        municipalities: region.municipalities,
        kindIds: [req.kind],
      }),
    };
  }
  const u = pyramidUncertainty(
    { lib: library, currentUses: library.currentUses, kind: req.kind, tonnes },
    draws,
    random(seed),
  );
  return { ...u, draws, seed, distribution: VALUE_DISTRIBUTION };
}

export function scenarioUncertaintyOf(
  library: LoadedLibrary,
  random: (seed: number) => Random,
  scenario: Scenario,
  req: UncertaintyRequest,
): ScenarioUncertaintyAnswer {
  const { draws, seed } = uncertaintySettings(req);
  return {
    ...scenarioUncertainty(library, scenario, draws, random(seed)),
    draws,
    seed,
    distribution: VALUE_DISTRIBUTION,
  };
}

/**
 * The region's estimate compiled, when the optimum's supplies are exactly its central rows (same
 * municipalities, kinds, order and tonnes), so that each draw can draw them; else undefined and the
 * supplies are held as given (a year or a partial estimate the report passes as rows).
 */
function compiledSupplies(plan: AllocationPlan, data: ReferenceData): CompiledEstimate | undefined {
  let compiled: CompiledEstimate;
  try {
    compiled = compileEstimate({
      profile: plan.profile,
      kinds: data.kinds,
      statistics: data.statistics,
      municipalities: plan.region.municipalities,
    });
  } catch (e) {
    if (e instanceof AppError) return undefined;
    throw e;
  }
  const supplies = plan.input.supplies;
  const central = residueRowsWith(compiled, new Map());
  const same =
    compiled.rows.length === supplies.length &&
    compiled.rows.every((r, i) => {
      const s = supplies[i];
      const t = central[i] as number;
      return (
        s !== undefined &&
        r.municipality === s.municipality &&
        r.kind === s.kind &&
        Math.abs(t - s.tonnesWet) <= 1e-9 * Math.max(1, Math.abs(t))
      );
    });
  return same ? compiled : undefined;
}

export interface AllocationUncertaintyRequest extends UncertaintyRequest {
  /** Re-optimise on this many draws (1 … MAX_REOPTIMISE_DRAWS), besides the fixed flows. */
  reoptimise?: number | undefined;
}

/**
 * The optimum's flows valued on each draw (and, when asked, the allocation solved again on each of
 * fewer draws). Supplies estimated from the profile are drawn with its coefficients; supplies given
 * (the report's own rows, an API body) are held as given.
 */
export function allocationUncertaintyOf(
  plan: AllocationPlan,
  data: ReferenceData,
  result: AllocationResult,
  random: (seed: number) => Random,
  req: AllocationUncertaintyRequest & { suppliesGiven?: boolean; solver?: Solver },
): AllocationUncertaintyAnswer {
  const { draws, seed } = uncertaintySettings(req);
  const { input } = plan;
  let compiled: CompiledEstimate | undefined;
  if (!req.suppliesGiven) compiled = compiledSupplies(plan, data);
  const coefficients = plan.transport.coefficients as unknown as Record<string, Coefficient>;
  const fareCoefficient = plan.transport.coefficients.roads.ferryFareNokPerTonne;
  const open = new Set(result.sites.filter((s) => s.open).map((s) => s.id));
  const reoptimise =
    req.reoptimise === undefined ? undefined : checkDraws(req.reoptimise, MAX_REOPTIMISE_DRAWS);
  if (reoptimise !== undefined && !req.solver) throw new Error('re-optimising needs a solver');
  // Hauls that take a car ferry pay its fare: then the fare is drawn too.
  const ferries = result.flows.some((f) => (f.ferryNokPerTonne ?? 0) > 0);
  const u = allocationUncertainty(
    {
      lib: input.lib,
      currentUses: input.currentUses,
      supplies: input.supplies,
      ...(compiled ? { compiled } : {}),
      flows: result.flows,
      transport: input.transport,
      transportKeys: {
        detourFactor: (coefficients.detourFactor as Coefficient).id,
        costNokPerTonneKm: (coefficients.costNokPerTonneKm as Coefficient).id,
        kgCo2ePerTonneKm: (coefficients.kgCo2ePerTonneKm as Coefficient).id,
        ...(ferries ? { ferryFare: fareCoefficient.id } : {}),
      },
      ...(ferries ? { ferryFareNokPerTonne: fareCoefficient.value } : {}),
      kmFromDetour: !plan.distanceMatrix && plan.distanceMethod === 'great-circle',
      fixedCostNok: input.sites
        .filter((s) => s.fixedCostNokPerYear !== undefined && open.has(s.id))
        .reduce((sum, s) => sum + (s.fixedCostNokPerYear ?? 0), 0),
    },
    {
      draws,
      random: random(seed),
      transportCoefficients: [
        coefficients.detourFactor as Coefficient,
        coefficients.costNokPerTonneKm as Coefficient,
        coefficients.kgCo2ePerTonneKm as Coefficient,
        ...(ferries ? [fareCoefficient] : []),
      ],
      ...(reoptimise !== undefined && req.solver
        ? { reoptimise: { draws: reoptimise, solver: req.solver, input, random: random(seed) } }
        : {}),
    },
  );
  return { ...u, draws, seed, distribution: VALUE_DISTRIBUTION };
}
