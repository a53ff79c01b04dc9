/**
 * Accounts: one argon2id hash and verify (the cost every sign-in pays), and sign-in under load —
 * autocannon posting the right password with 16 connections to a server on loopback (its rate limit
 * raised so the passwords are checked), then the same against the default limit of 5 a minute per
 * address (what an attacker guessing passwords meets). SQLite, in-memory store. Run: npm run bench:accounts
 */
import pino from 'pino';
import { hashPassword, verifyPassword } from '../src/app/accounts.ts';
import { startServer } from '../src/server/serve.ts';
import { type Load, loadTable, loadTest, type Timing, timeAsync, writeSection } from './lib.ts';

const SECRET = 'a-bench-secret-of-more-than-thirty-two-characters';
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'et langt passord for benken';

const hash = await hashPassword(PASSWORD);
const timings: Timing[] = [
  await timeAsync('argon2id hash (19 MiB, 3 passes, 1 lane)', 20, () => hashPassword(PASSWORD)),
  await timeAsync('argon2id verify', 20, () => verifyPassword({ hash, password: PASSWORD })),
];

async function load(label: string, limit: { window: number; max: number }): Promise<Load> {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    store: { file: ':memory:' },
    logger: pino({ level: 'silent' }),
    accounts: { secret: SECRET, mailer: { send: async () => undefined }, signInLimit: limit },
  });
  try {
    const headers = { 'Content-Type': 'application/json', Origin: server.url };
    const up = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'bench@example.no', password: PASSWORD, name: 'Bench' }),
    });
    if (!up.ok) throw new Error(`sign-up: ${up.status}`);
    return await loadTest(label, {
      url: `${server.url}/api/auth/sign-in/email`,
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'bench@example.no', password: PASSWORD }),
      connections: 16,
      duration: DURATION_S,
    });
  } finally {
    await server.stop();
  }
}

const loads = [
  await load('sign-in, right password, limit raised (every request checks the hash)', {
    window: 60,
    max: 1_000_000,
  }),
  await load('sign-in from one address at the default limit (5 a minute)', { window: 60, max: 5 }),
];
const table = loadTable(loads);
console.log(
  writeSection('Accounts', 'npm run bench:accounts', timings, [
    `Sign-in under load: autocannon, 16 connections, ${DURATION_S} s, server in the same process on loopback (in-memory SQLite store).`,
    '',
    table,
    '',
    'The hash is meant to cost: it bounds sign-ins per core. The rate limit answers 429 from the store without hashing, so guessing passwords from one address meets five tries a minute.',
  ]),
);
