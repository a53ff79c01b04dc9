/**
 * Who holds what, and who could use it: the facilitator's questions over the register, the farm files
 * and what companies have confirmed. `holdersOf` ("who holds S near P"), `usersOf` ("who could use S"),
 * `streamsOfActor` (one actor, all it holds and could use), `compareWithStatistics` (actors summed
 * per municipality against the statistics-based estimate), `reportActorsFound` (the seed report's
 * named actors looked up in the register), and the claims a company or facilitator records. Lists
 * name companies only; farms and sole proprietorships appear in them as counts per municipality.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ActorStream,
  type ActorStreamCatalogue,
  actorUses,
  estimateFarmStreams,
  type FarmRecord,
  farmKey,
  type KindInfo,
  kindInfos,
  matchNamedActors,
  mergeStreams,
  municipalShares,
  type NamedActor,
  type NamedActorMatch,
  naceStreams,
  namedPublicly,
  type RegisterActor,
  reachIndex,
  roleOfReportWords,
  rolesOf,
  type StreamQuantity,
  type UseContext,
} from '../domain/actor-streams.ts';
import type { CoefficientProfile } from '../domain/coefficients.ts';
import { AppError } from '../domain/errors.ts';
import type { LatLon } from '../domain/geo.ts';
import { message } from '../domain/message.ts';
import { resolveMunicipalityInput } from '../domain/municipalities.ts';
import type { Dataset } from '../domain/observations.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { findRegion } from '../domain/regions.ts';
import type { Leg } from '../domain/roads.ts';
import { aggregateLandbruk } from '../ingest/landbruk.ts';
import { findProfile } from '../ingest/reference-data.ts';
import {
  listRoleClaims,
  listStreamClaims,
  type RoleClaim,
  type StreamClaim,
  saveRoleClaim,
  saveStreamClaim,
} from '../store/actor-claims-repository.ts';
import {
  type ActorListItem,
  type ActorQuery,
  findActor,
  listActors,
  withEstablishments,
} from '../store/actors-repository.ts';
import type { DataFiles } from './data-files.ts';
import { estimateResiduesFrom } from './residues.ts';
import type { Workspace } from './workspace.ts';

/** The profile whose recipes read farm records (per animal category, straw from grain deliveries, slaughter). */
export const ACTOR_PROFILE = 'literature';
/** How far "near" reaches when the request gives no distance (the report's competition radius). */
export const DEFAULT_WITHIN_KM = 50;
/** Draws for the farm streams' P10–P90 (the rows of a region are a few thousand; 200 draws keep it light). */
export const FARM_DRAWS = 200;

/** What the shells offer to ask about: every kind with its name and cycle, the roles, the technical ladder. */
export function streamKinds(ws: Pick<Workspace, 'files'>) {
  const catalogue = ws.files.actorStreams();
  return {
    kinds: kindInfos(ws.files.reference().kinds, catalogue).map((k) => ({
      id: k.id,
      name: k.name,
      cycle: k.cycle,
    })),
    roles: catalogue.roles.map((r) => ({ id: r.id, name: r.name, description: r.description })),
    ladder: catalogue.technicalLadder,
    ladderNote: catalogue.ladderNote,
    namedForms: catalogue.namedForms.note,
    defaultWithinKm: DEFAULT_WITHIN_KM,
  };
}

// ── Farm records ────────────────────────────────────────────────────────────────────────────────

export interface FarmRecords {
  records: FarmRecord[];
  /** The statistics datasets the files are (their variables and years). */
  datasets: Dataset[];
  files: string[];
}

const farmCache = new WeakMap<DataFiles, FarmRecords>();

/**
 * Every farm of the farm files (data/actor-streams.json `farmFiles`), read with the same reader and
 * mapping as the municipal statistics, row by row: one record per organisation number and
 * municipality. Read once per data folder.
 */
export function farmRecords(files: DataFiles, data: ReferenceData): FarmRecords {
  const hit = farmCache.get(files);
  if (hit) return hit;
  const catalogue = files.actorStreams();
  const byKey = new Map<string, FarmRecord>();
  const datasets: Dataset[] = [];
  for (const f of catalogue.farmFiles) {
    const dataset = data.datasets.find((d) => d.id === f.dataset);
    if (!dataset)
      throw new AppError(
        'invalid_data',
        `data/actor-streams.json: farm file ${f.file} names dataset ${f.dataset}, which is not in data/statistics`,
        { detail: message('farm_dataset_missing', { file: files.cite(f.file), dataset: f.dataset }) },
      );
    datasets.push(dataset);
    const rows: {
      orgnr: string;
      name: string | null;
      municipality: string;
      values: Record<string, number>;
    }[] = [];
    aggregateLandbruk(readFileSync(join(files.dir, f.file)), {
      file: files.cite(f.file),
      mapping: files.landbrukMapping(),
      livestock: files.livestockMapping(),
      registry: data.registry,
      ...(f.year === undefined ? {} : { year: f.year }),
      recordFields: ['orgnr', ...(f.nameField ? [f.nameField] : [])],
      onRecord: (r) => {
        const orgnr = r.fields.orgnr;
        if (!orgnr) return;
        rows.push({
          orgnr,
          name: f.nameField ? (r.fields[f.nameField] ?? null) : null,
          municipality: r.municipality,
          values: r.values,
        });
      },
    });
    for (const r of rows) {
      const key = farmKey(r);
      const rec = byKey.get(key) ?? { orgnr: r.orgnr, name: null, municipality: r.municipality, values: {} };
      if (!rec.name && r.name) rec.name = r.name;
      const into = rec.values[f.dataset] ?? {};
      for (const [v, x] of Object.entries(r.values)) into[v] = (into[v] ?? 0) + x;
      rec.values[f.dataset] = into;
      byKey.set(key, rec);
    }
  }
  const result = {
    records: [...byKey.values()].sort((a, b) => farmKey(a).localeCompare(farmKey(b))),
    datasets,
    files: catalogue.farmFiles.map((f) => files.cite(f.file)),
  };
  farmCache.set(files, result);
  return result;
}

/** The residue kinds a farm record can feed: those whose recipe (or an alternative) reads only farm-file variables. */
export function farmKinds(profile: CoefficientProfile, datasets: Dataset[]): string[] {
  const vars = new Set(datasets.flatMap((d) => Object.keys(d.variables)));
  return profile.recipes
    .filter((r) =>
      [{ terms: r.terms }, ...(r.alternatives ?? [])].some((b) =>
        b.terms.every((t) => vars.has(t.statistic)),
      ),
    )
    .map((r) => r.kind);
}

// ── Context ─────────────────────────────────────────────────────────────────────────────────────

interface Ctx {
  ws: Workspace;
  data: ReferenceData;
  catalogue: ActorStreamCatalogue;
  kinds: Map<string, KindInfo>;
  uses: UseContext;
  profile: CoefficientProfile;
}

async function context(ws: Workspace, profileId = ACTOR_PROFILE): Promise<Ctx> {
  const data = await ws.reference();
  const catalogue = ws.files.actorStreams();
  const kinds = new Map(kindInfos(data.kinds, catalogue).map((k) => [k.id, k]));
  return {
    ws,
    data,
    catalogue,
    kinds,
    uses: {
      catalogue,
      kinds,
      technologies: new Map(ws.library.technologies.map((t) => [t.id, t])),
      rules: ws.library.rules,
    },
    profile: findProfile(data, profileId),
  };
}

/** An actor with one stream of the kind asked about, before lists group the ones not named. */
interface Candidate {
  orgnr: string;
  name: string | null;
  form: string | null;
  municipality: string;
  stream: ActorStream;
  nace: string[];
}

/** Every status: a lookup by name must find a unit whatever the report's filter would do with it. */
const EVERY_STATUS = {
  includeBankrupt: true,
  includeUnderLiquidation: true,
  includeForcedDissolution: true,
  includeClosed: true,
  includeNonVat: true,
};

/** Every actor of a query, read a page at a time. */
async function allActors(ws: Workspace, query: ActorQuery): Promise<ActorListItem[]> {
  const out: ActorListItem[] = [];
  const page = 5000;
  for (let offset = 0; ; offset += page) {
    const list = await listActors(ws.store.db, query, { limit: page, offset });
    out.push(...list.items);
    if (offset + page >= list.total) break;
  }
  return out;
}

function checkKind(ctx: Ctx, kind: string): KindInfo {
  const info = ctx.kinds.get(kind);
  if (!info) {
    const allowed = [...ctx.kinds.keys()];
    throw new AppError('invalid_input', `unknown stream kind "${kind}" (use ${allowed.join(', ')})`, {
      detail: message('invalid_choice', { name: 'kind', input: kind, allowed }),
    });
  }
  return info;
}

function toRegisterActor(a: ActorListItem): RegisterActor {
  return {
    orgnr: a.orgnr,
    name: a.name,
    form: a.countedForm,
    nace: a.nace,
    municipality: a.municipality,
    employees: a.employees,
  };
}

/**
 * Register units of the municipalities whose NACE codes start with one of the prefixes (the report's
 * counting rule for status). A stream arises where the work is done: establishments (underenheter)
 * count at their own address with their own employees, and a legal unit only when the store has no
 * establishment of it (a national firm's employees are not all at its head office).
 */
async function registerUnits(
  ws: Workspace,
  municipalities: readonly string[],
  prefixes: readonly string[],
): Promise<ActorListItem[]> {
  const all = await allActors(ws, { municipalities, nacePrefixes: prefixes, units: 'all' });
  const parents = await withEstablishments(
    ws.store.db,
    all.filter((a) => a.unitType === 'enhet').map((a) => a.orgnr),
  );
  return all.filter((a) => a.unitType === 'underenhet' || !parents.has(a.orgnr));
}

// ── Places ──────────────────────────────────────────────────────────────────────────────────────

export interface Place {
  /** What the user gave, as resolved: a municipality's town, or a point. */
  label: string;
  municipality: string | null;
  position: LatLon;
}

/** A municipality (number or name: its town on the road network) or "lat,lon". */
export function resolvePlace(files: DataFiles, data: ReferenceData, input: string): Place {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(input);
  if (m) {
    const lat = Number(m[1]);
    const lon = Number(m[2]);
    if (lat < 57 || lat > 72 || lon < 4 || lon > 32)
      throw new AppError('invalid_input', `place ${input}: not a point in Norway (lat 57–72, lon 4–32)`, {
        detail: message('place_outside_norway', { input }),
      });
    return { label: `${lat.toFixed(4)}, ${lon.toFixed(4)}`, municipality: null, position: { lat, lon } };
  }
  const r = resolveMunicipalityInput(data.registry, input);
  if (!r.ok) throw new AppError('unknown_municipality', `place ${input}: ${r.reason}`, { detail: r.detail });
  const position = files.sitePositions().get(r.number);
  if (!position)
    throw new AppError('unknown_municipality', `place ${input}: municipality ${r.number} has no position`, {
      detail: message('place_without_position', { municipality: r.number }),
    });
  return {
    label: data.registry.municipalities.get(r.number)?.name ?? r.number,
    municipality: r.number,
    position,
  };
}

// ── Requests and answers ────────────────────────────────────────────────────────────────────────

export interface StreamQuestion {
  kind: string;
  /** Look in this region's municipalities (all of Norway within `withinKm` of `near` when absent). */
  region?: string | undefined;
  /** A municipality number or name, or "lat,lon". */
  near?: string | undefined;
  /** Road km from `near` (default 50 when `near` is given). */
  withinKm?: number | undefined;
  /** Best first, at most this many named actors (default all). */
  limit?: number | undefined;
  /**
   * Show farms and sole proprietorships one by one, with their names: only for a viewer whose role
   * allows it (`mayListPersons`: an administrator, or the facilitator of the region asked about).
   */
  listPersons?: boolean | undefined;
}

/** One row of an answer: a named actor, or the farms and sole proprietorships of a municipality together. */
export interface StreamRow {
  /** Null for a group of actors not named in lists. */
  orgnr: string | null;
  name: string | null;
  form: string | null;
  municipality: string;
  /** How many actors the row stands for (1 for a named actor). */
  actors: number;
  /** A group of farms and sole proprietorships, shown only as a count and a sum. */
  group: boolean;
  roles: string[];
  stream: ActorStream;
  /** Road distance from the place asked about, when one was given. */
  distance: { km: number; hours: number; method: Leg['method'] } | null;
}

export interface StreamAnswer {
  kind: string;
  cycle: KindInfo['cycle'];
  direction: ActorStream['direction'];
  region: string | null;
  near: Place | null;
  withinKm: number | null;
  /** The municipalities searched (after the distance filter). */
  municipalities: string[];
  rows: StreamRow[];
  /** Tonnes over all rows (holders), with the sum of their ranges. */
  total: StreamQuantity | null;
  /** What the answer read: the farm files, whether the register is imported, the claims. */
  basis: { farmFiles: string[]; registerUnits: number; claims: number; profile: string };
  /** How many actors are in the answer only as counts, and whether the viewer's role listed them one by one. */
  privacy: { groupedActors: number; personsListed: boolean };
}

function municipalitiesFor(
  ctx: Ctx,
  q: StreamQuestion,
  kind: KindInfo,
): {
  municipalities: string[];
  near: Place | null;
  withinKm: number | null;
  legs: Map<string, Leg>;
} {
  if (!q.region && !q.near)
    throw new AppError('invalid_input', 'give a region (--region) or a place (--near), or both', {
      detail: message('options_missing', { command: 'actors', options: ['--region ID', '--near PLACE'] }),
    });
  const all = q.region
    ? findRegion(ctx.data.regions, q.region).municipalities
    : [...ctx.data.registry.municipalities.keys()].sort();
  if (!q.near) return { municipalities: all, near: null, withinKm: null, legs: new Map() };
  const near = resolvePlace(ctx.ws.files, ctx.data, q.near);
  const withinKm = q.withinKm ?? DEFAULT_WITHIN_KM;
  if (!(withinKm > 0 && withinKm <= 2000))
    throw new AppError('invalid_input', `invalid distance: ${withinKm} km (more than 0, at most 2 000)`, {
      detail: message('invalid_integer', { name: 'within', input: String(withinKm), min: 1, max: 2000 }),
    });
  const distances = ctx.ws.files.roads().distances;
  const legs = new Map<string, Leg>();
  const site = { id: 'near', position: near.position };
  for (const m of all) {
    const leg = distances.leg(m, site, kind.origin);
    if (leg && leg.km <= withinKm) legs.set(m, leg);
  }
  return { municipalities: all.filter((m) => legs.has(m)), near, withinKm, legs };
}

function sumQuantity(list: (StreamQuantity | null)[]): StreamQuantity | null {
  const qs = list.filter((x): x is StreamQuantity => x !== null);
  if (qs.length === 0) return null;
  const dm = qs.every((x) => x.tonnesDm !== null);
  return {
    tonnes: qs.reduce((s, x) => s + x.tonnes, 0),
    low: qs.reduce((s, x) => s + x.low, 0),
    high: qs.reduce((s, x) => s + x.high, 0),
    tonnesDm: dm ? qs.reduce((s, x) => s + (x.tonnesDm as number), 0) : null,
  };
}

function claimStream(c: StreamClaim): ActorStream {
  const q =
    c.tonnes === null
      ? null
      : { tonnes: c.tonnes, low: c.low ?? c.tonnes, high: c.high ?? c.tonnes, tonnesDm: null };
  return {
    kind: c.kind,
    direction: c.direction,
    basis: 'confirmed',
    status: 'confirmed',
    quantity: q,
    source: { ...(c.note ? { note: c.note } : {}), confirmedAt: c.claimedAt },
  };
}

function withRoleClaims(roles: string[], claims: RoleClaim[]): string[] {
  const set = new Set(roles);
  for (const c of claims) {
    if (c.present) set.add(c.role);
    else set.delete(c.role);
  }
  return [...set].sort();
}

/** The farm streams of the municipalities' farms, for some kinds (central and P10–P90). */
function farmStreamsOf(ctx: Ctx, municipalities: readonly string[], kindIds: string[]) {
  const farms = farmRecords(ctx.ws.files, ctx.data);
  const wanted = new Set(municipalities);
  const records = farms.records.filter((r) => wanted.has(r.municipality));
  const kinds = kindIds.filter((k) => farmKinds(ctx.profile, farms.datasets).includes(k));
  if (records.length === 0 || kinds.length === 0)
    return { records, streams: new Map<string, ActorStream[]>(), farms };
  const streams = estimateFarmStreams({
    records,
    profile: ctx.profile,
    kinds: ctx.data.kinds,
    datasets: farms.datasets,
    kindIds: kinds,
    draws: FARM_DRAWS,
    random: ctx.ws.random(1),
  });
  return { records, streams, farms };
}

/** The statistics-based estimate per municipality of one kind (central and P10–P90), from the same profile. */
function municipalEstimate(ctx: Ctx, municipalities: string[], kind: string) {
  const out = new Map<string, { tonnes: number; low: number; high: number; tonnesDm: number }>();
  if (!ctx.profile.recipes.some((r) => r.kind === kind) || municipalities.length === 0) return out;
  const { answer } = estimateResiduesFrom(ctx.data, ctx.ws.random, {
    region: 'norge',
    profile: ctx.profile.id,
    municipalities,
    kinds: [kind],
    draws: FARM_DRAWS,
  });
  for (const r of answer.rows)
    out.set(r.municipality, {
      tonnes: r.tonnesWet,
      low: r.p10 ?? r.tonnesWet,
      high: r.p90 ?? r.tonnesWet,
      tonnesDm: r.tonnesDm,
    });
  return out;
}

/**
 * Who holds a stream, near a place or in a region: farms from their own records, register units by
 * NACE × employees or as a share of the municipal estimate, and what companies confirmed. Largest
 * first, then nearest. Farms and sole proprietorships are summed per municipality.
 */
export async function holdersOf(ws: Workspace, q: StreamQuestion): Promise<StreamAnswer> {
  const ctx = await context(ws);
  const kind = checkKind(ctx, q.kind);
  const where = municipalitiesFor(ctx, q, kind);
  const { municipalities } = where;

  const farm = farmStreamsOf(ctx, municipalities, [kind.id]);
  const holdings = ctx.catalogue.holdings.filter((h) => h.kind === kind.id);
  const shares = ctx.catalogue.shares.filter((s) => s.kind === kind.id);
  const prefixes = [...new Set([...holdings, ...shares].flatMap((h) => h.nace))];
  const units = prefixes.length > 0 ? await registerUnits(ws, municipalities, prefixes) : [];
  const claims = (await listStreamClaims(ws.store.db, { kind: kind.id })).filter(
    (c) => c.direction === 'holds',
  );
  const claimedUnits =
    claims.length > 0
      ? (
          await listActors(
            ws.store.db,
            { orgnrs: claims.map((c) => c.orgnr), units: 'all' },
            { limit: claims.length, offset: 0 },
          )
        ).items
      : [];

  const register = new Map<string, ActorListItem>();
  for (const u of [...units, ...claimedUnits]) register.set(u.orgnr, u);
  const farmByOrgnr = new Map<string, FarmRecord[]>();
  for (const r of farm.records) farmByOrgnr.set(r.orgnr, [...(farmByOrgnr.get(r.orgnr) ?? []), r]);

  const shareStreams = new Map<string, ActorStream>();
  for (const rule of shares) {
    const est = municipalEstimate(ctx, municipalities, kind.id);
    for (const [orgnr, s] of municipalShares(units.map(toRegisterActor), est, rule))
      shareStreams.set(orgnr, s);
  }

  const candidates: Candidate[] = [];
  // Farms: one candidate per farm and municipality (a farm's register unit lends it its form and name).
  for (const r of farm.records) {
    const s = farm.streams.get(farmKey(r))?.find((x) => x.kind === kind.id);
    if (!s) continue;
    const unit = register.get(r.orgnr);
    candidates.push({
      orgnr: r.orgnr,
      name: unit?.name ?? r.name,
      form: unit?.countedForm ?? null,
      municipality: r.municipality,
      stream: s,
      nace: unit?.nace ?? [],
    });
  }
  const farmed = new Set(candidates.map((c) => c.orgnr));
  for (const u of units) {
    if (farmed.has(u.orgnr) || !u.municipality) continue;
    const streams = mergeStreams([
      naceStreams(toRegisterActor(u), ctx.catalogue, ctx.kinds).filter((s) => s.kind === kind.id),
      shareStreams.has(u.orgnr) ? [shareStreams.get(u.orgnr) as ActorStream] : [],
    ]);
    const s = streams[0];
    if (s)
      candidates.push({
        orgnr: u.orgnr,
        name: u.name,
        form: u.countedForm,
        municipality: u.municipality,
        stream: s,
        nace: u.nace,
      });
  }
  // Confirmations replace the estimate of the same actor.
  for (const c of claims) {
    const unit = register.get(c.orgnr);
    const municipality = c.municipality ?? unit?.municipality ?? farmByOrgnr.get(c.orgnr)?.[0]?.municipality;
    if (!municipality || !municipalities.includes(municipality)) continue;
    for (let i = candidates.length - 1; i >= 0; i--)
      if (candidates[i]?.orgnr === c.orgnr) candidates.splice(i, 1);
    candidates.push({
      orgnr: c.orgnr,
      name: unit?.name ?? farmByOrgnr.get(c.orgnr)?.[0]?.name ?? null,
      form: unit?.countedForm ?? null,
      municipality,
      stream: claimStream(c),
      nace: unit?.nace ?? [],
    });
  }
  const roleClaims = await listRoleClaims(
    ws.store.db,
    candidates.map((c) => c.orgnr),
  );
  const rows = toRows(ctx, candidates, where.legs, roleClaims, kind, q.listPersons === true);
  rows.sort(
    (a, b) =>
      (b.stream.quantity?.tonnes ?? 0) - (a.stream.quantity?.tonnes ?? 0) ||
      (a.distance?.km ?? 0) - (b.distance?.km ?? 0) ||
      a.municipality.localeCompare(b.municipality),
  );
  return answerOf(ctx, q, kind, 'holds', where, limitRows(rows, q.limit), {
    farmFiles: farm.farms.files,
    registerUnits: units.length,
    claims: claims.length,
  });
}

/**
 * Who could use a stream: register units whose NACE codes say they run a technology that takes it
 * (within the eligibility rules) or take it directly, the technical roles that take it, farms by what
 * their records show (animals: straw, feed; grain: manure, sludge), and confirmed uses. Highest tier
 * or ladder step first, then nearest.
 */
export async function usersOf(ws: Workspace, q: StreamQuestion): Promise<StreamAnswer> {
  const ctx = await context(ws);
  const kind = checkKind(ctx, q.kind);
  const where = municipalitiesFor(ctx, q, kind);
  const { municipalities } = where;
  // NACE prefixes of every rule that could take the kind (filtered again per actor below).
  const prefixes = new Set<string>();
  for (const u of ctx.catalogue.uses) {
    const takes =
      (u.kinds ?? []).includes(kind.id) ||
      (u.technologies ?? []).some((t) => ctx.uses.technologies.get(t)?.inputs.includes(kind.id));
    if (takes) for (const p of u.nace) prefixes.add(p);
  }
  for (const r of ctx.catalogue.roles) if (r.uses.includes(kind.id)) for (const p of r.nace) prefixes.add(p);
  const units = prefixes.size > 0 ? await registerUnits(ws, municipalities, [...prefixes]) : [];
  const roleClaims = await listRoleClaims(ws.store.db);
  const claims = (await listStreamClaims(ws.store.db, { kind: kind.id })).filter(
    (c) => c.direction === 'uses',
  );

  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const u of units) {
    if (!u.municipality) continue;
    const roles = withRoleClaims(
      rolesOf(u.nace, ctx.catalogue),
      roleClaims.filter((c) => c.orgnr === u.orgnr),
    );
    const use = actorUses(u.nace, roles, ctx.uses).find((s) => s.kind === kind.id);
    if (!use) continue;
    seen.add(u.orgnr);
    candidates.push({
      orgnr: u.orgnr,
      name: u.name,
      form: u.countedForm,
      municipality: u.municipality,
      stream: use,
      nace: u.nace,
    });
  }
  // Farms not in the register as such users: what their records show they do.
  const farms = farmRecords(ws.files, ctx.data);
  const wanted = new Set(municipalities);
  for (const r of farms.records) {
    if (!wanted.has(r.municipality) || seen.has(r.orgnr)) continue;
    const use = actorUses(farmNace(r), [], ctx.uses, 'farm-record').find((s) => s.kind === kind.id);
    if (use)
      candidates.push({
        orgnr: r.orgnr,
        name: r.name,
        form: null,
        municipality: r.municipality,
        stream: use,
        nace: [],
      });
  }
  for (const c of claims) {
    const m = c.municipality;
    if (!m || !wanted.has(m)) continue;
    for (let i = candidates.length - 1; i >= 0; i--)
      if (candidates[i]?.orgnr === c.orgnr) candidates.splice(i, 1);
    candidates.push({
      orgnr: c.orgnr,
      name: null,
      form: null,
      municipality: m,
      stream: claimStream(c),
      nace: [],
    });
  }
  const rows = toRows(ctx, candidates, where.legs, roleClaims, kind, q.listPersons === true);
  rows.sort(
    (a, b) =>
      reachIndex(b.stream.reaches, ctx.catalogue) - reachIndex(a.stream.reaches, ctx.catalogue) ||
      (a.distance?.km ?? 0) - (b.distance?.km ?? 0) ||
      b.actors - a.actors ||
      a.municipality.localeCompare(b.municipality),
  );
  return answerOf(ctx, q, kind, 'uses', where, limitRows(rows, q.limit), {
    farmFiles: farms.files,
    registerUnits: units.length,
    claims: claims.length,
  });
}

/** What a farm record says its farm does, as NACE groups: animals (01.4), grain delivered (01.1). */
export function farmNace(r: FarmRecord): string[] {
  const out: string[] = [];
  const sum = (prefix: string) =>
    Object.values(r.values)
      .flatMap((v) => Object.entries(v))
      .filter(([k]) => k.startsWith(prefix))
      .reduce((s, [, x]) => s + x, 0);
  if (sum('livestock.') > 0) out.push('01.4');
  if (sum('delivery.korn.') > 0) out.push('01.1');
  return out;
}

function limitRows(rows: StreamRow[], limit: number | undefined): StreamRow[] {
  if (limit === undefined) return rows;
  return rows.slice(0, limit);
}

function toRows(
  ctx: Ctx,
  candidates: Candidate[],
  legs: Map<string, Leg>,
  roleClaims: RoleClaim[],
  kind: KindInfo,
  listPersons: boolean,
): StreamRow[] {
  const distance = (m: string) => {
    const leg = legs.get(m);
    return leg ? { km: leg.km, hours: leg.hours, method: leg.method } : null;
  };
  const rows: StreamRow[] = [];
  const groups = new Map<string, { count: number; streams: ActorStream[] }>();
  for (const c of candidates) {
    if (listPersons || namedPublicly({ form: c.form, name: c.name }, ctx.catalogue.namedForms)) {
      rows.push({
        orgnr: c.orgnr,
        name: c.name,
        form: c.form,
        municipality: c.municipality,
        actors: 1,
        group: false,
        roles: withRoleClaims(
          rolesOf(c.nace, ctx.catalogue),
          roleClaims.filter((r) => r.orgnr === c.orgnr),
        ),
        stream: c.stream,
        distance: distance(c.municipality),
      });
      continue;
    }
    const g = groups.get(c.municipality) ?? { count: 0, streams: [] };
    g.count++;
    g.streams.push(c.stream);
    groups.set(c.municipality, g);
  }
  for (const [municipality, g] of groups) {
    const first = majorityBasis(g.streams);
    const confirmed = g.streams.every((s) => s.status === 'confirmed');
    const best = g.streams.reduce((b, s) =>
      reachIndex(s.reaches, ctx.catalogue) > reachIndex(b.reaches, ctx.catalogue) ? s : b,
    );
    rows.push({
      orgnr: null,
      name: null,
      form: null,
      municipality,
      actors: g.count,
      group: true,
      roles: [],
      stream: {
        kind: kind.id,
        direction: first.direction,
        basis: first.basis,
        status: confirmed ? 'confirmed' : 'estimated',
        quantity: sumQuantity(g.streams.map((s) => s.quantity)),
        ...(best.reaches ? { reaches: best.reaches } : {}),
        source: {
          ...(first.source.datasets ? { datasets: first.source.datasets } : {}),
          ...(first.source.recipeBasis ? { recipeBasis: first.source.recipeBasis } : {}),
        },
      },
      distance: distance(municipality),
    });
  }
  return rows;
}

/** The stream whose basis most of a group's streams share (the group's row shows that basis). */
function majorityBasis(streams: ActorStream[]): ActorStream {
  const count = new Map<string, number>();
  for (const s of streams) count.set(s.basis, (count.get(s.basis) ?? 0) + 1);
  const basis = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  return streams.find((s) => s.basis === basis) as ActorStream;
}

function answerOf(
  ctx: Ctx,
  q: StreamQuestion,
  kind: KindInfo,
  direction: ActorStream['direction'],
  where: { municipalities: string[]; near: Place | null; withinKm: number | null },
  rows: StreamRow[],
  basis: { farmFiles: string[]; registerUnits: number; claims: number },
): StreamAnswer {
  return {
    kind: kind.id,
    cycle: kind.cycle,
    direction,
    region: q.region ?? null,
    near: where.near,
    withinKm: where.withinKm,
    municipalities: where.municipalities,
    rows,
    total: direction === 'holds' ? sumQuantity(rows.map((r) => r.stream.quantity)) : null,
    basis: { ...basis, profile: ctx.profile.id },
    privacy: {
      groupedActors: rows.filter((r) => r.group).reduce((s, r) => s + r.actors, 0),
      personsListed: q.listPersons === true,
    },
  };
}

/**
 * Whether a viewer may see farms and sole proprietorships one by one in a list: an administrator
 * always; a regional facilitator only for their own region (a question by region, not only by place).
 */
export function mayListPersons(
  roles: readonly { role: string; region: string | null }[],
  question: Pick<StreamQuestion, 'region'>,
): boolean {
  if (roles.some((r) => r.role === 'admin')) return true;
  return (
    question.region !== undefined &&
    roles.some((r) => r.role === 'facilitator' && r.region === question.region)
  );
}

// ── One actor ───────────────────────────────────────────────────────────────────────────────────

export interface ActorStreams {
  orgnr: string;
  name: string | null;
  form: string | null;
  municipalities: string[];
  inRegister: boolean;
  farm: boolean;
  nace: string[];
  roles: string[];
  streams: ActorStream[];
}

/** Everything one actor likely holds and could use (one actor at a time: names are shown). */
export async function streamsOfActor(ws: Workspace, orgnr: string): Promise<ActorStreams> {
  const ctx = await context(ws);
  const unit = await findActor(ws.store.db, orgnr);
  const farms = farmRecords(ws.files, ctx.data).records.filter((r) => r.orgnr === orgnr);
  if (!unit && farms.length === 0)
    throw new AppError('not_found', `no actor ${orgnr} in the register or the farm files`, {
      detail: message('actor_unknown_anywhere', { orgnr }),
    });
  const municipalities = [
    ...new Set([...(unit?.municipality ? [unit.municipality] : []), ...farms.map((f) => f.municipality)]),
  ].sort();
  const lists: ActorStream[][] = [];
  if (farms.length > 0) {
    const all = farmKinds(ctx.profile, farmRecords(ws.files, ctx.data).datasets);
    const streams = estimateFarmStreams({
      records: farms,
      profile: ctx.profile,
      kinds: ctx.data.kinds,
      datasets: farmRecords(ws.files, ctx.data).datasets,
      kindIds: all,
      draws: FARM_DRAWS,
      random: ws.random(1),
    });
    // A farm with holdings in two municipalities: one stream per kind, summed.
    const byKind = new Map<string, ActorStream[]>();
    for (const s of [...streams.values()].flat()) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
    lists.push(
      [...byKind.values()].map((list) =>
        list.length === 1
          ? (list[0] as ActorStream)
          : { ...(list[0] as ActorStream), quantity: sumQuantity(list.map((s) => s.quantity)) },
      ),
    );
  }
  const nace = unit?.nace ?? farms.flatMap(farmNace);
  const roleClaims = await listRoleClaims(ws.store.db, [orgnr]);
  const roles = withRoleClaims(rolesOf(nace, ctx.catalogue), roleClaims);
  if (unit) {
    const actor = toRegisterActor(unit);
    lists.push(naceStreams(actor, ctx.catalogue, ctx.kinds));
    for (const rule of ctx.catalogue.shares) {
      if (!unit.municipality) continue;
      const units = await registerUnits(ws, [unit.municipality], rule.nace);
      const est = municipalEstimate(ctx, [unit.municipality], rule.kind);
      const s = municipalShares(units.map(toRegisterActor), est, rule).get(orgnr);
      if (s) lists.push([s]);
    }
  }
  // A unit of the register uses what its NACE codes say; a farm only in the farm files, what its records show.
  lists.push(
    actorUses(
      [...new Set([...nace, ...farms.flatMap(farmNace)])],
      roles,
      ctx.uses,
      unit ? 'nace-code' : 'farm-record',
    ),
  );
  lists.push((await listStreamClaims(ws.store.db, { orgnrs: [orgnr] })).map(claimStream));
  return {
    orgnr,
    name: unit?.name ?? farms[0]?.name ?? null,
    form: unit?.countedForm ?? null,
    municipalities,
    inRegister: unit !== undefined,
    farm: farms.length > 0,
    nace,
    roles,
    streams: mergeStreams(lists),
  };
}

// ── Claims ──────────────────────────────────────────────────────────────────────────────────────

export interface ClaimInput {
  orgnr: string;
  kind: string;
  direction: 'holds' | 'uses';
  tonnes?: number | undefined;
  low?: number | undefined;
  high?: number | undefined;
  municipality?: string | undefined;
  note?: string | undefined;
  by: string;
}

/** Records what a company or facilitator says about a stream; checks the kind, the actor and the range first. */
export async function confirmStream(ws: Workspace, input: ClaimInput): Promise<StreamClaim> {
  const ctx = await context(ws);
  checkKind(ctx, input.kind);
  const actor = await streamsOfActor(ws, input.orgnr);
  const t = input.tonnes;
  if (t !== undefined && !(t >= 0 && t < 1e9))
    throw new AppError('invalid_input', `invalid tonnes: ${t}`, {
      detail: message('invalid_integer', { name: 'tonnes', input: String(t), min: 0, max: null }),
    });
  const low = input.low ?? t;
  const high = input.high ?? t;
  if (t !== undefined && !((low as number) <= t && t <= (high as number)))
    throw new AppError('invalid_input', `the range ${low}–${high} does not contain ${t}`, {
      detail: message('claim_range_outside', { low: low as number, high: high as number, tonnes: t }),
    });
  let municipality = input.municipality ?? actor.municipalities[0] ?? null;
  if (input.municipality) {
    const r = resolveMunicipalityInput(ctx.data.registry, input.municipality);
    if (!r.ok) throw new AppError('unknown_municipality', r.reason, { detail: r.detail });
    municipality = r.number;
  }
  const claim: StreamClaim = {
    orgnr: input.orgnr,
    kind: input.kind,
    direction: input.direction,
    tonnes: t ?? null,
    low: t === undefined ? null : (low as number),
    high: t === undefined ? null : (high as number),
    municipality,
    note: input.note ?? null,
    claimedBy: input.by,
    claimedAt: ws.clock.now().toISOString(),
  };
  await ws.store.db.transaction().execute((tx) => saveStreamClaim(tx, claim));
  ws.invalidate();
  return claim;
}

/** Adds a technical role to an actor, or takes one its NACE codes gave it. */
export async function setRole(
  ws: Workspace,
  input: { orgnr: string; role: string; present: boolean; note?: string | undefined; by: string },
): Promise<RoleClaim> {
  const ctx = await context(ws);
  const roles = ctx.catalogue.roles.map((r) => r.id);
  if (!roles.includes(input.role))
    throw new AppError('invalid_input', `unknown role "${input.role}" (use ${roles.join(', ')})`, {
      detail: message('invalid_choice', { name: 'role', input: input.role, allowed: roles }),
    });
  await streamsOfActor(ws, input.orgnr);
  const claim: RoleClaim = {
    orgnr: input.orgnr,
    role: input.role,
    present: input.present,
    note: input.note ?? null,
    claimedBy: input.by,
    claimedAt: ws.clock.now().toISOString(),
  };
  await ws.store.db.transaction().execute((tx) => saveRoleClaim(tx, claim));
  ws.invalidate();
  return claim;
}

// ── Actors against statistics ───────────────────────────────────────────────────────────────────

export interface ComparisonRow {
  municipality: string;
  kind: string;
  /** Summed over the actors (farm records, NACE × employees, shares, confirmations). */
  actors: { tonnes: number; count: number } | null;
  /** The statistics-based estimate of the same profile (null where the profile has no recipe or no data). */
  statistics: number | null;
  /** actors − statistics, t. */
  difference: number | null;
}

export interface Comparison {
  region: string;
  profile: string;
  kinds: string[];
  rows: ComparisonRow[];
}

/** Per municipality and kind, the actors' tonnes summed against the statistics-based estimate. */
export async function compareWithStatistics(
  ws: Workspace,
  request: { region: string; kinds?: string[] | undefined },
): Promise<Comparison> {
  const ctx = await context(ws);
  const region = findRegion(ctx.data.regions, request.region);
  const farms = farmRecords(ws.files, ctx.data);
  const estimated = [
    ...new Set([
      ...farmKinds(ctx.profile, farms.datasets),
      ...ctx.catalogue.holdings.map((h) => h.kind),
      ...ctx.catalogue.shares.map((s) => s.kind),
    ]),
  ];
  const kinds = request.kinds ?? estimated;
  for (const k of kinds) checkKind(ctx, k);
  const rows: ComparisonRow[] = [];
  for (const kind of kinds) {
    const holders = await holdersOf(ws, { kind, region: region.id });
    const est = municipalEstimate(ctx, region.municipalities, kind);
    for (const m of region.municipalities) {
      const mine = holders.rows.filter((r) => r.municipality === m);
      const tonnes = mine.reduce((s, r) => s + (r.stream.quantity?.tonnes ?? 0), 0);
      const count = mine.reduce((s, r) => s + r.actors, 0);
      const stat = est.get(m)?.tonnes ?? null;
      rows.push({
        municipality: m,
        kind,
        actors: count > 0 ? { tonnes, count } : null,
        statistics: stat,
        difference: stat === null ? null : tonnes - stat,
      });
    }
  }
  return { region: region.id, profile: ctx.profile.id, kinds, rows };
}

// ── The report's named actors ───────────────────────────────────────────────────────────────────

export interface ReportActors {
  region: string;
  /** Register units in the store for the region's municipalities (0: the register is not imported). */
  registerUnits: number;
  named: number;
  found: number;
  classified: number;
  matches: NamedActorMatch[];
}

/** The seed report's named value-chain actors, looked up by name and municipality in the imported register. */
export async function reportActorsFound(ws: Workspace, regionId: string): Promise<ReportActors> {
  const ctx = await context(ws);
  const region = findRegion(ctx.data.regions, regionId);
  if (!region.seedReport || !ws.files.seedReport(region))
    throw new AppError('not_found', `region ${region.id} has no seed report naming actors`, {
      detail: message('region_report_missing', { region: region.id, report: '' }),
    });
  // The seed schema keeps the figures the audit reads; the value-chain table is read from the file itself.
  const raw = JSON.parse(readFileSync(join(ws.files.dir, region.seedReport), 'utf8')) as SeedActors;
  const named = namedActorsOf(raw, ctx.catalogue);
  const municipalities = [
    ...new Set([...region.municipalities, ...Object.values(ctx.catalogue.reportPlaces).flat()]),
  ];
  const units = (await allActors(ws, { municipalities, units: 'all', status: EVERY_STATUS })).map(
    toRegisterActor,
  );
  const matches = matchNamedActors(named, units, ctx.catalogue);
  return {
    region: region.id,
    registerUnits: units.length,
    named: named.length,
    found: matches.filter((m) => m.found.length > 0).length,
    classified: matches.filter((m) => m.roleMatches).length,
    matches,
  };
}

interface SeedActors {
  value_chain_actors?: {
    metals?: { name: string; place?: string; role?: string; tonnes_per_year?: number }[];
    textiles?: string[];
  };
}

/** The report's metal actors with their role words mapped to role ids, and its textile actors with the catalogue's roles. */
export function namedActorsOf(seed: SeedActors, catalogue: ActorStreamCatalogue): NamedActor[] {
  const metals = (seed.value_chain_actors?.metals ?? []).map((a) => ({
    name: a.name,
    place: a.place ?? null,
    role: a.role ? roleOfReportWords(a.role, catalogue) : null,
    ...(a.tonnes_per_year ? { tonnesPerYear: a.tonnes_per_year } : {}),
  }));
  const textiles = (seed.value_chain_actors?.textiles ?? []).map((name) => ({
    name,
    place: null,
    role: catalogue.reportTextileRoles[name] ?? null,
  }));
  return [...metals, ...textiles];
}
