/**
 * `restverdi update` (src/app/update.ts): looks for newer statistics at their publishers, shows what
 * changes and imports in one transaction. A local node:http server replays recorded responses: the
 * real milk-delivery file of 2025 (test/fixtures/landbruk-ldir, Landbruksdirektoratet) at the path the
 * official repository uses, and SSB's real JSON-stat answer of table 03895 for 2023
 * (test/fixtures/ssb); every other path answers 404, as a year not yet published does. No test calls
 * the network.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDatasets } from '../src/app/statistics.ts';
import { type UpdateSources, updateStatistics } from '../src/app/update.ts';
import type { Workspace } from '../src/app/workspace.ts';
import { AppError } from '../src/domain/errors.ts';
import { createApp } from '../src/server/app.ts';
import { runCli } from './helpers/cli.ts';
import { openTestWorkspace } from './helpers/workspace.ts';

const fixture = (path: string) => readFileSync(new URL(`./fixtures/${path}`, import.meta.url));
const MILK = fixture('landbruk-ldir/leveransedata-melk-2025.csv');
const SSB_03895 = fixture('ssb/agg_summer_kommuner_20250317.json');

/** Litres of cow's milk in the file, summed here from its cp1252 text (every producer, all of Norway). */
function milkLitres(): number {
  const lines = new TextDecoder('windows-1252').decode(MILK).split(/\r?\n/).slice(1);
  return lines.filter((l) => l.trim()).reduce((s, l) => s + Number(l.split(';')[3] || 0), 0);
}

let server: Server;
let base: string;
const requests: string[] = [];
let milkBody: Uint8Array = MILK;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.method === 'GET' && req.url === '/ldir/datasets/leveransedata-melk/2025/dataset.csv') {
      res.writeHead(200, { 'content-type': 'text/csv' }).end(milkBody);
      return;
    }
    if (req.method === 'POST' && req.url === '/ssb/v0/no/table/03895') {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const year = JSON.parse(body).query.find((q: { code: string }) => q.code === 'Tid')?.selection
          .values[0];
        // The recording is of 2023; SSB refuses a period it does not have with 400.
        if (year === '2023') res.writeHead(200, { 'content-type': 'application/json' }).end(SSB_03895);
        else res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
      });
      return;
    }
    res.writeHead(404).end('Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('update (keeping current)', () => {
  let ws: Workspace;
  let sources: UpdateSources;
  beforeAll(async () => {
    ws = await openTestWorkspace();
    const shipped = ws.files.updateSources();
    // The shipped sources, plus SSB's harvest table (the one SSB table with a recorded answer).
    sources = {
      ...shipped,
      ssb: [
        {
          table: '03895',
          title: { nb: 'Avvirkning for salg (SSB 03895)', en: 'Harvest for sale (SSB 03895)' },
          variable: 'ssb.harvest.gran.skurtommer',
          firstYear: 2023,
        },
      ],
    };
  });
  afterAll(async () => {
    await ws.store.close();
  });
  const request = () => ({ sources, landbrukBaseUrl: `${base}/ldir`, ssbBaseUrl: `${base}/ssb` });

  it('with --dry-run: says what is new against what the store holds, and writes nothing', async () => {
    const before = (await listDatasets(ws)).map((d) => d.id);
    const answer = await updateStatistics(ws, { ...request(), dryRun: true });
    const by = new Map(answer.checked.map((c) => [c.source, c]));
    // Shipped: livestock 2026, grain 2024, slaughter 2025: the next years are not published (404).
    expect(by.get('ldir:produksjonstilskudd')).toMatchObject({
      latest: 2026,
      tried: [{ year: 2027, status: 'none' }],
    });
    expect(by.get('ldir:leveransedata-korn')?.tried[0]).toMatchObject({
      year: 2025,
      status: 'none',
      url: `${base}/ldir/datasets/leveransedata-korn/2025-2026/dataset.csv`,
    });
    expect(by.get('ldir:leveransedata-slakt')).toMatchObject({
      latest: 2025,
      tried: [{ year: 2026, status: 'none' }],
    });
    // Milk is not shipped: the first year is found, the next is not.
    expect(by.get('ldir:leveransedata-melk')).toMatchObject({
      latest: null,
      tried: [
        { year: 2025, status: 'found' },
        { year: 2026, status: 'none' },
      ],
    });
    expect(by.get('ssb:03895')?.tried.map((t) => [t.year, t.status])).toEqual([
      [2023, 'found'],
      [2024, 'none'],
    ]);
    const milk = answer.changes.find((c) => c.dataset === 'ldir-leveransedata-melk-2025');
    const cows = milk?.variables.find((v) => v.variable === 'delivery.melk.ku');
    expect(cows?.before).toBeNull();
    expect(cows?.after).toBe(milkLitres());
    expect(cows?.changed).toBe(milk?.municipalities);
    const gran = answer.changes.find((c) => c.dataset === 'ssb-03895-2023')?.variables[0];
    expect(gran?.variable).toBe('ssb.harvest.gran.skurtommer');
    expect(answer.dryRun).toBe(true);
    expect(answer.importId).toBeUndefined();
    expect((await listDatasets(ws)).map((d) => d.id)).toEqual(before);
  });

  it('imports what it found in one import, and the next update finds nothing new', async () => {
    const answer = await updateStatistics(ws, request());
    expect(answer.importId).toBeGreaterThan(0);
    const ids = (await listDatasets(ws)).map((d) => d.id);
    expect(ids).toContain('ldir-leveransedata-melk-2025');
    expect(ids).toContain('ssb-03895-2023');
    const data = await ws.reference();
    const ringerike = data.statistics.byMunicipality.get('3305')?.get('ssb.harvest.gran.skurtommer')?.[0];
    expect(ringerike?.value).toBe(84_209);
    const again = await updateStatistics(ws, { ...request(), dryRun: true });
    expect(again.changes).toEqual([]);
    expect(again.checked.find((c) => c.source === 'ldir:leveransedata-melk')).toMatchObject({
      latest: 2025,
      tried: [{ year: 2026, status: 'none' }],
    });
  });

  it('a bad file found changes nothing: the whole update is refused, naming the file', async () => {
    const fresh = await openTestWorkspace();
    try {
      const before = (await listDatasets(fresh)).map((d) => d.id);
      milkBody = new TextEncoder().encode('orgnr;navn;komnr;kumelk_liter;geitemelk_liter\n1;X;3305;abc;\n');
      const e = await updateStatistics(fresh, request()).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).message).toContain('leveransedata-melk-2025.csv');
      expect((await listDatasets(fresh)).map((d) => d.id)).toEqual(before);
    } finally {
      milkBody = MILK;
      await fresh.store.close();
    }
  });

  it('a publisher that cannot be reached is reported per source, not as a failure', async () => {
    const answer = await updateStatistics(ws, {
      sources,
      landbrukBaseUrl: 'http://127.0.0.1:9/ldir',
      ssbBaseUrl: 'http://127.0.0.1:9/ssb',
      dryRun: true,
    });
    for (const c of answer.checked) expect(c.tried[0]?.status, c.source).toBe('unreachable');
    expect(answer.changes).toEqual([]);
  });
});

describe('POST /api/admin/update', () => {
  let ws: Workspace;
  let app: ReturnType<typeof createApp>;
  let closed: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ws = await openTestWorkspace();
    const admin = { token: 's3cret-token', landbrukBaseUrl: `${base}/ldir`, ssbBaseUrl: `${base}/ssb` };
    app = createApp(ws, pino({ level: 'silent' }), { admin });
    closed = createApp(ws, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await ws.store.close();
  });
  const post = (a: typeof app, query: string, token?: string) =>
    a.request(`/api/admin/update${query}`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('is refused (403) without administration enabled, and with a wrong or missing token', async () => {
    const off = await post(closed, '', 's3cret-token');
    expect(off.status).toBe(403);
    expect(((await off.json()) as { error: { message: string } }).error.message).toContain(
      'RESTVERDI_ADMIN_TOKEN',
    );
    expect((await post(app, '')).status).toBe(403);
    expect((await post(app, '', 's3cret-tokem')).status).toBe(403);
  });

  it('answers a dry run and then imports, as the CLI does', async () => {
    const dry = await post(app, '?dryRun=true', 's3cret-token');
    expect(dry.status).toBe(200);
    const body = (await dry.json()) as { dryRun: boolean; changes: { dataset: string }[]; importId?: number };
    expect(body.dryRun).toBe(true);
    expect(body.changes.map((c) => c.dataset)).toContain('ldir-leveransedata-melk-2025');
    expect(body.importId).toBeUndefined();
    const done = (await (await post(app, '', 's3cret-token')).json()) as { importId?: number };
    expect(done.importId).toBeGreaterThan(0);
    expect((await listDatasets(ws)).map((d) => d.id)).toContain('ldir-leveransedata-melk-2025');
  });
});

describe('restverdi update', () => {
  it('prints what it looked for and what changes with --dry-run, then imports without it', async () => {
    const store = { file: ':memory:' };
    const urls = ['--landbruk-base-url', `${base}/ldir`, '--ssb-base-url', `${base}/ssb`];
    // The shipped sources: SSB 07459 (population) has no recording, so the local server refuses it.
    const dry = await runCli(['update', '--dry-run', ...urls], { store });
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    for (const s of [
      'Melk levert til meieri',
      '2025: funnet',
      '2027: ikke publisert ennå',
      'delivery.melk.ku',
      'Prøvekjøring',
    ])
      expect(dry.stdout).toContain(s);
    const json = await runCli(['update', ...urls, '--format', 'json', '--lang', 'en'], { store });
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout) as { importId?: number; checked: { source: string }[] };
    expect(answer.importId).toBeGreaterThan(0);
    expect(answer.checked.map((c) => c.source)).toContain('ssb:07459');
  });
});
