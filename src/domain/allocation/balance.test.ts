import { beforeAll, describe, expect, it } from 'vitest';
import { createHighsSolver } from '../../solver/highs.ts';
import { testCurrentUses, testLibrary } from '../fixtures/allocation-library.ts';
import { allocateStreams } from './allocate.ts';
import { allocationBalance } from './balance.ts';
import type { AllocationInput, Site } from './input.ts';
import type { Solver } from './lp.ts';

let solver: Solver;
beforeAll(async () => {
  solver = await createHighsSolver();
});

const M1 = { lat: 60.8, lon: 10.7 };
const M2 = { lat: 60.9, lon: 10.7 };

function site(over: Partial<Site>): Site {
  return {
    id: 'S1',
    name: 'S1',
    technology: 'T',
    capacityTonnes: 100,
    basis: 'wet',
    position: M1,
    status: 'planned',
    ...over,
  };
}

function input(over: Partial<AllocationInput> = {}): AllocationInput {
  return {
    lib: testLibrary(),
    currentUses: testCurrentUses,
    supplies: [
      { municipality: 'M1', kind: 'a', tonnesWet: 80 },
      { municipality: 'M2', kind: 'a', tonnesWet: 60 },
      { municipality: 'M2', kind: 'm', tonnesWet: 30 },
    ],
    sites: [site({})],
    positions: new Map([
      ['M1', M1],
      ['M2', M2],
    ]),
    transport: { detourFactor: 1, costNokPerTonneKm: 1, kgCo2ePerTonneKm: 0 },
    objective: 'value',
    ...over,
  };
}

describe('allocationBalance', () => {
  it('closes for a solved allocation: flows + what is left = supply, inflow within capacity', () => {
    const i = input();
    const r = allocateStreams(i, solver);
    const b = allocationBalance(i, r);
    expect(b.closes).toBe(true);
    expect(b.worstImbalanceTonnes).toBeLessThan(1e-3);
    const total = b.supplies.reduce((s, x) => s + x.allocatedTonnes + x.unallocatedTonnes, 0);
    expect(total).toBeCloseTo(170, 6);
    expect(b.sites[0]?.inflowTonnes).toBeCloseTo(r.sites[0]?.usedTonnes as number, 9);
    expect(b.sites[0]?.inflowTonnes).toBeLessThanOrEqual(100 + 1e-6);
  });

  it('counts a dry-matter site’s inflow in t DM', () => {
    const i = input({ sites: [site({ basis: 'dm', capacityTonnes: 10 })] });
    const r = allocateStreams(i, solver);
    const b = allocationBalance(i, r);
    expect(b.closes).toBe(true);
    const dm = new Map(i.lib.kinds.map((k) => [k.id, k.dmShare.value]));
    const expected = r.flows.reduce((s, f) => s + f.tonnes * (dm.get(f.kind) as number), 0);
    expect(b.sites[0]?.inflowTonnes).toBeCloseTo(expected, 9);
  });

  it('catches a result that drops tonnes, double-counts a flow or overfills a site', () => {
    const i = input();
    const r = allocateStreams(i, solver);
    expect(r.unallocated.length).toBeGreaterThan(0);
    const dropped = allocationBalance(i, { ...r, unallocated: r.unallocated.slice(1) });
    expect(dropped.closes).toBe(false);
    expect(dropped.supplies.some((s) => s.imbalanceTonnes < -1)).toBe(true);

    const doubled = allocationBalance(i, { ...r, flows: [...r.flows, ...r.flows] });
    expect(doubled.closes).toBe(false);
    expect(doubled.sites[0]?.withinCapacity).toBe(false);

    const misreported = allocationBalance(i, {
      ...r,
      sites: r.sites.map((s) => ({ ...s, usedTonnes: s.usedTonnes + 5 })),
    });
    expect(misreported.sites[0]?.agreesWithReport).toBe(false);
    expect(misreported.closes).toBe(false);
  });

  it('refuses a used site below its minimum intake', () => {
    const i = input({ sites: [site({ minimumIntakeTonnes: 50 })] });
    const r = allocateStreams(i, solver);
    expect(allocationBalance(i, r).closes).toBe(true);
    const thin = { ...r, flows: r.flows.map((f) => ({ ...f, tonnes: f.tonnes / 100 })) };
    const b = allocationBalance(i, thin);
    expect(b.sites[0]?.meetsMinimum).toBe(false);
  });
});
