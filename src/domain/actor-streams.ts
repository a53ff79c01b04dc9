/**
 * Streams per actor: which residues and materials a farm, firm or plant likely holds and could use,
 * each with a quantity, its range, its basis and its source, marked estimated until the company
 * confirms it. Bases, best first: a confirmation, the farm's own records (animals, grain and slaughter
 * deliveries, through the same recipes as the municipal estimate), a share of a municipal estimate
 * where the stream arises at the actor (sludge at the sewage plant), and NACE × employees
 * coefficients. Also: the technical cycle's roles, the questions "who holds S near P" and "who could
 * use S", and which names may be shown in a list. Pure: the catalogue, records and actors come in.
 */

import { naceMatches } from './actors.ts';
import type { Coefficient, CoefficientProfile } from './coefficients.ts';
import type { EligibilityRule } from './eligibility.ts';
import { checkEligibility } from './eligibility.ts';
import type { Dataset, Observation } from './observations.ts';
import { indexObservations } from './observations.ts';
import type { OriginClass, RegulatoryClass, ResidueKind } from './residue-kinds.ts';
import { centralValues, compileEstimate, evaluateRow } from './residues.ts';
import type { Technology } from './technologies.ts';
import type { Text } from './text.ts';
import { type Random, simulateUncertainty } from './uncertainty.ts';
import { TIERS, type Tier } from './valuation.ts';

// ── The catalogue (data/actor-streams.json) ────────────────────────────────────────────────────

export type Cycle = 'biological' | 'technical';

/** A kind of stream that has no municipal recipe: industry by-products and the technical cycle. */
export interface StreamKind {
  id: string;
  name: Text;
  cycle: Cycle;
  origin: OriginClass;
  description: Text;
  dmShare: Coefficient;
  regulatoryNote?: Text;
}

export interface TechnicalRole {
  id: string;
  name: Text;
  nace: string[];
  holds: string[];
  uses: string[];
  /** The step of the technical ladder a use by this role reaches. */
  step: string;
  description: Text;
  /** The seed report's words for this role (its value-chain table). */
  reportRoles: string[];
}

export interface Holding {
  id: string;
  nace: string[];
  kind: string;
  /** Per employee, in t/employee (wet) or t DM/employee. */
  coefficient: Coefficient;
}

export interface MunicipalShare {
  id: string;
  nace: string[];
  kind: string;
  note: Text;
}

export interface UseRule {
  id: string;
  nace: string[];
  /** Technologies of the library the actor runs: it can take their inputs, to their tier. */
  technologies?: string[];
  /** Kinds it takes directly, to `tier`. */
  kinds?: string[];
  tier?: Tier;
  note: Text;
}

export interface ActorStreamCatalogue {
  source: string;
  employeesWhenWithheld: Coefficient;
  namedForms: { forms: string[]; personalForms: string[]; companySuffix: string; note: Text };
  kinds: StreamKind[];
  technicalLadder: { id: string; name: Text }[];
  ladderNote: Text;
  roles: TechnicalRole[];
  holdings: Holding[];
  shares: MunicipalShare[];
  uses: UseRule[];
  farmFiles: { file: string; dataset: string; year?: number; nameField?: string }[];
  farmFilesNote: Text;
  reportPlaces: Record<string, string[]>;
  reportTextileRoles: Record<string, string>;
  reportTextileNote: Text;
}

/** Every kind a stream can be of: the residue kinds with recipes, then the catalogue's own. */
export interface KindInfo {
  id: string;
  name: Text;
  cycle: Cycle;
  origin: OriginClass;
  dmShare: number;
  regulatoryClass: RegulatoryClass | null;
}

export function kindInfos(residueKinds: ResidueKind[], catalogue: ActorStreamCatalogue): KindInfo[] {
  return [
    ...residueKinds.map((k) => ({
      id: k.id,
      name: k.name,
      cycle: 'biological' as const,
      origin: k.origin,
      dmShare: k.dmShare.value,
      regulatoryClass: k.regulatoryClass,
    })),
    ...catalogue.kinds.map((k) => ({
      id: k.id,
      name: k.name,
      cycle: k.cycle,
      origin: k.origin,
      dmShare: k.dmShare.value,
      regulatoryClass: k.cycle === 'biological' ? ('plant' as const) : null,
    })),
  ];
}

/** Problems in the catalogue: unknown kinds, technologies, tiers or ladder steps; units that are not per employee. */
export function validateCatalogue(
  catalogue: ActorStreamCatalogue,
  residueKinds: readonly string[],
  technologies: readonly string[],
): string[] {
  const problems: string[] = [];
  const kinds = new Set([...residueKinds, ...catalogue.kinds.map((k) => k.id)]);
  for (const k of catalogue.kinds)
    if (residueKinds.includes(k.id)) problems.push(`kind ${k.id} is also a residue kind`);
  const steps = new Set(catalogue.technicalLadder.map((s) => s.id));
  const need = (k: string, where: string) => {
    if (!kinds.has(k)) problems.push(`${where}: unknown kind ${k}`);
  };
  for (const r of catalogue.roles) {
    for (const k of [...r.holds, ...r.uses]) need(k, `role ${r.id}`);
    if (!steps.has(r.step)) problems.push(`role ${r.id}: unknown ladder step ${r.step}`);
  }
  for (const h of catalogue.holdings) {
    need(h.kind, `holding ${h.id}`);
    if (!['t/employee', 't DM/employee'].includes(h.coefficient.unit))
      problems.push(`holding ${h.id}: unit ${h.coefficient.unit} is not t/employee or t DM/employee`);
    const c = h.coefficient;
    if (!(c.low <= c.value && c.value <= c.high)) problems.push(`holding ${h.id}: value outside its range`);
  }
  for (const s of catalogue.shares) need(s.kind, `share ${s.id}`);
  for (const u of catalogue.uses) {
    for (const k of u.kinds ?? []) need(k, `use ${u.id}`);
    for (const t of u.technologies ?? [])
      if (!technologies.includes(t)) problems.push(`use ${u.id}: unknown technology ${t}`);
    if (u.kinds && !u.tier) problems.push(`use ${u.id}: kinds without a tier`);
  }
  return problems;
}

// ── Streams ─────────────────────────────────────────────────────────────────────────────────────

export type StreamDirection = 'holds' | 'uses';
/** Best first. `nace-code`: a use its NACE code (or what its farm records show it does) implies. */
export type StreamBasis = 'confirmed' | 'farm-record' | 'municipal-share' | 'nace-employees' | 'nace-code';
export const STREAM_BASES = [
  'confirmed',
  'farm-record',
  'municipal-share',
  'nace-employees',
  'nace-code',
] as const satisfies readonly StreamBasis[];

/** Tonnes a year: the central value and its range (P10–P90 where drawn, else the coefficients' low–high). */
export interface StreamQuantity {
  tonnes: number;
  low: number;
  high: number;
  /** Dry matter at the kind's DM share; null for technical kinds. */
  tonnesDm: number | null;
}

export interface StreamSource {
  /** Statistics dataset ids (farm records) or the coefficient id (NACE × employees). */
  datasets?: string[];
  coefficient?: string;
  /** The employees counted, and whether the register withheld the number. */
  employees?: { value: number; low: number; high: number; withheld: boolean };
  /** The recipe basis (e.g. grain-deliveries) when not the recipe's own terms. */
  recipeBasis?: string;
  /** The municipal estimate shared out, and this actor's share of it. */
  share?: { municipalTonnes: number; weight: number; of: number };
  /** What a company said (a confirmation). */
  note?: string;
  confirmedAt?: string;
}

export interface ActorStream {
  kind: string;
  direction: StreamDirection;
  basis: StreamBasis;
  status: 'estimated' | 'confirmed';
  /** Null for a use: what the actor could take is not a tonnage the data give. */
  quantity: StreamQuantity | null;
  /** Per animal category or cereal, from a farm record. */
  breakdown?: { category: string; tonnes: number }[];
  /** For a use: the tier (biological) or ladder step (technical) it reaches, and how. */
  reaches?: { tier?: Tier; step?: string; technology?: string; rule: string };
  source: StreamSource;
}

/** One farm as its own records show it: the values of every farm file it appears in. */
export interface FarmRecord {
  orgnr: string;
  name: string | null;
  municipality: string;
  /** dataset id → variable → value. */
  values: Record<string, Record<string, number>>;
}

/** The key a farm's statistics live under in a per-farm index: one farm may have holdings in two municipalities. */
export function farmKey(r: Pick<FarmRecord, 'orgnr' | 'municipality'>): string {
  return `${r.orgnr}@${r.municipality}`;
}

export interface FarmEstimateRequest {
  records: FarmRecord[];
  profile: CoefficientProfile;
  kinds: ResidueKind[];
  /** The farm files' datasets (their variables are filled with 0 for a farm absent from a file). */
  datasets: Dataset[];
  /** Residue kinds to estimate (those farm records can feed). */
  kindIds: string[];
  /** Monte Carlo draws for P10–P90; without them low = high = the central value. */
  draws?: number;
  random?: Random;
}

/**
 * Each farm's streams through the profile's own recipes, on an index where every farm is a
 * "municipality": the same terms and coefficients as the municipal estimate, so farm streams summed
 * per municipality give the municipal estimate from the same files. A farm absent from a file has 0 of
 * its variables (the files list every producer). Rows of 0 t are left out.
 */
export function estimateFarmStreams(req: FarmEstimateRequest): Map<string, ActorStream[]> {
  const kindIds = req.kindIds.filter((k) => req.profile.recipes.some((r) => r.kind === k));
  // Only the variables the recipes read; a farm with none of them above 0 gives 0 t of every kind
  // and is left out (its rows would be dropped), which keeps a national run small.
  const needed = new Set(
    req.profile.recipes
      .filter((r) => kindIds.includes(r.kind))
      .flatMap((r) =>
        [r.terms, ...(r.alternatives ?? []).map((a) => a.terms)].flat().map((t) => t.statistic),
      ),
  );
  const records = req.records.filter((r) =>
    Object.values(r.values).some((v) => Object.entries(v).some(([k, x]) => needed.has(k) && x !== 0)),
  );
  const observations: Observation[] = [];
  for (const r of records) {
    const key = farmKey(r);
    for (const d of req.datasets) {
      const values = r.values[d.id] ?? {};
      for (const [variable, info] of Object.entries(d.variables)) {
        if (!needed.has(variable)) continue;
        observations.push({
          municipality: key,
          variable,
          year: d.year,
          value: values[variable] ?? 0,
          unit: info.unit,
          dataset: d.id,
        });
      }
    }
  }
  const out = new Map<string, ActorStream[]>();
  if (records.length === 0 || kindIds.length === 0) return out;
  const statistics = indexObservations(req.datasets, observations);
  const compiled = compileEstimate({
    profile: req.profile,
    kinds: req.kinds,
    statistics,
    municipalities: records.map(farmKey),
    kindIds,
  });
  const drawn =
    req.draws && req.random ? simulateUncertainty(compiled, req.draws, req.random).rows : undefined;
  const central = centralValues(compiled);
  compiled.rows.forEach((row, i) => {
    const r = evaluateRow(row, central);
    if (!(r.tonnesWet > 0)) return;
    const p = drawn?.[i];
    const datasets = [...new Set(row.terms.map((t) => t.observation.dataset))].sort();
    const stream: ActorStream = {
      kind: row.kind,
      direction: 'holds',
      basis: 'farm-record',
      status: 'estimated',
      quantity: {
        tonnes: r.tonnesWet,
        low: p ? p.p10 : r.tonnesWet,
        high: p ? p.p90 : r.tonnesWet,
        tonnesDm: r.tonnesDm,
      },
      ...(r.breakdown
        ? {
            breakdown: r.breakdown
              .filter((b) => b.tonnesWet > 0)
              .map((b) => ({ category: b.category, tonnes: b.tonnesWet })),
          }
        : {}),
      source: { datasets, ...(row.basis ? { recipeBasis: row.basis } : {}) },
    };
    const list = out.get(row.municipality) ?? [];
    list.push(stream);
    out.set(row.municipality, list);
  });
  return out;
}

/** What the NACE × employees coefficients and the roles read from a register record. */
export interface RegisterActor {
  orgnr: string;
  name: string;
  /** The form counted (an establishment's legal unit's form when known). */
  form: string;
  nace: string[];
  municipality: string | null;
  employees: number | null;
}

function matchesAny(nace: readonly string[], prefixes: readonly string[]): boolean {
  return nace.some((c) => prefixes.some((p) => naceMatches(c, p)));
}

/** The employees to multiply by: the register's count, or 0–4 (central 2) where it is withheld. */
export function employeesOf(
  actor: Pick<RegisterActor, 'employees'>,
  catalogue: ActorStreamCatalogue,
): { value: number; low: number; high: number; withheld: boolean } {
  if (actor.employees !== null && actor.employees > 0)
    return { value: actor.employees, low: actor.employees, high: actor.employees, withheld: false };
  const w = catalogue.employeesWhenWithheld;
  return { value: w.value, low: w.low, high: w.high, withheld: true };
}

/** Streams a register unit likely holds, from its NACE codes and employees (the coefficients' low–high × the employee range). */
export function naceStreams(
  actor: RegisterActor,
  catalogue: ActorStreamCatalogue,
  kinds: ReadonlyMap<string, KindInfo>,
): ActorStream[] {
  const out: ActorStream[] = [];
  const employees = employeesOf(actor, catalogue);
  for (const h of catalogue.holdings) {
    if (!matchesAny(actor.nace, h.nace)) continue;
    if (out.some((s) => s.kind === h.kind)) continue; // the first matching holding of a kind wins
    const info = kinds.get(h.kind);
    const c = h.coefficient;
    const dm = c.unit === 't DM/employee';
    const share = info?.dmShare ?? 1;
    const toWet = (x: number) => (dm ? x / share : x);
    const tonnes = toWet(employees.value * c.value);
    out.push({
      kind: h.kind,
      direction: 'holds',
      basis: 'nace-employees',
      status: 'estimated',
      quantity: {
        tonnes,
        low: toWet(employees.low * c.low),
        high: toWet(employees.high * c.high),
        tonnesDm: info?.cycle === 'technical' ? null : tonnes * share,
      },
      source: { coefficient: c.id, employees },
    });
  }
  return out;
}

/**
 * Shares of a municipal estimate for the actors where the stream arises (sludge at the municipality's
 * sewage plants), weighted by employees (1 where withheld). The shares add up to the estimate.
 */
export function municipalShares(
  actors: RegisterActor[],
  municipal: ReadonlyMap<string, { tonnes: number; low: number; high: number; tonnesDm: number }>,
  rule: MunicipalShare,
): Map<string, ActorStream> {
  const out = new Map<string, ActorStream>();
  const byMunicipality = new Map<string, RegisterActor[]>();
  for (const a of actors)
    if (a.municipality && matchesAny(a.nace, rule.nace))
      byMunicipality.set(a.municipality, [...(byMunicipality.get(a.municipality) ?? []), a]);
  for (const [m, list] of byMunicipality) {
    const est = municipal.get(m);
    if (!est || !(est.tonnes > 0)) continue;
    const weight = (a: RegisterActor) => (a.employees && a.employees > 0 ? a.employees : 1);
    const of = list.reduce((s, a) => s + weight(a), 0);
    for (const a of list) {
      const f = weight(a) / of;
      out.set(a.orgnr, {
        kind: rule.kind,
        direction: 'holds',
        basis: 'municipal-share',
        status: 'estimated',
        quantity: {
          tonnes: est.tonnes * f,
          low: est.low * f,
          high: est.high * f,
          tonnesDm: est.tonnesDm * f,
        },
        source: { share: { municipalTonnes: est.tonnes, weight: weight(a), of } },
      });
    }
  }
  return out;
}

/** The technical-cycle roles a unit's NACE codes put it in. */
export function rolesOf(nace: readonly string[], catalogue: ActorStreamCatalogue): string[] {
  return catalogue.roles.filter((r) => matchesAny(nace, r.nace)).map((r) => r.id);
}

export interface UseContext {
  catalogue: ActorStreamCatalogue;
  kinds: ReadonlyMap<string, KindInfo>;
  technologies: ReadonlyMap<string, Technology>;
  rules: EligibilityRule[];
}

/**
 * Kinds a unit could use: the inputs of the technologies its NACE codes say it runs (within the
 * eligibility rules: manure never into feed or insects), the kinds it takes directly, and what its
 * technical roles take. Each with the tier or ladder step it reaches; the highest reach per kind.
 */
export function actorUses(
  nace: readonly string[],
  roles: readonly string[],
  ctx: UseContext,
  basis: 'nace-code' | 'farm-record' = 'nace-code',
): ActorStream[] {
  const best = new Map<string, ActorStream>();
  const offer = (kind: string, reaches: NonNullable<ActorStream['reaches']>) => {
    const prev = best.get(kind);
    if (prev && reachRank(prev.reaches) >= reachRank(reaches)) return;
    best.set(kind, {
      kind,
      direction: 'uses',
      basis,
      status: 'estimated',
      quantity: null,
      reaches,
      source: {},
    });
  };
  for (const u of ctx.catalogue.uses) {
    if (!matchesAny(nace, u.nace)) continue;
    for (const id of u.technologies ?? []) {
      const t = ctx.technologies.get(id);
      if (!t) continue;
      for (const kind of t.inputs) {
        const info = ctx.kinds.get(kind);
        if (!info?.regulatoryClass) continue;
        if (!checkEligibility(ctx.rules, info.regulatoryClass, { tier: t.tier, technology: t.id }).ok)
          continue;
        offer(kind, { tier: t.tier, technology: t.id, rule: u.id });
      }
    }
    for (const kind of u.kinds ?? []) {
      const info = ctx.kinds.get(kind);
      const tier = u.tier as Tier;
      if (info?.regulatoryClass && !checkEligibility(ctx.rules, info.regulatoryClass, { tier }).ok) continue;
      offer(kind, { tier, rule: u.id });
    }
  }
  for (const id of roles) {
    const role = ctx.catalogue.roles.find((r) => r.id === id);
    for (const kind of role?.uses ?? []) offer(kind, { step: role?.step as string, rule: id });
  }
  return [...best.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

/** Higher is better: biological tiers above none, ladder steps in their order. */
function reachRank(r: ActorStream['reaches'] | undefined): number {
  if (!r) return -1;
  if (r.tier) return TIERS.indexOf(r.tier);
  return 0;
}

/** Rank of a reach among others of its cycle: the tier's index, or the ladder step's. */
export function reachIndex(r: ActorStream['reaches'] | undefined, catalogue: ActorStreamCatalogue): number {
  if (!r) return -1;
  if (r.tier) return TIERS.indexOf(r.tier);
  return catalogue.technicalLadder.findIndex((s) => s.id === r.step);
}

/** Best first: a confirmation, then the farm's records, a municipal share, NACE × employees. */
export function mergeStreams(lists: ActorStream[][]): ActorStream[] {
  const order = (b: StreamBasis) => STREAM_BASES.indexOf(b);
  const best = new Map<string, ActorStream>();
  for (const s of lists.flat()) {
    const key = `${s.direction}:${s.kind}`;
    const prev = best.get(key);
    if (!prev || order(s.basis) < order(prev.basis)) best.set(key, s);
  }
  return [...best.values()].sort(
    (a, b) => a.direction.localeCompare(b.direction) || a.kind.localeCompare(b.kind),
  );
}

// ── Privacy ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Whether a list may show the actor by name: a company form (AS, SA …), not a sole proprietorship;
 * a farm the register does not know is named only when its name carries a company form.
 */
export function namedPublicly(
  actor: { form: string | null; name: string | null },
  rules: ActorStreamCatalogue['namedForms'],
): boolean {
  if (actor.form) return !rules.personalForms.includes(actor.form) && rules.forms.includes(actor.form);
  if (!actor.name) return false;
  return new RegExp(rules.companySuffix, 'i').test(actor.name);
}

// ── The report's named actors ───────────────────────────────────────────────────────────────────

/** Upper case, without company forms, punctuation and extra spaces: how names are compared. */
export function normaliseName(name: string): string {
  return name
    .toUpperCase()
    .replace(/\(.*?\)/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\b(AS|ASA|SA|IKS|DA|ANS|AB|KF)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface NamedActor {
  name: string;
  place: string | null;
  /** The role id the report gives (or the catalogue's reading, for textiles). */
  role: string | null;
  tonnesPerYear?: number;
}

export interface NamedActorMatch {
  named: NamedActor;
  municipalities: string[];
  /** The register units whose name starts with the report's name in one of its municipalities. */
  found: { orgnr: string; name: string; municipality: string | null; roles: string[] }[];
  /** Whether some unit found is classified into the report's role. */
  roleMatches: boolean;
}

/** Looks the report's named actors up among register units by name and municipality. */
export function matchNamedActors(
  named: NamedActor[],
  units: RegisterActor[],
  catalogue: ActorStreamCatalogue,
): NamedActorMatch[] {
  const prepared = units.map((u) => ({ u, n: normaliseName(u.name) }));
  return named.map((nm) => {
    const municipalities = (nm.place ? catalogue.reportPlaces[nm.place] : undefined) ?? [];
    const key = normaliseName(nm.name);
    const found = prepared
      .filter(
        ({ u, n }) =>
          key.length > 0 &&
          (n === key || n.startsWith(`${key} `)) &&
          (municipalities.length === 0 ||
            (u.municipality !== null && municipalities.includes(u.municipality))),
      )
      .map(({ u }) => ({
        orgnr: u.orgnr,
        name: u.name,
        municipality: u.municipality,
        roles: rolesOf(u.nace, catalogue),
      }));
    return {
      named: nm,
      municipalities,
      found,
      roleMatches: nm.role !== null && found.some((f) => f.roles.includes(nm.role as string)),
    };
  });
}

/** The report's role words → the catalogue's role id. */
export function roleOfReportWords(words: string, catalogue: ActorStreamCatalogue): string | null {
  return catalogue.roles.find((r) => r.reportRoles.includes(words))?.id ?? null;
}
