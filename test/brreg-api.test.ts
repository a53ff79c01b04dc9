/**
 * The Enhetsregisteret API client against a local replay server (node:http, no internet): search
 * pages in the HAL shape of the OpenAPI spec built from real records (test/fixtures/brreg), the
 * 10 000 paging limit and the split by registration date, the update feed applied to the store, and
 * the CLI commands with their exit codes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSectorClassifier } from '../src/domain/actors.ts';
import { createBrregClient } from '../src/ingest/brreg-client.ts';
import { pullBrregSearch, searchAll, updateFromFeed } from '../src/ingest/brreg-sync.ts';
import { loadSectorMapping } from '../src/ingest/nace-sectors.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';
import { openActorImport } from '../src/store/actors-repository.ts';
import { runCli } from './helpers/cli.ts';
import { openTestStore, testDialects } from './helpers/stores.ts';

type Unit = Record<string, unknown> & {
  organisasjonsnummer: string;
  registreringsdatoEnhetsregisteret: string;
};
const fixtures = join(import.meta.dirname, 'fixtures/brreg');
const units = JSON.parse(readFileSync(join(fixtures, 'units-3305.json'), 'utf8')) as {
  enheter: Unit[];
  underenheter: Unit[];
};
const feed = JSON.parse(readFileSync(join(fixtures, 'feed-enheter.json'), 'utf8')) as {
  feed: { _embedded: { oppdaterteEnheter: { oppdateringsid: number }[] }; page: unknown };
  current: Unit[];
};
const data = loadReferenceData();
const classify = createSectorClassifier(loadSectorMapping());
const NOW = '2024-02-05T06:00:00.000Z';

let server: Server;
let base = '';
const requests: URL[] = [];
/** After the feed's changes the lookups answer from this state. */
let afterFeed = false;

function page(key: string, all: Unit[], url: URL) {
  const p = Number(url.searchParams.get('page') ?? 0);
  const size = Number(url.searchParams.get('size') ?? 20);
  const items = all.slice(p * size, (p + 1) * size);
  return {
    ...(items.length ? { _embedded: { [key]: items } } : {}),
    _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/${key}?${url.searchParams}` } },
    page: { size, totalElements: all.length, totalPages: Math.ceil(all.length / size), number: p },
  };
}

function search(key: 'enheter' | 'underenheter', url: URL): unknown {
  const q = url.searchParams;
  const addr = key === 'enheter' ? 'forretningsadresse' : 'beliggenhetsadresse';
  let list: Unit[] = key === 'enheter' && afterFeed ? feed.current : units[key];
  const nr = q.get(`${addr}.kommunenummer`);
  if (nr)
    list = list.filter((u) => (u[addr] as { kommunenummer?: string } | undefined)?.kommunenummer === nr);
  const ids = q.get('organisasjonsnummer');
  if (ids)
    list = [...units[key], ...(key === 'enheter' ? feed.current : [])].filter((u) =>
      ids.split(',').includes(u.organisasjonsnummer),
    );
  if (ids && afterFeed && key === 'enheter') {
    // the current state: changed and new units; the deleted one is gone
    const current = new Map(feed.current.map((u) => [u.organisasjonsnummer, u]));
    list = ids
      .split(',')
      .map((id) => current.get(id))
      .filter((u): u is Unit => u !== undefined);
  }
  const from = q.get('fraRegistreringsdatoEnhetsregisteret');
  const to = q.get('tilRegistreringsdatoEnhetsregisteret');
  if (from) list = list.filter((u) => u.registreringsdatoEnhetsregisteret >= from);
  if (to) list = list.filter((u) => u.registreringsdatoEnhetsregisteret <= to);
  return page(key, list, url);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url);
    const size = Number(url.searchParams.get('size') ?? 20);
    const p = Number(url.searchParams.get('page') ?? 0);
    let body: unknown;
    if ((p + 1) * size > 10_000) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 400, error: 'Bad Request', message: 'page*size > 10000' }));
      return;
    }
    if (url.pathname === '/api/enheter') body = search('enheter', url);
    else if (url.pathname === '/api/underenheter') body = search('underenheter', url);
    else if (url.pathname === '/api/oppdateringer/enheter') {
      const fromId = Number(url.searchParams.get('oppdateringsid') ?? 0);
      const changes = feed.feed._embedded.oppdaterteEnheter.filter((c) => c.oppdateringsid >= fromId);
      body = {
        ...(changes.length ? { _embedded: { oppdaterteEnheter: changes } } : {}),
        _links: {},
        page: { size, totalElements: changes.length, totalPages: 1, number: 0 },
      };
    } else if (url.pathname === '/api/oppdateringer/underenheter') {
      body = { _links: {}, page: { size, totalElements: 0, totalPages: 0, number: 0 } };
    } else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe('brreg search', () => {
  it('pages through a result within the limit', async () => {
    const client = createBrregClient({ baseUrl: base });
    const r = await searchAll(
      client,
      'enhet',
      { 'forretningsadresse.kommunenummer': '3305' },
      { today: NOW, pageSize: 5 },
    );
    expect(r.units).toHaveLength(units.enheter.length);
    expect(r.queries).toBe(Math.ceil(units.enheter.length / 5));
  });

  it('splits a query larger than the paging limit by registration date, and gets every unit once', async () => {
    const client = createBrregClient({ baseUrl: base });
    requests.length = 0;
    const r = await searchAll(
      client,
      'enhet',
      { 'forretningsadresse.kommunenummer': '3305' },
      { today: NOW, pageSize: 2, limit: 4 },
    );
    const ids = r.units.map((u) => (u as Unit).organisasjonsnummer);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(units.enheter.map((u) => u.organisasjonsnummer).sort());
    expect(requests.some((u) => u.searchParams.has('fraRegistreringsdatoEnhetsregisteret'))).toBe(true);
    for (const u of requests)
      expect(
        (Number(u.searchParams.get('page')) + 1) * Number(u.searchParams.get('size')),
      ).toBeLessThanOrEqual(4);
  });

  it('refuses to ask for a page beyond the limit', async () => {
    const client = createBrregClient({ baseUrl: base });
    await expect(client.search('enhet', {}, 100, 100)).rejects.toThrow(/paging limit/);
  });
});

for (const dialect of testDialects()) {
  describe(`pull and update feed (${dialect})`, () => {
    it('pulls a municipality, then applies the update feed (change, deletion, new unit) and stores its position', async () => {
      afterFeed = false;
      const store = await openTestStore(dialect);
      try {
        const client = createBrregClient({ baseUrl: base });
        const pulled = await pullBrregSearch(client, openActorImport(store, NOW), {
          municipality: '3305',
          registry: data.registry,
          classify,
          now: NOW,
        });
        expect(pulled).toMatchObject({
          enheter: units.enheter.length,
          underenheter: units.underenheter.length,
        });
        expect(pulled.applied.inserted).toBe(units.enheter.length + units.underenheter.length);
        // The feed starts where a bulk import would have left it.
        const sink = openActorImport(store, NOW);
        await sink.begin('test', null);
        await sink.setMeta('brreg.feed.enhet.since', '2024-02-01T00:00:00.000Z');
        await sink.setMeta('brreg.feed.underenhet.since', '2024-02-01T00:00:00.000Z');
        await sink.commit({});
        afterFeed = true;
        const r = await updateFromFeed(client, openActorImport(store, NOW), {
          registry: data.registry,
          classify,
          now: NOW,
        });
        expect(r.units[0]).toMatchObject({ unitType: 'enhet', changes: 3, removed: 1, nextId: 1004 });
        expect(r.units[0]?.applied).toMatchObject({ inserted: 1, updated: 1 });
        const [changed, deleted] = units.enheter;
        const names = await store.db
          .selectFrom('actors')
          .select(['orgnr', 'name'])
          .where('orgnr', 'in', [
            changed?.organisasjonsnummer ?? '',
            deleted?.organisasjonsnummer ?? '',
            feed.current[1]?.organisasjonsnummer ?? '',
          ])
          .orderBy('orgnr')
          .execute();
        expect(names.find((n) => n.orgnr === changed?.organisasjonsnummer)?.name).toMatch(/\(ENDRET NAVN\)$/);
        expect(names.some((n) => n.orgnr === deleted?.organisasjonsnummer)).toBe(false);
        expect(names.some((n) => n.orgnr === feed.current[1]?.organisasjonsnummer)).toBe(true);
        const meta = await store.db
          .selectFrom('meta')
          .select('value')
          .where('key', '=', 'brreg.feed.enhet.next_id')
          .executeTakeFirst();
        expect(meta?.value).toBe('1004');
        // Run again: it resumes after the last id and finds nothing new.
        requests.length = 0;
        const again = await updateFromFeed(client, openActorImport(store, NOW), {
          registry: data.registry,
          classify,
          now: NOW,
        });
        expect(again.units[0]).toMatchObject({ changes: 0, removed: 0 });
        expect(
          requests
            .find((u) => u.pathname.endsWith('/oppdateringer/enheter'))
            ?.searchParams.get('oppdateringsid'),
        ).toBe('1004');
      } finally {
        afterFeed = false;
        await store.dispose();
      }
    });
  });
}

describe('CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'restverdi-brreg-cli-'));
  const store = { file: join(dir, 'cli.sqlite') };
  const samples = join(import.meta.dirname, 'fixtures/enhetsregisteret-samples');

  it('imports the bulk files and summarises the region, stating the counting rule', async () => {
    const r = await runCli(
      [
        'import',
        'brreg',
        '--enheter',
        join(samples, 'enheter-selection.csv'),
        '--underenheter',
        join(samples, 'underenheter-selection.csv'),
      ],
      { store },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Bokmål by default, numbers with a no-break space.
    expect(r.stdout).toMatch(/4\s924 enheter \(csv\)/u);
    expect(r.stdout).toMatch(/Import nr\. \d+: [\d\s]+ nye/u);
    const s = await runCli(
      [
        'actors',
        'summary',
        '--region',
        'gjovik-hadeland-ringerike',
        '--format',
        'json',
        '--units',
        'enheter',
      ],
      { store },
    );
    expect(s.code).toBe(0);
    const summary = JSON.parse(s.stdout) as { total: number; rule: string; byForm: Record<string, number> };
    expect(summary.rule).toMatch(/forretningsadresse/);
    expect(summary.total).toBeGreaterThan(0);
    const list = await runCli(
      [
        'actors',
        'list',
        '--region',
        'gjovik-hadeland-ringerike',
        '--sector',
        'jordbruk',
        '--include-non-vat',
        '--format',
        'csv',
        '--limit',
        '2',
      ],
      { store },
    );
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toBe('orgnr,unitType,name,form,nace,sectors,municipality,postalPlace');
  });

  it('exits 2 naming the file and the record position when a file is corrupt', async () => {
    const bad = join(dir, 'enheter_alle.json.gz');
    writeFileSync(bad, gzipSync(Buffer.from(JSON.stringify(units.enheter))).subarray(0, 1000));
    const r = await runCli(['import', 'brreg', '--enheter', bad], { store });
    expect(r.code).toBe(2);
    // In the CLI's language (bokmål unless --lang en).
    expect(r.stderr).toMatch(/enheter_alle\.json\.gz, post \d+ ved byte \d+: filen slutter for tidlig/);
    const missing = await runCli(['import', 'brreg', '--enheter', join(dir, 'nope.json.gz')], { store });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Finner ikke filen .*nope\.json\.gz/);
    const none = await runCli(['import', 'brreg'], { store });
    expect(none.code).toBe(2);
    const badSector = await runCli(
      ['actors', 'list', '--region', 'gjovik-hadeland-ringerike', '--sector', 'nope'],
      { store },
    );
    expect(badSector.code).toBe(2);
    expect(badSector.stderr).toMatch(/invalid sector: nope/);
  });

  it('pulls from the API and applies the feed with a configurable base URL', async () => {
    const pull = await runCli(['import', 'brreg-api', '--municipality', '3305', '--base-url', base], {
      store,
    });
    expect(pull.stderr).toBe('');
    expect(pull.code).toBe(0);
    expect(pull.stdout).toMatch(/21 enheter og 19 underenheter/);
    afterFeed = true;
    try {
      const up = await runCli(['update', 'brreg', '--base-url', base, '--lang', 'en'], { store });
      expect(up.stderr).toBe('');
      expect(up.code).toBe(0);
      expect(up.stdout).toMatch(/legal units \(enheter\): 3 changes/);
    } finally {
      afterFeed = false;
    }
  });
});
