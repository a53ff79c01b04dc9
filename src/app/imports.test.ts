/**
 * The import tasks on an in-memory store: each writes in one transaction and invalidates the
 * workspace, and bad input changes nothing. Fixtures: src/app/fixtures, src/ingest/fixtures and
 * test/fixtures (READMEs there name their sources); no test touches the network.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../../test/helpers/api.ts';
import { openTestWorkspace, rejection } from '../../test/helpers/workspace.ts';
import {
  getImport,
  getImportLog,
  importFarmFiles,
  importHarvest,
  importRegisterBulk,
  importSsbTable,
  listImports,
  pullRegister,
} from './imports.ts';
import { harvestStatistics, listDatasets } from './statistics.ts';
import type { Workspace } from './workspace.ts';

const file = (path: string) => new URL(path, import.meta.url);
const input = (name: string, path: string) => ({ name, bytes: readFileSync(file(path)) });
const HARVEST = input(
  'Kommunevis_avvirkning_2023.csv',
  './fixtures/Kommunevis_avvirkning_2023-ringerike-hole.csv',
);

describe('imports (app)', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await openTestWorkspace();
  });
  afterAll(async () => {
    await ws.store.close();
  });

  it('imports harvest files, mapping old numbers, and the next estimate counts them', async () => {
    const answer = await importHarvest(ws, [HARVEST]);
    expect(answer).toMatchObject({
      kind: 'avvirkning',
      datasets: [{ id: 'avvirkning-2023', replaced: false }],
    });
    expect(answer.summary[0]).toMatchObject({ dataset: 'avvirkning-2023', year: 2023, municipalities: 2 });
    const data = await ws.reference();
    expect(data.datasets.map((d) => d.id)).toContain('avvirkning-2023');
    const harvest = await harvestStatistics(ws, { municipalities: ['3007'] });
    expect(harvest.year).toBe(2023);
    expect(harvest.municipalities).toEqual(['3305']);
    expect(harvest.rows.length).toBeGreaterThan(0);
    expect(harvest.totals.reduce((s, t) => s + t.m3, 0)).toBeGreaterThan(0);
    expect(await getImport(ws, answer.importId)).toMatchObject({ kind: 'avvirkning', status: 'done' });
  });

  it('refuses a bad file among good ones and writes nothing', async () => {
    const before = await listDatasets(ws);
    const imports = (await listImports(ws)).length;
    const error = await rejection(
      importHarvest(ws, [
        HARVEST,
        { name: 'Kommunevis_avvirkning_2022.csv', bytes: Buffer.from('no,such\n1,2\n') },
      ]),
    );
    expect(error.message).toContain('nothing was imported');
    expect(await listDatasets(ws)).toEqual(before);
    expect(await listImports(ws)).toHaveLength(imports);
  });

  it('imports farm files with the mappings of data/, and refuses a bad count with nothing written', async () => {
    const answer = await importFarmFiles(ws, [
      input('produksjonstilskudd-tiny.csv', '../ingest/fixtures/produksjonstilskudd-tiny.csv'),
    ]);
    expect(answer.datasets.map((d) => d.id)).toEqual(['ldir-produksjonstilskudd-del1-2024']);
    const before = await listDatasets(ws);
    const error = await rejection(
      importFarmFiles(
        ws,
        [input('produksjonstilskudd-bad.csv', '../ingest/fixtures/produksjonstilskudd-bad-count.csv')],
        {
          partial: 'a test',
        },
      ),
    );
    expect(error.issues.length).toBeGreaterThan(0);
    expect(await listDatasets(ws)).toEqual(before);
  });

  it('imports an SSB table through the given fetch, and refuses an answer without municipalities', async () => {
    const answering = (fixture: string): typeof fetch =>
      (async () =>
        new Response(readFileSync(file(`../../test/fixtures/ssb/${fixture}`)), {
          status: 200,
        })) as typeof fetch;
    const answer = await importSsbTable(ws, {
      table: '03895',
      year: 2023,
      baseUrl: 'http://ssb.invalid/api',
      fetch: answering('agg_summer_kommuner_20250317.json'),
    });
    expect(answer.datasets.map((d) => d.id)).toEqual(['ssb-03895-2023']);
    expect(answer.summary[0]).toMatchObject({
      file: 'http://ssb.invalid/api/v0/no/table/03895',
      retrievedAt: NOW,
    });
    const before = await listDatasets(ws);
    const error = await rejection(
      importSsbTable(ws, {
        table: '03895',
        baseUrl: 'http://ssb.invalid/api',
        fetch: answering('agg_summer_fylker_20250317.json'),
      }),
    );
    expect(error.message).toContain('no municipality values');
    expect(await listDatasets(ws)).toEqual(before);
    expect((await rejection(importSsbTable(ws, { table: '03895', municipalities: ['9999'] }))).code).toBe(
      'unknown_municipality',
    );
  });

  it('imports register units from a bulk stream, logging the import', async () => {
    const units = JSON.parse(readFileSync(file('../../test/fixtures/brreg/units-3305.json'), 'utf8')) as {
      enheter: unknown[];
    };
    const result = await importRegisterBulk(ws, [
      {
        unitType: 'enhet',
        name: 'enheter.json',
        stream: Readable.from([Buffer.from(JSON.stringify(units.enheter))]),
      },
    ]);
    expect(result.files[0]?.records).toBe(units.enheter.length);
    expect(result.applied.inserted).toBe(units.enheter.length);
    expect(await getImport(ws, result.importId)).toMatchObject({ kind: 'brreg-bulk', status: 'ok' });
    expect((await getImportLog(ws, result.importId)).length).toBeGreaterThan(0);
    expect((await rejection(importRegisterBulk(ws, []))).code).toBe('invalid_input');
  });

  it('refuses a register pull for a municipality that does not exist today, before any request', async () => {
    expect(
      (await rejection(pullRegister(ws, { municipality: '3007', baseUrl: 'http://brreg.invalid' }))).code,
    ).toBe('unknown_municipality');
  });

  it('answers not_found for an import that does not exist', async () => {
    expect((await rejection(getImport(ws, 999))).code).toBe('not_found');
    expect((await rejection(getImportLog(ws, 999))).code).toBe('not_found');
  });
});
