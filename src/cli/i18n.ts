/** The CLI's words in bokmål (default) and English. */
import type { Lang } from './format.ts';

const WORDS = {
  municipality: { nb: 'Kommune', en: 'Municipality' },
  kind: { nb: 'Restråstoff', en: 'Residue' },
  tonnesWet: { nb: 'Tonn våtvekt', en: 'Tonnes wet' },
  tonnesDm: { nb: 'Tonn TS', en: 'Tonnes DM' },
  total: { nb: 'Sum', en: 'Total' },
  tonnesWetShort: { nb: 'tonn våtvekt', en: 'tonnes wet' },
  tonnesDmShort: { nb: 'tonn TS', en: 'tonnes DM' },
  totalsFor: { nb: 'Sum for utvalget', en: 'Totals for the selection' },
  perMunicipality: { nb: 'Per kommune', en: 'Per municipality' },
  profile: { nb: 'Profil', en: 'Profile' },
  region: { nb: 'Region', en: 'Region' },
  draws: { nb: 'trekk', en: 'draws' },
  seed: { nb: 'frø', en: 'seed' },
  id: { nb: 'Id', en: 'Id' },
  name: { nb: 'Navn', en: 'Name' },
  value: { nb: 'Verdi', en: 'Value' },
  range: { nb: 'Spenn', en: 'Range' },
  unit: { nb: 'Enhet', en: 'Unit' },
  source: { nb: 'Kilde', en: 'Source' },
  status: { nb: 'Status', en: 'Status' },
  dmShare: { nb: 'TS-andel', en: 'DM share' },
  group: { nb: 'Gruppe', en: 'Group' },
  class: { nb: 'Regelverksklasse', en: 'Regulatory class' },
  county: { nb: 'Fylke', en: 'County' },
  subRegion: { nb: 'Delregion', en: 'Sub-region' },
  municipalities: { nb: 'Kommuner', en: 'Municipalities' },
  note: { nb: 'Merknad', en: 'Note' },
  explainOf: { nb: 'Sporing', en: 'Trace' },
  gives: { nb: 'gir', en: 'gives' },
  calibrated: { nb: 'kalibrert mot', en: 'calibrated against' },
} as const satisfies Record<string, Record<Lang, string>>;

export function t(word: keyof typeof WORDS, lang: Lang): string {
  return WORDS[word][lang];
}
