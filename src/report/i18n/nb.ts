/** The report in bokmål: words, headings and the prose templates the numbers are filled into. */
import type { SiteStatus } from '../../domain/allocation/input.ts';
import type { Severity } from '../../domain/audit.ts';
import { fmt } from '../format.ts';

const n = (v: number, digits = 0) => fmt(v, 'nb', digits);

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} og ${items[items.length - 1]}`;

export const nb = {
  reportTitle: (region: string) => `Restråstoff i ${region}`,
  subtitle: 'Kartlegging av restråstoff, aktører og verdiskaping – generert fra åpne data',
  generated: (date: string, profile: string, year: string) =>
    `Generert ${date} med Restverdi · koeffisientprofil ${profile} · statistikkår ${year}`,
  newestYear: 'nyeste tilgjengelige',
  contents: 'Innhold',
  titles: {
    principle: 'Verdipyramiden er en rettesnor',
    region: 'Regionen og kommunene',
    actors: 'Aktøroversikt',
    agriculture: 'Jordbruket i regionen',
    forestry: 'Skogbruket i regionen',
    residues: 'Restråstoffer i regionen',
    sites: 'Drivere i etterspørselen og anlegg',
    value: 'Verdi per strøm i verdipyramiden',
    scenarios: 'Regneeksempler og scenarier',
    allocation: 'Beste fordeling av strømmene',
    audit: 'Kontroll av tallene',
    sources: 'Kilder',
  },
  sheets: {
    principle: 'Verdipyramiden',
    region: 'Kommuner',
    actorsForm: 'Aktører etter form',
    actorsSector: 'Aktører etter sektor',
    agriculture: 'Jordbruksareal',
    livestock: 'Husdyr',
    livestockMunicipality: 'Husdyr per kommune',
    forestry: 'Avvirkning',
    residueTotals: 'Restråstoff sum',
    residues: 'Restråstoff per kommune',
    sites: 'Anlegg',
    value: 'Verdi per strøm',
    scenarios: 'Scenarier',
    allocationSites: 'Fordeling anlegg',
    allocationFlows: 'Fordeling strømmer',
    audit: 'Kontroll',
    datasets: 'Datasett',
    coefficients: 'Koeffisienter',
    prices: 'Priser',
    readme: 'LESMEG',
  },
  readmeTitle: 'Hva arbeidsboken inneholder',
  readmeIntro: (region: string, date: string) =>
    `Regnearket bak rapporten «Restråstoff i ${region}», generert ${date} av Restverdi. Hvert ark er én tabell i rapporten; summene er formler (=SUMMER) så de kan etterprøves. Tomme celler merket «mangler data» er data som mangler, ikke null.`,
  readmeSheet: 'Ark',
  readmeHolds: 'Innhold',
  readmeFrom: 'Kilde',
  principleIntro:
    'Sirkulær økonomi handler om bedre ressursutnyttelse. For bioressurser betyr det å bruke hver strøm så høyt i verdipyramiden som opprinnelse, egenskaper og regelverk tillater: fra energi nederst, via gjødsel, fôr og pharma/kosttilskudd, til mat og produkter øverst. Restverdi regner ut for hver strøm hvilke nivåer som er åpne, hva strømmen er verdt der, og hvor mye verdien løftes fra dagens bruk.',
  pyramidCaption: 'Verdipyramiden, fra energi (nederst) til produkter (øverst).',
  principleExample: (o: {
    kind: string;
    tonnes: number;
    currentTier: string;
    currentNokPerTonne: number;
    bestTier: string;
    bestNok: number;
    upliftNok: number;
  }) =>
    `Rapportens eksempel: ${n(o.tonnes)} tonn ${o.kind.toLowerCase()} i året, tidligere brukt til ${o.currentTier.toLowerCase()} (${n(o.currentNokPerTonne)} kr/tonn). Høyeste åpne nivå er ${o.bestTier.toLowerCase()}, verdt ${n(o.bestNok / 1e6, 1)} MNOK i året – et løft på ${n(o.upliftNok / 1e6, 1)} MNOK.`,
  principleTableTitle: (kind: string, tonnes: number) =>
    `Verdi per nivå for ${n(tonnes)} tonn ${kind.toLowerCase()}`,
  regionIntro: (o: {
    region: string;
    municipalities: number;
    subRegions: string[];
    population: number | null;
  }) =>
    `${o.region} består av ${o.municipalities} kommuner${o.subRegions.length ? ` i ${list(o.subRegions)}` : ''}.${o.population === null ? '' : ` Til sammen bor det ${n(o.population)} mennesker her.`}`,
  regionMapTitle: (region: string) => `Kart over ${region}`,
  regionMapCaption:
    'Kommunene farget etter delregion; tykk strek viser delregionenes yttergrense. Grenser: Kartverket 2024 (forenklet).',
  regionTableTitle: 'Kommunene: folketall og areal',
  actorsIntro: (total: number, municipalities: number, rule: string) =>
    `I Enhetsregisteret er det ${n(total)} enheter i de ${municipalities} kommunene etter rapportens filter (${rule}).`,
  actorsByForm: 'Enheter etter organisasjonsform',
  actorsBySector: 'Enheter etter sektor (NACE) og kommune',
  actorsSourceStore:
    'Enhetsregisteret (Brønnøysundregistrene), importert i Restverdi; NACE → sektor: data/mappings/nace-sectors.json',
  actorsSectorNote:
    'En enhet med næringskoder i flere sektorer telles i hver av dem; sektorsummene kan derfor bli større enn antall enheter.',
  actorsNotImported:
    'Enhetsregisteret er ikke importert i denne databasen (restverdi actors import). Tallene under er rapportens egne, ikke beregnet av Restverdi, og det finnes ingen fordeling per kommune.',
  actorsNone: 'Det finnes ingen aktørtall for denne regionen.',
  actorsSeedIntro: (total: number, municipalities: number) =>
    `Ifølge rapporten er det registrert totalt ${n(total)} organisasjoner (alle organisasjonsformer) i de ${municipalities} kommunene.`,
  seedReportLabel: 'rapportens tall',
  /** The seed report's sub-counts, which are not sectors of data/mappings/nace-sectors.json. */
  seedSectors: {
    jakt_og_viltstell_samvirke: 'Jakt og viltstell: derav samvirker',
    tekstil_utsalg: 'Tekstil: derav utsalg og butikkhandel',
    tekstil_uten_utsalg_og_reparasjon: 'Tekstil uten utsalg og reparasjon',
  } as Record<string, string | undefined>,
  actorsSeedFilter: 'Rapportens utvalg',
  otherForms: 'Andre organisasjonsformer',
  orgForm: 'Organisasjonsform',
  sector: 'Sektor',
  count: 'Antall',
  units: 'enheter',
  allUnits: 'Alle enheter',
  agricultureIntro: (o: {
    variable: string;
    totalDaa: string;
    largest: string;
    national: string | null;
    years: string;
  }) =>
    `Regionen har ${o.totalDaa} dekar ${o.variable} (${o.years}). ${o.largest} er den største kommunen målt i dette arealet.${o.national ? ` Det er ${o.national} av landets areal.` : ''}`,
  agricultureChartCaption: (variable: string) => `${variable} per kommune (daa).`,
  agricultureTableTitle: 'Jordbruksareal per vekst og kommune',
  areasWord: 'jordbruksarealene',
  harvestWord: 'avvirkningen',
  livestockIntro: (years: string) =>
    `Husdyrtallene (søknader om produksjonstilskudd, ${years}) dekker hele landet, så regionens andel av landet kan regnes ut.`,
  livestockTableTitle: 'Husdyr i regionen og regionens andel av landet',
  livestockPerMunicipality: 'Husdyr per kommune',
  animal: 'Dyreslag',
  animalsUnit: 'dyr',
  region: 'Regionen',
  norway: 'Norge',
  shareOfNorway: 'Andel av Norge',
  forestryIntro: (o: {
    totalM3: string;
    topSpecies: string;
    topM3: string;
    largest: string;
    national: string | null;
    years: string;
  }) =>
    `Samlet avvirkning i regionen var ${o.totalM3} m³ (${o.years}), hvorav ${o.topSpecies} utgjør den største andelen med ${o.topM3} m³. ${o.largest} har størst avvirkning samlet.${o.national ? ` Det er ${o.national} av landets avvirkning.` : ''}`,
  forestryChartCaption: 'Avvirkning per treslag og kommune (m³).',
  forestryTableTitle: 'Avvirkning per treslag og kommune',
  harvest: 'Avvirkning',
  noNational: (what: string) =>
    `Dataene har ikke tall for hele landet, så ${what} kan ikke settes i nasjonal sammenheng her.`,
  noData: (what: string) => `Ingen data for «${what}» i denne regionen.`,
  lacking: (names: string[]) => `Mangler data for ${list(names)}: vist som «mangler data», ikke som null.`,
  residuesIntro: (o: {
    total: string;
    kinds: number;
    municipalities: number;
    largest: string;
    largestShare: string;
    p10: string;
    p90: string;
    draws: string;
    seed: number;
    profile: string;
  }) =>
    `Restråstoffene er beregnet per kommune fra statistikk × koeffisienter (profil ${o.profile}). Til sammen gir det ${o.total} tonn våtvekt i året fordelt på ${o.kinds} fraksjoner. ${o.largest} er den største fraksjonen med ${o.largestShare} % av mengden (P10–P90: ${o.p10}–${o.p90} tonn). Usikkerheten er beregnet med ${o.draws} Monte Carlo-trekk over koeffisientenes spenn (frø ${o.seed}).`,
  missingFor: (names: string[], statistics: string) => `${list(names)} (${statistics})`,
  residuesMissing: (items: string[]) =>
    `Mangler statistikk for ${items.join('; ')}: disse restråstoffene er ikke beregnet og står som «mangler data», ikke som null. Summene gjelder kommunene med data.`,
  residuesChartCaption: (draws: string, seed: number) =>
    `Restråstoff per fraksjon (tonn våtvekt i året); streken viser P10–P90 fra ${draws} trekk (frø ${seed}).`,
  residuesMapTitle: 'Restråstoff per kommune',
  residuesMapCaption: 'Sum restråstoff per kommune (tonn våtvekt i året). Skravert: mangler data.',
  residueTotalsTitle: 'Restråstoff per fraksjon med usikkerhet',
  residuesTableTitle: 'Restråstoff per kommune og fraksjon (tonn våtvekt)',
  residueSource: (profile: string, draws: number, seed: number) =>
    `data/coefficients/${profile}.json × statistikk; Monte Carlo ${draws} trekk, frø ${seed}`,
  driversIntro: 'Rapporten peker på disse driverne i etterspørselen etter bioråstoff:',
  noSites: 'Regionen har ingen anlegg i data/sites.',
  sitesIntro: (n: number, assumed: number) =>
    `${n} anlegg er lagt inn for regionen. Sirklene viser transportradien hvert anlegg henter råstoff innenfor.${assumed ? ` For ${assumed} av dem er kapasiteten en antakelse (teknologiens typiske størrelse), fordi kilden ikke oppgir den.` : ''}`,
  sitesMapTitle: 'Anlegg og nedslagsfelt',
  sitesMapCaption: 'Anlegg (punkt) og transportradius (stiplet sirkel), farget etter teknologi.',
  sitesTableTitle: 'Anlegg, teknologi og kapasitet',
  siteStatus: {
    existing: 'eksisterende',
    planned: 'planlagt',
    studied: 'utredet',
    pilot: 'pilot',
    candidate: 'kandidat',
  } satisfies Record<SiteStatus, string>,
  valueIntro: (o: { upliftMnok: string; top: string; topMnok: string }) =>
    `Løftes hver strøm til det høyeste nivået regelverket og teknologibiblioteket tillater, øker verdien med ${o.upliftMnok} MNOK i året sammenlignet med dagens bruk. Størst løft gir ${o.top.toLowerCase()} (${o.topMnok} MNOK). Tallene er før transport og kapasitet; fordelingen lenger ned tar hensyn til begge.`,
  valueChartCaption: 'Løft i verdi per strøm fra dagens bruk til beste rute (MNOK i året).',
  valueTableTitle: 'Verdi per strøm: dagens bruk og beste rute',
  scenariosIntro: (builtin: number, users: number) =>
    `Rapportens ${builtin} regneeksempler er regnet på nytt fra teknologiene og prisene i data/.${users ? ` I tillegg er ${users} ${users === 1 ? 'brukerscenario' : 'brukerscenarier'} fra databasen tatt med.` : ' Databasen har ingen egne brukerscenarier.'}`,
  scenarioSummary: (o: { valueMnok: string; co2e: string; capexMnok: string }) =>
    `Verdi ${o.valueMnok} MNOK i året, ${o.co2e} tonn CO2e unngått, investering ${o.capexMnok} MNOK.`,
  scenarioFailed: 'Scenarier som ikke kunne regnes',
  userScenario: 'brukerscenario',
  userScenariosSource: 'brukerscenarier i databasen',
  scenariosTableTitle: 'Produkter per scenario',
  allocationIntro: (o: {
    status: string;
    valueMnok: string;
    baselineMnok: string;
    upliftMnok: string;
    co2e: string;
    sites: number;
    columns: number;
  }) =>
    `Optimeringen (HiGHS, status ${o.status}, ${o.columns} variabler) fordeler strømmene til anleggene slik at verdien etter transport blir størst innenfor kapasitet, transportradius og regelverk. Resultatet er ${o.valueMnok} MNOK i året mot ${o.baselineMnok} MNOK ved dagens bruk: et løft på ${o.upliftMnok} MNOK og ${o.co2e} tonn CO2e. ${o.sites} anlegg får tilført råstoff.`,
  allocationNotRun: 'Fordelingen kunne ikke beregnes',
  allocationLeftOut: (names: string[]) =>
    `${list(names)} mangler statistikk og er holdt utenfor fordelingen.`,
  sankeyTitle: 'Strømmer fra restråstoff til anlegg',
  sankeyCaption: 'Fordeling av restråstoff (tonn våtvekt i året) til anlegg; resten blir i dagens bruk.',
  notAllocated: 'Dagens bruk',
  allocationSitesTitle: 'Anleggene i beste fordeling',
  allocationFlowsTitle: 'Strømmer per kommune, fraksjon og anlegg',
  allocationSource: (profile: string) =>
    `restverdi optimize (profil ${profile}, mål verdi); data/sites, data/transport.json, data/municipalities/centroids-2024.json`,
  auditIntro: (checked: number, findings: number, errors: number, warnings: number, infos: number) =>
    `Restverdi har regnet ${checked} oppgitte tall på nytt fra sine egne grunnlag. ${findings} stemmer ikke helt: ${errors} feil, ${warnings} advarsler og ${infos} avrundingsforskjeller.`,
  auditClean: 'Alle tall stemmer.',
  auditTableTitle: 'Funn i kontrollen',
  severityName: { error: 'feil', warning: 'advarsel', info: 'info' } satisfies Record<Severity, string>,
  sourcesIntro:
    'Alle tall i rapporten kommer fra datasettene og koeffisientene under. Regnearket har én fane per tabell, og koeffisientene med kilder.',
  datasetsTitle: 'Datasett brukt (tabell, år, kilde)',
  coefficientsTitle: (profile: string) => `Koeffisienter brukt (profil ${profile} og transport)`,
  coefficientsInWorkbook: (n: number) =>
    `${n} koeffisienter er brukt; alle står med kilde i regnearkets fane «Koeffisienter»:`,
  pricesTitle: 'Produktpriser (verdipyramiden og scenariene)',
  otherFiles: 'Andre filer rapporten bygger på:',
  importedStatistics: 'statistikk importert i databasen',
  boundariesSource: 'Kartverket, kommuner 2024, forenklet; CC BY 4.0',
  centroidsSource: 'beregnet fra kommunegrensene',
  calibratedAgainst: 'kalibrert mot',
  variables: {
    'area.anna_eng_og_beite': 'Anna eng og beite',
    'area.fulldyrka_eng': 'Fulldyrka eng',
    'area.eng_til_slatt_og_beite': 'Eng til slått og beite',
    'area.gronnsaker_pa_friland': 'Grønnsaker på friland',
    'area.gronfor_og_silovekstar': 'Grønnfôr og silovekster',
    'area.potet': 'Potet',
    'area.havre': 'Havre',
    'area.bygg': 'Bygg',
    'area.kveite': 'Hvete',
    'area.korn_og_oljevekstar_til_mogning': 'Korn og oljevekster til modning',
    'area.aker_og_hage': 'Åker og hage',
    'area.fulldyrka_jord': 'Fulldyrka jord',
    'area.jordbruksareal_i_drift': 'Jordbruksareal i drift',
    'harvest.total': 'Samlet uttak',
    'harvest.gran': 'Gran',
    'harvest.furu': 'Furu',
    'harvest.lauv': 'Lauv',
    'harvest.ved_til_brensel': 'Ved til brensel',
  } as Record<string, string | undefined>,
  tier: 'Nivå',
  route: 'Rute',
  noRoute: 'ingen tillatt rute',
  value: 'Verdi',
  number: 'Nr.',
  municipality: 'Kommune',
  subRegion: 'Delregion',
  population: 'Folketall',
  persons: 'personer',
  area: 'Areal',
  total: 'Sum',
  missing: 'mangler data',
  residue: 'Restråstoff',
  tonnesWet: 'Tonn våtvekt',
  tonnesDm: 'Tonn TS',
  site: 'Anlegg',
  technology: 'Teknologi',
  status: 'Status',
  capacity: 'Kapasitet',
  tonnesPerYear: 't/år',
  basis: 'Grunnlag',
  radius: 'Radius',
  assumed: 'Antatt kapasitet',
  dmBasis: 'tørrstoff',
  wetBasis: 'våtvekt',
  yes: 'ja',
  no: 'nei',
  currentUse: 'Dagens bruk',
  currentValue: 'Verdi i dag',
  bestTier: 'Beste nivå',
  bestValue: 'Verdi beste rute',
  uplift: 'Løft',
  yearShort: 'år',
  scenario: 'Scenario',
  product: 'Produkt',
  amount: 'Mengde',
  price: 'Pris',
  co2eAvoided: 'CO2e unngått',
  used: 'Tilført',
  shadowPrice: 'Skyggepris',
  from: 'Fra kommune',
  distance: 'Avstand',
  severity: 'Alvor',
  stated: 'Oppgitt',
  computed: 'Beregnet',
  finding: 'Funn',
  title: 'Tittel',
  year: 'År',
  source: 'Kilde',
  licence: 'Lisens',
  name: 'Navn',
  low: 'Lav',
  high: 'Høy',
  unit: 'Enhet',
  distribution: 'Fordeling',
  currency: 'Valuta',
  page: 'Side',
  of: 'av',
};
