/**
 * Throughput and latency of the API, driven from a second process on loopback with autocannon:
 * the server runs as `restverdi serve` in a child process, on SQLite and (when TEST_DATABASE_URL or
 * BENCH_DATABASE_URL is set) on PostgreSQL. Run: npm run bench:api
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { machine, writeSection } from './lib.ts';

const BIN = fileURLToPath(new URL('../bin/restverdi.js', import.meta.url));
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;

interface Result {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not answer`);
}

async function startServer(port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(`http://127.0.0.1:${port}`);
  return child;
}

async function drive(label: string, url: string): Promise<Result> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  return {
    label,
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

const ROUTES: [string, string][] = [
  ['residues, reference region, report profile', '/api/regions/gjovik-hadeland-ringerike/residues'],
  [
    'residues, one kind and municipality',
    '/api/regions/gjovik-hadeland-ringerike/residues?kinds=halm&municipalities=3407',
  ],
  ['actors summary, reference region', '/api/actors/summary?region=gjovik-hadeland-ringerike'],
  ['actors list, reference region, 50 per page', '/api/actors?region=gjovik-hadeland-ringerike&limit=50'],
  ['health', '/api/health'],
];

/** The register's real sample files (test/fixtures), uploaded so the actor routes have data. */
const SAMPLES = new URL('../test/fixtures/enhetsregisteret-samples/', import.meta.url);

async function loadActors(url: string): Promise<void> {
  for (const [kind, file] of [
    ['brreg-enheter', 'enheter-selection.csv'],
    ['brreg-underenheter', 'underenheter-selection.csv'],
  ] as const) {
    const res = await fetch(`${url}/api/imports?kind=${kind}&name=${file}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: readFileSync(new URL(file, SAMPLES)),
    });
    if (res.status !== 201) throw new Error(`upload of ${file} failed: ${res.status} ${await res.text()}`);
  }
}

async function benchDialect(dialect: string, env: NodeJS.ProcessEnv, port: number): Promise<Result[]> {
  const server = await startServer(port, env);
  const results: Result[] = [];
  try {
    await loadActors(`http://127.0.0.1:${port}`);
    for (const [label, path] of ROUTES) {
      await drive(label, `http://127.0.0.1:${port}${path}`); // warm-up run, not recorded
      results.push(await drive(`${dialect}: ${label}`, `http://127.0.0.1:${port}${path}`));
    }
  } finally {
    server.kill('SIGTERM');
  }
  return results;
}

const dir = mkdtempSync(join(tmpdir(), 'restverdi-bench-'));
const results: Result[] = [];
try {
  results.push(
    ...(await benchDialect('SQLite', { RESTVERDI_DB: join(dir, 'bench.sqlite'), DATABASE_URL: '' }, 18431)),
  );
  const pg = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (pg) results.push(...(await benchDialect('PostgreSQL', { DATABASE_URL: pg }, 18432)));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const lines = [
  `## HTTP API`,
  '',
  `Command: \`npm run bench:api\` (PostgreSQL too when TEST_DATABASE_URL is set, e.g. from \`.ci/postgres.sh start\`) · ${new Date().toISOString().slice(0, 10)} · ${machine()}`,
  '',
  `autocannon in the benchmark process drives \`restverdi serve\` in a child process over loopback: ${CONNECTIONS} connections, ${DURATION_S} s per route after a warm-up run of the same length. The actor routes run on the register's sample files (test/fixtures/enhetsregisteret-samples, about 12 400 units), uploaded through /api/imports first.`,
  '',
  '| route | requests/s | p50 ms | p90 ms | p99 ms | errors | non-2xx |',
  '|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.label} | ${Math.round(r.requestsPerSecond)} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.errors} | ${r.non2xx} |`,
  ),
  '',
  'Target (issue 7): at least 1 000 requests/s with p99 under 50 ms for the reference region’s residues on SQLite. JSON estimates and actor summaries are kept in memory per query until the data changes (a region or an import), so repeats cost a lookup; a cold estimate of the reference region costs about 1 ms of compute in-process (about 620 requests/s over HTTP before answers were kept). The actor list pages through the store on every request; on PostgreSQL it is slow (about 100 requests/s) and has not been tuned.',
  '',
];
console.log(lines.join('\n'));
writeSectionRaw('HTTP API', lines.join('\n'));

function writeSectionRaw(name: string, body: string) {
  writeSection(name, '', [], [], body);
}
