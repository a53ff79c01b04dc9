/**
 * The market platform: listing search under load — autocannon with 16 connections against a server
 * on loopback holding 5 000 listings of the reference region (every kind, side and visibility),
 * asked by a visitor (public view and sums per municipality) and by the region's facilitator (all of
 * them in full) — and the matching of one offer and the facilitator's suggestions over 20 listings
 * (each ranks the region's users within 50 km by road, the plants and the other listings).
 * SQLite, in-memory store, register sample imported. Run: npm run bench:market
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pino from 'pino';
import { importRegisterBulk } from '../src/app/imports.ts';
import { CLI_ASKER, listingFromEstimate, matchesFor, suggestions } from '../src/app/market.ts';
import { grantPlatformRole } from '../src/app/roles.ts';
import { LISTING_SIDES, type Listing, VISIBILITIES } from '../src/domain/market.ts';
import { findRegion } from '../src/domain/regions.ts';
import { startServer } from '../src/server/serve.ts';
import { insertListing } from '../src/store/market-repository.ts';
import { loadTable, loadTest, type Timing, timeAsync, writeSection } from './lib.ts';

const SECRET = 'a-bench-secret-of-more-than-thirty-two-characters';
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const LISTINGS = 5_000;
const REGION = 'gjovik-hadeland-ringerike';
const SAMPLES = join(import.meta.dirname, '../test/fixtures/enhetsregisteret-samples');
const PASSWORD = 'et langt passord for benken';

const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  store: { file: ':memory:' },
  logger: pino({ level: 'silent' }),
  accounts: {
    secret: SECRET,
    mailer: { send: async () => undefined },
    signInLimit: { window: 60, max: 1000 },
  },
});
const ws = server.state;
await importRegisterBulk(ws, [
  { unitType: 'enhet', path: join(SAMPLES, 'enheter-selection.csv') },
  { unitType: 'underenhet', path: join(SAMPLES, 'underenheter-selection.csv') },
]);
const region = findRegion((await ws.reference()).regions, REGION);
const kinds = ws.library.kinds.map((k) => k.id);
const template = await listingFromEstimate(ws, CLI_ASKER, {
  region: REGION,
  orgnr: '983491154',
  kind: 'matavfall',
});
const at = new Date('2026-11-01T00:00:00Z').getTime();
await ws.store.db.transaction().execute(async (tx) => {
  for (let i = 1; i < LISTINGS; i++) {
    const l: Listing = {
      ...template,
      id: randomUUID(),
      side: LISTING_SIDES[i % 3] as Listing['side'],
      kind: kinds[i % kinds.length] as string,
      title: `Oppføring ${i}`,
      location: {
        municipality: region.municipalities[i % region.municipalities.length] as string,
        address: null,
      },
      visibility: VISIBILITIES[i % 4] as Listing['visibility'],
      holder: { ...template.holder, named: i % 2 === 0 },
      createdAt: new Date(at + i * 60_000).toISOString(),
    };
    await insertListing(tx, l);
  }
});

const headers = { 'Content-Type': 'application/json', Origin: server.url };
const up = await fetch(`${server.url}/api/auth/sign-up/email`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ email: 'fasilitator@example.no', password: PASSWORD, name: 'Fasilitator' }),
});
if (!up.ok) throw new Error(`sign-up: ${up.status}`);
const cookie = /(restverdi\.session_token=[^;]+)/.exec(up.headers.get('set-cookie') ?? '')?.[1] ?? '';
await grantPlatformRole(ws, {
  email: 'fasilitator@example.no',
  role: 'facilitator',
  region: REGION,
  by: 'cli',
});

/** Listing search under load: 16 connections for DURATION_S seconds. */
const load = (label: string, path: string, headers: Record<string, string>) =>
  loadTest(label, { url: `${server.url}${path}`, headers, connections: 16, duration: DURATION_S });

try {
  const loads = [
    await load(
      'visitor: public listings and sums per municipality',
      `/api/market/listings?region=${REGION}`,
      {},
    ),
    await load(
      'facilitator: every listing of the region, in full',
      `/api/market/listings?region=${REGION}&limit=200`,
      { Cookie: cookie },
    ),
    await load(
      'facilitator: one kind, one side',
      `/api/market/listings?region=${REGION}&kind=halm&side=offer`,
      { Cookie: cookie },
    ),
  ];
  const some = (
    await ws.store.db.selectFrom('listings').select('id').orderBy('created_at').limit(20).execute()
  ).map((r) => r.id);
  await ws.store.db
    .deleteFrom('listings')
    .where('id', 'not in', [template.id, ...some.slice(1)])
    .execute();
  const timings: Timing[] = [
    await timeAsync('matches of one offer (users within 50 km, plants, listings)', 10, () =>
      matchesFor(ws, CLI_ASKER, template.id),
    ),
    await timeAsync('suggestions over 20 listings (every listing matched)', 3, () =>
      suggestions(ws, CLI_ASKER, { region: REGION }),
    ),
  ];
  const table = loadTable(loads);
  console.log(
    writeSection('Market platform', 'npm run bench:market', timings, [
      `Listing search under load: autocannon, 16 connections, ${DURATION_S} s each, ${LISTINGS.toLocaleString('en')} listings, server in the same process on loopback (in-memory SQLite store). Every request reads the session and the viewer's roles, filters the region's listings by what the viewer may see, and sums the public ones per municipality.`,
      '',
      table,
      '',
      'For the region’s facilitator the store counts, pages (200) and sums the public listings; for anyone else it reads only what could be visible (a prefilter in SQL) and the domain decides per listing, so a visitor’s answer costs the region’s public listings (a quarter of them here). The floor (one kind, one side) is reading the session and the viewer’s organisations. Matching is dominated by the register query and road legs of `usersOf`; suggestions match each open listing in turn.',
    ]),
  );
} finally {
  // autocannon's last requests may still be in flight when it reports.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await server.stop();
}
