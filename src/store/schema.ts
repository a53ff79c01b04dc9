/**
 * The database schema as Kysely types. One schema for SQLite and PostgreSQL: JSON is stored as
 * text, booleans as 0/1 integers, timestamps as ISO text, so the same queries run on both.
 */
export interface MunicipalityTable {
  number: string;
  name: string;
  county: string;
}

export interface NumberChangeTable {
  from_number: string;
  from_name: string;
  to_number: string;
  to_name: string;
  valid_from: string;
}

export interface RegionTable {
  id: string;
  name: string;
  /** Bokmål, or the one text a person wrote. */
  description: string | null;
  /** English, when the description is in both languages (migration 003). */
  description_en: string | null;
  source: string | null;
  seed_report: string | null;
  /** 1 for regions shipped with the project; 0 for regions users created. */
  builtin: number;
  updated_at: string;
}

export interface RegionMemberTable {
  region_id: string;
  municipality: string;
  sub_region_id: string | null;
  sub_region_name: string | null;
  position: number;
}

export interface DatasetTable {
  id: string;
  title: string;
  year: number;
  year_note: string | null;
  source_json: string;
  variables_json: string;
  /** Where it came from: a data/ file, an SSB table and query, an import id. */
  provenance: string;
  retrieved_at: string;
}

export interface ObservationTable {
  dataset_id: string;
  municipality: string;
  variable: string;
  year: number;
  value: number;
  unit: string;
  number_in_source: string | null;
}

/** Titles, names and notes in these columns are bokmål (for listing and search); body_json has both languages. */
export interface ProfileTable {
  id: string;
  title: string;
  description: string;
  /** The whole profile (coefficients and recipes) as validated JSON. */
  body_json: string;
}

export interface CoefficientTable {
  profile_id: string;
  id: string;
  name: string;
  value: number;
  low: number;
  high: number;
  distribution: string;
  unit: string;
  source_status: string;
  source_citation: string;
  source_url: string | null;
  source_table: string | null;
  region: string;
  year: number;
  calibrated_against: string | null;
}

export interface ResidueKindTable {
  id: string;
  position: number;
  body_json: string;
}

export interface ActorTable {
  orgnr: string;
  /** 'enhet' (legal unit) or 'underenhet' (establishment). */
  unit_type: string;
  parent_orgnr: string | null;
  name: string;
  form: string;
  nace1: string | null;
  nace2: string | null;
  nace3: string | null;
  municipality: string | null;
  postal_place: string | null;
  registered_vat: number;
  bankrupt: number;
  under_liquidation: number;
  under_forced_dissolution: number;
  employees: number | null;
  founded: string | null;
  /** The import that last changed the row. */
  import_id: number | null;
  // Added by migration 002-actors.
  /** The name in upper case, for case-insensitive search on both dialects (æøå included). */
  search_name: string | null;
  /** The municipality number as the register gave it, when it was mapped or could not be. */
  municipality_in_source: string | null;
  /** Address lines of the counted address, joined by a line break. */
  address: string | null;
  postcode: string | null;
  /** registreringsdatoEnhetsregisteret. */
  registered_at: string | null;
  /** nedleggelsesdato (establishments that closed). */
  closed_on: string | null;
  /** When the row last changed: the import's time or the update feed's `dato`. */
  updated_at: string | null;
}

export interface ActorSectorTable {
  orgnr: string;
  sector: string;
}

export interface SiteTable {
  id: string;
  region_id: string | null;
  body_json: string;
}

export interface ScenarioTable {
  id: string;
  name: string;
  builtin: number;
  body_json: string;
  updated_at: string;
}

export interface ImportTable {
  /** Assigned by the store (max + 1 in the same transaction): portable across dialects. */
  id: number;
  kind: string;
  file: string | null;
  status: string;
  started_at: string;
  finished_at: string | null;
  counts_json: string | null;
  message: string | null;
}

export interface ImportLogTable {
  import_id: number;
  seq: number;
  level: string;
  position: string | null;
  /** In English, for logs and programs. */
  message: string;
  /** The line as a catalogue message (JSON), for people in their language (migration 003). */
  detail_json: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface ActorStreamClaimTable {
  orgnr: string;
  kind: string;
  /** 'holds' or 'uses'. */
  direction: string;
  /** Tonnes a year (null for a use without a tonnage). */
  tonnes: number | null;
  low: number | null;
  high: number | null;
  /** Where the stream is, when the company names it (else the actor's municipality). */
  municipality: string | null;
  note: string | null;
  /** Who said it: the company or a facilitator (free text until accounts exist). */
  claimed_by: string;
  claimed_at: string;
}

export interface ActorRoleClaimTable {
  orgnr: string;
  role: string;
  /** 1: the actor has the role; 0: it does not, whatever its NACE codes say. */
  present: number;
  note: string | null;
  claimed_by: string;
  claimed_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  /** e.g. account.signed_in, account.signed_in.failed, account.password_reset. */
  action: string;
  user_id: string | null;
  /** What the action was about (an email address, an organisation …). */
  target: string | null;
  ip: string | null;
  detail_json: string | null;
}

export interface PlatformRoleTable {
  user_id: string;
  /** 'facilitator' (of `region_id`) or 'admin' (region_id ''). */
  role: string;
  region_id: string;
  /** Who granted it (an administrator's user id, or `cli` for the command line). */
  granted_by: string;
  granted_at: string;
}

export interface ListingTable {
  id: string;
  /** offer, partial or wanted. */
  side: string;
  kind: string;
  cycle: string;
  title: string;
  region_id: string;
  municipality: string;
  amount: number;
  /** t or m3, on basis wet or dm, per year, total or delivery. */
  unit: string;
  basis: string;
  per: string;
  /** organisation, facilitators, region or public. */
  visibility: string;
  /** open or closed. */
  state: string;
  holder_orgnr: string | null;
  holder_name: string | null;
  /** 1 when the holder is a company a public list may name. */
  holder_named: number;
  organisation_id: string | null;
  estimated: number;
  /** Recurrence, quality, location detail, price, logistics, legal status, use and estimate (domain/market.ts). */
  detail_json: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export interface MatchTable {
  id: string;
  /** The listing the match was proposed for. */
  listing_id: string;
  /** The other side: listing, actor or site; target_id is its id (a listing id, an orgnr, a site id). */
  target_type: string;
  target_id: string;
  target_name: string | null;
  target_municipality: string | null;
  region_id: string;
  kind: string;
  tier: string | null;
  /** Where the stream comes from (the offer's or the holder's municipality). */
  municipality: string;
  /** What the match was expected to bring a year when proposed. */
  identified_tonnes: number | null;
  identified_nok: number | null;
  identified_co2e: number | null;
  /** The ranked candidate as it was proposed. */
  basis_json: string;
  created_by: string;
  created_at: string;
  seen_by_holder_at: string | null;
  seen_by_target_at: string | null;
}

/** Append-only: a stage change is never updated or deleted. */
export interface MatchStageTable {
  match_id: string;
  seq: number;
  stage: string;
  reason: string | null;
  note: string | null;
  by_user: string;
  at: string;
}

export interface LedgerRecordTable {
  id: string;
  match_id: string;
  date: string;
  tonnes: number;
  nok: number;
  co2e_tonnes: number;
  method: string;
  evidence: string | null;
  basis_json: string | null;
  by_user: string;
  at: string;
}

/** A biopark design, one row per saved version. */
export interface ParkTable {
  id: string;
  version: number;
  /** The design's name in bokmål (for lists). */
  name: string;
  body_json: string;
  /** What changed, in the saver's words. */
  note: string | null;
  saved_at: string;
}

export interface Database {
  municipalities: MunicipalityTable;
  number_changes: NumberChangeTable;
  regions: RegionTable;
  region_members: RegionMemberTable;
  datasets: DatasetTable;
  observations: ObservationTable;
  profiles: ProfileTable;
  coefficients: CoefficientTable;
  residue_kinds: ResidueKindTable;
  actors: ActorTable;
  actor_sectors: ActorSectorTable;
  sites: SiteTable;
  scenarios: ScenarioTable;
  imports: ImportTable;
  import_log: ImportLogTable;
  meta: MetaTable;
  actor_stream_claims: ActorStreamClaimTable;
  actor_role_claims: ActorRoleClaimTable;
  audit_log: AuditLogTable;
  platform_roles: PlatformRoleTable;
  listings: ListingTable;
  matches: MatchTable;
  match_stages: MatchStageTable;
  ledger_records: LedgerRecordTable;
  parks: ParkTable;
}
