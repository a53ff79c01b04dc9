/** Shared helpers for benchmarks: timing, machine description, and writing docs/benchmarks.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const BENCH_DOC = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

export interface Timing {
  label: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  heapMb?: number;
}

/** Median, min and max wall time of `runs` calls after one warm-up call; the largest heap in use. */
export async function timeAsync(label: string, runs: number, fn: () => unknown): Promise<Timing> {
  await fn(); // warm-up: JIT and caches
  const samples: number[] = [];
  let heap = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    heap = Math.max(heap, process.memoryUsage().heapUsed);
  }
  return summarise(label, runs, samples, heap);
}

export function time(label: string, runs: number, fn: () => unknown): Timing {
  fn(); // warm-up: JIT and caches
  const samples: number[] = [];
  let heap = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    heap = Math.max(heap, process.memoryUsage().heapUsed);
  }
  return summarise(label, runs, samples, heap);
}

function summarise(label: string, runs: number, samples: number[], heap: number): Timing {
  samples.sort((a, b) => a - b);
  return {
    label,
    runs,
    medianMs: samples[Math.floor(samples.length / 2)] as number,
    minMs: samples[0] as number,
    maxMs: samples[samples.length - 1] as number,
    heapMb: heap / 2 ** 20,
  };
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

/** Replaces (or appends) the section `## name` of docs/benchmarks.md; `raw` replaces the generated body. */
export function writeSection(
  name: string,
  command: string,
  timings: Timing[],
  notes: string[] = [],
  raw?: string,
): string {
  const date = new Date().toISOString().slice(0, 10);
  const body =
    raw ??
    [
      `## ${name}`,
      '',
      `Command: \`${command}\` · ${date} · ${machine()}`,
      '',
      '| what | runs | median ms | min ms | max ms | heap MB |',
      '|---|---|---|---|---|---|',
      ...timings.map(
        (t) =>
          `| ${t.label} | ${t.runs} | ${t.medianMs.toFixed(2)} | ${t.minMs.toFixed(2)} | ${t.maxMs.toFixed(2)} | ${t.heapMb?.toFixed(0) ?? ''} |`,
      ),
      ...(notes.length ? ['', ...notes] : []),
      '',
    ].join('\n');
  const head =
    '# Benchmarks\n\nMeasured with the commands named in each section; never asserted in tests.\n\n';
  const doc = existsSync(BENCH_DOC) ? readFileSync(BENCH_DOC, 'utf8') : head;
  const re = new RegExp(`## ${name}\\n[\\s\\S]*?(?=\\n## |$)`);
  const next = re.test(doc) ? doc.replace(re, body.trimEnd()) : `${doc.trimEnd()}\n\n${body}`;
  writeFileSync(BENCH_DOC, `${next.trimEnd()}\n`);
  return body;
}

/** One load test's result: requests a second, latency and the answers by status. */
export interface Load {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  statuses: string;
}

/** Runs autocannon with these options and keeps what the benchmarks report. */
export async function loadTest(label: string, options: autocannon.Options): Promise<Load> {
  const r = await autocannon(options);
  const statuses = Object.entries(r.statusCodeStats ?? {})
    .map(([code, s]) => `${code}: ${(s as { count: number }).count}`)
    .join(', ');
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, statuses };
}

/** The load tests as a Markdown table. */
export function loadTable(loads: Load[]): string {
  return [
    '| load | requests/s | p50 ms | p99 ms | answers |',
    '|---|---|---|---|---|',
    ...loads.map((l) => `| ${l.label} | ${l.rps.toFixed(0)} | ${l.p50} | ${l.p99} | ${l.statuses} |`),
  ].join('\n');
}
