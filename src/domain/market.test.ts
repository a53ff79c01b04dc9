import { describe, expect, it } from 'vitest';
import {
  aggregatePublic,
  allowedNext,
  checkStageChange,
  computedBenefit,
  dashboard,
  type Listing,
  listingAccess,
  type MarketViewer,
  mayCreateListing,
  mayEditListing,
  pairEligibility,
  rankCandidates,
  remindersDue,
  type StageChange,
  seasonOverlap,
  sumRecords,
  tonnesPerYear,
  VISIBILITIES,
} from './market.ts';

const listing = (over: Partial<Listing> = {}): Listing => ({
  id: 'l1',
  side: 'offer',
  kind: 'matavfall',
  cycle: 'biological',
  title: 'Matavfall',
  quantity: { amount: 120, unit: 't', basis: 'wet', per: 'year', low: null, high: null },
  recurrence: { type: 'recurring', months: [], intervalDays: null },
  quality: { dmShare: null, contaminants: null, certificate: null, abpCategory: null },
  location: { municipality: '3305', address: 'Storgata 1' },
  price: { nokPerTonne: null, gateFeeNokPerTonne: 900 },
  logistics: 'collected',
  legal: { status: 'by-product', receiverNeedsPermit: false, receiverNeedsMattilsynet: false },
  use: { tier: null, technology: null },
  estimated: false,
  estimate: null,
  visibility: 'organisation',
  region: 'r1',
  holder: { orgnr: '983491154', name: 'VILLFISKEN AS', named: true, organisationId: 'o1' },
  note: null,
  state: 'open',
  createdBy: 'u-creator',
  createdAt: '2026-11-01T00:00:00Z',
  updatedBy: 'u-creator',
  updatedAt: '2026-11-01T00:00:00Z',
  ...over,
});

const viewers: Record<string, MarketViewer> = {
  visitor: { user: null, roles: [], organisations: [] },
  member: { user: { id: 'u-member' }, roles: [], organisations: [{ id: 'o1', orgnr: '983491154' }] },
  other: { user: { id: 'u-other' }, roles: [], organisations: [{ id: 'o2', orgnr: '915607802' }] },
  loner: { user: { id: 'u-loner' }, roles: [], organisations: [] },
  facilitator: { user: { id: 'u-f' }, roles: [{ role: 'facilitator', region: 'r1' }], organisations: [] },
  elsewhere: { user: { id: 'u-e' }, roles: [{ role: 'facilitator', region: 'r2' }], organisations: [] },
  admin: { user: { id: 'u-a' }, roles: [{ role: 'admin', region: null }], organisations: [] },
  creator: { user: { id: 'u-creator' }, roles: [], organisations: [] },
};

describe('who sees a listing, stage by stage', () => {
  it('widens from the organisation to facilitators, the region’s participants and the public', () => {
    const table = Object.fromEntries(
      VISIBILITIES.map((v) => [
        v,
        Object.fromEntries(
          Object.entries(viewers).map(([k, w]) => [k, listingAccess(w, listing({ visibility: v }))]),
        ),
      ]),
    );
    const always = { member: 'full', facilitator: 'full', admin: 'full', creator: 'full' };
    expect(table.organisation).toEqual({
      ...always,
      visitor: 'none',
      other: 'none',
      loner: 'none',
      elsewhere: 'none',
    });
    expect(table.facilitators).toEqual(table.organisation);
    // The region: every participant (a member of an organisation, or a role) sees it; a visitor and an account without either does not.
    expect(table.region).toEqual({
      ...always,
      visitor: 'none',
      other: 'full',
      loner: 'none',
      elsewhere: 'full',
    });
    expect(table.public).toEqual({
      ...always,
      visitor: 'public',
      other: 'full',
      loner: 'public',
      elsewhere: 'full',
    });
  });

  it('never names a sole proprietorship or a farm to the public, and hides a closed listing', () => {
    const farm = listing({
      visibility: 'public',
      holder: { orgnr: '999999999', name: 'Ola Nordmann', named: false, organisationId: null },
    });
    expect(listingAccess(viewers.visitor as MarketViewer, farm)).toBe('none');
    expect(
      listingAccess(viewers.other as MarketViewer, listing({ visibility: 'public', state: 'closed' })),
    ).toBe('none');
    expect(
      listingAccess(viewers.member as MarketViewer, listing({ visibility: 'public', state: 'closed' })),
    ).toBe('full');
  });

  it('lets the holder, the creator and the region’s facilitator change it, and list for a holder', () => {
    const l = listing({ visibility: 'public' });
    const may = Object.fromEntries(Object.entries(viewers).map(([k, w]) => [k, mayEditListing(w, l)]));
    expect(may).toEqual({
      visitor: false,
      member: true,
      other: false,
      loner: false,
      facilitator: true,
      elsewhere: false,
      admin: true,
      creator: true,
    });
    const holder = l.holder;
    expect(mayCreateListing(viewers.member as MarketViewer, 'r1', holder)).toBe(true);
    expect(mayCreateListing(viewers.other as MarketViewer, 'r1', holder)).toBe(false);
    expect(mayCreateListing(viewers.elsewhere as MarketViewer, 'r1', holder)).toBe(false);
    expect(mayCreateListing(viewers.facilitator as MarketViewer, 'r1', holder)).toBe(true);
    expect(mayCreateListing(viewers.visitor as MarketViewer, 'r1', holder)).toBe(false);
  });

  it('sums public listings per municipality, kind and side for a visitor', () => {
    const rows = aggregatePublic(
      [
        listing({ id: 'a', visibility: 'public' }),
        listing({
          id: 'b',
          visibility: 'public',
          holder: { orgnr: null, name: null, named: false, organisationId: null },
        }),
        listing({ id: 'c', visibility: 'region' }),
        listing({
          id: 'd',
          visibility: 'public',
          quantity: { amount: 3, unit: 'm3', basis: 'wet', per: 'year', low: null, high: null },
        }),
      ],
      () => 0.25,
    );
    expect(rows).toEqual([
      { municipality: '3305', kind: 'matavfall', side: 'offer', listings: 3, tonnesPerYear: 240 },
    ]);
  });
});

describe('quantities', () => {
  it('turns dry matter, deliveries and one-off amounts into wet tonnes a year, and leaves cubic metres unknown', () => {
    const q = (quantity: Partial<Listing['quantity']>, recurrence: Partial<Listing['recurrence']> = {}) =>
      tonnesPerYear(
        {
          quantity: { ...listing().quantity, ...quantity },
          recurrence: { ...listing().recurrence, ...recurrence },
          quality: listing().quality,
        },
        0.25,
      );
    expect(q({})).toBe(120);
    expect(q({ basis: 'dm', amount: 30 })).toBe(120);
    expect(q({ per: 'delivery', amount: 10 }, { intervalDays: 73 })).toBe(50);
    expect(q({ per: 'delivery', amount: 10 }, { intervalDays: null })).toBeNull();
    expect(q({ unit: 'm3' })).toBeNull();
    expect(q({ per: 'total', amount: 40 })).toBe(40);
  });
});

describe('eligibility of a pair', () => {
  const rules = [
    {
      id: 'catering-waste',
      regulatoryClass: 'mixed-food-waste' as const,
      forbiddenTiers: ['for' as const],
      forbiddenTechnologies: ['bsf-larver'],
      rule: { nb: 'Matavfall ikke til fôr', en: 'Catering waste not to feed' },
      legalSource: { status: 'literature' as const, citation: 'x' },
    },
  ];
  it('applies the library’s rule by regulatory class, then the listing’s animal by-product category', () => {
    const feed = pairEligibility(rules, 'mixed-food-waste', null, { tier: 'for' });
    expect(feed.ok).toBe(false);
    expect(!feed.ok && feed.rule?.id).toBe('catering-waste');
    expect(pairEligibility(rules, 'mixed-food-waste', null, { tier: 'energi' }).ok).toBe(true);
    // A category 1 by-product goes to energy only; category 2 not to feed or food; category 3 not back to food.
    expect(pairEligibility(rules, null, 1, { tier: 'gjodsel' })).toMatchObject({
      ok: false,
      reason: { code: 'abp_category_forbidden' },
    });
    expect(pairEligibility(rules, null, 1, { tier: 'energi' }).ok).toBe(true);
    expect(pairEligibility(rules, null, 2, { tier: 'gjodsel' }).ok).toBe(true);
    expect(pairEligibility(rules, null, 2, { tier: 'for' }).ok).toBe(false);
    expect(pairEligibility(rules, null, 3, { tier: 'for' }).ok).toBe(true);
    expect(pairEligibility(rules, null, 3, { tier: 'mat' }).ok).toBe(false);
    expect(pairEligibility(rules, null, 3, { tier: null }).ok).toBe(true);
  });
});

describe('ranking', () => {
  const base = {
    name: null,
    municipality: null,
    step: null,
    technology: null,
    months: [] as number[],
    eligibility: { ok: true } as const,
  };
  const economics = {
    // Uplift per tonne over the current use: feed 900, fertiliser 300, energy 200.
    upliftPerTonneNok: (t: string) => ({ for: 900, gjodsel: 300, energi: 200 })[t as 'for'] ?? null,
    co2ePerTonne: (t: string) => ({ for: 0.5, gjodsel: 0.1, energi: 0.3 })[t as 'for'] ?? null,
    transport: { costNokPerTonneKm: 3, kgCo2ePerTonneKm: 0.1 },
  };
  it('puts the higher tier first, then net value after transport, then distance, and excludes with the reason', () => {
    const { ranked, excluded } = rankCandidates(
      {
        tonnesPerYear: 100,
        months: [5, 6, 7, 8],
        legal: listing({
          legal: { status: 'waste', receiverNeedsPermit: true, receiverNeedsMattilsynet: false },
        }).legal,
      },
      [
        {
          ...base,
          type: 'site',
          id: 'biogas-near',
          tier: 'energi',
          rank: 0,
          km: 10,
          tonnesPerYear: 30_000,
          capacity: true,
        },
        { ...base, type: 'site', id: 'biogas-far', tier: 'energi', rank: 0, km: 40, tonnesPerYear: 30_000 },
        { ...base, type: 'actor', id: 'farm', tier: 'gjodsel', rank: 1, km: 90, tonnesPerYear: null },
        {
          ...base,
          type: 'listing',
          id: 'insects',
          tier: 'for',
          rank: 2,
          km: 5,
          tonnesPerYear: 200,
          months: [6, 7],
          eligibility: { ok: false, rule: null, reason: { code: 'signin_required', params: {} } },
        },
        {
          ...base,
          type: 'listing',
          id: 'fish-feed',
          tier: 'for',
          rank: 2,
          km: 100,
          tonnesPerYear: 50,
          months: [6, 7],
        },
      ],
      economics,
    );
    expect(ranked.map((c) => c.id)).toEqual(['fish-feed', 'farm', 'biogas-near', 'biogas-far']);
    expect(excluded.map((c) => c.id)).toEqual(['insects']);
    const feed = ranked[0];
    expect(feed).toMatchObject({
      upliftPerTonneNok: 900,
      transportNokPerTonne: 300,
      netPerTonneNok: 600,
      quantityFit: 0.5,
      seasonOverlap: 0.5,
      tonnesPerYear: 50,
    });
    // 0.5 t CO2e a tonne less 100 km × 0.1 kg a tonne-km.
    expect(feed?.co2ePerTonne).toBeCloseTo(0.49, 12);
    // Fertiliser 90 km away nets 300 − 270 = 30, still above energy: the tier decides first.
    expect(ranked[1]?.netPerTonneNok).toBe(30);
    expect(ranked[2]?.netPerTonneNok).toBe(170);
    // A plant that can take all of the offer fits, whatever its spare capacity; a wish of 30 000 t does not.
    expect(ranked[2]?.quantityFit).toBe(1);
    expect(ranked[3]?.quantityFit).toBeCloseTo(100 / 30_000, 12);
    expect(ranked[0]?.notes.map((n) => n.code)).toEqual(['match_receiver_permit']);
  });

  it('counts the season as the share of the offer’s months the other side covers', () => {
    expect(seasonOverlap([], [])).toBe(1);
    expect(seasonOverlap([1, 2, 3, 4], [3, 4, 5])).toBe(0.5);
    expect(seasonOverlap([1, 2], [])).toBe(1);
    expect(seasonOverlap([], [6])).toBeCloseTo(1 / 12, 12);
  });
});

describe('the pipeline', () => {
  const at = (stage: StageChange['stage'], day: string): StageChange => ({
    stage,
    reason: 'r',
    note: null,
    by: 'u',
    at: `2026-${day}T10:00:00Z`,
  });

  it('moves forward (skips allowed), stalls and resumes where it was, and ends at realised or rejected', () => {
    expect(allowedNext([at('identified', '11-01')])).toEqual([
      'contacted',
      'qualified',
      'trial',
      'contract',
      'realised',
      'rejected',
      'stalled',
    ]);
    const stalled = [at('identified', '11-01'), at('qualified', '11-05'), at('stalled', '11-09')];
    expect(allowedNext(stalled)).toEqual(['qualified', 'trial', 'contract', 'realised', 'rejected']);
    expect(allowedNext([...stalled, at('realised', '12-01')])).toEqual([]);
    expect(checkStageChange(stalled, 'contacted', null)).toMatchObject({ code: 'stage_change_invalid' });
    expect(checkStageChange([at('identified', '11-01')], 'rejected', '  ')).toMatchObject({
      code: 'stage_reason_required',
    });
    expect(checkStageChange([at('identified', '11-01')], 'rejected', 'price')).toBeNull();
  });

  it('reminds of open matches idle for the given days and of every stalled one, oldest first', () => {
    const due = remindersDue(
      [
        { id: 'a', log: [at('identified', '11-01'), at('contacted', '11-20')] },
        { id: 'b', log: [at('identified', '10-01')] },
        { id: 'c', log: [at('identified', '12-01'), at('stalled', '12-02')] },
        { id: 'd', log: [at('identified', '09-01'), at('realised', '09-02')] },
      ],
      new Date('2026-12-04T10:00:00Z'),
      30,
    );
    expect(due.map((d) => [d.id, d.stage, d.idleDays])).toEqual([
      ['b', 'identified', 64],
      ['c', 'stalled', 2],
    ]);
  });
});

describe('the ledger and the dashboard', () => {
  it('computes a record from the match’s per-tonne figures, and totals are sums of records', () => {
    expect(
      computedBenefit(5, { upliftPerTonneNok: 280, transportNokPerTonne: 55, co2ePerTonne: 0.3 }),
    ).toEqual({
      nok: 1125,
      co2eTonnes: 1.5,
    });
    expect(
      sumRecords([
        { tonnes: 5, nok: 1125, co2eTonnes: 1.5 },
        { tonnes: 3, nok: 2000, co2eTonnes: 0.5 },
      ]),
    ).toEqual({
      tonnes: 8,
      nok: 3125,
      co2eTonnes: 2,
      records: 2,
    });
  });

  it('sets identified (matches not rejected) against realised, by kind, municipality and tier', () => {
    const d = dashboard([
      {
        id: 'm1',
        kind: 'matavfall',
        municipality: '3305',
        tier: 'energi',
        stage: 'contract',
        identified: { tonnesPerYear: 100, nokPerYear: 20_000, co2eTonnesPerYear: 30 },
        records: [{ tonnes: 40, nok: 8000, co2eTonnes: 12 }],
      },
      {
        id: 'm2',
        kind: 'matavfall',
        municipality: '3305',
        tier: 'for',
        stage: 'rejected',
        identified: { tonnesPerYear: 50, nokPerYear: 30_000, co2eTonnesPerYear: 25 },
        records: [],
      },
      {
        id: 'm3',
        kind: 'halm',
        municipality: '3407',
        tier: 'gjodsel',
        stage: 'identified',
        identified: { tonnesPerYear: 400, nokPerYear: null, co2eTonnesPerYear: null },
        records: [],
      },
    ]);
    expect(d.total).toMatchObject({
      matches: 3,
      identified: { matches: 2, tonnes: 500, nok: 20_000, co2eTonnes: 30 },
      realised: { tonnes: 40, nok: 8000, co2eTonnes: 12, records: 1 },
      byStage: { contract: 1, rejected: 1, identified: 1 },
    });
    expect(d.byKind.map((r) => [r.key, r.identified.tonnes, r.realised.tonnes])).toEqual([
      ['halm', 400, 0],
      ['matavfall', 100, 40],
    ]);
    expect(d.byTier.map((r) => r.key)).toEqual(['energi', 'for', 'gjodsel']);
    expect(d.byMunicipality.map((r) => [r.key, r.matches])).toEqual([
      ['3305', 2],
      ['3407', 1],
    ]);
  });
});
