/**
 * How fast uncertainty in NOK and CO2e is, through the application's tasks as every shell calls
 * them: the pyramid of the reference region's manure (tonnes drawn with the profile), a worked
 * example, and the reference region's allocation with its flows fixed and re-optimised per draw.
 * Run: npm run bench:uncertainty
 */
import { planAllocation, runAllocation } from '../src/app/allocation.ts';
import { openDataFiles } from '../src/app/data-files.ts';
import { seededRandom } from '../src/app/random.ts';
import {
  allocationUncertaintyOf,
  DEFAULT_VALUE_DRAWS,
  MAX_REOPTIMISE_DRAWS,
  MAX_VALUE_DRAWS,
  pyramidUncertaintyOf,
  scenarioUncertaintyOf,
} from '../src/app/value-uncertainty.ts';
import { highsSolverFactory } from '../src/app/workspace.ts';
import { time, writeSection } from './lib.ts';

const files = openDataFiles();
const library = files.library();
const data = files.reference();
const scenario = library.scenarios.find((s) => s.id === 'rapport-pyrolyse') ?? library.scenarios[0];
if (!scenario) throw new Error('no scenario');
const plan = planAllocation(
  { files, library, data },
  { region: 'gjovik-hadeland-ringerike', profile: 'report', objective: 'value' },
);
const solver = await highsSolverFactory();
const result = await runAllocation(plan, solver);
const D = DEFAULT_VALUE_DRAWS;

const timings = [
  time(`pyramid of manure, region's tonnes, ${D} draws + tornado`, 3, () =>
    pyramidUncertaintyOf(library, data, seededRandom, { kind: 'husdyrgjodsel', draws: D }),
  ),
  time(`pyramid of manure, ${MAX_VALUE_DRAWS} draws (the limit) + tornado`, 1, () =>
    pyramidUncertaintyOf(library, data, seededRandom, { kind: 'husdyrgjodsel', draws: MAX_VALUE_DRAWS }),
  ),
  time(`scenario ${scenario.id}, ${D} draws + tornado`, 5, () =>
    scenarioUncertaintyOf(library, seededRandom, scenario, { draws: D }),
  ),
  time(`allocation, flows fixed, ${D} draws + tornado`, 3, () =>
    allocationUncertaintyOf(plan, data, result, seededRandom, { draws: D }),
  ),
  time(`allocation, flows fixed, ${MAX_VALUE_DRAWS} draws (the limit) + tornado`, 1, () =>
    allocationUncertaintyOf(plan, data, result, seededRandom, { draws: MAX_VALUE_DRAWS }),
  ),
  time(`allocation re-optimised on ${MAX_REOPTIMISE_DRAWS} draws (the limit), besides 1 fixed`, 1, () =>
    allocationUncertaintyOf(plan, data, result, seededRandom, {
      draws: 1,
      reoptimise: MAX_REOPTIMISE_DRAWS,
      solver,
    }),
  ),
];

console.log(
  writeSection('Uncertainty in NOK and CO2e', 'npm run bench:uncertainty', timings, [
    'Each figure is the wall time of one call of the task in src/app/value-uncertainty.ts after a warm-up call (the reference region, the library of data/). A draw builds one library from every range and values it again; the tornado adds two valuations per input that has a range. The limits are the same in the CLI, the API and the report: ' +
      `${MAX_VALUE_DRAWS} draws (${D} by default), ${MAX_REOPTIMISE_DRAWS} re-optimised draws.`,
  ]),
);
