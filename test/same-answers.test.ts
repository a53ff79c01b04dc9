/**
 * The shells give the same answers: each case is one request put to the CLI (`--format json`) and to
 * the API, and both must give the same JSON — the same shape and the same values (the same task in
 * src/app answers both). Failures must name the same problem: the API's error message and every issue
 * appear on the CLI's stderr, with exit code 2 for a 4xx.
 *
 * To add a task, append to `answers` (and `failures`): the CLI's arguments without `--format json`,
 * and the API path.
 */
import { RESIDUES } from './helpers/api.ts';
import { type Case, sameAnswers } from './helpers/same-answers.ts';

const answers: Case[] = [
  {
    name: 'residues of the reference region (profile report)',
    cli: ['residues'],
    api: RESIDUES,
  },
  {
    name: 'residues with Monte Carlo uncertainty, a seed, a profile and a selection',
    cli: [
      'residues',
      '--profile',
      'literature',
      '--municipalities',
      '3007,3407',
      '--kinds',
      'halm,husdyrgjodsel',
      '--uncertainty',
      '300',
      '--seed',
      '7',
    ],
    api: `${RESIDUES}?profile=literature&municipalities=3007,3407&kinds=halm,husdyrgjodsel&uncertainty=300&seed=7`,
  },
  {
    name: 'residues of a year (the newest statistics at or before it)',
    cli: ['residues', '--year', '2025', '--kinds', 'grot,bark,husdyrgjodsel'],
    api: `${RESIDUES}?year=2025&kinds=grot,bark,husdyrgjodsel`,
  },
  {
    name: 'the trace of one figure (an old municipality number)',
    cli: ['residues', '--explain', 'husdyrgjodsel', '--municipality', '3007'],
    api: `${RESIDUES}/husdyrgjodsel/3007/trace`,
  },
];

const failures: Case[] = [
  {
    name: 'residues of a municipality without the statistics (0301 Oslo)',
    cli: ['residues', '--municipalities', '3407,0301', '--kinds', 'halm,matavfall'],
    api: `${RESIDUES}?municipalities=3407,0301&kinds=halm,matavfall`,
  },
  {
    name: 'more Monte Carlo draws than allowed',
    cli: ['residues', '--uncertainty', '20001'],
    api: `${RESIDUES}?uncertainty=20001`,
  },
  {
    name: 'an unknown kind',
    cli: ['residues', '--kinds', 'halm,unobtainium'],
    api: `${RESIDUES}?kinds=halm,unobtainium`,
  },
];

sameAnswers('the CLI and the API give the same answers', answers, failures);
