/** The report's words, from the one home of the shells' words (src/messages/words/report.ts). */

import { REPORT_WORDS, type ReportWords } from '../../messages/words/report.ts';
import type { Lang } from '../format.ts';

export type Texts = ReportWords;

export function texts(lang: Lang): Texts {
  return REPORT_WORDS[lang];
}
