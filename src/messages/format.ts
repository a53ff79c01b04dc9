/**
 * The one number formatter of Restverdi: every shell (CLI, API texts, report, web app) formats numbers
 * for people with Intl for the language — nb-NO (space as thousands separator, comma as decimal mark)
 * or en-GB — never with the machine's locale.
 */
export type Lang = 'nb' | 'en';
export const LANGS = ['nb', 'en'] as const satisfies readonly Lang[];
export const LOCALES: Record<Lang, string> = { nb: 'nb-NO', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${lang}:${key}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], options);
    cache.set(id, f);
  }
  return f;
}

// Intl's bokmål writes U+2212 for minus: a plain hyphen-minus reads the same and compares plainly.
const asciiMinus = (text: string) => text.replace(/\u2212/g, '-');

/** "58 802" in bokmål, "58,802" in English, with a fixed number of decimals. */
export function formatNumber(value: number, lang: Lang, digits = 0): string {
  const f = numberFormat(lang, `f${digits}`, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
  return asciiMinus(f.format(value === 0 ? 0 : value));
}

/** Four significant digits, for coefficients (0.0938 rather than 0). */
export function formatCoefficient(value: number, lang: Lang): string {
  return asciiMinus(numberFormat(lang, 's4', { maximumSignificantDigits: 4 }).format(value));
}

/** Millions of NOK with one decimal. */
export function formatMnok(valueNok: number, lang: Lang): string {
  return formatNumber(valueNok / 1e6, lang, 1);
}

/** A share as per cent: "12,5 %" / "12.5 %". */
export function formatPercent(share: number, lang: Lang, digits = 1): string {
  return `${formatNumber(share * 100, lang, digits)} %`;
}

const lists = new Map<Lang, Intl.ListFormat>();

/** A list in words with Intl: "a, b og c" / "a, b and c". */
export function formatList(items: readonly string[], lang: Lang): string {
  let f = lists.get(lang);
  if (!f) {
    f = new Intl.ListFormat(LOCALES[lang], { type: 'conjunction' });
    lists.set(lang, f);
  }
  return f.format(items);
}

/** The language a request or an option names; bokmål unless English is asked for. */
export function parseLang(value: string | undefined | null): Lang | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'nb' || v === 'no' || v === 'nn' || v.startsWith('nb-') || v.startsWith('no-')) return 'nb';
  if (v === 'en' || v.startsWith('en-')) return 'en';
  return undefined;
}

/** The first language of an Accept-Language header we speak (RFC 9110 §12.5.4, quality order). */
export function langFromAcceptLanguage(header: string | undefined | null): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const lang = parseLang(tag);
    if (lang) return lang;
  }
  return undefined;
}
