/**
 * Municipalities (kommuner) by today's number (2024 division) and the number changes that map
 * statistics keyed by an earlier number onto today's.
 */
import { AppError } from './errors.ts';
import { type Message, message } from './message.ts';

export interface Municipality {
  /** Four-digit kommunenummer, 2024 division. */
  number: string;
  name: string;
  /** Two-digit county (fylke) number. */
  county: string;
}

/** One old number that became a new one on `validFrom` (SSB Klass 131 correspondences). */
export interface NumberChange {
  from: string;
  fromName: string;
  to: string;
  toName: string;
  /** ISO date the new number took effect, e.g. 2024-01-01. */
  validFrom: string;
}

export interface MunicipalityRegistry {
  municipalities: Map<string, Municipality>;
  /** Old number → every change out of it, oldest first. */
  changes: Map<string, NumberChange[]>;
}

export function createMunicipalityRegistry(
  municipalities: Municipality[],
  changes: NumberChange[],
): MunicipalityRegistry {
  const byNumber = new Map(municipalities.map((m) => [m.number, m]));
  const byFrom = new Map<string, NumberChange[]>();
  for (const c of [...changes].sort((a, b) => a.validFrom.localeCompare(b.validFrom))) {
    if (c.from === c.to) continue; // name-only change
    const list = byFrom.get(c.from) ?? [];
    list.push(c);
    byFrom.set(c.from, list);
  }
  return { municipalities: byNumber, changes: byFrom };
}

/** Left-pads numbers whose leading zero was lost in a spreadsheet ("301" → "0301"). */
export function normaliseMunicipalityNumber(raw: string | number): string {
  const text = String(raw).trim();
  if (!/^\d{1,4}$/.test(text)) {
    throw new AppError('unknown_municipality', `"${text}" is not a municipality number (four digits)`, {
      detail: message('region_number_invalid', { input: text }),
    });
  }
  return text.padStart(4, '0');
}

export type Resolution =
  | { ok: true; number: string; via: NumberChange[] }
  | {
      ok: false;
      /** In English, for logs; `detail` says it in the user's language. */
      reason: string;
      candidates: string[];
      detail: Message;
    };

/**
 * Follows number changes from an old number to today's. A number that was split (more than one
 * successor) cannot be mapped without a key, so it is reported with its candidates.
 */
export function resolveMunicipality(registry: MunicipalityRegistry, raw: string | number): Resolution {
  let number = normaliseMunicipalityNumber(raw);
  const via: NumberChange[] = [];
  for (let step = 0; step < 10; step++) {
    if (registry.municipalities.has(number) && !registry.changes.has(number))
      return { ok: true, number, via };
    const next = registry.changes.get(number);
    if (!next || next.length === 0) {
      return registry.municipalities.has(number)
        ? { ok: true, number, via }
        : {
            ok: false,
            reason: `unknown municipality number ${number}`,
            candidates: [],
            detail: message('municipality_unknown', { municipality: number }),
          };
    }
    const targets = [...new Set(next.map((c) => c.to))];
    if (targets.length > 1) {
      return {
        ok: false,
        reason: `municipality ${number} was split into ${targets.join(', ')}`,
        candidates: targets,
        detail: message('municipality_split', { municipality: number, candidates: targets }),
      };
    }
    via.push(...next.filter((c) => c.to === targets[0]).slice(0, 1));
    number = targets[0] as string;
  }
  return {
    ok: false,
    reason: `number changes for ${raw} form a cycle`,
    candidates: [],
    detail: message('municipality_number_cycle', { municipality: String(raw) }),
  };
}

/** A name as people write it: lower case, the county in brackets and Sami or Kven forms (after " - ") optional. */
function nameKeys(name: string): string[] {
  const lower = name.trim().toLowerCase().replace(/\s+/g, ' ');
  const plain = lower.replace(/\s*\(.*\)\s*$/, '');
  return [...new Set([lower, plain, ...plain.split(' - ').map((p) => p.trim())])];
}

/**
 * A municipality by number (old ones mapped) or by name: today's name in any of its forms ("Rana",
 * "Rana - Raane", "Herøy (Nordland)"), else an earlier name from the number changes ("Hole" before
 * 2024, "Ski"). A name two municipalities share is reported with both.
 */
export function resolveMunicipalityInput(registry: MunicipalityRegistry, raw: string): Resolution {
  const text = raw.trim();
  if (/^\d{1,4}$/.test(text)) return resolveMunicipality(registry, text);
  const key = text.toLowerCase().replace(/\s+/g, ' ');
  const today = [...registry.municipalities.values()].filter((m) => nameKeys(m.name).includes(key));
  const label = (nr: string) => `${nr} ${registry.municipalities.get(nr)?.name ?? ''}`.trim();
  const found = today.length > 0 ? today.map((m) => m.number) : [];
  if (found.length === 0) {
    // Earlier names: every old number that carried the name, followed to today's.
    const targets = new Set<string>();
    for (const list of registry.changes.values())
      for (const c of list)
        if (nameKeys(c.fromName).includes(key)) {
          const r = resolveMunicipality(registry, c.from);
          if (r.ok) targets.add(r.number);
        }
    found.push(...targets);
  }
  if (found.length === 1) return { ok: true, number: found[0] as string, via: [] };
  if (found.length === 0)
    return {
      ok: false,
      reason: `no municipality is called "${text}"`,
      candidates: [],
      detail: message('municipality_name_unknown', { name: text }),
    };
  const candidates = found.sort().map(label);
  return {
    ok: false,
    reason: `more than one municipality is called "${text}": ${candidates.join(', ')}`,
    candidates: found,
    detail: message('municipality_name_ambiguous', { name: text, candidates }),
  };
}

/** Like `resolveMunicipality` but throws an `AppError` naming the number. */
export function toCurrentNumber(registry: MunicipalityRegistry, raw: string | number): string {
  const r = resolveMunicipality(registry, raw);
  if (r.ok) return r.number;
  throw new AppError('unknown_municipality', r.reason, { detail: r.detail });
}
