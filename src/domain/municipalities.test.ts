import { describe, expect, it } from 'vitest';
import {
  createMunicipalityRegistry,
  normaliseMunicipalityNumber,
  resolveMunicipality,
  toCurrentNumber,
} from './municipalities.ts';
import { validateRegion } from './regions.ts';
import { selectMunicipalities } from './selection.ts';

const registry = createMunicipalityRegistry(
  [
    { number: '3305', name: 'Ringerike', county: '33' },
    { number: '3407', name: 'Gjøvik', county: '34' },
    { number: '5055', name: 'Heim', county: '50' },
    { number: '5056', name: 'Hitra', county: '50' },
    { number: '0301', name: 'Oslo', county: '03' },
  ],
  [
    { from: '0605', fromName: 'Ringerike', to: '3007', toName: 'Ringerike', validFrom: '2020-01-01' },
    { from: '3007', fromName: 'Ringerike', to: '3305', toName: 'Ringerike', validFrom: '2024-01-01' },
    { from: '5012', fromName: 'Snillfjord', to: '5055', toName: 'Heim', validFrom: '2020-01-01' },
    { from: '5012', fromName: 'Snillfjord', to: '5056', toName: 'Hitra', validFrom: '2020-01-01' },
  ],
);

describe('municipality numbers', () => {
  it('maps an old number to today’s through every reform', () => {
    expect(toCurrentNumber(registry, '3007')).toBe('3305');
    const r = resolveMunicipality(registry, '0605');
    expect(r).toMatchObject({ ok: true, number: '3305' });
    expect(r.ok && r.via.map((v) => v.validFrom)).toEqual(['2020-01-01', '2024-01-01']);
  });

  it('keeps a number that did not change', () => {
    expect(toCurrentNumber(registry, '3407')).toBe('3407');
  });

  it('restores a lost leading zero', () => {
    expect(normaliseMunicipalityNumber(301)).toBe('0301');
    expect(toCurrentNumber(registry, '301')).toBe('0301');
  });

  it('reports a split municipality as ambiguous, with its successors', () => {
    expect(resolveMunicipality(registry, '5012')).toEqual({
      ok: false,
      reason: 'municipality 5012 was split into 5055, 5056',
      candidates: ['5055', '5056'],
      detail: { code: 'municipality_split', params: { municipality: '5012', candidates: ['5055', '5056'] } },
    });
  });

  it('names an unknown number', () => {
    expect(() => toCurrentNumber(registry, '9998')).toThrow(/unknown municipality number 9998/);
    expect(() => normaliseMunicipalityNumber('33a5')).toThrow(/"33a5" is not a municipality number/);
  });
});

describe('regions', () => {
  const region = {
    id: 'r',
    name: 'R',
    municipalities: ['3305', '3407'],
    subRegions: [
      { id: 'a', name: 'A', municipalities: ['3305'] },
      { id: 'b', name: 'B', municipalities: ['3407'] },
    ],
  };

  it('accepts a region whose sub-regions partition it', () => {
    expect(validateRegion(region, registry).problems).toEqual([]);
  });

  it('finds members that do not exist today or sit in two sub-regions', () => {
    const bad = {
      ...region,
      municipalities: ['3305', '3407', '3007'],
      subRegions: [...region.subRegions, { id: 'c', name: 'C', municipalities: ['3305'] }],
    };
    expect(
      validateRegion(bad, registry, { oldNumbers: 'refuse' }).problems.map(({ detail: _d, ...p }) => p),
    ).toEqual([
      { path: 'municipalities[2]', message: 'municipality 3007 does not exist today' },
      { path: 'subRegions', message: '3305 is in more than one sub-region' },
    ]);
  });

  it('selects the region, or the listed numbers mapped to today’s', () => {
    expect(selectMunicipalities(registry, region)).toEqual(['3305', '3407']);
    expect(selectMunicipalities(registry, region, ['3007', '3305', '0301'])).toEqual(['3305', '0301']);
    expect(() => selectMunicipalities(registry, region, ['abc'])).toThrow(
      /unknown municipality "abc".*3305 Ringerike, 3407 Gjøvik/,
    );
  });
});
