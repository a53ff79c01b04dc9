/** Numbers and text for the report: formatting pinned to the language, never to the machine's locale. */
export type Lang = 'nb' | 'en';
export const LANGS = ['nb', 'en'] as const satisfies readonly Lang[];

const LOCALES: Record<Lang, string> = { nb: 'nb-NO', en: 'en-GB' };
const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], {
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    });
    cache.set(key, f);
  }
  return f;
}

/** "58 802" in bokmål, "58,802" in English; the minus sign is always ASCII so snapshots compare plainly. */
export function fmt(value: number, lang: Lang, digits = 0): string {
  const text = numberFormat(lang, digits).format(value === 0 ? 0 : value);
  // Intl's bokmål writes U+2212 for minus: a plain hyphen-minus reads the same and compares plainly.
  return text.replace(/\u2212/g, '-');
}

/** Millions of NOK with one decimal. */
export function mnok(valueNok: number, lang: Lang): string {
  return fmt(valueNok / 1e6, lang, 1);
}

export function pct(share: number, lang: Lang, digits = 1): string {
  return `${fmt(share * 100, lang, digits)} %`;
}

/** A coefficient with four significant digits (0.0938 rather than 0). */
export function coef(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumSignificantDigits: 4 })
    .format(value)
    .replace(/\u2212/g, '-');
}

/** Rounds to a number of decimals: the report's figures and the workbook's cells are the same rounded numbers. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}

export function sum(values: number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

/** A date as YYYY-MM-DD in UTC (the generation date the report states). */
export function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}
