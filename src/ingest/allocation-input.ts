/**
 * Everything an allocation needs for a region, from data/ and the caller's options: the residue
 * estimate as supplies, the region's sites (and the caller's, and candidates), positions, distances
 * and transport. The CLI and the API both build their runs here, so they cannot drift apart.
 */
import { join } from 'node:path';
import { z } from 'zod';
import {
  type AllocationInput,
  type AllocationResult,
  candidateSites,
  type Objective,
  type Site,
} from '../domain/allocation.ts';
import type { CoefficientProfile } from '../domain/coefficients.ts';
import { findProfile } from '../domain/coefficients.ts';
import { AppError } from '../domain/errors.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { findRegion, type Region } from '../domain/regions.ts';
import { estimateResidues } from '../domain/residues.ts';
import type { LoadedLibrary } from './library.ts';
import { readJsonFile } from './reference-data.ts';
import { coefficientSchema } from './schemas.ts';
import {
  distanceLookup,
  type LoadedTransport,
  loadCentroids,
  loadTransport,
  parseSites,
  readDistancesCsv,
  readSitesFile,
  regionSitesFile,
} from './sites.ts';

const financeSchema = z.object({
  source: z.string(),
  discountRate: coefficientSchema,
  lifetimeYears: coefficientSchema,
});

export interface AllocationOptions {
  region: string;
  profile: string;
  objective: Objective;
  co2ePriceNok?: number;
  /** Leave out the region's own sites (data/sites/<region>.json). */
  noDefaultSites?: boolean;
  /** A sites file (CLI) … */
  sitesFile?: string;
  /** … or sites given as data (API): the same schema as a file's `sites`. */
  sites?: unknown[];
  candidates?: boolean;
  candidateTechnologies?: string[];
  /** CSV from,to,km. */
  distancesFile?: string;
}

export interface PreparedAllocation {
  input: AllocationInput;
  region: Region;
  profile: CoefficientProfile;
  transport: LoadedTransport;
  /** Sites whose capacity is an assumption (not candidates). */
  assumedCapacities: string[];
}

export function prepareAllocation(
  data: ReferenceData,
  lib: LoadedLibrary,
  o: AllocationOptions,
): PreparedAllocation {
  if (o.objective === 'weighted' && o.co2ePriceNok === undefined) {
    throw new AppError('invalid_input', 'the weighted objective needs a CO2e price (NOK per t CO2e)');
  }
  if (o.objective !== 'weighted' && o.co2ePriceNok !== undefined) {
    throw new AppError('invalid_input', 'a CO2e price only applies to the weighted objective');
  }
  if (o.candidateTechnologies !== undefined && !o.candidates) {
    throw new AppError('invalid_input', 'candidate technologies only apply with candidates');
  }
  const region = findRegion(data.regions, o.region);
  const profile = findProfile(data, o.profile);
  const centroids = loadCentroids(data.dataDir);
  const transport = loadTransport(data.dataDir);
  const estimate = estimateResidues({
    profile,
    kinds: data.kinds,
    statistics: data.statistics,
    municipalities: region.municipalities,
  });
  const supplies = estimate.rows.map((r) => ({
    municipality: r.municipality,
    kind: r.kind,
    tonnesWet: r.tonnesWet,
  }));

  const sites = new Map<string, Site>();
  const own = regionSitesFile(region.id, data.dataDir);
  if (own && !o.noDefaultSites) {
    for (const s of readSitesFile(own, lib, data.registry, centroids, { user: false, base: data.dataDir }))
      sites.set(s.id, s);
  }
  if (o.sitesFile) {
    for (const s of readSitesFile(o.sitesFile, lib, data.registry, centroids, { user: true }))
      sites.set(s.id, s);
  }
  if (o.sites) {
    for (const s of parseSites(o.sites, 'body', lib, data.registry, centroids)) sites.set(s.id, s);
  }
  if (o.candidates) {
    const finance = readJsonFile(join(data.dataDir, 'candidates.json'), financeSchema, data.dataDir);
    for (const t of o.candidateTechnologies ?? []) {
      if (!lib.technologies.some((x) => x.id === t)) {
        throw new AppError(
          'unknown_technology',
          `unknown technology "${t}"; technologies: ${lib.technologies.map((x) => x.id).join(', ')}`,
        );
      }
    }
    const cands = candidateSites(
      lib,
      region.municipalities,
      centroids,
      { discountRate: finance.discountRate.value, lifetimeYears: finance.lifetimeYears.value },
      o.candidateTechnologies,
    );
    for (const c of cands) sites.set(c.id, c);
  }
  if (sites.size === 0) {
    throw new AppError(
      'invalid_input',
      `region ${region.id} has no sites (no data/sites/${region.id}.json); give sites or candidates`,
    );
  }
  const distances = o.distancesFile ? readDistancesCsv(o.distancesFile, data.registry) : undefined;
  return {
    input: {
      lib,
      currentUses: lib.currentUses,
      supplies,
      sites: [...sites.values()],
      positions: centroids,
      ...(distances ? { distanceKm: distanceLookup(distances) } : {}),
      transport,
      objective: o.objective,
      ...(o.co2ePriceNok !== undefined ? { co2ePriceNok: o.co2ePriceNok } : {}),
    },
    region,
    profile,
    transport,
    assumedCapacities: [...sites.values()]
      .filter((s) => s.capacityIsAssumption && s.status !== 'candidate')
      .map((s) => s.id),
  };
}

/** The JSON answer of an allocation (CLI --format json and the API). */
export function allocationAnswer(
  p: PreparedAllocation,
  result: AllocationResult,
  extra: { distances?: boolean; modelFile?: string } = {},
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
    model: result.model,
    ...(extra.modelFile ? { modelFile: extra.modelFile } : {}),
    transport: {
      detourFactor: p.transport.detourFactor,
      costNokPerTonneKm: p.transport.costNokPerTonneKm,
      kgCo2ePerTonneKm: p.transport.kgCo2ePerTonneKm,
      distances: extra.distances ? 'matrix (missing pairs: great circle × detour)' : 'great circle × detour',
    },
    assumedCapacities: p.assumedCapacities,
  };
}
