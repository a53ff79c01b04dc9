/**
 * Every message of Restverdi in bokmål and English: one template per code and language, filled with
 * the message's parameters and numbers formatted for the language. Names of kinds, technologies and
 * municipalities come from the data through `Names`, so a message never shows an id where a name exists.
 */

import { type AuditTerm, isMessage, type Message, type MessageCode } from '../domain/message.ts';
import type { AppMessageParams } from '../domain/messages/app.ts';
import type { IngestMessageParams } from '../domain/messages/ingest.ts';
import type { LabelMessageParams } from '../domain/messages/labels.ts';
import type { ShellMessageParams } from '../domain/messages/shells.ts';
import type { ValueType } from '../domain/schema-issues.ts';
import { type Market, TIER_NAMES } from '../domain/valuation.ts';
import { formatCoefficient, formatList, formatNumber, type Lang } from './format.ts';
import { APP_CATALOGUE } from './parts/app.ts';
import { INGEST_CATALOGUE } from './parts/ingest.ts';
import { LABELS_CATALOGUE } from './parts/labels.ts';
import { SHELLS_CATALOGUE } from './parts/shells.ts';
import type { CataloguePart, Say, Template } from './template.ts';

/** How ids read in the language; each falls back to the id. */
export interface Names {
  kind?: (id: string, lang: Lang) => string;
  technology?: (id: string, lang: Lang) => string;
  municipality?: (nr: string) => string;
}

const MARKET_SCOPES: Record<Market['scope'], Record<Lang, string>> = {
  regional: { nb: 'regionalt', en: 'regional' },
  national: { nb: 'i Norge', en: 'in Norway' },
  nordic: { nb: 'i Norden', en: 'in the Nordic countries' },
  european: { nb: 'i Europa', en: 'in Europe' },
  global: { nb: 'globalt', en: 'worldwide' },
};

const CORE_CATALOGUE: CataloguePart<CoreCode> = {
  tier_closed_by_rule: {
    nb: (p, s) =>
      `${s.tier(p.tier)} er stengt for ${s.kind(p.kind)} (${p.regulatoryClass}): ${s.text(p.rule)} (${p.citation})`,
    en: (p, s) =>
      `${s.tier(p.tier)} is closed to ${s.kind(p.kind)} (${p.regulatoryClass}): ${s.text(p.rule)} (${p.citation})`,
  },
  tier_no_technology: {
    nb: (p, s) =>
      `Ingen teknologi i biblioteket løfter ${s.kind(p.kind)} til ${s.tier(p.tier).toLowerCase()}`,
    en: (p, s) => `No technology in the library lifts ${s.kind(p.kind)} to ${s.tier(p.tier).toLowerCase()}`,
  },
  tier_only_emerging: {
    nb: (p, s) =>
      `Bare umodne ruter løfter ${s.kind(p.kind)} til ${s.tier(p.tier).toLowerCase()} (TRL ${p.trl}, moden fra TRL ${p.mature}); de vises for seg`,
    en: (p, s) =>
      `Only emerging routes lift ${s.kind(p.kind)} to ${s.tier(p.tier).toLowerCase()} (TRL ${p.trl}, mature from TRL ${p.mature}); they are shown apart`,
  },
  technology_emerging: {
    nb: (p, s) =>
      `${s.tech(p.technology)} er umoden (TRL ${p.trl}; moden fra TRL ${p.mature}): tallene er et anslag for en teknologi som ennå ikke er i drift`,
    en: (p, s) =>
      `${s.tech(p.technology)} is emerging (TRL ${p.trl}; mature from TRL ${p.mature}): the figures are an estimate for a technology not yet in operation`,
  },
  route_placeholder: {
    nb: (p, s) =>
      `Plassholder: ${s.n(p.count)} ${p.count === 1 ? 'utbytte' : 'utbytter'} i ruten har ingen kilde`,
    en: (p, s) =>
      `Placeholder: ${s.n(p.count)} ${p.count === 1 ? 'yield' : 'yields'} of the route have no source`,
  },
  route_market_full: {
    nb: (p, s) =>
      `Markedet for ${s.text(p.product).toLowerCase()} (${MARKET_SCOPES[p.scope].nb}) tar ${s.n(p.marketTonnes)} t i året; ruten tar ${s.n(p.routedTonnes)} av ${s.n(p.streamTonnes)} t, resten blir i dagens bruk`,
    en: (p, s) =>
      `The market for ${s.text(p.product).toLowerCase()} (${MARKET_SCOPES[p.scope].en}) takes ${s.n(p.marketTonnes)} t a year; the route takes ${s.n(p.routedTonnes)} of ${s.n(p.streamTonnes)} t, the rest stays in its current use`,
  },
  eligibility_tier_forbidden: {
    nb: (p, s) =>
      `${p.regulatoryClass} kan ikke nå nivået ${s.tier(p.tier).toLowerCase()}: ${s.text(p.rule)}`,
    en: (p, s) =>
      `${p.regulatoryClass} may not reach the tier ${s.tier(p.tier).toLowerCase()}: ${s.text(p.rule)}`,
  },
  eligibility_technology_forbidden: {
    nb: (p, s) => `${p.regulatoryClass} kan ikke gå til ${s.tech(p.technology)}: ${s.text(p.rule)}`,
    en: (p, s) => `${p.regulatoryClass} may not go to ${s.tech(p.technology)}: ${s.text(p.rule)}`,
  },
  unallocated_capacity_full: {
    nb: (p, s) => `Anleggene som ville betalt for det, er fulle: ${s.list(p.sites)}`,
    en: (p, s) => `The sites that would pay for it are full: ${s.list(p.sites)}`,
  },
  unallocated_negative_margin: {
    nb: () =>
      'Hvert godkjent anlegg innen rekkevidde gir mindre enn dagens bruk når drift og transport er regnet med',
    en: () =>
      'Every eligible site within reach pays less than the current use once opex and transport are counted',
  },
  unallocated_beyond_radius: {
    nb: () => 'Alle anlegg som kunne tatt det, ligger utenfor sin transportradius',
    en: () => 'Every site that could take it is beyond its transport radius',
  },
  unallocated_no_eligible_site: {
    nb: () => 'Ingen anleggs teknologi tar imot det (eller regelverket stenger hver vei)',
    en: () => 'No site’s technology accepts it (or the rules forbid every route)',
  },
  infeasible_minimum_intake: {
    nb: (p, s) =>
      `Anlegget ${p.site} trenger minst ${s.n(p.minimumTonnes)} tonn ${p.basis === 'dm' ? 'tørrstoff' : 'våtvekt'} i året, men bare ${s.n(p.reachableTonnes)} tonn godkjent tilgang ligger innenfor transportradiusen`,
    en: (p, s) =>
      `Site ${p.site} needs at least ${s.n(p.minimumTonnes)} t ${p.basis === 'dm' ? 'dry matter' : 'wet'} a year, but only ${s.n(p.reachableTonnes)} t of eligible supply lies within its transport radius`,
  },
  infeasible_shared_minimums: {
    nb: (p, s) =>
      `Minsteinntaket til ${s.list(p.sites.map((x, i) => `${x} (${s.n(p.minimumTonnes[i] ?? 0)} tonn)`))} kan ikke alle dekkes av tilgangen de deler`,
    en: (p, s) =>
      `The minimum intakes of ${s.list(p.sites.map((x, i) => `${x} (${s.n(p.minimumTonnes[i] ?? 0)} t)`))} cannot all be met from the supply they share`,
  },
  allocation_failed: {
    nb: (p) => `Ingen fordeling (${p.status}): grensene under kan ikke alle holdes`,
    en: (p) => `No allocation (${p.status}): the limits below cannot all be kept`,
  },
  infeasible_no_solution: {
    nb: () => 'Løseren fant ingen gyldig fordeling; sjekk kapasiteter og minsteinntak',
    en: () => 'The solver found no feasible allocation; check capacities and minimum intakes',
  },
  model_unbounded: {
    nb: () =>
      'Målet er ubegrenset: en strøm mangler tilgangsgrense (en feil i modellbyggeren; meld den gjerne)',
    en: () =>
      'The objective is unbounded: a flow has no supply limit (a bug in the model builder; please report it)',
  },
  solver_stopped: {
    nb: (p) => `Løseren stoppet (${p.status})${p.detail ? `: ${p.detail}` : ''}`,
    en: (p) => `The solver stopped (${p.status})${p.detail ? `: ${p.detail}` : ''}`,
  },
  audit_sum: {
    nb: (p, s) =>
      `${s.msg(p.label)}: oppgitt ${s.fig(p.stated)}, men de ${p.parts} delene summerer seg til ${s.fig(p.computed)}`,
    en: (p, s) =>
      `${s.msg(p.label)}: stated ${s.fig(p.stated)}, but the ${p.parts} parts add up to ${s.fig(p.computed)}`,
  },
  audit_product: {
    nb: (p, s) =>
      `${s.msg(p.label)}: oppgitt ${s.fig(p.stated)}, men ${terms(p.factors, ' × ', s)} = ${s.fig(p.computed)}${p.explanation ? `. ${s.msg(p.explanation)}` : ''}`,
    en: (p, s) =>
      `${s.msg(p.label)}: stated ${s.fig(p.stated)}, but ${terms(p.factors, ' × ', s)} = ${s.fig(p.computed)}${p.explanation ? `. ${s.msg(p.explanation)}` : ''}`,
  },
  audit_growth: {
    nb: (p, s) =>
      `${s.msg(p.label)}: ${s.fig(p.start)} med ${s.n(p.ratePercent, 1)} % vekst i året i ${p.years} år gir ${s.fig(p.computed)}, ikke ${s.fig(p.stated)} (oppgitt sluttverdi svarer til ${s.n(p.impliedPercent, 1)} % i året)`,
    en: (p, s) =>
      `${s.msg(p.label)}: ${s.fig(p.start)} growing ${s.n(p.ratePercent, 1)} % a year for ${p.years} years gives ${s.fig(p.computed)}, not ${s.fig(p.stated)} (the stated end value implies ${s.n(p.impliedPercent, 1)} % a year)`,
  },
  audit_growth_convention: {
    nb: (p, s) =>
      `${s.msg(p.label)}: oppgitt ${s.fig(p.stated)} passer med ${s.n(p.ratePercent, 1)} % vekst i året regnet ${p.compoundings} ganger fra ${s.fig(p.start)} (${s.fig(p.computed)}), slik kilder som regner perioden fra året etter basisåret gjør, ikke ${p.years} ganger`,
    en: (p, s) =>
      `${s.msg(p.label)}: stated ${s.fig(p.stated)} fits ${s.n(p.ratePercent, 1)} % a year compounded ${p.compoundings} times from ${s.fig(p.start)} (${s.fig(p.computed)}), as sources that count the period from the year after the base year do, rather than ${p.years} times`,
  },
  audit_range: {
    nb: (p, s) =>
      `${s.msg(p.label)}: oppgitt ${s.fig(p.stated)} ligger utenfor ${s.msg(p.what)} (${s.fig(p.low)}–${s.fig(p.high)}, sentralt ${s.fig(p.central)})`,
    en: (p, s) =>
      `${s.msg(p.label)}: stated ${s.fig(p.stated)} lies outside ${s.msg(p.what)} (${s.fig(p.low)}–${s.fig(p.high)}, central ${s.fig(p.central)})`,
  },
  audit_co2e_counted_twice: {
    nb: (p, s) =>
      `${s.text(p.scenario)}: prisen på ${s.text(p.product).toLowerCase()} rommer en CO2-pris (${s.n(p.premiumNok / 1e6, 1)} MNOK i året), og de ${s.n(p.co2eTonnes)} t CO2e den sparer, godskrives i tillegg; samme gevinst telles dobbelt`,
    en: (p, s) =>
      `${s.text(p.scenario)}: the price of ${s.text(p.product).toLowerCase()} holds a CO2 price (${s.n(p.premiumNok / 1e6, 1)} MNOK a year), and the ${s.n(p.co2eTonnes)} t CO2e it saves are credited as well; the same benefit is counted twice`,
  },
  audit_range_self: {
    nb: (p, s) =>
      `${s.msg(p.label)}: oppgitt ${s.fig(p.stated)} er ikke kontrollert: referansen, ${s.msg(p.what)} (sentralt ${s.fig(p.central)}), er hentet fra rapporten selv, så kontrollen ville sammenlignet rapporten med seg selv`,
    en: (p, s) =>
      `${s.msg(p.label)}: stated ${s.fig(p.stated)} is not checked: the reference, ${s.msg(p.what)} (central ${s.fig(p.central)}), is taken from the report itself, so the check would compare the report with itself`,
  },
  audit_balance: {
    nb: (p, s) =>
      `${s.msg(p.label)}: det som går ut (${terms(p.outputs, ' + ', s, true)} = ${s.fig(p.outputTotal)}), er mer enn det som går inn (${s.fig(p.input)})`,
    en: (p, s) =>
      `${s.msg(p.label)}: the outputs (${terms(p.outputs, ' + ', s, true)} = ${s.fig(p.outputTotal)}) exceed what goes in (${s.fig(p.input)})`,
  },
  audit_sum_rest: {
    nb: (p, s) =>
      `${s.msg(p.label)}: formene som er listet opp, utgjør ${s.fig(p.computed)} av ${s.fig(p.stated)}; de resterende ${s.fig(p.rest)} er ${s.text(p.restText)}, slik rapporten sier`,
    en: (p, s) =>
      `${s.msg(p.label)}: the forms listed account for ${s.fig(p.computed)} of ${s.fig(p.stated)}; the remaining ${s.fig(p.rest)} are ${s.text(p.restText)}, as the report says`,
  },
  audit_product_in_range: {
    nb: (p, s) =>
      `${s.msg(p.label)}: oppgitt ${s.fig(p.stated)} svarer til ${s.n(p.implied, 2)} for ${s.text(p.factor)}, som ligger innenfor det publiserte spennet ${s.fig(p.low)}–${s.fig(p.high)}; med sentralverdien ${s.fig(p.value)} blir det ${s.fig(p.computed)}`,
    en: (p, s) =>
      `${s.msg(p.label)}: stated ${s.fig(p.stated)} implies ${s.n(p.implied, 2)} for ${s.text(p.factor)}, which lies inside the published range ${s.fig(p.low)}–${s.fig(p.high)}; the central value ${s.fig(p.value)} gives ${s.fig(p.computed)}`,
  },
  audit_statistic: {
    nb: (p, s) =>
      `${s.msg(p.label)}: oppgitt ${s.fig(p.stated)}, men ${s.msg(p.what)} gir ${s.fig(p.computed)}`,
    en: (p, s) =>
      `${s.msg(p.label)}: stated ${s.fig(p.stated)}, but ${s.msg(p.what)} gives ${s.fig(p.computed)}`,
  },
  audit_statistic_double_counted: {
    nb: (p, s) =>
      `${s.msg(p.label)}: oppgitt ${s.fig(p.stated)}, men ${s.msg(p.what)} gir ${s.fig(p.computed)}. Forskjellen på ${s.fig(p.stated - p.computed)} m3 er ${s.list(p.listings.map((l) => `kategori ${l.category} «${l.categoryText}» (${s.fig(l.m3)} m3)`))}, som står i filen både under sagtømmer og under massevirke med samme volum og her er talt dobbelt`,
    en: (p, s) =>
      `${s.msg(p.label)}: stated ${s.fig(p.stated)}, but ${s.msg(p.what)} gives ${s.fig(p.computed)}. The difference of ${s.fig(p.stated - p.computed)} m3 is ${s.list(p.listings.map((l) => `category ${l.category} "${l.categoryText}" (${s.fig(l.m3)} m3)`))}, which the file lists under both saw logs and pulpwood with the same volume and which is counted twice here`,
  },
  audit_share: {
    nb: (p, s) =>
      `${s.msg(p.label)}: oppgitt ${s.n(p.statedPercent, 1)} %, men ${s.fig(p.part)} m3 av ${s.fig(p.whole)} m3 (${s.msg(p.what)}) er ${s.n(p.computedPercent, 1)} %`,
    en: (p, s) =>
      `${s.msg(p.label)}: stated ${s.n(p.statedPercent, 1)} %, but ${s.fig(p.part)} m3 of ${s.fig(p.whole)} m3 (${s.msg(p.what)}) is ${s.n(p.computedPercent, 1)} %`,
  },
  audit_basis: {
    nb: (p, s) =>
      `${s.msg(p.label)}: rapporten oppgir ${s.fig(p.stated)} tonn ${p.basis === 'wet' ? 'våtvekt' : 'tørrstoff'}, men tallet passer med ${s.msg(p.what)} i ${p.basis === 'wet' ? 'tørrstoff' : 'våtvekt'} (${s.fig(p.basis === 'wet' ? p.dm : p.wet)} tonn); i ${p.basis === 'wet' ? 'våtvekt' : 'tørrstoff'} gir det ${s.fig(p.basis === 'wet' ? p.wet : p.dm)} tonn`,
    en: (p, s) =>
      `${s.msg(p.label)}: the report gives ${s.fig(p.stated)} t ${p.basis === 'wet' ? 'wet' : 'dry matter'}, but the figure fits ${s.msg(p.what)} as ${p.basis === 'wet' ? 'dry matter' : 'wet weight'} (${s.fig(p.basis === 'wet' ? p.dm : p.wet)} t); as ${p.basis === 'wet' ? 'wet weight' : 'dry matter'} it gives ${s.fig(p.basis === 'wet' ? p.wet : p.dm)} t`,
  },
  audit_unchecked_harvest: {
    nb: (p, s) =>
      `Skogtabellen for ${p.year} er ikke sammenlignet med avvirkningsstatistikken: Landbruksdirektoratets kommunefil for ${p.year} er ikke importert (${p.years.length > 0 ? `importerte år: ${s.list(p.years.map(String))}` : 'ingen år er importert'}). Importer den med «restverdi import avvirkning»`,
    en: (p, s) =>
      `The forestry table for ${p.year} is not compared with the harvest statistics: Landbruksdirektoratet's municipal file for ${p.year} has not been imported (${p.years.length > 0 ? `years imported: ${s.list(p.years.map(String))}` : 'no year imported'}). Import it with "restverdi import avvirkning"`,
  },
  audit_unchecked_share: {
    nb: (p, s) =>
      `Andelen ${s.n(p.statedPercent, 1)} % av Norges avvirkning i ${p.year} er ikke kontrollert: landstallet kommer fra Landbruksdirektoratets kommunefil for ${p.year}, som ikke er importert`,
    en: (p, s) =>
      `The share of ${s.n(p.statedPercent, 1)} % of Norway's harvest in ${p.year} is not checked: the national total comes from Landbruksdirektoratet's municipal file for ${p.year}, which has not been imported`,
  },
  audit_unchecked_share_counties: {
    nb: (p, s) =>
      `Andelen ${s.n(p.statedPercent, 1)} % av Norges avvirkning i ${p.year} er ikke kontrollert: den importerte filen for ${p.year} dekker ikke hele landet (ingen avvirkning i fylkene ${s.list(p.counties)}), så summen er ikke et landstall`,
    en: (p, s) =>
      `The share of ${s.n(p.statedPercent, 1)} % of Norway's harvest in ${p.year} is not checked: the file imported for ${p.year} does not cover the whole country (no harvest in counties ${s.list(p.counties)}), so its sum is not a national total`,
  },
  missing_statistics: {
    nb: (p, s) =>
      `${s.muni(p.municipality)} mangler statistikk for ${s.kind(p.kind)}: ${s.list(p.statistics)}`,
    en: (p, s) => `${s.muni(p.municipality)} lacks statistics for ${s.kind(p.kind)}: ${s.list(p.statistics)}`,
  },
  unknown_region: {
    nb: (p, s) => `Ukjent region «${p.id}»; regionene som finnes: ${s.list(p.known) || '(ingen)'}`,
    en: (p, s) => `Unknown region "${p.id}"; regions that exist: ${s.list(p.known) || '(none)'}`,
  },
  unknown_profile: {
    nb: (p, s) => `Ukjent koeffisientprofil «${p.id}»; profilene er ${s.list(p.known)}`,
    en: (p, s) => `Unknown coefficient profile "${p.id}"; the profiles are ${s.list(p.known)}`,
  },
  unknown_kind: {
    nb: (p, s) => `Ukjent restråstoff «${p.id}»; kjente slag: ${s.list(p.known)}`,
    en: (p, s) => `Unknown residue kind "${p.id}"; kinds: ${s.list(p.known)}`,
  },
  unknown_municipality_in_region: {
    nb: (p, s) =>
      `Ukjent kommune «${p.input}»${p.candidates.length > 0 ? ` (delt; velg en av ${s.list(p.candidates)})` : ''}; kommunene i ${p.region}: ${s.list(p.known.map(s.muni))}`,
    en: (p, s) =>
      `Unknown municipality "${p.input}"${p.candidates.length > 0 ? ` (split; choose one of ${s.list(p.candidates)})` : ''}; municipalities in ${p.region}: ${s.list(p.known.map(s.muni))}`,
  },
  invalid_choice: {
    nb: (p, s) => `Ugyldig ${p.name}: ${p.input} (bruk ${s.list(p.allowed)})`,
    en: (p, s) => `Invalid ${p.name}: ${p.input} (use ${s.list(p.allowed)})`,
  },
  invalid_integer: {
    nb: (p) =>
      `Ugyldig ${p.name}: ${p.input} (et heltall ${p.max === null ? `≥ ${p.min}` : `fra ${p.min} til ${p.max}`})`,
    en: (p) =>
      `Invalid ${p.name}: ${p.input} (a whole number ${p.max === null ? `≥ ${p.min}` : `from ${p.min} to ${p.max}`})`,
  },
  missing_statistic: {
    nb: (p, s) =>
      `${s.muni(p.municipality)} mangler ${p.statistic}, som trengs for ${s.list(p.kinds.map(s.kind))}`,
    en: (p, s) => `${s.muni(p.municipality)} lacks ${p.statistic}, needed for ${s.list(p.kinds.map(s.kind))}`,
  },
  missing_statistics_for: {
    nb: (p, s) =>
      `Statistikk mangler for ${s.list(p.municipalities.map(s.muni))}: ${s.list(p.statistics)} (profilen ${p.profile} trenger dem); importer dem først`,
    en: (p, s) =>
      `Statistics are missing for ${s.list(p.municipalities.map(s.muni))}: ${s.list(p.statistics)} (profile ${p.profile} needs them); import them first`,
  },
  region_invalid: {
    nb: (p) => `Regionen ${p.region} har ${p.problems} feil`,
    en: (p) => `Region ${p.region} has ${p.problems} problem(s)`,
  },
  region_id_invalid: {
    nb: (p) =>
      `«${p.id}» er ikke en gyldig region-id (små bokstaver, sifre og bindestrek, med en bokstav først)`,
    en: (p) => `"${p.id}" is not a region id (lower-case letters, digits and dashes, starting with a letter)`,
  },
  region_name_missing: { nb: () => 'En region må ha et navn', en: () => 'A region needs a name' },
  region_empty: {
    nb: () => 'En region må ha minst én kommune',
    en: () => 'A region needs at least one municipality',
  },
  region_number_invalid: {
    nb: (p) => `${p.input}: ikke et kommunenummer`,
    en: (p) => `${p.input}: not a municipality number`,
  },
  region_number_unresolved: {
    nb: (p, s) =>
      p.candidates.length > 0
        ? `${p.input} ble delt; velg en av ${s.list(p.candidates)}`
        : `${p.input}: finnes ikke i dagens inndeling eller i endringene siden 2017`,
    en: (p, s) =>
      p.candidates.length > 0
        ? `${p.input} was split; choose one of ${s.list(p.candidates)}`
        : `${p.input}: not in today's division or in the changes since 2017`,
  },
  region_municipality_unknown: {
    nb: (p) => `${p.region}: kommune ${p.municipality} finnes ikke i dagens inndeling`,
    en: (p) => `${p.region}: municipality ${p.municipality} does not exist today`,
  },
  region_subregion_member_outside: {
    nb: (p) => `${p.region}: delregionsmedlemmet ${p.municipality} er ikke med i regionens kommuner`,
    en: (p) => `${p.region}: sub-region member ${p.municipality} is not in the region's municipalities`,
  },
  region_municipality_in_two_subregions: {
    nb: (p) => `${p.region}: kommune ${p.municipality} er med i mer enn én delregion`,
    en: (p) => `${p.region}: municipality ${p.municipality} is in more than one sub-region`,
  },
  subregion_name_missing: { nb: () => 'En delregion må ha et navn', en: () => 'A sub-region needs a name' },
  subregion_id_invalid: {
    nb: (p) => `«${p.id}» er ikke en gyldig delregion-id`,
    en: (p) => `"${p.id}" is not a sub-region id`,
  },
  subregion_empty: {
    nb: (p) => `Delregionen ${p.subRegion} må ha kommuner`,
    en: (p) => `Sub-region ${p.subRegion} needs municipalities`,
  },
  subregion_duplicate_id: {
    nb: (p) => `Flere delregioner har id-en ${p.id}`,
    en: (p) => `Two sub-regions have the id ${p.id}`,
  },
  field_missing: {
    nb: (p) => `Mangler (skal være ${VALUE_WORDS[p.expected].nb})`,
    en: (p) => `Missing (expected ${VALUE_WORDS[p.expected].en})`,
  },
  field_invalid_type: {
    nb: (p) =>
      `Skal være ${VALUE_WORDS[p.expected].nb}${p.received ? `, men er ${VALUE_WORDS[p.received].nb}` : ''}`,
    en: (p) =>
      `Expected ${VALUE_WORDS[p.expected].en}${p.received ? `, got ${VALUE_WORDS[p.received].en}` : ''}`,
  },
  field_too_small: {
    nb: (p, s) =>
      `Må ${p.inclusive ? 'være minst' : 'være større enn'} ${s.n(p.limit, decimals(p.limit))}${COUNTED[p.origin]?.nb ?? ''}`,
    en: (p, s) =>
      `Must ${p.inclusive ? 'be at least' : 'be greater than'} ${s.n(p.limit, decimals(p.limit))}${COUNTED[p.origin]?.en ?? ''}`,
  },
  field_too_big: {
    nb: (p, s) =>
      `Må ${p.inclusive ? 'være høyst' : 'være mindre enn'} ${s.n(p.limit, decimals(p.limit))}${COUNTED[p.origin]?.nb ?? ''}`,
    en: (p, s) =>
      `Must ${p.inclusive ? 'be at most' : 'be less than'} ${s.n(p.limit, decimals(p.limit))}${COUNTED[p.origin]?.en ?? ''}`,
  },
  field_invalid_value: {
    nb: (p) => (p.values.length === 1 ? `Må være ${p.values[0]}` : `Må være en av: ${p.values.join(', ')}`),
    en: (p) => (p.values.length === 1 ? `Must be ${p.values[0]}` : `Must be one of: ${p.values.join(', ')}`),
  },
  field_invalid_format: {
    nb: (p) =>
      p.format === 'regex'
        ? `Har ikke riktig form (${p.pattern})`
        : `Er ikke ${FORMAT_WORDS[p.format]?.nb ?? `på formen ${p.format}`}`,
    en: (p) =>
      p.format === 'regex'
        ? `Is not in the right form (${p.pattern})`
        : `Is not ${FORMAT_WORDS[p.format]?.en ?? `in the form ${p.format}`}`,
  },
  field_not_multiple_of: {
    nb: (p, s) => `Må være et multiplum av ${s.n(p.divisor, decimals(p.divisor))}`,
    en: (p, s) => `Must be a multiple of ${s.n(p.divisor, decimals(p.divisor))}`,
  },
  field_unknown: { nb: (p) => `Ukjent felt «${p.key}»`, en: (p) => `Unknown field "${p.key}"` },
  field_invalid: { nb: () => 'Ugyldig verdi', en: () => 'Invalid value' },
  request_invalid: {
    nb: (p, s) => `${REQUEST_PARTS[p.part]?.nb ?? p.part} har ${s.n(p.problems)} feil`,
    en: (p, s) =>
      `${REQUEST_PARTS[p.part]?.en ?? p.part} ${p.problems === 1 ? 'has 1 problem' : `has ${s.n(p.problems)} problems`}`,
  },
};

/** The terms of an audited product ("0,15 andel × 4 t/daa") or balance ("biokull 15 000 + …"). */
function terms(list: readonly AuditTerm[], sign: string, s: Say, nameFirst = false): string {
  return list
    .map((t) => (nameFirst ? `${s.text(t.label)} ${s.fig(t.value)}` : `${s.fig(t.value)} ${s.text(t.label)}`))
    .join(sign);
}

/** How a kind of value reads (field_missing, field_invalid_type). */
const VALUE_WORDS: Record<ValueType, Record<Lang, string>> = {
  string: { nb: 'tekst', en: 'text' },
  number: { nb: 'et tall', en: 'a number' },
  int: { nb: 'et heltall', en: 'a whole number' },
  bigint: { nb: 'et heltall', en: 'a whole number' },
  boolean: { nb: 'sann eller usann', en: 'true or false' },
  object: { nb: 'et objekt', en: 'an object' },
  array: { nb: 'en liste', en: 'a list' },
  date: { nb: 'en dato', en: 'a date' },
  null: { nb: 'tom (null)', en: 'empty (null)' },
  undefined: { nb: 'tom', en: 'empty' },
  other: { nb: 'en annen verdi', en: 'another value' },
};

/** What a size limit counts, by zod's origin of the limit (nothing for a number). */
const COUNTED: Record<string, Record<Lang, string>> = {
  string: { nb: ' tegn', en: ' characters' },
  array: { nb: ' elementer', en: ' items' },
  set: { nb: ' elementer', en: ' items' },
  file: { nb: ' byte', en: ' bytes' },
};

const FORMAT_WORDS: Record<string, Record<Lang, string>> = {
  email: { nb: 'en e-postadresse', en: 'an email address' },
  url: { nb: 'en nettadresse', en: 'a URL' },
  date: { nb: 'en dato (ÅÅÅÅ-MM-DD)', en: 'a date (YYYY-MM-DD)' },
  datetime: { nb: 'et tidspunkt (ISO 8601)', en: 'a time (ISO 8601)' },
  uuid: { nb: 'en UUID', en: 'a UUID' },
};

/** The parts of an HTTP request, as hono's validator targets name them. */
const REQUEST_PARTS: Record<string, Record<Lang, string>> = {
  body: { nb: 'Innholdet i forespørselen', en: 'The request body' },
  json: { nb: 'Innholdet i forespørselen', en: 'The request body' },
  form: { nb: 'Skjemaet i forespørselen', en: 'The request form' },
  query: { nb: 'Spørreparametrene', en: 'The query parameters' },
  param: { nb: 'Stien', en: 'The path' },
  header: { nb: 'Hodene i forespørselen', en: 'The request headers' },
  cookie: { nb: 'Informasjonskapslene', en: 'The cookies' },
};

/** Limits are shown as given: whole numbers without decimals, others with up to four. */
const decimals = (v: number) => (Number.isInteger(v) ? 0 : Math.min(4, String(v).split('.')[1]?.length ?? 0));

/** The domain's own codes (src/domain/message.ts); the parts hold the rest. */
type CoreCode = Exclude<
  MessageCode,
  keyof IngestMessageParams | keyof AppMessageParams | keyof LabelMessageParams | keyof ShellMessageParams
>;

export const CATALOGUE: CataloguePart<MessageCode> = {
  ...CORE_CATALOGUE,
  ...INGEST_CATALOGUE,
  ...APP_CATALOGUE,
  ...LABELS_CATALOGUE,
  ...SHELLS_CATALOGUE,
};

export const MESSAGE_CODES = Object.keys(CATALOGUE) as MessageCode[];

/** A name with its id after it, when there is a name and it is not the id itself. */
const withId = (name: string | undefined, id: string) => (name && name !== id ? `${name} (${id})` : id);

/** The message in the language. An unknown code (from a newer store, say) shows as its code. */
export function renderMessage(m: Message, lang: Lang, names: Names = {}): string {
  const entry = CATALOGUE[m.code] as { nb: Template<MessageCode>; en: Template<MessageCode> } | undefined;
  if (!entry) return m.code;
  const say: Say = {
    n: (v, digits = 0) => formatNumber(v, lang, digits),
    fig: (v) =>
      Number.isInteger(v)
        ? formatNumber(v, lang)
        : Math.abs(v) >= 1000
          ? formatNumber(v, lang, 1)
          : formatCoefficient(v, lang),
    list: (items) => formatList(items, lang),
    tier: (t) => TIER_NAMES[t]?.[lang] ?? t,
    kind: (id) => names.kind?.(id, lang) ?? id,
    tech: (id) => names.technology?.(id, lang) ?? id,
    muni: (nr) => names.municipality?.(nr) ?? nr,
    kindId: (id) => withId(names.kind?.(id, lang), id),
    techId: (id) => withId(names.technology?.(id, lang), id),
    text: (t) => t[lang],
    msg: (nested) => renderMessage(nested, lang, names),
  };
  return entry[lang](m.params as never, say);
}

/**
 * An answer made for people: every message in it gains its `text` in the language (the code and
 * parameters stay, so a program can still branch on the code). Returns a copy.
 */
export function localise<T>(value: T, lang: Lang, names: Names = {}): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object' || v instanceof Date) return v;
    if (isMessage(v) && v.code in CATALOGUE) return { ...v, text: renderMessage(v, lang, names) };
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return walk(value) as T;
}
