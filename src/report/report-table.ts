/**
 * One table of the report, shared by the HTML and the workbook so the two can never disagree: the
 * HTML shows it with its total row, the workbook as a sheet whose total row is a SUM formula.
 * Numbers are already rounded (to `digits`), so the sum of the shown cells is the shown total.
 */
export type Cell = string | number | null;

export interface TableColumn {
  head: string;
  /** Unit, shown in the header ("Areal (daa)"). */
  unit?: string;
  type: 'text' | 'number';
  /** Decimals shown (numbers). */
  digits?: number;
  /** Only in the workbook (ids for programs, say): the HTML a person reads leaves the column out. */
  sheetOnly?: boolean;
}

export interface ReportTable {
  /** Sheet name in the workbook (≤ 31 characters, unique). */
  sheet: string;
  title: string;
  /** Where the numbers came from: datasets, profiles, files (README sheet and caption). */
  source: string;
  columns: TableColumn[];
  /** `null` is data that is missing: shown as such, never as 0. */
  rows: Cell[][];
  /** A total row: its label and the columns summed. */
  total?: { label: string; columns: number[] };
  /** Sheet only: the table is too wide or long for the page (the HTML shows a chart or summary instead). */
  sheetOnly?: boolean;
}

export function headText(c: TableColumn): string {
  return c.unit ? `${c.head} (${c.unit})` : c.head;
}

/** The total of column `i` over the rows, skipping missing cells. */
export function columnTotal(t: ReportTable, i: number): number {
  let s = 0;
  for (const r of t.rows) {
    const v = r[i];
    if (typeof v === 'number') s += v;
  }
  const digits = t.columns[i]?.digits ?? 0;
  const f = 10 ** digits;
  return Math.round(s * f) / f;
}
