/**
 * The national allocation benchmark: all 357 municipalities × every residue kind × 50 locations, each
 * hosting one site per technology that takes residues. Supplies and sites are generated (seeded), since
 * the statistics for every municipality and kind are not in data/ yet. Each variant runs in a fresh
 * process, so "whole process" includes starting Node/tsx, loading the library and the WebAssembly
 * solver. Run: npm run bench:optimize
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { resourceUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { type AllocationStage, runAllocation } from '../src/app/allocation.ts';
import { openDataFiles } from '../src/app/data-files.ts';
import { seededRandom } from '../src/app/random.ts';
import type { AllocationInput, Site, Supply } from '../src/domain/allocation/input.ts';
import type { LinearModel } from '../src/domain/allocation/lp.ts';
import { writeMps } from '../src/domain/mps.ts';
import { createHighsSolver, highsRuntime } from '../src/solver/highs.ts';
import { type Timing, writeSection } from './lib.ts';

const LOCATIONS = 50;

interface ChildReport {
  variant: string;
  columns: number;
  rows: number;
  nonzeros: number;
  candidateArcs: number;
  pruned: { ineligible: number; beyondRadius: number; negativeMargin: number };
  loadMs: number;
  buildMs: number;
  solveMs: number;
  interpretMs: number;
  processMs: number;
  mpsParseSolveMs?: number;
  objective: number;
  maxRssMb: number;
  wasmMb: number;
}

async function child(variant: string): Promise<ChildReport> {
  const t0 = performance.now();
  const files = openDataFiles();
  const lib = files.library();
  const centroids = files.centroids();
  const transport = files.transport();
  const solver = await createHighsSolver();
  const loadMs = performance.now() - t0;

  // Generated instance: seeded, log-uniform tonnages 10–20 000 t wet per municipality and kind.
  const rand = seededRandom(42);
  const municipalities = [...centroids.keys()].sort();
  const supplies: Supply[] = [];
  for (const m of municipalities)
    for (const k of lib.kinds) supplies.push({ municipality: m, kind: k.id, tonnesWet: 10 * 2000 ** rand() });
  const kinds = new Set(lib.kinds.map((k) => k.id));
  const techs = lib.technologies.filter((t) => t.inputs.some((i) => kinds.has(i)));
  const sites: Site[] = [];
  for (let l = 0; l < LOCATIONS; l++) {
    const m = municipalities[Math.floor(rand() * municipalities.length)] as string;
    for (const t of techs) {
      sites.push({
        id: `L${l}-${t.id}`,
        name: `${m} ${t.id}`,
        technology: t.id,
        capacityTonnes: t.typicalCapacityTonnes.value * (0.5 + rand()),
        basis: t.basis,
        position: centroids.get(m) as { lat: number; lon: number },
        municipality: m,
        status: 'planned',
        ...(variant !== 'radius' ? { transportRadiusKm: 5000 } : {}),
      });
    }
  }
  const input: AllocationInput = {
    lib,
    currentUses: lib.currentUses,
    supplies,
    sites,
    positions: centroids,
    transport,
    objective: 'value',
    keepUnprofitableArcs: variant === 'all-arcs',
  };
  // The task's own sequence (build → solve → interpret); each stage's time from its start to the next.
  const starts: Partial<Record<AllocationStage, number>> = {};
  let model: LinearModel | undefined;
  const result = await runAllocation({ input }, solver, {
    onStage: (stage) => {
      starts[stage] = performance.now();
    },
    onModel: (m) => {
      model = m;
    },
  });
  const end = performance.now();
  const at = (stage: AllocationStage) => starts[stage] as number;
  const buildMs = at('solving') - at('building');
  const solveMs = at('interpreting') - at('solving');
  const interpretMs = end - at('interpreting');
  // performance.now() counts from process start: Node, tsx, loading, building, solving, reading back.
  const processMs = performance.now();
  let mpsParseSolveMs: number | undefined;
  if (variant === 'radius' && model) {
    // The same model as text: write MPS, let HiGHS parse and solve it.
    const text = writeMps(model);
    const highs = await highsRuntime();
    const t4 = performance.now();
    const m = highs.createModel({ format: 'mps', data: text });
    m.options.set({ output_flag: false });
    m.run();
    mpsParseSolveMs = performance.now() - t4;
    m.dispose();
  }
  const highs = await highsRuntime();
  const p = result.model.prunedArcs;
  return {
    variant,
    columns: result.model.columns,
    rows: result.model.rows,
    nonzeros: result.model.nonzeros,
    candidateArcs: result.model.columns + p.ineligible + p.beyondRadius + p.negativeMargin,
    pruned: p,
    loadMs,
    buildMs,
    solveMs,
    interpretMs,
    processMs,
    ...(mpsParseSolveMs !== undefined ? { mpsParseSolveMs } : {}),
    objective: result.objective.value ?? Number.NaN,
    maxRssMb: resourceUsage().maxRSS / 1024,
    wasmMb: highs.memoryBytes / 2 ** 20,
  };
}

function runChild(variant: string): { report: ChildReport; wallMs: number } {
  const start = performance.now();
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', variant],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  return { report: JSON.parse(out) as ChildReport, wallMs: performance.now() - start };
}

const one = (label: string, ms: number, heapMb?: number): Timing => ({
  label,
  runs: 1,
  medianMs: ms,
  minMs: ms,
  maxMs: ms,
  ...(heapMb !== undefined ? { heapMb } : {}),
});

if (process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(await child(process.argv[3] ?? 'radius')));
} else {
  const variants = ['radius', 'no-radius', 'all-arcs'];
  const timings: Timing[] = [];
  const notes: string[] = [];
  const objectives: Record<string, number> = {};
  for (const v of variants) {
    const runs = [runChild(v), runChild(v), runChild(v)];
    const r = runs[0]?.report as ChildReport;
    const stat = (
      label: string,
      f: (x: { report: ChildReport; wallMs: number }) => number,
      heapMb?: number,
    ): Timing => {
      const xs = runs.map(f).sort((a, b) => a - b);
      return {
        label,
        runs: xs.length,
        medianMs: xs[1] as number,
        minMs: xs[0] as number,
        maxMs: xs[2] as number,
        ...(heapMb !== undefined ? { heapMb } : {}),
      };
    };
    const rss = runs.map((x) => x.report.maxRssMb).sort((a, b) => a - b)[1] as number;
    const label = `${v}: ${r.columns.toLocaleString('en')} columns × ${r.rows.toLocaleString('en')} rows`;
    timings.push(
      stat(`${label}, whole process`, (x) => x.report.processMs, rss),
      stat(`${label}, load library + solver`, (x) => x.report.loadMs),
      stat(`${label}, build model`, (x) => x.report.buildMs),
      stat(`${label}, solve (typed arrays)`, (x) => x.report.solveMs),
      stat(`${label}, read back answer`, (x) => x.report.interpretMs),
    );
    if (r.mpsParseSolveMs !== undefined)
      timings.push(one(`${label}, same model as MPS text (parse + solve)`, r.mpsParseSolveMs));
    objectives[v] = r.objective;
    notes.push(
      `- ${v}: ${r.candidateArcs.toLocaleString('en')} candidate arcs (municipality × kind × site); left out: ${r.pruned.ineligible.toLocaleString('en')} ineligible, ${r.pruned.beyondRadius.toLocaleString('en')} beyond radius, ${r.pruned.negativeMargin.toLocaleString('en')} below current use; ${r.nonzeros.toLocaleString('en')} nonzeros; peak RSS ${r.maxRssMb.toFixed(0)} MiB (resourceUsage().maxRSS), WebAssembly memory ${r.wasmMb.toFixed(0)} MiB; objective ${r.objective.toFixed(0)} NOK.`,
    );
  }
  notes.unshift(
    `National instance: 357 municipalities × 14 residue kinds (generated tonnages, seeded) × ${LOCATIONS} locations each hosting one site per technology that takes residues. Variants: \`radius\` uses each technology's transport radius; \`no-radius\` lifts every radius to 5 000 km (only arcs below the current use are left out); \`all-arcs\` also keeps those, to show what pruning saves (it must give the same optimum as \`no-radius\`).`,
    '',
    'The heap column of the whole-process rows holds the peak RSS (MiB, median of the runs) instead. Each variant ran 3 times, each in a fresh process (`node --import tsx`); “whole process” runs from the process’s start (Node, compiling TypeScript, loading data and the solver) to the answer read back, and leaves out the MPS-text comparison that the `radius` variant runs afterwards; median, min and max of the 3 runs. Other engineers were using the machine at the same time, so single runs vary by ±30 %.',
    '',
  );
  notes.push(
    '',
    `Load average when the runs ended: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(
        ', ',
      )} (1, 5, 15 min) on ${availableParallelism()} CPUs; other sessions were running tests and builds at the same time, so treat single figures as ±50 %.`,
    'LP options (src/solver/highs.ts): primal simplex without presolve. Measured in one process, warm, on the no-radius model: 1.0 s, against 2.5 s for HiGHS’s default (dual simplex with presolve) and 7.8 s for interior point; on all-arcs 4.2 s against 6.4 s. The first solve in a fresh process is about twice as slow as later ones (WebAssembly tier-up).',
    `Same optimum with and without pruning: ${Math.abs((objectives['no-radius'] ?? 0) - (objectives['all-arcs'] ?? 1)) <= 1e-6 * Math.abs(objectives['all-arcs'] ?? 1) ? 'yes' : 'NO'} (${(objectives['no-radius'] ?? 0).toFixed(0)} vs ${(objectives['all-arcs'] ?? 0).toFixed(0)} NOK).`,
    'The native HiGHS binary is not installed on this machine, so the “within 1.5× of native” target could not be measured; `restverdi optimize --write-model FILE.mps` writes any instance for `highs FILE.mps` elsewhere.',
  );
  console.log(
    writeSection('Allocation optimiser, national instance', 'npm run bench:optimize', timings, notes),
  );
}
