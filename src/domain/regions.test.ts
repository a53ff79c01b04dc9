import { describe, expect, it } from 'vitest';
import { createMunicipalityRegistry } from './municipalities.ts';
import { type RegionInput, subRegionId, validateRegion } from './regions.ts';

const registry = createMunicipalityRegistry(
  [
    { number: '3305', name: 'Ringerike', county: '33' },
    { number: '3310', name: 'Hole', county: '33' },
    { number: '3407', name: 'Gjøvik', county: '34' },
    { number: '5055', name: 'Heim', county: '50' },
    { number: '5056', name: 'Hitra', county: '50' },
  ],
  [
    { from: '3007', fromName: 'Ringerike', to: '3305', toName: 'Ringerike', validFrom: '2024-01-01' },
    { from: '0612', fromName: 'Hole', to: '3038', toName: 'Hole', validFrom: '2020-01-01' },
    { from: '3038', fromName: 'Hole', to: '3310', toName: 'Hole', validFrom: '2024-01-01' },
    { from: '5012', fromName: 'Snillfjord', to: '5055', toName: 'Heim', validFrom: '2020-01-01' },
    { from: '5012', fromName: 'Snillfjord', to: '5056', toName: 'Hitra', validFrom: '2020-01-01' },
  ],
);

const valid: RegionInput = {
  id: 'ringerike-hole',
  name: 'Ringerike og Hole',
  municipalities: ['3305', '3310'],
  subRegions: [
    { id: 'ringerike', name: 'Ringerike', municipalities: ['3305'] },
    { id: 'hole', name: 'Hole', municipalities: ['3310'] },
  ],
};

/** The problems in English as logs show them (each also carries its message code in `detail`). */
const problems = (input: Partial<RegionInput>, options = {}) =>
  validateRegion({ ...valid, ...input }, registry, options).problems.map(({ detail: _d, ...p }) => p);

describe('validateRegion’s message codes', () => {
  it('gives every problem a code for the shells to render', () => {
    const r = validateRegion({ ...valid, id: 'X', name: ' ', municipalities: ['abc', '9999'] }, registry);
    expect(r.problems.map((p) => p.detail?.code)).toEqual([
      'region_id_invalid',
      'region_name_missing',
      'region_number_invalid',
      'region_number_unresolved',
      // The valid region's sub-region members are no longer among its (replaced) municipalities.
      'region_subregion_member_outside',
      'region_subregion_member_outside',
    ]);
  });
});

describe('validateRegion', () => {
  it('accepts a region whose sub-regions partition it, as given', () => {
    const r = validateRegion({ ...valid, description: 'D', source: 'S' }, registry);
    expect(r.problems).toEqual([]);
    expect(r.region).toEqual({ ...valid, description: 'D', source: 'S' });
  });

  it('maps old numbers to today’s (0612 → 3038 → 3310), and names a merged municipality once', () => {
    const r = validateRegion(
      { ...valid, municipalities: ['3007', '0612', '3305'], subRegions: [] },
      registry,
    );
    expect(r.problems).toEqual([]);
    expect(r.region.municipalities).toEqual(['3305', '3310']);
  });

  it('refuses old numbers when asked to (data/ files hold today’s)', () => {
    expect(problems({ municipalities: ['3007', '3310'], subRegions: [] }, { oldNumbers: 'refuse' })).toEqual([
      { path: 'municipalities[0]', message: 'municipality 3007 does not exist today' },
    ]);
  });

  it('refuses an id that is not lower-case letters, digits and dashes starting with a letter', () => {
    for (const id of ['Bad Id', '1region', '', '-x', 'x'.repeat(65)])
      expect(problems({ id }).map((p) => p.path)).toEqual(['id']);
    expect(problems({ id: 'r' })).toEqual([]);
  });

  it('refuses an empty name, and trims one', () => {
    expect(problems({ name: '  ' })).toEqual([{ path: 'name', message: 'a region needs a name' }]);
    expect(validateRegion({ ...valid, name: ' R ' }, registry).region.name).toBe('R');
  });

  it('names each unknown, split or malformed number with its path', () => {
    expect(problems({ municipalities: ['9999', '5012', 'abc', '3305', '3310'] })).toEqual([
      { path: 'municipalities[0]', message: '9999: unknown municipality number 9999' },
      { path: 'municipalities[1]', message: '5012: municipality 5012 was split into 5055, 5056' },
      { path: 'municipalities[2]', message: 'abc: not a municipality number' },
    ]);
  });

  it('needs at least one municipality; without a list, takes the sub-regions’', () => {
    expect(problems({ municipalities: [], subRegions: [] })).toEqual([
      { path: 'municipalities', message: 'a region needs at least one municipality' },
    ]);
    const { municipalities: _m, ...withoutList } = valid;
    const r = validateRegion(withoutList, registry);
    expect(r.problems).toEqual([]);
    expect(r.region.municipalities).toEqual(['3305', '3310']);
  });

  it('finds sub-region members outside the region and municipalities in two sub-regions', () => {
    expect(
      problems({
        municipalities: ['3305'],
        subRegions: [
          { id: 'a', name: 'A', municipalities: ['3305', '3407'] },
          { id: 'b', name: 'B', municipalities: ['3305'] },
        ],
      }),
    ).toEqual([
      { path: 'subRegions', message: "sub-region member 3407 is not in the region's municipalities" },
      { path: 'subRegions', message: '3305 is in more than one sub-region' },
    ]);
  });

  it('refuses sub-regions without a name, without municipalities, with a bad or repeated id', () => {
    expect(
      problems({
        subRegions: [
          { id: 'a', name: '', municipalities: ['3305'] },
          { id: 'a', name: 'A', municipalities: ['3310'] },
          { id: 'Bad', name: 'C', municipalities: [] },
        ],
      }),
    ).toEqual([
      { path: 'subRegions[0].name', message: 'a sub-region needs a name' },
      { path: 'subRegions[2].id', message: '"Bad" is not a sub-region id' },
      { path: 'subRegions[2].municipalities', message: 'a sub-region needs municipalities' },
      { path: 'subRegions', message: 'two sub-regions have the id a' },
    ]);
  });

  it('gives a sub-region without an id one from its name', () => {
    const r = validateRegion(
      { ...valid, subRegions: [{ name: 'Sunnfjord og Nordfjord', municipalities: ['3305'] }] },
      registry,
    );
    expect(r.region.subRegions[0]?.id).toBe('sunnfjord-og-nordfjord');
    expect(subRegionId('Gjøvikregionen')).toBe('gjovikregionen');
    expect(subRegionId('Ås')).toBe('as');
    expect(subRegionId('1 2')).toBe('s-1-2');
  });

  it('lists every problem at once', () => {
    expect(
      problems({
        id: 'X',
        name: '',
        municipalities: ['9999'],
        subRegions: [{ name: 'A', municipalities: ['3407'] }],
      }).map((p) => p.path),
    ).toEqual(['id', 'name', 'municipalities[0]', 'subRegions']);
  });
});
