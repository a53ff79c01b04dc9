/**
 * The audit of a region: every figure its transcribed report states (tables, worked examples, figures
 * in sentences) and every built-in scenario's stated figures, recomputed; the forestry table against
 * the harvest statistics of its year when they are imported; what does not add up, and what could
 * not be checked.
 */
import { audit, type Finding, type Statement, worstFirst } from '../domain/audit.ts';
import { type HarvestEvidence, type HarvestTable, harvestStatements } from '../domain/audit-harvest.ts';
import { compareNational, type NationalComparison, type NationalFigure } from '../domain/audit-national.ts';
import { scenarioStatements } from '../domain/audit-scenarios.ts';
import { co2eCountedTwice } from '../domain/double-counting.ts';
import { type Message, message } from '../domain/message.ts';
import { resolveMunicipality } from '../domain/municipalities.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { findRegion, type Region } from '../domain/regions.ts';
import { runScenario } from '../domain/scenarios.ts';
import type { StatisticUsed } from '../domain/statistics-used.ts';
import type { LoadedLibrary } from '../ingest/library.ts';
import { findProfile } from '../ingest/reference-data.ts';
import { regionReportStatements, type Seed } from '../ingest/seed-statements.ts';
import { latestLogOfFile } from '../store/imports-repository.ts';
import type { DataFiles } from './data-files.ts';
import { completeResidues, estimateResiduesFrom, type ResiduesAnswer } from './residues.ts';
import type { Workspace } from './workspace.ts';

export interface RegionAudit {
  region: string;
  /** How many stated figures were recomputed. */
  checked: number;
  findings: Finding[];
  /** What the audit could not check, and why (a statistic not imported, a file that is not the whole country). */
  unchecked: Message[];
}

/** What of the reference data an audit reads. */
export type AuditData = Pick<ReferenceData, 'profiles' | 'kinds' | 'statistics' | 'registry'>;

/** What an audit reads: the region's transcribed report (through DataFiles) and the library. */
export interface AuditSources {
  files: Pick<DataFiles, 'seedReport'>;
  library: LoadedLibrary;
}

/** The statements of the region's report and of the built-in scenarios. */
export function auditStatements(src: AuditSources, data: AuditData, region: Region): Statement[] {
  return [
    ...regionReportStatements(src.files.seedReport(region), data, src.library),
    ...src.library.scenarios.flatMap((s) => scenarioStatements(s, src.library)),
  ];
}

/** The audit of a region already looked up (the report's). */
export function regionAudit(
  src: AuditSources,
  data: AuditData,
  region: Region,
  harvest?: HarvestImports,
): RegionAudit {
  const statements = auditStatements(src, data, region);
  const report = src.files.seedReport(region);
  const checks = report
    ? harvestStatements(
        reportHarvestTable(report.seed, data),
        harvest?.evidence,
        report.text?.nationalHarvestShare
          ? {
              percent: report.text.nationalHarvestShare.percent,
              year: report.text.nationalHarvestShare.year,
              source: `report.txt, '${report.text.nationalHarvestShare.section}'`,
              where: message('audit_where_section', { section: report.text.nationalHarvestShare.section }),
            }
          : undefined,
        harvest?.years ?? [],
      )
    : { statements: [], unchecked: [] };
  const all = [...statements, ...checks.statements];
  // A benefit paid in a price and credited as CO2e besides, in each built-in scenario.
  const twice = src.library.scenarios.flatMap((s) =>
    co2eCountedTwice(s, runScenario(s, src.library), src.library),
  );
  return {
    region: region.id,
    checked: all.length + src.library.scenarios.length,
    // Worst first across both checks, as every shell lists them.
    findings: worstFirst([...audit(all), ...twice]),
    unchecked: checks.unchecked,
  };
}

/** The harvest imported for the report's year (and which years are), read by `auditRegion`. */
export interface HarvestImports {
  evidence?: HarvestEvidence;
  years: number[];
}

/** The report's forestry table by today's numbers (its year is the report's, 2024). */
export function reportHarvestTable(seed: Seed, data: Pick<ReferenceData, 'registry'>): HarvestTable {
  const t = seed.forestry_harvest_m3_2024;
  const rows: HarvestTable['rows'] = {};
  for (const [nr, row] of Object.entries(t.rows)) {
    const r = resolveMunicipality(data.registry, nr);
    rows[r.ok ? r.number : nr] = row;
  }
  return { year: 2024, rows, total: t.sum.total ?? 0, source: "report.txt, 'Samlet uttak per kommune'" };
}

/**
 * The harvest dataset of `year` in the store (`avvirkning-<year>`), with the double listings and
 * unmapped rows its import logged; undefined when that year has not been imported.
 */
export async function harvestImports(
  ws: Workspace,
  data: ReferenceData,
  year: number,
): Promise<HarvestImports> {
  const harvestSets = data.datasets.filter((d) => d.id.startsWith('avvirkning-'));
  const years = [...new Set(harvestSets.map((d) => d.year))].sort((a, b) => a - b);
  const dataset = harvestSets.find((d) => d.year === year);
  const file = dataset?.source.derivedFrom;
  if (!dataset || !file) return { years };
  const values: HarvestEvidence['values'] = {};
  for (const o of data.observations) {
    if (o.dataset !== dataset.id) continue;
    values[o.municipality] ??= {};
    (values[o.municipality] as Record<string, number>)[o.variable] = o.value;
  }
  const doubleListings: HarvestEvidence['doubleListings'] = [];
  let unmappedM3 = 0;
  for (const m of await latestLogOfFile(ws.store.db, 'avvirkning', file)) {
    if (m.code === 'log_harvest_counted_once') {
      const { municipality, category, categoryText, m3 } = m.params;
      const r = resolveMunicipality(data.registry, municipality);
      doubleListings.push({ municipality: r.ok ? r.number : municipality, category, categoryText, m3 });
    } else if (m.code === 'log_rows_not_counted') unmappedM3 += m.params.m3 ?? 0;
  }
  const counties = new Set([...data.registry.municipalities.keys()].map((nr) => nr.slice(0, 2)));
  const covered = new Set(Object.keys(values).map((nr) => nr.slice(0, 2)));
  return {
    years,
    evidence: {
      year,
      file,
      values,
      doubleListings,
      unmappedM3,
      countiesWithout: [...counties].filter((c) => !covered.has(c)).sort(),
    },
  };
}

/** The audit of a region by id (the CLI's `audit` and the API's `/audit`); kept until the next write. */
export async function auditRegion(ws: Workspace, regionId: string): Promise<RegionAudit> {
  const data = await ws.reference();
  const region = findRegion(data.regions, regionId);
  return ws.memo(`audit:${region.id}`, async () =>
    regionAudit(ws, data, region, await harvestImports(ws, data, 2024)),
  );
}

/** The national audit: our totals for Norway beside published national figures. */
export interface NationalAudit {
  region: 'norge';
  profile: string;
  /** How many municipalities the estimate covers (all of today's). */
  municipalities: number;
  comparisons: NationalComparison[];
  /** Which year and dataset of each statistic the national estimate read. */
  statistics: StatisticUsed[];
  /** Kinds some municipalities lack statistics for (left out of the totals compared). */
  notEstimated: NonNullable<ResiduesAnswer['notEstimated']>;
}

export const NATIONAL_PROFILE = 'literature';

/** Norway's estimate (literature profile, shipped and imported statistics) against data/audit/national-figures.json. */
export function nationalAuditFrom(
  data: ReferenceData,
  figures: NationalFigure[],
  random: Workspace['random'],
): NationalAudit {
  const { answer } = estimateResiduesFrom(data, random, { region: 'norge', profile: NATIONAL_PROFILE });
  const complete = completeResidues(answer);
  const profile = findProfile(data, NATIONAL_PROFILE);
  const coefficient = (id: string) => profile.coefficients.find((c) => c.id === id);
  return {
    region: 'norge',
    profile: NATIONAL_PROFILE,
    municipalities: complete.municipalities.length,
    comparisons: compareNational(figures, complete.totals, coefficient),
    statistics: complete.statistics,
    notEstimated: complete.notEstimated ?? [],
  };
}

/** The national audit (the CLI's `audit --region norge` and the API's `/audit/national`); kept until the next write. */
export async function nationalAudit(ws: Workspace): Promise<NationalAudit> {
  const data = await ws.reference();
  return ws.memo('audit:national', () => nationalAuditFrom(data, ws.files.nationalFigures(), ws.random));
}
