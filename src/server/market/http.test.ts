/**
 * The market platform over the API on every dialect of RESTVERDI_TEST_DIALECTS, through app.request
 * with real accounts (better-auth on the same store): who may read and write what — a visitor, a
 * member of another organisation, the facilitator of another region, the holder, the region's
 * facilitator and an administrator — for every route; CSRF (a foreign origin, a form post); session
 * fixation; and the whole path from an estimate to a realised, recorded match.
 */
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, testDialects } from '../../../test/helpers/stores.ts';
import { createAccounts, readAudit } from '../../app/accounts.ts';
import { importRegisterBulk } from '../../app/imports.ts';
import { grantPlatformRole } from '../../app/roles.ts';
import { createApp } from '../app.ts';
import { createServerState } from '../state.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers read as JSON, checked by the assertions.
type Json = any;

const BASE = 'http://restverdi.test';
const SECRET = 'a-test-secret-of-more-than-thirty-two-characters';
const REGION = 'gjovik-hadeland-ringerike';
const SAMPLES = join(import.meta.dirname, '../../../test/fixtures/enhetsregisteret-samples');
/** VILLFISKEN AS, Ringerike: holds food waste by NACE × employees in the register sample. */
const HOLDER_ORGNR = '983491154';
/** VARMA AS, Ringerike: another company of the sample. */
const OTHER_ORGNR = '915607802';

type Who = 'visitor' | 'other' | 'otherFacilitator' | 'holder' | 'facilitator' | 'admin';
const WHO: Who[] = ['visitor', 'other', 'otherFacilitator', 'holder', 'facilitator', 'admin'];

describe.each(testDialects())('the market platform over the API on %s', (dialect) => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>;
  let state: Awaited<ReturnType<typeof createServerState>>;
  const cookies: Partial<Record<Who, string>> = {};
  let n = 0;
  const socket = () => ({
    incoming: {
      socket: { remoteAddress: `10.1.0.${(n++ % 250) + 1}`, remotePort: 40000, remoteFamily: 'IPv4' },
    },
  });
  const call = (
    method: string,
    path: string,
    who: Who,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.request(
      `${BASE}/api${path}`,
      {
        method,
        headers: {
          ...(body === undefined ? {} : { 'Content-Type': 'application/json', Origin: BASE }),
          ...(cookies[who] ? { Cookie: cookies[who] as string } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      socket(),
    );
  const cookieOf = (r: Response) =>
    /(restverdi\.session_token=[^;]+)/.exec(r.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const signUp = async (who: Who) => {
    const r = await call('POST', '/auth/sign-up/email', 'visitor', {
      email: `${who}@example.no`,
      password: 'et langt passord',
      name: who,
    });
    expect(r.status).toBe(200);
    cookies[who] = cookieOf(r);
  };
  const createOrg = async (who: Who, orgnr: string) => {
    const r = await call('POST', '/auth/organization/create', who, { name: who, slug: `org-${who}`, orgnr });
    expect(r.status).toBe(200);
  };

  let listingId = '';
  let wantedId = '';
  let matchId = '';

  beforeAll(async () => {
    store = await openTestStore(dialect);
    const accounts = createAccounts(store, {
      secret: SECRET,
      baseUrl: BASE,
      mailer: { send: async () => {} },
      signInLimit: { window: 60, max: 50 },
    });
    state = await createServerState(store);
    app = createApp(state, pino({ level: 'silent' }), { accounts: () => accounts });
    await importRegisterBulk(state, [
      { unitType: 'enhet', path: join(SAMPLES, 'enheter-selection.csv') },
      { unitType: 'underenhet', path: join(SAMPLES, 'underenheter-selection.csv') },
    ]);
    for (const who of WHO) if (who !== 'visitor') await signUp(who);
    await createOrg('holder', HOLDER_ORGNR);
    await createOrg('other', OTHER_ORGNR);
    await grantPlatformRole(state, {
      email: 'facilitator@example.no',
      role: 'facilitator',
      region: REGION,
      by: 'cli',
    });
    await grantPlatformRole(state, {
      email: 'otherFacilitator@example.no',
      role: 'facilitator',
      region: 'agder',
      by: 'cli',
    });
    await grantPlatformRole(state, { email: 'admin@example.no', role: 'admin', by: 'cli' });
  }, 120_000);
  afterAll(async () => {
    await store?.dispose();
  });

  it('lets the region’s facilitator start a listing from the estimate, and no one else', async () => {
    const body = { region: REGION, orgnr: HOLDER_ORGNR, kind: 'matavfall' };
    const statuses = Object.fromEntries(
      await Promise.all(
        (['visitor', 'other', 'otherFacilitator'] as const).map(async (w) => [
          w,
          (await call('POST', '/market/listings/from-estimate', w, body)).status,
        ]),
      ),
    );
    expect(statuses).toEqual({ visitor: 401, other: 403, otherFacilitator: 403 });
    const r = await call('POST', '/market/listings/from-estimate', 'facilitator', body);
    expect(r.status).toBe(201);
    const l = (await r.json()) as Json;
    expect(l).toMatchObject({
      side: 'offer',
      kind: 'matavfall',
      estimated: true,
      visibility: 'facilitators',
      holder: { orgnr: HOLDER_ORGNR, named: true },
      location: { municipality: '3305' },
      quantity: { unit: 't', basis: 'wet', per: 'year' },
    });
    expect(l.holder.organisationId).not.toBeNull();
    expect(l.quantity.low).toBeLessThanOrEqual(l.quantity.amount);
    expect(l.quantity.high).toBeGreaterThanOrEqual(l.quantity.amount);
    listingId = l.id;
  });

  it('lets the facilitator list a kind’s largest holders from the estimates at once, each holder once', async () => {
    const body = { region: REGION, kind: 'husdyrgjodsel', minTonnes: 2000, limit: 2 };
    expect((await call('POST', '/market/listings/from-estimates', 'holder', body)).status).toBe(403);
    expect((await call('POST', '/market/listings/from-estimates', 'otherFacilitator', body)).status).toBe(
      403,
    );
    const first = (await (
      await call('POST', '/market/listings/from-estimates', 'facilitator', body)
    ).json()) as Json;
    expect(first.created).toHaveLength(2);
    for (const l of first.created) {
      expect(l).toMatchObject({ kind: 'husdyrgjodsel', estimated: true, visibility: 'facilitators' });
      expect(l.quantity.amount).toBeGreaterThanOrEqual(2000);
    }
    const second = (await (
      await call('POST', '/market/listings/from-estimates', 'facilitator', body)
    ).json()) as Json;
    expect(second.skipped.listed).toBe(2);
    const orgnrs = [...first.created, ...second.created].map((l: Json) => l.holder.orgnr);
    expect(new Set(orgnrs).size).toBe(orgnrs.length);
    // Farms are listed one by one for the facilitator, never named to the public.
    expect(first.created.every((l: Json) => l.holder.named === false)).toBe(true);
  });

  it('shows a listing at "facilitators" to its holder, the facilitator and admins only', async () => {
    const seen: Record<string, number> = {};
    for (const w of WHO) seen[w] = (await call('GET', `/market/listings/${listingId}`, w)).status;
    expect(seen).toEqual({
      visitor: 404,
      other: 404,
      otherFacilitator: 404,
      holder: 200,
      facilitator: 200,
      admin: 200,
    });
    const search = async (w: Who) =>
      (
        (await (await call('GET', `/market/listings?region=${REGION}`, w)).json()) as {
          items: { id: string }[];
        }
      ).items.map((i) => i.id);
    expect(await search('other')).toEqual([]);
    expect(await search('visitor')).toEqual([]);
    expect(await search('holder')).toEqual([listingId]);
  });

  it('lets the holder confirm and widen it; others may not change it', async () => {
    expect(
      (await call('PATCH', `/market/listings/${listingId}`, 'visitor', { visibility: 'public' })).status,
    ).toBe(401);
    expect(
      (await call('PATCH', `/market/listings/${listingId}`, 'other', { visibility: 'public' })).status,
    ).toBe(404);
    expect(
      (await call('PATCH', `/market/listings/${listingId}`, 'otherFacilitator', { visibility: 'public' }))
        .status,
    ).toBe(404);
    const r = await call('PATCH', `/market/listings/${listingId}`, 'holder', {
      visibility: 'region',
      confirmed: true,
      legal: { status: 'waste' },
      price: { gateFeeNokPerTonne: 900 },
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({
      visibility: 'region',
      estimated: false,
      legal: { status: 'waste' },
    });
    // At "region", every signed-in participant sees it in full; a visitor still nothing.
    expect((await call('GET', `/market/listings/${listingId}`, 'other')).status).toBe(200);
    expect((await call('GET', `/market/listings/${listingId}`, 'visitor')).status).toBe(404);
    expect((await call('PATCH', `/market/listings/${listingId}`, 'other', { note: 'mine now' })).status).toBe(
      403,
    );
  });

  it('shows a visitor a public listing of a named company without price or address, and sums per municipality', async () => {
    expect(
      (await call('PATCH', `/market/listings/${listingId}`, 'facilitator', { visibility: 'public' })).status,
    ).toBe(200);
    const one = (await (await call('GET', `/market/listings/${listingId}`, 'visitor')).json()) as Json;
    expect(one.access).toBe('public');
    expect(one.listing.holder.name).toBe('VILLFISKEN AS');
    expect(one.listing.price).toBeUndefined();
    expect(one.listing.location).toBeUndefined();
    const all = (await (await call('GET', `/market/listings?region=${REGION}`, 'visitor')).json()) as Json;
    expect(all.items).toEqual([]);
    expect(all.public.map((p: { id: string }) => p.id)).toEqual([listingId]);
    expect(all.aggregates).toEqual([
      {
        municipality: '3305',
        kind: 'matavfall',
        side: 'offer',
        listings: 1,
        tonnesPerYear: expect.any(Number),
      },
    ]);
  });

  it('refuses a listing for someone else’s organisation and a municipality outside the region', async () => {
    const body = {
      side: 'wanted',
      kind: 'matavfall',
      region: REGION,
      quantity: { amount: 200, unit: 't', basis: 'wet', per: 'year' },
      location: { municipality: '3305' },
      use: { tier: 'for', technology: 'bsf-larver' },
      visibility: 'region',
    };
    expect((await call('POST', '/market/listings', 'visitor', body)).status).toBe(401);
    expect(
      (await call('POST', '/market/listings', 'other', { ...body, holder: { orgnr: HOLDER_ORGNR } })).status,
    ).toBe(403);
    expect((await call('POST', '/market/listings', 'otherFacilitator', body)).status).toBe(403);
    const outside = await call('POST', '/market/listings', 'other', {
      ...body,
      location: { municipality: '4204' },
    });
    expect(outside.status).toBe(404);
    const r = await call('POST', '/market/listings', 'other', body);
    expect(r.status).toBe(201);
    wantedId = ((await r.json()) as { id: string }).id;
  });

  it('ranks the offer’s candidates and says why a pair is excluded', async () => {
    expect((await call('GET', `/market/listings/${listingId}/matches`, 'visitor')).status).toBe(401);
    expect((await call('GET', `/market/listings/${listingId}/matches`, 'otherFacilitator')).status).toBe(200);
    const r = await call('GET', `/market/listings/${listingId}/matches?lang=en`, 'facilitator');
    expect(r.status).toBe(200);
    const m = (await r.json()) as Json;
    // The region's biogas plant at Jevnaker first (tier energy, the nearest that takes food waste).
    expect(m.ranked[0]).toMatchObject({ type: 'site', id: 'hra-jevnaker', tier: 'energi' });
    expect(m.ranked[0].km).toBeGreaterThan(10);
    expect(m.ranked[0].netPerTonneNok).toBeCloseTo(
      m.ranked[0].upliftPerTonneNok - m.ranked[0].transportNokPerTonne,
      6,
    );
    // The stream is waste: the receiver needs a permit.
    expect(m.ranked[0].notes.map((x: { code: string }) => x.code)).toContain('match_receiver_permit');
    // Food waste (catering waste) may not feed insects: the wanted listing is excluded, with the rule.
    // The best one only, with the count of them all.
    const one = (await (
      await call('GET', `/market/listings/${listingId}/matches?limit=1`, 'facilitator')
    ).json()) as Json;
    expect(one.ranked).toHaveLength(1);
    expect(one.total).toBe(m.total);
    expect(m.total).toBe(m.ranked.length);
    expect(m.total).toBeGreaterThan(1);
    const out = m.excluded.find((c: { id: string }) => c.id === wantedId);
    expect(out).toMatchObject({ type: 'listing', rule: 'catering-waste' });
    expect(out.reason.text).toMatch(/feed|insect/i);
    // Proposing the excluded pair is refused with that reason.
    const refused = await call('POST', '/market/matches', 'facilitator', {
      listing: listingId,
      target: { type: 'listing', id: wantedId },
    });
    expect(refused.status).toBe(400);
  });

  it('proposes a match, moves it through the pipeline and records realised benefit', async () => {
    const proposal = { listing: listingId, target: { type: 'site', id: 'hra-jevnaker' } };
    expect((await call('POST', '/market/matches', 'visitor', proposal)).status).toBe(401);
    expect((await call('POST', '/market/matches', 'otherFacilitator', proposal)).status).toBe(403);
    const r = await call('POST', '/market/matches', 'facilitator', proposal);
    expect(r.status).toBe(201);
    const m = (await r.json()) as Json;
    matchId = m.id;
    expect(m.stage).toBe('identified');
    expect((await call('POST', '/market/matches', 'facilitator', proposal)).status).toBe(409);
    // The facilitator proposed it: the holder has not seen it yet, until it lists its matches.
    const unseen = async () =>
      (
        (await (await call('GET', `/market/suggestions?region=${REGION}`, 'facilitator')).json()) as Json
      ).unseen.find((u: { id: string }) => u.id === matchId);
    expect(await unseen()).toMatchObject({ seenByHolder: false });
    const mine = (await (await call('GET', '/market/matches', 'holder')).json()) as Json[];
    expect(mine.map((x) => x.id)).toEqual([matchId]);
    expect(await unseen()).toMatchObject({ seenByHolder: true });
    expect((await (await call('GET', '/market/matches', 'other')).json()) as Json[]).toEqual([]);

    // Who sees the match: its parties and the region's facilitator.
    const seen: Record<string, number> = {};
    for (const w of WHO) seen[w] = (await call('GET', `/market/matches/${matchId}`, w)).status;
    expect(seen).toEqual({
      visitor: 401,
      other: 404,
      otherFacilitator: 404,
      holder: 200,
      facilitator: 200,
      admin: 200,
    });

    const move = (w: Who, stage: string, reason?: string) =>
      call('POST', `/market/matches/${matchId}/stages`, w, { stage, ...(reason ? { reason } : {}) });
    expect((await move('other', 'contacted')).status).toBe(404);
    expect((await move('facilitator', 'contacted')).status).toBe(201);
    expect((await move('holder', 'stalled')).status).toBe(400); // a reason is needed
    expect((await move('holder', 'stalled', 'waiting for the plant’s intake test')).status).toBe(201);
    // Too early for the ledger.
    const early = await call('POST', `/market/matches/${matchId}/ledger`, 'holder', {
      date: '2026-11-01',
      tonnes: 5,
      method: 'computed',
    });
    expect(early.status).toBe(400);
    expect((await move('holder', 'contract')).status).toBe(201);
    expect((await move('holder', 'identified')).status).toBe(400); // never backwards
    // The ledger records what has moved: not tomorrow's tonnes.
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (
        await call('POST', `/market/matches/${matchId}/ledger`, 'holder', {
          date: tomorrow,
          tonnes: 5,
          method: 'computed',
        })
      ).status,
    ).toBe(400);
    const rec = await call('POST', `/market/matches/${matchId}/ledger`, 'holder', {
      date: '2026-11-01',
      tonnes: 5,
      method: 'computed',
    });
    expect(rec.status).toBe(201);
    const record = (await rec.json()) as Json;
    expect(record.nok).toBeCloseTo(
      5 * (record.basis.upliftPerTonneNok - record.basis.transportNokPerTonne),
      6,
    );
    expect(record.co2eTonnes).toBeCloseTo(5 * record.basis.co2ePerTonne, 9);
    expect(
      (
        await call('POST', `/market/matches/${matchId}/ledger`, 'facilitator', {
          date: '2026-11-15',
          tonnes: 3,
          method: 'evidence',
          nok: 2000,
          co2eTonnes: 0.5,
        })
      ).status,
    ).toBe(400); // evidence is required
    expect(
      (
        await call('POST', `/market/matches/${matchId}/ledger`, 'facilitator', {
          date: '2026-11-15',
          tonnes: 3,
          method: 'evidence',
          nok: 2000,
          co2eTonnes: 0.5,
          evidence: 'Veiesedler 15.11.2026, faktura 4411',
        })
      ).status,
    ).toBe(201);
    const shown = (await (await call('GET', `/market/matches/${matchId}`, 'holder')).json()) as Json;
    expect(shown.log.map((s: { stage: string }) => s.stage)).toEqual([
      'identified',
      'contacted',
      'stalled',
      'contract',
    ]);
    expect(shown.realised).toEqual({
      tonnes: 8,
      nok: record.nok + 2000,
      co2eTonnes: record.co2eTonnes + 0.5,
      records: 2,
    });
  });

  it('lets no stranger move a match, record on it or change a listing', async () => {
    const writes: [string, string, unknown][] = [
      ['POST', `/market/matches/${matchId}/stages`, { stage: 'rejected', reason: 'a stranger says so' }],
      [
        'POST',
        `/market/matches/${matchId}/ledger`,
        {
          date: '2026-11-20',
          tonnes: 100,
          method: 'evidence',
          nok: 1e6,
          co2eTonnes: 50,
          evidence: 'trust me',
        },
      ],
      ['PATCH', `/market/listings/${wantedId}`, { state: 'closed' }],
      ['POST', '/market/matches', { listing: wantedId, target: { type: 'actor', id: HOLDER_ORGNR } }],
    ];
    for (const [method, path, body] of writes) {
      const s: Record<string, number> = {};
      for (const w of ['visitor', 'otherFacilitator'] as const)
        s[w] = (await call(method, path, w, body)).status;
      expect(s, `${method} ${path}`).toEqual({
        visitor: 401,
        otherFacilitator: path.includes('listings') || path.endsWith('matches') ? 403 : 404,
      });
    }
    // The wanted listing's own organisation may not act on a match it is no party to.
    expect(
      (await call('POST', `/market/matches/${matchId}/stages`, 'other', { stage: 'rejected', reason: 'x' }))
        .status,
    ).toBe(404);
    const after = (await (await call('GET', `/market/matches/${matchId}`, 'facilitator')).json()) as Json;
    expect(after.stage).toBe('contract');
    expect(after.records).toHaveLength(2);
  });

  it('keeps the region’s ledger, dashboard, reminders and suggestions to its facilitator and admins', async () => {
    for (const path of ['ledger', 'dashboard', 'reminders', 'suggestions']) {
      const s: Record<string, number> = {};
      for (const w of WHO) s[w] = (await call('GET', `/market/${path}?region=${REGION}`, w)).status;
      expect(s, path).toEqual({
        visitor: 401,
        other: 403,
        otherFacilitator: 403,
        holder: 403,
        facilitator: 200,
        admin: 200,
      });
    }
    const dash = (await (
      await call('GET', `/market/dashboard?region=${REGION}`, 'facilitator')
    ).json()) as Json;
    expect(dash.total.realised.tonnes).toBe(8);
    expect(dash.byMunicipality.map((r: { key: string }) => r.key)).toEqual(['3305']);
    expect(dash.byTier[0]).toMatchObject({ key: 'energi', byStage: { contract: 1 } });
    const ledger = (await (await call('GET', `/market/ledger?region=${REGION}`, 'admin')).json()) as Json;
    expect(ledger.totals.tonnes).toBe(
      ledger.records.reduce((s: number, r: { tonnes: number }) => s + r.tonnes, 0),
    );
    const csv = await call('GET', `/market/ledger?region=${REGION}&format=csv`, 'facilitator');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\n')[0]).toBe(
      'date,matchId,kind,municipality,tier,target,tonnes,nok,co2eTonnes,method,evidence,basis,by,at',
    );
    const audit = await readAudit(store.db, { limit: 100 });
    const actions = audit.map((a) => a.action);
    for (const a of [
      'listing.created',
      'listing.updated',
      'match.proposed',
      'match.stage',
      'ledger.recorded',
    ])
      expect(actions).toContain(a);
  });

  it('refuses state changes from another origin or as a form (CSRF)', async () => {
    const body = { visibility: 'region' };
    const foreign = await call('PATCH', `/market/listings/${listingId}`, 'holder', body, {
      Origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    const none = await app.request(
      `${BASE}/api/market/listings/${listingId}`,
      {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', Cookie: cookies.holder as string },
        body: JSON.stringify(body),
      },
      socket(),
    );
    expect(none.status).toBe(403);
    const form = await app.request(
      `${BASE}/api/market/matches/${matchId}/stages`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Cookie: cookies.holder as string,
          Origin: BASE,
        },
        body: 'stage=rejected&reason=x',
      },
      socket(),
    );
    expect([400, 415]).toContain(form.status);
    const after = (await (await call('GET', `/market/matches/${matchId}`, 'holder')).json()) as {
      stage: string;
    };
    expect(after.stage).toBe('contract');
  });

  it('does not take a session token the client made up, and gives a new one at sign-in (session fixation)', async () => {
    const fixed = 'restverdi.session_token=attacker-chosen-value';
    const me = await app.request(`${BASE}/api/me`, { headers: { Cookie: fixed } }, socket());
    expect(((await me.json()) as { user: unknown }).user).toBeNull();
    const r = await app.request(
      `${BASE}/api/auth/sign-in/email`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: BASE, Cookie: fixed },
        body: JSON.stringify({ email: 'holder@example.no', password: 'et langt passord' }),
      },
      socket(),
    );
    expect(r.status).toBe(200);
    const fresh = cookieOf(r);
    expect(fresh).not.toBe('');
    expect(fresh).not.toBe(fixed);
    expect(fresh).not.toBe(cookies.holder);
  });
});
