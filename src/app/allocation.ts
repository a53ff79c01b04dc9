/**
 * The allocation task: which of a region's residue streams go to which sites, for most value or CO2e.
 * `planAllocation` gathers everything a run needs (the supplies, given or estimated; the region's
 * sites, the caller's and candidates; positions, distances and transport), `runAllocation` builds,
 * solves and reads back with a callback per stage, and `allocationAnswer` is the one JSON shape the
 * CLI's `--format json` and the API's job result share. The CLI, the API job, the report and the
 * national benchmark all run through here, so they cannot drift apart.
 */
import { candidateSites } from '../domain/allocation/finance.ts';
import type { AllocationInput, Haul, Objective, Site, Supply } from '../domain/allocation/input.ts';
import { interpretAllocation } from '../domain/allocation/interpret.ts';
import type { LinearModel, Solver } from '../domain/allocation/lp.ts';
import { buildAllocationModel } from '../domain/allocation/model.ts';
import type { AllocationResult } from '../domain/allocation/result.ts';
import type { CoefficientProfile } from '../domain/coefficients.ts';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { findRegion, type Region } from '../domain/regions.ts';
import type { ResidueKind } from '../domain/residue-kinds.ts';
import type { LoadedLibrary } from '../ingest/library.ts';
import { findProfile } from '../ingest/reference-data.ts';
import {
  distanceLookup,
  type LoadedTransport,
  parseSites,
  readDistancesCsv,
  readSitesFile,
} from '../ingest/sites.ts';
import { renderMessage } from '../messages/catalogue.ts';
import type { DataFiles } from './data-files.ts';
import { seededRandom } from './random.ts';
import {
  completeResidues,
  estimateResiduesFrom,
  missingStatisticsError,
  type ResiduesAnswer,
} from './residues.ts';
import type { Workspace } from './workspace.ts';

/** What planning reads: data/'s files, the library and the reference data (`await ws.reference()`). */
export interface AllocationDeps {
  files: DataFiles;
  library: LoadedLibrary;
  data: ReferenceData;
}

/** The workspace's part of the deps, with its reference data read. */
export async function allocationDeps(ws: Pick<Workspace, 'files' | 'library' | 'reference'>) {
  return { files: ws.files, library: ws.library, data: await ws.reference() } satisfies AllocationDeps;
}

export interface AllocationRequest {
  region: string;
  profile: string;
  /** Statistics of this year or the newest before it, for estimated supplies. */
  year?: number;
  objective: Objective;
  co2ePriceNok?: number;
  /**
   * The streams to allocate (tonnes wet per municipality and kind). When absent they are the
   * profile's estimate for the region (`estimateSupplies`).
   */
  supplies?: Supply[];
  /** Leave out the region's own sites (data/sites/<region>.json). */
  noDefaultSites?: boolean;
  /** Leave out these sites (ids of the region's own or given ones): a plant removed. */
  withoutSites?: string[];
  /** A sites file (CLI) … */
  sitesFile?: string;
  /** … or sites given as data (API): the same schema as a file's `sites`. */
  sites?: unknown[];
  candidates?: boolean;
  candidateTechnologies?: string[];
  /** Let routes below MATURE_TRL (pilot, laboratory) compete. */
  includeEmerging?: boolean;
  /** CSV from,to,km (pairs it gives win over the roads). */
  distancesFile?: string;
  /** Road distances on the N1000 network (the default), or great circle × detour for every pair. */
  distances?: DistanceMethod;
}

export type DistanceMethod = 'road' | 'great-circle';

export interface AllocationPlan {
  input: AllocationInput;
  region: Region;
  profile: CoefficientProfile;
  transport: LoadedTransport;
  /** Whether a distance matrix was given. */
  distanceMatrix: boolean;
  /** Road distances or great circle × detour (for the pairs a matrix does not give). */
  distanceMethod: DistanceMethod;
  /** Sites whose capacity is an assumption (not candidates). */
  assumedCapacities: string[];
  /** Kinds left out of estimated supplies for lack of statistics (empty with given supplies). */
  notEstimated: NotEstimated;
}

/** Kinds a region's estimate had to set aside (some municipality lacks their statistics). */
export type NotEstimated = NonNullable<ResiduesAnswer['notEstimated']>;

/**
 * The profile's central estimate for the region as supplies (tonnes wet per municipality and kind).
 * A kind some municipality lacks statistics for is set aside and named in `notEstimated` (as the
 * residue estimate does), so the rest is still allocated; when that leaves nothing, the error
 * names every missing statistic. A caller with its own rows (the report) passes them as `supplies`.
 */
export function estimateSupplies(
  data: ReferenceData,
  region: Region,
  profile: CoefficientProfile,
  year?: number,
): { supplies: Supply[]; notEstimated: NotEstimated } {
  const { answer } = estimateResiduesFrom(data, seededRandom, {
    region: region.id,
    profile: profile.id,
    ...(year === undefined ? {} : { year }),
  });
  // Nothing left to allocate: the error names every statistic missing.
  if (answer.missing.length > 0 && answer.rows.every((r) => answer.missing.some((m) => m.kind === r.kind)))
    throw missingStatisticsError(answer);
  const done = completeResidues(answer);
  return {
    supplies: done.rows.map((r) => ({ municipality: r.municipality, kind: r.kind, tonnesWet: r.tonnesWet })),
    notEstimated: done.notEstimated ?? [],
  };
}

export function planAllocation(deps: AllocationDeps, o: AllocationRequest): AllocationPlan {
  const { data, files, library: lib } = deps;
  if (o.objective === 'weighted' && o.co2ePriceNok === undefined) {
    throw new AppError('invalid_input', 'the weighted objective needs a CO2e price (NOK per t CO2e)', {
      detail: message('co2e_price_required', {}),
    });
  }
  if (o.objective !== 'weighted' && o.co2ePriceNok !== undefined) {
    throw new AppError('invalid_input', 'a CO2e price only applies to the weighted objective', {
      detail: message('co2e_price_only_weighted', {}),
    });
  }
  if (o.candidateTechnologies !== undefined && !o.candidates) {
    throw new AppError('invalid_input', 'candidate technologies only apply with candidates', {
      detail: message('candidate_technologies_without_candidates', {}),
    });
  }
  const region = findRegion(data.regions, o.region);
  const profile = findProfile(data, o.profile);
  const centroids = files.centroids();
  const positions = files.sitePositions();
  const transport = files.transport();
  const distanceMethod: DistanceMethod = o.distances ?? 'road';
  const estimated = o.supplies ? undefined : estimateSupplies(data, region, profile, o.year);
  const supplies = o.supplies ?? (estimated?.supplies as Supply[]);

  const sites = new Map<string, Site>();
  const own = o.noDefaultSites ? undefined : files.regionSites(region.id);
  for (const s of own?.sites ?? []) sites.set(s.id, s);
  if (o.sitesFile) {
    for (const s of readSitesFile(o.sitesFile, lib, data.registry, positions, { user: true }))
      sites.set(s.id, s);
  }
  if (o.sites) {
    for (const s of parseSites(o.sites, 'body', lib, data.registry, positions)) sites.set(s.id, s);
  }
  if (o.candidates) {
    for (const t of o.candidateTechnologies ?? []) {
      if (!lib.technologies.some((x) => x.id === t)) {
        throw new AppError(
          'unknown_technology',
          `unknown technology "${t}"; technologies: ${lib.technologies.map((x) => x.id).join(', ')}`,
          { detail: message('unknown_technology', { id: t, known: lib.technologies.map((x) => x.id) }) },
        );
      }
    }
    const cands = candidateSites(lib, region.municipalities, positions, lib.finance, o.candidateTechnologies);
    for (const c of cands) sites.set(c.id, c);
  }
  for (const id of o.withoutSites ?? []) {
    if (!sites.delete(id))
      throw new AppError(
        'invalid_input',
        `no site "${id}" to leave out; sites: ${[...sites.keys()].join(', ')}`,
        {
          detail: message('site_unknown', { id, known: [...sites.keys()] }),
        },
      );
  }
  if (sites.size === 0) {
    throw new AppError(
      'invalid_input',
      `region ${region.id} has no sites (no data/sites/${region.id}.json); give sites or candidates`,
      { detail: message('region_no_sites', { region: region.id, file: `data/sites/${region.id}.json` }) },
    );
  }
  const distances = o.distancesFile ? readDistancesCsv(o.distancesFile, data.registry) : undefined;
  const matrix = distances ? distanceLookup(distances) : undefined;
  const roads = distanceMethod === 'road' ? files.roads().distances : undefined;
  const haul = (municipality: string, site: Site, kind: ResidueKind): Haul | undefined => {
    const km = matrix?.(municipality, site);
    if (km !== undefined) return { km, method: 'matrix' };
    const leg = roads?.leg(municipality, site, kind.origin);
    return leg && { ...leg };
  };
  return {
    input: {
      lib,
      currentUses: lib.currentUses,
      supplies,
      sites: [...sites.values()],
      positions: centroids,
      ...(matrix || roads ? { haul } : {}),
      transport,
      objective: o.objective,
      ...(o.co2ePriceNok !== undefined ? { co2ePriceNok: o.co2ePriceNok } : {}),
      ...(o.includeEmerging ? { includeEmerging: true } : {}),
    },
    region,
    profile,
    transport,
    distanceMatrix: distances !== undefined,
    distanceMethod,
    notEstimated: estimated?.notEstimated ?? [],
    assumedCapacities: [...sites.values()]
      .filter((s) => s.capacityIsAssumption && s.status !== 'candidate')
      .map((s) => s.id),
  };
}

export type AllocationStage = 'building' | 'solving' | 'interpreting';

export interface RunAllocationOptions {
  /** Called as each stage starts; a returned promise is awaited (the API yields to polls there). */
  onStage?: (stage: AllocationStage) => void | Promise<void>;
  /** Called with the built model before it is solved (the CLI writes it as MPS). */
  onModel?: (model: LinearModel) => void;
}

/**
 * Builds the model, solves it and reads the answer back. A run without an optimum (infeasible
 * minimum intakes, a time limit) is an AppError naming the conflicting limits.
 */
export async function runAllocation(
  plan: Pick<AllocationPlan, 'input'>,
  solver: Solver,
  options: RunAllocationOptions = {},
): Promise<AllocationResult> {
  const stage = async (s: AllocationStage) => {
    await options.onStage?.(s);
  };
  await stage('building');
  const am = buildAllocationModel(plan.input);
  options.onModel?.(am.model);
  await stage('solving');
  const solved = solver.solve(am.model);
  await stage('interpreting');
  const result = interpretAllocation(am, solved, solver.name);
  if (result.status !== 'optimal') {
    throw new AppError(
      result.status === 'infeasible' ? 'infeasible' : 'invalid_input',
      `no allocation (${result.status}): ${result.conflicts.map((c) => renderMessage(c, 'en')).join('; ')}`,
      {
        issues: result.conflicts.map((c) => ({ path: 'limit', message: renderMessage(c, 'en'), detail: c })),
        detail: message('allocation_failed', { status: result.status }),
      },
    );
  }
  return result;
}

/** The JSON answer of an allocation (CLI --format json and the API). */
export function allocationAnswer(
  p: AllocationPlan,
  result: AllocationResult,
  extra: { modelFile?: string } = {},
) {
  return {
    region: p.region.id,
    profile: p.profile.id,
    status: result.status,
    objective: result.objective.value,
    objectiveKind: result.objective.kind,
    objectiveUnit: result.objective.unit,
    ...(p.input.co2ePriceNok !== undefined ? { co2ePriceNok: p.input.co2ePriceNok } : {}),
    valueNok: result.valueNok,
    co2eTonnes: result.co2eTonnes,
    baseline: result.baseline,
    upliftNok: result.upliftNok,
    upliftCo2eTonnes: result.upliftCo2eTonnes,
    flows: result.flows,
    sites: result.sites,
    streams: result.streams,
    unallocated: result.unallocated,
    binding: result.binding,
    markets: result.markets,
    model: result.model,
    ...(extra.modelFile ? { modelFile: extra.modelFile } : {}),
    transport: {
      detourFactor: p.transport.detourFactor,
      costNokPerTonneKm: p.transport.costNokPerTonneKm,
      kgCo2ePerTonneKm: p.transport.kgCo2ePerTonneKm,
      distances: message('transport_distances', {
        matrix: p.distanceMatrix,
        road: p.distanceMethod === 'road',
      }),
    },
    assumedCapacities: p.assumedCapacities,
    ...(p.notEstimated.length > 0 ? { notEstimated: p.notEstimated } : {}),
  };
}

export type AllocationAnswer = ReturnType<typeof allocationAnswer>;
