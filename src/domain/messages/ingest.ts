/** What the readers of files, registers and statistics say: a file or a row that cannot be read, a value out of range, an answer from a service that is not what was expected. */
import type { ActorProblemCode, UnitType } from '../actors.ts';
import type { Message } from '../message.ts';

/** What a cell should have held, as the catalogue words it. */
export type CellExpectation =
  | 'animal_count'
  | 'number'
  | 'year'
  | 'municipality_number'
  | 'volume_m3'
  | 'distance_km';

/** The services the readers ask. */
export type Service = 'brreg' | 'ssb' | 'ldir';

export interface IngestMessageParams {
  // A whole file.
  file_not_found: { file: string };
  /** `reason` is the JSON parser's own words (English), quoted. */
  file_not_json: { file: string; reason: string };
  file_empty: { file: string };
  /** A file's problems, listed as issues. */
  file_has_problems: { file: string; count: number };
  file_not_xlsx: { file: string };
  /** `line` is null when the parser does not say. */
  csv_invalid: { file: string; line: number | null };
  // The header of a table file.
  header_invalid: { file: string; line: number; expected: string; found: string };
  header_not_found: { file: string; column: string };
  column_missing: { file: string; line: number; column: string };
  column_unmapped: { file: string; line: number; column: string };
  columns_duplicate: { file: string; line: number };
  file_kind_unknown: { file: string; header: string[]; kinds: string[] };
  // Rows and cells.
  row_width: { file: string; line: number; fields: number; expected: number };
  line_invalid: { file: string; line: number; expected: string; found: string };
  cell_invalid: { file: string; line: number; column: string; value: string; expected: CellExpectation };
  cell_unknown_code: { file: string; line: number; column: string; value: string; known: string[] };
  cell_municipality_unresolved: {
    file: string;
    line: number;
    column: string;
    value: string;
    candidates: string[];
  };
  pair_duplicate: { file: string; line: number; from: string; to: string };
  data_rows_missing: { file: string; line: number };
  years_mixed: { file: string; column: string; years: number[] };
  year_mismatch: { file: string; inFile: number; asked: number };
  year_unknown: { file: string };
  // SSB Klass files of municipality changes.
  header_years_reversed: { file: string; before: number; after: number };
  lines_odd: { file: string; line: number };
  split_note_missing: { file: string };
  /** At a line of a text file, or an entry (0-based index) of a JSON list. */
  municipality_listed_twice: {
    file: string;
    line: number | null;
    entry: number | null;
    municipality: string;
  };
  // Register bulk files and records (`offset`: the byte offset in the uncompressed data).
  bulk_not_array: { file: string; offset: number };
  bulk_json_invalid: { file: string; record: number; offset: number };
  bulk_truncated: { file: string; record: number; offset: number };
  bulk_gzip_corrupt: { file: string; record: number; offset: number };
  bulk_csv_invalid: { file: string; record: number; offset: number };
  bulk_header_lacks: { file: string; columns: string[]; unitType: UnitType; otherType: boolean };
  /** `source` is a file or the register's host; `offset` is null for an answer from the API. */
  register_record_foreign: { source: string; record: number; offset: number | null };
  register_record_wrong_type: { source: string; record: number; offset: number | null; unitType: UnitType };
  register_record_incomplete: { source: string; record: number; offset: number | null; orgnr: string };
  // Services.
  service_unreachable: { service: Service; url: string };
  service_status: { service: Service; url: string; status: number };
  service_not_json: { service: Service; url: string };
  service_answer_unexpected: { service: Service; url: string };
  brreg_paging_limit: { page: number; size: number; limit: number };
  brreg_feed_position_missing: Record<string, never>;
  ssb_table_unknown: { table: string; configured: string[] };
  ssb_not_dataset: { source: string; regionDimension: string; timeDimension: string };
  ssb_period_not_year: { source: string; dimension: string; value: string };
  ssb_no_values: { table: string };
  // Imports of several files.
  import_failed: { files: string[]; count: number };
  import_year_twice: { first: string; second: string; year: number };
  import_dataset_twice: { dataset: string };
  // Mappings and the project's own data files.
  mapping_field_twice: { field: string; first: string; second: string };
  mapping_subset_not_category: { field: string; subsetOf: string };
  text_unsafe: Record<string, never>;
  value_outside_range: { low: number; value: number; high: number };
  market_steps_unordered: { step: number };
  market_steps_short: Record<string, never>;
  unit_invalid: { unit: string };
  source_unsourced_with_url: Record<string, never>;
  calibration_missing: Record<string, never>;
  step_size_ambiguous: Record<string, never>;
  statistics_numbers_unmapped: { file: string; count: number };
  profile_include_unknown: { profile: string; include: string };
  seed_columns_differ: { columns: string[] };
  seed_sum_mismatch: { column: string; total: number; stated: number };
  // The technology library and the sites.
  technology_unknown: { id: string; known: string[] };
  technology_input_unknown: { technology: string; input: string };
  product_unknown: { id: string };
  technology_capex_per_unmade: { technology: string; product: string };
  technology_balance_open: { technology: string; sum: number };
  technology_yields_foreign_input: { technology: string; input: string };
  technology_yields_missing: { technology: string; inputs: string[] };
  technology_yield_sets_differ: { technology: string; sets: string[] };
  currency_rate_missing: { currency: string };
  current_use_value_missing: Record<string, never>;
  library_has_problems: { count: number };
  site_lat_lon_pair: Record<string, never>;
  site_position_missing: Record<string, never>;
  site_route_start: { technology: string };
  site_minimum_over_capacity: { minimumTonnes: number; capacityTonnes: number };
  site_assumption_note_missing: Record<string, never>;
  site_duplicate_id: { id: string };
  site_technology_takes_no_kind: { technology: string; inputs: string[] };
  site_kind_not_accepted: { technology: string; kind: string };
  centroid_missing: { municipality: string };
  // Lines of an import's log, and a register record's problems.
  municipality_not_a_number: { value: string };
  actor_orgnr_check_digit: { orgnr: string };
  actor_deleted: { orgnr: string; on: string };
  actor_no_municipality: { orgnr: string; abroad: boolean };
  actor_municipality_unresolved: { orgnr: string; reason: Message };
  log_harvest_counted_once: {
    municipality: string;
    category: string;
    categoryText: string;
    m3: number;
    dropped: string;
    kept: string;
    duplicateOf: string;
  };
  /** `m3` is the roundwood in the rows (harvest files), null where the file has no volume. */
  log_rows_not_counted: { rows: number; municipality: string; m3: number | null; reason: Message };
  /** `note` is the importer's own words (`--partial`), null for a file named as a sample. */
  log_partial_data: { note: string | null; farms: number };
  log_cells_skipped: { cells: number; reason: Message };
  log_cell_without_value: { variable: string; status: string };
  log_lines_dropped: { count: number; limit: number };
  log_register_file: {
    records: number;
    format: string;
    gzip: boolean;
    mapped: number;
    problems: Partial<Record<ActorProblemCode, number>>;
  };
  log_register_feed: {
    entries: number;
    from: string;
    changed: number;
    removed: number;
    problems: Partial<Record<ActorProblemCode, number>>;
  };
  register_search_day_limit: { unitType: UnitType; query: string; total: number; limit: number };
}
