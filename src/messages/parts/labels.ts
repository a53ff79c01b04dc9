/** The catalogue's part for the codes of src/domain/messages/labels.ts, in bokmål and English. */
import type {
  Basis,
  HarvestColumn,
  InputGroup,
  LabelMessageParams,
  ReportTableName,
} from '../../domain/messages/labels.ts';
import type { Lang } from '../format.ts';
import type { CataloguePart } from '../template.ts';

/** "t per t TS" / "t per t DM", "våtvekt" / "wet". */
const PER_TONNE: Record<Basis, Record<Lang, string>> = {
  dm: { nb: 't per t TS', en: 't per t DM' },
  wet: { nb: 't per t våtvekt', en: 't per t wet' },
};
const TONNES: Record<Basis, Record<Lang, string>> = {
  dm: { nb: 'tonn TS', en: 't DM' },
  wet: { nb: 'tonn våtvekt', en: 't wet' },
};

/**
 * A name from the data inside a sentence: "Biokull" reads "biokull" there; an acronym ("GROT", "CO2")
 * or a name that is all capitals at the start keeps its case.
 */
const inText = (name: string) =>
  /^\p{Lu}\p{Ll}/u.test(name) ? name[0]?.toLowerCase() + name.slice(1) : name;

/** The markets of the report's market outlook (market_outlook_bn_usd), by their id in the transcription. */
const MARKETS: Record<string, { nb: string; en: string }> = {
  bioenergi: { nb: 'bioenergi', en: 'bioenergy' },
  gjodselproduksjon: { nb: 'gjødselproduksjon', en: 'fertiliser production' },
  biokull: { nb: 'biokull', en: 'biochar' },
  biomaterialer: { nb: 'biomaterialer', en: 'biomaterials' },
  insektproduksjon: { nb: 'insektproduksjon', en: 'insect production' },
  marin_fotosyntese: { nb: 'marin fotosyntese', en: 'marine photosynthesis' },
  proteinforedling: { nb: 'proteinforedling', en: 'protein processing' },
  sopp_og_gjaer: { nb: 'sopp og gjær', en: 'fungi and yeast' },
};

export const LABELS_CATALOGUE: CataloguePart<keyof LabelMessageParams> = {
  audit_label_column_sum: {
    nb: (p) => `Summen av ${column(p.column, 'nb')} over kommunene i ${TABLES[p.table].nb} (${p.unit})`,
    en: (p) =>
      `The sum of ${column(p.column, 'en')} over the municipalities in ${TABLES[p.table].en} (${p.unit})`,
  },
  audit_label_area_identity: {
    nb: (p, s) =>
      `${s.muni(p.municipality)}: ${column(p.total, 'nb')} som ${p.parts.map((c) => column(c, 'nb')).join(' + ')}`,
    en: (p, s) =>
      `${s.muni(p.municipality)}: ${column(p.total, 'en')} as ${p.parts.map((c) => column(c, 'en')).join(' + ')}`,
  },
  audit_label_harvest_total: {
    nb: (p, s) =>
      `Samlet uttak i ${s.muni(p.municipality)} som ${p.parts.map((c) => column(c, 'nb')).join(' + ')}`,
    en: (p, s) =>
      `Total harvest of ${s.muni(p.municipality)} as ${p.parts.map((c) => column(c, 'en')).join(' + ')}`,
  },
  audit_label_residues_total: {
    nb: () => 'Restråstoffer i alt (tonn våtvekt)',
    en: () => 'Total residues (t wet)',
  },
  audit_label_vegetable_area: {
    nb: (p, s) => `De ${s.n(p.areaDaa)} dekarene med poteter og grønnsaker på friland`,
    en: (p, s) => `The ${s.n(p.areaDaa)} daa of potatoes and field vegetables`,
  },
  audit_label_vegetable_residues: {
    nb: (p) => `Grønnsaksrester (${TONNES[p.basis].nb})`,
    en: (p) => `Vegetable residues (${TONNES[p.basis].en})`,
  },
  audit_label_product_value: {
    nb: (p, s) => `Verdien av ${inText(s.text(p.product))} (MNOK)`,
    en: (p, s) => `Value of ${inText(s.text(p.product))} (MNOK)`,
  },
  uncertain_input_coefficient: {
    nb: (p, s) => `${s.text(p.name)} (${INPUT_GROUPS[p.group].nb})`,
    en: (p, s) => `${s.text(p.name)} (${INPUT_GROUPS[p.group].en})`,
  },
  uncertain_input_price: {
    nb: (p, s) => `Salgspris for ${inText(s.text(p.product))}`,
    en: (p, s) => `Price of ${inText(s.text(p.product))}`,
  },
  uncertain_input_scenario_price: {
    nb: (p, s) => `Scenarioets pris på ${inText(s.text(p.product))}`,
    en: (p, s) => `The scenario’s price of ${inText(s.text(p.product))}`,
  },
  uncertain_input_current_use: {
    nb: (p, s) => `Verdien av dagens bruk av ${inText(s.kind(p.kind))}`,
    en: (p, s) => `Value of the current use of ${inText(s.kind(p.kind))}`,
  },
  audit_label_co2e_change: {
    nb: (p, s) => `Endring i CO2e når ${inText(s.text(p.replaces))} erstattes (tonn)`,
    en: (p, s) => `CO2e change of replacing ${inText(s.text(p.replaces))} (t)`,
  },
  audit_label_capex_per_kg: {
    nb: (p, s) => `Investering i produksjon av ${inText(s.text(p.product))}, NOK per kg årlig kapasitet`,
    en: (p, s) => `Capex of ${inText(s.text(p.product))} production, NOK per kg annual capacity`,
  },
  audit_label_product_from_feed: {
    nb: (p, s) => `${s.text(p.product)} fra ${s.n(p.feedTonnes)} tonn TS ${inText(s.text(p.feed))} (tonn)`,
    en: (p, s) => `${s.text(p.product)} from ${s.n(p.feedTonnes)} t DM ${inText(s.text(p.feed))} (t)`,
  },
  audit_label_technology_yield: {
    nb: (p, s) =>
      `Utbytte av ${inText(s.text(p.product))} ved ${inText(s.text(p.technology))} (${PER_TONNE[p.basis].nb})`,
    en: (p, s) =>
      `Yield of ${inText(s.text(p.product))} by ${inText(s.text(p.technology))} (${PER_TONNE[p.basis].en})`,
  },
  audit_label_feed_balance: {
    nb: (p, s) => `Produktene mot mengden ${inText(s.text(p.feed))} som går inn`,
    en: (p, s) => `The products against the ${inText(s.text(p.feed))} fed`,
  },
  audit_label_product_per_methane: {
    nb: (p, s) =>
      `${s.text(p.product)} per tonn metan (${s.n(p.tonnes)} tonn fra ${s.n(p.methaneTonnes)} tonn)`,
    en: (p, s) => `${s.text(p.product)} per t methane (${s.n(p.tonnes)} t from ${s.n(p.methaneTonnes)} t)`,
  },
  audit_label_polyethylene_price: {
    nb: (p, s) =>
      `Prisen på polyetylen: ${s.fig(p.marketNokPerKg)} NOK/kg + CO2-pris ${s.fig(p.co2PriceNokPerKg)} NOK/kg × ${s.fig(p.co2eSavedKgPerKg)} kg CO2e spart per kg (NOK/t)`,
    en: (p, s) =>
      `Polyethylene price: ${s.fig(p.marketNokPerKg)} NOK/kg + CO2 price ${s.fig(p.co2PriceNokPerKg)} NOK/kg × ${s.fig(p.co2eSavedKgPerKg)} kg CO2e saved per kg (NOK/t)`,
  },
  audit_label_hydrogen_price: {
    nb: (p, s) => `Prisen på hydrogen: ${s.fig(p.nokPerKwh)} NOK/kWh × ${s.fig(p.kwhPerKg)} kWh/kg (NOK/t)`,
    en: (p, s) => `Hydrogen price: ${s.fig(p.nokPerKwh)} NOK/kWh × ${s.fig(p.kwhPerKg)} kWh/kg (NOK/t)`,
  },
  audit_label_hydrogen_balance: {
    nb: () => 'Hydrogenatomer: polyetylen og hydrogengass mot metanen de kommer fra (tonn H)',
    en: () => 'Hydrogen atoms: polyethylene and hydrogen gas against the methane they come from (t H)',
  },
  audit_label_market: {
    nb: (p) => `Markedet for ${MARKETS[p.market]?.nb ?? p.market}, mrd. USD i ${p.year}`,
    en: (p) => `Market for ${MARKETS[p.market]?.en ?? p.market}, bn USD in ${p.year}`,
  },
  audit_label_actors_by_form: {
    nb: (p) => `Virksomheter etter organisasjonsform (de ${p.forms} formene i listen) mot oppgitt sum`,
    en: (p) => `Organisations by form (the ${p.forms} forms listed) against the stated total`,
  },
  audit_label_cleanings_share: {
    nb: (p, s) =>
      `Kornavrens som andel av kornavlingen (${s.n(p.cleaningsTonnes)} tonn ÷ ${s.n(p.grainTonnes)} tonn bygg, havre og hvete med litteraturens avlinger)`,
    en: (p, s) =>
      `Grain cleanings as a share of the grain harvest (${s.n(p.cleaningsTonnes)} t ÷ ${s.n(p.grainTonnes)} t of barley, oats and wheat at the literature yields)`,
  },
  audit_label_straw_ratio: {
    nb: (p, s) =>
      `Halm per kg korn (${s.n(p.strawTonnes)} tonn ÷ ${s.n(p.grainTonnes)} tonn korn med litteraturens avlinger)`,
    en: (p, s) =>
      `Straw per kg grain (${s.n(p.strawTonnes)} t ÷ ${s.n(p.grainTonnes)} t grain at the literature yields)`,
  },
  audit_label_step_balance: {
    nb: (p, s) => `Massebalansen i trinnet med ${inText(s.text(p.technology))}`,
    en: (p, s) => `Mass balance of the step with ${inText(s.text(p.technology))}`,
  },
  audit_label_step_yield: {
    nb: (p, s) =>
      `Utbytte av ${inText(s.text(p.product))} fra ${inText(s.text(p.input))} ved ${inText(s.text(p.technology))} (${PER_TONNE[p.basis].nb})`,
    en: (p, s) =>
      `Yield of ${inText(s.text(p.product))} from ${inText(s.text(p.input))} by ${inText(s.text(p.technology))} (${PER_TONNE[p.basis].en})`,
  },
  audit_label_price: {
    nb: (p, s) => `Prisen på ${inText(s.text(p.product))}, NOK/t`,
    en: (p, s) => `Price of ${inText(s.text(p.product))}, NOK/t`,
  },
  audit_what_technology_yield: {
    nb: (p, s) =>
      `teknologibibliotekets spenn for ${inText(s.text(p.product))} fra ${inText(s.text(p.technology))}`,
    en: (p, s) =>
      `the technology library's range for ${inText(s.text(p.product))} from ${inText(s.text(p.technology))}`,
  },
  audit_what_technology_capex: {
    nb: (p, s) => `teknologibibliotekets investeringsspenn for ${inText(s.text(p.technology))}`,
    en: (p, s) => `the technology library's capex range for ${inText(s.text(p.technology))}`,
  },
  audit_what_product_price: {
    nb: (p, s) => `produktbibliotekets prisspenn for ${inText(s.text(p.product))}`,
    en: (p, s) => `the product library's price range for ${inText(s.text(p.product))}`,
  },
  audit_what_literature: {
    nb: (p, s) => `litteraturprofilens spenn for ${s.list(p.coefficients.map((c) => inText(s.text(c))))}`,
    en: (p, s) =>
      `the literature profile's range for ${s.list(p.coefficients.map((c) => inText(s.text(c))))}`,
  },
  audit_where_table: {
    nb: (p) => TABLES[p.table].nb,
    en: (p) => TABLES[p.table].en,
  },
  audit_where_table_row: {
    nb: (p, s) => `${TABLES[p.table].nb}, raden for ${s.muni(p.municipality)}`,
    en: (p, s) => `${TABLES[p.table].en}, the row of ${s.muni(p.municipality)}`,
  },
  audit_where_table_total: {
    nb: (p) => `${TABLES[p.table].nb}, summeraden`,
    en: (p) => `${TABLES[p.table].en}, the total row`,
  },
  audit_where_table_kind: {
    nb: (p, s) => `${TABLES[p.table].nb}, raden for ${inText(s.text(p.kind))}`,
    en: (p, s) => `${TABLES[p.table].en}, the row of ${inText(s.text(p.kind))}`,
  },
  audit_where_section: {
    nb: (p) => `rapportens avsnitt «${p.section}»`,
    en: (p) => `the report’s section “${p.section}”`,
  },
  audit_where_scenario: {
    nb: (p, s) => `${SCENARIO_PARTS[p.part].nb} i scenarioet «${s.text(p.scenario)}»`,
    en: (p, s) => `the ${SCENARIO_PARTS[p.part].en} of the scenario “${s.text(p.scenario)}”`,
  },
  audit_explain_not_residue: {
    nb: (p, s) =>
      `Rapporten ganger med (1 − ${s.fig(p.share)}) = ${s.fig(p.complement)}, andelen som ikke er rester, og det gir ${s.n(p.tonnes)} tonn`,
    en: (p, s) =>
      `The report multiplies by (1 − ${s.fig(p.share)}) = ${s.fig(p.complement)}, the share that is not residue, which gives ${s.n(p.tonnes)} t`,
  },
  audit_explain_implied_co2e: {
    nb: (p, s) =>
      `Rapportens tall svarer til ${s.n(p.implied, 2)} kg CO2e per kg ${inText(s.text(p.replaces))}; bibliotekets spenn er ${s.fig(p.low)}–${s.fig(p.high)}`,
    en: (p, s) =>
      `The report's figure implies ${s.n(p.implied, 2)} kg CO2e per kg ${inText(s.text(p.replaces))}; the library's range is ${s.fig(p.low)}–${s.fig(p.high)}`,
  },
  audit_label_harvest_species: {
    nb: (p, s) => `Avvirkning av ${HARVEST_COLUMNS[p.part].nb} i ${s.muni(p.municipality)} i ${p.year} (m3)`,
    en: (p, s) => `Harvest of ${HARVEST_COLUMNS[p.part].en} in ${s.muni(p.municipality)} in ${p.year} (m3)`,
  },
  audit_label_national_share: {
    nb: (p) => `De tolv kommunenes andel av Norges samlede avvirkning i ${p.year}`,
    en: (p) => `The twelve municipalities' share of Norway's total harvest in ${p.year}`,
  },
  audit_what_harvest_statistics: {
    nb: (p) => `Landbruksdirektoratets avvirkningsstatistikk for ${p.year} (${p.file})`,
    en: (p) => `Landbruksdirektoratet's harvest statistics for ${p.year} (${p.file})`,
  },
  audit_what_national_total: {
    nb: (p) =>
      `landstallet: summen av alle ${p.municipalities} kommunene i Landbruksdirektoratets fil for ${p.year}, ${p.file}`,
    en: (p) =>
      `the national total: the sum of all ${p.municipalities} municipalities in Landbruksdirektoratet's file for ${p.year}, ${p.file}`,
  },
  audit_label_wood_residue: {
    nb: (p, s) => `${s.text(p.kind)} i restråstofftabellen`,
    en: (p, s) => `${s.text(p.kind)} in the residue table`,
  },
  audit_what_literature_estimate: {
    nb: (p) => `litteraturprofilens anslag fra avvirkningen i de ${p.municipalities} kommunene`,
    en: (p) => `the literature profile's estimate from the harvest of the ${p.municipalities} municipalities`,
  },
};

/** The tables of an audited report, as a reader names them. */
const TABLES: Record<ReportTableName, Record<Lang, string>> = {
  area: { nb: 'rapportens arealtabell', en: 'the report’s farmland table' },
  forestry: { nb: 'rapportens skogtabell', en: 'the report’s forestry table' },
  residues: { nb: 'rapportens restråstofftabell', en: 'the report’s residue table' },
  actors: { nb: 'rapportens aktørtabell', en: 'the report’s table of organisations' },
  markets: { nb: 'rapportens markedstabell', en: 'the report’s market table' },
};

/** The parts of a scenario a stated figure may sit in. */
const SCENARIO_PARTS: Record<'balance' | 'yields' | 'prices', Record<Lang, string>> = {
  balance: { nb: 'massebalansen', en: 'mass balance' },
  yields: { nb: 'utbyttene', en: 'yields' },
  prices: { nb: 'prisene', en: 'prices' },
};

/** The columns of the report's farmland table (Landbruksdirektoratet's area categories), in words. */
const AREA_COLUMNS: Record<string, Record<Lang, string>> = {
  anna_eng_og_beite: { nb: 'annen eng og beite', en: 'other grassland and pasture' },
  fulldyrka_eng: { nb: 'fulldyrket eng', en: 'fully cultivated grassland' },
  eng_til_slatt_og_beite: { nb: 'eng til slått og beite', en: 'grassland for mowing and grazing' },
  gronnsaker_pa_friland: { nb: 'grønnsaker på friland', en: 'field vegetables' },
  gronfor_og_silovekstar: { nb: 'grønnfôr og silovekster', en: 'green fodder and silage crops' },
  potet: { nb: 'poteter', en: 'potatoes' },
  havre: { nb: 'havre', en: 'oats' },
  bygg: { nb: 'bygg', en: 'barley' },
  kveite: { nb: 'hvete', en: 'wheat' },
  korn_og_oljevekstar_til_mogning: {
    nb: 'korn og oljevekster til modning',
    en: 'grain and oilseeds to ripeness',
  },
  aker_og_hage: { nb: 'åker og hage', en: 'arable land and gardens' },
  fulldyrka_jord: { nb: 'fulldyrket jord', en: 'fully cultivated land' },
  jordbruksareal_i_drift: { nb: 'jordbruksareal i drift', en: 'farmland in use' },
};

/** A column of the farmland or forestry table in words (an unknown column keeps its id). */
const column = (id: string, lang: Lang): string =>
  AREA_COLUMNS[id]?.[lang] ?? HARVEST_COLUMNS[id as HarvestColumn]?.[lang] ?? id;

/** What kind of number an uncertain input is. */
const INPUT_GROUPS: Record<InputGroup, Record<Lang, string>> = {
  residue: { nb: 'restråstoffkoeffisient', en: 'residue coefficient' },
  'dm-share': { nb: 'tørrstoffandel', en: 'dry-matter share' },
  yield: { nb: 'utbytte', en: 'yield' },
  capex: { nb: 'investeringskostnad', en: 'capital cost' },
  opex: { nb: 'driftskostnad', en: 'operating cost' },
  price: { nb: 'pris', en: 'price' },
  climate: { nb: 'klimafaktor', en: 'climate factor' },
  market: { nb: 'markedsstørrelse', en: 'market size' },
  'current-use': { nb: 'dagens bruk', en: 'current use' },
  transport: { nb: 'transportkostnad', en: 'transport cost' },
};

/** The report's forestry table columns, in words. */
const HARVEST_COLUMNS: Record<HarvestColumn, Record<Lang, string>> = {
  gran: { nb: 'gran', en: 'spruce' },
  furu: { nb: 'furu', en: 'pine' },
  lauv: { nb: 'lauv', en: 'broadleaf' },
  ved_til_brensel: { nb: 'ved til brensel', en: 'firewood' },
  total: { nb: 'alt tømmer', en: 'all roundwood' },
};
