/**
 * `restverdi park run FILE` in bokmål and English on the example design: its balance, economics,
 * CO2e against the counterfactual and the stream it takes from a higher use; a design that does not
 * balance, or claims more than its technology yields, is refused with every problem listed (exit 2).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.ts';

const PARKS = join(import.meta.dirname, 'fixtures', 'parks');

describe('park run', () => {
  it('checks and runs the example in bokmål and English', async () => {
    const nb = await runCli(['park', 'run', join(PARKS, 'biogass-hadeland.json')]);
    const en = await runCli(['park', 'run', join(PARKS, 'biogass-hadeland.json'), '--lang', 'en']);
    for (const r of [nb, en]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(nb.stdout).toContain('Balanse per prosess og størrelse');
    expect(nb.stdout).toMatch(/våtvekt \(t\)\s*│ bevarer\s*│ 12.500 │ 12.500/);
    // 12 500 t wet × 2 500 NOK per t of capacity = 31,25 MNOK; opex 200 NOK per t = 2,50 MNOK.
    expect(nb.stdout).toMatch(/digester\s*│\s*31,25 │.*│\s*2,50 │/);
    expect(nb.stdout).toContain('Ingen tilbakebetaling');
    expect(nb.stdout).toMatch(/kornavrens\s*│\s*500 │ Energi\s*│ Fôr/);
    expect(en.stdout).toContain('Economics per process and for the park');
    expect(en.stdout).toMatch(/kornavrens\s*│\s*500 │ Energy\s*│ Feed/);
    const json = JSON.parse(
      (await runCli(['park', 'run', join(PARKS, 'biogass-hadeland.json'), '--format', 'json'])).stdout,
    );
    expect(json.economics.total.capexNok).toBe(36_250_000);
    expect(json.takenFromHigher.map((x: { kind: string }) => x.kind)).toEqual(['kornavrens']);
  });

  it('refuses the hand-computed loop against the library: its digester declares no biogas product', async () => {
    const r = await runCli(['park', 'run', join(PARKS, 'biogass-sloyfe.json'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('biogass-sloyfe.json:processes[1]: Process digester declares 0 t of biogass');
  });

  it('refuses a file that is not a park, naming the file', async () => {
    const r = await runCli(['park', 'run', join(PARKS, 'README.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('README.md');
  });
});
