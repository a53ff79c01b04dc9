/**
 * Reading the text files open-data publishers ship: UTF-8 with or without a byte-order mark, or
 * ISO-8859-1/cp1252 (Landbruksdirektoratet's milk file), `;` or `,` separated, CRLF or LF.
 */

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'iso-8859-1';
}

/**
 * Decodes bytes: a UTF-8 BOM means UTF-8; otherwise strict UTF-8 is tried and, when the bytes are not
 * valid UTF-8 (e.g. `Ø` as the single byte 0xD8), ISO-8859-1 is used (cp1252 differs only in 0x80–0x9F,
 * which hold no letters these files use).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('latin1').decode(bytes), encoding: 'iso-8859-1' };
  }
}

/** The separator of a header line: the one of `;`, `,` and tab that occurs most often. */
export function detectSeparator(headerLine: string): ';' | ',' | '\t' {
  const count = (c: string) => headerLine.split(c).length - 1;
  const candidates = [';', ',', '\t'] as const;
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ';' as ';' | ',' | '\t');
}

/** The first line of a text, without its line ending. */
export function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/**
 * Parses a number as these files write it: `28084`, `24 196` (space or no-break space as thousand
 * separator), `3615,8` (decimal comma), `2021.0`. Returns undefined for anything else.
 */
export function parseLocaleNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (/^-?\d+$/.test(text)) return Number(text);
  if (/^-?\d+[.,]\d+$/.test(text)) return Number(text.replace(',', '.'));
  return undefined;
}
