/**
 * Element mass fractions for element balances (e.g. hydrogen in methane versus in polyethylene and
 * hydrogen gas). Standard atomic weights: IUPAC CIAAW, "Standard atomic weights" (2021 values,
 * abridged to four significant figures): H 1.008, C 12.011.
 */
export const ATOMIC_WEIGHT = { H: 1.008, C: 12.011 } as const;

/** Mass fraction of hydrogen in a hydrocarbon CxHy. */
export function hydrogenFraction(c: number, h: number): number {
  const mass = c * ATOMIC_WEIGHT.C + h * ATOMIC_WEIGHT.H;
  return (h * ATOMIC_WEIGHT.H) / mass;
}

/** Mass fraction of carbon in a hydrocarbon CxHy. */
export function carbonFraction(c: number, h: number): number {
  return 1 - hydrogenFraction(c, h);
}
