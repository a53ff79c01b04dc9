/**
 * Words that give a language away, for the tests of the catalogue, the word tables and the errors: a
 * bokmål text must not match ENGLISH, an English text not BOKMAL. Errors are short and name what is
 * wrong, so their lists add the words errors use.
 */
const words = (list: string[], letters = '') => new RegExp(`${letters}\\b(${list.join('|')})\\b`, 'i');

const ENGLISH_WORDS =
  'the not is are no of to and site sites supply missing lacks municipality needs stated but every which solver found'.split(
    ' ',
  );
const BOKMAL_WORDS =
  'og ikke er av til ingen anlegg anlegget mangler kommune trenger oppgitt men hvert alle løseren fant'.split(
    ' ',
  );

export const ENGLISH = words(ENGLISH_WORDS);
export const BOKMAL = words(BOKMAL_WORDS, '[æøå]|');

/** For an error's texts (ids and paths aside). */
export const ENGLISH_IN_ERRORS = words([
  ...ENGLISH_WORDS,
  ...'in has unknown invalid problems? exists? route larger must expected give number ships differs'.split(
    ' ',
  ),
]);
export const BOKMAL_IN_ERRORS = words(
  [
    ...BOKMAL_WORDS,
    ...'i har finnes feil ugyldig ukjent kommunenummer innholdet må være side grensen følger gi regionene scenarioene'.split(
      ' ',
    ),
  ],
  '[æøå]|',
);
