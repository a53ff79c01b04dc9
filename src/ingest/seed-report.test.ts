import { describe, expect, it } from 'vitest';
import { parseSeedTable } from './seed-report.ts';

const table = {
  columns: ['a', 'b'],
  rows: { '3007': { a: 1, b: 2 }, '3407': { a: 3, b: 4 } },
  sum: { a: 4, b: 6 },
};

describe('parseSeedTable', () => {
  it('accepts a table whose rows add up to its sum', () => {
    expect(parseSeedTable({ t: table }, 't', 'seed.json').rows['3007']).toEqual({ a: 1, b: 2 });
  });

  it('fails naming the column whose rows do not add up', () => {
    const bad = { ...table, sum: { a: 4, b: 7 } };
    expect(() => parseSeedTable({ t: bad }, 't', 'seed.json')).toThrow(
      /seed\.json:t\.sum\.b: rows add up to 6, the table says 7/,
    );
  });

  it('fails when a row lacks a column or the table is missing', () => {
    const bad = { ...table, rows: { ...table.rows, '3038': { a: 0 } }, sum: { a: 4, b: 6 } };
    expect(() => parseSeedTable({ t: bad }, 't', 'seed.json')).toThrow(/t\.rows\.3038: columns differ/);
    expect(() => parseSeedTable({}, 't', 'seed.json')).toThrow(/seed\.json:t/);
  });
});
