/** What the shells say of their own (the CLI's options and files, the report's output, the web app's requests). */
export interface ShellMessageParams {
  // The CLI's options and files: what a user gave that a command cannot use.
  /** `reason` is the system's error code (ENOENT, EACCES, EISDIR …). */
  file_unreadable: { file: string; reason: string };
  /** None of the options was given; at least one is needed. */
  options_missing: { command: string; options: string[] };
  /** Two options that cannot be combined. */
  options_conflict: { option: string; other: string };
  option_list_empty: { option: string };
  invalid_nonnegative_number: { name: string; input: string };
  /** `option` needs `needs`, a municipality of the region. */
  explain_needs_municipality: { option: string; needs: string; region: string; municipalities: string[] };
  /** `option` belongs to `with`; `instead` is the option the user probably meant. */
  option_only_with: { option: string; with: string; instead: string };
  profile_has_no_recipe: { profile: string; kind: string; kinds: string[] };
  report_out_missing: { option: string };
  // The report: what it could not write.
  chromium_missing: { option: string; path: string };
  // What the CLI prints after an import.
  import_done: { importId: number; kind: string };
  import_file_summary: {
    file: string;
    dataset: string;
    year: number;
    municipalities: number;
    observations: number;
  };
  import_harvest_note: { rows: number; m3: number; unresolved: number };
  import_farm_note: { kind: string; encoding: string; rows: number; partial: string | null };
  import_applied: {
    importId: number;
    inserted: number;
    updated: number;
    unchanged: number;
    removed: number;
    location: string;
  };
  register_file_imported: {
    file: string;
    records: number;
    unitType: 'enhet' | 'underenhet';
    format: string;
    gzip: boolean;
    mapped: number;
    problems: string[];
  };
  register_pulled: {
    importId: number;
    enheter: number;
    underenheter: number;
    queries: number;
    inserted: number;
    updated: number;
    unchanged: number;
  };
  register_updated: {
    unitType: 'enhet' | 'underenhet';
    changes: number;
    from: string;
    inserted: number;
    updated: number;
    removed: number;
    nextId: number | null;
  };
  // What the CLI prints about regions, statistics and actors.
  region_created: { id: string; name: string; municipalities: string[] };
  harvest_year_newest: { year: number };
  harvest_year_asked: { year: number };
  harvest_rows_missing: { municipalities: string[]; year: number };
  actors_total: { region: string; total: number };
  /** What an actor count counts (src/domain/actors.ts countingRule, from the same facts). */
  actors_counting_rule: {
    units: 'all' | 'enheter' | 'underenheter';
    removed: ('bankrupt' | 'liquidation' | 'forced_dissolution' | 'closed' | 'non_vat')[];
  };
  rows_shown: { first: number; last: number; total: number };
  report_progress: { step: string; seconds: number };
  /** `restverdi start`: where the web app is served. */
  server_running: { url: string };
  /** The CLI prints the first problems of an error; this many more were left out. */
  more_issues: { count: number };
}
