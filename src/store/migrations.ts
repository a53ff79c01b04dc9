/**
 * Migrations in code, in order. Kysely's migrator records what ran and returns a result per
 * migration; it never half-applies one (each runs in a transaction on both dialects).
 */
import { type Kysely, type Migration, type MigrationProvider, PostgresAdapter, sql } from 'kysely';
import { migrateAccounts } from './accounts-schema.ts';

const text = 'text';
const real = 'double precision';

async function m001(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('municipalities')
    .addColumn('number', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('county', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('number_changes')
    .addColumn('from_number', text, (c) => c.notNull())
    .addColumn('from_name', text, (c) => c.notNull())
    .addColumn('to_number', text, (c) => c.notNull())
    .addColumn('to_name', text, (c) => c.notNull())
    .addColumn('valid_from', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('number_changes_pk', ['from_number', 'to_number', 'valid_from'])
    .execute();
  await db.schema
    .createTable('regions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('description', text)
    .addColumn('source', text)
    .addColumn('seed_report', text)
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('region_members')
    .addColumn('region_id', text, (c) => c.notNull().references('regions.id').onDelete('cascade'))
    .addColumn('municipality', text, (c) => c.notNull().references('municipalities.number'))
    .addColumn('sub_region_id', text)
    .addColumn('sub_region_name', text)
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('region_members_pk', ['region_id', 'municipality'])
    .execute();
  await db.schema
    .createTable('datasets')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('year_note', text)
    .addColumn('source_json', text, (c) => c.notNull())
    .addColumn('variables_json', text, (c) => c.notNull())
    .addColumn('provenance', text, (c) => c.notNull())
    .addColumn('retrieved_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('observations')
    .addColumn('dataset_id', text, (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('municipality', text, (c) => c.notNull())
    .addColumn('variable', text, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', real, (c) => c.notNull())
    .addColumn('unit', text, (c) => c.notNull())
    .addColumn('number_in_source', text)
    .addPrimaryKeyConstraint('observations_pk', ['dataset_id', 'municipality', 'variable', 'year'])
    .execute();
  await db.schema
    .createIndex('observations_by_municipality')
    .on('observations')
    .columns(['municipality', 'variable'])
    .execute();
  await db.schema
    .createTable('profiles')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('body_json', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('coefficients')
    .addColumn('profile_id', text, (c) => c.notNull().references('profiles.id').onDelete('cascade'))
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('value', real, (c) => c.notNull())
    .addColumn('low', real, (c) => c.notNull())
    .addColumn('high', real, (c) => c.notNull())
    .addColumn('distribution', text, (c) => c.notNull())
    .addColumn('unit', text, (c) => c.notNull())
    .addColumn('source_status', text, (c) => c.notNull())
    .addColumn('source_citation', text, (c) => c.notNull())
    .addColumn('source_url', text)
    .addColumn('source_table', text)
    .addColumn('region', text, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('calibrated_against', text)
    .addPrimaryKeyConstraint('coefficients_pk', ['profile_id', 'id'])
    .execute();
  await db.schema
    .createTable('residue_kinds')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('body_json', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('actors')
    .addColumn('orgnr', text, (c) => c.primaryKey())
    .addColumn('unit_type', text, (c) => c.notNull())
    .addColumn('parent_orgnr', text)
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('form', text, (c) => c.notNull())
    .addColumn('nace1', text)
    .addColumn('nace2', text)
    .addColumn('nace3', text)
    .addColumn('municipality', text)
    .addColumn('postal_place', text)
    .addColumn('registered_vat', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bankrupt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('under_liquidation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('under_forced_dissolution', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('employees', 'integer')
    .addColumn('founded', text)
    .addColumn('import_id', 'integer')
    .execute();
  await db.schema
    .createIndex('actors_by_municipality')
    .on('actors')
    .columns(['municipality', 'form'])
    .execute();
  await db.schema
    .createTable('sites')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('region_id', text)
    .addColumn('body_json', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('scenarios')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('body_json', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('imports')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('file', text)
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('started_at', text, (c) => c.notNull())
    .addColumn('finished_at', text)
    .addColumn('counts_json', text)
    .addColumn('message', text)
    .execute();
  await db.schema
    .createTable('import_log')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('level', text, (c) => c.notNull())
    .addColumn('position', text)
    .addColumn('message', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_log_pk', ['import_id', 'seq'])
    .execute();
  await db.schema
    .createTable('meta')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('value', text, (c) => c.notNull())
    .execute();
  await sql`select 1`.execute(db);
}

/** Secondary indexes of the actors tables; a bulk import into an empty table drops and rebuilds them. */
export const ACTOR_INDEXES = [
  { name: 'actors_by_municipality', table: 'actors', columns: ['municipality', 'form'] },
  { name: 'actors_by_parent', table: 'actors', columns: ['parent_orgnr'] },
  { name: 'actors_by_type_municipality', table: 'actors', columns: ['unit_type', 'municipality'] },
  { name: 'actor_sectors_by_sector', table: 'actor_sectors', columns: ['sector', 'orgnr'] },
] as const;

/** Actors from Enhetsregisteret (issue 4): address, register dates, search name, sectors. */
async function m002(db: Kysely<unknown>): Promise<void> {
  for (const column of [
    'search_name',
    'municipality_in_source',
    'address',
    'postcode',
    'registered_at',
    'closed_on',
    'updated_at',
  ]) {
    await db.schema.alterTable('actors').addColumn(column, text).execute();
  }
  await db.schema
    .createTable('actor_sectors')
    .addColumn('orgnr', text, (c) => c.notNull())
    .addColumn('sector', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('actor_sectors_pk', ['orgnr', 'sector'])
    .execute();
  for (const ix of ACTOR_INDEXES) {
    if (ix.name === 'actors_by_municipality') continue; // created by 001
    await db.schema
      .createIndex(ix.name)
      .on(ix.table)
      .columns([...ix.columns])
      .execute();
  }
}

/**
 * Texts in two languages (issue 12): a region's description is bokmål in `description` and English
 * in `description_en` (a description a person wrote in one text has none); an import's log line keeps
 * its catalogue message beside the English line, so the shells can say it in the reader's language.
 */
async function m003(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('regions').addColumn('description_en', text).execute();
  await db.schema.alterTable('import_log').addColumn('detail_json', text).execute();
}

/**
 * What companies and facilitators say about an actor (issue 16): a stream it confirms or corrects
 * (tonnes a year with a range, or a use), and a technical-cycle role added to or taken from what its
 * NACE codes give. The estimate stays beside it; these win where they exist.
 */
async function m004(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('actor_stream_claims')
    .addColumn('orgnr', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('direction', text, (c) => c.notNull())
    .addColumn('tonnes', real)
    .addColumn('low', real)
    .addColumn('high', real)
    .addColumn('municipality', text)
    .addColumn('note', text)
    .addColumn('claimed_by', text, (c) => c.notNull())
    .addColumn('claimed_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('actor_stream_claims_pk', ['orgnr', 'kind', 'direction'])
    .execute();
  await db.schema
    .createTable('actor_role_claims')
    .addColumn('orgnr', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('note', text)
    .addColumn('claimed_by', text, (c) => c.notNull())
    .addColumn('claimed_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('actor_role_claims_pk', ['orgnr', 'role'])
    .execute();
}

/** PostgreSQL or SQLite, from the connection a migration runs on. */
function dialectOf(db: Kysely<unknown>): 'sqlite' | 'postgres' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Accounts (issue 17): better-auth's tables for email and password sign-in, sessions, verification
 * tokens and rate limits (created by better-auth's own migration from the options that shape them,
 * src/app/accounts.ts), and the audit log of who did what.
 */
async function m005(db: Kysely<unknown>): Promise<void> {
  await migrateAccounts(db, dialectOf(db));
  await db.schema
    .createTable('audit_log')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('user_id', text)
    .addColumn('target', text)
    .addColumn('ip', text)
    .addColumn('detail_json', text)
    .execute();
  await db.schema.createIndex('audit_log_by_at').on('audit_log').columns(['at']).execute();
}

/**
 * Organisations and roles (issue 17): better-auth's organisation tables (organization with the
 * register unit's orgnr, member, invitation) and the platform's roles: a regional facilitator (of one
 * region) or an administrator, granted by an administrator.
 */
async function m006(db: Kysely<unknown>): Promise<void> {
  await migrateAccounts(db, dialectOf(db));
  await db.schema
    .createTable('platform_roles')
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('region_id', text, (c) => c.notNull())
    .addColumn('granted_by', text, (c) => c.notNull())
    .addColumn('granted_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('platform_roles_pk', ['user_id', 'role', 'region_id'])
    .execute();
}

/** The market platform: listings, matches, their append-only stage log, and the ledger of realised benefit. */
async function m007(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('listings')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('side', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('cycle', text, (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('region_id', text, (c) => c.notNull())
    .addColumn('municipality', text, (c) => c.notNull())
    .addColumn('amount', real, (c) => c.notNull())
    .addColumn('unit', text, (c) => c.notNull())
    .addColumn('basis', text, (c) => c.notNull())
    .addColumn('per', text, (c) => c.notNull())
    .addColumn('visibility', text, (c) => c.notNull())
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('holder_orgnr', text)
    .addColumn('holder_name', text)
    .addColumn('holder_named', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', text)
    .addColumn('estimated', 'integer', (c) => c.notNull())
    .addColumn('detail_json', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('listings_region_kind').on('listings').columns(['region_id', 'kind']).execute();
  await db.schema
    .createTable('matches')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('listing_id', text, (c) => c.notNull().references('listings.id'))
    .addColumn('target_type', text, (c) => c.notNull())
    .addColumn('target_id', text, (c) => c.notNull())
    .addColumn('target_name', text)
    .addColumn('target_municipality', text)
    .addColumn('region_id', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('tier', text)
    .addColumn('municipality', text, (c) => c.notNull())
    .addColumn('identified_tonnes', real)
    .addColumn('identified_nok', real)
    .addColumn('identified_co2e', real)
    .addColumn('basis_json', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('seen_by_holder_at', text)
    .addColumn('seen_by_target_at', text)
    .execute();
  await db.schema.createIndex('matches_region').on('matches').column('region_id').execute();
  await db.schema
    .createTable('match_stages')
    .addColumn('match_id', text, (c) => c.notNull().references('matches.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('stage', text, (c) => c.notNull())
    .addColumn('reason', text)
    .addColumn('note', text)
    .addColumn('by_user', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('match_stages_pk', ['match_id', 'seq'])
    .execute();
  await db.schema
    .createTable('ledger_records')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('match_id', text, (c) => c.notNull().references('matches.id'))
    .addColumn('date', text, (c) => c.notNull())
    .addColumn('tonnes', real, (c) => c.notNull())
    .addColumn('nok', real, (c) => c.notNull())
    .addColumn('co2e_tonnes', real, (c) => c.notNull())
    .addColumn('method', text, (c) => c.notNull())
    .addColumn('evidence', text)
    .addColumn('basis_json', text)
    .addColumn('by_user', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_records_match').on('ledger_records').column('match_id').execute();
}

/** Biopark designs, every save a new version (a design is never overwritten). */
async function m008(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('parks')
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('body_json', text, (c) => c.notNull())
    .addColumn('note', text)
    .addColumn('saved_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('parks_pk', ['id', 'version'])
    .execute();
}

export const MIGRATIONS: Record<string, Migration> = {
  '001-initial': { up: m001 },
  '002-actors': { up: m002 },
  '003-texts': { up: m003 },
  '004-actor-claims': { up: m004 },
  '005-accounts': { up: m005 },
  '006-organisations-roles': { up: m006 },
  '007-market': { up: m007 },
  '008-parks': { up: m008 },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
