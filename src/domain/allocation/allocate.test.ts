import { beforeAll, describe, expect, it } from 'vitest';
import { createHighsSolver } from '../../solver/highs.ts';
import { coef, testCurrentUses, testLibrary } from '../fixtures/allocation-library.ts';
import { haversineKm } from '../geo.ts';
import { allocateStreams } from './allocate.ts';
import { allocationBalance } from './balance.ts';
import type { AllocationInput, Site } from './input.ts';
import type { Solver } from './lp.ts';
import { buildAllocationModel } from './model.ts';

let solver: Solver;
beforeAll(async () => {
  solver = await createHighsSolver();
});

/** Every solved allocation here must balance: flows + what is left = supply, sites within their limits. */
function allocate(i: AllocationInput, s: Solver): ReturnType<typeof allocateStreams> {
  const r = allocateStreams(i, s);
  if (r.status === 'optimal') expect(allocationBalance(i, r).closes).toBe(true);
  return r;
}

const M1 = { lat: 60, lon: 10 };
const M2 = { lat: 60, lon: 10.5 };
const M3 = { lat: 60.5, lon: 10 }; // 55.6 km north: beyond the 50 km radius, but it would pay (70 − 55.6)
const D12 = haversineKm(M1, M2); // ≈ 27.8 km

function site(over: Partial<Site> & { id: string }): Site {
  return {
    name: over.id,
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
    ],
    sites: [site({ id: 'S1' })],
    positions: new Map([
      ['M1', M1],
      ['M2', M2],
      ['M3', M3],
    ]),
    transport: { detourFactor: 1, costNokPerTonneKm: 1, kgCo2ePerTonneKm: 0 },
    objective: 'value',
    ...over,
  };
}

describe('allocateStreams on hand-computed instances', () => {
  it('fills a site from the nearest municipality first and prices its capacity at the marginal flow', () => {
    // Margin over the current use (20 NOK/t): M1 90 − 20 = 70 NOK/t; M2 70 − 27.8 km × 1 NOK/t·km.
    const r = allocate(input(), solver);
    expect(r.status).toBe('optimal');
    const byFrom = Object.fromEntries(r.flows.map((f) => [f.from, f.tonnes]));
    expect(byFrom.M1).toBeCloseTo(80, 6);
    expect(byFrom.M2).toBeCloseTo(20, 6);
    const baseline = 140 * 20;
    expect(r.baseline.valueNok).toBeCloseTo(baseline, 6);
    const uplift = 80 * 70 + 20 * (70 - D12);
    expect(r.upliftNok).toBeCloseTo(uplift, 4);
    expect(r.objective.value).toBeCloseTo(baseline + uplift, 4);
    expect(r.valueNok).toBeCloseTo(baseline + uplift, 4);
    const s1 = r.sites[0];
    expect(s1?.capacityBinds).toBe(true);
    expect(s1?.shadowPriceNokPerTonne).toBeCloseTo(70 - D12, 4);
    expect(r.binding.capacities).toEqual(['S1']);
    expect(r.unallocated).toEqual([
      expect.objectContaining({ municipality: 'M2', kind: 'a', reason: 'capacity-full' }),
    ]);
    expect(r.unallocated[0]?.tonnes).toBeCloseTo(40, 6);
  });

  it('takes the route worth most: feed (200 NOK/t net) over energy (90)', () => {
    const r = allocate(input({ sites: [site({ id: 'F1', technology: 'F', capacityTonnes: 1000 })] }), solver);
    expect(r.flows.map((f) => f.route)).toEqual([['F'], ['F']]);
    expect(r.upliftNok).toBeCloseTo(80 * 180 + 60 * (180 - D12), 4);
    expect(r.sites[0]?.shadowPriceNokPerTonne).toBe(0);
  });

  it('never sends manure to feed: the rule leaves it unallocated with the reason', () => {
    const r = allocate(
      input({
        supplies: [{ municipality: 'M1', kind: 'm', tonnesWet: 50 }],
        sites: [site({ id: 'F1', technology: 'F' })],
      }),
      solver,
    );
    expect(r.flows).toEqual([]);
    expect(r.unallocated[0]?.reason).toBe('no-eligible-site');
  });

  it('leaves a stream beyond the radius, and says that the radius binds at a site with room', () => {
    const r = allocate(
      input({ supplies: [{ municipality: 'M3', kind: 'a', tonnesWet: 50 }], sites: [site({ id: 'S1' })] }),
      solver,
    );
    expect(r.flows).toEqual([]);
    expect(r.unallocated[0]?.reason).toBe('beyond-radius');
    expect(r.binding.radii).toEqual(['S1']);
    const wider = allocate(
      input({
        supplies: [{ municipality: 'M3', kind: 'a', tonnesWet: 50 }],
        sites: [site({ id: 'S1', transportRadiusKm: 120 })],
      }),
      solver,
    );
    expect(wider.flows[0]?.tonnes).toBeCloseTo(50, 6);
  });

  it('leaves a stream in its current use when transport eats the margin', () => {
    // At 3 NOK/t·km, M2's margin is 70 − 83 < 0.
    const r = allocate(
      input({
        transport: { detourFactor: 1, costNokPerTonneKm: 3, kgCo2ePerTonneKm: 0 },
        sites: [site({ id: 'S1', capacityTonnes: 1000 })],
      }),
      solver,
    );
    expect(r.flows.map((f) => f.from)).toEqual(['M1']);
    expect(r.unallocated).toEqual([
      expect.objectContaining({ municipality: 'M2', reason: 'negative-margin' }),
    ]);
  });

  it('counts dry-matter capacity in t DM: 10 t DM takes 20 t wet of a 50 % DM stream', () => {
    const r = allocate(input({ sites: [site({ id: 'S1', capacityTonnes: 10, basis: 'dm' })] }), solver);
    expect(r.flows.reduce((s, f) => s + f.tonnes, 0)).toBeCloseTo(20, 6);
    expect(r.sites[0]?.usedTonnes).toBeCloseTo(10, 6);
    // One more t DM takes 2 t wet from M1 at 70 NOK/t.
    expect(r.sites[0]?.shadowPriceNokPerTonne).toBeCloseTo(140, 4);
  });

  it('names the site whose minimum intake the supply within reach cannot meet', () => {
    const r = allocate(
      input({ sites: [site({ id: 'S1', capacityTonnes: 1000, minimumIntakeTonnes: 500 })] }),
      solver,
    );
    expect(r.status).toBe('infeasible');
    expect(r.conflicts.map((c) => c.code)).toEqual(['infeasible_minimum_intake']);
    expect(r.conflicts[0]?.params).toEqual({
      site: 'S1',
      minimumTonnes: 500,
      basis: 'wet',
      reachableTonnes: 140,
    });
  });

  it('opens a candidate site only when it pays its fixed cost (MIP)', () => {
    const gain = 80 * 70 + 20 * (70 - D12);
    const cheap = allocate(
      input({ sites: [site({ id: 'C1', status: 'candidate', fixedCostNokPerYear: 1000 })] }),
      solver,
    );
    expect(cheap.model.integer).toBe(true);
    expect(cheap.sites[0]?.open).toBe(true);
    expect(cheap.upliftNok).toBeCloseTo(gain - 1000, 3);
    expect(cheap.sites[0]?.shadowPriceNokPerTonne).toBeNull();
    const dear = allocate(
      input({ sites: [site({ id: 'C1', status: 'candidate', fixedCostNokPerYear: gain + 1 })] }),
      solver,
    );
    expect(dear.sites[0]?.open).toBe(false);
    expect(dear.flows).toEqual([]);
    expect(dear.upliftNok).toBeCloseTo(0, 6);
  });

  it('maximises CO2e saved net of transport under the co2e objective', () => {
    // p saves 0.5 t CO2e per t; transport 100 kg per t·km makes M2 (27.8 km) a net emitter.
    const r = allocate(
      input({
        objective: 'co2e',
        transport: { detourFactor: 1, costNokPerTonneKm: 1, kgCo2ePerTonneKm: 10 },
      }),
      solver,
    );
    expect(r.objective.unit).toBe('t CO2e');
    expect(r.co2eTonnes).toBeCloseTo(80 * 0.5 + 20 * (0.5 - 0.01 * D12), 6);
    expect(r.sites[0]?.shadowPriceNokPerTonne).toBeNull();
    expect(r.sites[0]?.shadowPrice).toBeCloseTo(0.5 - 0.01 * D12, 6);
  });

  it('prunes arcs that can never pay, and keeps two entries per flow column', () => {
    const am = buildAllocationModel(
      input({ transport: { detourFactor: 1, costNokPerTonneKm: 3, kgCo2ePerTonneKm: 0 } }),
    );
    expect(am.numFlows).toBe(1);
    expect(am.pruned.negativeMargin).toBe(1);
    expect(am.model.starts[am.model.numCols]).toBe(2);
  });
});

/** The hand-computed instance plus 30 t of manure at M2, so the balance spans two kinds. */
function withManure(over: Partial<AllocationInput> = {}): AllocationInput {
  return input({
    supplies: [
      { municipality: 'M1', kind: 'a', tonnesWet: 80 },
      { municipality: 'M2', kind: 'a', tonnesWet: 60 },
      { municipality: 'M2', kind: 'm', tonnesWet: 30 },
    ],
    ...over,
  });
}

describe('allocationBalance', () => {
  it('closes for a solved allocation: flows + what is left = supply, inflow within capacity', () => {
    const i = withManure();
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
    const i = withManure({ sites: [site({ id: 'S1', basis: 'dm', capacityTonnes: 10 })] });
    const r = allocateStreams(i, solver);
    const b = allocationBalance(i, r);
    expect(b.closes).toBe(true);
    const dm = new Map(i.lib.kinds.map((k) => [k.id, k.dmShare.value]));
    const expected = r.flows.reduce((s, f) => s + f.tonnes * (dm.get(f.kind) as number), 0);
    expect(b.sites[0]?.inflowTonnes).toBeCloseTo(expected, 9);
  });

  it('catches a result that drops tonnes, double-counts a flow or overfills a site', () => {
    const i = withManure();
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
    const i = withManure({ sites: [site({ id: 'S1', minimumIntakeTonnes: 50 })] });
    const r = allocateStreams(i, solver);
    expect(allocationBalance(i, r).closes).toBe(true);
    const thin = { ...r, flows: r.flows.map((f) => ({ ...f, tonnes: f.tonnes / 100 })) };
    const b = allocationBalance(i, thin);
    expect(b.sites[0]?.meetsMinimum).toBe(false);
  });
});

describe('a thin market (issue 13: 4)', () => {
  it('sells only what the market takes, at its steps’ prices, and routes no more than pays', () => {
    // p sells at 100 NOK/t; its market takes 50 t: the first 30 t at full price, the next 20 t at half.
    // A tonne from M1 costs 10 opex + 20 current use = 30 and makes 1 t of p: +70 for the first 30 t,
    // 50 − 30 = +20 for the next 20, −30 past the market. From M2 the extra 27.8 km make the second
    // step lose (20 − 27.8), so the optimum routes 50 t from M1 and nothing from M2.
    const lib = testLibrary();
    const p = lib.products.find((x) => x.id === 'p');
    if (!p) throw new Error('the fixture has product p');
    p.market = {
      tonnesPerYear: coef('market.p', 50, 't'),
      scope: 'national',
      steps: [
        { upToShare: 0.6, priceFactor: 1 },
        { upToShare: 1, priceFactor: 0.5 },
      ],
    };
    const i = input({ lib });
    const r = allocate(i, solver);
    expect(r.status).toBe('optimal');
    expect(r.flows.map((f) => [f.from, f.tonnes])).toEqual([['M1', expect.closeTo(50, 6)]]);
    // The fixture's yields have no source: the flow says its route is a placeholder.
    expect(r.flows[0]?.placeholders).toEqual(['T.y']);
    expect(r.markets).toEqual([
      expect.objectContaining({
        product: 'p',
        marketTonnes: 50,
        producedTonnes: expect.closeTo(50, 6),
        soldTonnes: expect.closeTo(50, 6),
        valueNok: expect.closeTo(30 * 100 + 20 * 50, 4),
        binds: true,
      }),
    ]);
    const uplift = 30 * 70 + 20 * 20;
    expect(r.upliftNok).toBeCloseTo(uplift, 4);
    expect(r.valueNok).toBeCloseTo(140 * 20 + uplift, 4);
    // The flow carries what the market pays: (3 000 + 1 000) ÷ 50 t − 10 opex = 70 NOK/t.
    expect(r.flows[0]?.valueNok).toBeCloseTo(50 * 70, 4);
    // The model holds one market row and a sales column per step.
    const am = buildAllocationModel(i);
    expect(am.markets).toHaveLength(1);
    expect(am.markets[0]?.columns.map((c) => [c.tonnes, c.priceNokPerTonne])).toEqual([
      [30, 100],
      [20, 50],
    ]);
  });

  it('leaves out routes below MATURE_TRL unless let in', () => {
    const lib = testLibrary();
    const t = lib.technologies.find((x) => x.id === 'T');
    if (!t) throw new Error('the fixture has technology T');
    t.readiness = { ...t.readiness, trl: 4 };
    const out = allocate(input({ lib }), solver);
    expect(out.flows).toEqual([]);
    expect(out.upliftNok).toBeCloseTo(0, 6);
    const lab = allocate(input({ lib, includeEmerging: true }), solver);
    expect(lab.flows.length).toBeGreaterThan(0);
  });
});
