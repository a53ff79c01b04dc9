import { describe, expect, it } from 'vitest';
import { audit, checkStatement, roundingOf } from './audit.ts';
import { type HarvestEvidence, type HarvestTable, harvestStatements } from './audit-harvest.ts';
import { message } from './message.ts';
import { same } from './text.ts';

const base = {
  source: 'test',
  where: message('audit_where_table_total', { table: 'residues' }),
  label: message('audit_label_residues_total', {}),
};
const what = message('audit_what_literature', { coefficients: [same('c1')] });

describe('audit', () => {
  it('knows the rounding of a stated figure from its digits', () => {
    expect(roundingOf(964681)).toBe(0.5);
    expect(roundingOf(49.5)).toBeCloseTo(0.05, 12);
    expect(roundingOf(0.036)).toBeCloseTo(0.0005, 12);
  });

  it('accepts sums that add up and flags a sum that is off by one as rounding (info)', () => {
    expect(
      checkStatement({
        ...base,
        id: 'a',
        kind: 'sum',
        stated: 6,
        parts: [
          { label: same('p'), value: 1 },
          { label: same('q'), value: 5 },
        ],
      }),
    ).toBeUndefined();
    const f = checkStatement({
      ...base,
      id: 'b',
      kind: 'sum',
      stated: 964681,
      parts: [{ label: same('p'), value: 964682 }],
    });
    expect(f).toMatchObject({ severity: 'info', stated: 964681, computed: 964682, difference: -1 });
  });

  it('flags a product that does not follow from its factors, naming the formula', () => {
    const f = checkStatement({
      ...base,
      id: 'veg',
      kind: 'product',
      stated: 80000,
      factors: [
        { label: same('share'), value: 0.15 },
        { label: same('t/daa'), value: 4 },
        { label: same('daa'), value: 23530 },
      ],
    });
    expect(f?.severity).toBe('error');
    expect(f?.computed).toBeCloseTo(14118, 6);
    expect(f?.message.code).toBe('audit_product');
    expect(f?.message.params).toEqual(
      expect.objectContaining({
        factors: [
          { label: same('share'), value: 0.15 },
          { label: same('t/daa'), value: 4 },
          { label: same('daa'), value: 23530 },
        ],
        computed: 14118,
      }),
    );
  });

  it('lets a product through when the difference is within the rounding of its inputs', () => {
    // 0.37 × 50 000 = 18 500 exactly; 0.26 × 50 000 = 13 000.
    expect(
      checkStatement({
        ...base,
        id: 'p',
        kind: 'product',
        stated: 18500,
        factors: [
          { label: same('t'), value: 50000 },
          { label: same('y'), value: 0.37 },
        ],
      }),
    ).toBeUndefined();
  });

  it('checks growth against start × (1 + rate)^years and reports the implied rate', () => {
    const f = checkStatement({
      ...base,
      id: 'g',
      kind: 'growth',
      stated: 251.6,
      start: 184.6,
      rate: 0.036,
      years: 10,
    });
    expect(f?.computed).toBeCloseTo(184.6 * 1.036 ** 10, 9);
    expect(f?.message.code).toBe('audit_growth');
    expect((f?.message.params as { impliedPercent: number } | undefined)?.impliedPercent).toBeCloseTo(3.1, 1);
    // 184.6 × 1.036^10 = 262.92…: stating 262.9 is within the rounding of the rate, so only info.
    const rounded = {
      ...base,
      id: 'h',
      kind: 'growth',
      stated: 262.9,
      start: 184.6,
      rate: 0.036,
      years: 10,
    } as const;
    expect(checkStatement(rounded)?.severity).toBe('info');
    expect(checkStatement({ ...rounded, stated: 184.6 * 1.036 ** 10 })).toBeUndefined();
  });

  it('warns when a stated value lies outside the reference range', () => {
    const f = checkStatement({
      ...base,
      id: 'r',
      kind: 'range',
      stated: 0.8,
      reference: { value: 0.25, low: 0.2, high: 0.28, what },
    });
    expect(f).toMatchObject({ severity: 'warning', stated: 0.8, computed: 0.25 });
    expect(
      checkStatement({
        ...base,
        id: 's',
        kind: 'range',
        stated: 0.25,
        reference: { value: 0.25, low: 0.2, high: 0.28, what },
      }),
    ).toBeUndefined();
  });

  it('never confirms a figure with a reference taken from the report itself: info, inside or outside', () => {
    for (const stated of [15000, 40000]) {
      const f = checkStatement({
        ...base,
        id: 'self',
        kind: 'range',
        stated,
        reference: { value: 15000, low: 7500, high: 22500, what, fromReport: true },
      });
      expect(f, String(stated)).toMatchObject({
        severity: 'info',
        stated,
        computed: 15000,
        message: { code: 'audit_range_self' },
      });
    }
  });

  it('calls outputs that exceed the input an error', () => {
    const f = checkStatement({
      ...base,
      id: 'm',
      kind: 'balance',
      input: 1875,
      outputs: [
        { label: same('PE'), value: 862 },
        { label: same('H2'), value: 1500 },
      ],
    });
    expect(f?.severity).toBe('error');
    expect(
      checkStatement({
        ...base,
        id: 'n',
        kind: 'balance',
        input: 10,
        outputs: [
          { label: same('a'), value: 6 },
          { label: same('b'), value: 4 },
        ],
      }),
    ).toBeUndefined();
  });

  it('lists the worst findings first', () => {
    const findings = audit([
      { ...base, id: 'info', kind: 'sum', stated: 3, parts: [{ label: same('a'), value: 2.4 }] },
      { ...base, id: 'err', kind: 'sum', stated: 10, parts: [{ label: same('a'), value: 2 }] },
      { ...base, id: 'ok', kind: 'sum', stated: 2, parts: [{ label: same('a'), value: 2 }] },
    ]);
    expect(findings.map((f) => f.id)).toEqual(['err', 'info']);
  });
});

describe('the forestry table against the harvest statistics', () => {
  // src/app/fixtures/Kommunevis_avvirkning_2023-ringerike-hole.csv, Ringerike (3007 → 3305), 1-Gran:
  // 507 + 76 239 + 8 136 + 787 (1310, Sagtømmer) + 75 769 + 2 993 = 164 431 m3 counted once;
  // 1310 "Gran sams sagt/massevirke" is listed again under Massevirke with the same 787 m3.
  const evidence: HarvestEvidence = {
    year: 2023,
    file: 'Kommunevis_avvirkning_2023.csv',
    // (total: only gran here, enough for the share's arithmetic)
    values: { '3305': { 'harvest.gran': 164431, 'harvest.total': 164431 } },
    doubleListings: [
      { municipality: '3305', category: '1310', categoryText: 'Gran sams sagt/massevirke', m3: 787 },
    ],
    unmappedM3: 0,
    countiesWithout: ['03'],
  };
  const table = (gran: number): HarvestTable => ({
    year: 2023,
    rows: { '3305': { gran } },
    total: gran,
    source: 'test',
  });
  const share = {
    percent: 11.6,
    year: 2023,
    source: 'test',
    where: message('audit_where_section', { section: 'S-1' }),
  };

  it('names the category counted twice when the surplus is its volume', () => {
    const { statements } = harvestStatements(table(164431 + 787), evidence, undefined, [2023]);
    const [f] = audit(statements);
    expect(f).toMatchObject({ severity: 'warning', stated: 165218, computed: 164431, difference: 787 });
    // Where the figure is, in words: the forestry table's row of the municipality (no id to read).
    expect(f?.where).toEqual(message('audit_where_table_row', { table: 'forestry', municipality: '3305' }));
    expect(f?.message).toMatchObject({
      code: 'audit_statistic_double_counted',
      params: { listings: [{ category: '1310', m3: 787 }] },
    });
  });

  it('finds nothing where the table equals the statistics, and a plain difference otherwise', () => {
    expect(audit(harvestStatements(table(164431), evidence, undefined, [2023]).statements)).toEqual([]);
    const [f] = audit(harvestStatements(table(200000), evidence, undefined, [2023]).statements);
    expect(f).toMatchObject({ severity: 'error', message: { code: 'audit_statistic' } });
  });

  it('says what it could not check: a year not imported, a file that is not the whole country', () => {
    const other = harvestStatements({ ...table(1), year: 2024 }, evidence, { ...share, year: 2024 }, [2023]);
    expect(other.statements).toEqual([]);
    expect(other.unchecked.map((m) => m.code)).toEqual(['audit_unchecked_harvest', 'audit_unchecked_share']);
    const partial = harvestStatements(table(164431), evidence, share, [2023]);
    expect(partial.unchecked).toEqual([
      message('audit_unchecked_share_counties', { year: 2023, statedPercent: 11.6, counties: ['03'] }),
    ]);
  });

  it('checks the national share against the file’s total (mapped municipalities and unmapped rows)', () => {
    const whole = { ...evidence, countiesWithout: [], unmappedM3: 1000 };
    // 164 431 ÷ (164 431 + 1 000) = 99.4 %, not 11.6 %.
    const [f] = audit(harvestStatements(table(164431), whole, share, [2023]).statements);
    expect(f?.id).toBe('harvest.national-share');
    expect(f?.computed).toBeCloseTo((164431 / 165431) * 100, 10);
    expect(f?.where).toEqual(share.where);
  });
});
