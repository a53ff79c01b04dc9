/** NOT COMMITTED: tests that fail against the current server code; each is reported with a fix. */
import { connect } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server/serve.ts';
import { expectError, jsonInit, manureScenario, openTestApi, RESIDUES, type TestApi } from './helpers/api.ts';
import { testDialects } from './helpers/stores.ts';

const J = { 'content-type': 'application/json' };

describe.each(testDialects())('API regressions (once bugs, found by the hostile corpus) on %s', (dialect) => {
  let api: TestApi;
  let regionsBefore: unknown;
  beforeAll(async () => {
    api = await openTestApi(dialect);
    regionsBefore = await api.store.db.selectFrom('regions').selectAll().execute();
  });
  afterAll(async () => {
    await api?.store.dispose();
  });
  const unchanged = async () =>
    expect(await api.store.db.selectFrom('regions').selectAll().execute()).toEqual(regionsBefore);

  it('B1 rejects invalid UTF-8 inside a JSON string (400) and stores nothing', async () => {
    const body = new Uint8Array([
      ...Buffer.from('{"id":"utf","name":"a'),
      0xff,
      0xc3,
      0x28,
      ...Buffer.from('","municipalities":["3407"]}'),
    ]);
    await expectError(
      await api.request('/api/regions', { method: 'POST', headers: J, body }),
      400,
      'invalid_input',
    );
    await unchanged();
  });

  it('B2 rejects a NUL character in a region name (400, not 500 on PostgreSQL / stored on SQLite)', async () => {
    const res = await api.request('/api/regions', {
      method: 'POST',
      headers: J,
      body: '{"id":"nul","name":"a\\u0000b","municipalities":["3407"]}',
    });
    await expectError(res, 400, 'invalid_input');
    await unchanged();
  });

  it('B2b rejects a NUL character in a stored scenario name', async () => {
    const s = manureScenario('nul-scenario');
    s.name.nb = 'a\u0000b';
    await expectError(
      await api.request('/api/scenarios/nul-scenario', jsonInit('PUT', s)),
      400,
      'invalid_input',
    );
  });

  it('B3 rejects scenario tonnes of 1e308 and 2^63 (no Infinity/null in results)', async () => {
    for (const tonnes of [1e308, 2 ** 63]) {
      const s = manureScenario();
      s.inputs[0] = { stream: 'husdyrgjodsel', tonnes, basis: 'wet' };
      await expectError(await api.request('/api/scenarios/run', jsonInit('POST', s)), 400, 'invalid_input');
    }
  });

  it('B4 rejects unknown fields nested in a scenario (a typo is not silently dropped)', async () => {
    const s = manureScenario() as unknown as { steps: Record<string, unknown>[] };
    s.steps[0] = { ...s.steps[0], tonne: 500 };
    const error = await expectError(
      await api.request('/api/scenarios/run', jsonInit('POST', s)),
      400,
      'invalid_input',
    );
    expect(error.issues.map((i) => i.path)).toContain('body.steps[0].tonne');
  });

  it('B5 rejects unknown query fields on every route', async () => {
    for (const path of [
      '/api/municipalities?colour=red',
      '/api/regions?colour=red',
      '/api/profiles/report/coefficients?colour=red',
    ])
      await expectError(await api.request(path), 400, 'invalid_input');
  });

  it('B6 rejects __proto__ in a scenario body', async () => {
    const body = JSON.stringify(manureScenario()).replace('{"id"', '{"__proto__":{"x":1},"id"');
    await expectError(
      await api.request('/api/scenarios/run', { method: 'POST', headers: J, body }),
      400,
      'invalid_input',
    );
  });

  it('B7 names region body issues body.* like the scenario routes and its own semantic checks', async () => {
    const error = await expectError(
      await api.request(
        '/api/regions',
        jsonInit('POST', { id: 'Bad Id', name: 'x', municipalities: ['3407'] }),
      ),
      400,
      'invalid_input',
    );
    expect(error.issues.map((i) => i.path)).toEqual(['body.id']);
  });

  it('B8 lists a bad id and an unknown municipality in one answer', async () => {
    const error = await expectError(
      await api.request(
        '/api/regions',
        jsonInit('POST', { id: 'Bad Id', name: 'x', municipalities: ['9999'] }),
      ),
      400,
      'invalid_input',
    );
    const paths = error.issues.map((i) => i.path.replace(/^json\./, 'body.'));
    expect(paths).toEqual(expect.arrayContaining(['body.id', 'body.municipalities[0]']));
  });

  it('B9 bounds the strings of a stored scenario', async () => {
    const s = manureScenario('long-scenario');
    s.description = 'x'.repeat(900_000);
    await expectError(
      await api.request('/api/scenarios/long-scenario', jsonInit('PUT', s)),
      400,
      'invalid_input',
    );
  });

  it('B10 does not amplify: a 1 MiB body gets a bounded error answer', async () => {
    const s = { ...manureScenario(), inputs: Array.from({ length: 20_000 }, () => ({})) };
    const res = await api.request('/api/scenarios/run', jsonInit('POST', s));
    expect(res.status).toBe(400);
    expect((await res.text()).length).toBeLessThan(100_000);
  });

  it('B11 rejects an unpaired surrogate escape in a string', async () => {
    await expectError(
      await api.request('/api/regions', {
        method: 'POST',
        headers: J,
        body: '{"id":"sur","name":"a\\ud800b","municipalities":["3407"]}',
      }),
      400,
      'invalid_input',
    );
    await unchanged();
  });

  it('B12 rejects ?tonnes= (empty) and hex tonnes', async () => {
    await expectError(await api.request('/api/pyramid/husdyrgjodsel?tonnes='), 400, 'invalid_input');
    await expectError(await api.request('/api/pyramid/husdyrgjodsel?tonnes=0x10'), 400, 'invalid_input');
  });

  it('B13 bounds the trace year like the residues year', async () => {
    await expectError(await api.request(`${RESIDUES}/halm/3407/trace?year=9999`), 400, 'invalid_input');
  });
});

it('B14 stop() resolves soon after the last in-flight response, even if the client keeps the connection open', async () => {
  const running = await startServer({
    port: 0,
    host: '127.0.0.1',
    store: { file: ':memory:' },
    logger: pino({ level: 'silent' }),
  });
  const socket = connect(running.port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  let data = '';
  const got = new Promise<void>((resolve) =>
    socket.on('data', (d) => {
      data += d;
      if (data.includes('"totals"') && data.trimEnd().endsWith('}')) resolve();
    }),
  );
  socket.write(`GET ${RESIDUES} HTTP/1.1\r\nHost: x\r\n`);
  await new Promise((r) => setTimeout(r, 50));
  const stopping = running.stop();
  socket.write('\r\n');
  await got;
  const t0 = performance.now();
  await stopping;
  socket.destroy();
  expect(performance.now() - t0).toBeLessThan(1000);
});
