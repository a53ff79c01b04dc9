/**
 * Parsers for SSB Klass 131 (kommuneinndeling) extracts: the number-change files of the 2020 and 2024
 * reforms, the author's note on the Ålesund/Haram split, the 2024 municipality list and the county list.
 * File formats: data/sources/kommuneendringer-2024/SOURCE.md.
 */
import { AppError } from '../domain/errors.ts';
import { type Message, message } from '../domain/message.ts';
import type { Municipality, NumberChange } from '../domain/municipalities.ts';

const CODE_NAME = /^(\d{4}) - (\S.*?)\s*$/;
// "januar 2013<TAB>januar 2017" and "mai 2018<TAB>januar 2019" occur too: SSB lists changes between versions.
const HEADER = /^(?:januar|mai) (\d{4})\tjanuar (\d{4})\s*$/;

function invalid(file: string, line: number, english: string, detail: Message): AppError {
  return new AppError('invalid_data', `${file}:${line}: ${english}`, {
    detail,
    issues: [{ path: `${file}:${line}`, message: english, detail }],
  });
}

/**
 * A line that is not in the form the file uses: `form` in English for the log, `pattern` in no
 * language (`NNNN - …`) for the message.
 */
function badLine(file: string, line: number, form: string, pattern: string, found: string): AppError {
  return invalid(
    file,
    line,
    `expected "${form}", got "${found}"`,
    message('line_invalid', { file, line, expected: pattern, found }),
  );
}

function lines(text: string): string[] {
  const all = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (all.length > 0 && all[all.length - 1]?.trim() === '') all.pop();
  return all;
}

/**
 * Parses a change file: header `januar YYYY<TAB>januar YYYY` (or `mai YYYY…`), then pairs of lines "old code - name" /
 * "new code - name". `validFrom` is 1 January of the header's second year. An old number listed in
 * several pairs (a split) yields one change per successor; name-only changes (from === to) are kept.
 */
export function parseNumberChanges(text: string, file: string): NumberChange[] {
  const all = lines(text);
  const header = HEADER.exec(all[0] ?? '');
  if (!header)
    throw invalid(
      file,
      1,
      `expected header "januar YYYY<TAB>januar YYYY", got "${all[0] ?? ''}"`,
      message('header_invalid', {
        file,
        line: 1,
        expected: 'januar YYYY<TAB>januar YYYY',
        found: all[0] ?? '',
      }),
    );
  const [, before, after] = header;
  if (Number(after) <= Number(before)) {
    throw invalid(
      file,
      1,
      `header year ${after} is not after ${before}`,
      message('header_years_reversed', { file, before: Number(before), after: Number(after) }),
    );
  }
  const validFrom = `${after}-01-01`;
  if ((all.length - 1) % 2 !== 0)
    throw invalid(
      file,
      all.length,
      'odd number of lines: an old code has no new code',
      message('lines_odd', { file, line: all.length }),
    );
  const changes: NumberChange[] = [];
  for (let i = 1; i < all.length; i += 2) {
    const oldLine = CODE_NAME.exec(all[i] ?? '');
    if (!oldLine) throw badLine(file, i + 1, 'code - name', 'NNNN - …', all[i] ?? '');
    const newLine = CODE_NAME.exec(all[i + 1] ?? '');
    if (!newLine) throw badLine(file, i + 2, 'code - name', 'NNNN - …', all[i + 1] ?? '');
    changes.push({
      from: oldLine[1] as string,
      fromName: oldLine[2] as string,
      to: newLine[1] as string,
      toName: newLine[2] as string,
      validFrom,
    });
  }
  return changes;
}

const SPLIT_NOTE = /(\d{4}) - (.+?) ble splittet i (\d{4}) (.+?) og (\d{4}) (.+?) fra januar (\d{4})/g;

/**
 * Reads the splits stated in Regind_kmn_kommentar.txt ("1507 - Ålesund ble splittet i 1508 Ålesund og
 * 1580 Haram fra januar 2024"). The "justert" change file maps 1507 to 1508 only; adding both successors
 * makes a figure keyed 1507 (2020–2023, Ålesund and Haram together) ambiguous instead of wrongly whole.
 */
export function parseSplitNote(text: string, file: string): NumberChange[] {
  const changes: NumberChange[] = [];
  for (const m of text.matchAll(SPLIT_NOTE)) {
    const [, from, fromName, toA, nameA, toB, nameB, year] = m as unknown as string[];
    const validFrom = `${year}-01-01`;
    changes.push({
      from: from as string,
      fromName: fromName as string,
      to: toA as string,
      toName: nameA as string,
      validFrom,
    });
    changes.push({
      from: from as string,
      fromName: fromName as string,
      to: toB as string,
      toName: nameB as string,
      validFrom,
    });
  }
  if (changes.length === 0)
    throw invalid(
      file,
      1,
      'no "… ble splittet i … og … fra januar YYYY" sentence found',
      message('split_note_missing', { file }),
    );
  return changes;
}

/** Joins change lists, dropping exact duplicates; sorted by validFrom, from, to. */
export function mergeNumberChanges(...lists: NumberChange[][]): NumberChange[] {
  const byKey = new Map<string, NumberChange>();
  for (const c of lists.flat()) byKey.set(`${c.validFrom}|${c.from}|${c.to}`, c);
  return [...byKey.values()].sort(
    (a, b) =>
      a.validFrom.localeCompare(b.validFrom) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
  );
}

/**
 * Parses kommuneinndeling_2024_2.csv (ISO-8859-1, `;`, header `code;name`) into municipalities, dropping
 * 9999 Uoppgitt. The county is the first two digits of the number.
 */
export function parseMunicipalityList(bytes: Uint8Array, file: string): Municipality[] {
  const all = lines(new TextDecoder('latin1').decode(bytes));
  if (all[0]?.trim() !== 'code;name')
    throw invalid(
      file,
      1,
      `expected header "code;name", got "${all[0] ?? ''}"`,
      message('header_invalid', { file, line: 1, expected: 'code;name', found: all[0] ?? '' }),
    );
  const seen = new Set<string>();
  const out: Municipality[] = [];
  for (let i = 1; i < all.length; i++) {
    const m = /^(\d{4});(\S.*?)\s*$/.exec(all[i] ?? '');
    if (!m) throw badLine(file, i + 1, 'NNNN;name', 'NNNN;…', all[i] ?? '');
    const number = m[1] as string;
    if (seen.has(number))
      throw invalid(
        file,
        i + 1,
        `municipality ${number} listed twice`,
        message('municipality_listed_twice', { file, line: i + 1, entry: null, municipality: number }),
      );
    seen.add(number);
    if (number === '9999') continue; // Uoppgitt (unknown), not a municipality
    out.push({ number, name: m[2] as string, county: number.slice(0, 2) });
  }
  return out.sort((a, b) => a.number.localeCompare(b.number));
}

/** Parses Regindeling_Fylker_2024_01_status.txt ("03 - Oslo" per line) into county number → name. */
export function parseCountyList(text: string, file: string): Map<string, string> {
  const counties = new Map<string, string>();
  lines(text).forEach((line, i) => {
    const m = /^(\d{2}) - (\S.*?)\s*$/.exec(line);
    if (!m) throw badLine(file, i + 1, 'NN - name', 'NN - …', line);
    counties.set(m[1] as string, m[2] as string);
  });
  return counties;
}
