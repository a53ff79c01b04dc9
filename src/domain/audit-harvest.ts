/**
 * The report's forestry table against the imported harvest statistics of its year, per municipality
 * and species, and its "share of Norway's harvest" against the national total of the same file.
 * Landbruksdirektoratet's file lists some categories (1310 "Gran sams sagt/massevirke" …) under both
 * Sagtømmer and Massevirke with one volume; the import counts them once and logs each. A report
 * figure that exceeds the statistics by exactly those volumes has counted them twice.
 */
import type { DoubleListing, Statement } from './audit.ts';
import { type Label, type Message, message } from './message.ts';
import type { HarvestColumn } from './messages/labels.ts';

/** The harvest of one year as imported: values per today's municipality, double listings, coverage. */
export interface HarvestEvidence {
  year: number;
  /** The file the dataset was read from (its source's `derivedFrom`). */
  file: string;
  /** Today's number → `harvest.gran|furu|lauv|ved_til_brensel|total` → m3. */
  values: Record<string, Record<string, number>>;
  /** Every category the import counted once though the file lists it twice, by today's number. */
  doubleListings: (DoubleListing & { municipality: string })[];
  /** Roundwood m3 of rows whose municipality number could not be mapped (still part of the country). */
  unmappedM3: number;
  /** Counties of today's division with no row in the file: a file without them is not the whole country. */
  countiesWithout: string[];
}

/** The report's forestry table: today's number → column → m3. */
export interface HarvestTable {
  year: number;
  rows: Record<string, Partial<Record<HarvestColumn, number>>>;
  /** The report's own total of the table (the "Totalt" row's total). */
  total: number;
  source: string;
}

export interface NationalShare {
  percent: number;
  year: number;
  source: string;
  /** Where the report states it, in words. */
  where: Label;
}

const COLUMNS: HarvestColumn[] = ['gran', 'furu', 'lauv', 'ved_til_brensel', 'total'];

/** Species of a VSOP category by its first digit (1 gran, 2 furu, 3 lauv). */
const SPECIES_OF_CATEGORY: Record<string, HarvestColumn> = { '1': 'gran', '2': 'furu', '3': 'lauv' };

/** Statements comparing the table with the statistics, and what could not be checked (and why). */
export function harvestStatements(
  table: HarvestTable,
  evidence: HarvestEvidence | undefined,
  share: NationalShare | undefined,
  yearsImported: number[],
): { statements: Statement[]; unchecked: Message[] } {
  const statements: Statement[] = [];
  const unchecked: Message[] = [];
  if (!evidence || evidence.year !== table.year) {
    unchecked.push(message('audit_unchecked_harvest', { year: table.year, years: yearsImported }));
    if (share)
      unchecked.push(
        message('audit_unchecked_share', {
          year: share.year,
          statedPercent: share.percent,
          years: yearsImported,
        }),
      );
    return { statements, unchecked };
  }
  const what = message('audit_what_harvest_statistics', { year: evidence.year, file: evidence.file });
  for (const [municipality, row] of Object.entries(table.rows)) {
    const values = evidence.values[municipality] ?? {};
    for (const column of COLUMNS) {
      const stated = row[column];
      if (stated === undefined) continue;
      const doubleListings = evidence.doubleListings
        .filter(
          (d) =>
            d.municipality === municipality &&
            (column === 'total' || SPECIES_OF_CATEGORY[d.category[0] ?? ''] === column),
        )
        .map(({ category, categoryText, m3 }) => ({ category, categoryText, m3 }));
      statements.push({
        kind: 'statistic',
        id: `harvest.${municipality}.${column}.statistics`,
        source: table.source,
        where: message('audit_where_table_row', { table: 'forestry', municipality }),
        label: message('audit_label_harvest_species', { municipality, part: column, year: table.year }),
        stated,
        value: values[`harvest.${column}`] ?? 0,
        what,
        doubleListings,
      });
    }
  }
  if (share) {
    if (evidence.countiesWithout.length > 0) {
      unchecked.push(
        message('audit_unchecked_share_counties', {
          year: share.year,
          statedPercent: share.percent,
          counties: evidence.countiesWithout,
        }),
      );
    } else {
      const whole =
        Object.values(evidence.values).reduce((s, v) => s + (v['harvest.total'] ?? 0), 0) +
        evidence.unmappedM3;
      statements.push({
        kind: 'share',
        id: 'harvest.national-share',
        source: share.source,
        where: share.where,
        label: message('audit_label_national_share', { year: share.year }),
        statedPercent: share.percent,
        part: table.total,
        whole,
        what: message('audit_what_national_total', {
          year: evidence.year,
          municipalities: Object.keys(evidence.values).length,
          file: evidence.file,
        }),
      });
    }
  }
  return { statements, unchecked };
}
