/** The CLI's words (table heads, labels, the lines around its tables) in bokmål (default) and English. */
import type { UnallocatedReason } from '../../domain/allocation/model.ts';
import { formatNumber, type Lang } from '../format.ts';
import { COMMON } from './common.ts';
import type { WordTable } from './table.ts';

const CLI = {
  ...COMMON,
  tonnesWetShort: { nb: 'tonn våtvekt', en: 'tonnes wet' },
  tonnesDmShort: { nb: 'tonn TS', en: 'tonnes DM' },
  totalsFor: { nb: 'Sum for utvalget', en: 'Totals for the selection' },
  perMunicipality: { nb: 'Per kommune', en: 'Per municipality' },
  profile: { nb: 'Profil', en: 'Profile' },
  region: { nb: 'Region', en: 'Region' },
  draws: { nb: 'trekk', en: 'draws' },
  seed: { nb: 'frø', en: 'seed' },
  id: { nb: 'Id', en: 'Id' },
  range: { nb: 'Spenn', en: 'Range' },
  dmShare: { nb: 'TS-andel', en: 'DM share' },
  group: { nb: 'Gruppe', en: 'Group' },
  class: { nb: 'Regelverksklasse', en: 'Regulatory class' },
  county: { nb: 'Fylke', en: 'County' },
  note: { nb: 'Merknad', en: 'Note' },
  explainOf: { nb: 'Sporing', en: 'Trace' },
  gives: { nb: 'gir', en: 'gives' },
  calibrated: { nb: 'kalibrert mot', en: 'calibrated against' },
  // residues
  statisticsUsed: { nb: 'Statistikk brukt', en: 'Statistics used' },
  partial: { nb: 'delvis', en: 'partial' },
  notEstimated: { nb: 'Ikke beregnet', en: 'Not estimated' },
  lacksIn: {
    nb: 'kommuner mangler statistikken; importer den for å få med dette slaget:',
    en: 'municipalities lack the statistics; import them to include this kind:',
  },
  of: { nb: 'av', en: 'of' },
  nationalTitle: {
    nb: 'Norge i alt etter litteraturprofilen, satt ved siden av publiserte nasjonale tall',
    en: 'Norway in total by the literature profile, beside published national figures',
  },
  nationalFigure: { nb: 'Publisert tall', en: 'Published figure' },
  source: { nb: 'Kilde', en: 'Source' },
  updateLatest: { nb: 'Nyeste i databasen', en: 'Newest in the store' },
  updateTried: { nb: 'Sett etter', en: 'Looked for' },
  update_found: { nb: 'funnet', en: 'found' },
  update_none: { nb: 'ikke publisert ennå', en: 'not published yet' },
  update_unreachable: { nb: 'fikk ikke kontakt', en: 'could not be reached' },
  updateNothing: { nb: 'Ingenting nytt å hente.', en: 'Nothing new to fetch.' },
  updateDataset: { nb: 'Datasett', en: 'Dataset' },
  updateVariable: { nb: 'Variabel', en: 'Variable' },
  updateBefore: { nb: 'Før (hele landet)', en: 'Before (Norway)' },
  updateAfter: { nb: 'Nytt (hele landet)', en: 'New (Norway)' },
  updateChanged: { nb: 'Kommuner endret', en: 'Municipalities changed' },
  updateDryRun: {
    nb: 'Prøvekjøring (--dry-run): ingenting er skrevet.',
    en: 'Dry run (--dry-run): nothing was written.',
  },
  updateImported: {
    nb: 'Importert i én transaksjon, import nr.',
    en: 'Imported in one transaction, import no.',
  },
  nationalPublished: { nb: 'Publisert (t)', en: 'Published (t)' },
  nationalOurs: { nb: 'Vårt (t)', en: 'Ours (t)' },
  nationalDifference: { nb: 'Avvik', en: 'Difference' },
  nationalVerdict: { nb: 'Vurdering', en: 'Verdict' },
  nationalKinds: { nb: 'Sammenlignet med', en: 'Compared with' },
  nationalCapture: {
    nb: 'Innsamlet andel av det som oppstår, etter tallene',
    en: 'Share collected of what arises, by the figures',
  },
  nationalLibrary: { nb: 'biblioteket:', en: 'library:' },
  nationalArising: {
    nb: 'Oppstår etter vårt anslag, ganger utsorteringsgraden i biblioteket:',
    en: 'Arising by our estimate, times the library’s capture rate:',
  },
  numberInSource: { nb: 'kommunenr. i kilden', en: 'number in source' },
  // scenarios, pyramid and technologies
  product: { nb: 'Produkt', en: 'Product' },
  tier: { nb: 'Nivå', en: 'Tier' },
  tonnes: { nb: 'Tonn', en: 'Tonnes' },
  route: { nb: 'Rute', en: 'Route' },
  basis: { nb: 'Grunnlag', en: 'Basis' },
  wet: { nb: 'våt', en: 'wet' },
  dm: { nb: 'TS', en: 'DM' },
  perYear: { nb: 'år', en: 'yr' },
  capexOpex: {
    nb: (capexMnok: string, opexMnok: string) =>
      `Investering: ${capexMnok} MNOK · Drift: ${opexMnok} MNOK/år`,
    en: (capexMnok: string, opexMnok: string) => `Capex: ${capexMnok} MNOK · Opex: ${opexMnok} MNOK/yr`,
  },
  massBalancePerStep: { nb: 'Massebalanse per trinn', en: 'Mass balance per step' },
  // uncertainty of NOK and CO2e (--uncertainty)
  uncertaintyTitle: {
    nb: (draws: number, seed: number) =>
      `Usikkerhet i kroner og CO2e (Monte Carlo, ${formatNumber(draws, 'nb')} trekk, frø ${seed})`,
    en: (draws: number, seed: number) =>
      `Uncertainty in NOK and CO2e (Monte Carlo, ${formatNumber(draws, 'en')} draws, seed ${seed})`,
  },
  quantity: { nb: 'Størrelse', en: 'Quantity' },
  central: { nb: 'Sentralt', en: 'Central' },
  netValueMnok: { nb: 'Netto verdi (MNOK)', en: 'Net value (MNOK)' },
  upliftValueMnok: { nb: 'Løft over dagens bruk (MNOK)', en: 'Uplift over the current use (MNOK)' },
  co2eSavedTonnes: { nb: 'CO2e spart (tonn)', en: 'CO2e saved (t)' },
  co2eUpliftTonnes: { nb: 'CO2e over dagens bruk (tonn)', en: 'CO2e over the current use (t)' },
  streamTonnes: { nb: 'Mengde (tonn våtvekt)', en: 'Amount (t wet)' },
  bestKept: {
    nb: (percent: number) =>
      `Den beste ruten er fortsatt best i ${formatNumber(percent, 'nb')} % av trekkene`,
    en: (percent: number) =>
      `The best route is still the best in ${formatNumber(percent, 'en')} % of the draws`,
  },
  failedDraws: {
    nb: (n: number) => `${formatNumber(n, 'nb')} trekk lot seg ikke regne (utelatt)`,
    en: (n: number) => `${formatNumber(n, 'en')} draws could not be run (left out)`,
  },
  flowsFixed: { nb: 'Optimumets strømmer holdt faste', en: 'The optimum’s flows held fixed' },
  reoptimised: {
    nb: (draws: number) => `Optimert på nytt i hvert trekk (${formatNumber(draws, 'nb')} trekk)`,
    en: (draws: number) => `Optimised again in each draw (${formatNumber(draws, 'en')} draws)`,
  },
  tornadoTitle: {
    nb: 'Det som flytter netto verdi mest (ett tall om gangen til lav og høy)',
    en: 'What moves net value most (one number at a time to its low and high)',
  },
  uncertainInput: { nb: 'Inngangstall', en: 'Input' },
  lowHigh: { nb: 'Lav–høy', en: 'Low–high' },
  atLowMnok: { nb: 'Ved lav (MNOK)', en: 'At low (MNOK)' },
  atHighMnok: { nb: 'Ved høy (MNOK)', en: 'At high (MNOK)' },
  swingMnok: { nb: 'Utslag (MNOK)', en: 'Swing (MNOK)' },
  // a scenario twice: as stated and from the library
  twiceTitle: {
    nb: 'Som scenarioet oppgir det og fra biblioteket',
    en: 'As the scenario states it and from the library',
  },
  line: { nb: 'Linje', en: 'Line' },
  asStated: { nb: 'Som oppgitt', en: 'As stated' },
  fromLibrary: { nb: 'Fra biblioteket', en: 'From the library' },
  difference: { nb: 'Forskjell', en: 'Difference' },
  causes: { nb: 'Årsak [nr.]', en: 'Cause [no.]' },
  overridesTitle: {
    nb: 'Tall scenarioet oppgir i stedet for bibliotekets',
    en: "Figures the scenario states instead of the library's",
  },
  noOverrides: {
    nb: 'Scenarioet bruker bibliotekets tall overalt.',
    en: "The scenario uses the library's figures throughout.",
  },
  libraryRunFailed: {
    nb: 'Med bibliotekets tall kjører scenarioet ikke',
    en: "With the library's figures the scenario does not run",
  },
  feedCheckTitle: { nb: 'Råstoffet mot regionens anslag', en: "The feed against the region's estimate" },
  step: { nb: 'Trinn', en: 'Step' },
  inputTonnes: { nb: 'Inn (t)', en: 'Input (t)' },
  productsTonnes: { nb: 'Produkter (t)', en: 'Products (t)' },
  lossesTonnes: { nb: 'Tap (t)', en: 'Losses (t)' },
  imbalance: { nb: 'Avvik', en: 'Imbalance' },
  inputs: { nb: 'Inn', en: 'Inputs' },
  outputsPerTonne: { nb: 'Ut (t/t)', en: 'Outputs (t/t)' },
  upliftMnok: { nb: 'Løft MNOK', en: 'Uplift MNOK' },
  bestRoute: { nb: 'Beste rute', en: 'Best route' },
  uplift: { nb: 'løft', en: 'uplift' },
  // audit
  auditSummary: {
    nb: (checked: number, findings: number) =>
      `${formatNumber(checked, 'nb')} tall kontrollert, ${formatNumber(findings, 'nb')} funn`,
    en: (checked: number, findings: number) =>
      `${formatNumber(checked, 'en')} figures checked, ${formatNumber(findings, 'en')} findings`,
  },
  severityError: { nb: 'feil', en: 'error' },
  severityWarning: { nb: 'advarsel', en: 'warning' },
  severityInfo: { nb: 'merknad', en: 'note' },
  statedIn: { nb: 'Står i', en: 'Stated in' },
  rangeSource: { nb: 'Spennets kilde', en: 'Source of the range' },
  // optimize
  optimalAllocation: { nb: 'Optimal fordeling', en: 'Optimal allocation' },
  objective: { nb: 'mål', en: 'objective' },
  model: { nb: 'Modell', en: 'Model' },
  columns: { nb: 'kolonner', en: 'columns' },
  rows: { nb: 'rader', en: 'rows' },
  currentUseLower: { nb: 'dagens bruk', en: 'current use' },
  sites: { nb: 'Anlegg', en: 'Sites' },
  site: { nb: 'Anlegg', en: 'Site' },
  used: { nb: 'Brukt', en: 'Used' },
  capacity: { nb: 'Kapasitet', en: 'Capacity' },
  capacityLower: { nb: 'kapasitet', en: 'capacity' },
  shadowPrice: {
    nb: (unit: string) => `Skyggepris ${unit}/t`,
    en: (unit: string) => `Shadow price ${unit}/t`,
  },
  binds: { nb: 'Binder', en: 'Binds' },
  notOpened: { nb: 'ikke åpnet', en: 'not opened' },
  sitesNote: {
    nb: '* kapasiteten er en antakelse (rapporten oppgir ingen). Skyggepris: hvor mye målet øker per år om anlegget fikk ett tonn mer kapasitet per år (på anleggets basis), alt annet likt; 0 = ledig kapasitet. Et høyt tall viser hvor et større anlegg lønner seg. «radius» betyr at strømmer som ville lønne seg ligger utenfor anleggets transportradius.',
    en: '* the capacity is an assumption (the report gives none). Shadow price: how much the objective would rise per year if the site had one more tonne of annual capacity (on its basis), all else equal; 0 = spare capacity. A high figure shows where a bigger plant pays off. "radius": streams that would pay lie beyond the site’s transport radius.',
  },
  streams: { nb: 'Strømmer', en: 'Streams' },
  stream: { nb: 'Strøm', en: 'Stream' },
  supplyTonnes: { nb: 'Tilgang t', en: 'Supply t' },
  allocatedTonnes: { nb: 'Fordelt t', en: 'Allocated t' },
  currentUseMnok: { nb: 'Dagens bruk MNOK', en: 'Current use MNOK' },
  flowsToSites: { nb: 'Strømmer til anlegg', en: 'Flows to sites' },
  largestFlows: {
    nb: (count: number) => `de ${formatNumber(count, 'nb')} største`,
    en: (count: number) => `the ${formatNumber(count, 'en')} largest by value`,
  },
  from: { nb: 'Fra', en: 'From' },
  to: { nb: 'Til', en: 'To' },
  notAllocated: { nb: 'Ikke fordelt (blir i dagens bruk)', en: 'Not allocated (stays in current use)' },
  reason: { nb: 'Grunn', en: 'Reason' },
  unallocatedReasons: {
    nb: {
      'capacity-full': 'anleggene er fulle',
      'negative-margin': 'dagens bruk lønner seg bedre',
      'beyond-radius': 'utenfor transportradius',
      'no-eligible-site': 'ingen anlegg tar imot',
    } as Record<UnallocatedReason, string>,
    en: {
      'capacity-full': 'sites full',
      'negative-margin': 'current use pays more',
      'beyond-radius': 'beyond transport radius',
      'no-eligible-site': 'no eligible site',
    } as Record<UnallocatedReason, string>,
  },
  bindingNote: {
    nb: (o: BindingNote) =>
      `Binder: kapasitet ${o.capacities}; radius ${o.radii}. Transport: ${o.distances.toLowerCase()} (data/transport.json; kostnaden per tonnkm er en plassholder uten kilde). Dagens bruk: data/current-uses.json.`,
    en: (o: BindingNote) =>
      `Binding: capacity ${o.capacities}; radius ${o.radii}. Transport: ${o.distances.toLowerCase()} (data/transport.json; the cost per tonne-km is an unsourced placeholder). Current use: data/current-uses.json.`,
  },
  // start
  // Regions, statistics, imports and actors (region, stats, import, actors).
  subRegions: { nb: 'Delregioner', en: 'Sub-regions' },
  builtin: { nb: 'Innebygd', en: 'Built in' },
  yes: { nb: 'ja', en: 'yes' },
  no: { nb: 'nei', en: 'no' },
  harvest: { nb: 'Avvirkning', en: 'Harvest' },
  species: { nb: 'Treslag', en: 'Species' },
  assortment: { nb: 'Sortiment', en: 'Assortment' },
  dataset: { nb: 'Datasett', en: 'Dataset' },
  year: { nb: 'År', en: 'Year' },
  observations: { nb: 'Observasjoner', en: 'Observations' },
  provenance: { nb: 'Opphav', en: 'Provenance' },
  retrieved: { nb: 'Hentet', en: 'Retrieved' },
  form: { nb: 'Organisasjonsform', en: 'Organisation form' },
  count: { nb: 'Antall', en: 'Count' },
  sector: { nb: 'Sektor', en: 'Sector' },
  sectors: { nb: 'Sektorer', en: 'Sectors' },
  byForm: { nb: 'Etter organisasjonsform', en: 'By organisation form' },
  orgnr: { nb: 'Org.nr.', en: 'Org. no.' },
  unitType: { nb: 'Enhetstype', en: 'Unit type' },
  description: { nb: 'Beskrivelse', en: 'Description' },
  records: { nb: 'poster', en: 'records' },
  mibRead: { nb: 'MiB lest', en: 'MiB read' },
  warning: { nb: 'Advarsel', en: 'Warning' },
  internalError: { nb: 'intern feil', en: 'internal error' },
  input: { nb: 'Oppgitt', en: 'Input' },
  grossPerTonne: { nb: 'Inntekt NOK/t', en: 'Revenue NOK/t' },
  netPerTonne: { nb: 'Netto NOK/t', en: 'Net NOK/t' },
  netMnok: { nb: 'Netto MNOK', en: 'Net MNOK' },
  net: { nb: 'netto', en: 'net' },
  gross: { nb: 'i inntekt', en: 'revenue' },
  mixedRoute: { nb: 'blandet', en: 'mixed' },
  emergingRoutes: {
    nb: (mature: number) => `Umodne ruter (under TRL ${mature}, vises for seg og velges ikke)`,
    en: (mature: number) => `Emerging routes (below TRL ${mature}, shown apart and not chosen)`,
  },
  netPerTonneShort: { nb: 'NOK/t netto', en: 'NOK/t net' },
  placeholder: { nb: 'plassholder', en: 'placeholder' },
  co2eSaved: { nb: 'spart', en: 'saved' },
  movesDown: { nb: 'flytter ned i pyramiden', en: 'moves down the pyramid' },
  change: { nb: 'endring', en: 'change' },
  haulsTitle: {
    nb: 'Transport til nærmeste anlegg i regionen, langs veg (verdiene over er før transport)',
    en: 'Transport to the nearest site in the region, by road (the values above are before transport)',
  },
  onAverage: { nb: 'i snitt', en: 'on average' },
  bestAfterTransport: { nb: 'Beste rute, netto etter transport', en: 'Best route, net after transport' },
  // catchments
  catchmentsTitle: {
    nb: 'Nedslagsfelt langs veg og konkurranse om råstoff',
    en: 'Catchments by road and competition for feedstock',
  },
  radiusKm: { nb: 'Transportradius km', en: 'Transport radius km' },
  reachedMunicipalities: { nb: 'Kommuner nådd', en: 'Municipalities reached' },
  catchmentTonnes: { nb: 'I feltet t', en: 'In catchment t' },
  inflowTonnes: { nb: 'Tilført t', en: 'Inflow t' },
  catchmentOf: {
    nb: 'Nedslagsfelt (andel av kommunens veger, vegkm fra tettstedet)',
    en: 'Catchment (share of the municipality’s roads, road km from its town)',
  },
  competitionTitle: { nb: 'Konkurranse der feltene overlapper', en: 'Competition where catchments overlap' },
  contestedTonnes: { nb: 'Omstridt t', en: 'Contested t' },
  getsAtOptimum: { nb: 'Får av det omstridte t', en: 'Gets of the contested t' },
  noCompetition: {
    nb: 'Ingen anlegg som tar samme råstoff, har overlappende nedslagsfelt.',
    en: 'No sites that take the same feedstock have overlapping catchments.',
  },
  competitionNote: {
    nb: 'Omstridt: tilgangen i kommunene begge når, ganger andelen av kommunens veger begge når. «Får» er den delen av det omstridte optimeringen sender til hvert anlegg (det som sendes fra en kommune, ganger andelen begge når); skyggeprisen er hva ett tonn mer kapasitet ville gitt (0 = ledig kapasitet, det andre anlegget får resten fordi det betaler mer).',
    en: 'Contested: the supply in the municipalities both reach, times the share of the municipality’s roads both reach. "Gets" is the part of the contested tonnes the optimum sends to each site (what it sends from a municipality, times the share both reach); the shadow price is what one more tonne of capacity would add (0 = spare capacity: the other site gets the rest because it pays more).',
  },
  unserved: { nb: 'Ikke tatt imot av noe anlegg', en: 'Taken by no site' },
  whatIfTitle: {
    nb: 'Hva om: endring mot regionens egne anlegg',
    en: 'What if: change against the region’s own sites',
  },
  before: { nb: 'Før', en: 'Before' },
  after: { nb: 'Etter', en: 'After' },
  siteChanges: {
    nb: { added: 'lagt til', removed: 'tatt bort', changed: 'endret', same: 'uendret' } as Record<
      string,
      string
    >,
    en: { added: 'added', removed: 'removed', changed: 'changed', same: 'unchanged' } as Record<
      string,
      string
    >,
  },
  totalValue: { nb: 'Verdi i alt', en: 'Total value' },
  // accounts
  email: { nb: 'E-post', en: 'Email' },
  role: { nb: 'Rolle', en: 'Role' },
  granted: { nb: 'Gitt', en: 'Granted' },
  time: { nb: 'Tid', en: 'Time' },
  action: { nb: 'Handling', en: 'Action' },
  target: { nb: 'Gjelder', en: 'Concerns' },
  role_facilitator: { nb: 'regional tilrettelegger', en: 'regional facilitator' },
  role_admin: { nb: 'administrator (alle regioner)', en: 'administrator (every region)' },
  // market
  listing: { nb: 'Oppføring', en: 'Listing' },
  side: { nb: 'Type', en: 'Side' },
  side_offer: { nb: 'tilbud', en: 'offer' },
  side_partial: { nb: 'delvis tilbud', en: 'partial offer' },
  side_wanted: { nb: 'ønskes', en: 'wanted' },
  visibility: { nb: 'Synlig for', en: 'Visible to' },
  visibility_organisation: { nb: 'organisasjonen', en: 'the organisation' },
  visibility_facilitators: { nb: 'tilretteleggerne', en: 'the facilitators' },
  visibility_region: { nb: 'regionen', en: 'the region' },
  visibility_public: { nb: 'alle', en: 'everyone' },
  estimated: { nb: 'Anslag', en: 'Estimate' },
  date: { nb: 'Dato', en: 'Date' },
  method: { nb: 'Metode', en: 'Method' },
  method_computed: { nb: 'beregnet', en: 'computed' },
  method_evidence: { nb: 'dokumentert', en: 'with evidence' },
  matches: { nb: 'Koblinger', en: 'Matches' },
  match: { nb: 'Kobling', en: 'Match' },
  identifiedTonnes: { nb: 'Identifisert t/år', en: 'Identified t/yr' },
  identifiedNok: { nb: 'Identifisert kr/år', en: 'Identified NOK/yr' },
  realisedTonnes: { nb: 'Gjennomført t', en: 'Realised t' },
  realisedNok: { nb: 'Gjennomført kr', en: 'Realised NOK' },
  realisedCo2e: { nb: 'Gjennomført t CO2e', en: 'Realised t CO2e' },
  stage: { nb: 'Trinn', en: 'Stage' },
  stage_identified: { nb: 'identifisert', en: 'identified' },
  stage_contacted: { nb: 'kontaktet', en: 'contacted' },
  stage_qualified: { nb: 'kvalifisert', en: 'qualified' },
  stage_trial: { nb: 'utprøving', en: 'trial' },
  stage_contract: { nb: 'avtale', en: 'contract' },
  stage_realised: { nb: 'gjennomført', en: 'realised' },
  stage_rejected: { nb: 'avvist', en: 'rejected' },
  stage_stalled: { nb: 'stoppet opp', en: 'stalled' },
  since: { nb: 'Siden', en: 'Since' },
  idleDays: { nb: 'Dager uten endring', en: 'Days without change' },
  // park
  parkBalanceTitle: {
    nb: 'Balanse per prosess og størrelse (per år)',
    en: 'Balance per process and quantity (a year)',
  },
  process: { nb: 'Prosess', en: 'Process' },
  treatment: { nb: 'Behandling', en: 'Treatment' },
  treatment_conserves: { nb: 'bevarer', en: 'conserves' },
  treatment_transforms: { nb: 'omdanner', en: 'transforms' },
  treatment_ignores: { nb: 'ser bort fra', en: 'ignores' },
  outputs: { nb: 'Ut', en: 'Out' },
  stockChange: { nb: 'Lagerendring', en: 'Stock change' },
  residual: { nb: 'Differanse', en: 'Residual' },
  parkEconomicsTitle: {
    nb: 'Økonomi per prosess og for parken',
    en: 'Economics per process and for the park',
  },
  capexMnok: { nb: 'Investering (mill. kr)', en: 'Capex (MNOK)' },
  annualCapitalMnok: { nb: 'Kapitalkostnad per år', en: 'Capital cost a year' },
  opexMnok: { nb: 'Drift per år', en: 'Opex a year' },
  revenueMnok: { nb: 'Inntekt per år', en: 'Revenue a year' },
  parkNetMnok: { nb: 'Netto per år', en: 'Net a year' },
  noPayback: {
    nb: 'Ingen tilbakebetaling: inntektene dekker ikke driften.',
    en: 'No payback: the revenue does not cover the opex.',
  },
  paybackYears: {
    nb: (years: string) => `Tilbakebetalingstid: ${years} år.`,
    en: (years: string) => `Payback: ${years} years.`,
  },
  parkClimate: {
    nb: (products: string, current: string, net: string, nok: string) =>
      `Mot alternativet uten park: produktene sparer ${products} t CO2e i året, strømmene sparte ${current} t i dagens bruk, netto ${net} t. Strømmene tjente ${nok} mill. kr i dagens bruk.`,
    en: (products: string, current: string, net: string, nok: string) =>
      `Against no park: the products save ${products} t CO2e a year, the streams saved ${current} t in their current use, net ${net} t. The streams earned ${nok} MNOK in their current use.`,
  },
  takenFromHigherTitle: { nb: 'Tatt fra høyere bruk', en: 'Taken from higher uses' },
  noneTakenFromHigher: {
    nb: 'Ingen: parken tar ingen strøm som verdipyramiden ville sendt høyere.',
    en: 'None: the park takes no stream the value pyramid would send higher.',
  },
  parkTier: { nb: 'Parkens trinn', en: 'Park’s tier' },
  parkSaved: {
    nb: (id: string, version: number) => `Lagret ${id} som versjon ${version}.`,
    en: (id: string, version: number) => `Saved ${id} as version ${version}.`,
  },
  version: { nb: 'Versjon', en: 'Version' },
  versions: { nb: 'Versjoner', en: 'Versions' },
  saved: { nb: 'Lagret', en: 'Saved' },
  pyramidTier: { nb: 'Pyramidens trinn', en: 'Pyramid’s tier' },
  listingsMade: {
    nb: (made: number, s: { listed: number; below: number; overLimit: number }) =>
      `${made} nye oppføringer; hoppet over: ${s.listed} har allerede en, ${s.below} under minstemengden, ${s.overLimit} over grensen`,
    en: (made: number, s: { listed: number; below: number; overLimit: number }) =>
      `${made} new listings; skipped: ${s.listed} already have one, ${s.below} below the minimum, ${s.overLimit} over the limit`,
  },
} satisfies WordTable;

interface BindingNote {
  /** The sites whose capacity binds, or "–". */
  capacities: string;
  radii: string;
  /** How the distances were measured, in words (the message transport_distances). */
  distances: string;
}

export type CliWord = keyof typeof CLI;
export const CLI_WORDS: typeof CLI = CLI;

/** A word of the CLI in the language: a text, or a function that fills numbers and names in. */
export function t<K extends CliWord>(word: K, lang: Lang): (typeof CLI)[K]['nb'] {
  return CLI[word][lang];
}
