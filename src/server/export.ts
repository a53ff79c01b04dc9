/**
 * Exports for table-like answers: CSV for every table, GeoJSON for per-municipality results (the
 * shipped municipality boundaries), XLSX where a spreadsheet is natural.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Context } from 'hono';
import type { BoundaryFeature } from '../app/data-files.ts';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';

export type ExportFormat = 'json' | 'csv' | 'geojson' | 'xlsx';

export function csvResponse(c: Context, rows: Record<string, unknown>[], columns: string[], name: string) {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
  return c.body(stringify(rows, { header: true, columns }));
}

export async function xlsxResponse(
  c: Context,
  sheets: { name: string; rows: Record<string, unknown>[]; columns: string[] }[],
  name: string,
) {
  const book = new ExcelJS.Workbook();
  book.creator = 'Restverdi';
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name.slice(0, 31));
    ws.columns = sheet.columns.map((key) => ({ header: key, key, width: Math.max(12, key.length + 2) }));
    ws.getRow(1).font = { bold: true };
    for (const r of sheet.rows) ws.addRow(r);
  }
  const buffer = await book.xlsx.writeBuffer();
  c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  c.header('Content-Disposition', `attachment; filename="${name}.xlsx"`);
  return c.body(new Uint8Array(buffer as ArrayBuffer));
}

/** One feature per municipality with the rows' values as properties (`kind.field` when several kinds). */
export function geojsonResponse(
  c: Context,
  shapes: Map<string, BoundaryFeature>,
  rows: { municipality: string; [key: string]: unknown }[],
  keyOf: (row: { municipality: string; [key: string]: unknown }) => string,
  fields: string[],
) {
  const props = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const p = props.get(row.municipality) ?? { municipality: row.municipality };
    const prefix = keyOf(row);
    for (const f of fields) p[prefix ? `${prefix}.${f}` : f] = row[f];
    props.set(row.municipality, p);
  }
  const features = [...props.entries()].map(([nr, properties]) => {
    const shape = shapes.get(nr);
    if (!shape)
      throw new AppError('invalid_data', `no boundary for municipality ${nr}`, {
        detail: message('boundary_missing', { municipality: nr }),
      });
    return {
      type: 'Feature',
      properties: { ...properties, name: shape.name },
      geometry: shape.geometry,
    };
  });
  c.header('Content-Type', 'application/geo+json');
  return c.body(JSON.stringify({ type: 'FeatureCollection', features }));
}
