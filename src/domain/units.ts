/**
 * A small dimensional-analysis kernel for the units that coefficients and statistics use.
 *
 * Wet mass and dry-matter mass are different dimensions on purpose: multiplying a wet tonnage by a
 * "t DM/t" share gives dry matter, and a recipe that mixes them up fails with `unit_mismatch`
 * instead of silently producing a number that is off by a factor of five.
 * All quantities are annual (per year); "yr" is not a dimension.
 */
import { AppError } from './errors.ts';
import { message } from './message.ts';

export type Dimension =
  | 'massWet'
  | 'massDm'
  | 'area'
  | 'volume'
  | 'length'
  | 'animal'
  | 'person'
  | 'employee'
  | 'energy'
  | 'time'
  | 'money';

/** Exponents per dimension; absent means 0. */
export type Dimensions = Partial<Record<Dimension, number>>;

export interface Unit {
  /** The unit as written, e.g. `kg/daa`. */
  text: string;
  /** Multiply a value in this unit by `factor` to get it in base units (t, t DM, daa, m3, …). */
  factor: number;
  dimensions: Dimensions;
}

interface Atom {
  factor: number;
  dimensions: Dimensions;
}

// Base units: tonne (wet), tonne DM, dekar (daa = 1 000 m2), solid m3, km, animal, person, employee, MWh, hour, NOK.
const ATOMS: Record<string, Atom> = {
  t: { factor: 1, dimensions: { massWet: 1 } },
  kg: { factor: 1e-3, dimensions: { massWet: 1 } },
  g: { factor: 1e-6, dimensions: { massWet: 1 } },
  kt: { factor: 1e3, dimensions: { massWet: 1 } },
  't DM': { factor: 1, dimensions: { massDm: 1 } },
  'kg DM': { factor: 1e-3, dimensions: { massDm: 1 } },
  'g DM': { factor: 1e-6, dimensions: { massDm: 1 } },
  daa: { factor: 1, dimensions: { area: 1 } },
  ha: { factor: 10, dimensions: { area: 1 } },
  m2: { factor: 1e-3, dimensions: { area: 1 } },
  km2: { factor: 1e3, dimensions: { area: 1 } },
  m3: { factor: 1, dimensions: { volume: 1 } },
  km: { factor: 1, dimensions: { length: 1 } },
  m: { factor: 1e-3, dimensions: { length: 1 } },
  animal: { factor: 1, dimensions: { animal: 1 } },
  '1000 animals': { factor: 1000, dimensions: { animal: 1 } },
  person: { factor: 1, dimensions: { person: 1 } },
  employee: { factor: 1, dimensions: { employee: 1 } },
  MWh: { factor: 1, dimensions: { energy: 1 } },
  kWh: { factor: 1e-3, dimensions: { energy: 1 } },
  GJ: { factor: 1 / 3.6, dimensions: { energy: 1 } },
  NOK: { factor: 1, dimensions: { money: 1 } },
  h: { factor: 1, dimensions: { time: 1 } },
  min: { factor: 1 / 60, dimensions: { time: 1 } },
  '%': { factor: 0.01, dimensions: {} },
  fraction: { factor: 1, dimensions: {} },
  '1': { factor: 1, dimensions: {} },
};

export const KNOWN_UNIT_ATOMS: readonly string[] = Object.keys(ATOMS);

function combine(a: Dimensions, b: Dimensions, sign: 1 | -1): Dimensions {
  const out: Dimensions = { ...a };
  for (const [dim, exp] of Object.entries(b) as [Dimension, number][]) {
    const next = (out[dim] ?? 0) + sign * exp;
    if (next === 0) delete out[dim];
    else out[dim] = next;
  }
  return out;
}

function parseProduct(part: string, whole: string): Atom {
  let result: Atom = { factor: 1, dimensions: {} };
  for (const raw of part.split('·')) {
    const name = raw.trim();
    const atom = ATOMS[name];
    if (!atom) {
      throw new AppError(
        'unit_mismatch',
        `unknown unit "${name}" in "${whole}"; known: ${KNOWN_UNIT_ATOMS.join(', ')}`,
        { detail: message('unit_unknown', { unit: name, within: whole, known: [...KNOWN_UNIT_ATOMS] }) },
      );
    }
    result = {
      factor: result.factor * atom.factor,
      dimensions: combine(result.dimensions, atom.dimensions, 1),
    };
  }
  return result;
}

const parsed = new Map<string, Unit>();

/** Parses `a`, `a/b` or `a·b/c` (at most one `/`). Units are few and reused, so results are kept. */
export function parseUnit(text: string): Unit {
  let unit = parsed.get(text);
  if (!unit) {
    unit = parseUnitUncached(text);
    parsed.set(text, unit);
  }
  return unit;
}

function parseUnitUncached(text: string): Unit {
  const parts = text.split('/');
  if (parts.length > 2 || text.trim() === '') {
    throw new AppError('unit_mismatch', `invalid unit "${text}": write it as "numerator/denominator"`, {
      detail: message('unit_invalid', { unit: text }),
    });
  }
  const numerator = parseProduct(parts[0] ?? '', text);
  if (parts.length === 1) return { text, ...numerator };
  const denominator = parseProduct(parts[1] ?? '', text);
  return {
    text,
    factor: numerator.factor / denominator.factor,
    dimensions: combine(numerator.dimensions, denominator.dimensions, -1),
  };
}

export function sameDimensions(a: Dimensions, b: Dimensions): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<Dimension>;
  for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
}

export function multiplyDimensions(list: Dimensions[]): Dimensions {
  return list.reduce<Dimensions>((acc, d) => combine(acc, d, 1), {});
}

export function formatDimensions(d: Dimensions): string {
  const entries = Object.entries(d) as [Dimension, number][];
  if (entries.length === 0) return 'dimensionless';
  return entries.map(([k, e]) => (e === 1 ? k : `${k}^${e}`)).join('·');
}

/** Converts a value between two units of the same dimensions (e.g. kg/ha → t/daa). */
export function convert(value: number, from: string, to: string): number {
  const a = parseUnit(from);
  const b = parseUnit(to);
  if (!sameDimensions(a.dimensions, b.dimensions)) {
    throw new AppError(
      'unit_mismatch',
      `cannot convert ${from} (${formatDimensions(a.dimensions)}) to ${to} (${formatDimensions(b.dimensions)})`,
      { detail: message('unit_not_convertible', { from, to }) },
    );
  }
  return (value * a.factor) / b.factor;
}

/** Converts to the base unit of the value's dimensions (t, t DM, daa, m3, …). */
export function toBase(value: number, unit: string): number {
  return value * parseUnit(unit).factor;
}
