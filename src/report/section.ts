/** A section of the report: prose, figures and tables in order. Tables also become workbook sheets. */
import type { ReportTable } from './report-table.ts';

export type Block = { html: string } | { table: ReportTable };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export function tablesOf(sections: Section[]): ReportTable[] {
  return sections.flatMap((s) => s.blocks.flatMap((b) => ('table' in b ? [b.table] : [])));
}
