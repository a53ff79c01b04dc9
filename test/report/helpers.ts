/** Builds the report for tests: data/ read directly (no store), a pinned clock, seeded draws. */
import type { Kysely } from 'kysely';
import { openDataFiles } from '../../src/app/data-files.ts';
import { seededRandom } from '../../src/app/random.ts';
import type { Region } from '../../src/domain/regions.ts';
import { type BuiltReport, buildReport, type ReportOptions } from '../../src/report/build.ts';
import { renderHtml } from '../../src/report/document.ts';
import { renderWorkbook } from '../../src/report/workbook.ts';
import { createHighsSolver } from '../../src/solver/highs.ts';
import type { Database } from '../../src/store/schema.ts';

export const REGION = 'gjovik-hadeland-ringerike';
/** The pinned generation date of every test report. */
export const NOW = new Date('2026-01-15T12:00:00Z');

export const files = openDataFiles();
export const data = files.reference();
export const lib = files.library();

/** A region whose second municipality (Ringsaker) has no crop area or harvest statistics. */
export const MISSING_REGION: Region = {
  id: 'test-missing-data',
  name: 'Testregion',
  municipalities: ['3407', '3411'],
  subRegions: [{ id: 'alle', name: 'Alle', municipalities: ['3407', '3411'] }],
};

export interface TestReport {
  report: BuiltReport;
  html: string;
  xlsx: Buffer;
}

export async function testReport(
  o: Partial<ReportOptions> = {},
  regions: Region[] = [],
  db?: Kysely<Database>,
): Promise<TestReport> {
  const options: ReportOptions = {
    region: REGION,
    profile: 'report',
    lang: 'nb',
    now: NOW,
    draws: 500,
    seed: 1,
    ...o,
  };
  const report = await buildReport(options, {
    data: { ...data, regions: [...data.regions, ...regions] },
    lib,
    files,
    ...(db ? { db } : {}),
    solver: await createHighsSolver(),
    random: seededRandom(options.seed),
  });
  return { report, html: renderHtml(report), xlsx: await renderWorkbook(report) };
}
