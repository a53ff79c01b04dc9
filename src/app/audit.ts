/**
 * The audit of a region: every figure its transcribed report states (tables, worked examples, figures
 * in sentences) and every built-in scenario's stated figures, recomputed; what does not add up.
 */
import { audit, type Finding, type Statement } from '../domain/audit.ts';
import { scenarioStatements } from '../domain/audit-scenarios.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { findRegion, type Region } from '../domain/regions.ts';
import type { LoadedLibrary } from '../ingest/library.ts';
import { regionReportStatements } from '../ingest/seed-statements.ts';
import type { DataFiles } from './data-files.ts';
import type { Workspace } from './workspace.ts';

export interface RegionAudit {
  region: string;
  /** How many stated figures were recomputed. */
  checked: number;
  findings: Finding[];
}

/** What an audit reads: the region's transcribed report (through DataFiles) and the library. */
export interface AuditSources {
  files: Pick<DataFiles, 'seedReport'>;
  library: LoadedLibrary;
}

/** The statements of the region's report and of the built-in scenarios. */
export function auditStatements(
  src: AuditSources,
  data: Pick<ReferenceData, 'profiles'>,
  region: Region,
): Statement[] {
  return [
    ...regionReportStatements(src.files.seedReport(region), data, src.library),
    ...src.library.scenarios.flatMap((s) => scenarioStatements(s, src.library)),
  ];
}

/** The audit of a region already looked up (the report's). */
export function regionAudit(
  src: AuditSources,
  data: Pick<ReferenceData, 'profiles'>,
  region: Region,
): RegionAudit {
  const statements = auditStatements(src, data, region);
  return { region: region.id, checked: statements.length, findings: audit(statements) };
}

/** The audit of a region by id (the CLI's `audit` and the API's `/audit`); kept until the next write. */
export async function auditRegion(ws: Workspace, regionId: string): Promise<RegionAudit> {
  const data = await ws.reference();
  const region = findRegion(data.regions, regionId);
  return ws.memo(`audit:${region.id}`, () => regionAudit(ws, data, region));
}
