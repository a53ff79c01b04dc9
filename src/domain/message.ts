/**
 * What the domain says to a person, as a code with parameters rather than a sentence: every shell
 * renders it in bokmål or English from one catalogue (src/messages/catalogue.ts). The parameters are
 * the facts (ids, numbers, cited rule texts); the words belong to the catalogue.
 */
import type { AppMessageParams } from './messages/app.ts';
import type { IngestMessageParams } from './messages/ingest.ts';
import type { LabelMessageParams } from './messages/labels.ts';
import type { ShellMessageParams } from './messages/shells.ts';
import type { ValueType } from './schema-issues.ts';
import type { Text } from './text.ts';
import type { Tier } from './valuation.ts';

/**
 * Every message Restverdi can give, with the parameters each takes: the domain's own here, the
 * file and data readers' in messages/ingest.ts, the domain's errors, the application's, the store's and the server's in messages/app.ts, the CLI's,
 * the report's and the web app's own in messages/shells.ts,
 * and texts carried by data (labels, rule texts) in messages/labels.ts.
 */
export interface MessageParams
  extends IngestMessageParams,
    AppMessageParams,
    LabelMessageParams,
    ShellMessageParams {
  // Value pyramid: why a tier has no value for a stream.
  tier_closed_by_rule: { kind: string; tier: Tier; regulatoryClass: string; rule: Text; citation: string };
  tier_no_technology: { kind: string; tier: Tier };
  tier_only_emerging: { kind: string; tier: Tier; trl: number; mature: number };
  technology_emerging: { technology: string; trl: number; mature: number };
  route_placeholder: { count: number };
  route_market_full: {
    product: Text;
    scope: 'regional' | 'national' | 'nordic' | 'european' | 'global';
    marketTonnes: number;
    routedTonnes: number;
    streamTonnes: number;
  };
  // Eligibility: why a stream may not take a route.
  eligibility_tier_forbidden: { regulatoryClass: string; tier: Tier; rule: Text };
  eligibility_technology_forbidden: { regulatoryClass: string; technology: string; rule: Text };
  // Allocation: why tonnes are left in their current use, and why a model has no solution.
  unallocated_capacity_full: { sites: string[] };
  unallocated_negative_margin: Record<string, never>;
  unallocated_beyond_radius: Record<string, never>;
  unallocated_no_eligible_site: Record<string, never>;
  infeasible_minimum_intake: { site: string; minimumTonnes: number; basis: string; reachableTonnes: number };
  infeasible_shared_minimums: { sites: string[]; minimumTonnes: number[] };
  allocation_failed: { status: string };
  infeasible_no_solution: Record<string, never>;
  model_unbounded: Record<string, never>;
  /** The solver's own words (`detail`, English) when it stops without an optimum. */
  solver_stopped: { status: string; detail: string };
  // The audit: a stated figure that its stated inputs do not give. What the figure is (`label`), what
  // it is checked against (`what`) and why it is off (`explanation`) are label messages; the terms
  // of a product or a balance carry their own {nb, en} words (units read the same in both).
  audit_sum: { label: Label; stated: number; computed: number; parts: number };
  audit_product: {
    label: Label;
    stated: number;
    computed: number;
    factors: AuditTerm[];
    explanation: Label | null;
  };
  audit_growth: {
    label: Label;
    stated: number;
    computed: number;
    start: number;
    ratePercent: number;
    years: number;
    impliedPercent: number;
  };
  /** A stated end value that fits compounding over one year fewer (a period 2021–2030 on a 2020 base). */
  audit_growth_convention: {
    label: Label;
    stated: number;
    start: number;
    ratePercent: number;
    years: number;
    compoundings: number;
    computed: number;
  };
  audit_range: { label: Label; stated: number; what: Label; low: number; high: number; central: number };
  /** A range check whose reference is the audited report's own figure: no confirmation either way. */
  audit_co2e_counted_twice: { scenario: Text; product: Text; premiumNok: number; co2eTonnes: number };
  audit_range_self: { label: Label; stated: number; what: Label; central: number };
  audit_balance: { label: Label; outputs: AuditTerm[]; outputTotal: number; input: number };
  /** Parts short of the total where the report says the rest is something else ("other forms"). */
  audit_sum_rest: { label: Label; stated: number; computed: number; rest: number; restText: Text };
  /** A product whose stated figure fits another value inside a factor's published range. */
  audit_product_in_range: {
    label: Label;
    stated: number;
    computed: number;
    factor: Text;
    implied: number;
    value: number;
    low: number;
    high: number;
  };
  /** A stated figure against an imported statistic. */
  audit_statistic: { label: Label; stated: number; computed: number; what: Label };
  /** … whose surplus is a category listed under two assortments and counted twice. */
  audit_statistic_double_counted: {
    label: Label;
    stated: number;
    computed: number;
    what: Label;
    listings: { category: string; categoryText: string; m3: number }[];
  };
  audit_share: {
    label: Label;
    statedPercent: number;
    computedPercent: number;
    part: number;
    whole: number;
    what: Label;
  };
  /** A figure called wet (or dry) that fits the estimate on the other basis. */
  audit_basis: {
    label: Label;
    stated: number;
    /** The basis the report states; the figure fits the other one. */
    basis: 'wet' | 'dm';
    wet: number;
    dm: number;
    what: Label;
  };
  /** What the audit could not check, and why. */
  audit_unchecked_harvest: { year: number; years: number[] };
  audit_unchecked_share: { year: number; statedPercent: number; years: number[] };
  audit_unchecked_share_counties: { year: number; statedPercent: number; counties: string[] };
  // Residues: what an estimate lacks.
  missing_statistics: { municipality: string; kind: string; statistics: string[] };
  missing_statistic: { municipality: string; statistic: string; kinds: string[] };
  missing_statistics_for: { municipalities: string[]; statistics: string[]; profile: string };
  // Requests: what a user named that does not exist, or gave in the wrong form.
  unknown_region: { id: string; known: string[] };
  unknown_profile: { id: string; known: string[] };
  unknown_kind: { id: string; known: string[] };
  unknown_municipality_in_region: { input: string; region: string; known: string[]; candidates: string[] };
  invalid_choice: { name: string; input: string; allowed: string[] };
  invalid_integer: { name: string; input: string; min: number; max: number | null };
  // Regions: what is wrong with a region's definition.
  region_invalid: { region: string; problems: number };
  region_id_invalid: { id: string };
  region_name_missing: Record<string, never>;
  region_empty: Record<string, never>;
  region_number_invalid: { input: string };
  region_number_unresolved: { input: string; candidates: string[] };
  region_municipality_unknown: { region: string; municipality: string };
  region_subregion_member_outside: { region: string; municipality: string };
  region_municipality_in_two_subregions: { region: string; municipality: string };
  subregion_name_missing: Record<string, never>;
  subregion_id_invalid: { id: string };
  subregion_empty: { subRegion: string };
  subregion_duplicate_id: { id: string };
  // A field of a file or a request that its schema does not accept (src/domain/schema-issues.ts).
  field_missing: { expected: ValueType };
  field_invalid_type: { expected: ValueType; received: ValueType | null };
  /** `origin` is what is measured: number, string (its length), array (its items) … */
  field_too_small: { origin: string; limit: number; inclusive: boolean };
  field_too_big: { origin: string; limit: number; inclusive: boolean };
  field_invalid_value: { values: string[] };
  field_invalid_format: { format: string; pattern: string };
  field_not_multiple_of: { divisor: number };
  field_unknown: { key: string };
  field_invalid: Record<string, never>;
  /** A request whose `part` (body, query, param, header, cookie) fails its schema; the issues say where. */
  request_invalid: { part: string; problems: number };
}

export type MessageCode = keyof MessageParams;

/** A text built from parameters (src/domain/messages/labels.ts), nested in another message. */
export type Label = Message<keyof LabelMessageParams>;

/** One named figure of an audited product or balance. */
export interface AuditTerm {
  label: Text;
  value: number;
}

export type Message<C extends MessageCode = MessageCode> = {
  [K in C]: { code: K; params: MessageParams[K] };
}[C];

export function message<C extends MessageCode>(code: C, params: MessageParams[C]): Message<C> {
  return { code, params } as Message<C>;
}

/** Is this value a message (for renderers walking an answer)? */
export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { params?: unknown }).params === 'object' &&
    (value as { params?: unknown }).params !== null &&
    !Array.isArray(value)
  );
}
