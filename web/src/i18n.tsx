/**
 * Bokmål first, English by a switch. The labels live in src/messages/words/web.ts, in both languages;
 * numbers go through the one formatter of src/messages/format.ts (nb-NO: space as thousands separator,
 * comma as decimal mark).
 */
import { createContext, useContext } from 'react';
import {
  formatCoefficient,
  formatNumber,
  formatPercent,
  type Lang,
  LOCALES,
} from '../../src/messages/format.ts';
import { WEB_WORDS, type WebWords } from '../../src/messages/words/web.ts';

export type { Lang };
export type Strings = WebWords;
export const STRINGS: Record<Lang, Strings> = WEB_WORDS;

export interface Formatters {
  lang: Lang;
  locale: string;
  /** A number with `digits` decimals at most. */
  num: (v: number | null | undefined, digits?: number) => string;
  /** A coefficient or yield: four significant digits. */
  coef: (v: number | null | undefined) => string;
  /** Whole tonnes, or fewer significant digits for big figures. */
  tonnes: (v: number | null | undefined) => string;
  /** Kroner: millions with one decimal above 10 million. */
  nok: (v: number | null | undefined) => string;
  pct: (v: number) => string;
  date: (iso: string) => string;
}

const missing = (v: number | null | undefined): v is null | undefined =>
  v === null || v === undefined || !Number.isFinite(v);

/** The fewest decimals (at most `digits`) that show `v` rounded to `digits`: 380 rather than 380,0. */
function decimalsOf(v: number, digits: number): number {
  const rounded = (d: number) => Math.round(v * 10 ** d) / 10 ** d;
  let d = 0;
  while (d < digits && rounded(d) !== rounded(digits)) d++;
  return d;
}

/** The web app's formatters: the one number formatter of src/messages, with the app's missing mark. */
export function formatters(lang: Lang): Formatters {
  const words = WEB_WORDS[lang];
  const num = (v: number | null | undefined, digits = 0) =>
    missing(v) ? '–' : formatNumber(v, lang, decimalsOf(v, digits));
  return {
    lang,
    locale: LOCALES[lang],
    num,
    coef: (v) => (missing(v) ? '–' : formatCoefficient(v, lang)),
    tonnes: (v) => num(v, v !== null && v !== undefined && Math.abs(v) < 10 ? 1 : 0),
    nok: (v) => {
      if (missing(v)) return '–';
      if (Math.abs(v) >= 1e7) return `${num(v / 1e6, 1)} ${words.millionNok}`;
      return `${num(v)} ${words.nok}`;
    },
    pct: (v) => formatPercent(v, lang, 0),
    date: (iso) => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium' }).format(new Date(iso)),
  };
}

export interface I18n {
  lang: Lang;
  t: Strings;
  f: Formatters;
  setLang: (l: Lang) => void;
  /** A {nb, en} name in the current language. */
  name: (n: { nb: string; en: string } | string | undefined) => string;
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nContext');
  return v;
}
