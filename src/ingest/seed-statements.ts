/**
 * Turns the figures of the seed report (data/sources/seed/reference-region.json) into audit
 * statements: table sums, quantity × price, yields × input, growth rates, element balances, and the
 * report's estimates against the published ranges of the coefficients they imply.
 */
import { z } from 'zod';
import type { Statement } from '../domain/audit.ts';
import { hydrogenFraction } from '../domain/chemistry.ts';
import type { Coefficient, CoefficientProfile } from '../domain/coefficients.ts';
import type { Library } from '../domain/scenarios.ts';
import type { Technology } from '../domain/technologies.ts';
import { toBase } from '../domain/units.ts';
import type { ReferenceData } from './reference-data.ts';

const table = z.object({
  columns: z.array(z.string()),
  rows: z.record(z.string(), z.record(z.string(), z.number())),
  sum: z.record(z.string(), z.number()),
});

export const seedSchema = z.object({
  agriculture_daa: table,
  forestry_harvest_m3_2024: table,
  residues_tonnes_wet_region_total: z.record(z.string(), z.unknown()),
  actors_brreg: z.object({
    total_organisations: z.number(),
    by_form: z.record(z.string(), z.number()),
    // The report's actor section shows these when the register has not been imported.
    by_sector: z.record(z.string(), z.number()).optional(),
    filters: z.string().optional(),
  }),
  /** The plants and projects the report names as demand drivers (the sites section lists them). */
  demand_drivers: z
    .array(z.object({ kind: z.string(), what: z.string(), municipality: z.string(), status: z.string() }))
    .optional(),
  scenarios: z.object({
    insect_meal: z.object({
      tonnes_dm: z.number(),
      nok_per_tonne: z.number(),
      value_mnok: z.number(),
      co2e_change_tonnes: z.number(),
      capex_nok_per_kg_capacity: z.number(),
    }),
    bark_pyrolysis: z.object({
      feed_tonnes_dm_bark: z.number(),
      products: z.array(
        z.object({
          product: z.string(),
          yield: z.number(),
          tonnes: z.number(),
          nok_per_tonne: z.number(),
          value_mnok: z.number(),
        }),
      ),
    }),
    biomethane: z.object({
      green_methane_tonnes: z.number(),
      products: z.array(
        z.object({
          product: z.string(),
          tonnes: z.number(),
          nok_per_tonne: z.number(),
          value_mnok: z.number(),
        }),
      ),
    }),
  }),
  market_outlook_bn_usd: z.object({
    columns: z.array(z.string()),
    rows: z.record(z.string(), z.tuple([z.number(), z.number(), z.number()])),
  }),
});

export type Seed = z.infer<typeof seedSchema>;

/** Numbers the report states in sentences (data/sources/seed/report-text-figures.json). */
export const textFiguresSchema = z.object({
  vegetableResidues: z.object({
    section: z.string(),
    leftInFieldShare: z.number(),
    sortedOutShare: z.number(),
    yieldTonnesPerDaa: z.number(),
    areaDaa: z.number(),
    statedTonnesWet: z.number(),
    dmShare: z.number(),
    statedTonnesDm: z.number(),
  }),
  polyethylenePrice: z.object({
    section: z.string(),
    marketNokPerKg: z.number(),
    co2PriceNokPerKg: z.number(),
    co2eSavedKgPerKg: z.number(),
  }),
  hydrogenPrice: z.object({ section: z.string(), nokPerKwh: z.number(), kwhPerKg: z.number() }),
});

export type TextFigures = z.infer<typeof textFiguresSchema>;

const REPORT = 'report.txt';

/** Rounds away binary noise (0.05 + 0.1 = 0.15000000000000002) before a figure is printed or compared. */
function round(x: number): number {
  return Number(x.toPrecision(12));
}

function tableStatements(name: string, section: string, t: z.infer<typeof table>): Statement[] {
  const out: Statement[] = [];
  for (const col of t.columns) {
    const stated = t.sum[col];
    if (stated === undefined) continue;
    out.push({
      kind: 'sum',
      id: `${name}.sum.${col}`,
      source: `${REPORT}, ${section}, row Sum/Totalt`,
      label: `${section}: column ${col} summed over the municipalities`,
      stated,
      parts: Object.entries(t.rows).map(([nr, row]) => ({ label: nr, value: row[col] ?? 0 })),
    });
  }
  return out;
}

/** The identities inside the area table: each aggregate column is the sum of its parts. */
const AREA_IDENTITIES: [string, string[]][] = [
  ['eng_til_slatt_og_beite', ['anna_eng_og_beite', 'fulldyrka_eng']],
  ['fulldyrka_jord', ['aker_og_hage', 'fulldyrka_eng']],
  ['jordbruksareal_i_drift', ['fulldyrka_jord', 'anna_eng_og_beite']],
];

/** A stated value in MNOK against tonnes × price. */
function valueStatement(
  id: string,
  source: string,
  product: string,
  p: { tonnes: number; nok_per_tonne: number; value_mnok: number },
): Statement {
  return {
    kind: 'product',
    id,
    source,
    label: `value of ${product} (MNOK)`,
    stated: p.value_mnok,
    factors: [
      { label: 't', value: p.tonnes },
      { label: 'NOK/t', value: p.nok_per_tonne },
      { label: 'MNOK per NOK', value: 1e-6, exact: true },
    ],
  };
}

function coefficient(profile: CoefficientProfile | undefined, id: string): Coefficient | undefined {
  return profile?.coefficients.find((c) => c.id === id);
}

function tech(lib: Library, id: string): Technology | undefined {
  return lib.technologies.find((t) => t.id === id);
}

function yieldRange(lib: Library, techId: string, product: string) {
  const y = tech(lib, techId)?.outputs.find((o) => o.product === product)?.yield;
  return y
    ? { value: y.value, low: y.low, high: y.high, what: `${techId} → ${product} in the technology library` }
    : undefined;
}

export function seedStatements(
  seed: Seed,
  lib: Library,
  literature?: CoefficientProfile,
  text?: TextFigures,
): Statement[] {
  const out: Statement[] = [];
  const areaSection = "table 'Jordbruksareal i drift' (daa)";
  out.push(...tableStatements('agriculture', areaSection, seed.agriculture_daa));
  for (const [nr, row] of Object.entries(seed.agriculture_daa.rows)) {
    for (const [total, parts] of AREA_IDENTITIES) {
      out.push({
        kind: 'sum',
        id: `agriculture.${nr}.${total}`,
        source: `${REPORT}, ${areaSection}, municipality ${nr}`,
        label: `${total} of ${nr} as ${parts.join(' + ')}`,
        stated: row[total] ?? 0,
        parts: parts.map((p) => ({ label: p, value: row[p] ?? 0 })),
      });
    }
  }
  const harvestSection = "table 'Samlet uttak per kommune' (m3, 2024)";
  out.push(...tableStatements('harvest', harvestSection, seed.forestry_harvest_m3_2024));
  for (const [nr, row] of Object.entries(seed.forestry_harvest_m3_2024.rows)) {
    out.push({
      kind: 'sum',
      id: `harvest.${nr}.total`,
      source: `${REPORT}, ${harvestSection}, municipality ${nr}`,
      label: `total harvest of ${nr} as ved + lauv + furu + gran`,
      stated: row.total ?? 0,
      parts: ['ved_til_brensel', 'lauv', 'furu', 'gran'].map((p) => ({ label: p, value: row[p] ?? 0 })),
    });
  }

  const residues = seed.residues_tonnes_wet_region_total;
  const residueParts = Object.entries(residues).filter(
    (e): e is [string, number] => typeof e[1] === 'number' && e[0] !== 'total_reported',
  );
  out.push({
    kind: 'sum',
    id: 'residues.total',
    source: `${REPORT}, 'Restråstoffer i regionen', row Totalt`,
    label: 'total residues (t wet)',
    stated: residues.total_reported as number,
    parts: residueParts.map(([k, v]) => ({ label: k, value: v })),
  });

  // Vegetable residues: the text says 5 % left in the field + 10 % sorted out = 15 % of the crop.
  const agri = seed.agriculture_daa.sum;
  if (text) {
    const veg = text.vegetableResidues;
    const share = round(veg.leftInFieldShare + veg.sortedOutShare);
    const where = `${REPORT}, '${veg.section}', vegetable residues`;
    out.push({
      kind: 'sum',
      id: 'vegetables.area',
      source: where,
      label: `the ${veg.areaDaa} daa of potatoes and field vegetables`,
      stated: veg.areaDaa,
      parts: [
        { label: 'gronnsaker_pa_friland', value: agri.gronnsaker_pa_friland ?? 0 },
        { label: 'potet', value: agri.potet ?? 0 },
      ],
    });
    out.push({
      kind: 'product',
      id: 'vegetables.residue',
      source: where,
      label: 'vegetable residues (t wet)',
      stated: veg.statedTonnesWet,
      factors: [
        {
          label: 'residue share (left in the field + sorted out)',
          value: veg.leftInFieldShare + veg.sortedOutShare,
        },
        { label: 't/daa', value: veg.yieldTonnesPerDaa },
        { label: 'daa', value: veg.areaDaa },
      ],
      explanation: `The report multiplies by (1 − ${share}) = ${round(1 - share)}, the share that is not residue, which gives ${Math.round((1 - share) * veg.yieldTonnesPerDaa * veg.areaDaa)} t`,
    });
    out.push({
      kind: 'product',
      id: 'vegetables.dm',
      source: where,
      label: 'vegetable residues (t DM)',
      stated: veg.statedTonnesDm,
      factors: [
        { label: 't wet (as stated)', value: veg.statedTonnesWet },
        { label: 'DM share', value: veg.dmShare },
      ],
    });
  }

  // Worked example: insect meal.
  const insect = seed.scenarios.insect_meal;
  const insectSection = "'Eksempel. Insektproduksjon (2/3)'";
  out.push({
    kind: 'product',
    id: 'insect.value',
    source: `${REPORT}, ${insectSection}`,
    label: 'value of insect meal (MNOK)',
    stated: insect.value_mnok,
    factors: [
      { label: 't DM', value: insect.tonnes_dm },
      { label: 'NOK/t', value: insect.nok_per_tonne },
      { label: 'MNOK per NOK', value: 1e-6 },
    ],
  });
  const meal = lib.products.find((p) => p.id === 'insektmel');
  const soy = meal?.climate?.[0];
  if (soy) {
    out.push({
      kind: 'product',
      id: 'insect.co2e',
      source: `${REPORT}, ${insectSection}`,
      label: 'CO2e change of replacing soy protein concentrate (t)',
      stated: insect.co2e_change_tonnes,
      factors: [
        { label: 't insect meal', value: insect.tonnes_dm },
        { label: `t ${soy.replaces} per t`, value: soy.tonnesReplacedPerTonne.value },
        { label: 'kg CO2e per kg replaced (product library)', value: soy.kgCo2ePerKgReplaced.value },
      ],
      explanation: `The report's figure implies ${(insect.co2e_change_tonnes / insect.tonnes_dm / soy.tonnesReplacedPerTonne.value).toFixed(2)} kg CO2e per kg soy protein concentrate; the library's range is ${soy.kgCo2ePerKgReplaced.low}–${soy.kgCo2ePerKgReplaced.high}`,
    });
  }
  const bsf = tech(lib, 'bsf-larver');
  if (bsf) {
    const c = bsf.capexNokPerTonneCapacity;
    out.push({
      kind: 'range',
      id: 'insect.capex',
      source: `${REPORT}, 'Eksempel. Insektproduksjon (1/3)'`,
      label: 'capex of insect meal production, NOK per kg annual capacity',
      stated: insect.capex_nok_per_kg_capacity,
      reference: {
        value: c.value / 1000,
        low: c.low / 1000,
        high: c.high / 1000,
        what: `bsf-larver capex in the technology library (${c.source.citation.slice(0, 60)})`,
      },
    });
  }

  // Worked example: pyrolysis of bark.
  const pyro = seed.scenarios.bark_pyrolysis;
  const pyroSection = "'Eksempel på verdiberegning – bioolje og biokull'";
  const productIds: Record<string, string> = {
    bioolje: 'bioolje',
    biokull: 'biokull',
    polyetylen: 'polyetylen',
    hydrogen: 'hydrogen',
  };
  for (const p of pyro.products) {
    out.push({
      kind: 'product',
      id: `pyrolysis.${p.product}.tonnes`,
      source: `${REPORT}, ${pyroSection}`,
      label: `${p.product} from ${pyro.feed_tonnes_dm_bark} t DM bark (t)`,
      stated: p.tonnes,
      factors: [
        { label: 't DM bark', value: pyro.feed_tonnes_dm_bark },
        { label: 'yield', value: p.yield },
      ],
    });
    out.push(valueStatement(`pyrolysis.${p.product}.value`, `${REPORT}, ${pyroSection}`, p.product, p));
    const range = yieldRange(lib, 'slow-pyrolysis', productIds[p.product] ?? p.product);
    if (range) {
      out.push({
        kind: 'range',
        id: `pyrolysis.${p.product}.yield`,
        source: `${REPORT}, ${pyroSection}`,
        label: `${p.product} yield of slow pyrolysis (t per t DM)`,
        stated: p.yield,
        reference: range,
      });
    }
  }
  out.push({
    kind: 'balance',
    id: 'pyrolysis.mass-balance',
    source: `${REPORT}, ${pyroSection}`,
    label: 'pyrolysis products against the bark fed',
    input: pyro.feed_tonnes_dm_bark,
    outputs: pyro.products.map((p) => ({ label: p.product, value: p.tonnes })),
  });

  // Worked example: biomethane to polyethylene and hydrogen.
  const bio = seed.scenarios.biomethane;
  const bioSection = "'Videre prosessering av biometan'";
  for (const p of bio.products) {
    out.push(valueStatement(`biomethane.${p.product}.value`, `${REPORT}, ${bioSection}`, p.product, p));
    // The report makes both products from the same methane: the joint route is methane coupling.
    const range = yieldRange(lib, 'methane-coupling', productIds[p.product] ?? p.product);
    if (range) {
      out.push({
        kind: 'range',
        id: `biomethane.${p.product}.yield`,
        source: `${REPORT}, ${bioSection}`,
        label: `${p.product} per t methane (${p.tonnes} t from ${bio.green_methane_tonnes} t)`,
        stated: p.tonnes / bio.green_methane_tonnes,
        reference: range,
      });
    }
  }
  const pe = bio.products.find((p) => p.product === 'polyetylen');
  const h2 = bio.products.find((p) => p.product === 'hydrogen');
  if (pe && text) {
    const basis = text.polyethylenePrice;
    out.push({
      kind: 'sum',
      id: 'biomethane.polyetylen.price',
      source: `${REPORT}, '${basis.section}', footnote`,
      label: `polyethylene price: ${basis.marketNokPerKg} NOK/kg + CO2 price ${basis.co2PriceNokPerKg} NOK/kg × ${basis.co2eSavedKgPerKg} kg CO2e saved per kg (NOK/t)`,
      stated: pe.nok_per_tonne,
      parts: [
        { label: 'market price', value: basis.marketNokPerKg * 1000 },
        { label: 'CO2 value', value: basis.co2PriceNokPerKg * basis.co2eSavedKgPerKg * 1000 },
      ],
    });
  }
  if (h2 && text) {
    const basis = text.hydrogenPrice;
    out.push({
      kind: 'product',
      id: 'biomethane.hydrogen.price',
      source: `${REPORT}, '${basis.section}', footnote`,
      label: `hydrogen price: ${basis.nokPerKwh} NOK/kWh × ${basis.kwhPerKg} kWh/kg (NOK/t)`,
      stated: h2.nok_per_tonne,
      factors: [
        { label: 'NOK/kWh', value: basis.nokPerKwh },
        { label: 'kWh/kg', value: basis.kwhPerKg },
        { label: 'kg/t', value: 1000, exact: true },
      ],
    });
  }
  if (pe && h2) {
    // Hydrogen balance: CH4 is 25 % H by mass, polyethylene (C2H4)n 14 %; H2 is all hydrogen.
    out.push({
      kind: 'balance',
      id: 'biomethane.hydrogen-balance',
      source: `${REPORT}, ${bioSection}`,
      label: 'hydrogen atoms: polyethylene and hydrogen gas against the methane they come from (t H)',
      input: bio.green_methane_tonnes * hydrogenFraction(1, 4),
      outputs: [
        { label: 'H in polyethylene', value: pe.tonnes * hydrogenFraction(2, 4) },
        { label: 'H2', value: h2.tonnes },
      ],
    });
  }

  // Market outlook: start × (1 + CAGR)^10 against the stated 2030 value.
  const [from, , to] = seed.market_outlook_bn_usd.columns;
  const years = Number(to) - Number(from);
  for (const [market, [start, rate, end]] of Object.entries(seed.market_outlook_bn_usd.rows)) {
    out.push({
      kind: 'growth',
      id: `market.${market}`,
      source: `${REPORT}, market outlook (bn USD, ${from}–${to})`,
      label: `market for ${market}, bn USD in ${to}`,
      stated: end,
      start,
      rate,
      years,
    });
  }

  const actors = seed.actors_brreg;
  out.push({
    kind: 'sum',
    id: 'actors.by-form',
    source: `${REPORT}, actor overview (organisation forms)`,
    label: `organisations by form (the ${Object.keys(actors.by_form).length} forms listed) against the stated total`,
    stated: actors.total_organisations,
    parts: Object.entries(actors.by_form).map(([k, v]) => ({ label: k, value: v })),
  });

  // The report's estimates against the published coefficients they imply.
  const yieldOf = (crop: string) => coefficient(literature, `yield.${crop}`);
  const grainTonnes = ['bygg', 'havre', 'kveite'].reduce((sum, crop) => {
    const y = yieldOf(crop);
    return sum + (y ? (agri[crop] ?? 0) * toBase(y.value, y.unit) : 0);
  }, 0);
  const cleanings = coefficient(literature, 'kornavrens.share');
  if (grainTonnes > 0 && cleanings) {
    out.push({
      kind: 'range',
      id: 'residues.kornavrens.implied-share',
      source: `${REPORT}, 'Restråstoffer i regionen', Kornavrens`,
      label: `grain cleanings as a share of the grain harvest (${residues.kornavrens} t ÷ ${Math.round(grainTonnes)} t of barley, oats and wheat at the literature yields)`,
      stated: (residues.kornavrens as number) / grainTonnes,
      reference: {
        value: toBase(cleanings.value, cleanings.unit),
        low: toBase(cleanings.low, cleanings.unit),
        high: toBase(cleanings.high, cleanings.unit),
        what: `the cleanings share ${cleanings.id} (${cleanings.source.status})`,
      },
    });
  }
  const ratios = (literature?.coefficients ?? []).filter((c) => c.id.startsWith('straw-ratio.'));
  if (grainTonnes > 0 && ratios.length > 0) {
    out.push({
      kind: 'range',
      id: 'residues.halm.implied-ratio',
      source: `${REPORT}, 'Restråstoffer i regionen', Halm`,
      label: `straw per kg grain (${residues.halm} t ÷ ${Math.round(grainTonnes)} t grain at the literature yields)`,
      stated: (residues.halm as number) / grainTonnes,
      reference: {
        value: ratios.reduce((s, c) => s + toBase(c.value, c.unit), 0) / ratios.length,
        low: Math.min(...ratios.map((c) => toBase(c.low, c.unit))),
        high: Math.max(...ratios.map((c) => toBase(c.high, c.unit))),
        what: `the straw:grain ratios of the literature profile (${ratios.map((c) => c.id).join(', ')})`,
      },
    });
  }
  return out;
}

/**
 * The audit statements of a region's report: its transcribed tables (`seedReport` under data/, parsed
 * by the workspace's DataFiles) and the figures its text states in sentences, if it has them.
 */
export function regionReportStatements(
  report: { seed: Seed; text?: TextFigures } | undefined,
  data: Pick<ReferenceData, 'profiles'>,
  lib: Library,
): Statement[] {
  if (!report) return [];
  const literature = data.profiles.find((p) => p.id === 'literature');
  return seedStatements(report.seed, lib, literature, report.text);
}
