/**
 * Norwegian organisation numbers (organisasjonsnummer): nine digits, the last a modulus-11 check
 * digit over the first eight with weights 3 2 7 6 5 4 3 2 (Brønnøysundregistrene; the same scheme
 * as the fødselsnummer's second control digit). A remainder that gives check digit 10 is never issued.
 */
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** The check digit for eight leading digits, or undefined when none exists (the number is never issued). */
export function orgnrCheckDigit(first8: string): number | undefined {
  if (!/^\d{8}$/.test(first8)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (first8.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/** Whether `orgnr` is nine digits whose last digit is the modulus-11 check digit of the first eight. */
export function isValidOrgnr(orgnr: string): boolean {
  if (orgnr.length !== 9) return false;
  const check = orgnrCheckDigit(orgnr.slice(0, 8));
  return check !== undefined && orgnr.charCodeAt(8) - 48 === check;
}
