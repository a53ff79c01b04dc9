/**
 * The market commands for administrators, in bokmål and English, on a store of their own: a listing
 * from the estimate, a match taken to contract with a computed ledger record, then `market listings`,
 * `market ledger` (table and CSV: the total is the sum of the records), `market dashboard` and
 * `market reminders`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importRegisterBulk } from '../src/app/imports.ts';
import {
  addLedgerRecord,
  CLI_ASKER,
  listingFromEstimate,
  moveStage,
  proposeMatch,
} from '../src/app/market.ts';
import { openWorkspace } from '../src/app/workspace.ts';
import { openStore } from '../src/store/database.ts';
import { runCli } from './helpers/cli.ts';

const SAMPLES = join(import.meta.dirname, 'fixtures', 'enhetsregisteret-samples');
const REGION = 'gjovik-hadeland-ringerike';
const store = { file: join(mkdtempSync(join(tmpdir(), 'restverdi-market-cli-')), 'market.sqlite') };

async function both(...args: string[]) {
  const out: Record<'nb' | 'en', string> = { nb: '', en: '' };
  for (const lang of ['nb', 'en'] as const) {
    const r = await runCli([...args, '--lang', lang], { store });
    expect(r.stderr, `${args.join(' ')} (${lang})`).toBe('');
    expect(r.code).toBe(0);
    out[lang] = r.stdout;
  }
  return out;
}

let recordNok = 0;
beforeAll(async () => {
  const ws = await openWorkspace(await openStore(store), {
    clock: { now: () => new Date('2026-10-01T08:00:00Z') },
  });
  await importRegisterBulk(ws, [
    { unitType: 'enhet', path: join(SAMPLES, 'enheter-selection.csv') },
    { unitType: 'underenhet', path: join(SAMPLES, 'underenheter-selection.csv') },
  ]);
  const listing = await listingFromEstimate(ws, CLI_ASKER, {
    region: REGION,
    orgnr: '983491154',
    kind: 'matavfall',
  });
  const match = await proposeMatch(ws, CLI_ASKER, {
    listing: listing.id,
    target: { type: 'site', id: 'hra-jevnaker' },
  });
  await moveStage(ws, CLI_ASKER, match.id, { stage: 'contract' });
  recordNok = (
    await addLedgerRecord(ws, CLI_ASKER, match.id, { date: '2026-09-30', tonnes: 5, method: 'computed' })
  ).nok;
  await ws.store.close();
}, 120_000);

describe('market commands', () => {
  it('lists a kind’s largest holders from the estimates, and skips them the second time', async () => {
    const args = [
      'market',
      'from-estimates',
      '--region',
      REGION,
      '--kind',
      'husdyrgjodsel',
      '--min-tonnes',
      '2000',
      '--limit',
      '2',
    ];
    const first = await runCli([...args, '--format', 'json'], { store });
    expect(first.code).toBe(0);
    const made = JSON.parse(first.stdout);
    expect(made.created).toHaveLength(2);
    const { nb, en } = await both(...args);
    expect(nb).toMatch(/2 nye oppføringer; hoppet over: 2 har allerede en/);
    expect(en).toMatch(/\d+ new listings?; skipped: 4 already have one, \d+ below the minimum/);
  });

  it('lists the region’s listings with side, visibility and whether it is an estimate', async () => {
    const { nb, en } = await both('market', 'listings', '--region', REGION);
    expect(nb).toContain('Matavfall – VILLFISKEN AS');
    expect(nb).toMatch(/tilbud.*Matavfall.*Ringerike.*tilretteleggerne.*ja/s);
    expect(en).toMatch(/offer.*Household food waste.*Ringerike.*the facilitators.*yes/s);
  });

  it('exports the ledger as CSV whose rows sum to the totals, and as a table with the sum', async () => {
    const r = await runCli(['market', 'ledger', '--region', REGION, '--format', 'csv'], { store });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'date,matchId,kind,municipality,tier,target,tonnes,nok,co2eTonnes,method,evidence,basis,by,at',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^2026-09-30,[0-9a-f-]{36},matavfall,3305,energi,HRA biogassanlegg, Jevnaker|^2026-09-30,[0-9a-f-]{36},matavfall,3305,energi,"HRA biogassanlegg, Jevnaker"/,
    );
    const json = JSON.parse(
      (await runCli(['market', 'ledger', '--region', REGION, '--format', 'json'], { store })).stdout,
    );
    expect(json.totals).toMatchObject({ tonnes: 5, records: 1 });
    expect(json.totals.nok).toBeCloseTo(recordNok, 9);
    const { nb, en } = await both('market', 'ledger', '--region', REGION);
    expect(nb).toContain('Sum');
    expect(nb).toContain('beregnet');
    expect(en).toContain('Total');
    expect(en).toContain('computed');
  });

  it('shows identified against realised by stream, municipality and tier', async () => {
    const { nb, en } = await both('market', 'dashboard', '--region', REGION);
    expect(nb).toContain('Gjennomført t');
    expect(nb).toMatch(/Energi\s*│\s*1\s*│/);
    expect(en).toContain('Realised t');
  });

  it('reminds of a match idle for the days given, and not before', async () => {
    // The contract was written on 1 October 2026 (the clock above); the command runs on the real clock.
    const { nb: never } = await both('market', 'reminders', '--region', REGION, '--days', '3650');
    expect(never).not.toContain('avtale');
    const { nb, en } = await both('market', 'reminders', '--region', REGION, '--days', '30');
    expect(nb).toContain('avtale');
    expect(nb).toContain('2026-10-01');
    expect(en).toContain('contract');
  });
});
