/** A ReportTable as HTML: numbers in the report's language, missing data said in words. */
import { fmt, type Lang } from './format.ts';
import { esc, table } from './html.ts';
import { type Cell, columnTotal, headText, type ReportTable } from './report-table.ts';

export function cellHtml(v: Cell, digits: number, lang: Lang, missing: string): string {
  if (v === null) return `<span class="missing">${esc(missing)}</span>`;
  if (typeof v === 'number') return fmt(v, lang, digits);
  // Long addresses may break anywhere; other text only between words.
  return /^https?:\/\//.test(v) ? `<span class="url">${esc(v)}</span>` : esc(v);
}

export function renderReportTable(t: ReportTable, lang: Lang, missing: string, sourceLabel: string): string {
  // Columns for the workbook alone (ids) are left out of the page.
  const shown = t.columns.flatMap((c, i) => (c.sheetOnly ? [] : [{ c, i }]));
  const cols = shown.map(({ c }) => ({ head: esc(headText(c)), num: c.type === 'number' }));
  const rows = t.rows.map((r) =>
    shown.flatMap(({ c, i }) => (i < r.length ? [cellHtml(r[i] as Cell, c.digits ?? 0, lang, missing)] : [])),
  );
  const foot = t.total
    ? [
        shown.map(({ c, i }) =>
          i === 0
            ? esc(t.total?.label ?? '')
            : t.total?.columns.includes(i)
              ? fmt(columnTotal(t, i), lang, c.digits ?? 0)
              : '',
        ),
      ]
    : [];
  return table(cols, rows, {
    caption: `${esc(t.title)} <span class="src">${esc(sourceLabel)}: ${esc(t.source)}</span>`,
    foot,
    // Many columns: a smaller type and headers that wrap, so the table fits an A4 page.
    ...(shown.length > 6 ? { className: 'wide' } : {}),
  });
}
