/**
 * The server on a real port: it answers over HTTP, finishes the requests in flight when stopped, then
 * refuses connections, and stops soon after the last answer even if a client keeps its connection open.
 */
import { connect } from 'node:net';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { RESIDUES, type Residues, TWELVE } from '../../test/helpers/api.ts';
import { startServer } from './serve.ts';

/** One raw HTTP/1.1 exchange on its own socket, so the test decides when the request is complete. */
function rawRequest(port: number) {
  const socket = connect(port, '127.0.0.1');
  let data = Buffer.alloc(0);
  socket.on('data', (d: Buffer) => {
    data = Buffer.concat([data, d]);
  });
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  /** Resolves with status and body once the whole response (by Content-Length) has arrived. */
  const response = new Promise<{ status: number; headers: string; body: string }>((resolve, reject) => {
    const check = () => {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headers = data.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(headers)?.[1]);
      if (data.length - end - 4 < length) return;
      socket.off('data', check);
      resolve({
        status: Number(headers.slice(9, 12)),
        headers,
        body: data.subarray(end + 4, end + 4 + length).toString('utf8'),
      });
    };
    socket.on('data', check);
    socket.once('error', reject);
    socket.once('close', () =>
      reject(new Error(`closed before a full response: ${data.toString('latin1', 0, 200)}`)),
    );
  });
  response.catch(() => {});
  return { socket, connected, response };
}

async function refused(url: string): Promise<string> {
  try {
    await fetch(url);
    return 'answered';
  } catch (error) {
    return String(((error as Error).cause as { code?: string })?.code);
  }
}

describe('the server on a port', () => {
  it('answers over HTTP, finishes an in-flight request on stop, then refuses connections', async () => {
    const running = await startServer({
      port: 0,
      host: '127.0.0.1',
      store: { file: ':memory:' },
      logger: pino({ level: 'silent' }),
    });
    let stopping: Promise<void> | undefined;
    try {
      expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
      const health = await fetch(`${running.url}/api/health`);
      expect(health.status).toBe(200);
      expect(health.headers.get('x-request-id')).toMatch(/\S/);
      expect(await health.json()).toMatchObject({ status: 'ok', dialect: 'sqlite' });

      // A slow request (20 000 draws) whose first bytes are in before stop() and the rest after: it is
      // in flight on an open connection while the server shuts down.
      const slow = rawRequest(running.port);
      await slow.connected;
      slow.socket.write(`GET ${RESIDUES}?uncertainty=20000&seed=5 HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
      await new Promise((r) => setTimeout(r, 100));
      let stoppedAt = 0;
      stopping = running.stop().then(() => {
        stoppedAt = performance.now();
      });
      await new Promise((r) => setTimeout(r, 100));
      // No new connections while it shuts down.
      expect(await refused(`${running.url}/api/health`)).toBe('ECONNREFUSED');
      slow.socket.write('Accept: application/json\r\n\r\n');
      const res = await slow.response;
      const answeredAt = performance.now();
      expect(res.status).toBe(200);
      const body = JSON.parse(res.body) as Residues;
      expect(body.uncertainty).toEqual({ draws: 20_000, seed: 5, distribution: 'coefficient ranges' });
      expect(body.municipalities).toEqual(TWELVE);
      for (const t of body.totals) expect(t.p10 as number).toBeLessThanOrEqual(t.p90 as number);
      // The in-flight request was answered in full although stop() had been called before it was
      // complete; stop() resolves once that connection is closed (idle connections are closed at once).
      slow.socket.end();
      await stopping;
      expect(stoppedAt).toBeGreaterThan(0);
      expect(answeredAt).toBeGreaterThan(0);
      expect(await refused(`${running.url}/api/health`)).toBe('ECONNREFUSED');
    } finally {
      await (stopping ?? running.stop());
    }
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
