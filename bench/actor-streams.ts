/**
 * Streams per actor: reading every farm of the farm files (three files, about 60 000 rows), the farm
 * streams of all of Norway through the literature recipes, and the facilitator's questions on a
 * workspace with the register sample imported (test/fixtures/enhetsregisteret-samples, about 12 400
 * units): who holds manure near Gran, who could use straw in the reference region, one actor's
 * streams, and the actors against the statistics for the region. Run: npm run bench:actors
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compareWithStatistics,
  farmRecords,
  holdersOf,
  streamsOfActor,
  usersOf,
} from '../src/app/actor-streams.ts';
import { openDataFiles } from '../src/app/data-files.ts';
import { importRegisterBulk } from '../src/app/imports.ts';
import { openWorkspace } from '../src/app/workspace.ts';
import { estimateFarmStreams } from '../src/domain/actor-streams.ts';
import { findProfile } from '../src/ingest/reference-data.ts';
import { openStore } from '../src/store/database.ts';
import { type Timing, time, timeAsync, writeSection } from './lib.ts';

const SAMPLES = fileURLToPath(new URL('../test/fixtures/enhetsregisteret-samples/', import.meta.url));
const REGION = 'gjovik-hadeland-ringerike';

const data = openDataFiles().reference();
const read = time('read every farm of the farm files (fresh data folder each run)', 5, () =>
  farmRecords(openDataFiles(), data),
);
const files = openDataFiles();
const farms = farmRecords(files, data);
const profile = findProfile(data, 'literature');
const national = time(
  `farm streams of Norway, central (${farms.records.length} farm records × 4 kinds)`,
  5,
  () =>
    estimateFarmStreams({
      records: farms.records,
      profile,
      kinds: data.kinds,
      datasets: farms.datasets,
      kindIds: ['husdyrgjodsel', 'halm', 'kornavrens', 'slakteavfall'],
    }),
);

const store = await openStore({ file: ':memory:' });
const ws = await openWorkspace(store);
await importRegisterBulk(ws, [
  { unitType: 'enhet', path: join(SAMPLES, 'enheter-selection.csv') },
  { unitType: 'underenhet', path: join(SAMPLES, 'underenheter-selection.csv') },
]);
const timings: Timing[] = [
  read,
  national,
  await timeAsync('holders of manure near Gran within 30 km (P10–P90 of 200 draws)', 10, () =>
    holdersOf(ws, { kind: 'husdyrgjodsel', near: 'Gran', withinKm: 30 }),
  ),
  await timeAsync('holders of manure in the reference region (12 municipalities)', 10, () =>
    holdersOf(ws, { kind: 'husdyrgjodsel', region: REGION }),
  ),
  await timeAsync('holders of manure in Norway (every farm, P10–P90 of 200 draws)', 3, () =>
    holdersOf(ws, { kind: 'husdyrgjodsel', region: 'norge' }),
  ),
  await timeAsync('users of straw in the reference region', 10, () =>
    usersOf(ws, { kind: 'halm', region: REGION }),
  ),
  await timeAsync('holders of ferrous scrap in Norway (NACE × employees)', 10, () =>
    holdersOf(ws, { kind: 'jernskrap', region: 'norge' }),
  ),
  await timeAsync('one actor’s streams (a farm company)', 20, () => streamsOfActor(ws, '920756050')),
  await timeAsync('actors against the statistics, reference region, 4 kinds', 3, () =>
    compareWithStatistics(ws, { region: REGION }),
  ),
];
await store.close();
console.log(
  writeSection('Streams per actor', 'npm run bench:actors', timings, [
    `The farm files hold ${farms.records.length} farm records (organisation number × municipality); the register sample ${'about 12 400'} units. Each question is one call of the application layer on a workspace over an in-memory SQLite store, after a warm-up call (the farm records are read once per data folder and kept).`,
  ]),
);
