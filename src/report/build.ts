/**
 * Builds the regional report from the data: the estimate, sites, allocation and every section, in
 * the order of the seed report. Pure apart from reading data/ files; the clock, the random seed and
 * the solver are passed in, so the same inputs give the same report.
 */
import { relative } from 'node:path';
import type { Kysely } from 'kysely';
import type { DataFiles } from '../app/data-files.ts';
import { type AllocationResult, allocateStreams, type Site, type Solver } from '../domain/allocation.ts';
import { findProfile } from '../domain/coefficients.ts';
import { AppError } from '../domain/errors.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { findRegion } from '../domain/regions.ts';
import { prepareAllocation } from '../ingest/allocation-input.ts';
import type { LoadedLibrary } from '../ingest/library.ts';
import {
  type LoadedTransport,
  loadCentroids,
  loadTransport,
  readSitesFile,
  regionSitesFile,
} from '../ingest/sites.ts';
import type { Database } from '../store/schema.ts';
import { loadBoundaries } from './boundaries.ts';
import type { ReportContext } from './context.ts';
import { estimateRegion } from './estimate.ts';
import type { Lang } from './format.ts';
import { texts } from './i18n/texts.ts';
import type { Section } from './section.ts';
import { actorsSection } from './sections/actors.ts';
import { agricultureSection } from './sections/agriculture.ts';
import { type AllocationRun, allocationSection } from './sections/allocation.ts';
import { auditSection } from './sections/audit.ts';
import { forestrySection } from './sections/forestry.ts';
import { principleSection } from './sections/principle.ts';
import { regionSection } from './sections/region.ts';
import { residuesSection } from './sections/residues.ts';
import { scenariosSection } from './sections/scenarios.ts';
import { sitesSection } from './sections/sites.ts';
import { sourcesSection } from './sections/sources.ts';
import { valueSection } from './sections/value.ts';

export interface ReportOptions {
  region: string;
  profile: string;
  year?: number;
  lang: Lang;
  /** The generation date stated in the report (and the workbook's dates). */
  now: Date;
  /** Monte Carlo draws and seed for P10–P90. */
  draws: number;
  seed: number;
}

export interface ReportInputs {
  data: ReferenceData;
  lib: LoadedLibrary;
  /** data/'s files: boundaries, centroids, the region's sites, transport, sectors, the seed report. */
  files: DataFiles;
  db?: Kysely<Database>;
  /** The optimiser; without it the allocation section says it was not run. */
  solver?: Solver;
  random: () => number;
  progress?: (step: string) => void;
}

export interface BuiltReport {
  options: ReportOptions;
  ctx: ReportContext;
  sections: Section[];
  allocation?: AllocationResult;
}

function runAllocation(ctx: ReportContext, inputs: ReportInputs): AllocationRun {
  if (!inputs.solver) return { ok: false, reason: 'no solver' };
  const { estimate } = ctx;
  if (estimate.complete.length === 0) return { ok: false, reason: ctx.T.noData(ctx.T.titles.residues) };
  // prepareAllocation estimates the region itself: give it the municipalities with every statistic,
  // then use the report's own estimate (the chosen year, partial municipalities included) as supply.
  const region = { ...ctx.region, municipalities: estimate.complete };
  const data = { ...ctx.data, regions: ctx.data.regions.map((r) => (r.id === region.id ? region : r)) };
  try {
    const prepared = prepareAllocation(data, inputs.lib, {
      region: region.id,
      profile: ctx.profile.id,
      objective: 'value',
    });
    prepared.input.supplies = estimate.rows.map((r) => ({
      municipality: r.municipality,
      kind: r.kind,
      tonnesWet: r.tonnesWet,
    }));
    const result = allocateStreams(prepared.input, inputs.solver);
    const leftOut = estimate.municipalities.filter((m) => !estimate.complete.includes(m));
    return { ok: true, prepared, result, leftOut };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, reason: e.message };
    throw e;
  }
}

export async function buildReport(o: ReportOptions, inputs: ReportInputs): Promise<BuiltReport> {
  const step = inputs.progress ?? (() => {});
  const { data, lib } = inputs;
  const region = findRegion(data.regions, o.region);
  const profile = findProfile(data, o.profile);
  const T = texts(o.lang);
  step('estimate');
  const estimate = estimateRegion(data, profile, region.municipalities, {
    ...(o.year === undefined ? {} : { year: o.year }),
    draws: o.draws,
    seed: o.seed,
    random: inputs.random,
  });
  const ctx: ReportContext = {
    data,
    lib,
    files: inputs.files,
    ...(inputs.db ? { db: inputs.db } : {}),
    region,
    profile,
    ...(o.year === undefined ? {} : { year: o.year }),
    lang: o.lang,
    T,
    boundaries: loadBoundaries(data.dataDir),
    centroids: loadCentroids(data.dataDir),
    estimate,
    name: (nr) => data.registry.municipalities.get(nr)?.name ?? nr,
    kindName: (id) => data.kinds.find((k) => k.id === id)?.name[o.lang] ?? id,
  };
  const sitesPath = regionSitesFile(region.id, data.dataDir);
  const sites: Site[] = sitesPath
    ? readSitesFile(sitesPath, lib, data.registry, ctx.centroids, { user: false, base: data.dataDir })
    : [];
  const sitesFile = sitesPath ? `data/${relative(data.dataDir, sitesPath)}` : undefined;
  let transport: LoadedTransport | undefined;
  try {
    transport = loadTransport(data.dataDir);
  } catch {
    transport = undefined;
  }
  step('sections');
  const sections: Section[] = [principleSection(ctx), regionSection(ctx)];
  step('actors');
  sections.push(await actorsSection(ctx));
  sections.push(
    agricultureSection(ctx),
    forestrySection(ctx),
    residuesSection(ctx),
    sitesSection(ctx, sites, sitesFile),
    valueSection(ctx),
  );
  step('scenarios');
  sections.push(await scenariosSection(ctx));
  step('allocation');
  const allocation = runAllocation(ctx, inputs);
  sections.push(allocationSection(ctx, allocation));
  step('audit');
  sections.push(auditSection(ctx), sourcesSection(ctx, transport, sitesFile));
  return { options: o, ctx, sections, ...(allocation.ok ? { allocation: allocation.result } : {}) };
}
