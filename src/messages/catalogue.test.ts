import { describe, expect, it } from 'vitest';
import type { MessageCode, MessageParams } from '../domain/message.ts';
import { CATALOGUE, localise, MESSAGE_CODES, renderMessage } from './catalogue.ts';
import type { Lang } from './format.ts';
import { APP_SAMPLES } from './parts/app.samples.ts';
import { INGEST_SAMPLES } from './parts/ingest.samples.ts';
import { LABELS_SAMPLES } from './parts/labels.samples.ts';
import { SHELLS_SAMPLES } from './parts/shells.samples.ts';
import { BOKMAL, ENGLISH } from './words/tell-tales.ts';

/**
 * Neutral parameters for every code: ids and numbers, no words of either language, so what the
 * rendering says in words comes from the catalogue alone.
 */
/** A label nested in an audit message (its own code is tested with the labels part's samples). */
const LABEL = { code: 'audit_label_product_value', params: { product: { nb: 'n9', en: 'e9' } } } as const;

const CORE_SAMPLES = {
  tier_closed_by_rule: {
    kind: 'k1',
    tier: 'for',
    regulatoryClass: 'abp-cat2',
    rule: { nb: 'r1', en: 'x1' },
    citation: 'C-1',
  },
  tier_no_technology: { kind: 'k1', tier: 'produkt' },
  tier_only_emerging: { kind: 'k1', tier: 'produkt', trl: 4, mature: 8 },
  technology_emerging: { technology: 't1', trl: 4, mature: 8 },
  route_placeholder: { count: 2 },
  route_market_full: {
    product: { nb: 'p1', en: 'x1' },
    scope: 'national',
    marketTonnes: 1000,
    routedTonnes: 2178,
    streamTonnes: 58802,
  },
  eligibility_tier_forbidden: { regulatoryClass: 'abp-cat2', tier: 'mat', rule: { nb: 'r1', en: 'x1' } },
  eligibility_technology_forbidden: {
    regulatoryClass: 'sludge',
    technology: 't1',
    rule: { nb: 'r2', en: 'x2' },
  },
  unallocated_capacity_full: { sites: ['s1', 's2'] },
  unallocated_negative_margin: {},
  unallocated_beyond_radius: {},
  unallocated_no_eligible_site: {},
  allocation_failed: { status: 'infeasible' },
  infeasible_minimum_intake: { site: 's1', minimumTonnes: 800000, basis: 'wet', reachableTonnes: 4456 },
  infeasible_shared_minimums: { sites: ['s1', 's2'], minimumTonnes: [100, 200] },
  infeasible_no_solution: {},
  model_unbounded: {},
  solver_stopped: { status: 'limit', detail: '' },
  audit_sum: { label: LABEL, stated: 964681, computed: 964680, parts: 12 },
  audit_product: {
    label: LABEL,
    stated: 25,
    computed: 24.5,
    factors: [
      { label: { nb: 'n1', en: 'e1' }, value: 10 },
      { label: { nb: 't/daa', en: 't/daa' }, value: 2.45 },
    ],
    explanation: {
      code: 'audit_explain_not_residue',
      params: { share: 0.15, complement: 0.85, tonnes: 80004 },
    },
  },
  audit_growth: {
    label: LABEL,
    stated: 130,
    computed: 121,
    start: 100,
    ratePercent: 10,
    years: 2,
    impliedPercent: 14,
  },
  audit_growth_convention: {
    label: LABEL,
    stated: 15.4,
    start: 7.23,
    ratePercent: 8.8,
    years: 10,
    compoundings: 9,
    computed: 15.45,
  },
  audit_range: {
    label: LABEL,
    stated: 3,
    what: { code: 'audit_what_literature', params: { coefficients: [{ nb: 'n8', en: 'e8' }] } },
    low: 1,
    high: 2,
    central: 1.5,
  },
  audit_co2e_counted_twice: {
    scenario: { nb: 's1', en: 'x1' },
    product: { nb: 'p1', en: 'x2' },
    premiumNok: 72000000,
    co2eTonnes: 11400,
  },
  audit_range_self: {
    label: LABEL,
    stated: 3,
    what: { code: 'audit_what_literature', params: { coefficients: [{ nb: 'n8', en: 'e8' }] } },
    central: 3,
  },
  audit_balance: {
    label: LABEL,
    outputs: [
      { label: { nb: 'n2', en: 'e2' }, value: 1 },
      { label: { nb: 'H2', en: 'H2' }, value: 2 },
    ],
    outputTotal: 3,
    input: 2,
  },
  audit_sum_rest: {
    label: LABEL,
    stated: 30015,
    computed: 23809,
    rest: 6206,
    restText: { nb: 'n3', en: 'e3' },
  },
  audit_product_in_range: {
    label: LABEL,
    stated: 21000,
    computed: 25125,
    factor: { nb: 'n4', en: 'e4' },
    implied: 5.6,
    value: 6.7,
    low: 1.6,
    high: 6.7,
  },
  audit_statistic: { label: LABEL, stated: 17386, computed: 17000, what: LABEL },
  audit_statistic_double_counted: {
    label: LABEL,
    stated: 162776,
    computed: 161989,
    what: LABEL,
    listings: [{ category: '1310', categoryText: 'c-1310', m3: 787 }],
  },
  audit_share: {
    label: LABEL,
    statedPercent: 11.6,
    computedPercent: 12.1,
    part: 1373557,
    whole: 11350000,
    what: LABEL,
  },
  audit_basis: {
    label: LABEL,
    stated: 53167,
    basis: 'wet',
    wet: 118149,
    dm: 53167,
    what: LABEL,
  },
  audit_unchecked_harvest: { year: 2024, years: [2022, 2023] },
  audit_unchecked_share: { year: 2024, statedPercent: 11.6, years: [2023] },
  audit_unchecked_share_counties: { year: 2024, statedPercent: 11.6, counties: ['03', '11'] },
  unknown_region: { id: 'r9', known: ['r1', 'r2'] },
  unknown_profile: { id: 'p9', known: ['p1', 'p2'] },
  unknown_kind: { id: 'k9', known: ['k1', 'k2'] },
  unknown_municipality_in_region: {
    input: '1504',
    region: 'r1',
    known: ['3407'],
    candidates: ['1508', '1580'],
  },
  invalid_choice: { name: 'format', input: 'x9', allowed: ['table', 'json'] },
  invalid_integer: { name: 'seed', input: 'x9', min: 0, max: null },
  missing_statistics: { municipality: '3451', kind: 'k1', statistics: ['area.x', 'harvest.y'] },
  missing_statistic: { municipality: '3451', statistic: 'area.x', kinds: ['k1', 'k2'] },
  missing_statistics_for: { municipalities: ['3451', '3452'], statistics: ['area.x'], profile: 'p1' },
  region_invalid: { region: 'r1', problems: 2 },
  region_id_invalid: { id: 'X-1' },
  region_name_missing: {},
  region_empty: {},
  region_number_invalid: { input: 'x1' },
  region_number_unresolved: { input: '1504', candidates: ['1508', '1580'] },
  region_municipality_unknown: { region: 'r1', municipality: '9999' },
  region_subregion_member_outside: { region: 'r1', municipality: '3407' },
  region_municipality_in_two_subregions: { region: 'r1', municipality: '3407' },
  subregion_name_missing: {},
  subregion_id_invalid: { id: 'X-2' },
  subregion_empty: { subRegion: 'sr1' },
  subregion_duplicate_id: { id: 'sr1' },
  field_missing: { expected: 'number' },
  field_invalid_type: { expected: 'number', received: 'string' },
  field_too_small: { origin: 'number', limit: 0, inclusive: true },
  field_too_big: { origin: 'string', limit: 200, inclusive: true },
  field_invalid_value: { values: ['v1', 'v2'] },
  field_invalid_format: { format: 'regex', pattern: '^[a-z]+$' },
  field_not_multiple_of: { divisor: 5 },
  field_unknown: { key: 'k9' },
  field_invalid: {},
  request_invalid: { part: 'query', problems: 3 },
} satisfies Partial<{ [C in MessageCode]: MessageParams[C] }>;

const SAMPLES: { [C in MessageCode]: MessageParams[C] } = {
  ...CORE_SAMPLES,
  ...INGEST_SAMPLES,
  ...APP_SAMPLES,
  ...LABELS_SAMPLES,
  ...SHELLS_SAMPLES,
};

const isText = (v: unknown): v is { nb: string; en: string } =>
  typeof v === 'object' && v !== null && typeof (v as { nb?: unknown }).nb === 'string';

describe('the message catalogue', () => {
  it('has exactly the codes the domain declares, each in both languages', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...MESSAGE_CODES].sort());
    for (const code of MESSAGE_CODES) {
      expect(typeof CATALOGUE[code].nb, code).toBe('function');
      expect(typeof CATALOGUE[code].en, code).toBe('function');
    }
  });

  it.each(MESSAGE_CODES)('renders %s in bokmål with no English and in English with no bokmål', (code) => {
    const m = { code, params: SAMPLES[code] } as Parameters<typeof renderMessage>[0];
    const nb = renderMessage(m, 'nb');
    const en = renderMessage(m, 'en');
    expect(nb.length, code).toBeGreaterThan(10);
    expect(en).not.toBe(nb);
    // Strip the neutral parameters (ids, labels) before judging the words.
    const words = (s: string) => s.replace(/\b[A-Z]-\d\b|\b[a-z]+\d\b|abp-cat\d|[a-z]+\.[a-z]+/g, '');
    expect(words(nb), `bokmål of ${code}: ${nb}`).not.toMatch(ENGLISH);
    expect(words(en), `English of ${code}: ${en}`).not.toMatch(BOKMAL);
    // Every parameter that is a word or number shows up (ids and numbers formatted for the language).
    for (const [k, v] of Object.entries(SAMPLES[code])) {
      if (
        typeof v === 'string' &&
        v !== '' &&
        ![
          'tier',
          'basis',
          'status',
          'expected',
          'received',
          'origin',
          'format',
          'part',
          'line',
          'scope',
          // An uncertain input's kind of number (yield, capex …): said in words.
          'group',
          // A report's table by what it holds (area, forestry …): said in words, never as the key.
          'table',
          // A match's pipeline stage (identified, contacted …) and a listing's problem: said in words.
          'stage',
          'fromStage',
          'toStage',
          'problem',
        ].includes(k)
      ) {
        expect(nb, `${code}.${k}`).toContain(v);
        expect(en, `${code}.${k}`).toContain(v);
      }
      // A text the data carries ({nb, en}) shows in its own language only.
      if (isText(v)) {
        expect(nb, `${code}.${k}`).toContain(v.nb);
        expect(nb, `${code}.${k}`).not.toContain(v.en);
        expect(en, `${code}.${k}`).toContain(v.en);
        expect(en, `${code}.${k}`).not.toContain(v.nb);
      }
    }
  });

  it('formats numbers for the language', () => {
    const m = { code: 'infeasible_minimum_intake', params: SAMPLES.infeasible_minimum_intake } as const;
    expect(renderMessage(m, 'nb')).toMatch(/800\s000 tonn våtvekt/);
    expect(renderMessage(m, 'en')).toMatch(/800,000 t wet/);
  });

  it('names kinds, technologies and municipalities when given their names', () => {
    const names = {
      kind: (id: string, lang: Lang) => (id === 'k1' ? (lang === 'nb' ? 'Halm' : 'Straw') : id),
      municipality: (nr: string) => `Vang (${nr})`,
    };
    expect(
      renderMessage({ code: 'tier_no_technology', params: SAMPLES.tier_no_technology }, 'nb', names),
    ).toBe('Ingen teknologi i biblioteket løfter Halm til produkter og materialer');
    expect(
      renderMessage({ code: 'missing_statistics', params: SAMPLES.missing_statistics }, 'en', names),
    ).toBe('Vang (3451) lacks statistics for Straw: area.x and harvest.y');
  });

  it('adds the text to every message in an answer and keeps code and parameters', () => {
    const answer = {
      tiers: [{ tier: 'mat', reason: { code: 'tier_no_technology', params: { kind: 'k1', tier: 'mat' } } }],
    };
    const out = localise(answer, 'en');
    expect(out.tiers[0]?.reason).toEqual({
      code: 'tier_no_technology',
      params: { kind: 'k1', tier: 'mat' },
      text: 'No technology in the library lifts k1 to food',
    });
    expect(answer.tiers[0]?.reason).not.toHaveProperty('text');
  });
});
