/**
 * The audit's harvest check end to end: Landbruksdirektoratet's 2023 municipal file
 * (test/fixtures/avvirkning-kommune-ldir/Kommunevis_avvirkning_2023.csv, the file `restverdi import
 * avvirkning` reads) imported into a store, then the report's forestry table compared with it through
 * the store's query (`harvestImports` → `latestLogOfFile`). The fixtures hold no 2024 file, the year
 * of the report's table, so the comparison runs on the table with its year planted as 2023.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRegion, harvestImports, regionAudit, reportHarvestTable } from '../src/app/audit.ts';
import { importHarvest } from '../src/app/imports.ts';
import { readerNames } from '../src/app/names.ts';
import type { Workspace } from '../src/app/workspace.ts';
import { audit } from '../src/domain/audit.ts';
import { harvestStatements } from '../src/domain/audit-harvest.ts';
import { message } from '../src/domain/message.ts';
import { findRegion } from '../src/domain/regions.ts';
import { renderMessage } from '../src/messages/catalogue.ts';
import { openTestWorkspace } from './helpers/workspace.ts';

const REGION = 'gjovik-hadeland-ringerike';
const CSV = 'Kommunevis_avvirkning_2023.csv';
const csv = new URL(`./fixtures/avvirkning-kommune-ldir/${CSV}`, import.meta.url);

// Ringerike (3007 in the file, 3305 today), 1-Gran, by hand from the CSV's rows:
// 1110 Gran spesial 507 + 1140 Gran sagtømmer sams 76 239 + 1148 Gran annet sagtømmer 8 136
// + 1310 Gran sams sagt/massevirke 787 (under Sagtømmer) + 1410 Gran massevirke 75 769 + 1999 Gran vrak 2 993.
// 1310 is listed again under Massevirke with the same 787 m3: counted once.
const RINGERIKE_GRAN = 507 + 76239 + 8136 + 787 + 75769 + 2993;
// 2-Furu: 2110 748 + 2140 65 289 + 2143 0 + 2148 1 905 + 2410 31 234 + 2999 7.
const RINGERIKE_FURU = 748 + 65289 + 0 + 1905 + 31234 + 7;

let ws: Workspace;
beforeAll(async () => {
  ws = await openTestWorkspace();
  await importHarvest(ws, [{ name: CSV, bytes: readFileSync(csv) }]);
});
afterAll(async () => {
  await ws?.store.close();
});

describe('the forestry table against the imported 2023 harvest file', () => {
  it('reads the 2023 dataset and its double listings back from the store', async () => {
    const data = await ws.reference();
    const h = await harvestImports(ws, data, 2023);
    expect(h.years).toEqual([2023]);
    expect(h.evidence?.file).toBe(CSV);
    expect(RINGERIKE_GRAN).toBe(164431);
    expect(h.evidence?.values['3305']?.['harvest.gran']).toBe(RINGERIKE_GRAN);
    expect(h.evidence?.values['3305']?.['harvest.furu']).toBe(RINGERIKE_FURU);
    expect(h.evidence?.doubleListings).toContainEqual({
      municipality: '3305',
      category: '1310',
      categoryText: 'Gran sams sagt/massevirke',
      m3: 787,
    });
  });

  it("compares the report's Ringerike row with the file's figure, and names 1310 when it is counted twice", async () => {
    const data = await ws.reference();
    const region = findRegion(data.regions, REGION);
    const report = ws.files.seedReport(region);
    expect(report).toBeDefined();
    const h = await harvestImports(ws, data, 2023);
    const table = {
      ...reportHarvestTable(report?.seed as NonNullable<typeof report>['seed'], data),
      year: 2023,
    };
    // The report's own 2024 figure for Ringerike's spruce against the file's 2023.
    expect(table.rows['3305']?.gran).toBe(161989);
    const asIs = audit(harvestStatements(table, h.evidence, undefined, h.years).statements);
    const gran = asIs.find((f) => f.id === 'harvest.3305.gran.statistics');
    expect(gran).toMatchObject({
      stated: 161989,
      computed: RINGERIKE_GRAN,
      message: { code: 'audit_statistic' },
    });
    expect(gran?.difference).toBe(161989 - 164431);

    // Planted: the report's spruce as the file's sum over both listings, 1310 counted twice.
    const twice = {
      ...table,
      rows: { ...table.rows, '3305': { ...table.rows['3305'], gran: RINGERIKE_GRAN + 787 } },
    };
    const f = audit(harvestStatements(twice, h.evidence, undefined, h.years).statements).find(
      (x) => x.id === 'harvest.3305.gran.statistics',
    );
    expect(f).toMatchObject({
      severity: 'warning',
      stated: 165218,
      computed: 164431,
      difference: 787,
      message: {
        code: 'audit_statistic_double_counted',
        params: { listings: [{ category: '1310', categoryText: 'Gran sams sagt/massevirke', m3: 787 }] },
      },
    });
    // For the client: in words, Ringerike by name, where the report states it; no ids.
    const names = readerNames(data, ws.library);
    const nb = renderMessage(f?.message as NonNullable<typeof f>['message'], 'nb', names);
    expect(nb).toMatch(/^Avvirkning av gran i Ringerike i 2023 \(m3\): oppgitt 165\s218/);
    expect(nb).toContain('kategori 1310 «Gran sams sagt/massevirke» (787 m3)');
    expect(f?.where).toEqual(message('audit_where_table_row', { table: 'forestry', municipality: '3305' }));
    expect(renderMessage(f?.where as NonNullable<typeof f>['message'], 'en', names)).toBe(
      'the report’s forestry table, the row of Ringerike',
    );
  });

  it('says the report’s own year (2024) is not imported, naming the year that is', async () => {
    const answer = await auditRegion(ws, REGION);
    expect(answer.unchecked[0]).toEqual(message('audit_unchecked_harvest', { year: 2024, years: [2023] }));
    const data = await ws.reference();
    const region = findRegion(data.regions, REGION);
    expect(answer.findings.some((f) => f.id.endsWith('.statistics'))).toBe(false);
    // The same audit with the 2023 evidence handed in compares nothing either: the table is 2024's.
    const same = regionAudit(ws, data, region, await harvestImports(ws, data, 2023));
    expect(same.unchecked.map((m) => m.code)).toContain('audit_unchecked_harvest');
  });
});
