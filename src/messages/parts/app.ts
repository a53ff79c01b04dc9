/** The catalogue's part for the codes of src/domain/messages/app.ts, in bokmål and English. */

import type { CountUnits, RemovedGroup } from '../../domain/actors.ts';
import type { AppMessageParams } from '../../domain/messages/app.ts';
import { PARK_QUANTITY_NAMES, type ParkQuantity } from '../../domain/parks.ts';
import type { ComparisonLineKind } from '../../domain/scenario-comparison.ts';
import type { Basis } from '../../domain/technologies.ts';
import type { Lang } from '../format.ts';
import type { CataloguePart, Say } from '../template.ts';

/** How a basis reads after "in" (tonnes wet or dry matter). */
const BASIS: Record<Basis, Record<Lang, string>> = {
  wet: { nb: 'våtvekt', en: 'wet weight' },
  dm: { nb: 'tørrstoff', en: 'dry matter' },
};
const OTHER: Record<Basis, Basis> = { wet: 'dm', dm: 'wet' };
/** "tonn TS" / "t DM", and yields "t per t TS" / "t per t DM". */
const TONNES: Record<Basis, Record<Lang, string>> = {
  dm: { nb: 'tonn TS', en: 't DM' },
  wet: { nb: 'tonn våtvekt', en: 't wet' },
};
const PER_TONNE: Record<Basis, Record<Lang, string>> = {
  dm: { nb: 't per t TS', en: 't per t DM' },
  wet: { nb: 't per t våtvekt', en: 't per t wet' },
};
/** A name from the data inside a sentence: "Biokull" reads "biokull"; "GROT" or "CO2" keep their case. */
const inText = (name: string) =>
  /^\p{Lu}\p{Ll}/u.test(name) ? name[0]?.toLowerCase() + name.slice(1) : name;
/** "(biblioteket 0,3; 0,2–0,35)", and whether the stated value lies outside the library's range. */
function fromLibrary(
  r: { value: number; library: number; low: number; high: number },
  s: Say,
  lang: Lang,
): string {
  const range = r.low === r.high ? '' : `; ${s.fig(r.low)}–${s.fig(r.high)}`;
  const outside = r.value < r.low - 1e-9 * Math.abs(r.low) || r.value > r.high + 1e-9 * Math.abs(r.high);
  return lang === 'nb'
    ? `(biblioteket ${s.fig(r.library)}${range}${outside ? ', utenfor intervallet' : ''})`
    : `(library ${s.fig(r.library)}${range}${outside ? ', outside its range' : ''})`;
}
/** The lines of a scenario run twice ({} is the product's name). */
const LINES: Record<Exclude<ComparisonLineKind, 'feed'>, Record<Lang, string>> = {
  'product-tonnes': { nb: '{}: mengde', en: '{}: amount' },
  'product-value': { nb: '{}: verdi', en: '{}: value' },
  'product-co2e': { nb: '{}: CO2e unngått', en: '{}: CO2e avoided' },
  revenue: { nb: 'Inntekter', en: 'Revenue' },
  opex: { nb: 'Driftskostnader', en: 'Operating cost' },
  capex: { nb: 'Investering', en: 'Capex' },
  capital: { nb: 'Investering som årlig kostnad', en: 'Capex as a yearly cost' },
  net: { nb: 'Nettoverdi per år', en: 'Net value a year' },
  co2e: { nb: 'CO2e unngått i alt', en: 'CO2e avoided in all' },
};

const none = { nb: '(ingen)', en: '(none)' };

const STAGE_NAMES: Record<string, Record<Lang, string>> = {
  identified: { nb: 'identifisert', en: 'identified' },
  contacted: { nb: 'kontaktet', en: 'contacted' },
  qualified: { nb: 'kvalifisert', en: 'qualified' },
  trial: { nb: 'under utprøving', en: 'on trial' },
  contract: { nb: 'avtalt', en: 'under contract' },
  realised: { nb: 'gjennomført', en: 'realised' },
  rejected: { nb: 'avvist', en: 'rejected' },
  stalled: { nb: 'stoppet opp', en: 'stalled' },
};
const stageName = (stage: string, lang: Lang) => STAGE_NAMES[stage]?.[lang] ?? stage;

/** A park's quantity in words, with its id (the key in a park file). */
const quantityName = (q: string, lang: Lang) =>
  `${PARK_QUANTITY_NAMES[q as ParkQuantity]?.[lang] ?? q} (${q})`;

/** What an actor summary counts (the register's own terms in parentheses). */
const COUNTED_UNITS: Record<CountUnits, Record<Lang, string>> = {
  all: {
    nb: 'enheter på forretningsadressen og underenheter på beliggenhetsadressen; en enhet og hver av underenhetene telles hver for seg',
    en: 'legal units (enheter) at their business address (forretningsadresse) and establishments (underenheter) at their physical address (beliggenhetsadresse); a legal unit and each of its establishments count separately',
  },
  enheter: {
    nb: 'enheter på forretningsadressen',
    en: 'legal units (enheter) at their business address (forretningsadresse)',
  },
  underenheter: {
    nb: 'underenheter på beliggenhetsadressen',
    en: 'establishments (underenheter) at their physical address (beliggenhetsadresse)',
  },
};

/** The groups a status filter takes out (the register's field in parentheses). */
const REMOVED: Record<RemovedGroup, Record<Lang, string>> = {
  bankrupt: { nb: 'konkurs', en: 'bankrupt (konkurs)' },
  liquidation: { nb: 'under avvikling', en: 'under liquidation (underAvvikling)' },
  'forced-dissolution': {
    nb: 'under tvangsavvikling eller tvangsoppløsning',
    en: 'under forced dissolution (underTvangsavviklingEllerTvangsopplosning)',
  },
  closed: { nb: 'nedlagte underenheter (nedleggelsesdato)', en: 'closed establishments (nedleggelsesdato)' },
  'non-vat': {
    nb: 'ikke registrert i Merverdiavgiftsregisteret',
    en: 'not VAT-registered (registrertIMvaregisteret)',
  },
};

export const APP_CATALOGUE: CataloguePart<keyof AppMessageParams> = {
  unknown_scenario: {
    nb: (p, s) => `Ukjent scenario «${p.id}»; scenarioene som finnes: ${s.list(p.known) || none.nb}`,
    en: (p, s) => `Unknown scenario "${p.id}"; scenarios that exist: ${s.list(p.known) || none.en}`,
  },
  unknown_technology: {
    nb: (p, s) => `Ukjent teknologi «${p.id}»; teknologiene er ${s.list(p.known)}`,
    en: (p, s) => `Unknown technology "${p.id}"; the technologies are ${s.list(p.known)}`,
  },
  unknown_product: {
    nb: (p, s) => `Ukjent produkt «${p.id}»; produktene er ${s.list(p.known)}`,
    en: (p, s) => `Unknown product "${p.id}"; the products are ${s.list(p.known)}`,
  },
  unknown_coefficient: {
    nb: (p) =>
      `Koeffisienten «${p.id}» finnes ikke i profilen ${p.profile} (oppskriften for ${p.kind}, ledd ${p.term})`,
    en: (p) => `Coefficient "${p.id}" is not in profile ${p.profile} (recipe for ${p.kind}, term ${p.term})`,
  },
  municipality_unknown: {
    nb: (p) => `${p.municipality}: finnes ikke i dagens kommuneinndeling eller i endringene siden 2017`,
    en: (p) => `${p.municipality}: not a municipality today or in the changes since 2017`,
  },
  municipality_split: {
    nb: (p, s) => `Kommune ${p.municipality} ble delt; velg en av ${s.list(p.candidates)}`,
    en: (p, s) => `Municipality ${p.municipality} was split; choose one of ${s.list(p.candidates)}`,
  },
  admin_not_configured: {
    nb: () =>
      'Administrasjon er ikke slått på for denne tjeneren: sett RESTVERDI_ADMIN_TOKEN før tjeneren startes, og send det som «Authorization: Bearer …»',
    en: () =>
      'Administration is not enabled on this server: set RESTVERDI_ADMIN_TOKEN before starting it, and send it as "Authorization: Bearer …"',
  },
  admin_token_wrong: {
    nb: () => 'Feil eller manglende administratornøkkel («Authorization: Bearer …»)',
    en: () => 'Wrong or missing administrator token ("Authorization: Bearer …")',
  },
  municipality_name_unknown: {
    nb: (p) => `«${p.name}» er verken et kommunenummer eller navnet på en kommune i dag eller siden 2017`,
    en: (p) =>
      `"${p.name}" is neither a municipality number nor the name of a municipality today or since 2017`,
  },
  municipality_name_ambiguous: {
    nb: (p, s) => `Flere kommuner heter «${p.name}»; velg en av ${s.list(p.candidates)}`,
    en: (p, s) => `More than one municipality is called "${p.name}"; choose one of ${s.list(p.candidates)}`,
  },
  municipality_number_cycle: {
    nb: (p) => `Nummerendringene for ${p.municipality} går i ring (en feil i dataene)`,
    en: (p) => `The number changes for ${p.municipality} form a cycle (a fault in the data)`,
  },
  municipality_not_in_region: {
    nb: (p, s) =>
      `Kommune ${s.muni(p.municipality)} er ikke med i regionen ${p.region}; kommunene der: ${s.list(p.known.map(s.muni))}`,
    en: (p, s) =>
      `Municipality ${s.muni(p.municipality)} is not in region ${p.region}; its municipalities: ${s.list(p.known.map(s.muni))}`,
  },
  actor_not_found: {
    nb: (p) =>
      `Ingen aktør ${p.orgnr} i databasen (importer registeret først, eller så er den filtrert bort)`,
    en: (p) => `No actor ${p.orgnr} in the store (import the register first, or it was filtered out)`,
  },
  actor_unknown_anywhere: {
    nb: (p) => `Verken registeret i databasen eller gårdsfilene kjenner organisasjonsnummer ${p.orgnr}`,
    en: (p) => `Neither the register in the store nor the farm files know organisation number ${p.orgnr}`,
  },
  farm_dataset_missing: {
    nb: (p) =>
      `Gårdsfilen ${p.file} viser til datasettet ${p.dataset}, som ikke finnes i data/statistics (kjør npm run data)`,
    en: (p) =>
      `The farm file ${p.file} names dataset ${p.dataset}, which is not in data/statistics (run npm run data)`,
  },
  claim_range_outside: {
    nb: (p, s) => `Intervallet ${s.n(p.low)}–${s.n(p.high)} t inneholder ikke ${s.n(p.tonnes)} t`,
    en: (p, s) => `The range ${s.n(p.low)}–${s.n(p.high)} t does not contain ${s.n(p.tonnes)} t`,
  },
  place_outside_norway: {
    nb: (p) => `Stedet ${p.input} ligger ikke i Norge: skriv bredde,lengde (57–72, 4–32) eller en kommune`,
    en: (p) => `The place ${p.input} is not in Norway: write lat,lon (57–72, 4–32) or a municipality`,
  },
  place_without_position: {
    nb: (p, s) => `Kommune ${s.muni(p.municipality)} har ikke noe punkt på veinettet`,
    en: (p, s) => `Municipality ${s.muni(p.municipality)} has no point on the road network`,
  },
  accounts_not_configured: {
    nb: () => 'Kontoer er ikke slått på for denne serveren (sett RESTVERDI_AUTH_SECRET)',
    en: () => 'Accounts are not switched on for this server (set RESTVERDI_AUTH_SECRET)',
  },
  account_not_found: {
    nb: (p) => `Ingen konto har e-postadressen ${p.email}`,
    en: (p) => `No account has the email address ${p.email}`,
  },
  admin_without_region: {
    nb: () => 'En administrator har alle regioner: utelat --region',
    en: () => 'An administrator has every region: leave --region out',
  },
  origin_not_trusted: {
    nb: (p) =>
      p.origin
        ? `Forespørselen kommer fra ${p.origin}, som ikke er Restverdi; den er avvist`
        : 'Forespørselen sier ikke hvor den kommer fra (Origin mangler); den er avvist',
    en: (p) =>
      p.origin
        ? `The request comes from ${p.origin}, which is not Restverdi; it is refused`
        : 'The request does not say where it comes from (no Origin); it is refused',
  },
  import_not_found: { nb: (p) => `Ingen import med id ${p.id}`, en: (p) => `No import with id ${p.id}` },
  optimiser_run_not_found: {
    nb: (p, s) => `Ingen optimeringskjøring ${p.id} (kjøringene holdes i minnet, de siste ${s.n(p.kept)})`,
    en: (p, s) => `No optimiser run ${p.id} (runs are kept in memory, the last ${s.n(p.kept)})`,
  },
  route_not_found: {
    nb: (p) => `Finner ingen side for ${p.method} ${p.path}`,
    en: (p) => `No route for ${p.method} ${p.path}`,
  },
  asset_not_found: {
    nb: (p) => `Finner ikke filen ${p.file}`,
    en: (p) => `No such file: ${p.file}`,
  },
  conflict_exists: {
    nb: (p) => `«${p.id}» finnes allerede; velg en annen id, eller erstatt den`,
    en: (p) => `"${p.id}" exists already; choose another id or replace it`,
  },
  builtin_region_readonly: {
    nb: (p) => `Regionen ${p.id} følger med Restverdi og kan ikke endres eller slettes; lag en ny`,
    en: (p) => `Region ${p.id} ships with Restverdi and cannot be changed or deleted; create a new one`,
  },
  builtin_scenario_readonly: {
    nb: (p) => `Scenarioet ${p.id} følger med Restverdi og kan ikke endres eller slettes; bruk en annen id`,
    en: (p) => `Scenario ${p.id} ships with Restverdi and cannot be changed or deleted; use another id`,
  },
  body_id_differs: {
    nb: (p) => `Id-en i innholdet («${p.id}») er en annen enn den i adressen («${p.addressed}»)`,
    en: (p) => `The id in the body ("${p.id}") differs from the one addressed ("${p.addressed}")`,
  },
  municipalities_invalid: {
    nb: (p, s) => `${s.n(p.problems)} av kommunenumrene kan ikke brukes`,
    en: (p, s) => `${s.n(p.problems)} of the municipality numbers cannot be used`,
  },
  request_malformed: {
    nb: (p) =>
      `Forespørselen kan ikke leses (HTTP ${p.status}): send gyldig JSON med innholdstypen application/json`,
    en: (p) => `The request cannot be read (HTTP ${p.status}): send valid JSON as application/json`,
  },
  request_body_missing: {
    nb: () => 'Forespørselen har ikke noe innhold: send filen som innhold',
    en: () => 'The request has no body: send the file as the body',
  },
  body_not_utf8: {
    nb: () => 'Innholdet i forespørselen er ikke gyldig UTF-8',
    en: () => 'The request body is not valid UTF-8',
  },
  payload_too_large: {
    nb: (p, s) => `Innholdet er større enn grensen på ${s.n(p.limit)} byte`,
    en: (p, s) => `The body is larger than the limit of ${s.n(p.limit)} bytes`,
  },
  issues_more: {
    nb: (p, s) => `… og ${s.n(p.count)} feil til`,
    en: (p, s) => `… and ${s.n(p.count)} more`,
  },
  internal_error: {
    nb: (p) => `Intern feil; se etter forespørsels-id-en ${p.requestId} i serverloggen`,
    en: (p) => `Internal error; the request id ${p.requestId} is in the server log`,
  },
  run_failed: {
    nb: () => 'Kjøringen feilet; se serverloggen',
    en: () => 'The run failed; see the server log',
  },
  list_empty: {
    nb: (p) => `Listen ${p.name} er tom: gi minst én, eller utelat den for å få alle`,
    en: (p) => `The list ${p.name} is empty: give at least one, or leave it out for all`,
  },
  tonnes_invalid: {
    nb: (p) => `Ugyldig tonnmengde: ${p.input} (et tall ≥ 0)`,
    en: (p) => `Invalid tonnes: ${p.input} (a number ≥ 0)`,
  },
  tonnes_or_region: {
    nb: () => 'Gi enten tonn eller region, ikke begge',
    en: () => 'Give either tonnes or a region, not both',
  },
  municipalities_or_region: {
    nb: () => 'Gi kommunenumre eller en region',
    en: () => 'Give municipality numbers or a region',
  },
  register_files_missing: {
    nb: () => 'Gi enhetene og/eller underenhetene fra Enhetsregisteret',
    en: () => 'Give the legal units and/or the establishments from the Central Coordinating Register',
  },
  profile_estimates_no_kind: {
    nb: (p, s) =>
      `Profilen ${p.profile} beregner ikke ${s.kind(p.kind)}; gi tonn, eller velg en av ${s.list(p.known.map(s.kindId))}`,
    en: (p, s) =>
      `Profile ${p.profile} estimates no ${s.kind(p.kind)}; give tonnes, or one of ${s.list(p.known.map(s.kindId))}`,
  },
  monte_carlo_needs_random: {
    nb: () => 'Monte Carlo-beregningen trenger en kilde til tilfeldige tall',
    en: () => 'The Monte Carlo simulation needs a random source',
  },
  trace_nothing: {
    nb: (p, s) =>
      `Ingenting å forklare for ${s.kind(p.kind)} i ${s.muni(p.municipality)}; beregnet er kommunene ${s.list(p.municipalities.map(s.muni))} og slagene ${s.list(p.kinds.map(s.kind))}`,
    en: (p, s) =>
      `Nothing to explain for ${s.kind(p.kind)} in ${s.muni(p.municipality)}; estimated are the municipalities ${s.list(p.municipalities.map(s.muni))} and the kinds ${s.list(p.kinds.map(s.kind))}`,
  },
  unit_unknown: {
    nb: (p, s) => `Ukjent enhet «${p.unit}» i «${p.within}»; kjente enheter: ${s.list(p.known)}`,
    en: (p, s) => `Unknown unit "${p.unit}" in "${p.within}"; known units: ${s.list(p.known)}`,
  },
  unit_invalid: {
    nb: (p) => `Ugyldig enhet «${p.unit}»: skriv den som «teller/nevner»`,
    en: (p) => `Invalid unit "${p.unit}": write it as "numerator/denominator"`,
  },
  unit_not_convertible: {
    nb: (p) => `Kan ikke regne om fra ${p.from} til ${p.to}: enhetene måler forskjellige ting`,
    en: (p) => `Cannot convert ${p.from} to ${p.to}: the units measure different things`,
  },
  currency_no_rate: {
    nb: (p, s) => `Ingen kurs for valutaen ${p.currency}; valutaene med kurs: ${s.list(p.known)}`,
    en: (p, s) => `No rate for the currency ${p.currency}; currencies with a rate: ${s.list(p.known)}`,
  },
  recipe_unknown_kind: {
    nb: (p) => `Profilen ${p.profile} har en oppskrift for et ukjent restråstoff «${p.kind}»`,
    en: (p) => `Profile ${p.profile} has a recipe for an unknown residue kind "${p.kind}"`,
  },
  recipe_not_mass: {
    nb: (p, s) =>
      `Profilen ${p.profile}, oppskriften for ${p.kind}, ledd ${p.term}: ${s.list(p.units)} gir ikke tonn våtvekt eller tørrstoff`,
    en: (p, s) =>
      `Profile ${p.profile}, recipe for ${p.kind}, term ${p.term}: ${s.list(p.units)} gives neither tonnes wet nor dry matter`,
  },
  recipe_dm_share_unit: {
    nb: (p) =>
      `Profilen ${p.profile}, oppskriften for ${p.kind}, ledd ${p.term}: tørrstoffandelen skal være i t TS/t, ikke ${p.unit}`,
    en: (p) =>
      `Profile ${p.profile}, recipe for ${p.kind}, term ${p.term}: the DM share must be in t DM/t, not ${p.unit}`,
  },
  current_use_unknown_product: {
    nb: (p, s) => `Dagens bruk av ${s.kind(p.kind)}: ukjent produkt «${p.product}»`,
    en: (p, s) => `Current use of ${s.kind(p.kind)}: unknown product "${p.product}"`,
  },
  scenario_invalid: {
    nb: (p) => `Ugyldig scenario: ${p.problems} feil`,
    en: (p) => `Invalid scenario: ${p.problems} problem(s)`,
  },
  scenario_input_unknown: {
    nb: (p, s) => `Ukjent strøm «${p.stream}»; restråstoffene er ${s.list(p.known)}`,
    en: (p, s) => `Unknown stream "${p.stream}"; the residue kinds are ${s.list(p.known)}`,
  },
  scenario_stream_not_yet: {
    nb: (p, s) =>
      `Steg ${p.step}: strømmen «${p.stream}» finnes ikke ennå; strømmene så langt: ${s.list(p.known)}`,
    en: (p, s) => `Step ${p.step}: no stream "${p.stream}" yet; the streams so far: ${s.list(p.known)}`,
  },
  scenario_technology_refuses: {
    nb: (p, s) =>
      `Steg ${p.step}: ${s.techId(p.technology)} tar ikke imot ${s.kind(p.stream)}; den tar imot ${s.list(p.accepted.map(s.kind))}`,
    en: (p, s) =>
      `Step ${p.step}: ${s.techId(p.technology)} does not accept ${s.kind(p.stream)}; it accepts ${s.list(p.accepted.map(s.kind))}`,
  },
  scenario_route_refused: {
    nb: (p, s) => `Steg ${p.step}: ${s.kind(p.stream)} kan ikke gå til ${s.techId(p.technology)}`,
    en: (p, s) => `Step ${p.step}: ${s.kind(p.stream)} may not go to ${s.techId(p.technology)}`,
  },
  rule_citation: {
    nb: (p) => `Regel ${p.rule}: ${p.citation}`,
    en: (p) => `Rule ${p.rule}: ${p.citation}`,
  },
  scenario_yield_unknown: {
    nb: (p, s) =>
      `Steg ${p.step}: ${s.techId(p.technology)} har ikke noe produkt eller tap «${p.name}»; den har ${s.list(p.known)}`,
    en: (p, s) =>
      `Step ${p.step}: ${s.techId(p.technology)} has no output or loss "${p.name}"; it has ${s.list(p.known)}`,
  },
  scenario_basis_without_dm: {
    nb: (p) =>
      `Steg ${p.step}: ${p.stream} er oppgitt i ${BASIS[OTHER[p.basis]].nb}, men teknologien regner i ${BASIS[p.basis].nb}, og ${p.stream} har ingen tørrstoffandel`,
    en: (p) =>
      `Step ${p.step}: ${p.stream} is stated in ${BASIS[OTHER[p.basis]].en} but the technology works in ${BASIS[p.basis].en}, and ${p.stream} has no dry-matter share`,
  },
  scenario_target_not_made: {
    nb: (p, s) => `Steg ${p.step}: ${s.tech(p.technology)} lager ikke ${p.product}`,
    en: (p, s) => `Step ${p.step}: ${s.tech(p.technology)} makes no ${p.product}`,
  },
  scenario_amount_missing: {
    nb: (p) => `Steg ${p.step}: ${p.stream} har ingen oppgitt mengde; gi tonn eller et mål`,
    en: (p) => `Step ${p.step}: ${p.stream} has no stated amount; give tonnes or a target`,
  },
  scenario_input_short: {
    nb: (p, s) =>
      `Steg ${p.step}: trenger ${s.n(p.needed, 1)} tonn ${p.stream} (${BASIS[p.basis].nb}), men bare ${s.n(p.available, 1)} tonn finnes`,
    en: (p, s) =>
      `Step ${p.step}: needs ${s.n(p.needed, 1)} t of ${p.stream} (${BASIS[p.basis].en}) but only ${s.n(p.available, 1)} t is available`,
  },
  scenario_balance_open: {
    nb: (p, s) =>
      `Steg ${p.step}: massebalansen for ${s.tech(p.technology)} går ikke opp: inn ${s.n(p.input, 1)} tonn, produkter og tap ${s.n(p.output, 1)} tonn (utbyttene må summere seg til 1)`,
    en: (p, s) =>
      `Step ${p.step}: the mass balance of ${s.tech(p.technology)} does not close: input ${s.n(p.input, 1)} t, products and losses ${s.n(p.output, 1)} t (the yields must add up to 1)`,
  },
  scenario_override_yields: {
    nb: (p, s) =>
      `Utbytter i steg ${p.step} (${s.tech(p.technology)}, ${PER_TONNE[p.basis].nb}): ${p.yields
        .map((y) => `${inText(s.text(y.name))} ${s.fig(y.value)} ${fromLibrary(y, s, 'nb')}`)
        .join(', ')}`,
    en: (p, s) =>
      `Yields of step ${p.step} (${s.tech(p.technology)}, ${PER_TONNE[p.basis].en}): ${p.yields
        .map((y) => `${inText(s.text(y.name))} ${s.fig(y.value)} ${fromLibrary(y, s, 'en')}`)
        .join(', ')}`,
  },
  scenario_override_capex: {
    nb: (p, s) =>
      `Investering i steg ${p.step} (${s.tech(p.technology)}): ${s.fig(p.value)} NOK per tonn kapasitet ${fromLibrary(p, s, 'nb')}`,
    en: (p, s) =>
      `Capex of step ${p.step} (${s.tech(p.technology)}): ${s.fig(p.value)} NOK per t of capacity ${fromLibrary(p, s, 'en')}`,
  },
  scenario_override_price: {
    nb: (p, s) => `Pris på ${inText(s.text(p.product))}: ${s.fig(p.value)} NOK/t ${fromLibrary(p, s, 'nb')}`,
    en: (p, s) => `Price of ${inText(s.text(p.product))}: ${s.fig(p.value)} NOK/t ${fromLibrary(p, s, 'en')}`,
  },
  scenario_override_climate: {
    nb: (p, s) =>
      `CO2e-faktor for ${inText(s.text(p.product))}: ${s.fig(p.value)} tonn CO2e unngått per tonn ${fromLibrary(p, s, 'nb')}`,
    en: (p, s) =>
      `CO2e factor of ${inText(s.text(p.product))}: ${s.fig(p.value)} t CO2e avoided per t ${fromLibrary(p, s, 'en')}`,
  },
  scenario_line: {
    nb: (p, s) => {
      const subject = p.subject ? s.text(p.subject) : '';
      if (p.line === 'feed') return `Råstoff: ${subject} (${TONNES[p.basis ?? 'wet'].nb})`;
      return LINES[p.line].nb.replace('{}', subject);
    },
    en: (p, s) => {
      const subject = p.subject ? s.text(p.subject) : '';
      if (p.line === 'feed') return `Feed: ${subject} (${TONNES[p.basis ?? 'wet'].en})`;
      return LINES[p.line].en.replace('{}', subject);
    },
  },
  scenario_feed_exceeds_region: {
    nb: (p, s) =>
      `${s.text(p.stream)}: scenarioet bruker ${s.n(p.feed)} ${TONNES[p.basis].nb} i året, regionens anslag (${p.region}, profil ${p.profile}) er ${s.n(p.available)} ${TONNES[p.basis].nb}: ${s.n(p.excess)} ${TONNES[p.basis].nb} mer enn regionen har${p.ratio === null ? '' : ` (${s.n(p.ratio, 2)} ganger så mye)`}`,
    en: (p, s) =>
      `${s.text(p.stream)}: the scenario uses ${s.n(p.feed)} ${TONNES[p.basis].en} a year; the region's estimate (${p.region}, profile ${p.profile}) is ${s.n(p.available)} ${TONNES[p.basis].en}: ${s.n(p.excess)} ${TONNES[p.basis].en} more than the region has${p.ratio === null ? '' : ` (${s.n(p.ratio, 2)} times as much)`}`,
  },
  scenario_feed_within_region: {
    nb: (p, s) =>
      `${s.text(p.stream)}: scenarioet bruker ${s.n(p.feed)} ${TONNES[p.basis].nb} i året, ${s.n(p.share * 100)} % av regionens anslag (${p.region}, profil ${p.profile}: ${s.n(p.available)} ${TONNES[p.basis].nb})`,
    en: (p, s) =>
      `${s.text(p.stream)}: the scenario uses ${s.n(p.feed)} ${TONNES[p.basis].en} a year, ${s.n(p.share * 100)} % of the region's estimate (${p.region}, profile ${p.profile}: ${s.n(p.available)} ${TONNES[p.basis].en})`,
  },
  scenario_feed_not_estimated: {
    nb: (p, s) =>
      `${s.text(p.stream)}: regionens anslag (${p.region}, profil ${p.profile}) har ${p.incomplete ? 'ikke tall for alle kommunene' : 'ingen tall'} for dette råstoffet, så mengden i scenarioet kan ikke sjekkes mot regionen`,
    en: (p, s) =>
      `${s.text(p.stream)}: the region's estimate (${p.region}, profile ${p.profile}) has ${p.incomplete ? 'figures for only some of its municipalities' : 'no figure'} for this stream, so the scenario's amount cannot be checked against the region`,
  },
  scenario_feed_not_residue: {
    nb: (p, s) =>
      `${s.text(p.stream)} er et produkt, ikke et restråstoff: det lages i et trinn før scenarioet, så mengden sjekkes ikke mot regionens anslag`,
    en: (p, s) =>
      `${s.text(p.stream)} is a product, not a residue: it is made in a step before the scenario, so its amount is not checked against the region's estimate`,
  },
  stored_scenario_invalid: {
    nb: (p) => `Det lagrede scenarioet ${p.id} er ikke et gyldig scenario`,
    en: (p) => `Stored scenario ${p.id} is not a valid scenario`,
  },
  stored_scenario_unreadable: {
    nb: (p) => `Det lagrede scenarioet ${p.id} kan ikke leses (ugyldig JSON)`,
    en: (p) => `Stored scenario ${p.id} cannot be read (its body is not valid JSON)`,
  },
  stored_scenario_id_differs: {
    nb: (p) => `Det lagrede scenarioet ${p.id} har en annen id i innholdet («${p.stored}»)`,
    en: (p) => `Stored scenario ${p.id} has another id in its body ("${p.stored}")`,
  },
  co2e_price_required: {
    nb: () => 'Det vektede målet trenger en CO2e-pris (kroner per tonn CO2e, minst 0)',
    en: () => 'The weighted objective needs a CO2e price (NOK per t CO2e, at least 0)',
  },
  co2e_price_only_weighted: {
    nb: () => 'En CO2e-pris gjelder bare det vektede målet',
    en: () => 'A CO2e price only applies to the weighted objective',
  },
  candidate_technologies_without_candidates: {
    nb: () => 'Kandidatteknologier gjelder bare sammen med kandidatanlegg',
    en: () => 'Candidate technologies only apply with candidate sites',
  },
  transport_distances: {
    nb: (p) => {
      const rest = p.road ? 'vegavstand på N1000-vegnettet' : 'luftlinje × omvegsfaktor';
      return p.matrix
        ? `Avstandsmatrise (${rest} for par som mangler)`
        : rest.replace(/^./, (c) => c.toUpperCase());
    },
    en: (p) => {
      const rest = p.road ? 'road distance on the N1000 network' : 'great circle × detour factor';
      return p.matrix
        ? `Distance matrix (${rest} for missing pairs)`
        : rest.replace(/^./, (c) => c.toUpperCase());
    },
  },
  region_no_sites: {
    nb: (p) => `Regionen ${p.region} har ingen anlegg (ingen ${p.file}); gi anlegg eller kandidater`,
    en: (p) => `Region ${p.region} has no sites (no ${p.file}); give sites or candidates`,
  },
  site_unknown_technology: {
    nb: (p) => `Anlegget ${p.site}: ukjent teknologi «${p.technology}»`,
    en: (p) => `Site ${p.site}: unknown technology "${p.technology}"`,
  },
  supply_unknown_kind: {
    nb: (p, s) => `Tilgang fra ${s.muni(p.municipality)}: ukjent restråstoff «${p.kind}»`,
    en: (p, s) => `Supply from ${s.muni(p.municipality)}: unknown residue kind "${p.kind}"`,
  },
  site_distance_unknown: {
    nb: (p, s) =>
      `Kommune ${s.muni(p.municipality)} har ingen posisjon og ingen avstand til anlegget ${p.site}`,
    en: (p, s) => `Municipality ${s.muni(p.municipality)} has no position and no distance to site ${p.site}`,
  },
  counting_rule: {
    nb: (p, s) =>
      `Teller ${COUNTED_UNITS[p.units].nb}, etter dagens kommunenummer; ${p.removed.length ? `tatt ut: ${s.list(p.removed.map((g) => REMOVED[g].nb))}` : 'ingenting er tatt ut'}.${p.units === 'enheter' ? '' : ' En underenhet får statusen (konkurs, avvikling, MVA) til enheten sin når den finnes i databasen, ellers sin egen.'} En aktør er med i hver sektor som en av naeringskode1–3 faller i; sammensatte sektorer (både jordbruk og skogbruk) erstatter delene sine.`,
    en: (p, s) =>
      `Counts ${COUNTED_UNITS[p.units].en}, by today's municipality number; ${p.removed.length ? `removed: ${s.list(p.removed.map((g) => REMOVED[g].en))}` : 'nothing removed'}.${p.units === 'enheter' ? '' : ' An establishment takes the status (konkurs, avvikling, VAT) of its legal unit when that is in the store, else its own.'} An actor is in every sector one of its naeringskode1–3 falls in; combined sectors (both agriculture and forestry) replace their parts.`,
  },
  harvest_missing: {
    nb: (p, s) =>
      `Ingen avvirkning etter treslag og sortiment for ${s.list(p.municipalities.map(s.muni))}${p.year === null ? '' : ` i ${p.year}`}; årene i databasen: ${s.list(p.years.map(String)) || none.nb} (importer med «restverdi import avvirkning FIL»)`,
    en: (p, s) =>
      `No harvest by species and assortment for ${s.list(p.municipalities.map(s.muni))}${p.year === null ? '' : ` in ${p.year}`}; years in the store: ${s.list(p.years.map(String)) || none.en} (import with "restverdi import avvirkning FILE")`,
  },
  harvest_year_newest: {
    nb: (p, s) =>
      `det nyeste året med avvirkning for disse kommunene: ${p.year} (årene i databasen: ${s.list(p.years.map(String))})`,
    en: (p, s) =>
      `the newest year with harvest for these municipalities: ${p.year} (years in the store: ${s.list(p.years.map(String))})`,
  },
  harvest_year_asked: {
    nb: (p) => `året ${p.year}, som du ba om`,
    en: (p) => `year ${p.year}, as asked`,
  },
  region_report_missing: {
    nb: (p) => `Regionen ${p.region}: rapporten ${p.report} finnes ikke i data/`,
    en: (p) => `Region ${p.region}: its report ${p.report} is not in data/`,
  },
  boundary_missing: {
    nb: (p, s) => `Ingen grense for kommune ${s.muni(p.municipality)}`,
    en: (p, s) => `No boundary for municipality ${s.muni(p.municipality)}`,
  },
  schema_name_invalid: {
    nb: (p) => `Ugyldig navn på PostgreSQL-skjema: ${p.schema}`,
    en: (p) => `Invalid PostgreSQL schema name: ${p.schema}`,
  },
  migration_failed: {
    nb: (p) => `Migreringen ${p.migration} feilet på ${p.dialect} ${p.location}: ${p.error}`,
    en: (p) => `Migration ${p.migration} failed on ${p.dialect} ${p.location}: ${p.error}`,
  },
  roads_out_of_step: {
    nb: (p) => `${p.origins} er bygd for et annet vegnett enn ${p.graph}; kjør npm run data`,
    en: (p) => `${p.origins} was built for another road network than ${p.graph}; run npm run data`,
  },
  site_unknown: {
    nb: (p) => `Ingen anlegg «${p.id}» å ta bort; anleggene er ${p.known.join(', ')}`,
    en: (p) => `No site "${p.id}" to leave out; the sites are ${p.known.join(', ')}`,
  },
  signin_required: {
    nb: () => 'Logg inn for å gjøre dette',
    en: () => 'Sign in to do this',
  },
  listing_not_found: {
    nb: (p) => `Ingen oppføring ${p.id} som du kan se`,
    en: (p) => `No listing ${p.id} that you can see`,
  },
  match_not_found: {
    nb: (p) => `Ingen kobling ${p.id} som du kan se`,
    en: (p) => `No match ${p.id} that you can see`,
  },
  listing_edit_forbidden: {
    nb: (p) =>
      `Bare eieren av oppføringen ${p.id}, den som laget den og regionens tilrettelegger kan endre den`,
    en: (p) =>
      `Only the holder of listing ${p.id}, whoever created it and the region's facilitator may change it`,
  },
  listing_create_forbidden: {
    nb: (p) =>
      `Du kan legge ut oppføringer for din egen organisasjon, eller for alle i ${p.region} hvis du er tilrettelegger der`,
    en: (p) => `You may list for your own organisation, or for anyone in ${p.region} if you facilitate there`,
  },
  market_region_forbidden: {
    nb: (p) => `Bare tilretteleggeren for ${p.region} og administratorer har tilgang til dette`,
    en: (p) => `Only the facilitator of ${p.region} and administrators have access to this`,
  },
  match_forbidden: {
    nb: (p) => `Bare partene i koblingen ${p.id} og regionens tilrettelegger kan endre den`,
    en: (p) => `Only the parties to match ${p.id} and the region's facilitator may change it`,
  },
  abp_category_forbidden: {
    nb: (p, s) =>
      `Animalske biprodukter i kategori ${p.category} kan ikke gå til ${s.tier(p.tier)} (forordning (EF) nr. 1069/2009 art. 12–14)`,
    en: (p, s) =>
      `Category ${p.category} animal by-products may not go to ${s.tier(p.tier)} (Regulation (EC) No 1069/2009 art. 12–14)`,
  },
  match_receiver_permit: {
    nb: () => 'Strømmen er avfall: mottakeren trenger tillatelse etter forurensningsloven',
    en: () => 'The stream is waste: the receiver needs a permit under the Pollution Control Act',
  },
  match_receiver_mattilsynet: {
    nb: () => 'Mottakeren må være godkjent eller registrert hos Mattilsynet',
    en: () => 'The receiver must be approved or registered by the Norwegian Food Safety Authority',
  },
  stage_change_invalid: {
    nb: (p, s) =>
      `En kobling som er ${stageName(p.fromStage, 'nb')} kan ikke bli ${stageName(p.toStage, 'nb')}; mulig er ${p.allowed.length ? s.list(p.allowed.map((x) => stageName(x, 'nb'))) : 'ingenting (den er avsluttet)'}`,
    en: (p, s) =>
      `A match that is ${stageName(p.fromStage, 'en')} cannot become ${stageName(p.toStage, 'en')}; possible: ${p.allowed.length ? s.list(p.allowed.map((x) => stageName(x, 'en'))) : 'nothing (it is closed)'}`,
  },
  stage_reason_required: {
    nb: (p) => `Oppgi en grunn når en kobling blir ${stageName(p.stage, 'nb')}`,
    en: (p) => `Give a reason when a match becomes ${stageName(p.stage, 'en')}`,
  },
  match_pair_invalid: {
    nb: (p) => `${p.offer} og ${p.wanted} er ikke et tilbud og et ønske om samme strøm`,
    en: (p) => `${p.offer} and ${p.wanted} are not an offer and a wanted listing of the same stream`,
  },
  match_excluded: {
    nb: (p, s) => `Koblingen er utelukket: ${s.msg(p.reason)}`,
    en: (p, s) => `The match is excluded: ${s.msg(p.reason)}`,
  },
  match_target_unknown: {
    nb: (p) => `Ingen mulig mottaker ${p.target} for denne oppføringen (se forslagene)`,
    en: (p) => `No possible receiver ${p.target} for this listing (see the suggestions)`,
  },
  ledger_stage_early: {
    nb: (p, s) =>
      `Regnskapet tar føringer først når koblingen er ${s.list(p.allowed.map((x) => stageName(x, 'nb')))}; den er ${stageName(p.stage, 'nb')}`,
    en: (p, s) =>
      `The ledger takes records once a match is ${s.list(p.allowed.map((x) => stageName(x, 'en')))}; it is ${stageName(p.stage, 'en')}`,
  },
  ledger_evidence_required: {
    nb: () => 'En føring med egne tall trenger dokumentasjon (faktura, veiesedler, avtale)',
    en: () => 'A record with figures of your own needs evidence (invoice, weighbridge notes, contract)',
  },
  ledger_date_future: {
    nb: (p) => `Regnskapet fører det som er flyttet: ${p.date} er etter i dag (${p.today})`,
    en: (p) => `The ledger records what has moved: ${p.date} is after today (${p.today})`,
  },
  ledger_not_computable: {
    nb: (p, s) =>
      `Verdipyramiden har ingen verdi for ${s.kind(p.kind)} på ${p.tier}: før inn tallene med dokumentasjon`,
    en: (p, s) =>
      `The value pyramid has no value for ${s.kind(p.kind)} at ${p.tier}: enter the figures with evidence`,
  },
  estimate_not_found: {
    nb: (p, s) => `Restverdi har ikke noe anslag for at ${p.orgnr} har ${s.kind(p.kind)}`,
    en: (p, s) => `Restverdi has no estimate that ${p.orgnr} holds ${s.kind(p.kind)}`,
  },
  listing_numbers_invalid: {
    nb: (p) =>
      ({
        low_above: 'Lav verdi er over mengden',
        high_below: 'Høy verdi er under mengden',
        interval_missing: 'En mengde per levering trenger antall dager mellom leveringene',
      })[p.problem],
    en: (p) =>
      ({
        low_above: 'The low value is above the amount',
        high_below: 'The high value is below the amount',
        interval_missing: 'A quantity per delivery needs the days between deliveries',
      })[p.problem],
  },
  park_id_twice: {
    nb: (p) => `${p.id} er brukt som id mer enn én gang`,
    en: (p) => `${p.id} is used as an id twice`,
  },
  park_id_differs: {
    nb: (p) => `Parken i innholdet har id ${p.body}, ikke ${p.id}`,
    en: (p) => `The park in the body has id ${p.body}, not ${p.id}`,
  },
  park_not_found: {
    nb: (p, s) =>
      `Ingen park ${p.id}${p.version ? ` i versjon ${s.n(p.version)}` : ''} er lagret; de lagrede er ${p.known.length ? s.list(p.known) : '(ingen)'}`,
    en: (p, s) =>
      `No park ${p.id}${p.version ? ` at version ${s.n(p.version)}` : ''} is stored; the stored ones are ${p.known.length ? s.list(p.known) : '(none)'}`,
  },
  park_flow_process_unknown: {
    nb: (p, s) =>
      `Strømmen ${p.flow} viser til prosessen ${p.process}, som ikke finnes; prosessene er ${s.list(p.known)}`,
    en: (p, s) =>
      `Flow ${p.flow} names process ${p.process}, which does not exist; the processes are ${s.list(p.known)}`,
  },
  park_flow_outside: {
    nb: (p) => `Strømmen ${p.flow} verken starter eller slutter i parken`,
    en: (p) => `Flow ${p.flow} neither starts nor ends in the park`,
  },
  park_flow_self: {
    nb: (p) => `Strømmen ${p.flow} går fra ${p.process} tilbake til seg selv`,
    en: (p) => `Flow ${p.flow} goes from ${p.process} back to itself`,
  },
  park_amount_invalid: {
    nb: (p) =>
      `Strømmen ${p.flow}: ${quantityName(p.quantity, 'nb')} ${p.value} er ikke en mengde (et tall ≥ 0)`,
    en: (p) => `Flow ${p.flow}: ${quantityName(p.quantity, 'en')} ${p.value} is not an amount (a number ≥ 0)`,
  },
  park_input_not_accepted: {
    nb: (p, s) =>
      `Strømmen ${p.flow} til ${p.process}: ${s.techId(p.technology)} tar ikke ${p.carries ? s.kindId(p.carries) : '(uten navn)'}; den tar ${s.list(p.accepted.map(s.kindId))}`,
    en: (p, s) =>
      `Flow ${p.flow} to ${p.process}: ${s.techId(p.technology)} does not take ${p.carries ? s.kindId(p.carries) : '(unnamed)'}; it takes ${s.list(p.accepted.map(s.kindId))}`,
  },
  park_input_basis_missing: {
    nb: (p, s) =>
      `Strømmen ${p.flow}: ${s.techId(p.technology)} regner utbyttet per tonn ${quantityName(p.quantity, 'nb')}; oppgi strømmens ${p.quantity}`,
    en: (p, s) =>
      `Flow ${p.flow}: ${s.techId(p.technology)} counts its yields per tonne ${quantityName(p.quantity, 'en')}; give the flow's ${p.quantity}`,
  },
  park_yield_outside: {
    nb: (p, s) =>
      `Prosessen ${p.process} oppgir ${s.fig(p.declared)} t ${p.product}, men innsatsen gir ${s.fig(p.tonnes)} t (${s.fig(p.low)}–${s.fig(p.high)}) etter bibliotekets utbytte (${p.basis === 'dm' ? 'tørrstoff' : 'våtvekt'})`,
    en: (p, s) =>
      `Process ${p.process} declares ${s.fig(p.declared)} t of ${p.product}, but its inputs yield ${s.fig(p.tonnes)} t (${s.fig(p.low)}–${s.fig(p.high)}) by the library's yields (${p.basis === 'dm' ? 'dry matter' : 'wet'})`,
  },
  park_unbalanced: {
    nb: (p, s) =>
      `Prosessen ${p.process} går ikke opp i ${quantityName(p.quantity, 'nb')}: inn ${s.fig(p.inputs)}, ut ${s.fig(p.outputs)}, lager ${s.fig(p.stockChange)}, differanse ${s.fig(p.residual)} ${p.unit}`,
    en: (p, s) =>
      `Process ${p.process} does not balance in ${quantityName(p.quantity, 'en')}: in ${s.fig(p.inputs)}, out ${s.fig(p.outputs)}, stock ${s.fig(p.stockChange)}, residual ${s.fig(p.residual)} ${p.unit}`,
  },
};
