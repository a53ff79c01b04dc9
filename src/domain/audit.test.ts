import { describe, expect, it } from 'vitest';
import { audit, checkStatement, roundingOf } from './audit.ts';
import { message } from './message.ts';
import { same } from './text.ts';

const base = { source: 'test', label: message('audit_label_residues_total', {}) };
const what = message('audit_what_literature', { coefficients: ['c1'] });

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
