/**
 * Builds the regional report from the data: the estimate, sites, allocation and every section, in
 * the order of the seed report. data/'s files come from the workspace (inputs.files); the clock, the random seed and
 * the solver are passed in, so the same inputs give the same report.
 */
import type { Kysely } from 'kysely';
import { planAllocation, runAllocation as runAllocationTask } from '../app/allocation.ts';
import { regionCatchments } from '../app/catchments.ts';
import type { DataFiles } from '../app/data-files.ts';
import type { Site } from '../domain/allocation/input.ts';
import type { Solver } from '../domain/allocation/lp.ts';
import type { AllocationResult } from '../domain/allocation/result.ts';
import { findProfile } from '../domain/coefficients.ts';
import { AppError } from '../domain/errors.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { findRegion } from '../domain/regions.ts';
import type { LoadedLibrary } from '../ingest/library.ts';
import type { LoadedTransport } from '../ingest/sites.ts';
import { renderMessage } from '../messages/catalogue.ts';
import type { Database } from '../store/schema.ts';
import { reportBoundaries } from './boundaries.ts';
import type { ReportContext } from './context.ts';
import { estimateRegion } from './estimate.ts';
import type { Lang } from './format.ts';
import { texts } from './i18n/texts.ts';
import type { Section } from './section.ts';
import { actorsSection } from './sections/actors.ts';
import { agricultureSection } from './sections/agriculture.ts';
import { type AllocationRun, allocationSection } from './sections/allocation.ts';
import { auditSection } from './sections/audit.ts';
import { catchmentsSection } from './sections/catchments.ts';
import { forestrySection } from './sections/forestry.ts';
import { principleSection } from './sections/principle.ts';
import { regionSection } from './sections/region.ts';
import { residuesSection } from './sections/residues.ts';
import { scenariosSection } from './sections/scenarios.ts';
import { sitesSection } from './sections/sites.ts';
import { sourcesSection } from './sections/sources.ts';
import { uncertaintySection } from './sections/uncertainty.ts';
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

async function runAllocation(ctx: ReportContext, inputs: ReportInputs): Promise<AllocationRun> {
  if (!inputs.solver) return { ok: false, reason: 'no solver' };
  const { estimate } = ctx;
  if (estimate.complete.length === 0) return { ok: false, reason: ctx.T.noData(ctx.T.titles.residues) };
  try {
    // The supplies are the report's own estimate (the chosen year, partial municipalities included).
    const plan = planAllocation(
      { files: inputs.files, library: inputs.lib, data: ctx.data },
      {
        region: ctx.region.id,
        profile: ctx.profile.id,
        objective: 'value',
        supplies: estimate.rows.map((r) => ({
          municipality: r.municipality,
          kind: r.kind,
          tonnesWet: r.tonnesWet,
        })),
      },
    );
    const result = await runAllocationTask(plan, inputs.solver);
    const leftOut = estimate.municipalities.filter((m) => !estimate.complete.includes(m));
    return { ok: true, plan, result, leftOut };
  } catch (e) {
    if (e instanceof AppError)
      return { ok: false, reason: e.detail ? renderMessage(e.detail, ctx.lang) : e.message };
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
  const estimate = estimateRegion(
    data,
    {
      region: region.id,
      profile: profile.id,
      ...(o.year === undefined ? {} : { year: o.year }),
      draws: o.draws,
      seed: o.seed,
    },
    inputs.random,
  );
  const ctx: ReportContext = {
    data,
    lib,
    files: inputs.files,
    ...(inputs.db ? { db: inputs.db } : {}),
    region,
    profile,
    // The statistics year: asked for, or the profile's own (the report profile: the report's 2024).
    ...((o.year ?? profile.year) === undefined ? {} : { year: o.year ?? profile.year }),
    lang: o.lang,
    T,
    boundaries: reportBoundaries(inputs.files),
    centroids: inputs.files.centroids(),
    estimate,
    name: (nr) => data.registry.municipalities.get(nr)?.name ?? nr,
    kindName: (id) => data.kinds.find((k) => k.id === id)?.name[o.lang] ?? id,
  };
  const regionSites = inputs.files.regionSites(region.id);
  const sites: Site[] = regionSites?.sites ?? [];
  const sitesFile = regionSites?.file;
  let transport: LoadedTransport | undefined;
  try {
    transport = inputs.files.transport();
  } catch {
    transport = undefined;
  }
  // Catchments by road of the region's sites, over the estimate's supplies (the map and its chapter).
  const found =
    sites.length > 0
      ? regionCatchments(
          inputs.files.roads(),
          sites,
          lib,
          region.municipalities,
          estimate.rows.map((r) => ({ municipality: r.municipality, kind: r.kind, tonnesWet: r.tonnesWet })),
        )
      : undefined;
  step('sections');
  const sections: Section[] = [principleSection(ctx), regionSection(ctx)];
  step('actors');
  sections.push(await actorsSection(ctx));
  sections.push(
    agricultureSection(ctx),
    forestrySection(ctx),
    residuesSection(ctx),
    sitesSection(ctx, sites, sitesFile, found),
    valueSection(ctx),
  );
  step('scenarios');
  sections.push(await scenariosSection(ctx));
  step('allocation');
  const allocation = await runAllocation(ctx, inputs);
  sections.push(allocationSection(ctx, allocation), catchmentsSection(ctx, found, allocation));
  step('uncertainty');
  sections.push(uncertaintySection(ctx, allocation, { draws: o.draws, seed: o.seed, random: inputs.random }));
  step('audit');
  sections.push(auditSection(ctx), sourcesSection(ctx, transport, sitesFile));
  return { options: o, ctx, sections, ...(allocation.ok ? { allocation: allocation.result } : {}) };
}
