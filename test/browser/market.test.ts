/**
 * The market page (/marked) in a real browser, against the API with an in-memory store: the register
 * sample imported and a facilitator role granted as an administrator would (through the server's
 * state), then a facilitator starts a listing from the estimate of a holder, proposes its best match,
 * moves it to contract, records tonnes and sees them realised on the dashboard, pages a listing's
 * matches 20 at a time, proposes one of its suggestions and sees which party has not opened a match;
 * a visitor sees only public sums. The tests run in order on one server: the visitor's check reads what the facilitator made.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { type Browser, type BrowserContext, type ConsoleMessage, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegisterBulk } from '../../src/app/imports.ts';
import { grantPlatformRole } from '../../src/app/roles.ts';
import { ensureWebBuilt, WEB_DIST } from '../../src/cli/web-build.ts';
import { PDF_FLAGS } from '../../src/report/pdf.ts';
import { type RunningServer, startServer } from '../../src/server/serve.ts';
import {
  type Any,
  ARTEFACTS,
  CHROMIUM,
  haveChromium,
  overflowOf,
  seriousAxeViolations,
} from '../helpers/browser.ts';

if (!haveChromium) {
  console.warn(`browser tests skipped: ${CHROMIUM} is missing (install it with .ci/chromium.sh)`);
}

const REGION = 'gjovik-hadeland-ringerike';
const SAMPLES = 'test/fixtures/enhetsregisteret-samples';
const HEADING = 'Markedsplass for restråstoff';
const FACILITATOR = { name: 'Frida Tilrettelegger', email: 'frida@example.no', password: 'et langt passord' };

let server: RunningServer;
let browser: Browser;
let base: string;

/** A page on the reference region whose console errors and uncaught exceptions are collected. */
async function openPage(viewport = { width: 1280, height: 900 }): Promise<{
  page: Page;
  context: BrowserContext;
  problems: string[];
}> {
  const context = await browser.newContext({ viewport, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  await context.addInitScript((id: string) => {
    const { localStorage } = globalThis as Any;
    if (!localStorage.getItem('restverdi.region')) localStorage.setItem('restverdi.region', id);
  }, REGION);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return { page, context, problems };
}

describe.skipIf(!haveChromium)('the market page in chromium', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    mkdirSync(ARTEFACTS, { recursive: true });
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      store: { file: ':memory:' },
      webDir: WEB_DIST,
      logger: pino({ level: 'silent' }),
    });
    base = server.url;
    // What an administrator does first: import the register (here its sample extract).
    await importRegisterBulk(server.state, [
      { unitType: 'enhet', path: join(SAMPLES, 'enheter-selection.csv') },
      { unitType: 'underenhet', path: join(SAMPLES, 'underenheter-selection.csv') },
    ]);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: PDF_FLAGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets a facilitator start a listing from an estimate, propose its best match, contract it and record tonnes realised', async () => {
    const { page, context, problems } = await openPage();
    const requested: URL[] = [];
    page.on('request', (r) => requested.push(new URL(r.url())));
    // Sign up on the account page, then the administrator grants the facilitator role.
    await page.goto(`${base}/konto`);
    await page.getByRole('button', { name: 'Opprett konto' }).click();
    await page.getByLabel('Navn', { exact: true }).fill(FACILITATOR.name);
    await page.getByLabel('E-postadresse').fill(FACILITATOR.email);
    await page.getByLabel('Passord (minst 10 tegn)').fill(FACILITATOR.password);
    await page.locator('form button[type="submit"]').click();
    await expect
      .poll(() => page.getByTestId('signed-in-as').textContent(), { timeout: 30_000 })
      .toContain(FACILITATOR.email);
    await grantPlatformRole(server.state, {
      email: FACILITATOR.email,
      role: 'facilitator',
      region: REGION,
      by: 'cli',
    });

    await page.goto(`${base}/marked`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(HEADING);
    // Start from the estimate: the food waste of VILLFISKEN AS in Ringerike (the register sample).
    const estimate = page.getByTestId('market-estimate');
    await estimate.getByLabel('Strøm', { exact: true }).selectOption('matavfall');
    const holder = estimate.locator('tr[data-orgnr="983491154"]');
    await expect.poll(() => holder.textContent(), { timeout: 30_000 }).toContain('VILLFISKEN AS');
    expect(await holder.textContent()).toContain('Ringerike');
    await holder.getByRole('button', { name: 'Lag oppføring: VILLFISKEN AS' }).click();
    await expect.poll(() => page.getByTestId('market-notice').textContent()).toContain('laget fra anslaget');
    const listed = page.getByTestId('market-listings').locator('tbody tr', { hasText: 'VILLFISKEN AS' });
    await expect.poll(() => listed.textContent()).toContain('anslag');
    expect(await listed.textContent()).toContain('tilretteleggerne i regionen');

    // Its matches: HRA's biogas plant at Jevnaker first, at the energy tier, about 18.6 km by road.
    const ranked = page.getByTestId('market-ranked');
    await ranked.waitFor({ timeout: 60_000 });
    const first = ranked.locator('tbody tr').first();
    expect(await first.getAttribute('data-target')).toBe('hra-jevnaker');
    const firstText = (await first.textContent()) ?? '';
    expect(firstText).toContain('Energi');
    expect(firstText).toContain('18,6');
    expect(await page.getByTestId('market-matches').locator('h2').textContent()).toContain(
      'Matavfall – VILLFISKEN AS',
    );
    await first.getByRole('button', { name: /^Foreslå kobling: HRA/ }).click();
    await expect.poll(() => first.textContent()).toContain('foreslått');
    // The page asks for the best 20 only (`?limit=20`) and says how many there are in all.
    // Here all of them fit (2), so there is neither a "20 of" note nor a button to show all.
    const matchCalls = requested.filter(
      (u) => u.pathname.endsWith('/matches') && u.pathname.includes('/listings/'),
    );
    expect(matchCalls.length).toBeGreaterThan(0);
    expect(matchCalls.every((u) => u.searchParams.get('limit') === '20')).toBe(true);
    expect(await ranked.locator('tbody tr').count()).toBeLessThanOrEqual(20);
    expect(await page.getByTestId('market-ranked-shown').count()).toBe(0);

    // The pipeline: identified, then straight to contract (a trial is not always needed).
    const card = page.getByTestId('market-pipeline').locator('li[data-match]', { hasText: 'HRA' });
    await expect.poll(() => card.getAttribute('data-stage')).toBe('identified');
    const proposedFirst = await card.getAttribute('data-match');
    expect(await card.getByRole('button', { name: 'Avvist', exact: true }).isDisabled()).toBe(true);
    await card.getByRole('button', { name: 'Kontrakt', exact: true }).click();
    await expect.poll(() => card.getAttribute('data-stage')).toBe('contract');
    await card.getByLabel('Tonn levert').fill('5');
    await card.getByRole('button', { name: 'Registrer', exact: true }).click();
    await expect.poll(() => card.getByTestId('match-realised').textContent()).toMatch(/Realisert: 5 t/);

    // The dashboard: 5 t realised against the 8 t a year identified.
    const figure = (label: string) =>
      page
        .getByTestId('market-totals')
        .locator('.figure')
        .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
        .locator('dd')
        .textContent();
    await expect.poll(() => figure('Realisert t')).toBe('5');
    expect(await figure('Identifisert t/år')).toBe('8');
    const byKind = page.getByTestId('market-dashboard').locator('table', { hasText: 'Etter restråstoff' });
    expect(await byKind.locator('tbody tr').first().textContent()).toContain('Matavfall');
    const csv = await page.getByRole('link', { name: 'Regnskapet som CSV' }).getAttribute('href');
    expect(csv).toBe(`/api/market/ledger?region=${REGION}&format=csv`);

    // A public offer of straw in Gran through the short form: a visitor sees it only as a sum.
    const form = page.getByTestId('market-new');
    await form.getByLabel('Tilbud eller ønske').selectOption('offer');
    await form.getByLabel('Strøm', { exact: true }).selectOption('halm');
    await form.getByLabel('Mengde (t/år)').fill('120');
    await form.getByLabel('Kommune', { exact: true }).selectOption('3446');
    await form.getByLabel('Synlig for').selectOption('public');
    await form.getByRole('button', { name: 'Legg ut' }).click();
    await expect.poll(() => page.getByTestId('market-notice').textContent()).toContain('lagt ut');
    await expect
      .poll(() => page.getByTestId('market-listings').locator('tbody tr', { hasText: 'Halm' }).textContent())
      .toContain('alle (offentlig)');

    // The straw offer opens on its best 20 matches of several hundred, and on request on all of them.
    const shownNote = page.getByTestId('market-ranked-shown');
    await expect.poll(() => shownNote.textContent(), { timeout: 60_000 }).toMatch(/^Viser 20 av \d/);
    const total = Number(((await shownNote.textContent()) ?? '').split(' av ')[1]?.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(20);
    expect(await ranked.locator('tbody tr').count()).toBe(20);
    await page.getByRole('button', { name: /^Vis alle koblingene/ }).click();
    await expect.poll(() => ranked.locator('tbody tr').count(), { timeout: 60_000 }).toBe(total);
    expect(await shownNote.count()).toBe(0);
    expect(
      requested.some((u) => /\/listings\/[^/]+\/matches$/.test(u.pathname) && !u.searchParams.has('limit')),
    ).toBe(true);

    // The facilitator's suggestions: per open listing the best candidates no one has proposed yet (not
    // HRA for VILLFISKEN AS's food waste, proposed above); proposing one moves it into the pipeline.
    const suggestions = page.getByTestId('market-suggestions');
    const villfisken = suggestions.locator('table', { hasText: 'VILLFISKEN AS' });
    await expect.poll(() => villfisken.locator('tbody tr').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await villfisken.locator('tr[data-target="hra-jevnaker"]').count()).toBe(0);
    const suggested = suggestions.locator('tbody tr').first();
    const suggestedTable = suggestions.locator('table').first();
    const listingId = await suggestedTable.getAttribute('data-listing');
    const targetId = await suggested.getAttribute('data-target');
    const targetName = await suggested
      .locator('th')
      .evaluate((th: Any) => (th.firstChild?.textContent ?? '').trim());
    expect(targetName).not.toBe('');
    await suggested.getByRole('button', { name: /^Foreslå kobling: / }).click();
    await expect.poll(() => page.getByTestId('market-notice').textContent()).toContain('foreslått');
    const newCard = page
      .getByTestId('market-pipeline')
      .locator(`li[data-match]:not([data-match="${proposedFirst}"])`);
    await expect.poll(() => newCard.count()).toBe(1);
    expect(await newCard.locator('h3').textContent()).toContain(targetName);
    expect(await newCard.getAttribute('data-stage')).toBe('identified');
    await expect
      .poll(() =>
        suggestions.locator(`table[data-listing="${listingId}"] tr[data-target="${targetId}"]`).count(),
      )
      .toBe(0);
    // Not yet seen by the parties: the facilitator proposed HRA for VILLFISKEN AS, whose organisation
    // has not opened it (nor has HRA).
    const unseen = page.getByTestId('market-unseen').locator(`li[data-match="${proposedFirst}"]`);
    await expect.poll(() => unseen.getAttribute('data-seen-holder')).toBe('false');
    expect(await unseen.textContent()).toContain('VILLFISKEN AS');
    expect(await unseen.textContent()).toContain('ikke åpnet av innehaveren');

    // Listings for the largest holders of manure at once: each is made from its estimate.
    await estimate.getByLabel('Strøm', { exact: true }).selectOption('husdyrgjodsel');
    await expect.poll(() => estimate.locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByTestId('market-start-all').click();
    await expect
      .poll(() => page.getByTestId('market-notice').textContent(), { timeout: 60_000 })
      .toMatch(/\d+ oppføringer er laget fra anslagene; 0 innehavere hadde allerede en/);
    await page.getByLabel('Strøm', { exact: true }).first().selectOption('husdyrgjodsel');
    await expect
      .poll(() => page.getByTestId('market-listings').locator('tbody tr', { hasText: 'anslag' }).count(), {
        timeout: 30_000,
      })
      .toBeGreaterThan(1);

    await page.waitForLoadState('networkidle');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'desktop-marked-tilrettelegger.png'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 780 });
    await expect.poll(() => overflowOf(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTEFACTS, 'phone-marked-tilrettelegger.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('shows a visitor public sums and a sign-in note, and no pipeline, dashboard or listing that is not public', async () => {
    // A new context: no session cookie.
    const { page, context, problems } = await openPage({ width: 360, height: 780 });
    await page.goto(`${base}/marked`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(HEADING);
    const note = page.getByTestId('market-sign-in');
    await expect.poll(() => note.textContent()).toContain('Logg inn');
    expect(await note.getByRole('link').getAttribute('href')).toBe('/konto');
    const sums = page.getByTestId('market-aggregates');
    const gran = sums.locator('tbody tr', { hasText: 'Gran' });
    await expect.poll(() => gran.textContent()).toContain('Halm');
    expect(await gran.textContent()).toContain('120');
    await page.waitForLoadState('networkidle');
    for (const hidden of [
      'market-listings',
      'market-pipeline',
      'market-dashboard',
      'market-estimate',
      'market-new',
    ])
      expect(await page.getByTestId(hidden).count(), hidden).toBe(0);
    // The listing for the facilitators only is nowhere on the page, nor in the API's answer.
    expect(await page.locator('main').textContent()).not.toContain('VILLFISKEN');
    const answer = await page.evaluate(async (region: string) => {
      const res = await (globalThis as Any).fetch(`/api/market/listings?region=${region}`);
      return res.json();
    }, REGION);
    expect(answer.items).toEqual([]);
    expect(JSON.stringify(answer)).not.toContain('VILLFISKEN');
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTEFACTS, 'phone-marked-besokende.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    // In English: the heading, the sums' caption and the numbers' format follow.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Marketplace for residues');
    expect(await sums.locator('caption').textContent()).toBe('Public listings summed per municipality');
    expect(await gran.textContent()).toContain('Cereal straw');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
