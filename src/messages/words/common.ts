/**
 * The words every shell (CLI, report, web app) shares: one text for a residue kind, a municipality, tonnes
 * wet and dry matter, the tiers of the value pyramid and the common column heads.
 */
import { TIER_NAMES } from '../../domain/valuation.ts';
import type { WordTable } from './table.ts';

export const COMMON = {
  // The national audit's verdicts (src/domain/audit-national.ts).
  verdict_within: { nb: 'innenfor spennet', en: 'within the range' },
  verdict_below: { nb: 'under', en: 'below' },
  verdict_above: { nb: 'over', en: 'above' },
  verdict_calibration: { nb: 'kalibrert, ingen kontroll', en: 'calibrated, no check' },
  'verdict_not-estimated': { nb: 'ikke beregnet', en: 'not estimated' },
  kind: { nb: 'Restråstoff', en: 'Residue' },
  municipality: { nb: 'Kommune', en: 'Municipality' },
  municipalities: { nb: 'Kommuner', en: 'Municipalities' },
  subRegion: { nb: 'Delregion', en: 'Sub-region' },
  tonnesWet: { nb: 'Tonn våtvekt', en: 'Tonnes wet' },
  tonnesDm: { nb: 'Tonn TS', en: 'Tonnes DM' },
  tonnesPerYear: { nb: 't/år', en: 't/yr' },
  total: { nb: 'Sum', en: 'Total' },
  name: { nb: 'Navn', en: 'Name' },
  value: { nb: 'Verdi', en: 'Value' },
  unit: { nb: 'Enhet', en: 'Unit' },
  source: { nb: 'Kilde', en: 'Source' },
  status: { nb: 'Status', en: 'Status' },
  year: { nb: 'År', en: 'Year' },
  technology: { nb: 'Teknologi', en: 'Technology' },
  currentUse: { nb: 'Dagens bruk', en: 'Current use' },
  severity: { nb: 'Alvor', en: 'Severity' },
  finding: { nb: 'Funn', en: 'Finding' },
  stated: { nb: 'Oppgitt', en: 'Stated' },
  computed: { nb: 'Beregnet', en: 'Computed' },
  sector: { nb: 'Sektor', en: 'Sector' },
  of: { nb: 'av', en: 'of' },
} satisfies WordTable;

/** The tiers of the value pyramid, from energy (bottom) to products (top): the domain's names. */
export const TIERS = TIER_NAMES satisfies WordTable;
