/**
 * The market platform's rules: listings (offers, partial offers, wanted), who may see and change
 * them, how an offer and a use are ranked against each other, the facilitation pipeline of a match,
 * and the ledger of realised benefit. Pure: the store keeps the rows, the application layer asks.
 */
import { checkEligibility, type Eligibility, type EligibilityRule } from './eligibility.ts';
import { type Message, message } from './message.ts';
import type { RegulatoryClass } from './residue-kinds.ts';
import { TIERS, type Tier } from './valuation.ts';

// ── Listings ────────────────────────────────────────────────────────────────────────────────────

export const LISTING_SIDES = ['offer', 'partial', 'wanted'] as const;
/** An offer of all of a stream, a partial offer (some of it), or a request for a stream. */
export type ListingSide = (typeof LISTING_SIDES)[number];
export const QUANTITY_UNITS = ['t', 'm3'] as const;
export const QUANTITY_BASES = ['wet', 'dm'] as const;
/** Per year (recurring), in all (one-off), or per delivery (recurring at an interval). */
export const QUANTITY_PERIODS = ['year', 'total', 'delivery'] as const;
export const RECURRENCES = ['one-off', 'recurring'] as const;
export const LOGISTICS = ['delivered', 'collected', 'either'] as const;
/** Forurensningsloven § 27: waste, a by-product (§ 27 second paragraph), or end-of-waste (§ 27 a). */
export const LEGAL_STATUSES = ['waste', 'by-product', 'end-of-waste'] as const;
/** In stages, widest last: the organisation only, its region's facilitators, the region's participants, everyone. */
export const VISIBILITIES = ['organisation', 'facilitators', 'region', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const LISTING_STATES = ['open', 'closed'] as const;

export interface Listing {
  id: string;
  side: ListingSide;
  kind: string;
  cycle: 'biological' | 'technical';
  title: string;
  quantity: {
    amount: number;
    unit: (typeof QUANTITY_UNITS)[number];
    basis: (typeof QUANTITY_BASES)[number];
    per: (typeof QUANTITY_PERIODS)[number];
    /** The range around `amount` when it is an estimate (P10–P90 or the coefficients' low–high). */
    low: number | null;
    high: number | null;
  };
  recurrence: {
    type: (typeof RECURRENCES)[number];
    /** Months of the year it is available or wanted (1–12); all year when empty. */
    months: number[];
    /** Days between deliveries, for a recurring listing counted per delivery. */
    intervalDays: number | null;
  };
  quality: {
    /** Dry-matter share 0–1. */
    dmShare: number | null;
    contaminants: string | null;
    certificate: string | null;
    /** Animal by-product category (1, 2 or 3) under (EC) 1069/2009; null when not one. */
    abpCategory: 1 | 2 | 3 | null;
  };
  location: { municipality: string; address: string | null };
  /** NOK per tonne the holder expects (offer) or would pay (wanted); a gate fee is what the holder pays. */
  price: { nokPerTonne: number | null; gateFeeNokPerTonne: number | null };
  logistics: (typeof LOGISTICS)[number];
  legal: {
    status: (typeof LEGAL_STATUSES)[number];
    /** The receiver needs a permit (forurensningsloven § 11/§ 29) to take it. */
    receiverNeedsPermit: boolean;
    /** The receiver needs Mattilsynet's approval or registration (animal by-products, feed). */
    receiverNeedsMattilsynet: boolean;
  };
  /** For a wanted listing: what the stream would be used for (the tier, and the technology when known). */
  use: { tier: Tier | null; technology: string | null };
  /** Prefilled from Restverdi's estimate and not yet confirmed by the holder. */
  estimated: boolean;
  estimate: { basis: string; orgnr: string; tonnes: number; low: number; high: number } | null;
  visibility: Visibility;
  region: string;
  /** The holder (offer) or the one who wants it: a register unit, and its organisation on the platform when it has one. */
  holder: { orgnr: string | null; name: string | null; named: boolean; organisationId: string | null };
  note: string | null;
  state: (typeof LISTING_STATES)[number];
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

// ── Who may do what ─────────────────────────────────────────────────────────────────────────────

/** The viewer as the rules need it (the application layer's Viewer has these fields). */
export interface MarketViewer {
  user: { id: string } | null;
  roles: readonly { role: string; region: string | null }[];
  organisations: readonly { id: string; orgnr: string; name?: string }[];
}

export function isAdmin(v: MarketViewer): boolean {
  return v.user !== null && v.roles.some((r) => r.role === 'admin');
}

/** An administrator, or the facilitator of this region. */
export function facilitates(v: MarketViewer, region: string): boolean {
  return (
    isAdmin(v) || (v.user !== null && v.roles.some((r) => r.role === 'facilitator' && r.region === region))
  );
}

function memberOf(v: MarketViewer, holder: Listing['holder']): boolean {
  if (!v.user) return false;
  return v.organisations.some(
    (o) =>
      (holder.organisationId !== null && o.id === holder.organisationId) ||
      (holder.orgnr !== null && o.orgnr === holder.orgnr),
  );
}

/** A participant of the platform: signed in, and a member of an organisation or holding a role. */
function participant(v: MarketViewer): boolean {
  return v.user !== null && (v.organisations.length > 0 || v.roles.length > 0);
}

/**
 * What a viewer sees of a listing: all of it, the public view (named companies only: kind, quantity
 * and municipality, no price, address or contact), or nothing.
 */
export type ListingAccess = 'full' | 'public' | 'none';

export function listingAccess(v: MarketViewer, l: Listing): ListingAccess {
  if (facilitates(v, l.region) || memberOf(v, l.holder) || (v.user !== null && v.user.id === l.createdBy))
    return 'full';
  if (l.state === 'closed') return 'none';
  const stage = VISIBILITIES.indexOf(l.visibility);
  if (stage >= VISIBILITIES.indexOf('region') && participant(v)) return 'full';
  if (stage >= VISIBILITIES.indexOf('public')) return l.holder.named ? 'public' : 'none';
  return 'none';
}

/** Change, complete, widen or close a listing: its holder's members, its creator, the region's facilitator. */
export function mayEditListing(v: MarketViewer, l: Listing): boolean {
  return facilitates(v, l.region) || memberOf(v, l.holder) || (v.user !== null && v.user.id === l.createdBy);
}

/**
 * Create a listing: for one's own organisation (a member), or for any holder in a region one
 * facilitates (from an estimate, for the holder to confirm).
 */
export function mayCreateListing(v: MarketViewer, region: string, holder: Listing['holder']): boolean {
  if (!v.user) return false;
  return facilitates(v, region) || memberOf(v, holder);
}

/** The public view of a listing: what a visitor may see of a named company's public listing. */
export function publicListing(l: Listing) {
  return {
    id: l.id,
    side: l.side,
    kind: l.kind,
    cycle: l.cycle,
    quantity: l.quantity,
    recurrence: l.recurrence,
    municipality: l.location.municipality,
    holder: { orgnr: l.holder.orgnr, name: l.holder.name },
    estimated: l.estimated,
  };
}

export interface MunicipalAggregate {
  municipality: string;
  kind: string;
  side: ListingSide;
  listings: number;
  /** Tonnes a year (wet), over the listings whose quantity converts; null when none does. */
  tonnesPerYear: number | null;
}

/** Public listings summed per municipality, kind and side: what a visitor sees of everyone's listings. */
export function aggregatePublic(listings: readonly Listing[], dmShareOf: (kind: string) => number | null) {
  const out = new Map<string, MunicipalAggregate>();
  for (const l of listings) {
    if (l.visibility !== 'public' || l.state !== 'open') continue;
    const key = `${l.location.municipality}|${l.kind}|${l.side}`;
    const row = out.get(key) ?? {
      municipality: l.location.municipality,
      kind: l.kind,
      side: l.side,
      listings: 0,
      tonnesPerYear: null,
    };
    row.listings += 1;
    const t = tonnesPerYear(l, dmShareOf(l.kind));
    if (t !== null) row.tonnesPerYear = (row.tonnesPerYear ?? 0) + t;
    out.set(key, row);
  }
  return [...out.values()].sort(
    (a, b) =>
      a.municipality.localeCompare(b.municipality) ||
      a.kind.localeCompare(b.kind) ||
      a.side.localeCompare(b.side),
  );
}

/**
 * Wet tonnes a year: a yearly amount as it is, a one-off amount once, a per-delivery amount times the
 * deliveries a year; dry matter over its DM share. Null for cubic metres (no density is known).
 */
export function tonnesPerYear(
  l: Pick<Listing, 'quantity' | 'recurrence' | 'quality'>,
  kindDmShare: number | null,
) {
  const q = l.quantity;
  if (q.unit !== 't') return null;
  let t = q.amount;
  if (q.basis === 'dm') {
    const dm = l.quality.dmShare ?? kindDmShare;
    if (!dm || dm <= 0) return null;
    t = t / dm;
  }
  if (q.per === 'delivery') {
    const every = l.recurrence.intervalDays;
    if (!every || every <= 0) return null;
    t = (t * 365) / every;
  }
  return t;
}

// ── Eligibility of a pair ───────────────────────────────────────────────────────────────────────

/**
 * Animal by-products by category, (EC) 1069/2009 art. 12–14: category 1 only to disposal or energy;
 * category 2 to energy and fertiliser (biogas, compost) but not feed or food; category 3 not to food
 * or supplements (once declared a by-product, never back to human consumption).
 */
export const ABP_FORBIDDEN: Record<1 | 2 | 3, Tier[]> = {
  1: ['gjodsel', 'for', 'pharma', 'mat', 'produkt'],
  2: ['for', 'pharma', 'mat'],
  3: ['pharma', 'mat'],
};

export type PairEligibility = Eligibility | { ok: false; rule: null; reason: Message };

/** The library's rules by the kind's regulatory class, then the listing's own animal by-product category. */
export function pairEligibility(
  rules: EligibilityRule[],
  regulatoryClass: RegulatoryClass | null,
  abpCategory: 1 | 2 | 3 | null,
  target: { tier: Tier | null; technology?: string | undefined },
): PairEligibility {
  if (!target.tier) return { ok: true };
  if (regulatoryClass) {
    const e = checkEligibility(rules, regulatoryClass, {
      tier: target.tier,
      ...(target.technology ? { technology: target.technology } : {}),
    });
    if (!e.ok) return e;
  }
  if (abpCategory && ABP_FORBIDDEN[abpCategory].includes(target.tier))
    return {
      ok: false,
      rule: null,
      reason: message('abp_category_forbidden', { category: abpCategory, tier: target.tier }),
    };
  return { ok: true };
}

// ── Ranking ─────────────────────────────────────────────────────────────────────────────────────

/** One possible receiver of an offer (or holder for a wanted listing), with what it reaches. */
export interface Candidate {
  /** `listing`: another listing; `actor`: a register unit or farm; `site`: a plant of the region. */
  type: 'listing' | 'actor' | 'site';
  id: string;
  name: string | null;
  municipality: string | null;
  /** The tier (biological) or ladder step index (technical) reached; higher is better. */
  tier: Tier | null;
  step: string | null;
  rank: number;
  technology: string | null;
  /** Road km between the two (null when no road leg is known). */
  km: number | null;
  /** Tonnes a year the other side has or wants (null when unknown). */
  tonnesPerYear: number | null;
  /**
   * The other side's tonnes are a capacity (a plant), not a wish: it fits when it can take the
   * listing's tonnes, however much more it could take.
   */
  capacity?: boolean;
  /** Months (1–12) of the other side; empty for all year. */
  months: number[];
}

export interface RankedCandidate extends Candidate {
  /** Net value per tonne at the reached tier minus the current use's, before transport (null when the pyramid has none). */
  upliftPerTonneNok: number | null;
  transportNokPerTonne: number | null;
  /** Uplift less transport. */
  netPerTonneNok: number | null;
  /** t CO2e per tonne: the route's saving less the current use's, less transport's emissions. */
  co2ePerTonne: number | null;
  /**
   * min/max of the two quantities (1 = the same); against a capacity, the share of the listing's
   * tonnes it can take. Null when either is unknown.
   */
  quantityFit: number | null;
  /** Share of the offer's months the other side covers (1 when both are all year). */
  seasonOverlap: number;
  /** Tonnes a year the pair could move: the smaller of the two, or the known one. */
  tonnesPerYear: number | null;
  notes: Message[];
}

export interface ExcludedCandidate extends Candidate {
  reason: Message;
  rule: string | null;
}

export interface TierEconomics {
  /** Uplift over the current use per tonne at each tier (null when the pyramid has no route there). */
  upliftPerTonneNok: (tier: Tier) => number | null;
  co2ePerTonne: (tier: Tier) => number | null;
  /** NOK and kg CO2e per tonne-km, and ferry fare per tonne is in `km` already as equivalent. */
  transport: { costNokPerTonneKm: number; kgCo2ePerTonneKm: number };
}

function quantityFitOf(own: number | null, other: number | null, capacity: boolean): number | null {
  if (own === null || other === null || own <= 0 || other <= 0) return null;
  return capacity ? Math.min(1, other / own) : Math.min(own, other) / Math.max(own, other);
}

/** Share of months `a` that `b` covers; all year is months 1–12. */
export function seasonOverlap(a: readonly number[], b: readonly number[]): number {
  const all = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const aa = a.length ? a : all;
  const bb = new Set(b.length ? b : all);
  return aa.filter((m) => bb.has(m)).length / aa.length;
}

/**
 * Ranks the candidates for one listing: eligible pairs by the tier reached (highest first), then net
 * value per tonne after transport, road km, quantity fit and season; the excluded ones with why.
 */
export function rankCandidates(
  own: { tonnesPerYear: number | null; months: readonly number[]; legal: Listing['legal'] | null },
  candidates: readonly (Candidate & { eligibility: PairEligibility })[],
  economics: TierEconomics | null,
): { ranked: RankedCandidate[]; excluded: ExcludedCandidate[] } {
  const ranked: RankedCandidate[] = [];
  const excluded: ExcludedCandidate[] = [];
  for (const { eligibility, ...c } of candidates) {
    if (!eligibility.ok) {
      excluded.push({ ...c, reason: eligibility.reason, rule: eligibility.rule?.id ?? null });
      continue;
    }
    const uplift = c.tier && economics ? economics.upliftPerTonneNok(c.tier) : null;
    const transport = c.km !== null && economics ? c.km * economics.transport.costNokPerTonneKm : null;
    const co2 = c.tier && economics ? economics.co2ePerTonne(c.tier) : null;
    const transportCo2 =
      c.km !== null && economics ? (c.km * economics.transport.kgCo2ePerTonneKm) / 1000 : 0;
    const a = own.tonnesPerYear;
    const b = c.tonnesPerYear;
    const notes: Message[] = [];
    if (own.legal?.status === 'waste') notes.push(message('match_receiver_permit', {}));
    if (own.legal?.receiverNeedsMattilsynet) notes.push(message('match_receiver_mattilsynet', {}));
    ranked.push({
      ...c,
      upliftPerTonneNok: uplift,
      transportNokPerTonne: transport,
      netPerTonneNok: uplift === null ? null : uplift - (transport ?? 0),
      co2ePerTonne: co2 === null ? null : co2 - transportCo2,
      quantityFit: quantityFitOf(a, b, c.capacity === true),
      seasonOverlap: seasonOverlap(own.months, c.months),
      tonnesPerYear: a !== null && b !== null ? Math.min(a, b) : (a ?? b),
      notes,
    });
  }
  const nullLast = (x: number | null) => (x === null ? Number.NEGATIVE_INFINITY : x);
  ranked.sort(
    (x, y) =>
      y.rank - x.rank ||
      nullLast(y.netPerTonneNok) - nullLast(x.netPerTonneNok) ||
      (x.km ?? Number.POSITIVE_INFINITY) - (y.km ?? Number.POSITIVE_INFINITY) ||
      nullLast(y.quantityFit) - nullLast(x.quantityFit) ||
      y.seasonOverlap - x.seasonOverlap ||
      x.id.localeCompare(y.id),
  );
  excluded.sort((x, y) => x.id.localeCompare(y.id));
  return { ranked, excluded };
}

/** The rank of a tier among the biological tiers (energy 0 … products 5). */
export function tierRankOf(tier: Tier | null): number {
  return tier ? TIERS.indexOf(tier) : -1;
}

// ── The pipeline ────────────────────────────────────────────────────────────────────────────────

export const PIPELINE = ['identified', 'contacted', 'qualified', 'trial', 'contract', 'realised'] as const;
export const STAGES = [...PIPELINE, 'rejected', 'stalled'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageChange {
  stage: Stage;
  reason: string | null;
  note: string | null;
  by: string;
  at: string;
}

/** The match's stage now: its latest change (the log is in the order it was written). */
export function currentStage(log: readonly StageChange[]): Stage {
  return log.at(-1)?.stage ?? 'identified';
}

/** The furthest pipeline stage reached before a match stalled (where it may resume). */
function lastActive(log: readonly StageChange[]): Stage {
  for (let i = log.length - 1; i >= 0; i--) {
    const s = log[i]?.stage as Stage;
    if (s !== 'stalled') return s;
  }
  return 'identified';
}

/**
 * Stages a match may move to: forward along the pipeline (skipping is allowed: a trial is not always
 * needed), to rejected or stalled from any open stage, and from stalled back to where it was or on.
 * Realised and rejected are final.
 */
export function allowedNext(log: readonly StageChange[]): Stage[] {
  const now = currentStage(log);
  if (now === 'realised' || now === 'rejected') return [];
  const from = now === 'stalled' ? lastActive(log) : now;
  const i = PIPELINE.indexOf(from as (typeof PIPELINE)[number]);
  const forward = PIPELINE.slice(now === 'stalled' ? i : i + 1);
  return [...forward, 'rejected', ...(now === 'stalled' ? [] : (['stalled'] as const))];
}

/** Null when the move is allowed, else why not. Rejected and stalled need a reason. */
export function checkStageChange(
  log: readonly StageChange[],
  to: Stage,
  reason: string | null,
): Message | null {
  const allowed = allowedNext(log);
  if (!allowed.includes(to))
    return message('stage_change_invalid', { fromStage: currentStage(log), toStage: to, allowed });
  if ((to === 'rejected' || to === 'stalled') && !reason?.trim())
    return message('stage_reason_required', { stage: to });
  return null;
}

/** Open matches with no stage change for `days` days at `now`, and every stalled one: oldest first. */
export function remindersDue<M extends { id: string; log: readonly StageChange[] }>(
  matches: readonly M[],
  now: Date,
  days: number,
): (M & { stage: Stage; since: string; idleDays: number })[] {
  const out: (M & { stage: Stage; since: string; idleDays: number })[] = [];
  for (const m of matches) {
    const stage = currentStage(m.log);
    if (stage === 'realised' || stage === 'rejected') continue;
    const since = m.log.at(-1)?.at;
    if (!since) continue;
    const idleDays = Math.floor((now.getTime() - Date.parse(since)) / 86_400_000);
    if (stage === 'stalled' || idleDays >= days) out.push({ ...m, stage, since, idleDays });
  }
  return out.sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id));
}

// ── The ledger ──────────────────────────────────────────────────────────────────────────────────

/** A ledger record may be written once a match is being tried or delivered. */
export const LEDGER_STAGES: readonly Stage[] = ['trial', 'contract', 'realised'];

export interface LedgerRecord {
  id: string;
  matchId: string;
  /** The day the tonnes moved (YYYY-MM-DD). */
  date: string;
  tonnes: number;
  nok: number;
  co2eTonnes: number;
  /** `computed` by the pyramid against the stream's current use; `evidence` as entered, with its evidence. */
  method: 'computed' | 'evidence';
  evidence: string | null;
  /** For a computed record: the per-tonne figures it multiplied. */
  basis: { upliftPerTonneNok: number; transportNokPerTonne: number; co2ePerTonne: number } | null;
  by: string;
  at: string;
}

/** A computed record: tonnes × (uplift − transport), tonnes × net CO2e per tonne. */
export function computedBenefit(tonnes: number, perTonne: NonNullable<LedgerRecord['basis']>) {
  return {
    nok: tonnes * (perTonne.upliftPerTonneNok - perTonne.transportNokPerTonne),
    co2eTonnes: tonnes * perTonne.co2ePerTonne,
  };
}

export interface Totals {
  tonnes: number;
  nok: number;
  co2eTonnes: number;
  records: number;
}

/** Totals are sums of records, nothing else. */
export function sumRecords(records: readonly Pick<LedgerRecord, 'tonnes' | 'nok' | 'co2eTonnes'>[]): Totals {
  const t = { tonnes: 0, nok: 0, co2eTonnes: 0, records: 0 };
  for (const r of records) {
    t.tonnes += r.tonnes;
    t.nok += r.nok;
    t.co2eTonnes += r.co2eTonnes;
    t.records += 1;
  }
  return t;
}

// ── The dashboard ───────────────────────────────────────────────────────────────────────────────

/** What a match was expected to bring a year when it was identified (tonnes × per-tonne figures). */
export interface Identified {
  tonnesPerYear: number | null;
  nokPerYear: number | null;
  co2eTonnesPerYear: number | null;
}

export interface DashboardMatch {
  id: string;
  kind: string;
  municipality: string;
  tier: Tier | null;
  stage: Stage;
  identified: Identified;
  records: readonly Pick<LedgerRecord, 'tonnes' | 'nok' | 'co2eTonnes'>[];
}

export interface DashboardRow {
  key: string;
  matches: number;
  /** Matches not rejected: what was identified (a year). */
  identified: { tonnes: number; nok: number; co2eTonnes: number; matches: number };
  realised: Totals;
  byStage: Partial<Record<Stage, number>>;
}

/**
 * Identified against realised, as SYNERGie reports identified and delivered benefit: by stream kind,
 * by municipality (of the offer) and by tier. Identified counts every match not rejected, at what it
 * was expected to bring a year; realised is the sum of the ledger's records.
 */
export function dashboard(matches: readonly DashboardMatch[]) {
  const group = (keyOf: (m: DashboardMatch) => string) => {
    const rows = new Map<string, DashboardRow>();
    for (const m of matches) {
      const key = keyOf(m);
      const row = rows.get(key) ?? {
        key,
        matches: 0,
        identified: { tonnes: 0, nok: 0, co2eTonnes: 0, matches: 0 },
        realised: { tonnes: 0, nok: 0, co2eTonnes: 0, records: 0 },
        byStage: {},
      };
      row.matches += 1;
      row.byStage[m.stage] = (row.byStage[m.stage] ?? 0) + 1;
      if (m.stage !== 'rejected') {
        row.identified.matches += 1;
        row.identified.tonnes += m.identified.tonnesPerYear ?? 0;
        row.identified.nok += m.identified.nokPerYear ?? 0;
        row.identified.co2eTonnes += m.identified.co2eTonnesPerYear ?? 0;
      }
      const r = sumRecords(m.records);
      row.realised.tonnes += r.tonnes;
      row.realised.nok += r.nok;
      row.realised.co2eTonnes += r.co2eTonnes;
      row.realised.records += r.records;
      rows.set(key, row);
    }
    return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
  };
  const total = group(() => 'all')[0] ?? null;
  return {
    total,
    byKind: group((m) => m.kind),
    byMunicipality: group((m) => m.municipality),
    byTier: group((m) => m.tier ?? 'none'),
  };
}
