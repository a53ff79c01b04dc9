import { describe, expect, it } from 'vitest';
import { createSectorClassifier, validateSectorMapping } from '../domain/actors.ts';
import { loadSectorMapping, loadSn2007Codes, loadSn2025Codes } from './nace-sectors.ts';
import { loadReferenceData } from './reference-data.ts';

const mapping = loadSectorMapping();
const sn2007 = loadSn2007Codes();
const sn2025 = loadSn2025Codes();

describe('data/mappings/nace-sectors.json', () => {
  it('has the report’s sectors and this project’s four additions, each with names, source and residue kinds', () => {
    expect(mapping.sectors.map((s) => s.id)).toEqual([
      'naeringsmiddel_og_forindustri',
      'jordbruk',
      'skogbruk',
      'jord_og_skogbruk_begge',
      'fiske_og_akvakultur',
      'jakt_og_viltstell',
      'reparasjon_og_vedlikehold',
      'gjenbruk_og_brukthandel',
      'avlopsanlegg',
      'tekstil',
      'transport_og_logistikk',
      'energi',
      'avfall_og_gjenvinning',
      'metall',
      'treindustri',
    ]);
  });

  it('names only residue kinds that exist, and no SN2025-only prefix can match an SN2007 code', () => {
    const kinds = loadReferenceData().kinds.map((k) => k.id);
    expect(validateSectorMapping(mapping, kinds, sn2007)).toEqual([]);
  });

  it('uses only prefixes that are real codes: `nace` in SN2007 or SN2025, `sn2025Only` in SN2025', () => {
    expect(sn2007.size).toBe(1790); // 1 811 codes less the 21 section letters
    for (const s of mapping.sectors) {
      for (const p of s.nace) expect(sn2007.has(p) || sn2025.has(p), `${s.id}: ${p}`).toBe(true);
      for (const p of s.sn2025Only) expect(sn2025.has(p), `${s.id}: ${p}`).toBe(true);
    }
  });

  it('classifies SN2007 and SN2025 codes; agriculture and forestry together go to the combined sector', () => {
    const classify = createSectorClassifier(mapping);
    expect(classify(['01.451', null, null])).toEqual(['jordbruk']);
    expect(classify(['02.200', '01.110', null])).toEqual(['jord_og_skogbruk_begge']);
    expect(classify(['01.700'])).toEqual(['jakt_og_viltstell']);
    expect(classify(['16.100', '35.300'])).toEqual(['energi', 'treindustri']);
    expect(classify(['16.260'])).toEqual(['energi', 'treindustri']); // SN2025 solid biofuel
    expect(classify(['95.310'])).toEqual(['reparasjon_og_vedlikehold']); // SN2025 vehicle repair
    expect(classify(['45.200'])).toEqual(['reparasjon_og_vedlikehold']); // SN2007 vehicle repair
    expect(classify(['20.510'])).toEqual([]); // explosives (SN2007) or liquid biofuel (SN2025): left out
    expect(classify(['62.010', '00.000'])).toEqual([]);
    expect(classify(['10.110', '46.210', '01.410'])).toEqual(['naeringsmiddel_og_forindustri', 'jordbruk']);
  });
});
