/**
 * How fast the regional report is written for the reference region: in process (build, HTML,
 * workbook, files), as a whole `restverdi report` process from a cold start, and the PDF on its own
 * (chromium start and printing). Run: npm run bench:report
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDataFiles } from '../src/app/data-files.ts';
import { seededRandom } from '../src/app/random.ts';
import { buildReport, type ReportOptions } from '../src/report/build.ts';
import { renderHtml } from '../src/report/document.ts';
import { CHROMIUM, printPdf } from '../src/report/pdf.ts';
import { renderWorkbook } from '../src/report/workbook.ts';
import { writeReport } from '../src/report/write.ts';
import { createHighsSolver } from '../src/solver/highs.ts';
import { type Timing, timeAsync, writeSection } from './lib.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = openDataFiles();
const data = files.reference();
const lib = files.library();
const solver = await createHighsSolver();
const options: ReportOptions = {
  region: 'gjovik-hadeland-ringerike',
  profile: 'report',
  lang: 'nb',
  now: new Date('2026-01-15T12:00:00Z'),
  draws: 2000,
  seed: 1,
};
const inputs = () => ({ data, lib, files, solver, random: seededRandom(1) });

const out = mkdtempSync(join(tmpdir(), 'restverdi-bench-report-'));
const timings: Timing[] = [];
timings.push(
  await timeAsync('build the report (estimate, 2 000 draws, allocation, audit, sections)', 5, () =>
    buildReport(options, inputs()),
  ),
);
const built = await buildReport(options, inputs());
timings.push(await timeAsync('render HTML', 5, async () => renderHtml(built)));
timings.push(await timeAsync('render XLSX (exceljs, zip dates pinned)', 5, () => renderWorkbook(built)));
timings.push(
  await timeAsync('HTML + XLSX written, in process', 5, () => writeReport(options, inputs(), { dir: out })),
);
// A whole process, as a user runs it: tsx start, the store loaded from data/, HiGHS, both files.
timings.push(
  await timeAsync('`restverdi report` whole process (cold start, in-memory store)', 3, async () =>
    execFileSync(process.execPath, [join(root, 'bin/restverdi.js'), 'report', '--out', out], {
      env: { ...process.env, RESTVERDI_DB: ':memory:', DATABASE_URL: '' },
      stdio: 'ignore',
    }),
  ),
);
if (existsSync(CHROMIUM)) {
  const html = renderHtml(built);
  timings.push(
    await timeAsync('PDF (chromium start and print, A4)', 3, () =>
      printPdf(html, { pageLabel: 'Side', ofLabel: 'av' }),
    ),
  );
}

console.log(
  writeSection('Regional report', 'npm run bench:report', timings, [
    `Load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} (other sessions share the machine's 2 CPUs).`,
    'Reference region (12 municipalities), profile report, bokmål. Each figure is the wall time after a warm-up run; the whole-process row includes starting Node and tsx and loading data/ into an in-memory store. The issue asks for HTML and XLSX under 10 s; the PDF is timed on its own.',
  ]),
);
