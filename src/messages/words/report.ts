/**
 * The report's words, headings and the prose templates its numbers are filled into, in bokmål and English.
 * Bokmål defines the shape; English must match it key for key (the type checks it).
 */
import type { SiteStatus } from '../../domain/allocation/input.ts';
import type { Severity } from '../../domain/audit.ts';
import { formatList, formatNumber, type Lang } from '../format.ts';
import { COMMON } from './common.ts';
import { wordsIn } from './table.ts';

const nbN = (v: number, digits = 0) => formatNumber(v, 'nb', digits);
const enN = (v: number, digits = 0) => formatNumber(v, 'en', digits);
const nbList = (items: string[]) => formatList(items, 'nb');
const enList = (items: string[]) => formatList(items, 'en');

/** The seed report's sub-counts, which are not sectors of data/mappings/nace-sectors.json. */
const NB_SEED_SECTORS = {
  jakt_og_viltstell_samvirke: 'Jakt og viltstell: derav samvirker',
  tekstil_utsalg: 'Tekstil: derav utsalg og butikkhandel',
  tekstil_uten_utsalg_og_reparasjon: 'Tekstil uten utsalg og reparasjon',
};
type SeedSector = keyof typeof NB_SEED_SECTORS;
const EN_SEED_SECTORS: Record<SeedSector, string> = {
  jakt_og_viltstell_samvirke: 'Hunting and game management: of which co-operatives',
  tekstil_utsalg: 'Textiles: of which shops',
  tekstil_uten_utsalg_og_reparasjon: 'Textiles without shops and repair',
};

/** The statistics' names (variables of data/statistics). */
const NB_VARIABLES = {
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
  'harvest.ved': 'Ved og energivirke',
  'delivery.korn.hvete': 'Hvete',
  'delivery.korn.rug': 'Rug',
  'delivery.korn.bygg': 'Bygg',
  'delivery.korn.havre': 'Havre',
  'delivery.korn.rughvete': 'Rughvete',
  'delivery.korn.erter': 'Erter',
  'delivery.korn.oljefro': 'Oljefrø',
  'delivery.korn.total': 'Sum levert',
};
type Variable = keyof typeof NB_VARIABLES;
const EN_VARIABLES: Record<Variable, string> = {
  'area.anna_eng_og_beite': 'Other meadow and pasture',
  'area.fulldyrka_eng': 'Cultivated meadow',
  'area.eng_til_slatt_og_beite': 'Meadow for mowing and grazing',
  'area.gronnsaker_pa_friland': 'Field vegetables',
  'area.gronfor_og_silovekstar': 'Green fodder and silage crops',
  'area.potet': 'Potatoes',
  'area.havre': 'Oats',
  'area.bygg': 'Barley',
  'area.kveite': 'Wheat',
  'area.korn_og_oljevekstar_til_mogning': 'Grain and oilseeds to ripening',
  'area.aker_og_hage': 'Arable land and gardens',
  'area.fulldyrka_jord': 'Fully cultivated land',
  'area.jordbruksareal_i_drift': 'Agricultural area in use',
  'harvest.total': 'Total harvest',
  'harvest.gran': 'Spruce',
  'harvest.furu': 'Pine',
  'harvest.lauv': 'Broadleaves',
  'harvest.ved_til_brensel': 'Firewood',
  'harvest.ved': 'Fuelwood and energy wood',
  'delivery.korn.hvete': 'Wheat',
  'delivery.korn.rug': 'Rye',
  'delivery.korn.bygg': 'Barley',
  'delivery.korn.havre': 'Oats',
  'delivery.korn.rughvete': 'Triticale',
  'delivery.korn.erter': 'Peas',
  'delivery.korn.oljefro': 'Oilseeds',
  'delivery.korn.total': 'Total delivered',
};

const nb = {
  ...wordsIn(COMMON, 'nb'),
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
    catchments: 'Nedslagsfelt og konkurranse om råstoff',
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
    catchments: 'Nedslagsfelt',
    competition: 'Konkurranse om råstoff',
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
    `Rapportens eksempel: ${nbN(o.tonnes)} tonn ${o.kind.toLowerCase()} i året, tidligere brukt til ${o.currentTier.toLowerCase()} (${nbN(o.currentNokPerTonne)} kr/tonn). Høyeste åpne nivå er ${o.bestTier.toLowerCase()}, verdt ${nbN(o.bestNok / 1e6, 1)} MNOK i året – et løft på ${nbN(o.upliftNok / 1e6, 1)} MNOK.`,
  principleTableTitle: (kind: string, tonnes: number) =>
    `Verdi per nivå for ${nbN(tonnes)} tonn ${kind.toLowerCase()}`,
  regionIntro: (o: {
    region: string;
    municipalities: number;
    subRegions: string[];
    population: number | null;
  }) =>
    `${o.region} består av ${o.municipalities} kommuner${o.subRegions.length ? ` i ${nbList(o.subRegions)}` : ''}.${o.population === null ? '' : ` Til sammen bor det ${nbN(o.population)} mennesker her.`}`,
  regionMapTitle: (region: string) => `Kart over ${region}`,
  regionMapCaption:
    'Kommunene farget etter delregion; tykk strek viser delregionenes yttergrense. Grenser: Kartverket 2024 (forenklet).',
  regionTableTitle: 'Kommunene: folketall og areal',
  actorsIntro: (total: number, municipalities: number, rule: string) =>
    `I Enhetsregisteret er det ${nbN(total)} enheter i de ${municipalities} kommunene etter rapportens filter (${rule}).`,
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
    `Ifølge rapporten er det registrert totalt ${nbN(total)} organisasjoner (alle organisasjonsformer) i de ${municipalities} kommunene.`,
  seedReportLabel: 'rapportens tall',
  seedSectors: NB_SEED_SECTORS as Record<string, string | undefined>,
  actorsSeedFilter: 'Rapportens utvalg',
  otherForms: 'Andre organisasjonsformer',
  orgForm: 'Organisasjonsform',
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
  grainIntro: (o: { totalT: string; largest: string; national: string | null; years: string }) =>
    `Kornprodusentene i regionen leverte ${o.totalT} tonn korn, erter og oljefrø til kornkjøpere (${o.years}, Landbruksdirektoratets leveransedata for alle produsenter). ${o.largest} leverte mest.${o.national ? ` Det er ${o.national} av landets leveranser.` : ''} Korn som brukes på gården der det vokste, er ikke med; der kornarealet ikke er kjent, regnes halm og avrens fra disse leveransene.`,
  grainTableTitle: 'Korn levert til kornkjøpere per kornart og kommune',
  grainSheet: 'Korn levert',
  areasOnlyFor: (n: number, of: number) =>
    `Arealene per vekst finnes bare for ${n} av regionens ${of} kommuner (tabellen viser dem); for de andre finnes ingen nasjonal arealfil i dataene.`,
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
  lacking: (names: string[]) => `Mangler data for ${nbList(names)}: vist som «mangler data», ikke som null.`,
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
  missingFor: (names: string[], statistics: string) => `${nbList(names)} (${statistics})`,
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
    `${n} anlegg er lagt inn for regionen. Omrisset rundt hvert anlegg viser vegnettet det når innenfor transportradien, målt langs veg.${assumed ? ` For ${assumed} av dem er kapasiteten en antakelse (teknologiens typiske størrelse), fordi kilden ikke oppgir den.` : ''}`,
  sitesMapTitle: 'Anlegg og nedslagsfelt',
  sitesMapCaption:
    'Anlegg (punkt) og nedslagsfelt langs veg innenfor transportradien (omriss), farget etter teknologi. Vegnett: Kartverket N1000.',
  sitesTableTitle: 'Anlegg, teknologi og kapasitet',
  siteStatus: {
    existing: 'eksisterende',
    planned: 'planlagt',
    studied: 'utredet',
    pilot: 'pilot',
    candidate: 'kandidat',
  } satisfies Record<SiteStatus, string>,
  valueIntro: (o: {
    upliftMnok: string;
    top: string;
    topMnok: string;
    down: number;
    downMnok: string;
    keep: number;
  }) =>
    `Nettoverdi er inntekt minus driftskostnad og investering regnet om til en årlig kostnad. Går hver strøm til den ruten som gir mest nettoverdi uten å flyttes ned i verdipyramiden, øker verdien med ${o.upliftMnok} MNOK i året sammenlignet med dagens bruk. Størst løft gir ${o.top.toLowerCase()} (${o.topMnok} MNOK).${o.down > 0 ? ` ${o.down === 1 ? 'Én strøm' : `${o.down} strømmer`} gir mer ved å flyttes ned i pyramiden (${o.downMnok} MNOK); det er regnet som flytting ned, ikke som løft.` : ''}${o.keep > 0 ? ` For ${o.keep === 1 ? 'én strøm' : `${o.keep} strømmer`} slår ingen rute dagens bruk.` : ''} Tallene er før transport og kapasitet; fordelingen lenger ned tar hensyn til begge.`,
  valueChartCaption:
    'Løft i nettoverdi per strøm fra dagens bruk til beste rute uten flytting ned (MNOK i året).',
  directionUp: 'opp',
  directionLevel: 'samme nivå',
  directionDown: 'ned',
  directionKeep: 'dagens bruk beholdes',
  direction: 'Retning',
  bestGross: 'Inntekt beste rute',
  change: 'Endring',
  valueTableTitle: 'Verdi per strøm: dagens bruk og beste rute',
  scenariosIntro: (builtin: number, users: number) =>
    `Rapportens ${builtin} regneeksempler regnes to ganger: slik rapporten oppgir dem, med dens egne utbytter, priser og faktorer, og bare med bibliotekets tall i data/ for de samme råstoffene og trinnene. For hvert eksempel viser en tabell begge tallene linje for linje og hvilket oppgitt tall som gir forskjellen, og råstoffet sjekkes mot regionens anslag.${users ? ` I tillegg er ${users} ${users === 1 ? 'brukerscenario' : 'brukerscenarier'} fra databasen tatt med.` : ' Databasen har ingen egne brukerscenarier.'}`,
  scenarioSummary: (o: { valueMnok: string; co2e: string; capexMnok: string }) =>
    `Verdi ${o.valueMnok} MNOK i året, ${o.co2e} tonn CO2e unngått, investering ${o.capexMnok} MNOK.`,
  scenarioFailed: 'Scenarier som ikke kunne regnes',
  userScenario: 'brukerscenario',
  userScenariosSource: 'brukerscenarier i databasen',
  scenariosTableTitle: 'Produkter per scenario',
  twiceTitle: 'som oppgitt og fra biblioteket',
  twiceSheet: 'Regnet dobbelt',
  twiceSource: 'data/scenarios/*.json mot bibliotekets teknologier og produkter i data/',
  twiceLine: 'Linje',
  twiceAsStated: 'Som oppgitt',
  twiceFromLibrary: 'Fra biblioteket',
  twiceDifference: 'Forskjell',
  twiceCauses: 'Årsak [nr.] og virkning',
  twiceOverrides: 'Tall eksempelet oppgir i stedet for bibliotekets',
  twiceNoOverrides: 'Eksempelet bruker bibliotekets tall overalt, så begge regnestykkene er like.',
  twiceLibraryFailed: 'Med bibliotekets tall kan eksempelet ikke regnes',
  twiceFeed: 'Råstoffet mot regionens anslag',
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
  catchmentsIntro:
    'Nedslagsfeltet til et anlegg er vegnettet innenfor transportradien, målt langs veg fra anlegget på Kartverkets vegnett N1000. For hver kommune viser tabellen hvor stor andel av kommunens veger anlegget når, og vegavstanden fra kommunens tettsted. Der anlegg som tar imot samme råstoff, når de samme vegene, konkurrerer de om det som ligger der; hvem som får det, er svaret fra fordelingen over.',
  catchmentsTableTitle: 'Nedslagsfelt langs veg per anlegg',
  catchmentsReached: 'Kommuner nådd (andel av vegene, vegkm fra tettstedet)',
  catchmentsTonnes: 'Råstoff i feltet',
  catchmentsInflow: 'Tilført ved optimum',
  catchmentsSource:
    'Vegavstand på Kartverkets N1000 (© Kartverket, CC BY 4.0); tilgang fra restråstoffanslaget',
  competitionTableTitle: 'Konkurranse der nedslagsfeltene overlapper',
  competitionSites: 'Anlegg',
  competitionShared: 'Kommuner begge når (andel av vegene)',
  contested: 'Omstridt',
  gets: (site: string) => `${site} får`,
  shadowPrices: 'Skyggepris (NOK per tonn kapasitet)',
  noCompetition: 'Ingen anlegg som tar imot samme råstoff, har overlappende nedslagsfelt.',
  competitionSummary: (o: {
    a: string;
    b: string;
    kinds: string;
    tonnes: string;
    winner: string;
    got: string;
    nobody: boolean;
  }) =>
    `Mest omstridt er ${o.kinds} mellom ${o.a} og ${o.b}: ${o.tonnes} tonn i året ligger der begge når. ${o.nobody ? 'Ved optimum får ingen av dem noe av det: etter transport lønner dagens bruk seg bedre, eller anleggene fylles med annet råstoff.' : `Ved optimum får ${o.winner} mest av det (${o.got} tonn).`}`,
  competitionNote:
    'Omstridt: tilgangen i kommunene begge når, ganger andelen av kommunens veger begge når. «Får» er den delen av det omstridte råstoffet fordelingen sender til hvert anlegg (det som sendes fra en kommune, ganger andelen begge når). Skyggeprisen er hva ett tonn mer kapasitet i året ville gitt; 0 betyr ledig kapasitet, og da har det andre anlegget fått resten fordi det betaler mer etter transport.',
  unservedLine: (list: string) => `Råstoff ingen av anleggene tar imot ved optimum: ${list}.`,
  catchmentsMethod:
    'Avstandene er vegkilometer fra der råstoffet ligger: tettstedet for matavfall og slam, jordbruksbygdene for husdyrgjødsel og halm, skogsvegene for trevirke, ut fra vegnettet selv. Innsamling innad i kommunen regnes med, så transport innad i en kommune er aldri null; ferjer har egen takst og tid.',
  allocationNotRun: 'Fordelingen kunne ikke beregnes',
  uncertaintyTitle: 'Usikkerhet i kroner og CO2e',
  uncertaintySheet: 'Usikkerhet NOK og CO2e',
  uncertaintyIntro: (draws: number, seed: number) =>
    `Hvert av ${nbN(draws)} trekk (frø ${seed}) tar alle tallene fra spennene sine samtidig: restråstoffkoeffisienter, utbytter (massebalansen holdes lukket), investering, drift, priser, klimafaktorer, markedsstørrelser, verdien av dagens bruk og transport. Fordelingen regnes med optimumets strømmer holdt faste, scenarioene som de står. P10 og P90 er verdiene ni av ti trekk ligger over og under.`,
  uncertaintyWhat: 'Størrelse',
  uncertaintyCentral: 'Sentralt',
  uncertaintyAllocation: 'Beste fordeling (strømmene holdt faste)',
  uncertaintyNet: 'Netto verdi',
  uncertaintyCo2e: 'CO2e spart',
  uncertaintySource: 'Monte Carlo over spennene i data/ (src/domain/value-uncertainty.ts)',
  tornadoCaption:
    'Det som flytter fordelingens netto verdi mest: hvert tall for seg satt til lav og høy verdi, alle andre i midten (MNOK per år)',
  tornadoLow: 'ved lav verdi',
  tornadoHigh: 'ved høy verdi',
  allocationLeftOut: (names: string[]) =>
    `${nbList(names)} mangler statistikk og er holdt utenfor fordelingen.`,
  sankeyTitle: 'Strømmer fra restråstoff til anlegg',
  sankeyCaption: 'Fordeling av restråstoff (tonn våtvekt i året) til anlegg; resten blir i dagens bruk.',
  notAllocated: 'Dagens bruk',
  allocationSitesTitle: 'Anleggene i beste fordeling',
  allocationFlowsTitle: 'Strømmer per kommune, fraksjon og anlegg',
  allocationSource: (profile: string) =>
    `restverdi optimize (profil ${profile}, mål verdi); data/sites, data/transport.json, data/municipalities/centroids-2024.json`,
  auditIntro: (checked: number, findings: number, errors: number, warnings: number, infos: number) =>
    `Restverdi har regnet ${checked} oppgitte tall på nytt fra sine egne grunnlag. ${findings} gir funn: ${errors} feil, ${warnings} advarsler og ${infos} merknader (avrunding, lesemåter som passer, og kontroller som bare ville sammenlignet rapporten med seg selv).`,
  auditClean: 'Alle tall stemmer.',
  auditTableTitle: 'Funn i kontrollen',
  nationalAuditIntro:
    'Litteraturprofilen regner ut restråstoffene for hver kommune i landet. Summert for Norge er de satt ved siden av tall andre har publisert for hele landet; tabellen sier hva hvert tall dekker, hvor langt fra det vårt anslag ligger, og hvorfor anslaget og tallet kan skille seg.',
  nationalAuditTitle: 'Norge i alt mot publiserte nasjonale tall',
  nationalAuditSheet: 'Nasjonal kontroll',
  nationalFigure: 'Publisert tall',
  nationalPublished: 'Publisert',
  nationalYear: 'År',
  nationalOurs: 'Vårt anslag',
  nationalDifference: 'Avvik',
  nationalVerdict: 'Vurdering',
  nationalCauses: 'Hva som skiller',
  nationalSource: 'Kilde',
  nationalCollected: (arising: string, rate: string, implied: string) =>
    `Vårt anslag er ${arising} tonn som oppstår × utsorteringsgraden ${rate} %; publisert innsamlet mengde svarer til ${implied} % av det som oppstår.`,
  severityName: { error: 'feil', warning: 'advarsel', info: 'merknad' } satisfies Record<Severity, string>,
  auditStatedIn: 'Står i',
  auditRangeSource: 'Spennets kilde',
  auditId: 'Id (for programmer)',
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
  variables: NB_VARIABLES as Record<string, string | undefined>,
  tier: 'Nivå',
  route: 'Rute',
  noRoute: 'ingen tillatt rute',
  placeholderRoute: 'plassholder: utbytter uten kilde',
  marketLimited: (tonnes: number) => `markedet tar bare ${nbN(tonnes)} t`,
  number: 'Nr.',
  population: 'Folketall',
  persons: 'personer',
  area: 'Areal',
  missing: 'mangler data',
  residue: COMMON.kind.nb,
  site: 'Anlegg',
  capacity: 'Kapasitet',
  basis: 'Grunnlag',
  radius: 'Radius',
  assumed: 'Antatt kapasitet',
  dmBasis: 'tørrstoff',
  wetBasis: 'våtvekt',
  yes: 'ja',
  no: 'nei',
  currentValue: 'Verdi i dag',
  bestTier: 'Beste nivå',
  bestValue: 'Nettoverdi beste rute',
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
  title: 'Tittel',
  licence: 'Lisens',
  low: 'Lav',
  high: 'Høy',
  distribution: 'Fordeling',
  currency: 'Valuta',
  page: 'Side',
};

export type ReportWords = typeof nb;

const en: ReportWords = {
  ...wordsIn(COMMON, 'en'),
  reportTitle: (region) => `Residual raw materials in ${region}`,
  subtitle: 'A mapping of residual raw materials, actors and value creation – generated from open data',
  generated: (date, profile, year) =>
    `Generated ${date} by Restverdi · coefficient profile ${profile} · statistics year ${year}`,
  newestYear: 'newest available',
  contents: 'Contents',
  titles: {
    principle: 'The value pyramid as a guide',
    region: 'The region and its municipalities',
    actors: 'Actor overview',
    agriculture: 'Agriculture in the region',
    forestry: 'Forestry in the region',
    residues: 'Residual raw materials in the region',
    sites: 'Demand drivers and sites',
    value: 'Value per stream on the pyramid',
    scenarios: 'Worked examples and scenarios',
    allocation: 'Best allocation of the streams',
    catchments: 'Catchments and competition for feedstock',
    audit: 'Checking the figures',
    sources: 'Sources',
  },
  sheets: {
    principle: 'Value pyramid',
    region: 'Municipalities',
    actorsForm: 'Actors by form',
    actorsSector: 'Actors by sector',
    agriculture: 'Farmland',
    livestock: 'Livestock',
    livestockMunicipality: 'Livestock by municipality',
    forestry: 'Harvest',
    residueTotals: 'Residues total',
    residues: 'Residues by municipality',
    sites: 'Sites',
    catchments: 'Catchments',
    competition: 'Competition for feedstock',
    value: 'Value per stream',
    scenarios: 'Scenarios',
    allocationSites: 'Allocation sites',
    allocationFlows: 'Allocation flows',
    audit: 'Audit',
    datasets: 'Datasets',
    coefficients: 'Coefficients',
    prices: 'Prices',
    readme: 'README',
  },
  readmeTitle: 'What the workbook holds',
  readmeIntro: (region, date) =>
    `The spreadsheet behind the report "Residual raw materials in ${region}", generated ${date} by Restverdi. Each sheet is one table of the report; totals are formulas (=SUM) so they can be checked. Cells marked "no data" are missing data, not zero.`,
  readmeSheet: 'Sheet',
  readmeHolds: 'Holds',
  readmeFrom: 'Source',
  principleIntro:
    'A circular economy is about using resources better. For bio-resources that means using each stream as high in the value pyramid as its origin, properties and regulation allow: from energy at the bottom, through fertiliser, feed and pharma/supplements, to food and products at the top. Restverdi works out for each stream which tiers are open, what the stream is worth there, and how much its value rises over today’s use.',
  pyramidCaption: 'The value pyramid, from energy (bottom) to products (top).',
  principleExample: (o) =>
    `The report’s example: ${enN(o.tonnes)} tonnes a year of ${o.kind.toLowerCase()}, used before for ${o.currentTier.toLowerCase()} (${enN(o.currentNokPerTonne)} NOK/t). The highest open tier is ${o.bestTier.toLowerCase()}, worth ${enN(o.bestNok / 1e6, 1)} MNOK a year – an uplift of ${enN(o.upliftNok / 1e6, 1)} MNOK.`,
  principleTableTitle: (kind, tonnes) => `Value per tier of ${enN(tonnes)} tonnes of ${kind.toLowerCase()}`,
  regionIntro: (o) =>
    `${o.region} consists of ${o.municipalities} municipalities${o.subRegions.length ? ` in ${enList(o.subRegions)}` : ''}.${o.population === null ? '' : ` Together they have ${enN(o.population)} inhabitants.`}`,
  regionMapTitle: (region) => `Map of ${region}`,
  regionMapCaption:
    'Municipalities coloured by sub-region; the thick line is each sub-region’s outline. Boundaries: Kartverket 2024 (simplified).',
  regionTableTitle: 'The municipalities: population and area',
  actorsIntro: (total, municipalities, rule) =>
    `Enhetsregisteret holds ${enN(total)} units in the ${municipalities} municipalities under the report’s filter (${rule}).`,
  actorsByForm: 'Units by organisation form',
  actorsBySector: 'Units by sector (NACE) and municipality',
  actorsSourceStore:
    'Enhetsregisteret (Brønnøysund Register Centre), imported into Restverdi; NACE → sector: data/mappings/nace-sectors.json',
  actorsSectorNote:
    'A unit with industry codes in several sectors counts in each; sector totals can therefore exceed the number of units.',
  actorsNotImported:
    'Enhetsregisteret has not been imported into this database (restverdi actors import). The counts below are the report’s own, not computed by Restverdi, and there is no breakdown by municipality.',
  actorsNone: 'There are no actor counts for this region.',
  actorsSeedIntro: (total, municipalities) =>
    `According to the report, ${enN(total)} organisations (all forms) are registered in the ${municipalities} municipalities.`,
  seedReportLabel: 'the report’s figures',
  seedSectors: EN_SEED_SECTORS,
  actorsSeedFilter: 'The report’s selection',
  otherForms: 'Other organisation forms',
  orgForm: 'Organisation form',
  count: 'Count',
  units: 'units',
  allUnits: 'All units',
  agricultureIntro: (o) =>
    `The region has ${o.totalDaa} decares of ${o.variable} (${o.years}). ${o.largest} is the largest municipality by this area.${o.national ? ` That is ${o.national} of the national area.` : ''}`,
  agricultureChartCaption: (variable) => `${variable} per municipality (daa).`,
  agricultureTableTitle: 'Farmland per crop and municipality',
  grainIntro: (o) =>
    `The region's grain producers delivered ${o.totalT} tonnes of grain, peas and oilseeds to grain buyers (${o.years}, Landbruksdirektoratet's delivery data for every producer). ${o.largest} delivered the most.${o.national ? ` That is ${o.national} of Norway's deliveries.` : ''} Grain used on the farm where it grew is not included; where the grain area is not known, straw and cleanings are estimated from these deliveries.`,
  grainTableTitle: 'Grain delivered to grain buyers per grain and municipality',
  grainSheet: 'Grain delivered',
  areasOnlyFor: (n, of) =>
    `Areas per crop exist for only ${n} of the region's ${of} municipalities (the table shows them); for the others the data hold no national area file.`,
  areasWord: 'the farmland areas',
  harvestWord: 'the harvest',
  livestockIntro: (years) =>
    `The livestock counts (applications for production subsidies, ${years}) cover the whole country, so the region’s share of Norway can be computed.`,
  livestockTableTitle: 'Livestock in the region and its share of Norway',
  livestockPerMunicipality: 'Livestock per municipality',
  animal: 'Animal',
  animalsUnit: 'animals',
  region: 'Region',
  norway: 'Norway',
  shareOfNorway: 'Share of Norway',
  forestryIntro: (o) =>
    `The region harvested ${o.totalM3} m³ in all (${o.years}), of which ${o.topSpecies} is the largest part with ${o.topM3} m³. ${o.largest} harvests the most.${o.national ? ` That is ${o.national} of Norway’s harvest.` : ''}`,
  forestryChartCaption: 'Harvest per species and municipality (m³).',
  forestryTableTitle: 'Harvest per species and municipality',
  harvest: 'Harvest',
  noNational: (what) =>
    `The data have no figures for the whole country, so ${what} cannot be put in national context here.`,
  noData: (what) => `No data for "${what}" in this region.`,
  lacking: (names) => `No data for ${enList(names)}: shown as "no data", not as zero.`,
  residuesIntro: (o) =>
    `Residues are estimated per municipality as statistics × coefficients (profile ${o.profile}). In all, ${o.total} tonnes wet a year in ${o.kinds} kinds. ${o.largest} is the largest with ${o.largestShare} % of the mass (P10–P90: ${o.p10}–${o.p90} tonnes). The uncertainty comes from ${o.draws} Monte Carlo draws over the coefficients’ ranges (seed ${o.seed}).`,
  missingFor: (names, statistics) => `${enList(names)} (${statistics})`,
  residuesMissing: (items) =>
    `No statistics for ${items.join('; ')}: these residues are not estimated and show as "no data", not as zero. Totals cover the municipalities with data.`,
  residuesChartCaption: (draws, seed) =>
    `Residues per kind (tonnes wet a year); the line shows P10–P90 from ${draws} draws (seed ${seed}).`,
  residuesMapTitle: 'Residues per municipality',
  residuesMapCaption: 'Total residues per municipality (tonnes wet a year). Hatched: no data.',
  residueTotalsTitle: 'Residues per kind with uncertainty',
  residuesTableTitle: 'Residues per municipality and kind (tonnes wet)',
  residueSource: (profile, draws, seed) =>
    `data/coefficients/${profile}.json × statistics; Monte Carlo ${draws} draws, seed ${seed}`,
  driversIntro: 'The report names these drivers of demand for bio-based raw materials:',
  noSites: 'The region has no sites in data/sites.',
  sitesIntro: (count, assumed) =>
    `${count} sites are recorded for the region. The outline around each site shows the road network it reaches within its transport radius, measured along the roads.${assumed ? ` For ${assumed} of them the capacity is an assumption (the technology’s typical size), as the source gives none.` : ''}`,
  sitesMapTitle: 'Sites and catchments',
  sitesMapCaption:
    'Sites (dots) and their catchments by road within the transport radius (outline), coloured by technology. Road network: Kartverket N1000.',
  sitesTableTitle: 'Sites, technology and capacity',
  siteStatus: {
    existing: 'existing',
    planned: 'planned',
    studied: 'studied',
    pilot: 'pilot',
    candidate: 'candidate',
  },
  valueIntro: (o) =>
    `Net value is revenue less operating cost and investment as a yearly cost. Sending each stream to the route of the highest net value that does not move it down the value pyramid raises its value by ${o.upliftMnok} MNOK a year over today’s use. The largest uplift comes from ${o.top.toLowerCase()} (${o.topMnok} MNOK).${o.down > 0 ? ` ${o.down === 1 ? 'One stream earns' : `${o.down} streams earn`} more by moving down the pyramid (${o.downMnok} MNOK); that is counted as a move down, not as an uplift.` : ''}${o.keep > 0 ? ` For ${o.keep === 1 ? 'one stream' : `${o.keep} streams`} no route beats today’s use.` : ''} These figures are before transport and capacity; the allocation below counts both.`,
  valueChartCaption:
    'Uplift in net value per stream from today’s use to the best route that does not move it down (MNOK a year).',
  directionUp: 'up',
  directionLevel: 'same tier',
  directionDown: 'down',
  directionKeep: 'today’s use kept',
  direction: 'Direction',
  bestGross: 'Revenue of best route',
  change: 'Change',
  valueTableTitle: 'Value per stream: today’s use and the best route',
  scenariosIntro: (builtin, users) =>
    `The report’s ${builtin} worked examples are computed twice: as the report states them, with its own yields, prices and factors, and with the library’s figures in data/ alone for the same feeds and steps. For each example a table gives both figures line by line and which stated figure makes the difference, and the feed is checked against the region’s estimate.${users ? ` ${users} user ${users === 1 ? 'scenario' : 'scenarios'} from the database ${users === 1 ? 'is' : 'are'} included as well.` : ' The database holds no user scenarios.'}`,
  scenarioSummary: (o) =>
    `Value ${o.valueMnok} MNOK a year, ${o.co2e} tonnes CO2e avoided, investment ${o.capexMnok} MNOK.`,
  scenarioFailed: 'Scenarios that could not be computed',
  userScenario: 'user scenario',
  userScenariosSource: 'user scenarios in the database',
  scenariosTableTitle: 'Products per scenario',
  twiceTitle: 'as stated and from the library',
  twiceSheet: 'Twice',
  twiceSource: 'data/scenarios/*.json against the library’s technologies and products in data/',
  twiceLine: 'Line',
  twiceAsStated: 'As stated',
  twiceFromLibrary: 'From the library',
  twiceDifference: 'Difference',
  twiceCauses: 'Cause [no.] and effect',
  twiceOverrides: 'Figures the example states instead of the library’s',
  twiceNoOverrides: 'The example uses the library’s figures throughout, so both computations agree.',
  twiceLibraryFailed: 'With the library’s figures the example cannot be computed',
  twiceFeed: 'The feed against the region’s estimate',
  allocationIntro: (o) =>
    `The optimiser (HiGHS, status ${o.status}, ${o.columns} variables) allocates the streams to sites for the most value after transport, within capacity, transport radius and regulation. The result is ${o.valueMnok} MNOK a year against ${o.baselineMnok} MNOK in today’s use: an uplift of ${o.upliftMnok} MNOK and ${o.co2e} tonnes CO2e. ${o.sites} sites receive feedstock.`,
  catchmentsIntro:
    'A site’s catchment is the road network within its transport radius, measured along the roads from the site on Kartverket’s N1000 network. For each municipality the table shows the share of its roads the site reaches and the road distance from its town. Where two sites that take the same feedstock reach the same roads, they compete for what lies there; who gets it is the answer of the allocation above.',
  catchmentsTableTitle: 'Catchments by road per site',
  catchmentsReached: 'Municipalities reached (share of the roads, road km from the town)',
  catchmentsTonnes: 'Feedstock in the catchment',
  catchmentsInflow: 'Inflow at the optimum',
  catchmentsSource:
    'Road distance on Kartverket’s N1000 (© Kartverket, CC BY 4.0); supply from the residue estimate',
  competitionTableTitle: 'Competition where catchments overlap',
  competitionSites: 'Sites',
  competitionShared: 'Municipalities both reach (share of the roads)',
  contested: 'Contested',
  gets: (site) => `${site} gets`,
  shadowPrices: 'Shadow price (NOK per tonne of capacity)',
  noCompetition: 'No sites that take the same feedstock have overlapping catchments.',
  competitionSummary: (o) =>
    `Most contested are ${o.kinds} between ${o.a} and ${o.b}: ${o.tonnes} tonnes a year lie where both reach. ${o.nobody ? 'At the optimum neither gets any of it: after transport the current use pays more, or the sites fill with other feedstock.' : `At the optimum ${o.winner} gets most of it (${o.got} tonnes).`}`,
  competitionNote:
    'Contested: the supply in the municipalities both reach, times the share of the municipality’s roads both reach. "Gets" is the part of the contested feedstock the allocation sends to each site (what it sends from a municipality, times the share both reach). The shadow price is what one more tonne of annual capacity would add; 0 means spare capacity, and then the other site got the rest because it pays more after transport.',
  unservedLine: (list) => `Feedstock no site takes at the optimum: ${list}.`,
  catchmentsMethod:
    'Distances are road kilometres from where the feedstock lies: the town for food waste and sludge, the farmed valleys for manure and straw, the forest roads for wood, read from the road network itself. Gathering inside the municipality is counted, so transport within a municipality is never zero; ferries have a fare and a time of their own.',
  allocationNotRun: 'The allocation could not be computed',
  uncertaintyTitle: 'Uncertainty in NOK and CO2e',
  uncertaintySheet: 'Uncertainty NOK and CO2e',
  uncertaintyIntro: (draws: number, seed: number) =>
    `Each of ${enN(draws)} draws (seed ${seed}) takes every number from its range at once: residue coefficients, yields (the mass balance kept closed), capex, opex, prices, climate factors, market sizes, the value of the current use and transport. The allocation is valued with the optimum's flows held fixed, the scenarios as they stand. P10 and P90 are the values nine in ten draws lie above and below.`,
  uncertaintyWhat: 'Quantity',
  uncertaintyCentral: 'Central',
  uncertaintyAllocation: 'Best allocation (flows held fixed)',
  uncertaintyNet: 'Net value',
  uncertaintyCo2e: 'CO2e saved',
  uncertaintySource: 'Monte Carlo over the ranges in data/ (src/domain/value-uncertainty.ts)',
  tornadoCaption:
    "What moves the allocation's net value most: each number on its own at its low and its high, every other at its value (MNOK a year)",
  tornadoLow: 'at low',
  tornadoHigh: 'at high',
  allocationLeftOut: (names) => `${enList(names)} lack statistics and are left out of the allocation.`,
  sankeyTitle: 'Flows from residues to sites',
  sankeyCaption: 'Allocation of residues (tonnes wet a year) to sites; the rest stays in today’s use.',
  notAllocated: 'Today’s use',
  allocationSitesTitle: 'Sites in the best allocation',
  allocationFlowsTitle: 'Flows per municipality, kind and site',
  allocationSource: (profile) =>
    `restverdi optimize (profile ${profile}, objective value); data/sites, data/transport.json, data/municipalities/centroids-2024.json`,
  auditIntro: (checked, findings, errors, warnings, infos) =>
    `Restverdi recomputed ${checked} stated figures from their own inputs. ${findings} give findings: ${errors} errors, ${warnings} warnings and ${infos} notes (rounding, readings that fit, and checks that would only compare the report with itself).`,
  auditClean: 'Every figure agrees.',
  auditTableTitle: 'Findings of the audit',
  nationalAuditIntro:
    'The literature profile estimates the residues of every municipality in the country. Summed for Norway they are set beside figures others have published for the whole country; the table says what each figure covers, how far our estimate lies from it, and why the two may differ.',
  nationalAuditTitle: 'Norway in total against published national figures',
  nationalAuditSheet: 'National check',
  nationalFigure: 'Published figure',
  nationalPublished: 'Published',
  nationalYear: 'Year',
  nationalOurs: 'Our estimate',
  nationalDifference: 'Difference',
  nationalVerdict: 'Verdict',
  nationalCauses: 'What differs',
  nationalSource: 'Source',
  nationalCollected: (arising, rate, implied) =>
    `Our estimate is ${arising} t arising × the capture rate of ${rate} %; the published amount collected is ${implied} % of what arises.`,
  severityName: { error: 'error', warning: 'warning', info: 'note' },
  auditStatedIn: 'Stated in',
  auditRangeSource: 'Source of the range',
  auditId: 'Id (for programs)',
  sourcesIntro:
    'Every figure in the report comes from the datasets and coefficients below. The workbook has one sheet per table, and the coefficients with their sources.',
  datasetsTitle: 'Datasets used (table, year, source)',
  coefficientsTitle: (profile) => `Coefficients used (profile ${profile} and transport)`,
  coefficientsInWorkbook: (count) =>
    `${count} coefficients are used; all are listed with their sources in the workbook’s "Coefficients" sheet:`,
  pricesTitle: 'Product prices (value pyramid and scenarios)',
  otherFiles: 'Other files the report draws on:',
  importedStatistics: 'statistics imported into the database',
  boundariesSource: 'Kartverket, municipalities 2024, simplified; CC BY 4.0',
  centroidsSource: 'computed from the municipality boundaries',
  calibratedAgainst: 'calibrated against',
  variables: EN_VARIABLES,
  tier: 'Tier',
  route: 'Route',
  noRoute: 'no permitted route',
  placeholderRoute: 'placeholder: unsourced yields',
  marketLimited: (tonnes: number) => `the market takes only ${enN(tonnes)} t`,
  number: 'No.',
  population: 'Population',
  persons: 'persons',
  area: 'Area',
  missing: 'no data',
  residue: COMMON.kind.en,
  site: 'Site',
  capacity: 'Capacity',
  basis: 'Basis',
  radius: 'Radius',
  assumed: 'Assumed capacity',
  dmBasis: 'dry matter',
  wetBasis: 'wet',
  yes: 'yes',
  no: 'no',
  currentValue: 'Value today',
  bestTier: 'Best tier',
  bestValue: 'Net value of best route',
  uplift: 'Uplift',
  yearShort: 'yr',
  scenario: 'Scenario',
  product: 'Product',
  amount: 'Amount',
  price: 'Price',
  co2eAvoided: 'CO2e avoided',
  used: 'Received',
  shadowPrice: 'Shadow price',
  from: 'From municipality',
  distance: 'Distance',
  title: 'Title',
  licence: 'Licence',
  low: 'Low',
  high: 'High',
  distribution: 'Distribution',
  currency: 'Currency',
  page: 'Page',
};

export const REPORT_WORDS: Record<Lang, ReportWords> = { nb, en };
