import { describe, expect, it } from 'vitest';
import {
  createMunicipalityRegistry,
  normaliseMunicipalityNumber,
  resolveMunicipality,
  resolveMunicipalityInput,
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

describe('municipalities by name', () => {
  const named = createMunicipalityRegistry(
    [
      { number: '1515', name: 'Herøy (Møre og Romsdal)', county: '15' },
      { number: '1818', name: 'Herøy (Nordland)', county: '18' },
      { number: '1833', name: 'Rana - Raane', county: '18' },
      { number: '3310', name: 'Hole', county: '33' },
      { number: '3207', name: 'Nordre Follo', county: '32' },
    ],
    [
      { from: '0612', fromName: 'Hole', to: '3038', toName: 'Hole', validFrom: '2020-01-01' },
      { from: '3038', fromName: 'Hole', to: '3310', toName: 'Hole', validFrom: '2024-01-01' },
      { from: '0213', fromName: 'Ski', to: '3020', toName: 'Nordre Follo', validFrom: '2020-01-01' },
      { from: '3020', fromName: 'Nordre Follo', to: '3207', toName: 'Nordre Follo', validFrom: '2024-01-01' },
    ],
  );
  it('finds today’s name in any form, case and spacing aside', () => {
    expect(resolveMunicipalityInput(named, 'rana')).toMatchObject({ ok: true, number: '1833' });
    expect(resolveMunicipalityInput(named, 'Raane')).toMatchObject({ ok: true, number: '1833' });
    expect(resolveMunicipalityInput(named, ' Herøy (Nordland) ')).toMatchObject({ ok: true, number: '1818' });
    expect(resolveMunicipalityInput(named, '3038')).toMatchObject({ ok: true, number: '3310' });
  });
  it('follows an earlier name to today’s municipality', () => {
    expect(resolveMunicipalityInput(named, 'Ski')).toMatchObject({ ok: true, number: '3207' });
  });
  it('names both when two municipalities share a name, and says so when none has it', () => {
    const both = resolveMunicipalityInput(named, 'Herøy');
    expect(both).toMatchObject({ ok: false, candidates: ['1515', '1818'] });
    expect(both.ok ? undefined : both.detail).toMatchObject({ code: 'municipality_name_ambiguous' });
    const none = resolveMunicipalityInput(named, 'Atlantis');
    expect(none.ok ? undefined : none.detail).toMatchObject({ code: 'municipality_name_unknown' });
  });
  it('selects a region’s municipalities by name', () => {
    const region = { id: 'x', name: 'X', municipalities: ['1833'], subRegions: [] };
    expect(selectMunicipalities(named, region, ['Hole', 'ski', '1833'])).toEqual(['3310', '3207', '1833']);
    expect(() => selectMunicipalities(named, region, ['Herøy'])).toThrow(/Herøy/);
  });
});
