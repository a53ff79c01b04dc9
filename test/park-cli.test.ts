/**
 * `restverdi park run FILE` in bokmål and English on the example design: its balance, economics,
 * CO2e against the counterfactual and the stream it takes from a higher use; a design that does not
 * balance, or claims more than its technology yields, is refused with every problem listed (exit 2).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('saves versions, lists them, shows one and compares them, in both languages', async () => {
    const store = { file: join(mkdtempSync(join(tmpdir(), 'restverdi-parks-')), 'parks.sqlite') };
    const cli = (...args: string[]) => runCli(args, { store });
    const file = join(PARKS, 'biogass-hadeland.json');
    expect((await cli('park', 'save', file, '--note', 'første utkast')).stdout).toBe(
      'Lagret biogass-hadeland som versjon 1.\n',
    );
    expect((await cli('park', 'save', file, '--lang', 'en')).stdout).toBe(
      'Saved biogass-hadeland as version 2.\n',
    );
    const list = await cli('park', 'list');
    expect(list.stdout).toMatch(
      /biogass-hadeland\s*│ Biogassanlegg med husdyrgjødsel, matavfall og kornavrens\s*│\s*2 │\s*2 │/,
    );
    const shown = await cli('park', 'show', 'biogass-hadeland', '--version', '1', '--lang', 'en');
    expect(shown.stdout).toMatch(/^Version 1\n/);
    expect(shown.stdout).toContain('Economics per process and for the park');
    const cmp = await cli('park', 'compare', 'biogass-hadeland@1', 'biogass-hadeland', '--format', 'json');
    expect(JSON.parse(cmp.stdout).map((r: { version: number }) => r.version)).toEqual([1, 2]);
    const missing = await cli('park', 'show', 'ingen');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Ingen park ingen er lagret; de lagrede er biogass-hadeland');
    // A design that does not check is not saved.
    expect((await cli('park', 'save', join(PARKS, 'biogass-sloyfe.json'))).code).toBe(2);
    expect(JSON.parse((await cli('park', 'list', '--format', 'json')).stdout)).toHaveLength(1);
  });
});
