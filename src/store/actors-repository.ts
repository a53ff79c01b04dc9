/**
 * Actors in the store: the import sink (one transaction; prepared statements on SQLite, chunked
 * multi-row inserts on PostgreSQL, the same SQL around them), and the queries the CLI and the API use:
 * `listActors` and `summariseActors`. Establishments take the status (konkurs, avvikling, VAT) and the
 * organisation form of their legal unit when it is in the store.
 */
import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type {
  Actor,
  ActorImportSink,
  ActorStatusFilter,
  ApplyCounts,
  CountUnits,
  LogLevel,
  UnitType,
} from '../domain/actors.ts';
import { countingRule, countingRuleMessage, REPORT_STATUS_FILTER } from '../domain/actors.ts';
import { type Message, message } from '../domain/message.ts';
import type { Store } from './database.ts';
import { ACTOR_INDEXES } from './migrations.ts';
import { getMeta, insertChunked, setMeta } from './reference-repository.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

const STAGE = 'brreg_stage';
/** Actor columns written by an import, in the order of `actorValues`. */
const COLUMNS = [
  'orgnr',
  'unit_type',
  'parent_orgnr',
  'name',
  'search_name',
  'form',
  'nace1',
  'nace2',
  'nace3',
  'municipality',
  'municipality_in_source',
  'address',
  'postcode',
  'postal_place',
  'registered_vat',
  'bankrupt',
  'under_liquidation',
  'under_forced_dissolution',
  'employees',
  'founded',
  'registered_at',
  'closed_on',
] as const;
const INTEGER_COLUMNS = new Set([
  'registered_vat',
  'bankrupt',
  'under_liquidation',
  'under_forced_dissolution',
  'employees',
]);
/** Columns compared to decide whether a row changed (search_name follows name). */
const COMPARED = COLUMNS.filter((c) => c !== 'orgnr' && c !== 'search_name');

type Value = string | number | null;

function actorValues(a: Actor): Value[] {
  return [
    a.orgnr,
    a.unitType,
    a.parentOrgnr,
    a.name,
    a.name.toUpperCase(),
    a.form,
    a.nace1,
    a.nace2,
    a.nace3,
    a.municipality,
    a.municipalityInSource,
    a.address,
    a.postcode,
    a.postalPlace,
    a.registeredVat ? 1 : 0,
    a.bankrupt ? 1 : 0,
    a.underLiquidation ? 1 : 0,
    a.underForcedDissolution ? 1 : 0,
    a.employees,
    a.founded,
    a.registeredAt,
    a.closedOn,
    JSON.stringify(a.sectors),
  ];
}

const MAX_LOG_LINES = 2000;
const PG_CHUNK = 1000;
/** SQLite page cache during a bulk import into an empty table (negative = KiB): 128 MiB. */
const IMPORT_CACHE_KIB = -131072;

/**
 * An import sink on the store. `now` is the import's time (ISO), passed in so tests can pin it.
 * Nothing is visible to other connections until `commit`; `rollback` leaves every table as it was and
 * then records the failed import (status `failed`, message) in `imports`.
 */
export function openActorImport(store: Store, now: string): ActorImportSink {
  let trx: Awaited<ReturnType<ReturnType<Kysely<Database>['startTransaction']>['execute']>> | undefined;
  let importId = 0;
  let kind = '';
  let file: string | null = null;
  const logs: { level: LogLevel; position: string | null; message: string; detail: Message }[] = [];
  let dropped = 0;
  const pending = new Map<string, Value[]>();
  let insertStage: ((values: Value[]) => void) | undefined;
  /** SQLite into an empty actors table: rows go straight in (see begin). */
  let direct = false;
  let directDone = false;
  let cacheSize: number | undefined;
  const restoreCache = () => {
    if (cacheSize !== undefined) store.sqlite?.pragma(`cache_size = ${cacheSize}`);
    cacheSize = undefined;
  };
  const neq = store.dialect === 'postgres' ? 'is distinct from' : 'is not';

  const tx = () => {
    if (!trx) throw new Error('actor import: begin() was not called');
    return trx;
  };

  async function flushPg(): Promise<void> {
    if (pending.size === 0) return;
    const rows = [...pending.values()];
    pending.clear();
    for (let i = 0; i < rows.length; i += PG_CHUNK) {
      const chunk = rows.slice(i, i + PG_CHUNK);
      await sql`insert into ${sql.table(STAGE)} (${sql.join([...COLUMNS, 'sectors'].map((c) => sql.ref(c)))}) values ${sql.join(
        chunk.map((r) => sql`(${sql.join(r)})`),
      )} on conflict (orgnr) do update set ${sql.join(
        [...COLUMNS.slice(1), 'sectors'].map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
      )}`.execute(tx());
    }
  }

  async function createStage(t: Transaction<Database>): Promise<void> {
    const defs = [...COLUMNS, 'sectors'].map((c) =>
      c === 'orgnr'
        ? sql`orgnr text primary key`
        : sql`${sql.ref(c)} ${sql.raw(INTEGER_COLUMNS.has(c) ? 'integer' : 'text')}`,
    );
    const onCommit = store.dialect === 'postgres' ? ' on commit drop' : '';
    await sql`create temp table ${sql.table(STAGE)} (${sql.join(defs)})${sql.raw(onCommit)}`.execute(t);
  }

  const count = async (query: ReturnType<typeof sql<{ n: number | string }>>): Promise<number> => {
    const r = await query.execute(tx());
    return Number(r.rows[0]?.n ?? 0);
  };

  return {
    async begin(k, f) {
      kind = k;
      file = f;
      trx = await store.db.startTransaction().execute();
      const max = await trx
        .selectFrom('imports')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirst();
      importId = Number(max?.max ?? 0) + 1;
      await trx
        .insertInto('imports')
        .values({
          id: importId,
          kind,
          file,
          status: 'running',
          started_at: now,
          finished_at: null,
          counts_json: null,
          message: null,
        })
        .execute();
      if (store.dialect === 'sqlite' && store.sqlite) {
        const empty = (await count(sql`select count(*) as n from actors`)) === 0;
        if (empty) {
          // Into an empty table: insert straight into actors with the indexes dropped (rebuilt once in
          // apply), no staging and no merge — issue 4: 7 s insert and 3 s index for 1.2 M rows.
          direct = true;
          // A page cache large enough for the index builds (SQLite's default is 2 MiB); set back on commit.
          cacheSize = store.sqlite.pragma('cache_size', { simple: true }) as number;
          store.sqlite.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
          for (const ix of ACTOR_INDEXES) await trx.schema.dropIndex(ix.name).execute();
          const cols = [...COLUMNS, 'import_id', 'updated_at'];
          const insertActor = store.sqlite.prepare(
            `insert or replace into actors (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`,
          );
          const insertSector = store.sqlite.prepare(
            'insert or ignore into actor_sectors (orgnr, sector) values (?, ?)',
          );
          insertStage = (values) => {
            const sectors = values.pop() as string;
            values.push(importId, now);
            insertActor.run(values);
            if (sectors !== '[]')
              for (const sector of JSON.parse(sectors) as string[]) insertSector.run(values[0], sector);
          };
          return importId;
        }
        await createStage(trx);
        const all = [...COLUMNS, 'sectors'];
        const stmt = store.sqlite.prepare(
          `insert or replace into temp.${STAGE} (${all.join(', ')}) values (${all.map(() => '?').join(', ')})`,
        );
        insertStage = (values) => {
          stmt.run(values);
        };
      }
      if (store.dialect === 'postgres') await createStage(trx);
      return importId;
    },

    add(actor) {
      const values = actorValues(actor);
      if (insertStage) insertStage(values);
      else pending.set(actor.orgnr, values);
    },

    async flush() {
      if (!insertStage && pending.size >= PG_CHUNK) await flushPg();
    },

    async remove(orgnrs) {
      let removed = 0;
      for (let i = 0; i < orgnrs.length; i += 500) {
        const part = orgnrs.slice(i, i + 500);
        await tx().deleteFrom('actor_sectors').where('orgnr', 'in', part).execute();
        const r = await tx().deleteFrom('actors').where('orgnr', 'in', part).executeTakeFirst();
        removed += Number(r.numDeletedRows);
      }
      return removed;
    },

    async apply(removeMissingOf): Promise<ApplyCounts> {
      await flushPg();
      const t = tx();
      if (direct) {
        const n = await count(sql`select count(*) as n from actors`);
        for (const ix of ACTOR_INDEXES)
          await t.schema
            .createIndex(ix.name)
            .on(ix.table)
            .columns([...ix.columns])
            .execute();
        direct = false;
        directDone = true;
        return { staged: n, inserted: n, updated: 0, unchanged: 0, removed: 0 };
      }
      const staged = await count(sql`select count(*) as n from ${sql.table(STAGE)}`);
      const before = await count(sql`select count(*) as n from actors`);
      let removed = 0;
      if (removeMissingOf.length > 0) {
        const gone = sql`select orgnr from actors where unit_type in (${sql.join([...removeMissingOf])}) and orgnr not in (select orgnr from ${sql.table(STAGE)})`;
        await sql`delete from actor_sectors where orgnr in (${gone})`.execute(t);
        const r = await sql`delete from actors where orgnr in (${gone})`.execute(t);
        removed = Number(r.numAffectedRows ?? 0);
      }
      const inserted = await count(
        sql`select count(*) as n from ${sql.table(STAGE)} s where not exists (select 1 from actors a where a.orgnr = s.orgnr)`,
      );
      // Into an empty table it is faster to build the indexes once at the end (issue 4: 7 s insert, 3 s index).
      const rebuild = before === 0 && staged > 10_000;
      if (rebuild) for (const ix of ACTOR_INDEXES) await t.schema.dropIndex(ix.name).execute();
      const cols = sql.join(COLUMNS.map((c) => sql.ref(c)));
      const r = await sql`insert into actors (${cols}, import_id, updated_at)
        select ${cols}, ${importId}, ${now} from ${sql.table(STAGE)} where true
        on conflict (orgnr) do update set ${sql.join(
          [...COLUMNS.slice(1), 'import_id', 'updated_at'].map(
            (c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`,
          ),
        )}
        where ${sql.join(
          COMPARED.map((c) => sql`actors.${sql.ref(c)} ${sql.raw(neq)} excluded.${sql.ref(c)}`),
          sql` or `,
        )}`.execute(t);
      const changed = Number(r.numAffectedRows ?? 0);
      await sql`delete from actor_sectors where orgnr in (select orgnr from ${sql.table(STAGE)})`.execute(t);
      const elements =
        store.dialect === 'postgres'
          ? sql`jsonb_array_elements_text(s.sectors::jsonb) as j(value)`
          : sql`json_each(s.sectors) as j`;
      await sql`insert into actor_sectors (orgnr, sector)
        select s.orgnr, j.value from ${sql.table(STAGE)} s, ${elements} where s.sectors <> '[]'`.execute(t);
      if (rebuild)
        for (const ix of ACTOR_INDEXES)
          await t.schema
            .createIndex(ix.name)
            .on(ix.table)
            .columns([...ix.columns])
            .execute();
      await sql`delete from ${sql.table(STAGE)}`.execute(t);
      return { staged, inserted, updated: changed - inserted, unchanged: staged - changed, removed };
    },

    log(level, position, text, detail) {
      if (logs.length < MAX_LOG_LINES) logs.push({ level, position, message: text, detail });
      else dropped++;
    },

    getMeta: (key) => getMeta(tx(), key),
    setMeta: (key, value) => setMeta(tx(), key, value),

    async commit(counts) {
      const t = tx();
      if (dropped > 0)
        logs.push({
          level: 'info',
          position: null,
          message: `${dropped} further log lines not kept (limit ${MAX_LOG_LINES})`,
          detail: message('log_lines_dropped', { count: dropped, limit: MAX_LOG_LINES }),
        });
      await insertChunked(
        t,
        'import_log',
        logs.map((l, seq) => ({
          import_id: importId,
          seq,
          level: l.level,
          position: l.position,
          message: l.message,
          detail_json: JSON.stringify(l.detail),
        })),
      );
      await t
        .updateTable('imports')
        .set({ status: 'ok', finished_at: now, counts_json: JSON.stringify(counts) })
        .where('id', '=', importId)
        .execute();
      if (store.dialect === 'sqlite' && !directDone)
        await sql`drop table temp.${sql.table(STAGE)}`.execute(t);
      await t.commit().execute();
      trx = undefined;
      restoreCache();
    },

    async rollback(message) {
      if (trx) {
        await trx.rollback().execute();
        trx = undefined;
      }
      restoreCache();
      await store.db.transaction().execute(async (t) => {
        const max = await t
          .selectFrom('imports')
          .select((eb) => eb.fn.max('id').as('max'))
          .executeTakeFirst();
        await t
          .insertInto('imports')
          .values({
            id: Number(max?.max ?? 0) + 1,
            kind,
            file,
            status: 'failed',
            started_at: now,
            finished_at: now,
            counts_json: null,
            message,
          })
          .execute();
      });
    },
  };
}

// ── Queries ────────────────────────────────────────────────────────────────────────────────────

export interface ActorQuery {
  /** Today's municipality numbers (a region's members); all municipalities when absent. */
  municipalities?: readonly string[];
  /** A sector id of data/mappings/nace-sectors.json. */
  sector?: string;
  /** Organisation form (an establishment's is its legal unit's when that is in the store). */
  form?: string;
  /** Part of the name (case-insensitive) or an exact organisation number. */
  q?: string;
  /** Legal units, establishments, or both (default). */
  units?: CountUnits;
  /** Which statuses count; the report's filter when absent. */
  status?: ActorStatusFilter;
  /** Units with a naeringskode1–3 starting with one of these (digit groups: 16.10, 38.1, 25). */
  nacePrefixes?: readonly string[];
  /** Only these organisation numbers. */
  orgnrs?: readonly string[];
}

export interface Paging {
  limit: number;
  offset: number;
}

export interface ActorListItem {
  orgnr: string;
  unitType: UnitType;
  parentOrgnr: string | null;
  name: string;
  /** The unit's own form (BEDR/AAFY for establishments). */
  form: string;
  /** The form counted: the legal unit's for an establishment whose legal unit is in the store. */
  countedForm: string;
  nace: string[];
  sectors: string[];
  municipality: string | null;
  address: string | null;
  postcode: string | null;
  postalPlace: string | null;
  registeredVat: boolean;
  bankrupt: boolean;
  underLiquidation: boolean;
  underForcedDissolution: boolean;
  closedOn: string | null;
  employees: number | null;
  founded: string | null;
}

export interface ActorList {
  total: number;
  limit: number;
  offset: number;
  items: ActorListItem[];
}

export interface ActorSummary {
  total: number;
  byForm: Record<string, number>;
  bySector: Record<string, number>;
  /** Per sector, the count by form (the report splits jakt og viltstell and tekstil by form). */
  bySectorForm: Record<string, Record<string, number>>;
  byMunicipality: Record<string, number>;
  byUnitType: Record<string, number>;
  units: CountUnits;
  status: ActorStatusFilter;
  /** In English; `ruleMessage` says it in the user's language. */
  rule: string;
  ruleMessage: Message<'counting_rule'>;
}

function filtered(db: Db, q: ActorQuery) {
  const status = q.status ?? REPORT_STATUS_FILTER;
  const units = q.units ?? 'all';
  let qb = db
    .selectFrom('actors as a')
    .leftJoin('actors as p', (j) =>
      j.onRef('p.orgnr', '=', 'a.parent_orgnr').on('a.unit_type', '=', 'underenhet'),
    );
  if (units !== 'all') qb = qb.where('a.unit_type', '=', units === 'enheter' ? 'enhet' : 'underenhet');
  if (q.municipalities) {
    const list = [...q.municipalities];
    qb = list.length === 0 ? qb.where(sql<SqlBool>`1 = 0`) : qb.where('a.municipality', 'in', list);
  }
  const flag = (col: string): Expression<SqlBool> =>
    sql<SqlBool>`coalesce(${sql.ref(`p.${col}`)}, ${sql.ref(`a.${col}`)}) = 0`;
  if (!status.includeBankrupt) qb = qb.where(flag('bankrupt'));
  if (!status.includeUnderLiquidation) qb = qb.where(flag('under_liquidation'));
  if (!status.includeForcedDissolution) qb = qb.where(flag('under_forced_dissolution'));
  if (!status.includeClosed) qb = qb.where('a.closed_on', 'is', null);
  if (!status.includeNonVat) qb = qb.where(sql<SqlBool>`coalesce(p.registered_vat, a.registered_vat) = 1`);
  if (q.form) qb = qb.where(sql<SqlBool>`coalesce(p.form, a.form) = ${q.form}`);
  if (q.q) {
    const text = q.q.trim();
    qb = qb.where((eb) =>
      eb.or([
        eb('a.search_name', 'like', `%${text.toUpperCase().replace(/[%_\\]/g, '')}%`),
        eb('a.orgnr', '=', text),
      ]),
    );
  }
  if (q.nacePrefixes) {
    const prefixes = [...q.nacePrefixes];
    qb =
      prefixes.length === 0
        ? qb.where(sql<SqlBool>`1 = 0`)
        : qb.where((eb) =>
            eb.or(
              prefixes.flatMap((p) =>
                (['a.nace1', 'a.nace2', 'a.nace3'] as const).map((c) => eb(c, 'like', `${p}%`)),
              ),
            ),
          );
  }
  if (q.orgnrs) {
    const list = [...q.orgnrs];
    qb = list.length === 0 ? qb.where(sql<SqlBool>`1 = 0`) : qb.where('a.orgnr', 'in', list);
  }
  if (q.sector) {
    const sector = q.sector;
    qb = qb.where((eb) =>
      eb.exists(
        eb
          .selectFrom('actor_sectors as s')
          .select('s.orgnr')
          .whereRef('s.orgnr', '=', 'a.orgnr')
          .where('s.sector', '=', sector),
      ),
    );
  }
  return qb;
}

/** Actors matching the query, sorted by municipality, name and organisation number, one page at a time. */
export async function listActors(db: Db, query: ActorQuery, paging: Paging): Promise<ActorList> {
  const base = filtered(db, query);
  const totalRow = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const rows = await base
    .selectAll('a')
    .select(sql<string>`coalesce(p.form, a.form)`.as('counted_form'))
    .orderBy('a.municipality')
    .orderBy('a.name')
    .orderBy('a.orgnr')
    .limit(paging.limit)
    .offset(paging.offset)
    .execute();
  const sectors = new Map<string, string[]>();
  if (rows.length > 0) {
    const s = await db
      .selectFrom('actor_sectors')
      .select(['orgnr', 'sector'])
      .where(
        'orgnr',
        'in',
        rows.map((r) => r.orgnr),
      )
      .orderBy('orgnr')
      .orderBy('sector')
      .execute();
    for (const x of s) sectors.set(x.orgnr, [...(sectors.get(x.orgnr) ?? []), x.sector]);
  }
  return {
    total: Number(totalRow?.n ?? 0),
    limit: paging.limit,
    offset: paging.offset,
    items: rows.map((r) => ({
      orgnr: r.orgnr,
      unitType: r.unit_type as UnitType,
      parentOrgnr: r.parent_orgnr,
      name: r.name,
      form: r.form,
      countedForm: r.counted_form,
      nace: [r.nace1, r.nace2, r.nace3].filter((c): c is string => c !== null),
      sectors: sectors.get(r.orgnr) ?? [],
      municipality: r.municipality,
      address: r.address,
      postcode: r.postcode,
      postalPlace: r.postal_place,
      registeredVat: r.registered_vat === 1,
      bankrupt: r.bankrupt === 1,
      underLiquidation: r.under_liquidation === 1,
      underForcedDissolution: r.under_forced_dissolution === 1,
      closedOn: r.closed_on,
      employees: r.employees,
      founded: r.founded,
    })),
  };
}

function toRecord(rows: { key: string | null; n: number | string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.key ?? '(none)'] = Number(r.n);
  return out;
}

/**
 * Counts the actors a query matches: in total, by form, by sector (an actor in two sectors counts in
 * each), by municipality and by unit type, with the counting rule in words.
 */
export async function summariseActors(db: Db, query: ActorQuery): Promise<ActorSummary> {
  const base = filtered(db, query);
  const total = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const form = sql<string>`coalesce(p.form, a.form)`;
  const byForm = await base
    .select([form.as('key'), (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(form)
    .orderBy(form)
    .execute();
  const byMunicipality = await base
    .select(['a.municipality as key', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('a.municipality')
    .orderBy('a.municipality')
    .execute();
  const byUnitType = await base
    .select(['a.unit_type as key', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('a.unit_type')
    .orderBy('a.unit_type')
    .execute();
  const bySectorForm = await base
    .innerJoin('actor_sectors as s', 's.orgnr', 'a.orgnr')
    .select(['s.sector as sector', form.as('form'), (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['s.sector', form])
    .orderBy('s.sector')
    .orderBy(form)
    .execute();
  const bySector: Record<string, number> = {};
  const sectorForm: Record<string, Record<string, number>> = {};
  for (const r of bySectorForm) {
    bySector[r.sector] = (bySector[r.sector] ?? 0) + Number(r.n);
    sectorForm[r.sector] = { ...(sectorForm[r.sector] ?? {}), [r.form]: Number(r.n) };
  }
  const units = query.units ?? 'all';
  const status = query.status ?? REPORT_STATUS_FILTER;
  return {
    total: Number(total?.n ?? 0),
    byForm: toRecord(byForm),
    bySector,
    bySectorForm: sectorForm,
    byMunicipality: toRecord(byMunicipality),
    byUnitType: toRecord(byUnitType),
    units,
    status,
    rule: countingRule(units, status),
    ruleMessage: countingRuleMessage(units, status),
  };
}

/** Reads one actor by organisation number (any status), or undefined. */
export async function findActor(db: Db, orgnr: string): Promise<ActorListItem | undefined> {
  const list = await listActors(
    db,
    {
      q: orgnr,
      status: {
        includeBankrupt: true,
        includeUnderLiquidation: true,
        includeForcedDissolution: true,
        includeClosed: true,
        includeNonVat: true,
      },
    },
    { limit: 50, offset: 0 },
  );
  return list.items.find((i) => i.orgnr === orgnr);
}

/** Which of these legal units have establishments (underenheter) in the store. */
export async function withEstablishments(db: Db, orgnrs: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < orgnrs.length; i += 500) {
    const chunk = orgnrs.slice(i, i + 500);
    const rows = await db
      .selectFrom('actors')
      .select('parent_orgnr')
      .distinct()
      .where('unit_type', '=', 'underenhet')
      .where('parent_orgnr', 'in', chunk)
      .execute();
    for (const r of rows) if (r.parent_orgnr) out.add(r.parent_orgnr);
  }
  return out;
}
