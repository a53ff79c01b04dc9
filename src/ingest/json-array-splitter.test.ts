import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonArraySplitter, type JsonSplitError } from './json-array-splitter.ts';

function split(bytes: Buffer, cuts: number[]): { json: string; record: number; offset: number }[] {
  const out: { json: string; record: number; offset: number }[] = [];
  const s = new JsonArraySplitter((json, record, offset) => out.push({ json, record, offset }));
  let at = 0;
  for (const c of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    s.push(bytes.subarray(at, c));
    at = c;
  }
  s.push(bytes.subarray(at));
  s.end();
  return out;
}

const tricky = fc.string({
  unit: fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', 'æ', 'ø', '€', '😀', 'a', ' ', '\n'),
});
const record = fc.record({
  organisasjonsnummer: fc.stringMatching(/^\d{9}$/),
  navn: tricky,
  adresse: fc.array(tricky, { maxLength: 3 }),
  nested: fc.record({ a: fc.array(fc.integer()), b: fc.option(tricky) }),
});

describe('JSON array splitter', () => {
  it('returns every element, whatever the chunk boundaries (strings, escapes, braces, multi-byte UTF-8)', () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 8 }),
        fc.array(fc.nat(2000), { maxLength: 12 }),
        fc.boolean(),
        (records, cuts, pretty) => {
          const bytes = Buffer.from(JSON.stringify(records, null, pretty ? 3 : undefined));
          const got = split(bytes, cuts);
          expect(got.map((g) => JSON.parse(g.json))).toEqual(records);
          for (const g of got) expect(bytes.subarray(g.offset, g.offset + 1).toString()).toBe('{');
          expect(got.map((g) => g.record)).toEqual(records.map((_, i) => i + 1));
        },
      ),
    );
  });

  it('splits one byte at a time', () => {
    const bytes = Buffer.from('\uFEFF [ {"a":"x\\"}"} , {"b":[1,{"c":"\\\\"}]} ]\n');
    const cuts = Array.from({ length: bytes.length }, (_, i) => i);
    expect(split(bytes, cuts).map((g) => JSON.parse(g.json))).toEqual([
      { a: 'x"}' },
      { b: [1, { c: '\\' }] },
    ]);
  });

  const fails = (text: string): JsonSplitError => {
    try {
      split(Buffer.from(text), []);
    } catch (e) {
      return e as JsonSplitError;
    }
    throw new Error(`no error for ${text}`);
  };

  it('refuses what is not an array of objects, with the record and byte position', () => {
    expect(fails('{"_embedded":{}}').message).toMatch(/not a JSON array/);
    expect(fails('[{"a":1}, 7]')).toMatchObject({ record: 2, offset: 10 });
    expect(fails('[{"a":1} {"b":2}]').message).toMatch(/expected ',' or ']' after record 1/);
    expect(fails('[{"a":1}] x').message).toMatch(/data after the end/);
    expect(fails('').message).toMatch(/empty/);
  });

  it('refuses a file that ends inside the array (truncated)', () => {
    const e = fails('[{"a":1},{"b":"unterminated');
    expect(e.message).toMatch(/ends inside record 2 .*truncated/);
    expect(e.record).toBe(2);
    expect(fails('[{"a":1},').message).toMatch(/after record 1/);
  });
});
