/**
 * `--uncertainty` on `pyramid`, `scenario run` and `optimize`, end to end in-process: the JSON's
 * bands and tornado, reproducible for a seed, the draw limits the API shares, and the tables in both
 * languages.
 */
import { describe, expect, it } from 'vitest';
import { MAX_REOPTIMISE_DRAWS, MAX_VALUE_DRAWS } from '../src/app/value-uncertainty.ts';
import { run } from './helpers/cli.ts';

interface Band {
  central: number;
  p10: number;
  p50: number;
  p90: number;
}

function ordered(b: Band | null | undefined) {
  expect(b).toBeTruthy();
  expect(b?.p10).toBeLessThanOrEqual(b?.p50 as number);
  expect(b?.p50).toBeLessThanOrEqual(b?.p90 as number);
}

describe('--uncertainty', () => {
  it('adds the pyramid’s bands and tornado, the same for the same seed', async () => {
    const args = [
      'pyramid',
      '--kind',
      'halm',
      '--uncertainty',
      '--draws',
      '60',
      '--seed',
      '4',
      '--format',
      'json',
    ];
    const a = await run(...args);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const j = JSON.parse(a.stdout);
    expect(j.uncertainty.draws).toBe(60);
    expect(j.uncertainty.seed).toBe(4);
    expect(j.uncertainty.best.valueNok.central).toBeCloseTo(j.best.valueNok, 3);
    ordered(j.uncertainty.best.valueNok);
    ordered(j.uncertainty.best.co2eTonnes);
    expect(j.uncertainty.tornado).toHaveLength(10);
    // The tornado's names are messages with their text in the language asked for.
    expect(typeof j.uncertainty.tornado[0].label.text).toBe('string');
    expect((await run(...args)).stdout).toBe(a.stdout);
  });

  it('adds a scenario’s bands and an allocation’s (flows fixed, and re-optimised)', async () => {
    const s = await run(
      'scenario',
      'run',
      'rapport-biometan',
      '--uncertainty',
      '--draws',
      '40',
      '--format',
      'json',
    );
    expect(s.code).toBe(0);
    const sj = JSON.parse(s.stdout);
    expect(sj.uncertainty.netNok.central).toBeCloseTo(sj.netNok, 3);
    ordered(sj.uncertainty.netNok);
    const o = await run(
      'optimize',
      '--uncertainty',
      '--draws',
      '30',
      '--reoptimise',
      '5',
      '--format',
      'json',
    );
    expect(o.code).toBe(0);
    const oj = JSON.parse(o.stdout);
    expect(oj.uncertainty.valueNok.central).toBeCloseTo(oj.valueNok, 2);
    expect(oj.uncertainty.co2eTonnes.central).toBeCloseTo(oj.co2eTonnes, 6);
    expect(oj.uncertainty.reoptimised.draws).toBe(5);
    ordered(oj.uncertainty.valueNok);
  });

  it(`refuses more than ${MAX_VALUE_DRAWS} draws and re-optimising on more than ${MAX_REOPTIMISE_DRAWS}`, async () => {
    const p = await run('pyramid', '--kind', 'halm', '--uncertainty', '--draws', String(MAX_VALUE_DRAWS + 1));
    expect(p.code).toBe(2);
    expect(p.stderr).toContain(String(MAX_VALUE_DRAWS));
    const o = await run('optimize', '--uncertainty', '--reoptimise', String(MAX_REOPTIMISE_DRAWS + 1));
    expect(o.code).toBe(2);
    expect((await run('optimize', '--reoptimise', '3')).code).toBe(2);
  });

  it('prints the bands and the tornado in bokmål and in English', async () => {
    const nb = await run('pyramid', '--kind', 'halm', '--tonnes', '1000', '--uncertainty', '--draws', '30');
    expect(nb.stdout).toContain('Usikkerhet i kroner og CO2e');
    expect(nb.stdout).toContain('Det som flytter netto verdi mest');
    const en = await run(
      'pyramid',
      '--kind',
      'halm',
      '--tonnes',
      '1000',
      '--uncertainty',
      '--draws',
      '30',
      '--lang',
      'en',
    );
    expect(en.stdout).toContain('Uncertainty in NOK and CO2e');
    expect(en.stdout).toContain('What moves net value most');
  });
});
