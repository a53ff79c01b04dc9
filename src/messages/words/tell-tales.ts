/**
 * Words that give a language away, for the tests of the catalogue and the word tables: a bokmål text must
 * not match ENGLISH, an English text not BOKMAL.
 */
export const ENGLISH =
  /\b(the|not|is|are|no|of|to|and|site|sites|supply|missing|lacks|municipality|needs|stated|but|every|which|solver|found)\b/i;
export const BOKMAL =
  /[æøå]|\b(og|ikke|er|av|til|ingen|anlegg|anlegget|mangler|kommune|trenger|oppgitt|men|hvert|alle|løseren|fant)\b/i;
