/** The API client: typed fetches of /api, one error type carrying the API's message and issues. */

import { useEffect, useState } from 'react';
import type { ActorStream } from '../../src/domain/actor-streams.ts';
import type {
  DashboardRow,
  LedgerRecord,
  Listing,
  ListingSide,
  MunicipalAggregate,
  RankedCandidate,
  Stage,
  StageChange,
  Totals,
  Visibility,
} from '../../src/domain/market.ts';
import type { Message } from '../../src/domain/message.ts';

export interface Named {
  nb: string;
  en: string;
}
/** A text in both languages, or one text as a person wrote it. */
export type Words = Named | string;
export interface Source {
  status?: string;
  citation: string;
  url?: string;
  table?: string;
}
export interface Coefficient {
  id: string;
  name: Words;
  value: number;
  low: number;
  high: number;
  unit: string;
  distribution?: string;
  source: Source;
  region?: string;
  year?: number;
  note?: Words;
  calibration?: { against: Words; method: Words };
}
export interface Region {
  id: string;
  name: string;
  description?: Words;
  municipalities: string[];
  subRegions: { id: string; name: string; municipalities: string[] }[];
  builtin: boolean;
  /** A transcribed report about the region: the report profile reproduces it. */
  seedReport?: string;
  updatedAt: string;
}
export interface Municipality {
  number: string;
  name: string;
  county: string;
}
export interface Kind {
  id: string;
  name: Named;
  group: string;
  description?: Named;
  regulatoryClass?: string;
  regulatoryNote?: Named;
  dmShare?: Coefficient;
}
export interface Profile {
  id: string;
  title: Words;
  description: Words;
  coefficients: number;
  kinds: string[];
}
export interface ResidueRow {
  municipality: string;
  kind: string;
  tonnesWet: number;
  tonnesDm: number;
  p10?: number;
  p50?: number;
  p90?: number;
}
export interface Residues {
  region: string;
  profile: string;
  year?: number;
  municipalities: string[];
  rows: ResidueRow[];
  totals: (Omit<ResidueRow, 'municipality'> & { kind: string })[];
  /** Kinds left out because some municipalities lack their statistics. */
  notEstimated?: { kind: string; municipalities: string[]; statistics: string[] }[];
}
export interface Site {
  id: string;
  /** A site's own name, or a candidate's generated one in both languages. */
  name: Words;
  technology: string;
  route?: string[];
  accepts?: string[];
  capacityTonnes: number;
  basis: 'wet' | 'dm';
  lat: number;
  lon: number;
  municipality?: string;
  radiusKm: number | null;
  status: string;
  capacityIsAssumption: boolean;
  note?: Words;
}
export interface Technology {
  id: string;
  name: Named;
  description?: Named;
  inputs: string[];
  basis: 'wet' | 'dm';
  outputs: { product: string; yield: Coefficient }[];
  losses?: { what: string; share?: Coefficient }[];
  [key: string]: unknown;
}
export interface Product {
  id: string;
  name: Named;
  tier: string;
  intermediate?: boolean;
  price: {
    value: number;
    low: number;
    high: number;
    currency: string;
    per: string;
    year: number;
    source: Source;
    note?: Words;
  };
  description?: Named;
}
export interface PyramidTier {
  tier: string;
  route: string[] | null;
  /** Net value: revenue − opex − annualised capex. */
  valuePerTonneNok: number | null;
  valueNok: number | null;
  grossPerTonneNok: number | null;
  grossNok: number | null;
  mixed: boolean;
  direction: 'up' | 'level' | 'down' | null;
  co2ePerTonne: number | null;
  products: { product: string; tier: string; tonnesPerTonne: number; valuePerTonneNok: number }[];
  /** Why the tier is closed: a message code, rendered with the shared catalogue. */
  reason?: Message;
  upliftNok: number | null;
  alternatives: PyramidOption[];
  /** Tonnes the route takes (a thin market may take fewer than the stream has). */
  tonnesRouted: number | null;
  /** The route's readiness (its least ready technology's TRL). */
  trl: number | null;
  /** Yields of the route no source gives: a placeholder route. */
  placeholders: string[];
  /** What a reader must know: a placeholder, a full market. */
  notes: Message[];
  /** Routes below the mature level, shown apart. */
  emerging: PyramidOption[];
}
export interface PyramidOption {
  route: string[];
  valuePerTonneNok: number;
  trl: number;
  placeholders: string[];
}
export interface Pyramid {
  kind: string;
  tonnes: number;
  basis: string;
  tiers: PyramidTier[];
  currentUse?: {
    tier: string;
    description: Named;
    valuePerTonneNok: number;
    valueNok: number;
    source: Source;
  };
  best?: {
    tier: string;
    route: string[];
    valueNok: number;
    grossNok: number;
    direction: 'up' | 'level' | 'down' | null;
    beatsCurrentUse: boolean;
  };
  highestTier?: string;
  upliftNok?: number;
  /** The region's stream to its nearest site per technology, by road (the tiers are before transport). */
  hauls?: { technology: string; site: string; km: number; nokPerTonne: number; co2ePerTonne: number }[];
  bestAfterTransport?: { site: string; transportNokPerTonne: number; valueNok: number };
  /** With `uncertainty=true`: P10–P90 of the best route's net NOK and CO2e, and the tornado. */
  uncertainty?: {
    draws: number;
    best: {
      valueNok: Band | null;
      co2eTonnes: Band | null;
      keptShare: number;
    } | null;
    tornado: { key: string; label: Message; atLow: number; atHigh: number; swing: number }[];
  };
}
export interface Band {
  central: number;
  p10: number;
  p50: number;
  p90: number;
}
export interface ScenarioSummary {
  id: string;
  name: Named | string;
  description?: Named | string;
  builtin: boolean;
}
export interface ScenarioStep {
  id: string;
  technology: string;
  input: string;
  yields?: Record<string, number>;
  [key: string]: unknown;
}
export interface Scenario {
  id: string;
  name: Named | string;
  description?: Named | string;
  inputs: { stream: string; tonnes?: number; basis: 'wet' | 'dm' }[];
  steps: ScenarioStep[];
  [key: string]: unknown;
}
export interface ScenarioResult {
  scenario?: string;
  products: {
    product: string;
    tier: string;
    tonnes: number;
    priceNokPerTonne: number;
    valueNok: number;
    co2eTonnes: number;
  }[];
  valueNok: number;
  co2eTonnes: number;
  capexNok: number;
  opexNok: number;
  massBalance: {
    step?: string;
    technology: string;
    basis: string;
    input: number;
    products: { product: string; tonnes: number }[];
    losses: { what: string; tonnes: number }[];
    imbalance: number;
    inputStream?: string;
  }[];
  inputs: { stream: string; basis: string; tonnes: number; used: number }[];
  leftovers: { stream?: string; product?: string; tonnes: number }[];
  /** The same run from the library alone, line by line (docs/scenarios.md). */
  comparison?: {
    overrides: { kind: string; message: Message }[];
    fromLibrary: { ok: boolean; reason?: Message | null; error?: string };
    lines: {
      line: string;
      unit: 't' | 'NOK' | 't CO2e';
      asStated: number;
      fromLibrary: number;
      difference: number;
      causes: { overrides: number[]; effect: number }[];
      label: Message;
    }[];
  };
  /** The technologies it uses below the mature level (pilot, laboratory), as messages. */
  readiness?: Message[];
  /** Each input against the region's residue estimate. */
  feedCheck?: { region: string; profile: string; asStated: { status: string; message: Message }[] };
}
export interface Job {
  id: string;
  stage: string;
  progress: number;
  startedAt: string;
  finishedAt?: string;
  result?: Allocation;
  error?: { code: string; message: string };
}
/** GET/POST /catchments: catchments by road, competition and, with changed sites, the change. */
export interface CatchmentsAnswer {
  sites: {
    id: string;
    lat: number;
    lon: number;
    radiusKm: number;
    inflowTonnesWet: number;
    shadowPriceNokPerTonne: number | null;
    capacityBinds: boolean;
  }[];
  catchments: {
    site: string;
    radiusKm: number;
    municipalities: { number: string; share: number; km: number | null }[];
    tonnes: { kind: string; tonnes: number }[];
    outline: [number, number][] | null;
  }[];
  competition: {
    sites: [string, string];
    kinds: string[];
    municipalities: { number: string; share: number }[];
    totalTonnes: number;
    outcome: { received: { site: string; tonnes: number; shadowPriceNokPerTonne: number | null }[] };
  }[];
  allocation: { valueNok: number | null; unservedTonnes: { kind: string; tonnes: number }[] };
  whatIf?: {
    baseline: { allocation: { valueNok: number | null } };
    changes: {
      site: string;
      change: string;
      inflowTonnesWet: { before: number; after: number };
      valueNok: { before: number; after: number };
    }[];
  };
}

export interface Allocation {
  status: string;
  objective: number;
  objectiveKind: string;
  objectiveUnit: string;
  valueNok: number;
  co2eTonnes: number;
  baseline: { valueNok: number; co2eTonnes: number };
  upliftNok: number;
  upliftCo2eTonnes: number;
  flows: {
    from: string;
    kind: string;
    site: string;
    technology: string;
    route: string[];
    tonnes: number;
    km: number;
    valueNok: number;
    co2eTonnes: number;
    upliftNok: number;
  }[];
  sites: {
    id: string;
    name: Words;
    technology: string;
    open: boolean;
    usedTonnes: number;
    capacityTonnes: number;
    basis: string;
    capacityBinds: boolean;
    radiusKm: number;
    radiusBinds: boolean;
    shadowPriceNokPerTonne: number;
    valueNok: number;
    co2eTonnes: number;
  }[];
  streams: {
    kind: string;
    supplyTonnes: number;
    allocatedTonnes: number;
    valueNok: number;
    upliftNok: number;
  }[];
  unallocated: { municipality: string; kind: string; tonnes: number; reason: string; detail: Message }[];
  binding: { capacities: string[]; radii: string[] };
  assumedCapacities: string[];
}
export interface ActorItem {
  /** Null when withheld (a sole proprietorship: a personal name). */
  orgnr: string | null;
  name: string | null;
  withheld: boolean;
  form: string;
  unitType: string;
  municipality: string | null;
  sectors: string[];
  nace: string[];
}
/** A text in bokmål and English. */
type Both = { nb: string; en: string };
export interface StreamKinds {
  kinds: { id: string; name: Both; cycle: 'biological' | 'technical' }[];
  roles: { id: string; name: Both; description: Both }[];
  ladder: { id: string; name: Both }[];
  defaultWithinKm: number;
}
export type { ActorStream };
export interface StreamRow {
  orgnr: string | null;
  name: string | null;
  form: string | null;
  municipality: string;
  actors: number;
  group: boolean;
  roles: string[];
  stream: ActorStream;
  distance: { km: number; hours: number } | null;
}
export interface StreamAnswer {
  kind: string;
  cycle: 'biological' | 'technical';
  direction: 'holds' | 'uses';
  municipalities: string[];
  rows: StreamRow[];
  total: { tonnes: number; low: number; high: number } | null;
  basis: { farmFiles: string[]; registerUnits: number; claims: number; profile: string };
  privacy: { groupedActors: number };
}
export interface Comparison {
  region: string;
  profile: string;
  rows: {
    municipality: string;
    kind: string;
    actors: { tonnes: number; count: number } | null;
    statistics: number | null;
    difference: number | null;
  }[];
}
export interface ActorStreamsAnswer {
  orgnr: string;
  name: string | null;
  form: string | null;
  municipalities: string[];
  nace: string[];
  roles: string[];
  streams: ActorStream[];
}
export interface ActorSummary {
  total: number;
  byForm: Record<string, number>;
  bySector: Record<string, number>;
  byMunicipality: Record<string, number>;
  rule?: string;
}
export interface Sources {
  datasets: {
    id: string;
    title: string;
    year: number;
    source: Source & { derivedFrom?: string };
    variables: number;
  }[];
  years: number[];
  products: Product[];
  currencyRates: { currency: string; nokPerUnit: number; date: string; source: Source }[];
  rules: {
    id: string;
    regulatoryClass: string;
    forbiddenTiers: string[];
    rule: Named;
    legalSource: Source;
  }[];
  currentUses: { kind: string; tier: string; description: Named; source: Source }[];
  sectors: { id: string; name: Named; nace: string[]; source: string }[];
}

/** GET /api/me: the signed-in user (null for a visitor), platform roles and organisations. */
export interface Me {
  user: { id: string; email: string; name: string } | null;
  roles: { role: 'facilitator' | 'admin'; region: string | null }[];
  organisations: { id: string; name: string; orgnr: string; role: string }[];
}
export type { Listing, ListingSide, Stage, Visibility };
/** What a visitor sees of a named company's public listing. */
export interface PublicListing {
  id: string;
  side: ListingSide;
  kind: string;
  quantity: Listing['quantity'];
  municipality: string;
  holder: { orgnr: string | null; name: string | null };
  estimated: boolean;
}
/** GET /market/listings. */
export interface ListingSearch {
  total: number;
  items: Listing[];
  public: PublicListing[];
  aggregates: MunicipalAggregate[];
}
/** GET /market/listings/{id}/matches: messages come with their text in the request's language. */
export interface MarketMatches {
  listing: Listing;
  tonnesPerYear: number | null;
  /** Ranked candidates in all; `ranked` holds the best `?limit=` of them. */
  total: number;
  ranked: (RankedCandidate & { proposed: string | null })[];
  excluded: (Omit<RankedCandidate, 'notes'> & { reason: Message; rule: string | null })[];
  grouped: number;
  withinKm: number;
}
/** A match as GET/POST /market/matches answer it. */
export interface MarketMatch {
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
  tier: string | null;
  municipality: string;
  identified: { tonnesPerYear: number | null; nokPerYear: number | null; co2eTonnesPerYear: number | null };
  log: StageChange[];
  stage: Stage;
  allowedNext: Stage[];
  records: LedgerRecord[];
  realised: Totals;
}
export interface MarketDashboard {
  region: string;
  total: DashboardRow | null;
  byKind: DashboardRow[];
  byMunicipality: DashboardRow[];
  byTier: DashboardRow[];
}
/** GET /market/suggestions (the region's facilitator): candidates no one has proposed, matches not yet opened. */
export interface MarketSuggestions {
  region: string;
  suggested: {
    listing: Pick<Listing, 'id' | 'title' | 'side' | 'kind'>;
    /** The best few ranked candidates not yet proposed (`proposed` is null). */
    candidates: MarketMatches['ranked'];
  }[];
  unseen: {
    id: string;
    listingId: string;
    target: MarketMatch['target'];
    stage: Stage;
    seenByHolder: boolean;
    seenByTarget: boolean;
  }[];
}
export interface MarketReminders {
  days: number;
  due: (Omit<MarketMatch, 'allowedNext' | 'records' | 'realised'> & { since: string; idleDays: number })[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`/api${path}`, {
    ...init,
    headers: init?.body ? { 'Content-Type': 'application/json', ...init.headers } : init?.headers,
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const e = (body as { error?: { message?: string; issues?: { path: string; message: string }[] } })?.error;
    throw new ApiError(res.status, e?.message ?? `${res.status} ${res.statusText}`, e?.issues ?? []);
  }
  return body as T;
}

export const post = <T>(path: string, body: unknown) =>
  api<T>(path, { method: 'POST', body: JSON.stringify(body) });
export const put = <T>(path: string, body: unknown) =>
  api<T>(path, { method: 'PUT', body: JSON.stringify(body) });
export const patch = <T>(path: string, body: unknown) =>
  api<T>(path, { method: 'PATCH', body: JSON.stringify(body) });

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Fetches `path` (none when null) and keeps the last answer; a newer path wins over a slower older one. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean; path: string | null }>({
    loading: path !== null,
    path,
  });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload.
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, path }));
    api<T>(path).then(
      (data) => live && setState({ data, loading: false, path }),
      (error: unknown) =>
        live &&
        setState({
          loading: false,
          path,
          error: error instanceof ApiError ? error : new ApiError(0, String(error)),
        }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  return {
    data: state.data,
    error: state.error,
    loading: state.loading,
    reload: () => setTick((t) => t + 1),
  };
}
