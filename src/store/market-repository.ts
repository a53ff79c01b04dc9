/**
 * The market platform's rows: listings, matches, the append-only log of a match's stages, and the
 * ledger's records. No rule lives here (domain/market.ts has them); the stage log and the ledger are
 * only ever inserted into.
 */
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import type { LedgerRecord, Listing, Stage, StageChange } from '../domain/market.ts';
import type { Tier } from '../domain/valuation.ts';
import type { Database, ListingTable, MatchTable } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

type ListingDetail = Pick<
  Listing,
  'recurrence' | 'quality' | 'price' | 'logistics' | 'legal' | 'use' | 'estimate' | 'note'
> & {
  address: string | null;
  low: number | null;
  high: number | null;
};

function listingRow(l: Listing): ListingTable {
  const detail: ListingDetail = {
    recurrence: l.recurrence,
    quality: l.quality,
    price: l.price,
    logistics: l.logistics,
    legal: l.legal,
    use: l.use,
    estimate: l.estimate,
    note: l.note,
    address: l.location.address,
    low: l.quantity.low,
    high: l.quantity.high,
  };
  return {
    id: l.id,
    side: l.side,
    kind: l.kind,
    cycle: l.cycle,
    title: l.title,
    region_id: l.region,
    municipality: l.location.municipality,
    amount: l.quantity.amount,
    unit: l.quantity.unit,
    basis: l.quantity.basis,
    per: l.quantity.per,
    visibility: l.visibility,
    state: l.state,
    holder_orgnr: l.holder.orgnr,
    holder_name: l.holder.name,
    holder_named: l.holder.named ? 1 : 0,
    organisation_id: l.holder.organisationId,
    estimated: l.estimated ? 1 : 0,
    detail_json: JSON.stringify(detail),
    created_by: l.createdBy,
    created_at: l.createdAt,
    updated_by: l.updatedBy,
    updated_at: l.updatedAt,
  };
}

function toListing(r: ListingTable): Listing {
  const d = JSON.parse(r.detail_json) as ListingDetail;
  return {
    id: r.id,
    side: r.side as Listing['side'],
    kind: r.kind,
    cycle: r.cycle as Listing['cycle'],
    title: r.title,
    quantity: {
      amount: Number(r.amount),
      unit: r.unit as Listing['quantity']['unit'],
      basis: r.basis as Listing['quantity']['basis'],
      per: r.per as Listing['quantity']['per'],
      low: d.low,
      high: d.high,
    },
    recurrence: d.recurrence,
    quality: d.quality,
    location: { municipality: r.municipality, address: d.address },
    price: d.price,
    logistics: d.logistics,
    legal: d.legal,
    use: d.use,
    estimated: Number(r.estimated) === 1,
    estimate: d.estimate,
    visibility: r.visibility as Listing['visibility'],
    region: r.region_id,
    holder: {
      orgnr: r.holder_orgnr,
      name: r.holder_name,
      named: Number(r.holder_named) === 1,
      organisationId: r.organisation_id,
    },
    note: d.note,
    state: r.state as Listing['state'],
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

export async function insertListing(db: Db, l: Listing): Promise<void> {
  await db.insertInto('listings').values(listingRow(l)).execute();
}

export async function updateListing(db: Db, l: Listing): Promise<void> {
  const { id, created_by, created_at, ...rest } = listingRow(l);
  await db.updateTable('listings').set(rest).where('id', '=', id).execute();
}

export async function getListing(db: Db, id: string): Promise<Listing | undefined> {
  const row = await db.selectFrom('listings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toListing(row) : undefined;
}

export interface ListingFilter {
  region?: string | undefined;
  kind?: string | undefined;
  side?: Listing['side'] | undefined;
  municipality?: string | undefined;
  state?: Listing['state'] | undefined;
  /** Words in the title (case-insensitive). */
  q?: string | undefined;
  /**
   * Only the listings that could be visible to a viewer: at one of these visibilities, or held by
   * one of these organisations (id or orgnr), or created by this user. A prefilter: the domain's rule
   * decides on what it returns.
   */
  visibleTo?:
    | { visibilities: string[]; organisationIds: string[]; orgnrs: string[]; userId: string | null }
    | undefined;
}

/** Listings by filter, newest first (at most `limit`); who may see which is the domain's to decide. */
export async function findListings(
  db: Db,
  f: ListingFilter & { visibility?: Listing['visibility'] | undefined; limit?: number | undefined },
): Promise<Listing[]> {
  let q = db.selectFrom('listings').selectAll().where(matching(f));
  if (f.visibility) q = q.where('visibility', '=', f.visibility);
  if (f.limit !== undefined) q = q.limit(f.limit);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toListing);
}

/** How many listings a filter finds. */
export async function countListings(db: Db, f: ListingFilter): Promise<number> {
  const row = await db
    .selectFrom('listings')
    .where(matching(f))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The filter as one condition (every part of it must hold). */
function matching(f: ListingFilter) {
  return (eb: ExpressionBuilder<Database, 'listings'>) => {
    const all: Expression<SqlBool>[] = [];
    if (f.region) all.push(eb('region_id', '=', f.region));
    if (f.kind) all.push(eb('kind', '=', f.kind));
    if (f.side) all.push(eb('side', '=', f.side));
    if (f.municipality) all.push(eb('municipality', '=', f.municipality));
    if (f.state) all.push(eb('state', '=', f.state));
    const words = f.q
      ?.toLowerCase()
      .replace(/[%_\\]/g, ' ')
      .trim();
    if (words) all.push(eb(eb.fn('lower', ['title']), 'like', `%${words}%`));
    const v = f.visibleTo;
    if (v)
      all.push(
        eb.or([
          ...(v.visibilities.length ? [eb('visibility', 'in', v.visibilities)] : []),
          ...(v.organisationIds.length ? [eb('organisation_id', 'in', v.organisationIds)] : []),
          ...(v.orgnrs.length ? [eb('holder_orgnr', 'in', v.orgnrs)] : []),
          ...(v.userId ? [eb('created_by', '=', v.userId)] : []),
        ]),
      );
    return eb.and(all);
  };
}

// ── Matches ─────────────────────────────────────────────────────────────────────────────────────

export interface StoredMatch {
  id: string;
  listingId: string;
  target: {
    type: 'listing' | 'actor' | 'site';
    id: string;
    name: string | null;
    municipality: string | null;
  };
  region: string;
  kind: string;
  tier: Tier | null;
  municipality: string;
  identified: { tonnesPerYear: number | null; nokPerYear: number | null; co2eTonnesPerYear: number | null };
  basis: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  seenByHolderAt: string | null;
  seenByTargetAt: string | null;
  log: StageChange[];
}

const num = (v: number | null) => (v === null ? null : Number(v));

function toMatch(r: MatchTable, log: StageChange[]): StoredMatch {
  return {
    id: r.id,
    listingId: r.listing_id,
    target: {
      type: r.target_type as StoredMatch['target']['type'],
      id: r.target_id,
      name: r.target_name,
      municipality: r.target_municipality,
    },
    region: r.region_id,
    kind: r.kind,
    tier: r.tier as Tier | null,
    municipality: r.municipality,
    identified: {
      tonnesPerYear: num(r.identified_tonnes),
      nokPerYear: num(r.identified_nok),
      co2eTonnesPerYear: num(r.identified_co2e),
    },
    basis: JSON.parse(r.basis_json) as Record<string, unknown>,
    createdBy: r.created_by,
    createdAt: r.created_at,
    seenByHolderAt: r.seen_by_holder_at,
    seenByTargetAt: r.seen_by_target_at,
    log,
  };
}

export async function insertMatch(db: Db, m: Omit<StoredMatch, 'log'>, first: StageChange): Promise<void> {
  await db
    .insertInto('matches')
    .values({
      id: m.id,
      listing_id: m.listingId,
      target_type: m.target.type,
      target_id: m.target.id,
      target_name: m.target.name,
      target_municipality: m.target.municipality,
      region_id: m.region,
      kind: m.kind,
      tier: m.tier,
      municipality: m.municipality,
      identified_tonnes: m.identified.tonnesPerYear,
      identified_nok: m.identified.nokPerYear,
      identified_co2e: m.identified.co2eTonnesPerYear,
      basis_json: JSON.stringify(m.basis),
      created_by: m.createdBy,
      created_at: m.createdAt,
      seen_by_holder_at: m.seenByHolderAt,
      seen_by_target_at: m.seenByTargetAt,
    })
    .execute();
  await appendStage(db, m.id, first);
}

/** Appends a stage change after the last one (the primary key refuses two writers taking the same place). */
export async function appendStage(db: Db, matchId: string, s: StageChange): Promise<void> {
  const last = await db
    .selectFrom('match_stages')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('match_id', '=', matchId)
    .executeTakeFirst();
  await db
    .insertInto('match_stages')
    .values({
      match_id: matchId,
      seq: Number(last?.seq ?? 0) + 1,
      stage: s.stage,
      reason: s.reason,
      note: s.note,
      by_user: s.by,
      at: s.at,
    })
    .execute();
}

export async function markSeen(
  db: Db,
  matchId: string,
  party: 'holder' | 'target',
  at: string,
): Promise<void> {
  const column = party === 'holder' ? 'seen_by_holder_at' : 'seen_by_target_at';
  await db
    .updateTable('matches')
    .set({ [column]: at })
    .where('id', '=', matchId)
    .where(column, 'is', null)
    .execute();
}

async function logsOf(db: Db, ids: string[]): Promise<Map<string, StageChange[]>> {
  const out = new Map<string, StageChange[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('match_stages')
    .selectAll()
    .where('match_id', 'in', ids)
    .orderBy('match_id')
    .orderBy('seq')
    .execute();
  for (const r of rows) {
    const list = out.get(r.match_id) ?? [];
    list.push({ stage: r.stage as Stage, reason: r.reason, note: r.note, by: r.by_user, at: r.at });
    out.set(r.match_id, list);
  }
  return out;
}

export async function getMatch(db: Db, id: string): Promise<StoredMatch | undefined> {
  const row = await db.selectFrom('matches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return toMatch(row, (await logsOf(db, [id])).get(id) ?? []);
}

export async function findMatches(
  db: Db,
  f: { region?: string | undefined; listing?: string | undefined },
): Promise<StoredMatch[]> {
  let q = db.selectFrom('matches').selectAll();
  if (f.region) q = q.where('region_id', '=', f.region);
  if (f.listing) {
    const id = f.listing;
    q = q.where((eb) =>
      eb.or([
        eb('listing_id', '=', id),
        eb.and([eb('target_type', '=', 'listing'), eb('target_id', '=', id)]),
      ]),
    );
  }
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  const logs = await logsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toMatch(r, logs.get(r.id) ?? []));
}

// ── The ledger ──────────────────────────────────────────────────────────────────────────────────

export async function insertLedgerRecord(db: Db, r: LedgerRecord): Promise<void> {
  await db
    .insertInto('ledger_records')
    .values({
      id: r.id,
      match_id: r.matchId,
      date: r.date,
      tonnes: r.tonnes,
      nok: r.nok,
      co2e_tonnes: r.co2eTonnes,
      method: r.method,
      evidence: r.evidence,
      basis_json: r.basis ? JSON.stringify(r.basis) : null,
      by_user: r.by,
      at: r.at,
    })
    .execute();
}

export async function ledgerRecords(db: Db, matchIds: string[]): Promise<LedgerRecord[]> {
  if (matchIds.length === 0) return [];
  const rows = await db
    .selectFrom('ledger_records')
    .selectAll()
    .where('match_id', 'in', matchIds)
    .orderBy('date')
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    matchId: r.match_id,
    date: r.date,
    tonnes: Number(r.tonnes),
    nok: Number(r.nok),
    co2eTonnes: Number(r.co2e_tonnes),
    method: r.method as LedgerRecord['method'],
    evidence: r.evidence,
    basis: r.basis_json ? (JSON.parse(r.basis_json) as LedgerRecord['basis']) : null,
    by: r.by_user,
    at: r.at,
  }));
}
