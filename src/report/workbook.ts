/**
 * The workbook behind the report (exceljs): a README sheet, then one sheet per table of the report
 * with units in the headers and totals as SUM formulas, then the coefficients with their sources.
 * Dates come from the clock passed in and the zip's entry dates are pinned, so it is byte-stable.
 */
import ExcelJS from 'exceljs';
import type { BuiltReport } from './build.ts';
import { isoDate } from './format.ts';
import { columnTotal, headText, type ReportTable } from './report-table.ts';
import { tablesOf } from './section.ts';
import { pinZipDates } from './zip-dates.ts';

/** Excel's column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the workbook. */
export function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);
  let candidate = base;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 28)} ${i}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

function numberFormat(digits: number): string {
  return digits > 0 ? `#,##0.${'0'.repeat(digits)}` : '#,##0';
}

function addTable(wb: ExcelJS.Workbook, t: ReportTable, name: string, missing: string): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(t.columns.map(headText)).font = { bold: true };
  for (const r of t.rows) {
    const row = ws.addRow(r.map((v) => (v === null ? missing : v)));
    t.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.type === 'number' && typeof r[i] === 'number') cell.numFmt = numberFormat(c.digits ?? 0);
      if (r[i] === null) cell.font = { italic: true, color: { argb: 'FFB0463C' } };
    });
  }
  if (t.total && t.rows.length > 0) {
    const first = 2;
    const last = t.rows.length + 1;
    const cells = t.columns.map((_c, i) => {
      if (i === 0) return t.total?.label ?? '';
      if (!t.total?.columns.includes(i)) return null;
      const col = columnLetter(i);
      return { formula: `SUM(${col}${first}:${col}${last})`, result: columnTotal(t, i) };
    });
    const row = ws.addRow(cells);
    row.font = { bold: true };
    t.columns.forEach((c, i) => {
      if (t.total?.columns.includes(i)) row.getCell(i + 1).numFmt = numberFormat(c.digits ?? 0);
    });
  }
  t.columns.forEach((c, i) => {
    const longest = Math.max(headText(c).length, ...t.rows.map((r) => String(r[i] ?? missing).length));
    ws.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
}

export async function renderWorkbook(report: BuiltReport): Promise<Buffer> {
  const { ctx, sections, options } = report;
  const { T } = ctx;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Restverdi';
  wb.lastModifiedBy = 'Restverdi';
  wb.created = options.now;
  wb.modified = options.now;
  wb.title = T.reportTitle(ctx.region.name);
  const used = new Set<string>();
  const readme = wb.addWorksheet(sheetName(T.sheets.readme, used));
  const tables = tablesOf(sections);
  const names = tables.map((t) => sheetName(t.sheet, used));
  readme.addRow([T.reportTitle(ctx.region.name)]).font = { bold: true, size: 14 };
  const intro = readme.addRow([T.readmeIntro(ctx.region.name, isoDate(options.now))]);
  readme.mergeCells(intro.number, 1, intro.number, 3);
  intro.height = 45;
  intro.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  readme.addRow([
    T.generated(
      isoDate(options.now),
      ctx.profile.id,
      options.year === undefined ? T.newestYear : String(options.year),
    ),
  ]);
  readme.addRow([]);
  readme.addRow([T.readmeSheet, T.readmeHolds, T.readmeFrom]).font = { bold: true };
  tables.forEach((t, i) => {
    readme.addRow([names[i], t.title, t.source]);
  });
  readme.getColumn(1).width = 28;
  readme.getColumn(2).width = 60;
  readme.getColumn(3).width = 80;
  tables.forEach((t, i) => {
    addTable(wb, t, names[i] as string, T.missing);
  });
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return pinZipDates(raw, options.now);
}
