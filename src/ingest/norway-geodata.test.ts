import { describe, expect, it } from 'vitest';
import { parseGeodataMunicipalities } from './norway-geodata.ts';

describe('parseGeodataMunicipalities', () => {
  it('reads number, population and area, sorted by number', () => {
    const text = JSON.stringify([
      { id: '3305', name: 'Ringerike', population: 31581, area: 1555.1, extra: true },
      { id: '0301', name: 'Oslo', population: 717710, area: 454.12 },
    ]);
    expect(parseGeodataMunicipalities(text, 'm.json')).toEqual([
      { number: '0301', name: 'Oslo', population: 717710, areaKm2: 454.12 },
      { number: '3305', name: 'Ringerike', population: 31581, areaKm2: 1555.1 },
    ]);
  });

  it('names the entry with a bad field', () => {
    const text = JSON.stringify([{ id: '0301', name: 'Oslo', population: -1, area: 454.12 }]);
    expect(() => parseGeodataMunicipalities(text, 'm.json')).toThrow(/m\.json:\[0\]\.population/);
  });
});
