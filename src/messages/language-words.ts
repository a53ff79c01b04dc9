/**
 * Words that give a language away, for the tests that prove a text is in the language it claims
 * (the message catalogue's, and the data's texts in test/data-languages.test.ts).
 */
export const ENGLISH_WORDS =
  /\b(the|not|is|are|no|of|to|and|site|sites|supply|missing|lacks|municipality|needs|stated|but|every|which|solver|found)\b/i;
export const BOKMAL_WORDS =
  /[æøå]|\b(og|ikke|er|av|til|ingen|anlegg|anlegget|mangler|kommune|trenger|oppgitt|men|hvert|alle|løseren|fant)\b/i;
