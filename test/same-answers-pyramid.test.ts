/**
 * The shells give the same answers for the value pyramid and the audit: each case is one request put
 * to the CLI (`--format json`) and to the API, and both must give the same JSON (the same task in
 * src/app answers both: app/pyramid.ts, app/audit.ts). Failures name the same problem. The residues'
 * cases are in test/same-answers.test.ts.
 */
import { REGION } from './helpers/api.ts';
import { type Case, sameAnswers } from './helpers/same-answers.ts';

const answers: Case[] = [
  {
    name: 'the pyramid of a kind for given tonnes',
    cli: ['pyramid', '--kind', 'husdyrgjodsel', '--tonnes', '1000'],
    api: '/api/pyramid/husdyrgjodsel?tonnes=1000',
  },
  {
    name: 'the pyramid of a kind for the reference region’s tonnes (the default)',
    cli: ['pyramid', '--kind', 'halm'],
    api: '/api/pyramid/halm',
  },
  {
    name: 'the pyramid of a kind for a region under another profile',
    cli: ['pyramid', '--kind', 'husdyrgjodsel', '--region', REGION, '--profile', 'literature'],
    api: `/api/pyramid/husdyrgjodsel?region=${REGION}&profile=literature`,
  },
  {
    name: 'the pyramid’s uncertainty for given tonnes (P10–P90 of NOK and CO2e, the tornado)',
    cli: [
      'pyramid',
      '--kind',
      'husdyrgjodsel',
      '--tonnes',
      '1000',
      '--uncertainty',
      '--draws',
      '40',
      '--seed',
      '5',
    ],
    api: '/api/pyramid/husdyrgjodsel?tonnes=1000&uncertainty=true&draws=40&seed=5',
  },
  {
    name: 'the pyramid’s uncertainty for the region’s tonnes, drawn with the profile',
    cli: ['pyramid', '--kind', 'halm', '--uncertainty', '--draws', '30'],
    api: '/api/pyramid/halm?uncertainty=true&draws=30',
  },
  {
    name: 'the audit of the reference region',
    cli: ['audit', '--region', REGION],
    api: `/api/audit?region=${REGION}`,
  },
];

const failures: Case[] = [
  {
    name: 'the pyramid of an unknown kind for given tonnes',
    cli: ['pyramid', '--kind', 'unobtainium', '--tonnes', '10'],
    api: '/api/pyramid/unobtainium?tonnes=10',
  },
  {
    name: 'the pyramid of a kind the profile does not estimate',
    cli: ['pyramid', '--kind', 'unobtainium'],
    api: '/api/pyramid/unobtainium',
  },
  {
    name: 'the pyramid under an unknown profile',
    cli: ['pyramid', '--kind', 'halm', '--profile', 'nope'],
    api: '/api/pyramid/halm?profile=nope',
  },
  {
    name: 'the pyramid’s uncertainty with too many draws',
    cli: ['pyramid', '--kind', 'halm', '--uncertainty', '--draws', '5001'],
    api: '/api/pyramid/halm?uncertainty=true&draws=5001',
  },
  {
    name: 'the audit of an unknown region',
    cli: ['audit', '--region', 'atlantis'],
    api: '/api/audit?region=atlantis',
  },
];

sameAnswers('the CLI and the API give the same pyramid and audit', answers, failures);
