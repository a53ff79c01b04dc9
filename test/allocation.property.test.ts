/**
 * Properties of the allocation over random small instances (fast-check, seeded): every solution
 * respects supply, capacity, radius and eligibility; the objective equals the sum of the flows' net
 * values plus what stays in current use; the optimum is never below the baseline; more capacity never
 * lowers it. And the written MPS, solved by an independent brute-force LP solver, gives the same optimum.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocateStreams } from '../src/domain/allocation/allocate.ts';
import { allocationBalance } from '../src/domain/allocation/balance.ts';
import type { AllocationInput, Site } from '../src/domain/allocation/input.ts';
import type { Solver } from '../src/domain/allocation/lp.ts';
import { buildAllocationModel } from '../src/domain/allocation/model.ts';
import { testCurrentUses, testLibrary } from '../src/domain/fixtures/allocation-library.ts';
import { writeMps } from '../src/domain/mps.ts';
import { createHighsSolver } from '../src/solver/highs.ts';

let solver: Solver;
beforeAll(async () => {
  solver = await createHighsSolver();
});

const municipality = fc.record({
  lat: fc.double({ min: 59.5, max: 60.5, noNaN: true }),
  lon: fc.double({ min: 9.5, max: 11, noNaN: true }),
  a: fc.double({ min: 0, max: 500, noNaN: true }),
  m: fc.double({ min: 0, max: 500, noNaN: true }),
});
const site = fc.record({
  technology: fc.constantFrom('T', 'F'),
  at: fc.nat(3),
  capacity: fc.double({ min: 1, max: 600, noNaN: true }),
  basis: fc.constantFrom('wet' as const, 'dm' as const),
  radius: fc.option(fc.double({ min: 5, max: 120, noNaN: true }), { nil: undefined }),
});
const instance = fc.record({
  municipalities: fc.array(municipality, { minLength: 1, maxLength: 4 }),
  sites: fc.array(site, { minLength: 1, maxLength: 3 }),
  cost: fc.double({ min: 0, max: 5, noNaN: true }),
});

type Instance = typeof instance extends fc.Arbitrary<infer T> ? T : never;

function toInput(x: Instance, scale = 1): AllocationInput {
  const positions = new Map(x.municipalities.map((m, i) => [`M${i}`, { lat: m.lat, lon: m.lon }]));
  const sites: Site[] = x.sites.map((s, i) => {
    const at = x.municipalities[s.at % x.municipalities.length] as Instance['municipalities'][number];
    return {
      id: `S${i}`,
      name: `S${i}`,
      technology: s.technology,
      capacityTonnes: s.capacity * scale,
      basis: s.basis,
      position: { lat: at.lat, lon: at.lon },
      status: 'planned',
      ...(s.radius !== undefined ? { transportRadiusKm: s.radius } : {}),
    };
  });
  return {
    lib: testLibrary(),
    currentUses: testCurrentUses,
    supplies: x.municipalities.flatMap((m, i) => [
      { municipality: `M${i}`, kind: 'a', tonnesWet: m.a },
      { municipality: `M${i}`, kind: 'm', tonnesWet: m.m },
    ]),
    sites,
    positions,
    transport: { detourFactor: 1.35, costNokPerTonneKm: x.cost, kgCo2ePerTonneKm: 80 },
    objective: 'value',
  };
}

const PARAMS = { seed: 20241128, numRuns: 60 };

describe('allocation properties over random instances', () => {
  it('respects supply, capacity, radius and eligibility; objective = Σ flows + current use ≥ baseline', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const input = toInput(x);
        const r = allocateStreams(input, solver);
        expect(r.status).toBe('optimal');
        const tol = 1e-6;
        for (const sup of input.supplies) {
          const out = r.flows
            .filter((f) => f.from === sup.municipality && f.kind === sup.kind)
            .reduce((s, f) => s + f.tonnes, 0);
          expect(out).toBeLessThanOrEqual(sup.tonnesWet + tol);
        }
        for (const s of r.sites)
          expect(s.usedTonnes).toBeLessThanOrEqual(s.capacityTonnes * (1 + 1e-9) + tol);
        for (const f of r.flows) {
          const s = r.sites.find((x) => x.id === f.site);
          expect(f.km).toBeLessThanOrEqual((s?.radiusKm ?? 0) + 1e-9);
          // Manure (abp-cat2) never to feed.
          if (f.kind === 'm') expect(f.technology).not.toBe('F');
        }
        const flows = r.flows.reduce((s, f) => s + f.valueNok, 0);
        const left = input.supplies.reduce((s, sup) => {
          const out = r.flows
            .filter((f) => f.from === sup.municipality && f.kind === sup.kind)
            .reduce((a, f) => a + f.tonnes, 0);
          return s + (sup.tonnesWet - out) * (sup.kind === 'a' ? 20 : 0);
        }, 0);
        expect(r.objective.value).toBeCloseTo(flows + left, 4);
        expect(r.valueNok).toBeCloseTo(flows + left, 4);
        expect(r.valueNok as number).toBeGreaterThanOrEqual(r.baseline.valueNok - 1e-6);
        // Flows + what is left = supply, and every site keeps its limits, read from the result.
        const balance = allocationBalance(input, r);
        expect(balance.supplies.filter((b) => !b.closes)).toEqual([]);
        expect(
          balance.sites.filter((b) => !(b.withinCapacity && b.meetsMinimum && b.agreesWithReport)),
        ).toEqual([]);
        expect(balance.closes).toBe(true);
      }),
      PARAMS,
    );
  });

  it('never lowers the objective when capacity grows', () => {
    fc.assert(
      fc.property(instance, fc.double({ min: 1, max: 3, noNaN: true }), (x, factor) => {
        const small = allocateStreams(toInput(x), solver);
        const big = allocateStreams(toInput(x, factor), solver);
        expect(big.objective.value as number).toBeGreaterThanOrEqual(
          (small.objective.value as number) - 1e-6,
        );
      }),
      PARAMS,
    );
  });

  it('gives the same optimum from the written MPS with an independent brute-force LP solver', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const input = toInput(x);
        const am = buildAllocationModel(input);
        fc.pre(am.model.numCols <= 6);
        const r = allocateStreams(input, solver);
        const lp = parseMps(writeMps(am.model));
        expect(bruteForceMax(lp)).toBeCloseTo(r.objective.value as number, 4);
      }),
      { ...PARAMS, numRuns: 40 },
    );
  });
});

/** A dense LP read from free MPS: max c·x + offset s.t. A x ≤ b, x ≥ 0 (enough for the allocation's rows). */
interface DenseLp {
  c: number[];
  a: number[][];
  b: number[];
}

/** Tiny free-MPS reader for the rows the allocation writes (L rows, UP/FX bounds): written for this test only. */
function parseMps(text: string): DenseLp {
  const rows: string[] = [];
  const cols: string[] = [];
  const entries: [string, string, number][] = [];
  const rhs = new Map<string, number>();
  const upper = new Map<string, number>();
  const fixed = new Map<string, number>();
  let section = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('*') || line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      section = line.split(/\s+/)[0] as string;
      continue;
    }
    const f = line.trim().split(/\s+/);
    if (section === 'ROWS' && f[0] === 'L') rows.push(f[1] as string);
    else if (section === 'ROWS' && f[0] !== 'N')
      throw new Error(`row type ${f[0]} not handled by this test reader`);
    if (section === 'COLUMNS') {
      if (!cols.includes(f[0] as string)) cols.push(f[0] as string);
      entries.push([f[0] as string, f[1] as string, Number(f[2])]);
    }
    if (section === 'RHS') rhs.set(f[1] as string, Number(f[2]));
    if (section === 'BOUNDS' && f[0] === 'UP') upper.set(f[2] as string, Number(f[3]));
    if (section === 'BOUNDS' && f[0] === 'FX') fixed.set(f[2] as string, Number(f[3]));
  }
  // Fixed columns (the offset) move into a constant; upper bounds become rows.
  const free = cols.filter((c) => !fixed.has(c));
  let constant = 0;
  const c = free.map(() => 0);
  const a = rows.map(() => free.map(() => 0));
  for (const [col, row, v] of entries) {
    if (fixed.has(col)) {
      if (row === 'obj') constant += v * (fixed.get(col) as number);
      continue;
    }
    const j = free.indexOf(col);
    if (row === 'obj') c[j] = v;
    else (a[rows.indexOf(row)] as number[])[j] = v;
  }
  const b = rows.map((r) => rhs.get(r) ?? 0);
  for (const [col, up] of upper) {
    const j = free.indexOf(col);
    a.push(free.map((_, k) => (k === j ? 1 : 0)));
    b.push(up);
  }
  c.push(constant);
  return { c, a, b };
}

/** Maximum over every vertex of {A x ≤ b, x ≥ 0}: choose n tight constraints, solve, keep the feasible best. */
function bruteForceMax(lp: DenseLp): number {
  const n = lp.c.length - 1;
  const constant = lp.c[n] as number;
  const A = [
    ...lp.a,
    ...Array.from({ length: n }, (_, j) => Array.from({ length: n }, (_, k) => (k === j ? -1 : 0))),
  ];
  const B = [...lp.b, ...Array.from({ length: n }, () => 0)];
  let best = Number.NEGATIVE_INFINITY;
  const pick: number[] = [];
  const visit = (start: number) => {
    if (pick.length === n) {
      const x = solveSquare(
        pick.map((i) => [...(A[i] as number[])]),
        pick.map((i) => B[i] as number),
      );
      if (!x) return;
      if (
        A.every((row, i) => row.reduce((s, v, k) => s + v * (x[k] as number), 0) <= (B[i] as number) + 1e-7)
      ) {
        best = Math.max(
          best,
          x.reduce((s, v, k) => s + v * (lp.c[k] as number), 0),
        );
      }
      return;
    }
    for (let i = start; i < A.length; i++) {
      pick.push(i);
      visit(i + 1);
      pick.pop();
    }
  };
  if (n === 0) return constant;
  visit(0);
  return best + constant;
}

function solveSquare(m: number[][], v: number[]): number[] | null {
  const n = v.length;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs((m[r] as number[])[col] as number) > Math.abs((m[piv] as number[])[col] as number))
        piv = r;
    if (Math.abs((m[piv] as number[])[col] as number) < 1e-12) return null;
    [m[col], m[piv]] = [m[piv] as number[], m[col] as number[]];
    [v[col], v[piv]] = [v[piv] as number, v[col] as number];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = ((m[r] as number[])[col] as number) / ((m[col] as number[])[col] as number);
      for (let k = col; k < n; k++)
        (m[r] as number[])[k] = ((m[r] as number[])[k] as number) - f * ((m[col] as number[])[k] as number);
      v[r] = (v[r] as number) - f * (v[col] as number);
    }
  }
  return v.map((x, i) => x / ((m[i] as number[])[i] as number));
}
