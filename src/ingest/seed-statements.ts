/**
 * Turns the figures of the seed report (data/sources/seed/reference-region.json) into audit
 * statements: table sums, quantity × price, yields × input, growth rates, element balances, and the
 * report's estimates against the published ranges of the coefficients they imply.
 */
import { z } from 'zod';
import type { Statement, Term } from '../domain/audit.ts';
import { libraryName } from '../domain/audit-scenarios.ts';
import { hydrogenFraction } from '../domain/chemistry.ts';
import type { Coefficient, CoefficientProfile } from '../domain/coefficients.ts';
import { type Label, message } from '../domain/message.ts';
import type { ReportTableName } from '../domain/messages/labels.ts';
import { resolveMunicipality } from '../domain/municipalities.ts';
import { estimateResidues } from '../domain/residues.ts';
import type { Library } from '../domain/scenarios.ts';
import type { Technology } from '../domain/technologies.ts';
import { same, type Text, type Words } from '../domain/text.ts';
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
  /** "… utgjorde 11,6 % av Norges samlede uttak i 2024". */
  nationalHarvestShare: z
    .object({ section: z.string(), quote: z.string(), percent: z.number(), year: z.number().int() })
    .optional(),
  /** "De resterende er andre selskapsformer": the forms listed are not all. */
  actorsOtherForms: z.object({ section: z.string(), quote: z.string() }).optional(),
});

/** The report's wood rows, estimated from its harvest with the literature profile, t wet and t DM. */
export type WoodEstimate = Record<string, { tonnesWet: number; tonnesDm: number }>;

/** The wood-based rows of the residue table (the report calls them t wet). */
export const WOOD_KINDS = ['bark', 'sagflis', 'celluloseflis', 'rakapp', 'torrkapp'] as const;

export type TextFigures = z.infer<typeof textFiguresSchema>;

const REPORT = 'report.txt';

/** Rounds away binary noise (0.05 + 0.1 = 0.15000000000000002) before a figure is printed or compared. */
function round(x: number): number {
  return Number(x.toPrecision(12));
}

/** A data text as {nb, en}; a plain string (a person's own words) reads the same in both. */
const asText = (w: Words): Text => (typeof w === 'string' ? same(w) : w);

/** Words of a term (a factor or an output), in bokmål and English. */
const words = (nb: string, en: string): Text => ({ nb, en });
/** Parts summed by key (municipality numbers, column names): ids, the same in both languages. */
const partsOf = (entries: [string, number][]): Term[] =>
  entries.map(([key, value]) => ({ label: same(key), value }));

/** A section of the report by its own title (Norwegian, as cited), in words for the reader. */
const inSection = (title: string) => message('audit_where_section', { section: title });

/** A table of the report by its own title (Norwegian, as cited), what it holds, and unit. */
interface Section {
  title: string;
  table: ReportTableName;
  unit: string;
}

function tableStatements(name: string, section: Section, t: z.infer<typeof table>): Statement[] {
  const out: Statement[] = [];
  for (const col of t.columns) {
    const stated = t.sum[col];
    if (stated === undefined) continue;
    out.push({
      kind: 'sum',
      id: `${name}.sum.${col}`,
      source: `${REPORT}, '${section.title}', Sum/Totalt`,
      where: message('audit_where_table_total', { table: section.table }),
      label: message('audit_label_column_sum', { table: section.table, unit: section.unit, column: col }),
      stated,
      parts: partsOf(Object.entries(t.rows).map(([nr, row]) => [nr, row[col] ?? 0])),
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

/** The assortments that make a municipality's harvest total. */
const HARVEST_PARTS = ['ved_til_brensel', 'lauv', 'furu', 'gran'];

/** A stated value in MNOK against tonnes × price. */
function valueStatement(
  id: string,
  source: string,
  where: Label,
  product: Text,
  p: { tonnes: number; nok_per_tonne: number; value_mnok: number },
): Statement {
  return {
    kind: 'product',
    id,
    source,
    where,
    label: message('audit_label_product_value', { product }),
    stated: p.value_mnok,
    factors: [
      { label: same('t'), value: p.tonnes },
      { label: same('NOK/t'), value: p.nok_per_tonne },
      { label: same('MNOK/NOK'), value: 1e-6, exact: true },
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
  const t = tech(lib, techId);
  const y = t?.outputs.find((o) => o.product === product)?.yield;
  return t && y
    ? {
        value: y.value,
        low: y.low,
        high: y.high,
        what: message('audit_what_technology_yield', {
          technology: t.name,
          product: libraryName(lib, product),
        }),
        fromReport: y.source.fromReport === true,
        citation: y.source.citation,
      }
    : undefined;
}

export function seedStatements(
  seed: Seed,
  lib: Library,
  literature?: CoefficientProfile,
  text?: TextFigures,
  wood?: WoodEstimate,
  /** Today's number of a municipality the report gives by its old one (3007 → 3305), for its name. */
  today: (nr: string) => string = (nr) => nr,
): Statement[] {
  const out: Statement[] = [];
  const name = (id: string) => libraryName(lib, id);
  const areaSection: Section = { title: 'Jordbruksareal i drift', table: 'area', unit: 'daa' };
  out.push(...tableStatements('agriculture', areaSection, seed.agriculture_daa));
  for (const [nr, row] of Object.entries(seed.agriculture_daa.rows)) {
    const municipality = today(nr);
    for (const [total, parts] of AREA_IDENTITIES) {
      out.push({
        kind: 'sum',
        id: `agriculture.${nr}.${total}`,
        source: `${REPORT}, '${areaSection.title}', ${nr}`,
        where: message('audit_where_table_row', { table: 'area', municipality }),
        label: message('audit_label_area_identity', { municipality, total, parts }),
        stated: row[total] ?? 0,
        parts: partsOf(parts.map((p) => [p, row[p] ?? 0])),
      });
    }
  }
  const harvestSection: Section = { title: 'Samlet uttak per kommune', table: 'forestry', unit: 'm3, 2024' };
  out.push(...tableStatements('harvest', harvestSection, seed.forestry_harvest_m3_2024));
  for (const [nr, row] of Object.entries(seed.forestry_harvest_m3_2024.rows)) {
    const municipality = today(nr);
    out.push({
      kind: 'sum',
      id: `harvest.${nr}.total`,
      source: `${REPORT}, '${harvestSection.title}', ${nr}`,
      where: message('audit_where_table_row', { table: 'forestry', municipality }),
      label: message('audit_label_harvest_total', { municipality, parts: HARVEST_PARTS }),
      stated: row.total ?? 0,
      parts: partsOf(HARVEST_PARTS.map((p) => [p, row[p] ?? 0])),
    });
  }

  const residues = seed.residues_tonnes_wet_region_total;
  const residueParts = Object.entries(residues).filter(
    (e): e is [string, number] => typeof e[1] === 'number' && e[0] !== 'total_reported',
  );
  out.push({
    kind: 'sum',
    id: 'residues.total',
    source: `${REPORT}, 'Restråstoffer i regionen', Totalt`,
    where: message('audit_where_table_total', { table: 'residues' }),
    label: message('audit_label_residues_total', {}),
    stated: residues.total_reported as number,
    parts: partsOf(residueParts),
  });

  // Vegetable residues: the text says 5 % left in the field + 10 % sorted out = 15 % of the crop.
  const agri = seed.agriculture_daa.sum;
  if (text) {
    const veg = text.vegetableResidues;
    const share = round(veg.leftInFieldShare + veg.sortedOutShare);
    const source = `${REPORT}, '${veg.section}'`;
    const where = inSection(veg.section);
    out.push({
      kind: 'sum',
      id: 'vegetables.area',
      source,
      where,
      label: message('audit_label_vegetable_area', { areaDaa: veg.areaDaa }),
      stated: veg.areaDaa,
      parts: partsOf([
        ['gronnsaker_pa_friland', agri.gronnsaker_pa_friland ?? 0],
        ['potet', agri.potet ?? 0],
      ]),
    });
    out.push({
      kind: 'product',
      id: 'vegetables.residue',
      source,
      where,
      label: message('audit_label_vegetable_residues', { basis: 'wet' }),
      stated: veg.statedTonnesWet,
      factors: [
        {
          label: words(
            'restandel (igjen på jordet + sortert ut)',
            'residue share (left in the field + sorted out)',
          ),
          value: veg.leftInFieldShare + veg.sortedOutShare,
        },
        { label: same('t/daa'), value: veg.yieldTonnesPerDaa },
        { label: same('daa'), value: veg.areaDaa },
      ],
      explanation: message('audit_explain_not_residue', {
        share,
        complement: round(1 - share),
        tonnes: Math.round((1 - share) * veg.yieldTonnesPerDaa * veg.areaDaa),
      }),
    });
    out.push({
      kind: 'product',
      id: 'vegetables.dm',
      source,
      where,
      label: message('audit_label_vegetable_residues', { basis: 'dm' }),
      stated: veg.statedTonnesDm,
      factors: [
        { label: words('t våtvekt (som oppgitt)', 't wet (as stated)'), value: veg.statedTonnesWet },
        { label: words('TS-andel', 'DM share'), value: veg.dmShare },
      ],
    });
  }

  // Worked example: insect meal.
  const insect = seed.scenarios.insect_meal;
  const insectTitle = 'Eksempel. Insektproduksjon (2/3)';
  const insectSection = `'${insectTitle}'`;
  out.push({
    kind: 'product',
    id: 'insect.value',
    source: `${REPORT}, ${insectSection}`,
    where: inSection(insectTitle),
    label: message('audit_label_product_value', { product: name('insektmel') }),
    stated: insect.value_mnok,
    factors: [
      { label: words('t TS', 't DM'), value: insect.tonnes_dm },
      { label: same('NOK/t'), value: insect.nok_per_tonne },
      { label: same('MNOK/NOK'), value: 1e-6 },
    ],
  });
  const meal = lib.products.find((p) => p.id === 'insektmel');
  const soy = meal?.climate?.[0];
  if (meal && soy) {
    out.push({
      kind: 'product',
      id: 'insect.co2e',
      source: `${REPORT}, ${insectSection}`,
      where: inSection(insectTitle),
      label: message('audit_label_co2e_change', { replaces: soy.replaces }),
      stated: insect.co2e_change_tonnes,
      factors: [
        { label: words(`t ${meal.name.nb}`, `t ${meal.name.en}`), value: insect.tonnes_dm },
        {
          label: words(`t ${soy.replaces.nb} per t`, `t ${soy.replaces.en} per t`),
          value: soy.tonnesReplacedPerTonne.value,
        },
        {
          label: words(
            'kg CO2e per kg erstattet (produktbiblioteket)',
            'kg CO2e per kg replaced (product library)',
          ),
          value: soy.kgCo2ePerKgReplaced.value,
          range: { low: soy.kgCo2ePerKgReplaced.low, high: soy.kgCo2ePerKgReplaced.high },
        },
      ],
      explanation: message('audit_explain_implied_co2e', {
        implied: insect.co2e_change_tonnes / insect.tonnes_dm / soy.tonnesReplacedPerTonne.value,
        replaces: soy.replaces,
        low: soy.kgCo2ePerKgReplaced.low,
        high: soy.kgCo2ePerKgReplaced.high,
      }),
    });
  }
  const bsf = tech(lib, 'bsf-larver');
  if (bsf) {
    const c = bsf.capexNokPerTonneCapacity;
    out.push({
      kind: 'range',
      id: 'insect.capex',
      source: `${REPORT}, 'Eksempel. Insektproduksjon (1/3)'`,
      where: inSection('Eksempel. Insektproduksjon (1/3)'),
      label: message('audit_label_capex_per_kg', { product: name('insektmel') }),
      stated: insect.capex_nok_per_kg_capacity,
      reference: {
        value: c.value / 1000,
        low: c.low / 1000,
        high: c.high / 1000,
        what: message('audit_what_technology_capex', { technology: bsf.name }),
        citation: c.source.citation,
        fromReport: c.source.fromReport === true,
      },
    });
  }

  // Worked example: pyrolysis of bark.
  const pyro = seed.scenarios.bark_pyrolysis;
  const pyroTitle = 'Eksempel på verdiberegning – bioolje og biokull';
  const pyroSection = `'${pyroTitle}'`;
  const pyroWhere = inSection(pyroTitle);
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
      where: pyroWhere,
      label: message('audit_label_product_from_feed', {
        product: name(productIds[p.product] ?? p.product),
        feedTonnes: pyro.feed_tonnes_dm_bark,
        feed: name('bark'),
      }),
      stated: p.tonnes,
      factors: [
        { label: words('t TS bark', 't DM bark'), value: pyro.feed_tonnes_dm_bark },
        { label: words('utbytte', 'yield'), value: p.yield },
      ],
    });
    out.push(
      valueStatement(
        `pyrolysis.${p.product}.value`,
        `${REPORT}, ${pyroSection}`,
        pyroWhere,
        name(productIds[p.product] ?? p.product),
        p,
      ),
    );
    const range = yieldRange(lib, 'slow-pyrolysis', productIds[p.product] ?? p.product);
    if (range) {
      out.push({
        kind: 'range',
        id: `pyrolysis.${p.product}.yield`,
        source: `${REPORT}, ${pyroSection}`,
        where: pyroWhere,
        label: message('audit_label_technology_yield', {
          product: name(productIds[p.product] ?? p.product),
          technology: name('slow-pyrolysis'),
          basis: 'dm',
        }),
        stated: p.yield,
        reference: range,
      });
    }
  }
  out.push({
    kind: 'balance',
    id: 'pyrolysis.mass-balance',
    source: `${REPORT}, ${pyroSection}`,
    where: pyroWhere,
    label: message('audit_label_feed_balance', { feed: name('bark') }),
    input: pyro.feed_tonnes_dm_bark,
    outputs: pyro.products.map((p) => ({ label: name(productIds[p.product] ?? p.product), value: p.tonnes })),
  });

  // Worked example: biomethane to polyethylene and hydrogen.
  const bio = seed.scenarios.biomethane;
  const bioTitle = 'Videre prosessering av biometan';
  const bioSection = `'${bioTitle}'`;
  const bioWhere = inSection(bioTitle);
  for (const p of bio.products) {
    out.push(
      valueStatement(
        `biomethane.${p.product}.value`,
        `${REPORT}, ${bioSection}`,
        bioWhere,
        name(productIds[p.product] ?? p.product),
        p,
      ),
    );
    // The report makes both products from the same methane: the joint route is methane coupling.
    const range = yieldRange(lib, 'methane-coupling', productIds[p.product] ?? p.product);
    if (range) {
      out.push({
        kind: 'range',
        id: `biomethane.${p.product}.yield`,
        source: `${REPORT}, ${bioSection}`,
        where: bioWhere,
        label: message('audit_label_product_per_methane', {
          product: name(productIds[p.product] ?? p.product),
          tonnes: p.tonnes,
          methaneTonnes: bio.green_methane_tonnes,
        }),
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
      source: `${REPORT}, '${basis.section}'`,
      where: inSection(basis.section),
      label: message('audit_label_polyethylene_price', {
        marketNokPerKg: basis.marketNokPerKg,
        co2PriceNokPerKg: basis.co2PriceNokPerKg,
        co2eSavedKgPerKg: basis.co2eSavedKgPerKg,
      }),
      stated: pe.nok_per_tonne,
      parts: [
        { label: words('markedspris', 'market price'), value: basis.marketNokPerKg * 1000 },
        {
          label: words('CO2-verdi', 'CO2 value'),
          value: basis.co2PriceNokPerKg * basis.co2eSavedKgPerKg * 1000,
        },
      ],
    });
  }
  if (h2 && text) {
    const basis = text.hydrogenPrice;
    out.push({
      kind: 'product',
      id: 'biomethane.hydrogen.price',
      source: `${REPORT}, '${basis.section}'`,
      where: inSection(basis.section),
      label: message('audit_label_hydrogen_price', { nokPerKwh: basis.nokPerKwh, kwhPerKg: basis.kwhPerKg }),
      stated: h2.nok_per_tonne,
      factors: [
        { label: same('NOK/kWh'), value: basis.nokPerKwh },
        { label: same('kWh/kg'), value: basis.kwhPerKg },
        { label: same('kg/t'), value: 1000, exact: true },
      ],
    });
  }
  if (pe && h2) {
    // Hydrogen balance: CH4 is 25 % H by mass, polyethylene (C2H4)n 14 %; H2 is all hydrogen.
    out.push({
      kind: 'balance',
      id: 'biomethane.hydrogen-balance',
      source: `${REPORT}, ${bioSection}`,
      where: bioWhere,
      label: message('audit_label_hydrogen_balance', {}),
      input: bio.green_methane_tonnes * hydrogenFraction(1, 4),
      outputs: [
        { label: words('H i polyetylen', 'H in polyethylene'), value: pe.tonnes * hydrogenFraction(2, 4) },
        { label: same('H2'), value: h2.tonnes },
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
      source: `${REPORT}, market_outlook_bn_usd (${from}–${to})`,
      where: message('audit_where_table', { table: 'markets' }),
      label: message('audit_label_market', { market, year: String(to) }),
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
    source: `${REPORT}, actors_brreg.by_form`,
    where: message('audit_where_table', { table: 'actors' }),
    label: message('audit_label_actors_by_form', { forms: Object.keys(actors.by_form).length }),
    stated: actors.total_organisations,
    parts: partsOf(Object.entries(actors.by_form)),
    ...(text?.actorsOtherForms ? { rest: words('andre organisasjonsformer', 'other forms') } : {}),
  });

  // The wood rows against the literature's estimate from the same harvest: wet, or dry matter?
  for (const kind of WOOD_KINDS) {
    const estimate = wood?.[kind];
    const stated = residues[kind];
    if (!estimate || typeof stated !== 'number') continue;
    out.push({
      kind: 'basis',
      id: `residues.${kind}.basis`,
      source: `${REPORT}, 'Restråstoffer i regionen'`,
      where: message('audit_where_table_kind', { table: 'residues', kind: name(kind) }),
      label: message('audit_label_wood_residue', { kind: name(kind) }),
      stated,
      statedBasis: 'wet',
      wet: estimate.tonnesWet,
      dm: estimate.tonnesDm,
      what: message('audit_what_literature_estimate', {
        municipalities: Object.keys(seed.forestry_harvest_m3_2024.rows).length,
      }),
    });
  }

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
      where: message('audit_where_table_kind', { table: 'residues', kind: name('kornavrens') }),
      label: message('audit_label_cleanings_share', {
        cleaningsTonnes: residues.kornavrens as number,
        grainTonnes: Math.round(grainTonnes),
      }),
      stated: (residues.kornavrens as number) / grainTonnes,
      reference: {
        value: toBase(cleanings.value, cleanings.unit),
        low: toBase(cleanings.low, cleanings.unit),
        high: toBase(cleanings.high, cleanings.unit),
        what: message('audit_what_literature', { coefficients: [asText(cleanings.name)] }),
        fromReport: cleanings.source.fromReport === true,
        citation: cleanings.source.citation,
      },
    });
  }
  const ratios = (literature?.coefficients ?? []).filter((c) => c.id.startsWith('straw-ratio.'));
  if (grainTonnes > 0 && ratios.length > 0) {
    out.push({
      kind: 'range',
      id: 'residues.halm.implied-ratio',
      source: `${REPORT}, 'Restråstoffer i regionen', Halm`,
      where: message('audit_where_table_kind', { table: 'residues', kind: name('halm') }),
      label: message('audit_label_straw_ratio', {
        strawTonnes: residues.halm as number,
        grainTonnes: Math.round(grainTonnes),
      }),
      stated: (residues.halm as number) / grainTonnes,
      reference: {
        value: ratios.reduce((s, c) => s + toBase(c.value, c.unit), 0) / ratios.length,
        low: Math.min(...ratios.map((c) => toBase(c.low, c.unit))),
        high: Math.max(...ratios.map((c) => toBase(c.high, c.unit))),
        what: message('audit_what_literature', { coefficients: ratios.map((c) => asText(c.name)) }),
        fromReport: ratios.some((c) => c.source.fromReport === true),
        citation: [...new Set(ratios.map((c) => c.source.citation))].join('; '),
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
  data: Pick<ReferenceData, 'profiles'> & Partial<Pick<ReferenceData, 'kinds' | 'statistics' | 'registry'>>,
  lib: Library,
): Statement[] {
  if (!report) return [];
  const literature = data.profiles.find((p) => p.id === 'literature');
  return seedStatements(
    report.seed,
    lib,
    literature,
    report.text,
    woodEstimate(report.seed, data, literature),
    (nr) => {
      const r = data.registry && resolveMunicipality(data.registry, nr);
      return r?.ok ? r.number : nr;
    },
  );
}

/**
 * The literature's estimate of the wood rows from the harvest of the report's municipalities in the
 * report's year (2024), per kind; none when a statistic is missing (the audit then does not check them).
 */
function woodEstimate(
  seed: Seed,
  data: Partial<Pick<ReferenceData, 'kinds' | 'statistics' | 'registry'>>,
  literature: CoefficientProfile | undefined,
): WoodEstimate | undefined {
  const { kinds, statistics, registry } = data;
  if (!literature || !kinds || !statistics || !registry) return undefined;
  // The table's rows carry the report's numbers (2023 division); the statistics today's.
  const municipalities = Object.keys(seed.forestry_harvest_m3_2024.rows).map((nr) => {
    const r = resolveMunicipality(registry, nr);
    return r.ok ? r.number : nr;
  });
  try {
    const estimate = estimateResidues({
      profile: literature,
      kinds,
      statistics,
      municipalities,
      kindIds: [...WOOD_KINDS],
      year: 2024,
    });
    return Object.fromEntries(
      estimate.totals.map((t) => [t.kind, { tonnesWet: t.tonnesWet, tonnesDm: t.tonnesDm }]),
    );
  } catch {
    return undefined;
  }
}
