import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidOrgnr, orgnrCheckDigit } from './orgnr.ts';

describe('organisation number check digit (mod 11, weights 3 2 7 6 5 4 3 2)', () => {
  it('accepts real organisation numbers from the register', () => {
    for (const n of ['915607802', '998465001', '832175692', '993020923', '974760673', '876726882'])
      expect(isValidOrgnr(n)).toBe(true);
  });

  it('rejects wrong lengths, letters and a wrong last digit', () => {
    for (const n of ['91560780', '9156078020', '91560780a', '915607803', ''])
      expect(isValidOrgnr(n)).toBe(false);
  });

  it('a number built with its check digit is valid, and changing any one digit makes it invalid', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{8}$/),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (first8, pos, delta) => {
          const check = orgnrCheckDigit(first8);
          fc.pre(check !== undefined);
          const orgnr = `${first8}${check}`;
          expect(isValidOrgnr(orgnr)).toBe(true);
          const digits = orgnr.split('').map(Number);
          digits[pos] = ((digits[pos] as number) + delta) % 10;
          // Mod 11 with weights coprime to 11 detects every single-digit error.
          expect(isValidOrgnr(digits.join(''))).toBe(false);
        },
      ),
    );
  });

  it('has no check digit when the remainder gives 10 (such numbers are never issued)', () => {
    // 3·0+2·0+7·0+6·0+5·0+4·0+3·0+2·5 = 10 → 11 − 10 = 1; find one with remainder 1 instead:
    const first8 = '00000004'; // 2·4 = 8 → 11 − 8 = 3
    expect(orgnrCheckDigit(first8)).toBe(3);
    expect(orgnrCheckDigit('00000010')).toBe(8); // 3·1 = 3 → 8
    expect(orgnrCheckDigit('00000005')).toBe(1);
    expect(orgnrCheckDigit('10000000')).toBe(8);
    expect(orgnrCheckDigit('00000100')).toBe(7); // 4·1=4 → 7
    expect(orgnrCheckDigit('00010000')).toBe(5); // 6 → 5
    expect(orgnrCheckDigit('00001000')).toBe(6); // 5 → 6
    expect(orgnrCheckDigit('00100000')).toBe(4); // 7 → 4
    expect(orgnrCheckDigit('00000000')).toBe(0); // 0 → 11 → 0
    expect(orgnrCheckDigit('03000000')).toBe(5); // 6 → 5
    expect(orgnrCheckDigit('00000300')).toBeUndefined(); // 3·4 = 12 → 1 → 10: none
  });
});
