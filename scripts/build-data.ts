/**
 * Rebuilds the project's reference data (data/municipalities, data/statistics) from the raw files in
 * data/sources and the mappings in data/mappings. Deterministic: sorted keys and rows, 2-space JSON,
 * trailing newline. Run: `npm run data`. test/build-data.test.ts checks the committed files match.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppError } from '../src/domain/errors.ts';
import type { ImportedDataset, ImportLogLine } from '../src/domain/imports.ts';
import {
  createMunicipalityRegistry,
  type MunicipalityRegistry,
  resolveMunicipality,
} from '../src/domain/municipalities.ts';
import type { DatasetSource, StatisticsFile } from '../src/domain/observations.ts';
import { type RegionInput, subRegionId } from '../src/domain/regions.ts';
import {
  mergeNumberChanges,
  parseCountyList,
  parseMunicipalityList,
  parseNumberChanges,
  parseSplitNote,
} from '../src/ingest/kommuneendringer.ts';
import { parseLandbrukMapping } from '../src/ingest/landbruk.ts';
import { parseGeodataMunicipalities } from '../src/ingest/norway-geodata.ts';
import {
  aggregateLivestock,
  type LivestockReport,
  parseLivestockMapping,
} from '../src/ingest/produksjonstilskudd.ts';
import { parseSeedTable, type SeedTable } from '../src/ingest/seed-report.ts';
import {
  type ImportInput,
  prepareAvvirkningImport,
  prepareLandbrukImport,
} from '../src/ingest/statistics-import.ts';
import { CENTROIDS } from './build-centroids.ts';
import { BOUNDARIES, buildRoadFiles, N1000 } from './build-roads.ts';

const KOMMUNER = 'sources/kommuneendringer-2024';
const GEODATA = 'sources/kommuner-norway-geodata';
const LDIR = 'sources/landbruk-ldir';
const SEED = 'sources/seed/reference-region.json';
const LIVESTOCK_MAPPING = 'mappings/produksjonstilskudd-livestock.json';
const LANDBRUK_MAPPING = 'mappings/landbruk-files.json';
const AVVIRKNING = 'sources/avvirkning-kommune-ldir';
/** Harvest files, one per year (2023 as the CSV conversion of its sheet). */
const HARVEST_FILES = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]
  .map((y) => `${AVVIRKNING}/Kommunevis_avvirkning_${y}.xlsx`)
  .concat(`${AVVIRKNING}/Kommunevis_avvirkning_2023.csv`);
/** Landbruksdirektoratet's national delivery and livestock files, with the year a file without a year column is for. */
const LANDBRUK_FILES: { file: string; year?: number }[] = [
  { file: `${LDIR}/leveransedata-korn-2024-2025.csv`, year: 2024 },
  { file: `${LDIR}/leveransedata-slakt-2025.csv`, year: 2025 },
  { file: `${LDIR}/produksjonstilskudd-2026-del1.csv` },
];
/** Harvest variables every municipality gets (0 where the file has no harvest); the species × assortment ones only where harvested. */
const HARVEST_CORE = [
  'harvest.furu',
  'harvest.gran',
  'harvest.lauv',
  'harvest.total',
  'harvest.ved',
  'harvest.ved_til_brensel',
];

const KLASS_SOURCE = {
  citation:
    'Statistisk sentralbyrå (SSB), Klass 131 Standard for kommuneinndeling, as extracted in hbelbo/vsop data-raw/',
  url: 'https://www.ssb.no/klass/klassifikasjoner/131',
  licence: 'CC BY 4.0 (SSB); extract MIT (© 2020 Helmer Belbo)',
};

export interface BuildResult {
  /** Path relative to data/ → file content. */
  files: Map<string, string>;
  livestockReport: LivestockReport;
  /** What the national imports said (rows not counted, double listings), for the console. */
  log: ImportLogLine[];
}

/**
 * A national dataset as a data/statistics file: one row per municipality of the 2024 division. These
 * files are national registers (every farm's deliveries, every VSOP-measured harvest), so a municipality
 * that is not in them had none: it gets 0 for `zeroFilled` (all variables when absent), and the note says so.
 */
export interface NationalOptions {
  id: string;
  derivedFrom: string;
  /** Variables a municipality absent from the file gets as 0 (default: all). */
  zeroFilled?: string[];
  /** Said in the yearNote; `<n>` is the number of municipalities absent. */
  absentNote: string;
}

export function nationalStatistics(
  imported: ImportedDataset,
  registry: MunicipalityRegistry,
  options: NationalOptions,
): StatisticsFile {
  const { dataset } = imported;
  const byMunicipality = new Map<string, { numberInSource?: string; values: Record<string, number> }>();
  for (const o of imported.observations) {
    const row = byMunicipality.get(o.municipality) ?? {
      ...(o.numberInSource ? { numberInSource: o.numberInSource } : {}),
      values: {},
    };
    row.values[o.variable] = o.value;
    byMunicipality.set(o.municipality, row);
  }
  const zeroFilled = options.zeroFilled ?? Object.keys(dataset.variables);
  const rows: StatisticsFile['rows'] = [];
  for (const number of [...registry.municipalities.keys()].sort()) {
    const row = byMunicipality.get(number);
    const values: Record<string, number> = Object.fromEntries(zeroFilled.map((v) => [v, 0]));
    Object.assign(values, row?.values ?? {});
    rows.push({
      municipality: number,
      ...(row?.numberInSource ? { numberInSource: row.numberInSource } : {}),
      values,
    });
  }
  const absent = [...registry.municipalities.keys()].filter((n) => !byMunicipality.has(n)).length;
  return {
    ...dataset,
    id: options.id,
    // The import's own note on absent municipalities ("they get no rows") does not hold here.
    yearNote:
      `${(dataset.yearNote ?? '').replace(/ ?Municipalities not in the file[^.]*\./, '')} ${options.absentNote.replace('<n>', String(absent))}`.trim(),
    source: {
      ...dataset.source,
      derivedFrom: options.derivedFrom,
      shipped: true,
    },
    rows,
  };
}

/** Serialises with object keys sorted at every level, 2-space indent and a trailing newline. */
export function stableJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function seedStatistics(
  table: SeedTable,
  registry: MunicipalityRegistry,
  meta: { id: string; title: string; year: number; yearNote: string; source: DatasetSource },
  variable: (column: string) => { id: string; unit: string; name: string },
): StatisticsFile {
  const variables: StatisticsFile['variables'] = {};
  for (const column of table.columns) {
    const v = variable(column);
    variables[v.id] = { unit: v.unit, name: v.name };
  }
  const rows = Object.entries(table.rows).map(([numberInSource, row]) => {
    const r = resolveMunicipality(registry, numberInSource);
    if (!r.ok) throw new AppError('invalid_data', `${SEED}: ${meta.id} row ${numberInSource}: ${r.reason}`);
    const values: Record<string, number> = {};
    for (const column of table.columns) values[variable(column).id] = row[column] as number;
    return { municipality: r.number, numberInSource, values };
  });
  rows.sort((a, b) => a.municipality.localeCompare(b.municipality));
  return { ...meta, variables, rows };
}

/** Builds every derived data file in memory from `dataDir` (the project's data/ folder). */
export async function buildDataFiles(dataDir: string): Promise<BuildResult> {
  const read = (path: string) => readFile(join(dataDir, path));
  const readText = async (path: string) => (await read(path)).toString('utf8');
  const files = new Map<string, string>();

  // Municipalities and number changes
  const listFile = `${KOMMUNER}/kommuneinndeling_2024_2.csv`;
  const municipalities = parseMunicipalityList(await read(listFile), listFile);
  const countyFile = `${KOMMUNER}/Regindeling_Fylker_2024_01_status.txt`;
  const counties = parseCountyList(await readText(countyFile), countyFile);
  for (const m of municipalities) {
    if (!counties.has(m.county)) {
      throw new AppError(
        'invalid_data',
        `${listFile}: municipality ${m.number} is in county ${m.county}, not in ${countyFile}`,
      );
    }
  }
  const changeFiles = [
    `${KOMMUNER}/Regindeling_Kommuner_2017_01.txt`,
    `${KOMMUNER}/Regindeling_Kommuner_2018_01.txt`,
    `${KOMMUNER}/Regindeling_Kommuner_2019_01.txt`,
    `${KOMMUNER}/Regindeling_Kommuner_2020_01_justert.txt`,
    `${KOMMUNER}/Regindeling_Kommuner_2024_01_justert.txt`,
  ];
  const noteFile = `${KOMMUNER}/Regind_kmn_kommentar.txt`;
  const changes = mergeNumberChanges(
    ...(await Promise.all(changeFiles.map(async (f) => parseNumberChanges(await readText(f), f)))),
    parseSplitNote(await readText(noteFile), noteFile),
  );
  const registry = createMunicipalityRegistry(municipalities, changes);

  files.set(
    'municipalities/municipalities-2024.json',
    stableJson({ source: { ...KLASS_SOURCE, derivedFrom: `data/${listFile}` }, municipalities }),
  );
  files.set(
    'municipalities/number-changes.json',
    stableJson({
      source: {
        ...KLASS_SOURCE,
        derivedFrom: [...changeFiles, noteFile].map((f) => `data/${f}`).join(', '),
        note: 'The "justert" change files list one successor per old number, also where SSB records a split (e.g. 2020: 5012 Snillfjord, 1850 Tysfjord). The 2024 split of 1507 Ålesund into 1508 Ålesund and 1580 Haram is read from Regind_kmn_kommentar.txt, so 1507 resolves as ambiguous.',
      },
      changes,
    }),
  );

  // Built-in regions: Norway (its counties as sub-regions) and each county of the 2024 division
  const countyRegions: RegionInput[] = [...counties]
    .filter(([number]) => municipalities.some((m) => m.county === number))
    .map(([number, name]) => ({
      id: subRegionId(name.split(' - ')[0] as string),
      name,
      description: {
        nb: `Fylke ${number} ${name}: kommunene i fylket etter inndelingen fra 1. januar 2024.`,
        en: `County ${number} ${name}: its municipalities in the division from 1 January 2024.`,
      },
      source: `SSB Klass 131 (data/${listFile}, data/${countyFile})`,
      municipalities: municipalities.filter((m) => m.county === number).map((m) => m.number),
      subRegions: [],
    }));
  for (const r of countyRegions) files.set(`regions/${r.id}.json`, stableJson(r));
  files.set(
    'regions/norge.json',
    stableJson({
      id: 'norge',
      name: 'Norge',
      description: {
        nb: 'Hele landet: alle kommunene etter inndelingen fra 1. januar 2024, med fylkene som delregioner.',
        en: 'The whole country: every municipality in the division from 1 January 2024, with the counties as sub-regions.',
      },
      source: `SSB Klass 131 (data/${listFile}, data/${countyFile})`,
      municipalities: municipalities.map((m) => m.number),
      subRegions: countyRegions.map((r) => ({
        id: r.id,
        name: r.name,
        municipalities: r.municipalities ?? [],
      })),
    }),
  );

  // Population and area
  const geodataFile = `${GEODATA}/municipalities-2025.json`;
  const geodata = parseGeodataMunicipalities(await readText(geodataFile), geodataFile);
  for (const g of geodata) {
    if (!registry.municipalities.has(g.number)) {
      throw new AppError('invalid_data', `${geodataFile}: ${g.number} ${g.name} is not a 2024 municipality`);
    }
  }
  const population: StatisticsFile = {
    id: 'population-2024',
    title: 'Population and total area per municipality',
    year: 2024,
    yearNote: 'Population on 1 January 2024 (the 357 values sum to SSB’s national total for that date).',
    source: {
      citation:
        'Statistisk sentralbyrå (SSB), population 1 January 2024 and total area, via @aprestmo/norway-geodata',
      url: 'https://github.com/aprestmo/norway-geodata',
      derivedFrom: `data/${geodataFile}`,
      licence: 'CC BY 4.0 (SSB); package MIT (© 2025 Alexander Prestmo)',
    },
    variables: {
      population: { unit: 'person', name: 'Folkemengde' },
      'area.total_km2': { unit: 'km2', name: 'Totalareal' },
    },
    rows: geodata.map((g) => ({
      municipality: g.number,
      values: { population: g.population, 'area.total_km2': g.areaKm2 },
    })),
  };
  files.set('statistics/population-2024.json', stableJson(population));

  // Roads: the N1000 network, each municipality's origin points, detour factors per county
  const centroidsFile = JSON.parse(await readText(CENTROIDS)) as {
    municipalities: { number: string; lat: number; lon: number }[];
  };
  const roads = buildRoadFiles({
    dataDir,
    n1000: await readText(N1000),
    boundaries: await readText(BOUNDARIES),
    municipalities,
    counties,
    areaKm2: new Map(geodata.map((g) => [g.number, g.areaKm2])),
    centroids: new Map(centroidsFile.municipalities.map((m) => [m.number, m])),
  });
  // The graph is one line (about 0.6 MB); the others are read by people too.
  files.set('roads/n1000-graph.json', `${JSON.stringify(roads.graph)}\n`);
  files.set('roads/origins-2024.json', stableJson(roads.origins));
  files.set('roads/detour-factors.json', stableJson(roads.detour));

  // Livestock
  const mapping = parseLivestockMapping(JSON.parse(await readText(LIVESTOCK_MAPPING)), LIVESTOCK_MAPPING);
  const livestockFile = `${LDIR}/produksjonstilskudd-2024-del1.csv`;
  const livestock = await aggregateLivestock(createReadStream(join(dataDir, livestockFile)), {
    file: livestockFile,
    mapping,
    registry,
  });
  const categoryIds = Object.keys(mapping.categories).sort();
  const livestockStats: StatisticsFile = {
    id: 'livestock-2024',
    title: 'Livestock per municipality (applications for production subsidies)',
    year: 2024,
    yearNote: 'Animals counted on 1 March 2024 (søknadsomgang 2024 del 1).',
    source: {
      citation: 'Landbruksdirektoratet, produksjons- og avløsertilskudd, søknadsomgang 2024 del 1',
      url: 'https://github.com/datahotellet/ldir-test/tree/e545ab19310911b162b4d3a22413ce28071739a7/datasets/produksjon-og-avlosertilskudd/2024',
      derivedFrom: `data/${livestockFile} with data/${LIVESTOCK_MAPPING}`,
      licence: 'Open data (NLOD 2.0 presumed; not stated in the files). Kilde: Landbruksdirektoratet',
    },
    variables: Object.fromEntries(
      categoryIds.map((id) => [
        `livestock.${id}`,
        { unit: 'animal', name: mapping.categories[id]?.name.nb as string },
      ]),
    ),
    rows: livestock.rows.map((r) => ({
      municipality: r.municipality,
      ...(r.numbersInSource.length > 0 ? { numberInSource: r.numbersInSource.join(',') } : {}),
      values: Object.fromEntries(categoryIds.map((id) => [`livestock.${id}`, r.values[id] as number])),
    })),
  };
  files.set('statistics/livestock-2024.json', stableJson(livestockStats));

  // Seed report tables
  const seed: unknown = JSON.parse(await readText(SEED));
  const seedSource = (table: string): DatasetSource => ({
    citation: `Seed report (shared/seed/report.txt), table ${table}, transcribed in shared/seed/reference-region.json`,
    derivedFrom: `data/${SEED}`,
  });
  const agriculture = seedStatistics(
    parseSeedTable(seed, 'agriculture_daa', SEED),
    registry,
    {
      id: 'report-agriculture-daa',
      title: 'Agricultural area in use per municipality, as given in the seed report',
      year: 2023,
      yearNote:
        "The report does not state the year; its table labels the Viken municipalities '(2020-2023)', i.e. SSB numbers valid 2020–2023, so the figures are for 2023 at the latest.",
      source: seedSource("'Jordbruksareal i drift …' (section 'Jordbruket i regionen')"),
    },
    (column) => ({ id: `area.${column}`, unit: 'daa', name: `Seed report column ${column}` }),
  );
  files.set('statistics/report-agriculture-daa.json', stableJson(agriculture));

  const harvestTable = parseSeedTable(seed, 'forestry_harvest_m3_2024', SEED);
  for (const [number, row] of Object.entries(harvestTable.rows)) {
    const parts = (row.gran ?? 0) + (row.furu ?? 0) + (row.lauv ?? 0) + (row.ved_til_brensel ?? 0);
    if (parts !== row.total) {
      throw new AppError(
        'invalid_data',
        `${SEED}:forestry_harvest_m3_2024.rows.${number}: parts add up to ${parts}, total is ${row.total}`,
      );
    }
  }
  const harvest = seedStatistics(
    harvestTable,
    registry,
    {
      id: 'report-harvest-2024',
      title: 'Roundwood harvest per municipality, as given in the seed report',
      year: 2024,
      yearNote: 'The report gives the harvest (uttak) for 2024 in m3; roundwood, m3 under bark.',
      source: seedSource("of harvest per municipality (section 'Skogbruket i regionen')"),
    },
    (column) => ({ id: `harvest.${column}`, unit: 'm3', name: `Seed report column ${column}` }),
  );
  files.set('statistics/report-harvest-2024.json', stableJson(harvest));

  // National harvest, grain and slaughter deliveries, livestock 2026: the import parsers, on the shipped files.
  const input = async (file: string): Promise<ImportInput> => ({ name: file, bytes: await read(file) });
  const log: ImportLogLine[] = [];
  const harvestImport = await prepareAvvirkningImport(await Promise.all(HARVEST_FILES.map(input)), registry);
  log.push(...harvestImport.log.filter((l) => l.level === 'warning'));
  // One file per national dataset, id `national-<the import's id>`.
  const addNational = (imported: ImportedDataset, options: Omit<NationalOptions, 'id'>) => {
    const id = `national-${imported.dataset.id}`;
    files.set(
      `statistics/${id}.json`,
      stableJson(nationalStatistics(imported, registry, { id, ...options })),
    );
  };
  for (const [i, imported] of harvestImport.datasets.entries())
    addNational(imported, {
      derivedFrom: `data/${HARVEST_FILES[i]}`,
      zeroFilled: HARVEST_CORE,
      absentNote:
        'The file lists every VSOP-measured sale; the <n> municipalities not in it had none, and get 0 for the species totals.',
    });
  const landbrukMapping = parseLandbrukMapping(
    JSON.parse(await readText(LANDBRUK_MAPPING)),
    LANDBRUK_MAPPING,
  );
  for (const { file, year } of LANDBRUK_FILES) {
    const prepared = await prepareLandbrukImport([await input(file)], {
      registry,
      mapping: landbrukMapping,
      livestock: mapping,
      ...(year === undefined ? {} : { year }),
    });
    log.push(...prepared.log);
    for (const imported of prepared.datasets)
      addNational(imported, {
        derivedFrom: `data/${file} with data/${LANDBRUK_MAPPING}`,
        absentNote: 'The file holds every producer; the <n> municipalities not in it had none, and get 0.',
      });
  }

  return { files, livestockReport: livestock.report, log };
}

async function main(): Promise<void> {
  const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');
  const { files, livestockReport, log } = await buildDataFiles(dataDir);
  for (const [path, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    await mkdir(dirname(join(dataDir, path)), { recursive: true });
    await writeFile(join(dataDir, path), content);
    console.log(`wrote data/${path}`);
  }
  const r = livestockReport;
  console.log(`${r.file}: ${r.rowsRead} rows read`);
  for (const u of r.unresolved)
    console.warn(`  ${u.rows} rows with number ${u.number} not counted: ${u.reason}`);
  for (const [f, n] of Object.entries(r.subsetViolations)) {
    if (n > 0) console.warn(`  excluded ${f} exceeds its superset on ${n} rows`);
  }
  for (const [id, total] of Object.entries(r.totals)) console.log(`  ${id}: ${total}`);
  for (const l of log) console.warn(`  ${l.position ?? ''}: ${l.message}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof AppError ? `${error.code}: ${error.message}` : error);
    process.exitCode = 1;
  });
}
