/** Writes the report's files: rapport.html and rapport.xlsx, and with `pdf` rapport.pdf. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuiltReport, buildReport, type ReportInputs, type ReportOptions } from './build.ts';
import { renderHtml } from './document.ts';
import { printPdf } from './pdf.ts';
import { renderWorkbook } from './workbook.ts';

export interface WrittenReport {
  report: BuiltReport;
  files: string[];
  html: string;
  xlsx: Buffer;
  timingsMs: Record<string, number>;
}

export async function writeReport(
  options: ReportOptions,
  inputs: ReportInputs,
  out: { dir: string; pdf?: boolean; chromium?: string },
): Promise<WrittenReport> {
  const progress = inputs.progress ?? (() => {});
  const timingsMs: Record<string, number> = {};
  const timed = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const value = await fn();
    timingsMs[label] = Math.round(performance.now() - start);
    return value;
  };
  mkdirSync(out.dir, { recursive: true });
  const report = await timed('build', () => buildReport(options, inputs));
  progress('html');
  const html = await timed('html', () => renderHtml(report));
  const files = [join(out.dir, 'rapport.html'), join(out.dir, 'rapport.xlsx')];
  writeFileSync(files[0] as string, html);
  progress('xlsx');
  const xlsx = await timed('xlsx', () => renderWorkbook(report));
  writeFileSync(files[1] as string, xlsx);
  if (out.pdf) {
    progress('pdf');
    const T = report.ctx.T;
    const pdf = await timed('pdf', () =>
      printPdf(html, {
        pageLabel: T.page,
        ofLabel: T.of,
        ...(out.chromium ? { executablePath: out.chromium } : {}),
      }),
    );
    files.push(join(out.dir, 'rapport.pdf'));
    writeFileSync(files[2] as string, pdf);
  }
  return { report, files, html, xlsx, timingsMs };
}
