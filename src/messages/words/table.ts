/**
 * The shape of the shells' word tables: every key has its bokmål and its English text, of the same type
 * (a string, or a function when numbers or names are filled in).
 */
import type { Lang } from '../format.ts';

export type Both<T = string> = { readonly nb: T; readonly en: T };

/** A table of words, each in both languages. */
export type WordTable = { readonly [key: string]: Both<unknown> };

/** A word table in one language: `{ key: text }`. */
export type WordsIn<T extends WordTable> = { [K in keyof T]: T[K]['nb'] };

/** The table's words in one language, for the shells whose words are an object (report, web app). */
export function wordsIn<T extends WordTable>(table: T, lang: Lang): WordsIn<T> {
  return Object.fromEntries(Object.entries(table).map(([key, both]) => [key, both[lang]])) as WordsIn<T>;
}
