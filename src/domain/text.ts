/**
 * A text that data carries to people (a rule, a description, a note), in bokmål and English: the
 * shells pick the language; ids, numbers and citations stay outside it.
 */
export interface Text {
  nb: string;
  en: string;
}

/** A text data carries in both languages, or a person's own words (one text, shown as written). */
export type Words = Text | string;

/** A text in the language; a plain string is a person's own words (a user's scenario), shown as written. */
export function textIn(t: Words, lang: keyof Text): string {
  return typeof t === 'string' ? t : t[lang];
}

/** A text that reads the same in both languages: an id, a unit or a symbol ("t", "NOK/t", "H2"). */
export function same(value: string): Text {
  return { nb: value, en: value };
}
