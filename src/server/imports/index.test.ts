/**
 * Actors and imports over the API: upload the register's real sample files and a roundwood-harvest
 * file, read the directory and summary back, and check that a corrupt upload changes nothing.
 * Fixtures: test/fixtures (enhetsregisteret-samples, avvirkning-kommune-ldir).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, openTestApi, REGION, type TestApi } from '../../../test/helpers/api.ts';
import { testDialects } from '../../../test/helpers/stores.ts';
import { BOKMAL, ENGLISH } from '../../messages/words/tell-tales.ts';

const EXTERNAL = new URL('../../../test/fixtures/', import.meta.url);
const ENHETER = readFileSync(new URL('enhetsregisteret-samples/enheter-selection.csv', EXTERNAL));
const UNDERENHETER = readFileSync(new URL('enhetsregisteret-samples/underenheter-selection.csv', EXTERNAL));
const HARVEST_2023 = readFileSync(
  new URL('avvirkning-kommune-ldir/Kommunevis_avvirkning_2023.csv', EXTERNAL),
);

const upload = (body: Uint8Array) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/octet-stream' },
  body,
});

interface Summary {
  total: number;
  byForm: Record<string, number>;
  bySector: Record<string, number>;
  byMunicipality: Record<string, number>;
  rule: string;
}

describe.each(testDialects())('actors and imports over the API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(dialect);
  });
  afterAll(async () => {
    await api?.store.dispose();
  });

  const summary = async (query = `region=${REGION}`) => {
    const res = await api.request(`/api/actors/summary?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Summary;
  };
  const actorRows = async () =>
    (
      await api.store.db
        .selectFrom('actors')
        .select(['orgnr', 'name', 'municipality'])
        .orderBy('orgnr')
        .execute()
    ).length;

  it('has no actors before the register is imported, and says how it counts', async () => {
    const s = await summary();
    expect(s.total).toBe(0);
    expect(s.rule).toMatch(/^Teller enheter på forretningsadressen og underenheter/);
    const en = (await (await api.request(`/api/actors/summary?region=${REGION}&lang=en`)).json()) as {
      rule: string;
      ruleMessage: { code: string; text: string };
    };
    expect(en.rule).toMatch(/^Counts legal units \(enheter\)/);
    expect(en.ruleMessage).toMatchObject({ code: 'counting_rule', text: en.rule });
  });

  it('imports the register’s legal units and establishments from uploads (CSV and gzip)', async () => {
    const a = await api.request(
      '/api/imports?kind=brreg-enheter&name=enheter-selection.csv',
      upload(ENHETER),
    );
    expect(a.status).toBe(201);
    const b = await api.request(
      '/api/imports?kind=brreg-underenheter&name=underenheter-selection.csv.gz',
      upload(gzipSync(UNDERENHETER)),
    );
    expect(b.status).toBe(201);
    // The register's log says what it read in bokmål, problems by name.
    const { importId } = (await b.json()) as { importId: number };
    const lines = (
      (await (await api.request(`/api/imports/${importId}/log`)).json()) as { log: { text: string }[] }
    ).log;
    expect(
      lines.some((l) => /oppføringer \(csv, gzip\); .+ gamle kommunenummer koblet til dagens/.test(l.text)),
    ).toBe(true);
    for (const l of lines) expect(l.text, l.text).not.toMatch(ENGLISH);
    const s = await summary();
    expect(s.total).toBeGreaterThan(0);
    expect(Object.keys(s.byMunicipality).every((m) => /^\d{4}$/.test(m))).toBe(true);
    const national = await summary('units=all');
    expect(national.total).toBeGreaterThanOrEqual(s.total);
  });

  it('lists actors with filters and paging, as JSON and CSV, and finds one by number', async () => {
    const page = await api.request(`/api/actors?region=${REGION}&limit=50&offset=0`);
    expect(page.status).toBe(200);
    const list = (await page.json()) as {
      total: number;
      withheld: number;
      items: {
        orgnr: string | null;
        name: string | null;
        countedForm: string;
        withheld: boolean;
        municipality: string;
      }[];
    };
    expect(list.items.length).toBeLessThanOrEqual(50);
    expect(list.total).toBe((await summary()).total);
    // Sole proprietorships carry personal names: a list withholds name and number, one lookup shows them.
    const personal = list.items.filter((i) => i.countedForm === 'ENK');
    expect(personal.length).toBeGreaterThan(0);
    for (const i of personal) expect(i).toMatchObject({ orgnr: null, name: null, withheld: true });
    expect(list.withheld).toBe(personal.length);
    const first = list.items.find((i) => !i.withheld);
    expect(first).toBeDefined();
    const one = await api.request(`/api/actors/${first?.orgnr}`);
    expect(one.status).toBe(200);
    const csv = await api.request(`/api/actors?region=${REGION}&format=csv&limit=1000`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await csv.text()).split('\n')[0]).toMatch(/^orgnr,unitType,name,form/);
    await expectError(await api.request('/api/actors/000000000'), 404, 'not_found');
    await expectError(await api.request('/api/actors?limit=0'), 400, 'invalid_input');
    await expectError(await api.request('/api/actors?region=nowhere'), 404, 'unknown_region');
  });

  it('refuses a corrupt upload with the file named, and changes nothing', async () => {
    const before = await actorRows();
    const gz = gzipSync(ENHETER);
    const truncated = gz.subarray(0, Math.floor(gz.length / 2));
    const res = await api.request('/api/imports?kind=brreg-enheter&name=broken.csv.gz', upload(truncated));
    const error = await expectError(res, 400, 'invalid_input');
    expect(error.message).toMatch(/broken\.csv\.gz/);
    expect(await actorRows()).toBe(before);
    const imports = (await (await api.request('/api/imports')).json()) as {
      imports: { status: string; file: string | null }[];
    };
    expect(imports.imports[0]?.status).toBe('failed');
  });

  it('imports a roundwood-harvest file, keeps its log, and the estimate still answers', async () => {
    const res = await api.request(
      '/api/imports?kind=avvirkning&name=Kommunevis_avvirkning_2023.csv',
      upload(HARVEST_2023),
    );
    expect(res.status).toBe(201);
    const done = (await res.json()) as { importId: number; datasets: { id: string; observations: number }[] };
    expect(done.datasets.map((d) => d.id)).toEqual(['avvirkning-2023']);
    const status = (await (await api.request(`/api/imports/${done.importId}`)).json()) as {
      status: string;
      kind: string;
    };
    expect(status).toMatchObject({ status: 'done', kind: 'avvirkning' });
    const log = (await (await api.request(`/api/imports/${done.importId}/log`)).json()) as {
      log: { message: string; text: string; detail?: { code: string } }[];
    };
    expect(log.log.some((l) => /counted once/.test(l.message))).toBe(true);
    // Every line says itself in the reader's language: bokmål by default, English on request.
    const once = log.log.find((l) => l.detail?.code === 'log_harvest_counted_once');
    expect(once?.text).toMatch(/står under både .+ og .+; talt én gang, som /);
    for (const l of log.log) expect(l.text, l.text).not.toMatch(ENGLISH);
    const en = (await (
      await api.request(`/api/imports/${done.importId}/log`, { headers: { 'accept-language': 'en' } })
    ).json()) as { log: { message: string; text: string }[] };
    const onceEn = en.log.find((l) => /counted once/.test(l.message));
    expect(onceEn?.text).toBe(onceEn?.message);
    for (const l of en.log) expect(l.text, l.text).not.toMatch(BOKMAL);
    const csv = await (await api.request(`/api/imports/${done.importId}/log?format=csv`)).text();
    expect(csv.split('\n')[0]).toBe('seq,level,position,text,message');
    expect(csv).toMatch(/talt én gang/);
    expect((await api.request(`/api/regions/${REGION}/residues`)).status).toBe(200);
    const missing = await expectError(await api.request('/api/imports/999999'), 404, 'not_found');
    expect(missing.message).toBe('Ingen import med id 999999');
    const notFound = await api.request('/api/imports/999999', { headers: { 'accept-language': 'en' } });
    expect(((await notFound.json()) as { error: { message: string } }).error.message).toBe(
      'No import with id 999999',
    );
  });

  it('refuses an unknown kind or a missing name', async () => {
    await expectError(
      await api.request('/api/imports?kind=other&name=x.csv', upload(ENHETER)),
      400,
      'invalid_input',
    );
    await expectError(
      await api.request('/api/imports?kind=avvirkning', upload(ENHETER)),
      400,
      'invalid_input',
    );
  });
});
