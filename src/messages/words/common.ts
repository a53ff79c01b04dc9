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
  // Streams per actor (CLI, API texts and web alike)
  actor: { nb: 'Aktør', en: 'Actor' },
  holds: { nb: 'Har', en: 'Holds' },
  couldUse: { nb: 'Kan bruke', en: 'Could use' },
  reaches: { nb: 'Når', en: 'Reaches' },
  basis: { nb: 'Grunnlag', en: 'Basis' },
  roles: { nb: 'Roller', en: 'Roles' },
  distanceKm: { nb: 'Avstand km', en: 'Distance km' },
  fromActors: { nb: 'Fra aktørene t', en: 'From the actors t' },
  fromStatistics: { nb: 'Fra statistikken t', en: 'From the statistics t' },
  basis_confirmed: { nb: 'bekreftet av bedriften', en: 'confirmed by the company' },
  'basis_farm-record': { nb: 'gårdens egne tall', en: 'the farm’s own records' },
  'basis_municipal-share': { nb: 'andel av kommunens anslag', en: 'share of the municipal estimate' },
  'basis_nace-employees': { nb: 'næringskode × ansatte', en: 'NACE code × employees' },
  'basis_nace-code': { nb: 'næringskoden', en: 'the NACE code' },
  status_estimated: { nb: 'anslått', en: 'estimated' },
  status_confirmed: { nb: 'bekreftet', en: 'confirmed' },
  farmsAndSoleProprietors: {
    nb: (n: number) => `${n} gårdsbruk og enkeltpersonforetak`,
    en: (n: number) => `${n} farms and sole proprietorships`,
  },
  withheldName: {
    nb: '(enkeltpersonforetak, navn holdt tilbake)',
    en: '(sole proprietorship, name withheld)',
  },
  withheldNote: {
    nb: 'Enkeltpersonforetak bærer personnavn og ofte hjemmeadresse: listen holder tilbake navn, organisasjonsnummer og adresse. Slå opp ett foretak med organisasjonsnummeret for å se det.',
    en: 'Sole proprietorships carry personal names and often home addresses: the list withholds name, organisation number and address. Look one unit up by its organisation number to see it.',
  },
  privacyNote: {
    nb: 'Gårdsbruk og enkeltpersonforetak bærer personnavn: i lister vises de bare som antall og sum per kommune. Slå opp én aktør med organisasjonsnummeret for å se den alene.',
    en: 'Farms and sole proprietorships carry personal names: lists show them only as a count and a sum per municipality. Look one actor up by its organisation number to see it alone.',
  },
} satisfies WordTable;

/** The tiers of the value pyramid, from energy (bottom) to products (top): the domain's names. */
export const TIERS = TIER_NAMES satisfies WordTable;
