/**
 * Road distances: loading the N1000 graph and the origin points (data/roads), one shortest-path run
 * from a site, and the national distance matrix, 357 municipalities × 100 sites × the three kinds of
 * origin (one run per site), as the optimiser and the catchments ask for it. Sites are placed at the
 * settlement points of 100 municipalities drawn with a fixed seed. Memory is measured in a fresh
 * process (`node --expose-gc`): the heap and typed arrays in use after a collection before loading, after loading and
 * after the matrix (its 100 runs kept), and the process's peak resident set size. Run: npm run bench:roads
 */
import { execFileSync } from 'node:child_process';
import { resourceUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { openDataFiles } from '../src/app/data-files.ts';
import { seededRandom } from '../src/app/random.ts';
import { RoadDistances } from '../src/domain/distances.ts';
import { ORIGIN_CLASSES } from '../src/domain/residue-kinds.ts';
import { type Timing, time, writeSection } from './lib.ts';

const SITES = 100;
const MB = 2 ** 20;

function sitesOf(roads: ReturnType<ReturnType<typeof openDataFiles>['roads']>) {
  const municipalities = roads.origins.municipalities;
  const rand = seededRandom(15);
  return Array.from({ length: SITES }, (_, i) => {
    const m = municipalities[Math.floor(rand() * municipalities.length)] as (typeof municipalities)[number];
    return { id: `s${i}`, position: { lat: m.settlement.lat, lon: m.settlement.lon } };
  });
}

/** Every leg of the matrix, on a fresh cache (so each call makes its 100 runs). */
function matrix(
  roads: ReturnType<ReturnType<typeof openDataFiles>['roads']>,
  sites: ReturnType<typeof sitesOf>,
) {
  const { distances } = roads;
  const d = new RoadDistances(distances.graph, distances.origins, distances.options);
  let legs = 0;
  for (const s of sites)
    for (const m of roads.origins.municipalities)
      for (const o of ORIGIN_CLASSES) if (d.leg(m.number, s, o)) legs++;
  return { d, legs };
}

if (process.argv[2] === '--child') {
  const gc = (globalThis as { gc?: () => void }).gc as () => void;
  // Typed arrays live outside the JavaScript heap: count both.
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
  gc();
  const base = used();
  const roads = openDataFiles().roads();
  gc();
  const loaded = used();
  const kept = matrix(roads, sitesOf(roads));
  gc();
  const after = used();
  console.log(
    JSON.stringify({
      loadMb: (loaded - base) / MB,
      matrixMb: (after - loaded) / MB,
      legs: kept.legs,
      peakRssMb: resourceUsage().maxRSS / 1024,
    }),
  );
} else {
  const load = time('load the graph, origins and detour factors (data/roads, validated)', 10, () =>
    openDataFiles().roads(),
  );
  const roads = openDataFiles().roads();
  const sites = sitesOf(roads);
  const rand = seededRandom(7);
  const oneRun = time('one shortest-path run from a site to every node', 50, () =>
    roads.distances.graph.reach(Math.floor(rand() * roads.distances.graph.size)),
  );
  const all = time(`national matrix: 357 municipalities × ${SITES} sites × 3 origins`, 5, () =>
    matrix(roads, sites),
  );
  const m = JSON.parse(
    execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child'],
      {
        encoding: 'utf8',
      },
    ),
  ) as { loadMb: number; matrixMb: number; legs: number; peakRssMb: number };
  const timings: Timing[] = [load, oneRun, all];
  console.log(
    writeSection('Road distances', 'npm run bench:roads', timings, [
      `The network: ${roads.graph.nodes} nodes, ${roads.graph.links} links (${roads.graph.ferries} car ferries); the matrix gives ${m.legs} legs. Targets: under 2 s and under 200 MiB. Memory in a fresh process: the graph and origins hold ${m.loadMb.toFixed(0)} MiB (heap and typed arrays) once loaded, the matrix's 100 runs ${m.matrixMb.toFixed(0)} MiB more; the whole process (Node, tsx and all) peaks at ${m.peakRssMb.toFixed(0)} MiB resident. The heap column is the whole benchmark process's, garbage included.`,
    ]),
  );
}
