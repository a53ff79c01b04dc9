import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, buildDataFiles } from '../scripts/build-data.ts';
import type { StatisticsFile } from '../src/domain/observations.ts';

const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
let result: BuildResult;
beforeAll(async () => {
  result = await buildDataFiles(dataDir);
});
const built = (path: string) => JSON.parse(result.files.get(path) as string);

const REFERENCE = [
  '3234',
  '3236',
  '3305',
  '3310',
  '3316',
  '3318',
  '3407',
  '3442',
  '3443',
  '3446',
  '3447',
  '3448',
];

describe('data/ built from data/sources', () => {
  it('regenerates exactly the committed files (run `npm run data` after changing a source or parser)', () => {
    const years = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023];
    const counties = ['agder', 'akershus', 'buskerud', 'finnmark', 'innlandet', 'more-og-romsdal'];
    const more = ['nordland', 'norge', 'oslo', 'ostfold', 'rogaland', 'telemark', 'troms', 'trondelag'];
    expect([...result.files.keys()].sort()).toEqual([
      'municipalities/municipalities-2024.json',
      'municipalities/number-changes.json',
      ...[...counties, ...more, 'vestfold', 'vestland'].map((r) => `regions/${r}.json`),
      'roads/detour-factors.json',
      'roads/n1000-graph.json',
      'roads/origins-2024.json',
      'statistics/livestock-2024.json',
      ...years.map((y) => `statistics/national-avvirkning-${y}.json`),
      'statistics/national-ldir-leveransedata-korn-2024.json',
      'statistics/national-ldir-leveransedata-slakt-2025.json',
      'statistics/national-ldir-produksjonstilskudd-del1-2026.json',
      'statistics/population-2024.json',
      'statistics/report-agriculture-daa.json',
      'statistics/report-harvest-2024.json',
    ]);
    for (const [path, content] of result.files) {
      expect(content, `data/${path}`).toBe(readFileSync(`${dataDir}${path}`, 'utf8'));
    }
  });

  it('lists 357 municipalities and a population of 5 550 203 on 1 January 2024', () => {
    expect(built('municipalities/municipalities-2024.json').municipalities).toHaveLength(357);
    const population: StatisticsFile = built('statistics/population-2024.json');
    expect(population.rows).toHaveLength(357);
    expect(population.rows.reduce((s, r) => s + (r.values.population ?? 0), 0)).toBe(5_550_203);
    expect(population.rows.find((r) => r.municipality === '3305')?.values.population).toBe(31_581);
  });

  it('keys the seed report tables by today’s numbers and keeps the report’s numbers', () => {
    for (const id of ['report-agriculture-daa', 'report-harvest-2024']) {
      const file: StatisticsFile = built(`statistics/${id}.json`);
      expect(file.rows.map((r) => r.municipality)).toEqual(REFERENCE);
      expect(file.rows.find((r) => r.municipality === '3305')?.numberInSource).toBe('3007');
    }
    const harvest: StatisticsFile = built('statistics/report-harvest-2024.json');
    expect(harvest.rows.reduce((s, r) => s + (r.values['harvest.total'] ?? 0), 0)).toBe(1_373_557);
  });

  it('gives every reference municipality a livestock row', () => {
    const livestock: StatisticsFile = built('statistics/livestock-2024.json');
    const numbers = new Set(livestock.rows.map((r) => r.municipality));
    expect(REFERENCE.every((n) => numbers.has(n))).toBe(true);
    expect(result.livestockReport.unresolved).toEqual([]);
  });
});
