/**
 * An error as a person reads it in each language: its detail and every issue's, rendered from the
 * catalogue. A text that has no code (no `detail`) fails: it would reach a bokmål reader in English.
 */
import { expect } from 'vitest';
import type { AppError } from '../../src/domain/errors.ts';
import { renderMessage } from '../../src/messages/catalogue.ts';
import type { Lang } from '../../src/messages/format.ts';
import {
  BOKMAL_IN_ERRORS as BOKMAL,
  ENGLISH_IN_ERRORS as ENGLISH,
} from '../../src/messages/words/tell-tales.ts';

/** The error's texts in the language: its message first, then each issue's, without the given ids. */
export function said(error: AppError, lang: Lang, ids: string[] = []): string[] {
  const strip = (t: string) => ids.reduce((acc, id) => acc.split(id).join(''), t);
  expect(error.detail, `${error.code}: ${error.message} has no detail`).toBeDefined();
  for (const i of error.issues) expect(i.detail, `issue ${i.path}: ${i.message} has no detail`).toBeDefined();
  const messages = [error.detail, ...error.issues.map((i) => i.detail)].filter((m) => m !== undefined);
  return messages.map((m) => strip(renderMessage(m, lang)));
}

/** The error says itself in bokmål with no English word and in English with no bokmål one. */
export function expectBothLanguages(error: AppError, ids: string[] = []): { nb: string[]; en: string[] } {
  const nb = said(error, 'nb', ids);
  const en = said(error, 'en', ids);
  for (const t of nb) expect(t, `bokmål: ${t}`).not.toMatch(ENGLISH);
  for (const t of en) expect(t, `English: ${t}`).not.toMatch(BOKMAL);
  return { nb, en };
}
