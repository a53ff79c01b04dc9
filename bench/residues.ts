/**
 * How fast the residue estimate is, through the application's task as every shell calls it: opening
 * a workspace (data/ read, validated and loaded into an in-memory store), the central estimate for the
 * reference region, and Monte Carlo with 1 000 and 10 000 draws. Run: npm run bench:residues
 */
import { openDataFiles } from '../src/app/data-files.ts';
import { estimateResidues } from '../src/app/residues.ts';
import { openWorkspace } from '../src/app/workspace.ts';
import { openStore } from '../src/store/database.ts';
import { time, timeAsync, writeSection } from './lib.ts';

const REGION = 'gjovik-hadeland-ringerike';
const store = await openStore({ file: ':memory:' });
const ws = await openWorkspace(store);
const estimate = (profile: string, draws?: number) =>
  estimateResidues(ws, { region: REGION, profile, ...(draws === undefined ? {} : { draws }), seed: 1 });

const timings = [
  time('read data/ (all files, validated)', 10, () => openDataFiles().reference()),
  await timeAsync('estimate, profile report (12 municipalities × 12 kinds)', 200, () => estimate('report')),
  await timeAsync('estimate, profile literature (12 × 13 kinds)', 200, () => estimate('literature')),
  await timeAsync('Monte Carlo 1 000 draws, literature', 10, () => estimate('literature', 1000)),
  await timeAsync('Monte Carlo 10 000 draws, literature', 3, () => estimate('literature', 10_000)),
];
await store.close();

console.log(
  writeSection('Residue engine', 'npm run bench:residues', timings, [
    'Each figure is the wall time of one call of `estimateResidues` (src/app/residues.ts) after a warm-up call, on a workspace over an in-memory SQLite store (its reference data cached); heap is the largest heap in use during the runs.',
  ]),
);
