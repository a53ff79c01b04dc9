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

/** Like `resolveMunicipality` but throws an `AppError` naming the number. */
export function toCurrentNumber(registry: MunicipalityRegistry, raw: string | number): string {
  const r = resolveMunicipality(registry, raw);
  if (r.ok) return r.number;
  throw new AppError('unknown_municipality', r.reason, { detail: r.detail });
}
