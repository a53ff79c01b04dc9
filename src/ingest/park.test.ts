import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import { parkBalance } from '../domain/parks.ts';
import { readParkFile } from './park.ts';

const FIXTURE = join(import.meta.dirname, '../../test/fixtures/parks/biogass-sloyfe.json');
const dir = mkdtempSync(join(tmpdir(), 'restverdi-park-'));
// biome-ignore lint/suspicious/noExplicitAny: a park file as JSON, changed to make it wrong.
type Json = any;
const variant = (name: string, change: (p: Json) => void) => {
  const p = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  change(p);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(p));
  return file;
};
const refusal = (file: string) => {
  try {
    readParkFile(file);
  } catch (e) {
    if (e instanceof AppError) return e;
  }
  throw new Error(`${file} was accepted`);
};

describe('a park file', () => {
  it('reads the hand-computed design and its balances close', () => {
    const park = readParkFile(FIXTURE);
    expect(park.processes.map((p) => p.id)).toEqual(['farms', 'digester', 'upgrader', 'greenhouse']);
    expect(parkBalance(park).filter((r) => r.treatment === 'conserves' && !r.closes)).toEqual([]);
  });

  it('refuses a shape it does not know, with the path of each problem', () => {
    const e = refusal(
      variant('shape.json', (p) => {
        p.flows[0].amounts.gold = 5;
        p.flows[1].amounts.wet = -2000;
        p.processes[0].treats.n = 'keeps';
        p.flows[2].to = { outside: 'moon' };
      }),
    );
    expect(e.code).toBe('invalid_input');
    const paths = e.issues.map((i) => i.path.replace(/^.*shape\.json:/, ''));
    // A quantity it does not know, a negative amount, a treatment and a place that do not exist.
    expect(paths).toEqual([
      'processes[0].treats.n',
      'flows[0].amounts.gold',
      'flows[1].amounts.wet',
      'flows[2].to',
    ]);
  });

  it('refuses a design that does not balance, naming the process and the quantity', () => {
    const e = refusal(
      variant('leaks.json', (p) => {
        p.flows.find((f: { id: string }) => f.id === 'biomethane').amounts.wet = 250;
      }),
    );
    expect(e.issues.map((i) => i.path.replace(/^.*leaks\.json:/, ''))).toEqual(['processes[2].treats.wet']);
    expect(e.issues[0]?.detail).toMatchObject({
      code: 'park_unbalanced',
      params: { process: 'upgrader', quantity: 'wet', residual: 50 },
    });
  });
});
