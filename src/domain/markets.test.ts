import { describe, expect, it } from 'vitest';
import { coef } from './fixtures/allocation-library.ts';
import { marketBreaks, marketRevenue, marketSteps, marketTakes } from './markets.ts';
import type { Market } from './valuation.ts';

const stepped: Market = {
  tonnesPerYear: coef('market.x', 1000, 't'),
  scope: 'national',
  steps: [
    { upToShare: 0.5, priceFactor: 1 },
    { upToShare: 1, priceFactor: 0.6 },
  ],
};

describe('a thin market', () => {
  it('sells in steps, by hand: 700 t at 100 NOK/t = 500 × 100 + 200 × 60', () => {
    expect(marketSteps(stepped)).toEqual([
      { tonnes: 500, priceFactor: 1 },
      { tonnes: 500, priceFactor: 0.6 },
    ]);
    expect(marketRevenue(stepped, 700, 100)).toBeCloseTo(62000, 9);
    expect(marketBreaks(stepped)).toEqual([500, 1000]);
  });

  it('takes nothing past its size: 1 500 t bring what 1 000 t bring', () => {
    expect(marketRevenue(stepped, 1500, 100)).toBeCloseTo(500 * 100 + 500 * 60, 9);
    expect(marketTakes(stepped, 1500)).toBe(1000);
    expect(marketRevenue(stepped, -5, 100)).toBe(0);
  });

  it('pays full price up to the size when it has no steps', () => {
    const flat: Market = { tonnesPerYear: coef('market.y', 200, 't'), scope: 'regional' };
    expect(marketRevenue(flat, 150, 10)).toBe(1500);
    expect(marketRevenue(flat, 250, 10)).toBe(2000);
  });
});
