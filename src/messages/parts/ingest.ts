/** The catalogue's part for the codes of src/domain/messages/ingest.ts, in bokmål and English. */
import type { ActorProblemCode, UnitType } from '../../domain/actors.ts';
import type { CellExpectation, IngestMessageParams, Service } from '../../domain/messages/ingest.ts';
import type { Lang } from '../format.ts';
import type { CataloguePart } from '../template.ts';

type Words<K extends string> = Record<K, Record<Lang, string>>;

/** What a cell should have held. */
const EXPECTED: Words<CellExpectation> = {
  animal_count: {
    nb: 'et helt antall dyr eller en tom celle',
    en: 'a whole number of animals or an empty cell',
  },
  number: {
    nb: 'et tall (desimalkomma går an) eller en tom celle',
    en: 'a number (decimal comma allowed) or an empty cell',
  },
  year: { nb: 'et årstall', en: 'a year' },
  municipality_number: { nb: 'et kommunenummer', en: 'a municipality number' },
  volume_m3: { nb: 'et volum i m³', en: 'a volume in m³' },
  distance_km: { nb: 'en avstand i km (et tall ≥ 0)', en: 'a distance in km (a number ≥ 0)' },
};

/** Plural names of the register's unit types, as a file of them is called. */
const UNITS: Words<UnitType> = {
  enhet: { nb: 'enheter', en: 'legal units (enheter)' },
  underenhet: { nb: 'underenheter', en: 'establishments (underenheter)' },
};
const UNIT: Words<UnitType> = {
  enhet: { nb: 'en enhet', en: 'a legal unit (enhet)' },
  underenhet: { nb: 'en underenhet', en: 'an establishment (underenhet)' },
};
const otherType = (t: UnitType): UnitType => (t === 'enhet' ? 'underenhet' : 'enhet');

/** Where a register record is: a file's record and byte, or an API answer's hit. */
const recordNb = (p: { source: string; record: number; offset: number | null }) =>
  `${p.source}, post ${p.record}${p.offset === null ? '' : ` ved byte ${p.offset}`}`;
const recordEn = (p: { source: string; record: number; offset: number | null }) =>
  `${p.source}, record ${p.record}${p.offset === null ? '' : ` at byte ${p.offset}`}`;
const bulkNb = (p: { file: string; record: number; offset: number }) =>
  `${p.file}, ${p.record > 0 ? `post ${p.record} ved byte ${p.offset}` : `byte ${p.offset}`}`;
const bulkEn = (p: { file: string; record: number; offset: number }) =>
  `${p.file}, ${p.record > 0 ? `record ${p.record} at byte ${p.offset}` : `byte ${p.offset}`}`;

// Each names the service's short name too, as people call it (the URL follows in every message).
const SERVICE: Words<Service> = {
  brreg: { nb: 'Enhetsregisterets API (brreg)', en: 'the Entity Register API (brreg)' },
  ssb: { nb: 'SSBs statistikkbank (ssb)', en: 'the Statistics Norway API (ssb)' },
  ldir: { nb: 'Landbruksdirektoratets åpne data (ldir)', en: 'Landbruksdirektoratet’s open data (ldir)' },
};
const SERVICE_CAP: Words<Service> = {
  brreg: { nb: 'Enhetsregisterets API (brreg)', en: 'The Entity Register API (brreg)' },
  ssb: { nb: 'SSBs statistikkbank (ssb)', en: 'The Statistics Norway API (ssb)' },
  ldir: { nb: 'Landbruksdirektoratets åpne data (ldir)', en: 'Landbruksdirektoratet’s open data (ldir)' },
};

/** «Linje 3, kolonne «p1»» — where a cell is. */
const cellNb = (p: { file: string; line: number; column: string }) =>
  `${p.file}, linje ${p.line}, kolonne «${p.column}»`;
const cellEn = (p: { file: string; line: number; column: string }) =>
  `${p.file}, line ${p.line}, column "${p.column}"`;

export const INGEST_CATALOGUE: CataloguePart<keyof IngestMessageParams> = {
  file_not_found: {
    nb: (p) => `Finner ikke filen ${p.file}`,
    en: (p) => `File ${p.file} does not exist`,
  },
  file_not_json: {
    nb: (p) => `${p.file} er ikke gyldig JSON (tolkeren sier: ${p.reason})`,
    en: (p) => `${p.file} is not valid JSON (the parser says: ${p.reason})`,
  },
  file_empty: { nb: (p) => `Filen ${p.file} er tom`, en: (p) => `File ${p.file} is empty` },
  file_has_problems: {
    nb: (p, s) => `${p.file} har ${s.n(p.count)} feil; se listen under`,
    en: (p, s) => `${p.file} has ${s.n(p.count)} problem${p.count === 1 ? '' : 's'}; see the list below`,
  },
  file_not_xlsx: {
    nb: (p) => `${p.file} kan ikke leses som en Excel-arbeidsbok (xlsx)`,
    en: (p) => `${p.file} cannot be read as an Excel workbook (xlsx)`,
  },
  csv_invalid: {
    nb: (p) =>
      `${p.file}${p.line === null ? '' : `, linje ${p.line}`}: kan ikke leses som CSV (se etter anførselstegn som ikke lukkes)`,
    en: (p) =>
      `${p.file}${p.line === null ? '' : `, line ${p.line}`}: cannot be read as CSV (look for a quote left open)`,
  },
  header_invalid: {
    nb: (p) => `${p.file}, linje ${p.line}: overskriften skal være «${p.expected}», men er «${p.found}»`,
    en: (p) => `${p.file}, line ${p.line}: the header should be "${p.expected}", got "${p.found}"`,
  },
  header_not_found: {
    nb: (p) => `${p.file}: finner ingen overskriftsrad med kolonnen ${p.column}`,
    en: (p) => `${p.file}: no header row has a column ${p.column}`,
  },
  column_missing: {
    nb: (p) => `${p.file}, linje ${p.line}: kolonnen «${p.column}» finnes ikke i overskriften`,
    en: (p) => `${p.file}, line ${p.line}: the header has no column "${p.column}"`,
  },
  column_unmapped: {
    nb: (p) =>
      `${p.file}, linje ${p.line}: kolonnen «${p.column}» er verken koblet til en kategori eller utelatt i koblingsfilen`,
    en: (p) =>
      `${p.file}, line ${p.line}: column "${p.column}" is neither mapped nor excluded in the mapping file`,
  },
  columns_duplicate: {
    nb: (p) => `${p.file}, linje ${p.line}: flere kolonner har samme navn`,
    en: (p) => `${p.file}, line ${p.line}: two or more columns have the same name`,
  },
  file_kind_unknown: {
    nb: (p, s) =>
      `${p.file}: ukjent filtype; overskriften (${s.list(p.header.slice(0, 6))} …) passer ikke med noen av ${s.list(p.kinds)}`,
    en: (p, s) =>
      `${p.file}: unknown file type; the header (${s.list(p.header.slice(0, 6))} …) matches none of ${s.list(p.kinds)}`,
  },
  row_width: {
    nb: (p, s) =>
      `${p.file}, linje ${p.line}: raden har ${s.n(p.fields)} felt, overskriften ${s.n(p.expected)}`,
    en: (p, s) =>
      `${p.file}, line ${p.line}: the row has ${s.n(p.fields)} fields, the header ${s.n(p.expected)}`,
  },
  line_invalid: {
    nb: (p) => `${p.file}, linje ${p.line}: skal være på formen «${p.expected}», men er «${p.found}»`,
    en: (p) => `${p.file}, line ${p.line}: expected the form "${p.expected}", got "${p.found}"`,
  },
  cell_invalid: {
    nb: (p) => `${cellNb(p)}: «${p.value}» er ikke ${EXPECTED[p.expected].nb}`,
    en: (p) => `${cellEn(p)}: "${p.value}" is not ${EXPECTED[p.expected].en}`,
  },
  cell_unknown_code: {
    nb: (p, s) => `${cellNb(p)}: ukjent kode «${p.value}» (kjente: ${s.list(p.known)})`,
    en: (p, s) => `${cellEn(p)}: unknown code "${p.value}" (known: ${s.list(p.known)})`,
  },
  cell_municipality_unresolved: {
    nb: (p, s) =>
      p.candidates.length > 0
        ? `${cellNb(p)}: kommunenummeret ${p.value} ble delt i ${s.list(p.candidates)}; bruk ett av dem`
        : `${cellNb(p)}: kommunenummeret ${p.value} finnes ikke i dagens inndeling eller i endringene siden 2017`,
    en: (p, s) =>
      p.candidates.length > 0
        ? `${cellEn(p)}: municipality number ${p.value} was split into ${s.list(p.candidates)}; use one of them`
        : `${cellEn(p)}: municipality number ${p.value} is not in today's division or in the changes since 2017`,
  },
  pair_duplicate: {
    nb: (p) => `${p.file}, linje ${p.line}: paret ${p.from} → ${p.to} står flere ganger`,
    en: (p) => `${p.file}, line ${p.line}: the pair ${p.from} → ${p.to} is listed more than once`,
  },
  data_rows_missing: {
    nb: (p) => `${p.file}: ingen datarader under overskriften (linje ${p.line})`,
    en: (p) => `${p.file}: no data rows under the header (line ${p.line})`,
  },
  years_mixed: {
    nb: (p) => `${p.file}: kolonnen ${p.column} har flere år: ${p.years.join(', ')}`,
    en: (p) => `${p.file}: column ${p.column} holds more than one year: ${p.years.join(', ')}`,
  },
  year_mismatch: {
    nb: (p) => `${p.file} gjelder ${p.inFile}, ikke ${p.asked}`,
    en: (p) => `${p.file} is for ${p.inFile}, not ${p.asked}`,
  },
  year_unknown: {
    nb: (p) => `${p.file} har verken en årskolonne eller et årstall i navnet: oppgi --year`,
    en: (p) => `${p.file} has neither a year column nor a year in its name: give --year`,
  },
  header_years_reversed: {
    nb: (p) => `${p.file}, linje 1: året ${p.after} i overskriften kommer ikke etter ${p.before}`,
    en: (p) => `${p.file}, line 1: the header's year ${p.after} is not after ${p.before}`,
  },
  lines_odd: {
    nb: (p) => `${p.file}, linje ${p.line}: oddetall linjer; et gammelt nummer står uten nytt nummer`,
    en: (p) => `${p.file}, line ${p.line}: an odd number of lines; an old number has no new number`,
  },
  split_note_missing: {
    nb: (p) => `${p.file}: finner ingen setning «… ble splittet i … og … fra januar ÅÅÅÅ»`,
    en: (p) => `${p.file}: no sentence saying which municipality was split ("ble splittet i")`,
  },
  municipality_listed_twice: {
    nb: (p) =>
      `${p.file}${p.line !== null ? `, linje ${p.line}` : p.entry !== null ? `, oppføring [${p.entry}]` : ''}: kommunen ${p.municipality} er oppført dobbelt`,
    en: (p) =>
      `${p.file}${p.line !== null ? `, line ${p.line}` : p.entry !== null ? `, entry [${p.entry}]` : ''}: municipality ${p.municipality} is listed twice`,
  },
  bulk_not_array: {
    nb: (p) => `${p.file}, byte ${p.offset}: filen er ikke en JSON-liste (bulkformatet begynner med «[»)`,
    en: (p) => `${p.file}, byte ${p.offset}: the file is not a JSON array (the bulk format starts with "[")`,
  },
  bulk_json_invalid: {
    nb: (p) => `${bulkNb(p)}: ugyldig JSON`,
    en: (p) => `${bulkEn(p)}: invalid JSON`,
  },
  bulk_truncated: {
    nb: (p) => `${bulkNb(p)}: filen slutter for tidlig (avkortet fil?)`,
    en: (p) => `${bulkEn(p)}: the file ends early (truncated file?)`,
  },
  bulk_gzip_corrupt: {
    nb: (p) => `${bulkNb(p)}: gzip-dataene er ødelagte`,
    en: (p) => `${bulkEn(p)}: the gzip data is corrupt`,
  },
  bulk_csv_invalid: {
    nb: (p) =>
      `${bulkNb(p)}: raden kan ikke leses som CSV (feil antall felt eller et anførselstegn som ikke lukkes)`,
    en: (p) => `${bulkEn(p)}: the row cannot be read as CSV (a wrong number of fields or a quote left open)`,
  },
  bulk_header_lacks: {
    nb: (p, s) =>
      `${p.file}: CSV-overskriften mangler ${s.list(p.columns)}${p.otherType ? ` (dette er en fil med ${UNITS[otherType(p.unitType)].nb})` : ''}`,
    en: (p, s) =>
      `${p.file}: the CSV header lacks ${s.list(p.columns)}${p.otherType ? ` (this is a file of ${UNITS[otherType(p.unitType)].en})` : ''}`,
  },
  register_record_foreign: {
    nb: (p) => `${recordNb(p)}: posten er ikke fra Enhetsregisteret (den har intet organisasjonsnummer)`,
    en: (p) => `${recordEn(p)}: the record is not a register unit (it has no organisasjonsnummer)`,
  },
  register_record_wrong_type: {
    nb: (p) =>
      `${recordNb(p)}: posten er ${UNIT[otherType(p.unitType)].nb}, i en fil med ${UNITS[p.unitType].nb}`,
    en: (p) =>
      `${recordEn(p)}: the record is ${UNIT[otherType(p.unitType)].en}, in a file of ${UNITS[p.unitType].en}`,
  },
  register_record_incomplete: {
    nb: (p) => `${recordNb(p)}: ${p.orgnr} mangler navn eller organisasjonsform.kode`,
    en: (p) => `${recordEn(p)}: ${p.orgnr} lacks navn or organisasjonsform.kode`,
  },
  service_unreachable: {
    nb: (p) => `Får ikke kontakt med ${SERVICE[p.service].nb}: ${p.url}`,
    en: (p) => `Cannot reach ${SERVICE[p.service].en}: ${p.url}`,
  },
  service_status: {
    nb: (p) => `${SERVICE_CAP[p.service].nb} svarte med HTTP-status ${p.status} på ${p.url}`,
    en: (p) => `${SERVICE_CAP[p.service].en} answered with HTTP status ${p.status} for ${p.url}`,
  },
  service_not_json: {
    nb: (p) => `${SERVICE_CAP[p.service].nb} svarte ikke med JSON på ${p.url}`,
    en: (p) => `${SERVICE_CAP[p.service].en} gave no JSON for ${p.url}`,
  },
  service_answer_unexpected: {
    nb: (p) => `${SERVICE_CAP[p.service].nb} ga et svar av uventet form på ${p.url}`,
    en: (p) => `${SERVICE_CAP[p.service].en} gave an answer of an unexpected shape for ${p.url}`,
  },
  brreg_paging_limit: {
    nb: (p, s) =>
      `Enhetsregisterets API gir høyst ${s.n(p.limit)} treff per søk: (side ${p.page} + 1) × ${s.n(p.size)} er for mye`,
    en: (p, s) =>
      `The Entity Register API gives at most ${s.n(p.limit)} hits per search: (page ${p.page} + 1) × ${s.n(p.size)} is too many`,
  },
  brreg_feed_position_missing: {
    nb: () =>
      'Vet ikke hvor i endringsstrømmen vi er: importer bulkfilene først (import brreg) eller oppgi --since',
    en: () => 'No position in the update feed: import the bulk files first (import brreg) or give --since',
  },
  ssb_table_unknown: {
    nb: (p, s) =>
      `SSB-tabellen ${p.table} er ikke satt opp i data/ssb/tables.json; tabellene som er satt opp: ${s.list(p.configured)}`,
    en: (p, s) =>
      `SSB table ${p.table} is not configured in data/ssb/tables.json; configured: ${s.list(p.configured)}`,
  },
  ssb_not_dataset: {
    nb: (p) =>
      `${p.source}: svaret er ikke et JSON-stat 2-datasett med dimensjonene ${p.regionDimension} og ${p.timeDimension}`,
    en: (p) =>
      `${p.source}: the answer is not a JSON-stat 2 dataset with the dimensions ${p.regionDimension} and ${p.timeDimension}`,
  },
  ssb_period_not_year: {
    nb: (p) => `${p.source}: perioden ${p.dimension}=${p.value} er ikke et årstall`,
    en: (p) => `${p.source}: the period ${p.dimension}=${p.value} is not a year`,
  },
  ssb_no_values: {
    nb: (p) => `SSB-tabell ${p.table}: svaret har ingen verdier for kommuner; ingenting ble importert`,
    en: (p) => `SSB table ${p.table}: the answer holds no municipality values; nothing was imported`,
  },
  import_failed: {
    nb: (p, s) => `Ingenting ble importert (lageret er uendret): ${s.n(p.count)} feil i ${s.list(p.files)}`,
    en: (p, s) =>
      `Nothing was imported (the store is unchanged): ${s.n(p.count)} problem${p.count === 1 ? '' : 's'} in ${s.list(p.files)}`,
  },
  import_year_twice: {
    nb: (p) => `${p.first} og ${p.second} gjelder begge ${p.year}: importer én av dem`,
    en: (p) => `${p.first} and ${p.second} are both for ${p.year}: import one of them`,
  },
  import_dataset_twice: {
    nb: (p) => `Flere filer gir datasettet ${p.dataset}: importer én av dem`,
    en: (p) => `More than one file makes the dataset ${p.dataset}: import one of them`,
  },
  mapping_field_twice: {
    nb: (p) => `Feltet ${p.field} er brukt både i ${p.first} og i ${p.second}`,
    en: (p) => `Field ${p.field} is claimed by both ${p.first} and ${p.second}`,
  },
  mapping_subset_not_category: {
    nb: (p) =>
      `Det utelatte feltet ${p.field} skal være en del av ${p.subsetOf}, som ikke er et kategorifelt`,
    en: (p) => `The excluded field ${p.field} is a subset of ${p.subsetOf}, which is no category field`,
  },
  text_unsafe: {
    nb: () => 'Teksten har et NUL-tegn eller et ødelagt surrogatpar',
    en: () => 'The text has a NUL character or a broken surrogate pair',
  },
  market_steps_unordered: {
    nb: (p) => `Prissteg ${p.step} må nå lenger inn i markedet enn steget før, til samme eller lavere pris`,
    en: (p) =>
      `Price step ${p.step} must reach further into the market than the one before, at no higher a price`,
  },
  market_steps_short: {
    nb: () => 'Det siste prissteget må dekke hele markedet (upToShare 1)',
    en: () => 'The last price step must cover the whole market (upToShare 1)',
  },
  value_outside_range: {
    nb: (p, s) =>
      `Verdien skal ligge mellom lav og høy (${s.fig(p.low)} ≤ ${s.fig(p.value)} ≤ ${s.fig(p.high)} holder ikke)`,
    en: (p, s) =>
      `The value must lie between low and high (${s.fig(p.low)} ≤ ${s.fig(p.value)} ≤ ${s.fig(p.high)} fails)`,
  },
  unit_invalid: {
    nb: (p) => `Enheten «${p.unit}» kan ikke tolkes`,
    en: (p) => `The unit "${p.unit}" cannot be read`,
  },
  source_unsourced_with_url: {
    nb: () => 'En verdi uten kilde (unsourced) kan ikke oppgi en nettadresse',
    en: () => 'A value marked unsourced cites no URL',
  },
  calibration_missing: {
    nb: () => 'En kalibrert koeffisient må si hva den er kalibrert mot (calibration)',
    en: () => 'A calibrated coefficient says what it was calibrated against (calibration)',
  },
  step_size_ambiguous: {
    nb: () => 'Gi høyst én av tonnes, share og target',
    en: () => 'Give at most one of tonnes, share and target',
  },
  statistics_numbers_unmapped: {
    nb: (p, s) => `${p.file}: ${s.n(p.count)} kommunenumre kan ikke knyttes til dagens kommuner`,
    en: (p, s) => `${p.file}: ${s.n(p.count)} municipality numbers cannot be mapped to today's`,
  },
  profile_include_unknown: {
    nb: (p) => `Profilen ${p.profile} bygger på en ukjent profil «${p.include}»`,
    en: (p) => `Profile ${p.profile} includes an unknown profile "${p.include}"`,
  },
  seed_columns_differ: {
    nb: (p, s) => `Kolonnene er andre enn ${s.list(p.columns)}`,
    en: (p, s) => `The columns differ from ${s.list(p.columns)}`,
  },
  seed_sum_mismatch: {
    nb: (p, s) => `Radene i ${p.column} summerer seg til ${s.fig(p.total)}, tabellen sier ${s.fig(p.stated)}`,
    en: (p, s) => `The rows of ${p.column} add up to ${s.fig(p.total)}, the table says ${s.fig(p.stated)}`,
  },
  technology_unknown: {
    nb: (p, s) => `Ukjent teknologi «${p.id}»${p.known.length > 0 ? ` (kjente: ${s.list(p.known)})` : ''}`,
    en: (p, s) => `Unknown technology "${p.id}"${p.known.length > 0 ? ` (known: ${s.list(p.known)})` : ''}`,
  },
  technology_input_unknown: {
    nb: (p) => `${p.technology}: innsatsen «${p.input}» er verken et restråstoff eller et produkt`,
    en: (p) => `${p.technology}: input "${p.input}" is neither a residue kind nor a product`,
  },
  product_unknown: {
    nb: (p) => `Ukjent produkt «${p.id}»`,
    en: (p) => `Unknown product "${p.id}"`,
  },
  technology_capex_per_unmade: {
    nb: (p) => `${p.technology}: investeringen er oppgitt per «${p.product}», som teknologien ikke lager`,
    en: (p) => `${p.technology}: capex is given per "${p.product}", which the technology does not make`,
  },
  technology_yields_foreign_input: {
    nb: (p) => `${p.technology}: utbytte for «${p.input}», som ikke er blant det teknologien tar imot`,
    en: (p) => `${p.technology}: yields for "${p.input}", which is not among its inputs`,
  },
  technology_yields_missing: {
    nb: (p, s) =>
      `${p.technology}: mangler utbytte for ${s.list(p.inputs)} (gi et standardutbytte eller utbytte per råvare)`,
    en: (p, s) => `${p.technology}: no yields for ${s.list(p.inputs)} (give a default or yields by input)`,
  },
  technology_yield_sets_differ: {
    nb: (p) =>
      `${p.technology}: utbyttene per råvare lager ulike produkter (${p.sets.join(' / ')}); hver råvare må gi de samme produktene`,
    en: (p) =>
      `${p.technology}: its yield sets make different products (${p.sets.join(' / ')}); every input must give the same products`,
  },
  technology_balance_open: {
    nb: (p, s) =>
      `${p.technology}: produkter + tap = ${s.n(p.sum, 6)} tonn per tonn inn, ikke 1 (massebalansen går ikke opp)`,
    en: (p, s) =>
      `${p.technology}: products + losses = ${s.n(p.sum, 6)} t per t input, not 1 (the mass balance does not close)`,
  },
  currency_rate_missing: {
    nb: (p) => `Ingen valutakurs for ${p.currency}`,
    en: (p) => `No exchange rate for ${p.currency}`,
  },
  current_use_value_missing: {
    nb: () => 'Oppgi et produkt eller en verdi (valueNokPerTonne)',
    en: () => 'Give a product or a value (valueNokPerTonne)',
  },
  library_has_problems: {
    nb: (p, s) => `Teknologibiblioteket i data/ har ${s.n(p.count)} feil; se listen under`,
    en: (p, s) =>
      `The technology library in data/ has ${s.n(p.count)} problem${p.count === 1 ? '' : 's'}; see the list below`,
  },
  site_lat_lon_pair: {
    nb: () => 'Oppgi både lat og lon, eller ingen av dem',
    en: () => 'Give both lat and lon, or neither',
  },
  site_position_missing: {
    nb: () => 'Oppgi et kommunenummer eller lat og lon',
    en: () => 'Give a municipality number or lat and lon',
  },
  site_route_start: {
    nb: (p) => `Ruten skal begynne med anleggets teknologi (${p.technology})`,
    en: (p) => `The route must start with the site's technology (${p.technology})`,
  },
  site_minimum_over_capacity: {
    nb: (p, s) =>
      `Minsteinntaket ${s.n(p.minimumTonnes)} tonn er større enn kapasiteten ${s.n(p.capacityTonnes)} tonn`,
    en: (p, s) =>
      `The minimum intake of ${s.n(p.minimumTonnes)} t exceeds the capacity of ${s.n(p.capacityTonnes)} t`,
  },
  site_assumption_note_missing: {
    nb: () => 'En antatt kapasitet må ha en merknad (note) som sier hvorfor',
    en: () => 'An assumed capacity needs a note saying why',
  },
  site_duplicate_id: {
    nb: (p) => `Flere anlegg har id-en «${p.id}»`,
    en: (p) => `Two sites have the id "${p.id}"`,
  },
  site_technology_takes_no_kind: {
    nb: (p, s) =>
      `${p.technology} tar ikke imot noe restråstoff (bare ${s.list(p.inputs)}); et anlegg begynner en rute fra restråstoff`,
    en: (p, s) =>
      `${p.technology} takes no residue kind (only ${s.list(p.inputs)}); a site starts a route from residues`,
  },
  site_kind_not_accepted: {
    nb: (p) => `${p.technology} tar ikke imot ${p.kind}`,
    en: (p) => `${p.technology} does not accept ${p.kind}`,
  },
  centroid_missing: {
    nb: (p) => `Kommune ${p.municipality} har ingen plassering å sette anlegget på; oppgi lat og lon`,
    en: (p) => `Municipality ${p.municipality} has no position to place the site at; give lat and lon`,
  },
  municipality_not_a_number: {
    nb: (p) => `«${p.value}» er ikke et kommunenummer (fire sifre)`,
    en: (p) => `"${p.value}" is not a municipality number (four digits)`,
  },
  actor_orgnr_check_digit: {
    nb: (p) => `Organisasjonsnummeret ${p.orgnr} har feil kontrollsiffer`,
    en: (p) => `Organisation number ${p.orgnr} fails its check digit`,
  },
  actor_deleted: {
    nb: (p) => `${p.orgnr} ble slettet fra registeret ${p.on}`,
    en: (p) => `${p.orgnr} was deleted from the register on ${p.on}`,
  },
  actor_no_municipality: {
    nb: (p) => `${p.orgnr} har intet kommunenummer${p.abroad ? ' (adresse i utlandet)' : ''}`,
    en: (p) => `${p.orgnr} has no municipality number${p.abroad ? ' (address abroad)' : ''}`,
  },
  actor_municipality_unresolved: {
    nb: (p, s) => `${p.orgnr}: ${s.msg(p.reason)}`,
    en: (p, s) => `${p.orgnr}: ${s.msg(p.reason)}`,
  },
  log_harvest_counted_once: {
    nb: (p, s) =>
      `${p.municipality} ${p.category} ${p.categoryText}: ${s.n(p.m3)} m3 står under både ${p.dropped} og ${p.kept} (${p.duplicateOf}); talt én gang, som ${p.kept}`,
    en: (p, s) =>
      `${p.municipality} ${p.category} ${p.categoryText}: ${s.n(p.m3)} m3 listed under ${p.dropped} and ${p.kept} (${p.duplicateOf}); counted once, as ${p.kept}`,
  },
  log_rows_not_counted: {
    nb: (p, s) =>
      `${s.n(p.rows)} rader med kommune ${p.municipality}${p.m3 === null ? '' : ` (${s.n(p.m3)} m3 tømmer)`} er ikke talt med: ${s.msg(p.reason)}`,
    en: (p, s) =>
      `${s.n(p.rows)} rows with municipality ${p.municipality}${p.m3 === null ? '' : ` (${s.n(p.m3)} m3 roundwood)`} not counted: ${s.msg(p.reason)}`,
  },
  log_partial_data: {
    nb: (p, s) =>
      `Delvise data: ${p.note ?? `et utvalg på ${s.n(p.farms)} gårdsbruk, ikke hele fila`}; summene per kommune dekker bare brukene i fila`,
    en: (p, s) =>
      `Partial data: ${p.note ?? `a sample of ${s.n(p.farms)} farms, not the whole file`}; sums per municipality cover only the farms in the file`,
  },
  log_cells_skipped: {
    nb: (p, s) => `${s.n(p.cells)} celler hoppet over: ${s.msg(p.reason)}`,
    en: (p, s) => `${s.n(p.cells)} cell(s) skipped: ${s.msg(p.reason)}`,
  },
  log_cell_without_value: {
    nb: (p) => `${p.variable}: ingen verdi (status ${p.status}); ikke lagret`,
    en: (p) => `${p.variable}: no value (status ${p.status}); not stored`,
  },
  log_lines_dropped: {
    nb: (p, s) => `${s.n(p.count)} linjer til i loggen er ikke tatt vare på (grense ${s.n(p.limit)})`,
    en: (p, s) => `${s.n(p.count)} further log lines not kept (limit ${s.n(p.limit)})`,
  },
  log_register_file: {
    nb: (p, s) =>
      `${s.n(p.records)} oppføringer (${p.format}${p.gzip ? ', gzip' : ''}); ${s.n(p.mapped)} gamle kommunenummer koblet til dagens; problemer: ${problemCounts(p.problems, 'nb', s.n)}`,
    en: (p, s) =>
      `${s.n(p.records)} records (${p.format}${p.gzip ? ', gzip' : ''}); ${s.n(p.mapped)} old municipality numbers mapped to today's; problems: ${problemCounts(p.problems, 'en', s.n)}`,
  },
  log_register_feed: {
    nb: (p, s) =>
      `${s.n(p.entries)} endringer i oppdateringsstrømmen fra nr. ${p.from}: ${s.n(p.changed)} enheter endret, ${s.n(p.removed)} fjernet; problemer: ${problemCounts(p.problems, 'nb', s.n)}`,
    en: (p, s) =>
      `${s.n(p.entries)} feed entries from ${p.from}: ${s.n(p.changed)} changed units, ${s.n(p.removed)} removed; problems: ${problemCounts(p.problems, 'en', s.n)}`,
  },
  register_search_day_limit: {
    nb: (p, s) =>
      `Søk etter ${UNITS[p.unitType].nb} (${p.query}): ${s.n(p.total)} treff på én registreringsdag; bare de første ${s.n(p.limit)} er hentet`,
    en: (p, s) =>
      `Search for ${UNITS[p.unitType].en} (${p.query}): ${s.n(p.total)} results on one registration day; only the first ${s.n(p.limit)} fetched`,
  },
};

const PROBLEM_WORDS: Words<ActorProblemCode> = {
  invalid_orgnr: { nb: 'feil organisasjonsnummer', en: 'invalid organisation number' },
  missing_municipality: { nb: 'uten kommunenummer', en: 'no municipality number' },
  unknown_municipality: { nb: 'ukjent kommunenummer', en: 'unknown municipality number' },
  deleted: { nb: 'slettet', en: 'deleted' },
};

/** A record problem's counts in words: "slettet: 3, ukjent kommunenummer: 1", or none. */
function problemCounts(
  problems: Partial<Record<ActorProblemCode, number>>,
  lang: Lang,
  n: (v: number) => string,
): string {
  const parts = Object.entries(problems)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([code, count]) => `${PROBLEM_WORDS[code as ActorProblemCode]?.[lang] ?? code}: ${n(count ?? 0)}`);
  return parts.join(', ') || (lang === 'nb' ? 'ingen' : 'none');
}
