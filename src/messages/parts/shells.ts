/** The catalogue's part for the codes of src/domain/messages/shells.ts, in bokmål and English. */
import type { ShellMessageParams } from '../../domain/messages/shells.ts';
import type { Lang } from '../format.ts';
import type { CataloguePart } from '../template.ts';

/** What a system error code means for a file a person named (Node's `error.code`). */
const FILE_REASONS: Record<string, Record<Lang, string>> = {
  ENOENT: { nb: 'filen finnes ikke', en: 'there is no such file' },
  EACCES: { nb: 'du har ikke lesetilgang', en: 'permission denied' },
  EPERM: { nb: 'du har ikke lesetilgang', en: 'permission denied' },
  EISDIR: { nb: 'dette er en mappe', en: 'it is a folder' },
};

/** The report's steps (src/report/build.ts, write.ts and the CLI's own). */
const REPORT_STEPS: Record<string, Record<Lang, string>> = {
  solver: { nb: 'løser', en: 'solver' },
  estimate: { nb: 'estimat', en: 'estimate' },
  sections: { nb: 'kapitler', en: 'sections' },
  actors: { nb: 'aktører', en: 'actors' },
  scenarios: { nb: 'scenarioer', en: 'scenarios' },
  allocation: { nb: 'fordeling', en: 'allocation' },
  audit: { nb: 'kontroll', en: 'audit' },
  done: { nb: 'ferdig', en: 'done' },
};

/** What an actor count counts, by the units it counts. */
const COUNTED_UNITS: Record<'all' | 'enheter' | 'underenheter', Record<Lang, string>> = {
  all: {
    nb: 'enheter (juridiske enheter) på forretningsadressen og underenheter (virksomheter) på beliggenhetsadressen; en enhet og hver av underenhetene dens telles hver for seg',
    en: 'legal units (enheter) at their business address (forretningsadresse) and establishments (underenheter) at their physical address (beliggenhetsadresse); a legal unit and each of its establishments count separately',
  },
  enheter: {
    nb: 'enheter (juridiske enheter) på forretningsadressen',
    en: 'legal units (enheter) at their business address (forretningsadresse)',
  },
  underenheter: {
    nb: 'underenheter (virksomheter) på beliggenhetsadressen',
    en: 'establishments (underenheter) at their physical address (beliggenhetsadresse)',
  },
};

/** The statuses an actor count leaves out. */
const REMOVED: Record<string, Record<Lang, string>> = {
  bankrupt: { nb: 'konkurs', en: 'bankrupt (konkurs)' },
  liquidation: { nb: 'under avvikling', en: 'under liquidation (underAvvikling)' },
  forced_dissolution: {
    nb: 'under tvangsavvikling eller tvangsoppløsning',
    en: 'under forced dissolution (underTvangsavviklingEllerTvangsopplosning)',
  },
  closed: { nb: 'nedlagte underenheter (nedleggelsesdato)', en: 'closed establishments (nedleggelsesdato)' },
  non_vat: {
    nb: 'ikke i Merverdiavgiftsregisteret (registrertIMvaregisteret)',
    en: 'not VAT-registered (registrertIMvaregisteret)',
  },
};

const UNITS: Record<'enhet' | 'underenhet', Record<Lang, string>> = {
  enhet: { nb: 'enheter', en: 'legal units (enheter)' },
  underenhet: { nb: 'underenheter', en: 'establishments (underenheter)' },
};

/** "a, b or c": the options a person may choose between. */
const either = (items: readonly string[], or: string) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1)}`;

export const SHELLS_CATALOGUE: CataloguePart<keyof ShellMessageParams> = {
  file_unreadable: {
    nb: (p) =>
      `Kan ikke lese ${p.file}: ${FILE_REASONS[p.reason]?.nb ?? 'filen kan ikke leses'} (${p.reason})`,
    en: (p) => `Cannot read ${p.file}: ${FILE_REASONS[p.reason]?.en ?? 'it cannot be read'} (${p.reason})`,
  },
  options_missing: {
    nb: (p) => `${p.command}: oppgi minst én av ${either(p.options, 'eller')}`,
    en: (p) => `${p.command}: give at least one of ${either(p.options, 'or')}`,
  },
  options_conflict: {
    nb: (p) => `${p.option} kan ikke brukes sammen med ${p.other}`,
    en: (p) => `${p.option} cannot be combined with ${p.other}`,
  },
  option_list_empty: {
    nb: (p) => `${p.option} er tom: gi en kommaseparert liste`,
    en: (p) => `${p.option} is empty: give a comma-separated list`,
  },
  invalid_nonnegative_number: {
    nb: (p) => `Ugyldig ${p.name}: ${p.input} (et tall ≥ 0)`,
    en: (p) => `Invalid ${p.name}: ${p.input} (a number ≥ 0)`,
  },
  explain_needs_municipality: {
    nb: (p, s) =>
      `${p.option} trenger ${p.needs} NR; kommunene i ${p.region}: ${s.list(p.municipalities.map(s.muni))}`,
    en: (p, s) =>
      `${p.option} needs ${p.needs} NR; municipalities in ${p.region}: ${s.list(p.municipalities.map(s.muni))}`,
  },
  option_only_with: {
    nb: (p) => `${p.option} brukes bare sammen med ${p.with}; for å velge kommuner, bruk ${p.instead}`,
    en: (p) => `${p.option} only goes with ${p.with}; to select municipalities use ${p.instead}`,
  },
  profile_has_no_recipe: {
    nb: (p, s) =>
      `Profilen ${p.profile} har ingen oppskrift for «${p.kind}»; slagene den har: ${s.list(p.kinds.map(s.kindId))}`,
    en: (p, s) =>
      `Profile ${p.profile} has no recipe for "${p.kind}"; its kinds: ${s.list(p.kinds.map(s.kindId))}`,
  },
  report_out_missing: {
    nb: (p) => `Rapporten trenger ${p.option} MAPPE (mappen der rapport.html og rapport.xlsx skrives)`,
    en: (p) => `The report needs ${p.option} DIR (the folder to write rapport.html and rapport.xlsx to)`,
  },
  chromium_missing: {
    nb: (p) =>
      `${p.option} trenger Chromium i ${p.path}, som ikke er installert (Debian: apt-get install chromium); HTML- og XLSX-filene er skrevet`,
    en: (p) =>
      `${p.option} needs Chromium at ${p.path}, which is not installed (Debian: apt-get install chromium); the HTML and XLSX files were written`,
  },
  import_done: {
    nb: (p) => `Import nr. ${p.importId} (${p.kind}):`,
    en: (p) => `Import ${p.importId} (${p.kind}):`,
  },
  import_file_summary: {
    nb: (p, s) =>
      `${p.file}: datasett ${p.dataset} (${p.year}), ${s.n(p.municipalities)} kommuner, ${s.n(p.observations)} observasjoner`,
    en: (p, s) =>
      `${p.file}: dataset ${p.dataset} (${p.year}), ${s.n(p.municipalities)} municipalities, ${s.n(p.observations)} observations`,
  },
  import_harvest_note: {
    nb: (p, s) =>
      `${s.n(p.rows)} dobbeltførte rader (${s.n(p.m3)} m3) er talt én gang${p.unresolved > 0 ? `; ${s.n(p.unresolved)} kommunenummer kunne ikke kobles til dagens` : ''}`,
    en: (p, s) =>
      `${s.n(p.rows)} double-listed rows (${s.n(p.m3)} m3) counted once${p.unresolved > 0 ? `; ${s.n(p.unresolved)} municipality number(s) could not be mapped to today's` : ''}`,
  },
  import_farm_note: {
    nb: (p, s) =>
      `${p.kind}, tegnsett ${p.encoding}, ${s.n(p.rows)} rader${p.partial ? `, DELVIS (${p.partial})` : ''}`,
    en: (p, s) =>
      `${p.kind}, encoding ${p.encoding}, ${s.n(p.rows)} rows${p.partial ? `, PARTIAL (${p.partial})` : ''}`,
  },
  import_applied: {
    nb: (p, s) =>
      `Import nr. ${p.importId}: ${s.n(p.inserted)} nye, ${s.n(p.updated)} endret, ${s.n(p.unchanged)} uendret, ${s.n(p.removed)} fjernet (${p.location})`,
    en: (p, s) =>
      `Import ${p.importId}: ${s.n(p.inserted)} new, ${s.n(p.updated)} changed, ${s.n(p.unchanged)} unchanged, ${s.n(p.removed)} removed (${p.location})`,
  },
  register_file_imported: {
    nb: (p, s) =>
      `${p.file}: ${s.n(p.records)} ${UNITS[p.unitType].nb} (${p.format}${p.gzip ? ', gzip' : ''}); ${s.n(p.mapped)} gamle kommunenummer koblet til dagens; problemer: ${p.problems.join(', ') || 'ingen'}`,
    en: (p, s) =>
      `${p.file}: ${s.n(p.records)} ${UNITS[p.unitType].en} (${p.format}${p.gzip ? ', gzip' : ''}); ${s.n(p.mapped)} old municipality numbers mapped to today's; problems: ${p.problems.join(', ') || 'none'}`,
  },
  register_pulled: {
    nb: (p, s) =>
      `Import nr. ${p.importId}: ${s.n(p.enheter)} enheter og ${s.n(p.underenheter)} underenheter i ${s.n(p.queries)} søk; ${s.n(p.inserted)} nye, ${s.n(p.updated)} endret, ${s.n(p.unchanged)} uendret`,
    en: (p, s) =>
      `Import ${p.importId}: ${s.n(p.enheter)} legal units (enheter) and ${s.n(p.underenheter)} establishments (underenheter) in ${s.n(p.queries)} queries; ${s.n(p.inserted)} new, ${s.n(p.updated)} changed, ${s.n(p.unchanged)} unchanged`,
  },
  register_updated: {
    nb: (p, s) =>
      `Oppdateringer for ${UNITS[p.unitType].nb}: ${s.n(p.changes)} endringer fra ${p.from}; ${s.n(p.inserted)} nye, ${s.n(p.updated)} endret, ${s.n(p.removed)} fjernet; neste oppdateringsid ${p.nextId ?? '(ingen)'}`,
    en: (p, s) =>
      `Updates for ${UNITS[p.unitType].en}: ${s.n(p.changes)} changes from ${p.from}; ${s.n(p.inserted)} new, ${s.n(p.updated)} changed, ${s.n(p.removed)} removed; next oppdateringsid ${p.nextId ?? '(none)'}`,
  },
  region_created: {
    nb: (p, s) => `Opprettet regionen ${p.id} (${p.name}): ${s.list(p.municipalities.map(s.muni))}`,
    en: (p, s) => `Created region ${p.id} (${p.name}): ${s.list(p.municipalities.map(s.muni))}`,
  },
  harvest_rows_missing: {
    nb: (p, s) => `Ingen avvirkningsrader for ${s.list(p.municipalities.map(s.muni))} i ${p.year}.`,
    en: (p, s) => `No harvest rows for ${s.list(p.municipalities.map(s.muni))} in ${p.year}.`,
  },
  actors_total: {
    nb: (p, s) => `${p.region}: ${s.n(p.total)} aktører`,
    en: (p, s) => `${p.region}: ${s.n(p.total)} actors`,
  },
  actors_counting_rule: {
    nb: (p, s) =>
      `Teller ${COUNTED_UNITS[p.units].nb}, etter dagens kommunenummer; ${p.removed.length > 0 ? `fjernet: ${s.list(p.removed.map((r) => REMOVED[r]?.nb ?? r))}` : 'ingenting fjernet'}.${p.units === 'enheter' ? '' : ' En underenhet får statusen (konkurs, avvikling, mva) til enheten sin når den er i databasen, ellers sin egen.'} En aktør hører til hver sektor en av næringskodene 1–3 faller i; sammensatte sektorer (både jordbruk og skogbruk) erstatter delene sine.`,
    en: (p, s) =>
      `Counts ${COUNTED_UNITS[p.units].en}, by today's municipality number; ${p.removed.length > 0 ? `removed: ${s.list(p.removed.map((r) => REMOVED[r]?.en ?? r))}` : 'nothing removed'}.${p.units === 'enheter' ? '' : ' An establishment takes the status (konkurs, avvikling, VAT) of its legal unit when that is in the store, else its own.'} An actor is in every sector one of its naeringskode1–3 falls in; combined sectors (both agriculture and forestry) replace their parts.`,
  },
  rows_shown: {
    nb: (p, s) => `Rad ${s.n(p.first)}–${s.n(p.last)} av ${s.n(p.total)}`,
    en: (p, s) => `Rows ${s.n(p.first)}–${s.n(p.last)} of ${s.n(p.total)}`,
  },
  server_running: {
    nb: (p) => `Restverdi kjører: åpne ${p.url}/ (Ctrl+C stopper)`,
    en: (p) => `Restverdi is running: open ${p.url}/ (Ctrl+C stops it)`,
  },
  more_issues: {
    nb: (p, s) => `… og ${s.n(p.count)} problemer til`,
    en: (p, s) => `… and ${s.n(p.count)} more problems`,
  },
  report_progress: {
    nb: (p, s) => `restverdi report: ${REPORT_STEPS[p.step]?.nb ?? p.step} (${s.n(p.seconds, 1)} s)`,
    en: (p, s) => `restverdi report: ${REPORT_STEPS[p.step]?.en ?? p.step} (${s.n(p.seconds, 1)} s)`,
  },
};
