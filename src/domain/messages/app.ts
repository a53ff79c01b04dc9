/** What the application layer, the store and the shells say: a request that names nothing stored, a conflict, an option out of range. */
import type { CountUnits, RemovedGroup } from '../actors.ts';
import type { Message } from '../message.ts';
import type { ComparisonLineKind } from '../scenario-comparison.ts';
import type { Basis } from '../technologies.ts';
import type { Text } from '../text.ts';
import type { Tier } from '../valuation.ts';

export interface AppMessageParams {
  // Names that do not exist (the core has unknown_region, unknown_profile and unknown_kind).
  unknown_scenario: { id: string; known: string[] };
  unknown_technology: { id: string; known: string[] };
  unknown_product: { id: string; known: string[] };
  unknown_coefficient: { id: string; profile: string; kind: string; term: number };
  /** A number that is not today's and that no change since 2017 leads to. */
  municipality_unknown: { municipality: string };
  municipality_split: { municipality: string; candidates: string[] };
  municipality_name_unknown: { name: string };
  admin_not_configured: Record<string, never>;
  admin_token_wrong: Record<string, never>;
  municipality_name_ambiguous: { name: string; candidates: string[] };
  municipality_number_cycle: { municipality: string };
  municipality_not_in_region: { municipality: string; region: string; known: string[] };
  actor_not_found: { orgnr: string };
  /** Neither the register in the store nor the farm files know the organisation number. */
  actor_unknown_anywhere: { orgnr: string };
  /** data/actor-streams.json names a farm file's dataset that data/statistics does not have. */
  farm_dataset_missing: { file: string; dataset: string };
  /** A confirmed quantity outside the range given with it. */
  claim_range_outside: { low: number; high: number; tonnes: number };
  /** A place given as "lat,lon" outside Norway. */
  place_outside_norway: { input: string };
  /** A municipality without a point on the road network. */
  place_without_position: { municipality: string };
  import_not_found: { id: string };
  /** The server runs without accounts (no RESTVERDI_AUTH_SECRET, and not started by `restverdi serve`). */
  accounts_not_configured: Record<string, never>;
  account_not_found: { email: string };
  admin_without_region: Record<string, never>;
  /** A post to the accounts from a page that is not the app's (empty: no Origin or Referer). */
  origin_not_trusted: { origin: string };
  optimiser_run_not_found: { id: string; kept: number };
  route_not_found: { method: string; path: string };
  asset_not_found: { file: string };
  // Conflicts: what exists already or cannot be changed.
  conflict_exists: { id: string };
  builtin_region_readonly: { id: string };
  builtin_scenario_readonly: { id: string };
  /** A body names another id than the path it is sent to. */
  body_id_differs: { id: string; addressed: string };
  // Requests: what is missing or does not go together.
  // What zod finds wrong in a request, by where (each problem is an issue of its own).
  municipalities_invalid: { problems: number };
  request_malformed: { status: number };
  request_body_missing: Record<string, never>;
  body_not_utf8: Record<string, never>;
  payload_too_large: { limit: number };
  issues_more: { count: number };
  internal_error: { requestId: string };
  run_failed: Record<string, never>;
  list_empty: { name: string };
  tonnes_invalid: { input: string };
  tonnes_or_region: Record<string, never>;
  municipalities_or_region: Record<string, never>;
  register_files_missing: Record<string, never>;
  profile_estimates_no_kind: { profile: string; kind: string; known: string[] };
  monte_carlo_needs_random: Record<string, never>;
  trace_nothing: { kind: string; municipality: string; municipalities: string[]; kinds: string[] };
  // Units.
  unit_unknown: { unit: string; within: string; known: string[] };
  unit_invalid: { unit: string };
  unit_not_convertible: { from: string; to: string };
  currency_no_rate: { currency: string; known: string[] };
  // Recipes of a coefficient profile that do not hold together (a fault in the data).
  recipe_unknown_kind: { profile: string; kind: string };
  recipe_not_mass: { profile: string; kind: string; term: number; units: string[] };
  recipe_dm_share_unit: { profile: string; kind: string; term: number; unit: string };
  /** A current use that sells a product the library does not have. */
  current_use_unknown_product: { kind: string; product: string };
  // Scenarios: what a scenario asks that its library cannot do.
  scenario_invalid: { problems: number };
  scenario_input_unknown: { stream: string; known: string[] };
  scenario_stream_not_yet: { step: string; stream: string; known: string[] };
  scenario_technology_refuses: { step: string; technology: string; stream: string; accepted: string[] };
  scenario_route_refused: { step: string; stream: string; technology: string };
  rule_citation: { rule: string; citation: string };
  scenario_yield_unknown: { step: string; technology: string; name: string; known: string[] };
  /** `basis`: the technology's; the stream is stated on the other one. */
  scenario_basis_without_dm: { step: string; stream: string; basis: Basis };
  scenario_target_not_made: { step: string; technology: string; product: string };
  scenario_amount_missing: { step: string; stream: string };
  scenario_input_short: { step: string; stream: string; basis: Basis; needed: number; available: number };
  scenario_balance_open: { step: string; technology: string; input: number; output: number };
  // A scenario twice, as stated and from the library (src/domain/scenario-comparison.ts): each figure
  // it states instead of the library's (NOK/t, t CO2e per t product, NOK per t capacity), and each line.
  scenario_override_yields: {
    step: string;
    technology: string;
    basis: Basis;
    yields: { name: Text; value: number; library: number; low: number; high: number }[];
  };
  scenario_override_capex: {
    step: string;
    technology: string;
    value: number;
    library: number;
    low: number;
    high: number;
  };
  scenario_override_price: { product: Text; value: number; library: number; low: number; high: number };
  scenario_override_climate: { product: Text; value: number; library: number; low: number; high: number };
  scenario_line: { line: ComparisonLineKind; subject: Text | null; basis: Basis | null };
  // A scenario's feed against the region's estimate (src/domain/scenario-feeds.ts), on the feed's basis.
  scenario_feed_exceeds_region: {
    region: string;
    profile: string;
    stream: Text;
    basis: Basis;
    feed: number;
    available: number;
    excess: number;
    /** feed ÷ available; null when the region has none. */
    ratio: number | null;
  };
  scenario_feed_within_region: {
    region: string;
    profile: string;
    stream: Text;
    basis: Basis;
    feed: number;
    available: number;
    share: number;
  };
  /** `incomplete`: the estimate lacks statistics for some municipality, rather than the kind altogether. */
  scenario_feed_not_estimated: { region: string; profile: string; stream: Text; incomplete: boolean };
  scenario_feed_not_residue: { stream: Text };
  stored_scenario_invalid: { id: string };
  stored_scenario_unreadable: { id: string };
  stored_scenario_id_differs: { id: string; stored: string };
  // Allocation.
  co2e_price_required: Record<string, never>;
  co2e_price_only_weighted: Record<string, never>;
  candidate_technologies_without_candidates: Record<string, never>;
  /** How transport distances were reckoned: great circle × detour, or a matrix with that for missing pairs. */
  transport_distances: { matrix: boolean; road: boolean };
  region_no_sites: { region: string; file: string };
  site_unknown_technology: { site: string; technology: string };
  supply_unknown_kind: { municipality: string; kind: string };
  site_distance_unknown: { municipality: string; site: string };
  // Actors: what a summary counts, and what its status filter takes out.
  counting_rule: { units: CountUnits; removed: RemovedGroup[] };
  // Statistics.
  harvest_missing: { municipalities: string[]; year: number | null; years: number[] };
  harvest_year_newest: { year: number; years: number[] };
  harvest_year_asked: { year: number };
  // Data files and the store.
  region_report_missing: { region: string; report: string };
  boundary_missing: { municipality: string };
  schema_name_invalid: { schema: string };
  migration_failed: { migration: string; dialect: string; location: string; error: string };
  // Roads, distances and catchments.
  roads_out_of_step: { origins: string; graph: string };
  site_unknown: { id: string; known: string[] };
  // The market platform.
  /** A route that needs a signed-in user, asked without a session. */
  signin_required: Record<string, never>;
  listing_not_found: { id: string };
  match_not_found: { id: string };
  listing_edit_forbidden: { id: string };
  /** Listings for a holder one is not a member of, in a region one does not facilitate. */
  listing_create_forbidden: { region: string };
  /** A region's pipeline, reminders, suggestions or ledger: its facilitator and administrators only. */
  market_region_forbidden: { region: string };
  match_forbidden: { id: string };
  /** An animal by-product category that may not reach the tier ((EC) 1069/2009 art. 12–14). */
  abp_category_forbidden: { category: number; tier: Tier };
  match_receiver_permit: Record<string, never>;
  match_receiver_mattilsynet: Record<string, never>;
  stage_change_invalid: { fromStage: string; toStage: string; allowed: string[] };
  stage_reason_required: { stage: string };
  /** A pair of listings that are not an offer and a wanted listing of the same kind. */
  match_pair_invalid: { offer: string; wanted: string };
  match_excluded: { reason: Message };
  match_target_unknown: { target: string };
  ledger_stage_early: { stage: string; allowed: string[] };
  ledger_evidence_required: Record<string, never>;
  ledger_date_future: { date: string; today: string };
  ledger_not_computable: { kind: string; tier: string };
  estimate_not_found: { orgnr: string; kind: string };
  // Bioparks (domain/parks.ts).
  park_id_twice: { id: string };
  park_id_differs: { id: string; body: string };
  /** version 0: the latest. */
  park_not_found: { id: string; version: number; known: string[] };
  park_flow_process_unknown: { flow: string; process: string; known: string[] };
  park_flow_outside: { flow: string };
  park_flow_self: { flow: string; process: string };
  park_amount_invalid: { flow: string; quantity: string; value: string };
  park_input_not_accepted: {
    flow: string;
    process: string;
    technology: string;
    carries: string;
    accepted: string[];
  };
  park_input_basis_missing: { flow: string; technology: string; quantity: string };
  park_yield_outside: {
    process: string;
    product: string;
    declared: number;
    tonnes: number;
    low: number;
    high: number;
    basis: 'wet' | 'dm';
  };
  park_unbalanced: {
    process: string;
    quantity: string;
    inputs: number;
    outputs: number;
    stockChange: number;
    residual: number;
    unit: string;
  };
  listing_numbers_invalid: { problem: 'low_above' | 'high_below' | 'interval_missing' };
}
