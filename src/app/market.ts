/**
 * The market platform: listings (started from Restverdi's estimate where it has one), the matches
 * an offer or a wanted listing could make, the facilitation pipeline and the ledger of realised
 * benefit. Every write checks the viewer's rights (domain/market.ts) and goes to the audit log in the
 * same transaction.
 */
import { randomUUID } from 'node:crypto';
import { type KindInfo, kindInfos, namedPublicly, reachIndex } from '../domain/actor-streams.ts';
import { siteKinds } from '../domain/allocation/sites.ts';
import { AppError } from '../domain/errors.ts';
import {
  aggregatePublic,
  allowedNext,
  type Candidate,
  checkStageChange,
  computedBenefit,
  currentStage,
  dashboard,
  facilitates,
  isAdmin,
  LEDGER_STAGES,
  type LedgerRecord,
  type Listing,
  type ListingSide,
  listingAccess,
  type MarketViewer,
  mayCreateListing,
  mayEditListing,
  pairEligibility,
  publicListing,
  type RankedCandidate,
  rankCandidates,
  remindersDue,
  type Stage,
  sumRecords,
  type TierEconomics,
  tierRankOf,
  tonnesPerYear,
  type Visibility,
} from '../domain/market.ts';
import { message } from '../domain/message.ts';
import { valuePyramid } from '../domain/pyramid.ts';
import { findRegion } from '../domain/regions.ts';
import { textIn } from '../domain/text.ts';
import { isTier, type Tier } from '../domain/valuation.ts';
import { writeAudit } from '../store/audit-repository.ts';
import {
  appendStage,
  countListings,
  findListings,
  findMatches,
  getListing,
  getMatch,
  insertLedgerRecord,
  insertListing,
  insertMatch,
  type ListingFilter,
  ledgerRecords,
  markSeen,
  type StoredMatch,
  updateListing,
} from '../store/market-repository.ts';
import { organisationByOrgnr } from '../store/roles-repository.ts';
import { DEFAULT_WITHIN_KM, holdersOf, mayListPersons, streamsOfActor, usersOf } from './actor-streams.ts';
import type { Workspace } from './workspace.ts';

/** Who asks, and from where (for the audit log). */
export interface Asker {
  viewer: MarketViewer & { user: { id: string; email?: string } | null };
  ip: string | null;
}

/** The command line on the server's machine: an administrator of every region. */
export const CLI_ASKER: Asker = {
  viewer: { user: { id: 'cli' }, roles: [{ role: 'admin', region: null }], organisations: [] },
  ip: null,
};

function signedIn(a: Asker): string {
  if (!a.viewer.user)
    throw new AppError('unauthenticated', 'sign in first', { detail: message('signin_required', {}) });
  return a.viewer.user.id;
}

function requireFacilitator(a: Asker, region: string): string {
  const id = signedIn(a);
  if (!facilitates(a.viewer, region))
    throw new AppError('forbidden', `only the facilitator of ${region} and administrators`, {
      detail: message('market_region_forbidden', { region }),
    });
  return id;
}

function kindsOf(ws: Workspace): Map<string, KindInfo> {
  return new Map(kindInfos(ws.files.reference().kinds, ws.files.actorStreams()).map((k) => [k.id, k]));
}

function kindInfo(ws: Workspace, id: string): KindInfo {
  const kinds = kindsOf(ws);
  const k = kinds.get(id);
  if (!k)
    throw new AppError('unknown_kind', `no stream kind "${id}"`, {
      detail: message('unknown_kind', { id, known: [...kinds.keys()] }),
    });
  return k;
}

// ── Listings ────────────────────────────────────────────────────────────────────────────────────

export interface ListingInput {
  side: ListingSide;
  kind: string;
  region: string;
  title?: string | undefined;
  quantity: Omit<Listing['quantity'], 'low' | 'high'> & { low?: number | null; high?: number | null };
  recurrence?: Partial<Listing['recurrence']> | undefined;
  quality?: Partial<Listing['quality']> | undefined;
  location: { municipality: string; address?: string | null | undefined };
  price?: Partial<Listing['price']> | undefined;
  logistics?: Listing['logistics'] | undefined;
  legal?: Partial<Listing['legal']> | undefined;
  use?: { tier?: Tier | null | undefined; technology?: string | null | undefined } | undefined;
  visibility?: Visibility | undefined;
  /** The holder: an organisation the viewer is a member of, or a register unit (facilitators). */
  holder?: { organisationId?: string | undefined; orgnr?: string | undefined } | undefined;
  note?: string | null | undefined;
}

async function resolveHolder(
  ws: Workspace,
  a: Asker,
  region: string,
  h: ListingInput['holder'],
): Promise<Listing['holder']> {
  const catalogue = ws.files.actorStreams();
  const orgs = a.viewer.organisations;
  let orgnr = h?.orgnr ?? null;
  let organisationId: string | null = null;
  if (h?.organisationId) {
    const own = orgs.find((o) => o.id === h.organisationId);
    if (!own)
      throw new AppError('forbidden', `not a member of organisation ${h.organisationId}`, {
        detail: message('listing_create_forbidden', { region }),
      });
    organisationId = own.id;
    orgnr = own.orgnr || orgnr;
  } else if (!orgnr && orgs.length === 1) {
    organisationId = orgs[0]?.id ?? null;
    orgnr = orgs[0]?.orgnr || null;
  }
  if (!orgnr) return { orgnr: null, name: null, named: false, organisationId };
  if (!organisationId) organisationId = (await organisationByOrgnr(ws.store.db, orgnr))?.id ?? null;
  // A holder the register and the farm files do not know is still a holder: named only by its organisation.
  const actor = await streamsOfActor(ws, orgnr).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found') return null;
    throw e;
  });
  const name = actor?.name ?? orgs.find((o) => o.orgnr === orgnr)?.name ?? null;
  const named = namedPublicly({ form: actor?.form ?? null, name }, catalogue.namedForms);
  return { orgnr, name, named, organisationId };
}

function checkNumbers(quantity: ListingInput['quantity'], recurrence: ListingInput['recurrence']): void {
  const issues: { path: string; problem: 'low_above' | 'high_below' | 'interval_missing' }[] = [];
  if (quantity.low != null && quantity.low > quantity.amount)
    issues.push({ path: 'quantity.low', problem: 'low_above' });
  if (quantity.high != null && quantity.high < quantity.amount)
    issues.push({ path: 'quantity.high', problem: 'high_below' });
  if (quantity.per === 'delivery' && !recurrence?.intervalDays)
    issues.push({ path: 'recurrence.intervalDays', problem: 'interval_missing' });
  if (issues.length)
    throw new AppError(
      'invalid_input',
      `listing: ${issues.map((i) => `${i.path} ${i.problem}`).join('; ')}`,
      {
        issues: issues.map((i) => ({
          path: i.path,
          message: i.problem,
          detail: message('listing_numbers_invalid', { problem: i.problem }),
        })),
        detail: message('request_invalid', { part: 'body', problems: issues.length }),
      },
    );
}

async function buildListing(
  ws: Workspace,
  a: Asker,
  input: ListingInput,
  extra: Pick<Listing, 'estimated' | 'estimate'>,
): Promise<Listing> {
  const by = signedIn(a);
  const data = await ws.reference();
  const region = findRegion(data.regions, input.region);
  const kind = kindInfo(ws, input.kind);
  checkInRegion(region, input.location.municipality);
  checkNumbers(input.quantity, input.recurrence);
  const holder = await resolveHolder(ws, a, region.id, input.holder);
  if (!mayCreateListing(a.viewer, region.id, holder))
    throw new AppError('forbidden', `may not list for this holder in ${region.id}`, {
      detail: message('listing_create_forbidden', { region: region.id }),
    });
  const at = ws.clock.now().toISOString();
  const tier = input.use?.tier ?? null;
  return {
    id: randomUUID(),
    side: input.side,
    kind: kind.id,
    cycle: kind.cycle,
    title: input.title?.trim() || `${textIn(kind.name, 'nb')}${holder.name ? ` – ${holder.name}` : ''}`,
    quantity: { ...input.quantity, low: input.quantity.low ?? null, high: input.quantity.high ?? null },
    recurrence: {
      type: input.recurrence?.type ?? 'recurring',
      months: [...new Set(input.recurrence?.months ?? [])].sort((x, y) => x - y),
      intervalDays: input.recurrence?.intervalDays ?? null,
    },
    quality: {
      dmShare: input.quality?.dmShare ?? null,
      contaminants: input.quality?.contaminants ?? null,
      certificate: input.quality?.certificate ?? null,
      abpCategory: input.quality?.abpCategory ?? null,
    },
    location: { municipality: input.location.municipality, address: input.location.address ?? null },
    price: {
      nokPerTonne: input.price?.nokPerTonne ?? null,
      gateFeeNokPerTonne: input.price?.gateFeeNokPerTonne ?? null,
    },
    logistics: input.logistics ?? 'either',
    legal: {
      status: input.legal?.status ?? 'by-product',
      receiverNeedsPermit: input.legal?.receiverNeedsPermit ?? input.legal?.status === 'waste',
      receiverNeedsMattilsynet: input.legal?.receiverNeedsMattilsynet ?? false,
    },
    use: { tier: tier && isTier(tier) ? tier : null, technology: input.use?.technology ?? null },
    ...extra,
    visibility: input.visibility ?? 'facilitators',
    region: region.id,
    holder,
    note: input.note ?? null,
    state: 'open',
    createdBy: by,
    createdAt: at,
    updatedBy: by,
    updatedAt: at,
  };
}

/** The audit entry of a write (the command line is no user). */
function auditEntry(
  tx: Parameters<typeof writeAudit>[0],
  ws: Workspace,
  a: Asker,
  action: string,
  target: string,
  detail: Record<string, unknown>,
): Promise<void> {
  return writeAudit(tx, ws.clock.now().toISOString(), {
    action,
    userId: a.viewer.user?.id === 'cli' ? null : (a.viewer.user?.id ?? null),
    target,
    ip: a.ip,
    detail,
  });
}

/** Runs a write and its audit entry in one transaction. */
async function audited(
  ws: Workspace,
  a: Asker,
  action: string,
  target: string,
  detail: Record<string, unknown>,
  write: (tx: Parameters<typeof writeAudit>[0]) => Promise<void>,
): Promise<void> {
  await ws.store.db.transaction().execute(async (tx) => {
    await write(tx);
    await auditEntry(tx, ws, a, action, target, detail);
  });
}

/** A listing's municipality must be one of its region's. */
function checkInRegion(region: { id: string; municipalities: string[] }, municipality: string): void {
  if (!region.municipalities.includes(municipality))
    throw new AppError('unknown_municipality', `municipality ${municipality} is not in ${region.id}`, {
      detail: message('municipality_not_in_region', {
        municipality,
        region: region.id,
        known: region.municipalities,
      }),
    });
}

export async function createListing(ws: Workspace, a: Asker, input: ListingInput): Promise<Listing> {
  const listing = await buildListing(ws, a, input, { estimated: false, estimate: null });
  await audited(
    ws,
    a,
    'listing.created',
    listing.id,
    {
      kind: listing.kind,
      side: listing.side,
    },
    (tx) => insertListing(tx, listing),
  );
  return listing;
}

/**
 * A listing started from Restverdi's estimate of what a holder has: the kind, the quantity with its
 * range and the municipality prefilled and marked estimated, for the holder (or a facilitator on the
 * holder's word) to complete. Visible to the region's facilitators until it is widened.
 */
export async function listingFromEstimate(
  ws: Workspace,
  a: Asker,
  req: { region: string; orgnr: string; kind: string; side?: ListingSide | undefined },
): Promise<Listing> {
  const { listing, basis } = await estimateListing(ws, a, req);
  await audited(
    ws,
    a,
    'listing.created',
    listing.id,
    { kind: listing.kind, side: listing.side, fromEstimate: basis },
    (tx) => insertListing(tx, listing),
  );
  return listing;
}

/** The listing an estimate makes, not yet written. */
async function estimateListing(
  ws: Workspace,
  a: Asker,
  req: { region: string; orgnr: string; kind: string; side?: ListingSide | undefined },
): Promise<{ listing: Listing; basis: string }> {
  signedIn(a);
  const actor = await streamsOfActor(ws, req.orgnr);
  const stream = actor.streams.find((s) => s.kind === req.kind && s.direction === 'holds' && s.quantity);
  if (!stream?.quantity)
    throw new AppError('not_found', `no estimate that ${req.orgnr} holds ${req.kind}`, {
      detail: message('estimate_not_found', { orgnr: req.orgnr, kind: req.kind }),
    });
  const region = findRegion((await ws.reference()).regions, req.region);
  const municipality =
    actor.municipalities.find((m) => region.municipalities.includes(m)) ?? actor.municipalities[0] ?? '';
  const q = stream.quantity;
  const listing = await buildListing(
    ws,
    a,
    {
      side: req.side ?? 'offer',
      kind: req.kind,
      region: region.id,
      quantity: { amount: q.tonnes, unit: 't', basis: 'wet', per: 'year', low: q.low, high: q.high },
      recurrence: { type: 'recurring' },
      location: { municipality },
      holder: { orgnr: req.orgnr },
      visibility: 'facilitators',
    },
    {
      estimated: true,
      estimate: { basis: stream.basis, orgnr: req.orgnr, tonnes: q.tonnes, low: q.low, high: q.high },
    },
  );
  return { listing, basis: stream.basis };
}

/**
 * For the region's facilitator: a listing from the estimate for each holder of a kind (largest
 * first, one by one, farms included), at least `minTonnes` a year, that has no open listing of the kind
 * yet; at most `limit`. All of them or none: one transaction.
 */
export async function listingsFromEstimates(
  ws: Workspace,
  a: Asker,
  req: { region: string; kind: string; minTonnes?: number | undefined; limit?: number | undefined },
) {
  requireFacilitator(a, req.region);
  const min = req.minTonnes ?? 0;
  const limit = req.limit ?? 50;
  const holders = await holdersOf(ws, { kind: req.kind, region: req.region, listPersons: true });
  const listed = new Set(
    (await findListings(ws.store.db, { region: req.region, kind: req.kind, state: 'open' })).map(
      (l) => l.holder.orgnr,
    ),
  );
  const skipped = { listed: 0, below: 0, overLimit: 0 };
  const made: { listing: Listing; basis: string }[] = [];
  for (const r of holders.rows) {
    if (!r.orgnr || !r.stream.quantity) continue;
    if (listed.has(r.orgnr)) skipped.listed += 1;
    else if (r.stream.quantity.tonnes < min) skipped.below += 1;
    else if (made.length >= limit) skipped.overLimit += 1;
    else {
      made.push(await estimateListing(ws, a, { region: req.region, orgnr: r.orgnr, kind: req.kind }));
      listed.add(r.orgnr);
    }
  }
  await ws.store.db.transaction().execute(async (tx) => {
    for (const { listing, basis } of made) {
      await insertListing(tx, listing);
      await auditEntry(tx, ws, a, 'listing.created', listing.id, {
        kind: listing.kind,
        side: listing.side,
        fromEstimate: basis,
      });
    }
  });
  return { created: made.map((m) => m.listing), skipped };
}

async function visibleListing(ws: Workspace, a: Asker, id: string): Promise<Listing> {
  const l = await getListing(ws.store.db, id);
  if (!l || listingAccess(a.viewer, l) !== 'full')
    throw new AppError('not_found', `no listing ${id}`, { detail: message('listing_not_found', { id }) });
  return l;
}

/** One listing as the viewer may see it: all of it, the public view of a named company's, or not found. */
export async function showListing(ws: Workspace, a: Asker, id: string) {
  const l = await getListing(ws.store.db, id);
  const access = l ? listingAccess(a.viewer, l) : 'none';
  if (!l || access === 'none')
    throw new AppError('not_found', `no listing ${id}`, { detail: message('listing_not_found', { id }) });
  if (access === 'public') return { access, listing: publicListing(l) };
  return { access, listing: l, editable: mayEditListing(a.viewer, l) };
}

export type ListingPatch = Partial<Omit<ListingInput, 'region' | 'holder' | 'side' | 'kind'>> & {
  /** The holder confirms the figures (or the facilitator on the holder's word): no longer estimated. */
  confirmed?: boolean | undefined;
  state?: Listing['state'] | undefined;
};

/** Completes or changes a listing: its holder's members, its creator, the region's facilitator. */
export async function changeListing(
  ws: Workspace,
  a: Asker,
  id: string,
  patch: ListingPatch,
): Promise<Listing> {
  const by = signedIn(a);
  const l = await visibleListing(ws, a, id);
  if (!mayEditListing(a.viewer, l))
    throw new AppError('forbidden', `may not change listing ${id}`, {
      detail: message('listing_edit_forbidden', { id }),
    });
  const next: Listing = {
    ...l,
    title: patch.title?.trim() || l.title,
    quantity: patch.quantity
      ? { ...patch.quantity, low: patch.quantity.low ?? null, high: patch.quantity.high ?? null }
      : l.quantity,
    recurrence: patch.recurrence
      ? {
          ...l.recurrence,
          ...patch.recurrence,
          months: [...new Set(patch.recurrence.months ?? l.recurrence.months)].sort((x, y) => x - y),
        }
      : l.recurrence,
    quality: patch.quality ? { ...l.quality, ...patch.quality } : l.quality,
    location: patch.location
      ? { municipality: patch.location.municipality, address: patch.location.address ?? l.location.address }
      : l.location,
    price: patch.price ? { ...l.price, ...patch.price } : l.price,
    logistics: patch.logistics ?? l.logistics,
    legal: patch.legal ? { ...l.legal, ...patch.legal } : l.legal,
    use: patch.use
      ? { tier: patch.use.tier ?? l.use.tier, technology: patch.use.technology ?? l.use.technology }
      : l.use,
    visibility: patch.visibility ?? l.visibility,
    note: patch.note === undefined ? l.note : patch.note,
    state: patch.state ?? l.state,
    estimated: patch.confirmed ? false : patch.quantity ? false : l.estimated,
    updatedBy: by,
    updatedAt: ws.clock.now().toISOString(),
  };
  const region = findRegion((await ws.reference()).regions, l.region);
  checkInRegion(region, next.location.municipality);
  checkNumbers(next.quantity, next.recurrence);
  await audited(ws, a, 'listing.updated', id, { changed: Object.keys(patch).sort() }, (tx) =>
    updateListing(tx, next),
  );
  return next;
}

/**
 * Listings the viewer may see in full, the public view of named companies' public listings, and the
 * public listings summed per municipality (all a visitor gets of farms and sole proprietorships).
 */
export async function searchListings(ws: Workspace, a: Asker, filter: ListingFilter & { limit?: number }) {
  const v = a.viewer;
  // Everything for an administrator or the region's facilitator; for anyone else only what could be
  // visible (the domain's rule decides below, the query only spares reading the rest).
  const everything = filter.region ? facilitates(v, filter.region) : isAdmin(v);
  const participant = v.user !== null && (v.organisations.length > 0 || v.roles.length > 0);
  const visibleTo = everything
    ? undefined
    : {
        visibilities: participant ? ['region', 'public'] : ['public'],
        organisationIds: v.user ? v.organisations.map((o) => o.id) : [],
        orgnrs: v.user ? v.organisations.map((o) => o.orgnr).filter(Boolean) : [],
        userId: v.user?.id ?? null,
      };
  const kinds = kindsOf(ws);
  const dmShareOf = (k: string) => kinds.get(k)?.dmShare ?? null;
  const limit = filter.limit ?? 200;
  const base = { ...filter, state: filter.state ?? 'open' };
  if (everything) {
    // The region's facilitator sees every listing in full: count, page and sum in the store.
    const [total, items, open] = await Promise.all([
      countListings(ws.store.db, base),
      findListings(ws.store.db, { ...base, limit }),
      findListings(ws.store.db, { ...base, visibility: 'public' }),
    ]);
    return { total, items, public: [], aggregates: aggregatePublic(open, dmShareOf) };
  }
  const all = await findListings(ws.store.db, { ...base, visibleTo });
  const items: Listing[] = [];
  const named: ReturnType<typeof publicListing>[] = [];
  for (const l of all) {
    const access = listingAccess(a.viewer, l);
    if (access === 'full') items.push(l);
    else if (access === 'public') named.push(publicListing(l));
  }
  return {
    total: items.length,
    items: items.slice(0, limit),
    public: named.slice(0, limit),
    aggregates: aggregatePublic(all, dmShareOf),
  };
}

// ── Matching ────────────────────────────────────────────────────────────────────────────────────

/** Per-tonne value and CO2e of each tier for the kind, against its current use (null for a kind the pyramid does not value). */
function economicsOf(ws: Workspace, kind: string, tonnes: number | null): TierEconomics | null {
  const transport = ws.files.transport();
  const costs = {
    costNokPerTonneKm: transport.costNokPerTonneKm,
    kgCo2ePerTonneKm: transport.kgCo2ePerTonneKm,
  };
  if (!ws.library.kinds.some((k) => k.id === kind))
    return { upliftPerTonneNok: () => null, co2ePerTonne: () => null, transport: costs };
  const p = valuePyramid(ws.library, kind, tonnes && tonnes > 0 ? tonnes : 1000, ws.library.currentUses);
  const current = p.currentUse?.valuePerTonneNok ?? 0;
  return {
    upliftPerTonneNok: (tier) => {
      const v = p.tiers.find((t) => t.tier === tier)?.valuePerTonneNok;
      return v == null ? null : v - current;
    },
    co2ePerTonne: (tier) => p.tiers.find((t) => t.tier === tier)?.netCo2ePerTonne ?? null,
    transport: costs,
  };
}

export interface Matches {
  listing: Listing;
  tonnesPerYear: number | null;
  /** Ranked candidates in all (`ranked` holds the best `limit` of them). */
  total: number;
  ranked: (RankedCandidate & { proposed: string | null })[];
  excluded: ReturnType<typeof rankCandidates>['excluded'];
  /** Farms and sole proprietorships the viewer sees only as counts (not proposable one by one). */
  grouped: number;
  withinKm: number;
}

/**
 * For an offer: the wanted listings, the actors that could use the stream within 50 km by road and
 * the region's plants that take it; for a wanted listing: the offers and the holders. Ranked by tier
 * reached, net value per tonne after transport, distance, quantity fit and season; ineligible pairs
 * are listed with the rule that excludes them.
 */
export async function matchesFor(
  ws: Workspace,
  a: Asker,
  id: string,
  options: { limit?: number | undefined } = {},
): Promise<Matches> {
  signedIn(a);
  const listing = await visibleListing(ws, a, id);
  const kinds = kindsOf(ws);
  const kind = kinds.get(listing.kind) as KindInfo;
  const catalogue = ws.files.actorStreams();
  const own = tonnesPerYear(listing, kind.dmShare);
  const offering = listing.side !== 'wanted';
  const { distances } = ws.files.roads();
  const legKm = (from: string, to: { id: string; position: { lat: number; lon: number } }) =>
    distances.leg(from, to, kind.origin)?.km ?? null;
  const positions = ws.files.sitePositions();
  // Road km from a municipality to another's town (the road network's point for it).
  const kmBetween = (from: string, to: string) => {
    const p = positions.get(to);
    return p ? legKm(from, { id: `m${to}`, position: p }) : null;
  };
  const listPersons = mayListPersons(a.viewer.roles, { region: listing.region });
  const candidates: (Candidate & { eligibility: ReturnType<typeof pairEligibility> })[] = [];
  const rules = ws.library.rules;
  const abp = (l: Listing) => l.quality.abpCategory;

  // Listings of the other side the viewer may see in full.
  for (const other of await findListings(ws.store.db, { kind: listing.kind, state: 'open' })) {
    if (other.id === listing.id || (other.side === 'wanted') === !offering) continue;
    if (listingAccess(a.viewer, other) !== 'full') continue;
    const wanted = offering ? other : listing;
    const offer = offering ? listing : other;
    const tier = wanted.use.tier;
    const km = kmBetween(offer.location.municipality, wanted.location.municipality);
    // The region's listings, and others within reach by road.
    if (other.region !== listing.region && (km === null || km > DEFAULT_WITHIN_KM)) continue;
    candidates.push({
      type: 'listing',
      id: other.id,
      name: other.holder.name ?? other.title,
      municipality: other.location.municipality,
      tier,
      step: null,
      rank: tierRankOf(tier),
      technology: wanted.use.technology,
      km,
      tonnesPerYear: tonnesPerYear(other, kind.dmShare),
      months: other.recurrence.months,
      eligibility: pairEligibility(rules, kind.regulatoryClass, abp(offer), {
        tier,
        technology: wanted.use.technology ?? undefined,
      }),
    });
  }
  let grouped = 0;
  const question = {
    kind: listing.kind,
    near: listing.location.municipality,
    withinKm: DEFAULT_WITHIN_KM,
    listPersons,
  };
  if (offering) {
    const users = await usersOf(ws, question);
    for (const r of users.rows) {
      if (!r.orgnr || r.orgnr === listing.holder.orgnr) {
        if (r.group) grouped += r.actors;
        continue;
      }
      const tier = r.stream.reaches?.tier ?? null;
      candidates.push({
        type: 'actor',
        id: r.orgnr,
        name: r.name,
        municipality: r.municipality,
        tier,
        step: r.stream.reaches?.step ?? null,
        rank: reachIndex(r.stream.reaches, catalogue),
        technology: r.stream.reaches?.technology ?? null,
        km: r.distance?.km ?? null,
        tonnesPerYear: null,
        months: [],
        eligibility: pairEligibility(rules, kind.regulatoryClass, abp(listing), {
          tier,
          technology: r.stream.reaches?.technology,
        }),
      });
    }
    const lib = ws.library;
    for (const s of ws.files.regionSites(listing.region)?.sites ?? []) {
      if (!siteKinds(s, lib).includes(listing.kind)) continue;
      const tech = lib.technologies.find((t) => t.id === s.technology);
      const tier = tech?.tier ?? null;
      candidates.push({
        type: 'site',
        id: s.id,
        name: textIn(s.name, 'nb'),
        municipality: s.municipality ?? null,
        tier,
        step: null,
        rank: tierRankOf(tier),
        technology: s.technology,
        km: legKm(listing.location.municipality, s),
        tonnesPerYear: s.basis === 'wet' ? s.capacityTonnes : s.capacityTonnes / (kind.dmShare || 1),
        capacity: true,
        months: [],
        eligibility: pairEligibility(rules, kind.regulatoryClass, abp(listing), {
          tier,
          technology: s.technology,
        }),
      });
    }
  } else {
    const holders = await holdersOf(ws, question);
    const tier = listing.use.tier;
    for (const r of holders.rows) {
      if (!r.orgnr || r.orgnr === listing.holder.orgnr) {
        if (r.group) grouped += r.actors;
        continue;
      }
      candidates.push({
        type: 'actor',
        id: r.orgnr,
        name: r.name,
        municipality: r.municipality,
        tier,
        step: null,
        rank: tierRankOf(tier),
        technology: listing.use.technology,
        km: r.distance?.km ?? null,
        tonnesPerYear: r.stream.quantity?.tonnes ?? null,
        months: [],
        eligibility: pairEligibility(rules, kind.regulatoryClass, null, {
          tier,
          technology: listing.use.technology ?? undefined,
        }),
      });
    }
  }
  const { ranked, excluded } = rankCandidates(
    { tonnesPerYear: own, months: listing.recurrence.months, legal: offering ? listing.legal : null },
    candidates,
    economicsOf(ws, listing.kind, own),
  );
  const existing = await findMatches(ws.store.db, { listing: listing.id });
  const proposedFor = (c: RankedCandidate) =>
    existing.find(
      (m) =>
        (m.listingId === listing.id && m.target.type === c.type && m.target.id === c.id) ||
        (c.type === 'listing' && m.listingId === c.id && m.target.id === listing.id),
    )?.id ?? null;
  return {
    listing,
    tonnesPerYear: own,
    total: ranked.length,
    ranked: ranked.slice(0, options.limit ?? ranked.length).map((c) => ({ ...c, proposed: proposedFor(c) })),
    excluded,
    grouped,
    withinKm: DEFAULT_WITHIN_KM,
  };
}

// ── The pipeline ────────────────────────────────────────────────────────────────────────────────

function isParty(v: MarketViewer, m: StoredMatch, listing: Listing, target: Listing | undefined): boolean {
  if (!v.user) return false;
  const mine = (l: Listing | undefined) =>
    l !== undefined &&
    v.organisations.some(
      (o) =>
        (l.holder.organisationId && o.id === l.holder.organisationId) ||
        (l.holder.orgnr && o.orgnr === l.holder.orgnr),
    );
  return (
    mine(listing) ||
    mine(target) ||
    (m.target.type === 'actor' && v.organisations.some((o) => o.orgnr === m.target.id))
  );
}

async function matchAccess(ws: Workspace, a: Asker, id: string) {
  signedIn(a);
  const m = await getMatch(ws.store.db, id);
  if (!m) throw new AppError('not_found', `no match ${id}`, { detail: message('match_not_found', { id }) });
  const listing = (await getListing(ws.store.db, m.listingId)) as Listing;
  const target = m.target.type === 'listing' ? await getListing(ws.store.db, m.target.id) : undefined;
  const facilitator = facilitates(a.viewer, m.region);
  const party = isParty(a.viewer, m, listing, target);
  if (!facilitator && !party)
    throw new AppError('not_found', `no match ${id}`, { detail: message('match_not_found', { id }) });
  return { m, listing, target, facilitator, party };
}

function matchView(m: StoredMatch, records: LedgerRecord[]) {
  return {
    ...m,
    stage: currentStage(m.log),
    allowedNext: allowedNext(m.log),
    records,
    realised: sumRecords(records),
  };
}

/** Proposes a ranked candidate as a match (stage identified), with what it was expected to bring a year. */
export async function proposeMatch(
  ws: Workspace,
  a: Asker,
  req: { listing: string; target: { type: Candidate['type']; id: string }; note?: string | null | undefined },
) {
  const by = signedIn(a);
  const found = await matchesFor(ws, a, req.listing);
  const { listing } = found;
  if (!facilitates(a.viewer, listing.region) && !mayEditListing(a.viewer, listing))
    throw new AppError('forbidden', `may not propose for listing ${listing.id}`, {
      detail: message('listing_edit_forbidden', { id: listing.id }),
    });
  const key = `${req.target.type}:${req.target.id}`;
  const out = found.excluded.find((c) => c.type === req.target.type && c.id === req.target.id);
  if (out)
    throw new AppError('ineligible_route', `${key} is excluded`, {
      detail: message('match_excluded', { reason: out.reason }),
    });
  const c = found.ranked.find((x) => x.type === req.target.type && x.id === req.target.id);
  if (!c)
    throw new AppError('not_found', `no candidate ${key}`, {
      detail: message('match_target_unknown', { target: key }),
    });
  if (c.proposed)
    throw new AppError('conflict', `already proposed as ${c.proposed}`, {
      detail: message('match_not_found', { id: c.proposed }),
    });
  const offerSide = listing.side !== 'wanted';
  const at = ws.clock.now().toISOString();
  const t = c.tonnesPerYear;
  const stored: Omit<StoredMatch, 'log'> = {
    id: randomUUID(),
    listingId: listing.id,
    target: { type: c.type, id: c.id, name: c.name, municipality: c.municipality },
    region: listing.region,
    kind: listing.kind,
    tier: c.tier,
    municipality: offerSide
      ? listing.location.municipality
      : (c.municipality ?? listing.location.municipality),
    identified: {
      tonnesPerYear: t,
      nokPerYear: t !== null && c.netPerTonneNok !== null ? t * c.netPerTonneNok : null,
      co2eTonnesPerYear: t !== null && c.co2ePerTonne !== null ? t * c.co2ePerTonne : null,
    },
    basis: {
      upliftPerTonneNok: c.upliftPerTonneNok,
      transportNokPerTonne: c.transportNokPerTonne,
      netPerTonneNok: c.netPerTonneNok,
      co2ePerTonne: c.co2ePerTonne,
      km: c.km,
      quantityFit: c.quantityFit,
      seasonOverlap: c.seasonOverlap,
      technology: c.technology,
    },
    createdBy: by,
    createdAt: at,
    seenByHolderAt: facilitates(a.viewer, listing.region) ? null : at,
    seenByTargetAt: null,
  };
  await audited(ws, a, 'match.proposed', stored.id, { listing: listing.id, target: key }, (tx) =>
    insertMatch(tx, stored, { stage: 'identified', reason: null, note: req.note ?? null, by, at }),
  );
  return matchView(
    { ...stored, log: [{ stage: 'identified', reason: null, note: req.note ?? null, by, at }] },
    [],
  );
}

/** A party that opens a match (or its list of matches) has seen it: the holder's side or the other. */
async function markSeenBy(ws: Workspace, a: Asker, m: StoredMatch, listing: Listing): Promise<void> {
  const holder = a.viewer.organisations.some(
    (o) =>
      o.id === listing.holder.organisationId ||
      (listing.holder.orgnr !== null && o.orgnr === listing.holder.orgnr),
  );
  const side = holder ? 'holder' : 'target';
  if ((side === 'holder' ? m.seenByHolderAt : m.seenByTargetAt) === null)
    await markSeen(ws.store.db, m.id, side, ws.clock.now().toISOString());
}

/** One match with its stage log, ledger and totals. */
export async function showMatch(ws: Workspace, a: Asker, id: string) {
  const { m, listing, party } = await matchAccess(ws, a, id);
  if (party) await markSeenBy(ws, a, m, listing);
  const fresh = (await getMatch(ws.store.db, id)) as StoredMatch;
  return matchView(fresh, await ledgerRecords(ws.store.db, [id]));
}

/** Matches of a region (its facilitator), or those the viewer's organisations are party to. */
export async function listMatches(ws: Workspace, a: Asker, req: { region?: string | undefined }) {
  signedIn(a);
  const all = await findMatches(ws.store.db, { region: req.region });
  const out: StoredMatch[] = [];
  for (const m of all) {
    const listing = (await getListing(ws.store.db, m.listingId)) as Listing;
    const target = m.target.type === 'listing' ? await getListing(ws.store.db, m.target.id) : undefined;
    const party = isParty(a.viewer, m, listing, target);
    if (!party && !facilitates(a.viewer, m.region)) continue;
    if (party) await markSeenBy(ws, a, m, listing);
    out.push(party ? ((await getMatch(ws.store.db, m.id)) as StoredMatch) : m);
  }
  const records = await ledgerRecords(
    ws.store.db,
    out.map((m) => m.id),
  );
  return out.map((m) =>
    matchView(
      m,
      records.filter((r) => r.matchId === m.id),
    ),
  );
}

export async function moveStage(
  ws: Workspace,
  a: Asker,
  id: string,
  req: { stage: Stage; reason?: string | null | undefined; note?: string | null | undefined },
) {
  const by = signedIn(a);
  const { m } = await matchAccess(ws, a, id);
  const why = checkStageChange(m.log, req.stage, req.reason ?? null);
  if (why)
    throw new AppError('invalid_input', `stage ${currentStage(m.log)} → ${req.stage} refused`, {
      detail: why,
    });
  const change = {
    stage: req.stage,
    reason: req.reason ?? null,
    note: req.note ?? null,
    by,
    at: ws.clock.now().toISOString(),
  };
  await audited(ws, a, 'match.stage', id, { from: currentStage(m.log), to: req.stage }, (tx) =>
    appendStage(tx, id, change),
  );
  return matchView({ ...m, log: [...m.log, change] }, await ledgerRecords(ws.store.db, [id]));
}

/** Matches of the region with no stage change for `days` days, and every stalled one (its facilitator). */
export async function reminders(ws: Workspace, a: Asker, req: { region: string; days?: number | undefined }) {
  requireFacilitator(a, req.region);
  const days = req.days ?? 30;
  return {
    days,
    due: remindersDue(await findMatches(ws.store.db, { region: req.region }), ws.clock.now(), days),
  };
}

/**
 * For the region's facilitator: per open listing, the best candidates no one has proposed yet, and
 * the proposed matches one of the parties has not opened.
 */
export async function suggestions(
  ws: Workspace,
  a: Asker,
  req: { region: string; perListing?: number | undefined },
) {
  requireFacilitator(a, req.region);
  const per = req.perListing ?? 3;
  const listings = await findListings(ws.store.db, { region: req.region, state: 'open' });
  const suggested = [];
  for (const l of listings) {
    const found = await matchesFor(ws, a, l.id);
    const open = found.ranked.filter((c) => !c.proposed).slice(0, per);
    if (open.length)
      suggested.push({ listing: { id: l.id, title: l.title, side: l.side, kind: l.kind }, candidates: open });
  }
  const unseen = (await findMatches(ws.store.db, { region: req.region }))
    .filter((m) => !m.seenByHolderAt || !m.seenByTargetAt)
    .map((m) => ({
      id: m.id,
      listingId: m.listingId,
      target: m.target,
      stage: currentStage(m.log),
      seenByHolder: m.seenByHolderAt !== null,
      seenByTarget: m.seenByTargetAt !== null,
    }));
  return { region: req.region, suggested, unseen };
}

// ── The ledger ──────────────────────────────────────────────────────────────────────────────────

export interface LedgerInput {
  date: string;
  tonnes: number;
  method: LedgerRecord['method'];
  nok?: number | undefined;
  co2eTonnes?: number | undefined;
  evidence?: string | undefined;
}

/**
 * A dated record of tonnes moved: NOK and CO2e computed from the match's per-tonne figures (the
 * pyramid's uplift over the stream's current use, less transport), or entered with evidence.
 */
export async function addLedgerRecord(ws: Workspace, a: Asker, matchId: string, input: LedgerInput) {
  const by = signedIn(a);
  const { m } = await matchAccess(ws, a, matchId);
  const stage = currentStage(m.log);
  if (!LEDGER_STAGES.includes(stage))
    throw new AppError('invalid_input', `match is ${stage}`, {
      detail: message('ledger_stage_early', { stage, allowed: [...LEDGER_STAGES] }),
    });
  const today = ws.clock.now().toISOString().slice(0, 10);
  if (input.date > today)
    throw new AppError('invalid_input', `ledger date ${input.date} is after today (${today})`, {
      detail: message('ledger_date_future', { date: input.date, today }),
    });
  let nok: number;
  let co2e: number;
  let basis: LedgerRecord['basis'] = null;
  if (input.method === 'computed') {
    const b = m.basis as {
      upliftPerTonneNok: number | null;
      transportNokPerTonne: number | null;
      co2ePerTonne: number | null;
    };
    if (b.upliftPerTonneNok == null || b.co2ePerTonne == null)
      throw new AppError('invalid_input', 'no pyramid value for the match', {
        detail: message('ledger_not_computable', { kind: m.kind, tier: m.tier ?? '–' }),
      });
    basis = {
      upliftPerTonneNok: b.upliftPerTonneNok,
      transportNokPerTonne: b.transportNokPerTonne ?? 0,
      co2ePerTonne: b.co2ePerTonne,
    };
    const c = computedBenefit(input.tonnes, basis);
    nok = c.nok;
    co2e = c.co2eTonnes;
  } else {
    if (!input.evidence?.trim() || input.nok === undefined || input.co2eTonnes === undefined)
      throw new AppError('invalid_input', 'evidence, nok and co2eTonnes are required', {
        detail: message('ledger_evidence_required', {}),
      });
    nok = input.nok;
    co2e = input.co2eTonnes;
  }
  const record: LedgerRecord = {
    id: randomUUID(),
    matchId,
    date: input.date,
    tonnes: input.tonnes,
    nok,
    co2eTonnes: co2e,
    method: input.method,
    evidence: input.evidence?.trim() || null,
    basis,
    by,
    at: ws.clock.now().toISOString(),
  };
  await audited(
    ws,
    a,
    'ledger.recorded',
    matchId,
    {
      tonnes: record.tonnes,
      method: record.method,
    },
    (tx) => insertLedgerRecord(tx, record),
  );
  return record;
}

/** Every record of the region's matches, with the match's kind, municipality and tier, and the totals (sums of the records). */
export async function regionLedger(ws: Workspace, a: Asker, req: { region: string }) {
  requireFacilitator(a, req.region);
  const matches = await findMatches(ws.store.db, { region: req.region });
  const records = await ledgerRecords(
    ws.store.db,
    matches.map((m) => m.id),
  );
  const byId = new Map(matches.map((m) => [m.id, m]));
  return {
    region: req.region,
    records: records.map((r) => {
      const m = byId.get(r.matchId) as StoredMatch;
      return {
        ...r,
        kind: m.kind,
        municipality: m.municipality,
        tier: m.tier,
        target: m.target.name ?? m.target.id,
      };
    }),
    totals: sumRecords(records),
  };
}

/** The ledger's columns in an export (CSV), in order. */
export const LEDGER_COLUMNS = [
  'date',
  'matchId',
  'kind',
  'municipality',
  'tier',
  'target',
  'tonnes',
  'nok',
  'co2eTonnes',
  'method',
  'evidence',
  'basis',
  'by',
  'at',
] as const;

/** One flat row per record for an export: the per-tonne basis of a computed record as JSON. */
export function ledgerRows(l: Awaited<ReturnType<typeof regionLedger>>): Record<string, unknown>[] {
  return l.records.map((r) => ({ ...r, basis: r.basis ? JSON.stringify(r.basis) : '' }));
}

/** Identified against realised, by stream kind, municipality and tier (the region's facilitator). */
export async function regionDashboard(ws: Workspace, a: Asker, req: { region: string }) {
  requireFacilitator(a, req.region);
  const matches = await findMatches(ws.store.db, { region: req.region });
  const records = await ledgerRecords(
    ws.store.db,
    matches.map((m) => m.id),
  );
  return {
    region: req.region,
    ...dashboard(
      matches.map((m) => ({
        id: m.id,
        kind: m.kind,
        municipality: m.municipality,
        tier: m.tier,
        stage: currentStage(m.log),
        identified: m.identified,
        records: records.filter((r) => r.matchId === m.id),
      })),
    ),
  };
}
