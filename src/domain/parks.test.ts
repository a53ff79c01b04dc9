import { describe, expect, it } from 'vitest';
import { checkPark, type Park, parkBalance, parkBoundary } from './parks.ts';

/**
 * Hand-computed: farms send manure to a digester that also takes the region's food waste; digestate
 * goes back to the same farms (the loop) and to the market; biogas is upgraded, its CO2 goes to a
 * greenhouse. Every figure below is added up by hand in the comments.
 */
function loopPark(): Park {
  return {
    id: 'loop',
    name: { nb: 'Biogass med biorest tilbake til gårdene', en: 'Biogas with digestate back to the farms' },
    processes: [
      // N: in 30 (digestate) + 20 (mineral) = 50; out 40 (manure) + 10 (crops) = 50. P: 6 + 2 = 8 = 7 + 1.
      { id: 'farms', name: 'Gårdene', treats: { n: 'conserves', p: 'conserves', wet: 'transforms' } },
      // Wet: 10 000 + 2 000 = 12 000 = 8 000 + 3 400 + 600 (biogas). DM: 800 + 500 in, 700 out (600 to gas).
      // N: 40 + 10 = 50 = 30 + 20. P: 7 + 1.5 = 8.5 = 6 + 2.5.
      {
        id: 'digester',
        name: 'Biogassanlegg',
        technology: 'anaerobic-digestion',
        treats: { wet: 'conserves', dm: 'transforms', n: 'conserves', p: 'conserves' },
      },
      // Wet 600 = 300 biomethane + 300 CO2; CO2 300 = 300.
      { id: 'upgrader', name: 'Oppgradering', treats: { wet: 'conserves', co2: 'conserves' } },
      // The plants take the CO2 up: transformed.
      { id: 'greenhouse', name: 'Veksthus', treats: { co2: 'transforms', wet: 'transforms' } },
    ],
    flows: [
      {
        id: 'manure',
        from: { process: 'farms' },
        to: { process: 'digester' },
        carries: 'husdyrgjodsel',
        amounts: { wet: 10_000, dm: 800, n: 40, p: 7 },
      },
      {
        id: 'food-waste',
        from: { outside: 'region' },
        to: { process: 'digester' },
        carries: 'matavfall',
        amounts: { wet: 2_000, dm: 500, n: 10, p: 1.5 },
      },
      {
        id: 'digestate-farms',
        from: { process: 'digester' },
        to: { process: 'farms' },
        amounts: { wet: 8_000, dm: 500, n: 30, p: 6 },
      },
      {
        id: 'digestate-market',
        from: { process: 'digester' },
        to: { outside: 'market' },
        amounts: { wet: 3_400, dm: 200, n: 20, p: 2.5 },
      },
      {
        id: 'biogas',
        from: { process: 'digester' },
        to: { process: 'upgrader' },
        amounts: { wet: 600, co2: 300 },
      },
      { id: 'biomethane', from: { process: 'upgrader' }, to: { outside: 'market' }, amounts: { wet: 300 } },
      {
        id: 'co2',
        from: { process: 'upgrader' },
        to: { process: 'greenhouse' },
        amounts: { wet: 300, co2: 300 },
      },
      { id: 'mineral', from: { outside: 'market' }, to: { process: 'farms' }, amounts: { n: 20, p: 2 } },
      { id: 'crops', from: { process: 'farms' }, to: { outside: 'market' }, amounts: { n: 10, p: 1 } },
    ],
  };
}

describe('the balance of a park', () => {
  it('closes every conserved quantity of a park with a loop, process by process', () => {
    const park = loopPark();
    expect(checkPark(park)).toEqual([]);
    const rows = parkBalance(park);
    const row = (process: string, quantity: string) =>
      rows.find((r) => r.process === process && r.quantity === quantity);
    expect(row('digester', 'wet')).toMatchObject({
      inputs: 12_000,
      outputs: 12_000,
      residual: 0,
      closes: true,
    });
    expect(row('digester', 'n')).toMatchObject({ inputs: 50, outputs: 50, residual: 0, closes: true });
    expect(row('digester', 'p')).toMatchObject({ inputs: 8.5, outputs: 8.5, closes: true });
    // Dry matter is transformed (600 t to gas): reported, not refused.
    expect(row('digester', 'dm')).toMatchObject({
      treatment: 'transforms',
      inputs: 1_300,
      outputs: 700,
      residual: 600,
      closes: true,
    });
    expect(row('farms', 'n')).toMatchObject({ inputs: 50, outputs: 50, closes: true });
    expect(row('farms', 'p')).toMatchObject({ inputs: 8, outputs: 8, closes: true });
    expect(row('upgrader', 'co2')).toMatchObject({ inputs: 300, outputs: 300, closes: true });
    expect(row('greenhouse', 'co2')).toMatchObject({
      treatment: 'transforms',
      inputs: 300,
      outputs: 0,
      residual: 300,
    });
    // A quantity a process ignores and no flow of it carries is not listed.
    expect(row('greenhouse', 'n')).toBeUndefined();
  });

  it('sums what crosses the boundary, by where it comes from and goes to', () => {
    const b = parkBoundary(loopPark());
    const of = (q: string) => b.find((x) => x.quantity === q);
    expect(of('n')).toEqual({
      quantity: 'n',
      unit: 't',
      in: 30,
      out: 30,
      by: { region: 10, market: 20 - 20 - 10 },
    });
    expect(of('wet')).toMatchObject({ in: 2_000, out: 3_700 });
    expect(of('p')).toMatchObject({ in: 3.5, out: 3.5 });
    // The loop's flows (manure, digestate back) never cross the boundary.
    expect(of('dm')).toMatchObject({ in: 500, out: 200 });
  });

  it('refuses a design that loses nitrogen, naming the process and the quantity', () => {
    const park = loopPark();
    const back = park.flows.find((f) => f.id === 'digestate-farms');
    if (back) back.amounts.n = 25;
    const issues = checkPark(park);
    expect(issues.map((i) => [i.path, i.detail?.code])).toEqual([
      ['processes[0].treats.n', 'park_unbalanced'],
      ['processes[1].treats.n', 'park_unbalanced'],
    ]);
    expect(issues[1]?.detail?.params).toMatchObject({
      process: 'digester',
      quantity: 'n',
      inputs: 50,
      outputs: 45,
      residual: 5,
      unit: 't',
    });
    expect(issues[0]?.detail?.params).toMatchObject({
      process: 'farms',
      inputs: 45,
      outputs: 50,
      residual: -5,
    });
  });

  it('closes within the tolerance and not past it', () => {
    const at = (n: number, tolerance?: number) => {
      const park = loopPark();
      if (tolerance !== undefined) park.tolerance = tolerance;
      const crops = park.flows.find((f) => f.id === 'crops');
      if (crops) crops.amounts.n = n;
      return checkPark(park).map((i) => i.detail?.params);
    };
    // Farms' N: in 50, out 40 + crops. 0.2 t on 50 is 0.4 % (within 0.5 %); 0.3 t is 0.6 %.
    expect(at(9.8)).toEqual([]);
    expect(at(9.7)).toEqual([expect.objectContaining({ process: 'farms', quantity: 'n' })]);
    expect(at(9.7, 0.01)).toEqual([]);
  });

  it('counts a store: what stays in stock closes the balance', () => {
    const park: Park = {
      id: 'store',
      name: 'Lager',
      processes: [
        { id: 'store', name: 'Bioresttank', treats: { wet: 'conserves' }, stockChange: { wet: 400 } },
      ],
      flows: [
        { id: 'in', from: { outside: 'farms' }, to: { process: 'store' }, amounts: { wet: 1_000 } },
        { id: 'out', from: { process: 'store' }, to: { outside: 'farms' }, amounts: { wet: 600 } },
      ],
    };
    expect(checkPark(park)).toEqual([]);
    expect(parkBalance(park)[0]).toMatchObject({
      inputs: 1_000,
      outputs: 600,
      stockChange: 400,
      residual: 0,
    });
    park.processes[0] = { ...(park.processes[0] as Park['processes'][0]), stockChange: { wet: 0 } };
    expect(checkPark(park).map((i) => i.detail?.params)).toEqual([
      expect.objectContaining({ residual: 400 }),
    ]);
  });

  it('names what is wrong with the graph before it balances anything', () => {
    const park = loopPark();
    park.processes.push({ id: 'farms', name: 'Igjen', treats: {} });
    park.flows.push(
      { id: 'ghost', from: { process: 'digester' }, to: { process: 'pyrolysis' }, amounts: { dm: 10 } },
      { id: 'through', from: { outside: 'region' }, to: { outside: 'market' }, amounts: { wet: 1 } },
      { id: 'circle', from: { process: 'upgrader' }, to: { process: 'upgrader' }, amounts: { wet: 1 } },
      { id: 'minus', from: { process: 'farms' }, to: { outside: 'market' }, amounts: { p: -1 } },
    );
    expect(checkPark(park).map((i) => [i.path, i.detail?.code])).toEqual([
      ['processes[4].id', 'park_id_twice'],
      ['flows[9].to.process', 'park_flow_process_unknown'],
      ['flows[10]', 'park_flow_outside'],
      ['flows[11]', 'park_flow_self'],
      ['flows[12].amounts.p', 'park_amount_invalid'],
    ]);
  });
});
