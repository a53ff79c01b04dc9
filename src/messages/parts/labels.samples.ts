/** Neutral parameters for every code of the labels part: ids and numbers, no words of either language. */
import type { LabelMessageParams } from '../../domain/messages/labels.ts';
import type { SamplesPart } from '../template.ts';

/** A name from the data, in each language (neutral: the test looks for each in its own language). */
const name = (id: string) => ({ nb: `n${id}`, en: `e${id}` });

export const LABELS_SAMPLES: SamplesPart<keyof LabelMessageParams> = {
  audit_label_column_sum: { table: 'T-1', unit: 'daa', column: 'c1' },
  audit_label_area_identity: { municipality: '3407', total: 'c1', parts: ['c2', 'c3'] },
  audit_label_harvest_total: { municipality: '3407', parts: ['c2', 'c3'] },
  audit_label_residues_total: {},
  audit_label_vegetable_area: { areaDaa: 23530 },
  audit_label_vegetable_residues: { basis: 'wet' },
  audit_label_product_value: { product: name('1') },
  uncertain_input_coefficient: { name: name('5'), group: 'yield' },
  uncertain_input_price: { product: name('1') },
  uncertain_input_scenario_price: { product: name('1') },
  uncertain_input_current_use: { kind: 'k1' },
  audit_label_co2e_change: { replaces: name('2') },
  audit_label_capex_per_kg: { product: name('1') },
  audit_label_product_from_feed: { product: name('1'), feedTonnes: 50000, feed: name('3') },
  audit_label_technology_yield: { product: name('1'), technology: name('4'), basis: 'dm' },
  audit_label_feed_balance: { feed: name('3') },
  audit_label_product_per_methane: { product: name('1'), tonnes: 6000, methaneTonnes: 7500 },
  audit_label_polyethylene_price: { marketNokPerKg: 12, co2PriceNokPerKg: 3, co2eSavedKgPerKg: 4 },
  audit_label_hydrogen_price: { nokPerKwh: 1, kwhPerKg: 33 },
  audit_label_hydrogen_balance: {},
  audit_label_market: { market: 'm1', year: '2030' },
  audit_label_actors_by_form: { forms: 12 },
  audit_label_cleanings_share: { cleaningsTonnes: 6500, grainTonnes: 120000 },
  audit_label_straw_ratio: { strawTonnes: 58802, grainTonnes: 120000 },
  audit_label_step_balance: { step: 's1', technology: name('4') },
  audit_label_step_yield: { product: name('1'), input: name('3'), technology: name('4'), basis: 'wet' },
  audit_label_price: { product: name('1') },
  audit_what_technology_yield: { technology: name('4'), product: name('1'), citation: 'C-1' },
  audit_what_technology_capex: { technology: name('4'), citation: 'C-1' },
  audit_what_product_price: { product: name('1') },
  audit_what_literature: { coefficients: ['c1.x', 'c2.y'] },
  audit_explain_not_residue: { share: 0.15, complement: 0.85, tonnes: 80004 },
  audit_explain_implied_co2e: { implied: 5.6, replaces: name('2'), low: 1.6, high: 6.7 },
  audit_label_harvest_species: { municipality: '3407', part: 'gran', year: 2024 },
  audit_label_national_share: { year: 2024 },
  audit_what_harvest_statistics: { year: 2024, file: 'F-1.xlsx' },
  audit_what_national_total: { year: 2024, municipalities: 298, file: 'F-1.xlsx' },
  audit_label_wood_residue: { kind: name('3') },
  audit_what_literature_estimate: { municipalities: 12 },
};
