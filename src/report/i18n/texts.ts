/** The shape of the report's texts: bokmål defines it, English must match it. */

import type { Lang } from '../format.ts';
import { en } from './en.ts';
import { nb } from './nb.ts';

export type Texts = typeof nb;

export function texts(lang: Lang): Texts {
  return lang === 'nb' ? nb : en;
}
