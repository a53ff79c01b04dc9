import { describe, expect, it } from 'vitest';
import { type BrregUnit, countingRule, REPORT_STATUS_FILTER, toActor } from './actors.ts';
import { createMunicipalityRegistry } from './municipalities.ts';

const registry = createMunicipalityRegistry(
  [
    { number: '3118', name: 'Indre Østfold', county: '31' },
    { number: '3305', name: 'Ringerike', county: '33' },
  ],
  [
    { from: '0123', fromName: 'Spydeberg', to: '3014', toName: 'Indre Østfold', validFrom: '2020-01-01' },
    { from: '3014', fromName: 'Indre Østfold', to: '3118', toName: 'Indre Østfold', validFrom: '2024-01-01' },
    { from: '0605', fromName: 'Ringerike', to: '3007', toName: 'Ringerike', validFrom: '2020-01-01' },
    { from: '3007', fromName: 'Ringerike', to: '3305', toName: 'Ringerike', validFrom: '2024-01-01' },
  ],
);

const unit = (over: Partial<BrregUnit> = {}): BrregUnit => ({
  orgnr: '915607802',
  unitType: 'enhet',
  name: 'VARMA AS',
  form: 'AS',
  nace: ['16.290', null, null],
  parentOrgnr: null,
  address: {
    lines: ['Årbogveien 100'],
    postcode: '3515',
    postalPlace: 'HØNEFOSS',
    municipalityNumber: '3305',
    countryCode: 'NO',
  },
  registeredVat: true,
  bankrupt: false,
  underLiquidation: false,
  underForcedDissolution: false,
  employees: 13,
  founded: '2015-06-12',
  registeredAt: '2015-07-01',
  closedOn: null,
  deletedOn: null,
  ...over,
});

const classify = (codes: readonly (string | null)[]) => (codes[0]?.startsWith('16') ? ['treindustri'] : []);

describe('toActor', () => {
  it('maps a unit with today’s municipality and its sectors', () => {
    const { actor, problem } = toActor(unit(), registry, classify);
    expect(problem).toBeUndefined();
    expect(actor).toMatchObject({
      municipality: '3305',
      municipalityInSource: null,
      sectors: ['treindustri'],
      address: 'Årbogveien 100',
    });
  });

  it('maps 2020–2023 and pre-2020 numbers to today’s, keeping the number in the source', () => {
    for (const [raw, today] of [
      ['3007', '3305'],
      ['0605', '3305'],
      ['3014', '3118'],
      ['0123', '3118'],
    ] as const) {
      const a = unit({
        address: { lines: [], postcode: null, postalPlace: null, municipalityNumber: raw, countryCode: 'NO' },
      });
      expect(toActor(a, registry, classify).actor).toMatchObject({
        municipality: today,
        municipalityInSource: raw,
      });
    }
  });

  it('drops a unit whose organisation number fails its check digit, and a deleted unit', () => {
    expect(toActor(unit({ orgnr: '915607803' }), registry, classify)).toMatchObject({
      actor: null,
      problem: { code: 'invalid_orgnr' },
    });
    expect(toActor(unit({ deletedOn: '2024-01-05' }), registry, classify)).toMatchObject({
      actor: null,
      problem: { code: 'deleted' },
    });
  });

  it('keeps a unit without a known municipality, reporting why', () => {
    const none = toActor(unit({ address: null }), registry, classify);
    expect(none.actor?.municipality).toBeNull();
    expect(none.problem?.code).toBe('missing_municipality');
    const svalbard = toActor(
      unit({
        address: {
          lines: [],
          postcode: null,
          postalPlace: null,
          municipalityNumber: '2100',
          countryCode: 'NO',
        },
      }),
      registry,
      classify,
    );
    expect(svalbard.problem).toMatchObject({ code: 'unknown_municipality' });
    expect(svalbard.actor).toMatchObject({ municipality: null, municipalityInSource: '2100' });
  });
});

describe('countingRule', () => {
  it('states where each unit type is counted and what the filters removed', () => {
    const rule = countingRule('all', REPORT_STATUS_FILTER);
    expect(rule).toMatch(/forretningsadresse/);
    expect(rule).toMatch(/beliggenhetsadresse/);
    expect(rule).toMatch(/removed: bankrupt/);
    expect(rule).toMatch(/not VAT-registered/);
    expect(countingRule('enheter', { ...REPORT_STATUS_FILTER, includeNonVat: true })).not.toMatch(
      /VAT-registered/,
    );
  });
});
