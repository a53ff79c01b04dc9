/**
 * Register records in their published shapes → `BrregUnit`: the JSON objects of the bulk files, the
 * search API and lookups (Enhet, Underenhet, SlettetEnhet), and the rows of the bulk CSV files, whose
 * header is the dotted JSON path of each field. Checks are hand-written, not zod: they run a million
 * times per import. A record that is not a register unit at all is a shape error (the wrong file);
 * its content is judged later, record by record (domain `toActor`).
 */
import type { BrregAddress, BrregUnit, UnitType } from '../domain/actors.ts';
import { type Message, message } from '../domain/message.ts';

/**
 * What is wrong with a record: not a register unit at all (`foreign`), a unit of the other type, or a
 * unit without its name or form (`orgnr` says which). `header` is a CSV header without the columns
 * `missing`; `otherType` when it has the other unit type's address columns.
 */
export type RecordShape =
  | { problem: 'foreign' }
  | { problem: 'wrong_type' }
  | { problem: 'incomplete'; orgnr: string }
  | { problem: 'header'; missing: string[]; otherType: boolean };

export class RecordShapeError extends Error {
  constructor(
    message: string,
    readonly shape: RecordShape = { problem: 'foreign' },
  ) {
    super(message);
    this.name = 'RecordShapeError';
  }
}

/** The address field a unit type is counted at. */
export const ADDRESS_FIELD: Record<UnitType, 'forretningsadresse' | 'beliggenhetsadresse'> = {
  enhet: 'forretningsadresse',
  underenhet: 'beliggenhetsadresse',
};

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const bool = (v: unknown): boolean => v === true;

function code(v: unknown): string | null {
  return v !== null && typeof v === 'object' ? str((v as Json).kode) : null;
}

function jsonAddress(v: unknown): BrregAddress | null {
  if (v === null || typeof v !== 'object') return null;
  const a = v as Json;
  const lines = Array.isArray(a.adresse)
    ? a.adresse.filter((l): l is string => typeof l === 'string' && l !== '')
    : [];
  return {
    lines,
    postcode: str(a.postnummer),
    postalPlace: str(a.poststed),
    municipalityNumber: str(a.kommunenummer),
    countryCode: str(a.landkode),
  };
}

/** One JSON record (bulk file element, search hit or lookup) as a unit of the given type. */
export function unitFromJson(value: unknown, unitType: UnitType): BrregUnit {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new RecordShapeError('not a JSON object');
  const o = value as Json;
  const orgnr = o.organisasjonsnummer;
  if (typeof orgnr !== 'string')
    throw new RecordShapeError('no organisasjonsnummer (is this a register file?)', { problem: 'foreign' });
  const other = unitType === 'enhet' ? 'beliggenhetsadresse' : 'forretningsadresse';
  if (other in o) {
    throw new RecordShapeError(
      `has ${other}: a ${unitType === 'enhet' ? 'establishment (underenhet)' : 'legal unit (enhet)'} record in a file of ${unitType === 'enhet' ? 'enheter' : 'underenheter'}`,
      { problem: 'wrong_type' },
    );
  }
  const name = o.navn;
  const form = code(o.organisasjonsform);
  if (typeof name !== 'string' || form === null)
    throw new RecordShapeError(`${orgnr}: navn or organisasjonsform.kode missing`, {
      problem: 'incomplete',
      orgnr,
    });
  const employees = o.antallAnsatte;
  return {
    orgnr,
    unitType,
    name,
    form,
    nace: [code(o.naeringskode1), code(o.naeringskode2), code(o.naeringskode3)],
    parentOrgnr: str(o.overordnetEnhet),
    address: jsonAddress(o[ADDRESS_FIELD[unitType]]),
    registeredVat: bool(o.registrertIMvaregisteret),
    bankrupt: bool(o.konkurs),
    underLiquidation: bool(o.underAvvikling),
    underForcedDissolution: bool(o.underTvangsavviklingEllerTvangsopplosning),
    employees: typeof employees === 'number' && Number.isFinite(employees) ? employees : null,
    founded: str(unitType === 'enhet' ? o.stiftelsesdato : o.oppstartsdato),
    registeredAt: str(o.registreringsdatoEnhetsregisteret),
    closedOn: str(o.nedleggelsesdato),
    deletedOn: str(o.slettedato),
  };
}

/**
 * Reads CSV rows by header. Brreg's CSV header names the JSON path of each field, with a few
 * spellings of its own (`registrertIMvaRegisteret`, `registreringsdatoenhetsregisteret`,
 * `registreringsdatoIEnhetsregisteret`), so columns are matched case-insensitively. Multi-line
 * addresses are one field: lines separated by a literal `/n` before 4 July 2024, by real line breaks since.
 */
export interface CsvLayout {
  unitType: UnitType;
  read: (row: string[]) => BrregUnit;
}

export function csvLayout(header: string[], unitType: UnitType): CsvLayout {
  const index = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  const col = (...names: string[]): number => {
    for (const n of names) {
      const i = index.get(n.toLowerCase());
      if (i !== undefined) return i;
    }
    return -1;
  };
  const addr = ADDRESS_FIELD[unitType];
  const required = ['organisasjonsnummer', 'navn', 'organisasjonsform.kode', `${addr}.kommunenummer`];
  const missing = required.filter((r) => col(r) < 0);
  if (missing.length > 0) {
    const other = ADDRESS_FIELD[unitType === 'enhet' ? 'underenhet' : 'enhet'];
    const otherType = col(`${other}.kommunenummer`) >= 0;
    const hint = otherType
      ? ` (it has ${other}: a file of ${unitType === 'enhet' ? 'underenheter' : 'enheter'})`
      : '';
    throw new RecordShapeError(`CSV header lacks ${missing.join(', ')}${hint}`, {
      problem: 'header',
      missing,
      otherType,
    });
  }
  const c = {
    orgnr: col('organisasjonsnummer'),
    name: col('navn'),
    form: col('organisasjonsform.kode'),
    nace1: col('naeringskode1.kode'),
    nace2: col('naeringskode2.kode'),
    nace3: col('naeringskode3.kode'),
    parent: col('overordnetEnhet'),
    lines: col(`${addr}.adresse`),
    postcode: col(`${addr}.postnummer`),
    place: col(`${addr}.poststed`),
    municipality: col(`${addr}.kommunenummer`),
    country: col(`${addr}.landkode`),
    vat: col('registrertIMvaregisteret'),
    bankrupt: col('konkurs'),
    liquidation: col('underAvvikling'),
    forced: col('underTvangsavviklingEllerTvangsopplosning'),
    employees: col('antallAnsatte'),
    founded: col(unitType === 'enhet' ? 'stiftelsesdato' : 'oppstartsdato'),
    registered: col('registreringsdatoEnhetsregisteret', 'registreringsdatoIEnhetsregisteret'),
    closed: col('nedleggelsesdato'),
    deleted: col('slettedato'),
  };
  const get = (row: string[], i: number): string | null => (i < 0 ? null : str(row[i]));
  const flag = (row: string[], i: number): boolean => i >= 0 && row[i] === 'true';
  return {
    unitType,
    read: (row) => {
      const lines = get(row, c.lines);
      const municipalityNumber = get(row, c.municipality);
      const postcode = get(row, c.postcode);
      const employees = get(row, c.employees);
      return {
        orgnr: row[c.orgnr] ?? '',
        unitType,
        name: row[c.name] ?? '',
        form: row[c.form] ?? '',
        nace: [get(row, c.nace1), get(row, c.nace2), get(row, c.nace3)],
        parentOrgnr: get(row, c.parent),
        address:
          lines || municipalityNumber || postcode
            ? {
                lines: lines ? lines.split(/\/n|\r?\n/).filter((l) => l !== '') : [],
                postcode,
                postalPlace: get(row, c.place),
                municipalityNumber,
                countryCode: get(row, c.country),
              }
            : null,
        registeredVat: flag(row, c.vat),
        bankrupt: flag(row, c.bankrupt),
        underLiquidation: flag(row, c.liquidation),
        underForcedDissolution: flag(row, c.forced),
        employees: employees && /^\d+$/.test(employees) ? Number(employees) : null,
        founded: get(row, c.founded),
        registeredAt: get(row, c.registered),
        closedOn: get(row, c.closed),
        deletedOn: get(row, c.deleted),
      };
    },
  };
}

/**
 * A shape problem as a message: `source` is the file (or the register's host), `record` the record's
 * number (the hit's, for an answer from the API) and `offset` its byte in the file (null for the API).
 */
export function recordShapeMessage(
  shape: RecordShape,
  where: { source: string; record: number; offset: number | null; unitType: UnitType },
): Message {
  const { source, record, offset, unitType } = where;
  switch (shape.problem) {
    case 'foreign':
      return message('register_record_foreign', { source, record, offset });
    case 'wrong_type':
      return message('register_record_wrong_type', { source, record, offset, unitType });
    case 'incomplete':
      return message('register_record_incomplete', { source, record, offset, orgnr: shape.orgnr });
    case 'header':
      return message('bulk_header_lacks', {
        file: source,
        columns: shape.missing,
        unitType,
        otherType: shape.otherType,
      });
  }
}
