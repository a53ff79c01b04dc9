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

/** Standard atomic weights of oxygen and nitrogen (IUPAC CIAAW 2021, abridged). */
export const ATOMIC_WEIGHT_O = 15.999;
export const ATOMIC_WEIGHT_N = 14.007;
/** Molar mass of CO2 and CH4, g/mol. */
const M_CH4 = ATOMIC_WEIGHT.C + 4 * ATOMIC_WEIGHT.H;
const M_CO2 = ATOMIC_WEIGHT.C + 2 * ATOMIC_WEIGHT_O;
/** Molar volume of an ideal gas at 0 °C and 1 atm (normal m3 per kmol). */
export const MOLAR_VOLUME_NM3 = 22.414;

export interface BuswellYield {
  /** kg CH4 and CO2 per kg of substance, and the water taken up (kg per kg). */
  ch4Kg: number;
  co2Kg: number;
  waterKg: number;
  /** Nm3 CH4 per kg of substance. */
  ch4Nm3: number;
  /** CH4's share of the gas by mass. */
  ch4MassShare: number;
}

/**
 * The most biogas a substance CnHaObNc can give, fully digested (Buswell & Mueller 1952, with the
 * nitrogen released as ammonia): CnHaObNc + (n − a/4 − b/2 + 3c/4) H2O →
 * (n/2 + a/8 − b/4 − 3c/8) CH4 + (n/2 − a/8 + b/4 + 3c/8) CO2 + c NH3.
 */
export function buswell(n: number, a: number, b: number, c = 0): BuswellYield {
  const mass = n * ATOMIC_WEIGHT.C + a * ATOMIC_WEIGHT.H + b * ATOMIC_WEIGHT_O + c * ATOMIC_WEIGHT_N;
  const water = n - a / 4 - b / 2 + (3 * c) / 4;
  const ch4 = n / 2 + a / 8 - b / 4 - (3 * c) / 8;
  const co2 = n / 2 - a / 8 + b / 4 + (3 * c) / 8;
  const ch4Kg = (ch4 * M_CH4) / mass;
  const co2Kg = (co2 * M_CO2) / mass;
  return {
    ch4Kg,
    co2Kg,
    waterKg: (water * (2 * ATOMIC_WEIGHT.H + ATOMIC_WEIGHT_O)) / mass,
    ch4Nm3: (ch4 * MOLAR_VOLUME_NM3) / mass,
    ch4MassShare: ch4Kg / (ch4Kg + co2Kg),
  };
}

/**
 * The organic matter of biomass as three representative substances: carbohydrate (a glucose unit of
 * cellulose or starch, C6H10O5), protein (C5H7O2N) and fat (triolein, C57H104O6). Whatever a
 * feedstock's mix, its biogas lies at or below the richest of them: fat.
 */
export const ORGANIC_MATTER = {
  carbohydrate: buswell(6, 10, 5),
  protein: buswell(5, 7, 2, 1),
  fat: buswell(57, 104, 6),
} as const;

/** The most biogas (CH4 + CO2) a kg of dry matter can give, and the richest CH4 share by mass: fat's. */
export const BIOGAS_CEILING = {
  kgPerKgDm: Math.max(...Object.values(ORGANIC_MATTER).map((s) => s.ch4Kg + s.co2Kg)),
  ch4MassShare: Math.max(...Object.values(ORGANIC_MATTER).map((s) => s.ch4MassShare)),
};
