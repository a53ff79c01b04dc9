/**
 * Actors: units of Enhetsregisteret (legal units and establishments) as this domain sees them —
 * where they are, which sectors their NACE codes put them in, and whether the report's filters keep
 * them. Pure: the register records come in already read, the municipality registry and the sector
 * mapping are passed in.
 */

import { type Message, message } from './message.ts';
import { type MunicipalityRegistry, resolveMunicipality } from './municipalities.ts';
import { isValidOrgnr } from './orgnr.ts';

/** 'enhet' = legal unit (hovedenhet); 'underenhet' = establishment (bedrift, a physical place of activity). */
export type UnitType = 'enhet' | 'underenhet';
export const UNIT_TYPES = ['enhet', 'underenhet'] as const satisfies readonly UnitType[];

export interface BrregAddress {
  lines: string[];
  postcode: string | null;
  postalPlace: string | null;
  municipalityNumber: string | null;
  countryCode: string | null;
}

/** One register unit as read from a bulk file, the API or the update feed, before validation. */
export interface BrregUnit {
  orgnr: string;
  unitType: UnitType;
  name: string;
  /** organisasjonsform.kode: AS, ENK, SA … (BEDR/AAFY for establishments). */
  form: string;
  /** naeringskode1..3 (SN2007 or SN2025 five-digit codes with a dot, e.g. 01.451). */
  nace: [string | null, string | null, string | null];
  /** overordnetEnhet: the legal unit of an establishment (or the public-sector parent of a legal unit). */
  parentOrgnr: string | null;
  /** forretningsadresse for a legal unit, beliggenhetsadresse for an establishment. */
  address: BrregAddress | null;
  registeredVat: boolean;
  bankrupt: boolean;
  underLiquidation: boolean;
  underForcedDissolution: boolean;
  /** antallAnsatte; the register withholds 1–4 (absent), so null means "not disclosed or none". */
  employees: number | null;
  /** stiftelsesdato (legal unit) or oppstartsdato (establishment). */
  founded: string | null;
  /** registreringsdatoEnhetsregisteret. */
  registeredAt: string | null;
  /** nedleggelsesdato of an establishment that has closed. */
  closedOn: string | null;
  /** slettedato: the register has deleted the unit; copies must delete it too. */
  deletedOn: string | null;
}

/** A unit as stored: the municipality mapped to today's number and its sectors classified. */
export interface Actor {
  orgnr: string;
  unitType: UnitType;
  parentOrgnr: string | null;
  name: string;
  form: string;
  nace1: string | null;
  nace2: string | null;
  nace3: string | null;
  /** Today's municipality number (2024 division) of the counted address, or null when unknown. */
  municipality: string | null;
  /** The number as the register gave it, when it differs from `municipality` or could not be mapped. */
  municipalityInSource: string | null;
  /** Address lines joined by a line break. */
  address: string | null;
  postcode: string | null;
  postalPlace: string | null;
  registeredVat: boolean;
  bankrupt: boolean;
  underLiquidation: boolean;
  underForcedDissolution: boolean;
  employees: number | null;
  founded: string | null;
  registeredAt: string | null;
  closedOn: string | null;
  sectors: string[];
}

export type ActorProblemCode = 'invalid_orgnr' | 'missing_municipality' | 'unknown_municipality' | 'deleted';

export interface ActorProblem {
  code: ActorProblemCode;
  message: string;
  detail: Message;
}

/**
 * Validates one unit and maps it to an actor. An invalid organisation number or a deleted unit gives
 * no actor; a missing or unknown municipality keeps the actor (it is still a unit of the register and
 * may be the parent of establishments in a region) with `municipality` null, and reports the problem.
 */
export function toActor(
  unit: BrregUnit,
  registry: MunicipalityRegistry,
  classify: (codes: readonly (string | null)[]) => string[],
): { actor: Actor | null; problem?: ActorProblem } {
  if (!isValidOrgnr(unit.orgnr)) {
    return {
      actor: null,
      problem: {
        code: 'invalid_orgnr',
        message: `organisation number ${unit.orgnr} fails its check digit`,
        detail: message('actor_orgnr_check_digit', { orgnr: unit.orgnr }),
      },
    };
  }
  if (unit.deletedOn) {
    return {
      actor: null,
      problem: {
        code: 'deleted',
        message: `${unit.orgnr} was deleted from the register on ${unit.deletedOn}`,
        detail: message('actor_deleted', { orgnr: unit.orgnr, on: unit.deletedOn }),
      },
    };
  }
  const raw = unit.address?.municipalityNumber ?? null;
  let municipality: string | null = null;
  let problem: ActorProblem | undefined;
  if (!raw) {
    const abroad = Boolean(unit.address?.countryCode && unit.address.countryCode !== 'NO');
    problem = {
      code: 'missing_municipality',
      message: `${unit.orgnr} has no municipality number${abroad ? ' (address abroad)' : ''}`,
      detail: message('actor_no_municipality', { orgnr: unit.orgnr, abroad }),
    };
  } else {
    const r = /^\d{1,4}$/.test(raw)
      ? resolveMunicipality(registry, raw)
      : {
          ok: false as const,
          reason: `"${raw}" is not a municipality number`,
          candidates: [],
          detail: message('municipality_not_a_number', { value: raw }),
        };
    if (r.ok) municipality = r.number;
    else
      problem = {
        code: 'unknown_municipality',
        message: `${unit.orgnr}: ${r.reason}`,
        detail: message('actor_municipality_unresolved', {
          orgnr: unit.orgnr,
          reason: r.detail,
        }),
      };
  }
  const a = unit.address;
  const actor: Actor = {
    orgnr: unit.orgnr,
    unitType: unit.unitType,
    parentOrgnr: unit.parentOrgnr,
    name: unit.name,
    form: unit.form,
    nace1: unit.nace[0],
    nace2: unit.nace[1],
    nace3: unit.nace[2],
    municipality,
    municipalityInSource: raw !== null && raw !== municipality ? raw : null,
    address: a && a.lines.length > 0 ? a.lines.join('\n') : null,
    postcode: a?.postcode ?? null,
    postalPlace: a?.postalPlace ?? null,
    registeredVat: unit.registeredVat,
    bankrupt: unit.bankrupt,
    underLiquidation: unit.underLiquidation,
    underForcedDissolution: unit.underForcedDissolution,
    employees: unit.employees,
    founded: unit.founded,
    registeredAt: unit.registeredAt,
    closedOn: unit.closedOn,
    sectors: classify(unit.nace),
  };
  return problem ? { actor, problem } : { actor };
}

// ── Sectors ────────────────────────────────────────────────────────────────────────────────────

export interface SectorDefinition {
  id: string;
  name: { nb: string; en: string };
  /** NACE prefixes (division `01`, group `01.4`, class `01.41`, subclass `01.410`) that mean this sector in SN2007 and SN2025 alike. */
  nace: string[];
  /** Prefixes that exist only in SN2025 (no SN2007 code starts with them, so they cannot be misread). */
  sn2025Only: string[];
  /** A combined sector: an actor in every one of these sectors is counted here instead of in each. */
  combines: string[];
  /** Why these codes: the report's wording and the classification's notes. */
  source: string;
  /** Residue kinds (ids of data/residue-kinds.json) this sector's actors typically hold or use. */
  residueKinds: { holds: string[]; uses: string[] };
}

export interface SectorMapping {
  source: string;
  sectors: SectorDefinition[];
}

export function naceMatches(code: string, prefix: string): boolean {
  if (!code.startsWith(prefix)) return false;
  // "01" covers "01.451" but a prefix never ends inside a digit group of another code ("1" ≠ "10").
  return code.length === prefix.length || code[prefix.length] === '.' || prefix.includes('.');
}

/**
 * A classifier over NACE codes: every sector whose prefixes match any of the codes, then combined
 * sectors replace their parts (the report counts "both agriculture and forestry" apart from either).
 * Results are cached per code, so a national import classifies each distinct code once.
 */
export function createSectorClassifier(
  mapping: SectorMapping,
): (codes: readonly (string | null)[]) => string[] {
  const direct = mapping.sectors.filter((s) => s.combines.length === 0);
  const combined = mapping.sectors.filter((s) => s.combines.length > 0);
  const byCode = new Map<string, string[]>();
  const sectorsOf = (code: string): string[] => {
    let hit = byCode.get(code);
    if (!hit) {
      hit = direct
        .filter((s) => [...s.nace, ...s.sn2025Only].some((p) => naceMatches(code, p)))
        .map((s) => s.id);
      byCode.set(code, hit);
    }
    return hit;
  };
  const order = new Map(mapping.sectors.map((s, i) => [s.id, i]));
  return (codes) => {
    const found = new Set<string>();
    for (const c of codes) if (c) for (const s of sectorsOf(c)) found.add(s);
    if (found.size === 0) return [];
    for (const s of combined) {
      if (s.combines.every((part) => found.has(part))) {
        for (const part of s.combines) found.delete(part);
        found.add(s.id);
      }
    }
    return [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  };
}

/** Problems in a mapping: unknown residue kinds, combined sectors naming unknown parts, duplicate ids. */
export function validateSectorMapping(
  mapping: SectorMapping,
  kindIds: readonly string[],
  sn2007Codes?: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const s of mapping.sectors) {
    if (ids.has(s.id)) problems.push(`sector ${s.id} is defined twice`);
    ids.add(s.id);
    for (const k of [...s.residueKinds.holds, ...s.residueKinds.uses]) {
      if (!kindIds.includes(k)) problems.push(`sector ${s.id}: unknown residue kind ${k}`);
    }
    if (s.combines.length === 0 && s.nace.length + s.sn2025Only.length === 0)
      problems.push(`sector ${s.id} has no NACE prefixes`);
    if (sn2007Codes) {
      for (const p of s.sn2025Only) {
        const clash = [...sn2007Codes].find((c) => naceMatches(c, p));
        if (clash) problems.push(`sector ${s.id}: SN2025 prefix ${p} also matches SN2007 code ${clash}`);
      }
    }
  }
  for (const s of mapping.sectors)
    for (const part of s.combines)
      if (!ids.has(part)) problems.push(`sector ${s.id} combines unknown sector ${part}`);
  return problems;
}

// ── Filters and counting ───────────────────────────────────────────────────────────────────────

/**
 * Which units count. Each switch includes a group the report removed; the report ("Selskaper som er
 * under avvikling eller som ikke er MVA-registrert er tatt ut av datasettet") removed all four.
 */
export interface ActorStatusFilter {
  includeBankrupt: boolean;
  includeUnderLiquidation: boolean;
  includeForcedDissolution: boolean;
  /** Establishments with a nedleggelsesdato. */
  includeClosed: boolean;
  includeNonVat: boolean;
}

export const REPORT_STATUS_FILTER: ActorStatusFilter = {
  includeBankrupt: false,
  includeUnderLiquidation: false,
  includeForcedDissolution: false,
  includeClosed: false,
  includeNonVat: false,
};

/** Switches that widen the report's filter; `includeInactive` switches on all but non-VAT. */
export interface StatusOptions {
  includeInactive?: boolean;
  includeBankrupt?: boolean;
  includeLiquidation?: boolean;
  includeForcedDissolution?: boolean;
  includeClosed?: boolean;
  includeNonVat?: boolean;
}

export function actorStatusFilter(o: StatusOptions): ActorStatusFilter {
  const all = o.includeInactive === true;
  return {
    includeBankrupt: all || o.includeBankrupt === true || REPORT_STATUS_FILTER.includeBankrupt,
    includeUnderLiquidation:
      all || o.includeLiquidation === true || REPORT_STATUS_FILTER.includeUnderLiquidation,
    includeForcedDissolution:
      all || o.includeForcedDissolution === true || REPORT_STATUS_FILTER.includeForcedDissolution,
    includeClosed: all || o.includeClosed === true || REPORT_STATUS_FILTER.includeClosed,
    includeNonVat: o.includeNonVat === true || REPORT_STATUS_FILTER.includeNonVat,
  };
}

/** Which units a summary counts: legal units, establishments, or both. */
export type CountUnits = 'all' | 'enheter' | 'underenheter';
export const COUNT_UNITS = ['all', 'enheter', 'underenheter'] as const satisfies readonly CountUnits[];

/** The groups a status filter can take out of a count, as the counting rule names them. */
export type RemovedGroup = 'bankrupt' | 'liquidation' | 'forced-dissolution' | 'closed' | 'non-vat';

/** The counting rule as a message (the shells say it in the user's language). */
export function countingRuleMessage(units: CountUnits, filter: ActorStatusFilter): Message<'counting_rule'> {
  const removed: RemovedGroup[] = [];
  if (!filter.includeBankrupt) removed.push('bankrupt');
  if (!filter.includeUnderLiquidation) removed.push('liquidation');
  if (!filter.includeForcedDissolution) removed.push('forced-dissolution');
  if (!filter.includeClosed) removed.push('closed');
  if (!filter.includeNonVat) removed.push('non-vat');
  return message('counting_rule', { units, removed });
}

/** The counting rule in English words (for logs and the shells not yet on countingRuleMessage). */
export function countingRule(units: CountUnits, filter: ActorStatusFilter): string {
  const where = {
    all: 'legal units (enheter) at their business address (forretningsadresse) and establishments (underenheter) at their physical address (beliggenhetsadresse); a legal unit and each of its establishments count separately',
    enheter: 'legal units (enheter) at their business address (forretningsadresse)',
    underenheter: 'establishments (underenheter) at their physical address (beliggenhetsadresse)',
  }[units];
  const removed: string[] = [];
  if (!filter.includeBankrupt) removed.push('bankrupt (konkurs)');
  if (!filter.includeUnderLiquidation) removed.push('under liquidation (underAvvikling)');
  if (!filter.includeForcedDissolution)
    removed.push('under forced dissolution (underTvangsavviklingEllerTvangsopplosning)');
  if (!filter.includeClosed) removed.push('closed establishments (nedleggelsesdato)');
  if (!filter.includeNonVat) removed.push('not VAT-registered (registrertIMvaregisteret)');
  const statusNote =
    units === 'enheter'
      ? ''
      : ' An establishment takes the status (konkurs, avvikling, VAT) of its legal unit when that is in the store, else its own.';
  const sectorNote =
    ' An actor is in every sector one of its naeringskode1–3 falls in; combined sectors (both agriculture and forestry) replace their parts.';
  return `Counts ${where}, by today's municipality number; ${removed.length ? `removed: ${removed.join(', ')}` : 'nothing removed'}.${statusNote}${sectorNote}`;
}

// ── Writing actors ─────────────────────────────────────────────────────────────────────────────

export interface ApplyCounts {
  /** Units staged from the input (after dropping invalid ones). */
  staged: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Actors of the covered unit types that the input no longer has. */
  removed: number;
}

export type LogLevel = 'info' | 'warning' | 'error';

/**
 * Where an import writes: one transaction from `begin` to `commit` or `rollback`. Implemented by the
 * store (prepared statements on SQLite, chunked inserts on PostgreSQL); the readers only see this.
 */
export interface ActorImportSink {
  /** Starts the transaction and returns the import's id. */
  begin(kind: string, file: string | null): Promise<number>;
  /** Stages one actor (the last of a repeated organisation number wins). */
  add(actor: Actor): void;
  /** Writes what `add` buffered; awaited between chunks of input. */
  flush(): Promise<void>;
  /** Drops actors by organisation number (the update feed's deletions); returns how many existed. */
  remove(orgnrs: string[]): Promise<number>;
  /**
   * Applies the staged actors: inserts new ones, updates changed ones (unchanged rows keep their import
   * id), and removes actors of `removeMissingOf` unit types that were not staged (a full bulk file).
   */
  apply(removeMissingOf: readonly UnitType[]): Promise<ApplyCounts>;
  /** `message` in English (for logs); `detail` the same in the catalogue, for people. */
  log(level: LogLevel, position: string | null, message: string, detail: Message): void;
  /** Reads and writes the store's meta table inside the transaction (feed positions). */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  commit(counts: Record<string, unknown>): Promise<void>;
  /** Rolls everything back and records the failed import with its message. */
  rollback(message: string): Promise<void>;
}
