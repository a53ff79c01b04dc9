import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { convert, multiplyDimensions, parseUnit, sameDimensions, toBase } from './units.ts';

describe('units', () => {
  it('converts area between daa, ha, m2 and km2', () => {
    expect(convert(1, 'ha', 'daa')).toBe(10);
    expect(convert(1000, 'm2', 'daa')).toBeCloseTo(1, 12);
    expect(convert(1, 'km2', 'ha')).toBe(100);
  });

  it('converts yields between kg/daa and t/ha', () => {
    // 420 kg/daa of barley (SSB national mean) is 4.2 t/ha.
    expect(convert(420, 'kg/daa', 't/ha')).toBeCloseTo(4.2, 12);
    expect(convert(4.2, 't/ha', 'kg/daa')).toBeCloseTo(420, 12);
  });

  it('keeps wet and dry mass apart: a DM share times wet mass gives dry mass', () => {
    const dims = multiplyDimensions([parseUnit('t').dimensions, parseUnit('t DM/t').dimensions]);
    expect(sameDimensions(dims, { massDm: 1 })).toBe(true);
    expect(() => convert(1, 't', 't DM')).toThrow(AppError);
  });

  it('turns volume into dry mass with a basic density (m3 × t DM/m3)', () => {
    // 1 000 m3 of spruce at 385 kg DM/m3 is 385 t DM.
    const density = parseUnit('kg DM/m3');
    const dims = multiplyDimensions([parseUnit('m3').dimensions, density.dimensions]);
    expect(sameDimensions(dims, { massDm: 1 })).toBe(true);
    expect(1000 * density.factor * 385).toBeCloseTo(385, 9);
    expect(convert(385, 'kg DM/m3', 't DM/m3')).toBeCloseTo(0.385, 12);
  });

  it('reads percentages and per-person units', () => {
    expect(toBase(26, '%')).toBeCloseTo(0.26, 12);
    expect(convert(110, 'kg/person', 't/person')).toBeCloseTo(0.11, 12);
    expect(sameDimensions(parseUnit('kg/kg').dimensions, {})).toBe(true);
    expect(sameDimensions(parseUnit('t DM/t').dimensions, { massDm: 1, massWet: -1 })).toBe(true);
  });

  it('converts energy', () => {
    expect(convert(3.6, 'GJ', 'MWh')).toBeCloseTo(1, 12);
    expect(convert(1000, 'kWh', 'MWh')).toBe(1);
  });

  it('rejects unknown units and incompatible conversions with a message naming them', () => {
    expect(() => parseUnit('furlong')).toThrow(/unknown unit "furlong"/);
    expect(() => parseUnit('t/daa/yr')).toThrow(/invalid unit "t\/daa\/yr"/);
    expect(() => convert(1, 't/daa', 'm3')).toThrow(/cannot convert t\/daa/);
  });
});
