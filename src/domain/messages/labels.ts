/**
 * Texts that data carries, built from parameters: what an audited figure is (`audit_label_*`), what
 * it is checked against (`audit_what_*`) and why it is off (`audit_explain_*`). Names of products,
 * technologies and kinds come as {nb, en} from the library, so the audit needs no lookup to render.
 */
import type { Text } from '../text.ts';

export type Basis = 'wet' | 'dm';

/** What kind of number an uncertain input is (src/domain/value-uncertainty.ts). */
export type InputGroup =
  | 'residue'
  | 'dm-share'
  | 'yield'
  | 'capex'
  | 'opex'
  | 'price'
  | 'climate'
  | 'market'
  | 'current-use'
  | 'transport';

export interface LabelMessageParams {
  // What a stated figure is (the seed report's tables, worked examples and sentences).
  // Columns come as the transcription's ids (`fulldyrka_eng`); the catalogue says them in words.
  audit_label_column_sum: { table: ReportTableName; unit: string; column: string };
  audit_label_area_identity: { municipality: string; total: string; parts: string[] };
  audit_label_harvest_total: { municipality: string; parts: string[] };
  audit_label_residues_total: Record<string, never>;
  audit_label_vegetable_area: { areaDaa: number };
  audit_label_vegetable_residues: { basis: Basis };
  audit_label_product_value: { product: Text };
  // The uncertain inputs of a valuation (its Monte Carlo and tornado): a coefficient by its name,
  // a product's price, a scenario's own price, a current use's value.
  uncertain_input_coefficient: { name: Text; group: InputGroup };
  uncertain_input_price: { product: Text };
  uncertain_input_scenario_price: { product: Text };
  uncertain_input_current_use: { kind: string };
  audit_label_co2e_change: { replaces: Text };
  audit_label_capex_per_kg: { product: Text };
  audit_label_product_from_feed: { product: Text; feedTonnes: number; feed: Text };
  audit_label_technology_yield: { product: Text; technology: Text; basis: Basis };
  audit_label_feed_balance: { feed: Text };
  audit_label_product_per_methane: { product: Text; tonnes: number; methaneTonnes: number };
  audit_label_polyethylene_price: {
    marketNokPerKg: number;
    co2PriceNokPerKg: number;
    co2eSavedKgPerKg: number;
  };
  audit_label_hydrogen_price: { nokPerKwh: number; kwhPerKg: number };
  audit_label_hydrogen_balance: Record<string, never>;
  audit_label_market: { market: string; year: string };
  audit_label_actors_by_form: { forms: number };
  audit_label_cleanings_share: { cleaningsTonnes: number; grainTonnes: number };
  audit_label_straw_ratio: { strawTonnes: number; grainTonnes: number };
  // What a scenario states (src/domain/audit-scenarios.ts).
  /** (The step's id stays in the statement's id: the reader knows a step by its technology.) */
  audit_label_step_balance: { technology: Text };
  audit_label_step_yield: { product: Text; input: Text; technology: Text; basis: Basis };
  audit_label_price: { product: Text };
  // What a stated figure is checked against.
  // (The library's citation of a range is no part of the sentence: the finding carries it as `citation`.)
  audit_what_technology_yield: { technology: Text; product: Text };
  audit_what_technology_capex: { technology: Text };
  audit_what_product_price: { product: Text };
  /** The literature coefficients by name (their ids stay in the finding's `source`). */
  audit_what_literature: { coefficients: Text[] };
  // Where a stated figure is, in words: a table of the report (a row of it), a section by its title,
  // a part of a scenario by the scenario's name.
  audit_where_table: { table: ReportTableName };
  audit_where_table_row: { table: ReportTableName; municipality: string };
  audit_where_table_total: { table: ReportTableName };
  audit_where_table_kind: { table: ReportTableName; kind: Text };
  audit_where_section: { section: string };
  audit_where_scenario: { scenario: Text; part: 'balance' | 'yields' | 'prices' };
  // Why a product is off, when the report shows how it went wrong.
  audit_explain_not_residue: { share: number; complement: number; tonnes: number };
  audit_explain_implied_co2e: { implied: number; replaces: Text; low: number; high: number };
  // The forestry table against the imported harvest statistics, and the wood rows' basis.
  /** `part`: the column of the report's forestry table. */
  audit_label_harvest_species: { municipality: string; part: HarvestColumn; year: number };
  audit_label_national_share: { year: number };
  audit_what_harvest_statistics: { year: number; file: string };
  audit_what_national_total: { year: number; municipalities: number; file: string };
  audit_label_wood_residue: { kind: Text };
  audit_what_literature_estimate: { municipalities: number };
}

/** The tables of an audited report, by what they hold. */
export type ReportTableName = 'area' | 'forestry' | 'residues' | 'actors' | 'markets';

/** The columns of the report's forestry table. */
export type HarvestColumn = 'gran' | 'furu' | 'lauv' | 'ved_til_brensel' | 'total';
