/**
 * `uncertainty=true` on a scenario run (stored and posted) through `app.request`: the same bands and
 * tornado as the CLI's `scenario run … --uncertainty --format json`, and the shared draw limit.
 */
import { describe, expect, it } from 'vitest';
import { expectError, jsonInit, okJson, useTestApi } from '../../../test/helpers/api.ts';
import { run } from '../../../test/helpers/cli.ts';
import { testDialects } from '../../../test/helpers/stores.ts';
import { MAX_VALUE_DRAWS } from '../../app/value-uncertainty.ts';

interface Band {
  central: number;
  p10: number;
  p50: number;
  p90: number;
}
interface Run {
  netNok: number;
  uncertainty?: { draws: number; seed: number; netNok: Band; co2eTonnes: Band; tornado: { key: string }[] };
}

describe.each(testDialects())('a scenario run with uncertainty on %s', (dialect) => {
  const api = useTestApi(dialect);

  it('answers what the CLI answers for a stored scenario, and without the flag nothing more', async () => {
    const body = await okJson<Run>(
      await api.request('/api/scenarios/rapport-pyrolyse/run?uncertainty=true&draws=40&seed=2', {
        method: 'POST',
      }),
    );
    const cli = await run(
      'scenario',
      'run',
      'rapport-pyrolyse',
      '--uncertainty',
      '--draws',
      '40',
      '--seed',
      '2',
      '--format',
      'json',
    );
    expect(cli.code).toBe(0);
    expect(body.uncertainty).toEqual(JSON.parse(cli.stdout).uncertainty);
    expect(body.uncertainty?.netNok.central).toBeCloseTo(body.netNok, 3);
    expect(body.uncertainty?.netNok.p10).toBeLessThanOrEqual(body.uncertainty?.netNok.p90 as number);
    const plain = await okJson<Run>(
      await api.request('/api/scenarios/rapport-pyrolyse/run', { method: 'POST' }),
    );
    expect(plain.uncertainty).toBeUndefined();
  });

  it('draws a posted scenario too, and refuses more draws than every shell allows', async () => {
    const stored = await okJson<Record<string, unknown>>(await api.request('/api/scenarios/rapport-insekt'));
    const { builtin: _b, ...scenario } = stored as { builtin?: boolean };
    const res = await api.request('/api/scenarios/run?uncertainty=true&draws=20', jsonInit('POST', scenario));
    const body = await okJson<Run>(res);
    expect(body.uncertainty?.draws).toBe(20);
    await expectError(
      await api.request(`/api/scenarios/rapport-insekt/run?uncertainty=true&draws=${MAX_VALUE_DRAWS + 1}`, {
        method: 'POST',
      }),
      400,
      'invalid_input',
    );
  });

  it('refuses a flag that is not true or false, draws that are not whole, a negative seed', async () => {
    for (const q of [
      'uncertainty=yes',
      'uncertainty=true&draws=2.5',
      'uncertainty=true&draws=0x10',
      'uncertainty=true&seed=-1',
    ])
      await expectError(await api.request(`/api/pyramid/halm?tonnes=10&${q}`), 400, 'invalid_input');
    const body = await okJson<{ uncertainty?: unknown }>(
      await api.request('/api/pyramid/halm?tonnes=10&uncertainty=false'),
    );
    expect(body.uncertainty).toBeUndefined();
  });
});
