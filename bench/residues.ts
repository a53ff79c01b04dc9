/**
 * How fast the residue engine is: loading data/, the central estimate for the reference region, and
 * Monte Carlo with 1 000 and 10 000 draws. Run: npm run bench:residues
 */
import { seededRandom } from '../src/app/random.ts';
import { findRegion } from '../src/domain/regions.ts';
import { compileEstimate, estimateResidues } from '../src/domain/residues.ts';
import { simulateUncertainty } from '../src/domain/uncertainty.ts';
import { findProfile, loadReferenceData } from '../src/ingest/reference-data.ts';
import { time, writeSection } from './lib.ts';

const data = loadReferenceData();
const region = findRegion(data.regions, 'gjovik-hadeland-ringerike');
const request = (profile: string) => ({
  profile: findProfile(data, profile),
  kinds: data.kinds,
  statistics: data.statistics,
  municipalities: region.municipalities,
});

const timings = [
  time('load data/ (all files, validated)', 10, () => loadReferenceData()),
  time('estimate, profile report (12 municipalities × 12 kinds)', 200, () =>
    estimateResidues(request('report')),
  ),
  time('estimate, profile literature (12 × 13 kinds)', 200, () => estimateResidues(request('literature'))),
];
const compiled = compileEstimate(request('literature'));
timings.push(
  time('Monte Carlo 1 000 draws, literature', 10, () => simulateUncertainty(compiled, 1000, seededRandom(1))),
);
timings.push(
  time('Monte Carlo 10 000 draws, literature', 3, () =>
    simulateUncertainty(compiled, 10_000, seededRandom(1)),
  ),
);

console.log(
  writeSection('Residue engine', 'npm run bench:residues', timings, [
    'Each figure is the wall time of one call after a warm-up call; heap is the largest heap in use during the runs.',
  ]),
);
