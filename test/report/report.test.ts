/**
 * The generated report for the reference region: it holds the seed report's residue totals, actor
 * counts and scenario values; the workbook's SUM formulas equal the HTML's totals; a municipality
 * without data says so; the English report is English; the same inputs give the same bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { fmt } from '../../src/report/format.ts';
import { dosDateTime, zipEntryDates } from '../../src/report/zip-dates.ts';
import { data, MISSING_REGION, NOW, type TestReport, testReport } from './helpers.ts';

interface Seed {
  residues_tonnes_wet_region_total: Record<string, number | string[]>;
  actors_brreg: { total_organisations: number; by_form: Record<string, number> };
  scenarios: {
    insect_meal: { value_mnok: number };
    bark_pyrolysis: { products: { product: string; value_mnok: number }[] };
    biomethane: { products: { product: string; value_mnok: number }[] };
  };
}
const seed = JSON.parse(
  readFileSync(join(data.dataDir, 'sources/seed/reference-region.json'), 'utf8'),
) as Seed;

async function workbook(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  return wb;
}

/** Sheet name → table title, from the README sheet. */
function sheetTitles(wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  wb.worksheets[0]?.eachRow((row, n) => {
    if (n <= 5) return;
    out.set(String(row.getCell(1).value), String(row.getCell(2).value));
  });
  return out;
}

function rowsOf(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => {
    rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return rows;
}

/** "58 803" / "1 555,1" → 58803 / 1555.1 */
function parseNb(text: string): number {
  return Number(text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
}

let nb: TestReport;
beforeAll(async () => {
  nb = await testReport();
});

describe('the reference region’s report', () => {
  it('holds the seed report’s residue totals per kind (to the rounding of twelve municipalities)', async () => {
    const wb = await workbook(nb.xlsx);
    const sheet = wb.getWorksheet('Restråstoff sum');
    expect(sheet).toBeDefined();
    const rows = rowsOf(sheet as ExcelJS.Worksheet);
    let checked = 0;
    for (const [kind, stated] of Object.entries(seed.residues_tonnes_wet_region_total)) {
      if (typeof stated !== 'number' || kind === 'total_reported') continue;
      const name = data.kinds.find((k) => k.id === kind)?.name.nb;
      const row = rows.find((r) => r[0] === name);
      expect(row, kind).toBeDefined();
      // Each municipality's figure is rounded to whole tonnes: at most 12 × 0.5 t off the calibrated total.
      expect(Math.abs((row?.[1] as number) - stated), kind).toBeLessThanOrEqual(6);
      expect(nb.html).toContain(fmt(row?.[1] as number, 'nb'));
      checked++;
    }
    expect(checked).toBe(11);
  });

  it('holds the actor counts (the report’s own, since the register is not imported here)', () => {
    expect(nb.html).toContain('Enhetsregisteret er ikke importert');
    expect(nb.html).toContain(fmt(seed.actors_brreg.total_organisations, 'nb'));
    for (const n of Object.values(seed.actors_brreg.by_form)) expect(nb.html).toContain(`>${fmt(n, 'nb')}<`);
  });

  it('writes the audit for the client: no ids on the page, the ids in a column of the workbook’s sheet', async () => {
    const wb = await workbook(nb.xlsx);
    const rows = rowsOf(wb.getWorksheet('Kontroll') as ExcelJS.Worksheet);
    expect(rows[0]).toEqual([
      'Alvor',
      'Oppgitt',
      'Beregnet',
      'Funn',
      'Står i',
      'Spennets kilde',
      'Id (for programmer)',
    ]);
    const veg = rows.find((r) => r[6] === 'vegetables.residue');
    expect(veg?.[0]).toBe('feil');
    expect(veg?.[4]).toBe('rapportens avsnitt «Restråstoffer i regionen»');
    const capex = rows.find((r) => r[6] === 'insect.capex');
    expect(String(capex?.[5])).toMatch(/InnovaFeed/);
    expect(String(capex?.[3])).not.toMatch(/InnovaFeed/);
    const from = nb.html.indexOf('id="revisjon"');
    const page = nb.html.slice(from, nb.html.indexOf('</table>', from));
    expect(page).toContain('rapportens restråstofftabell, summeraden');
    expect(page).not.toContain('<th>Id');
    // (A citation may name the report's file as its source: it stands as cited, in its own column.)
    for (const id of ['vegetables.residue', 'insect.capex', 'actors_brreg', 'market_outlook', 'steps.'])
      expect(page, id).not.toContain(id);
  });

  it('holds the worked scenarios’ values', async () => {
    const wb = await workbook(nb.xlsx);
    const rows = rowsOf(wb.getWorksheet('Scenarier') as ExcelJS.Worksheet);
    const value = (product: string) => rows.find((r) => r[1] === product)?.[5];
    expect(value('insektmel')).toBe(seed.scenarios.insect_meal.value_mnok);
    for (const p of [...seed.scenarios.bark_pyrolysis.products, ...seed.scenarios.biomethane.products])
      expect(value(p.product), p.product).toBe(p.value_mnok);
    for (const id of ['rapport-insekt', 'rapport-pyrolyse', 'rapport-biometan', 'rapport-slakteavfall']) {
      const name = (await import('./helpers.ts')).lib.scenarios.find((s) => s.id === id)?.name.nb;
      expect(nb.html).toContain(name as string);
    }
  });

  it('gives each worked example twice, with its causes, and its feed against the region', async () => {
    const wb = await workbook(nb.xlsx);
    const sheets = wb.worksheets.filter((w) => w.name.startsWith('Regnet dobbelt'));
    expect(sheets.length).toBe(4);
    // The pyrolysis example: revenue 380.0 MNOK as stated (13 000 × 15 000 + 18 500 × 10 000 NOK).
    const pyrolysis = sheets.map(rowsOf).find((rows) => rows.some((r) => r[0] === 'Biokull: verdi'));
    const revenue = pyrolysis?.find((r) => r[0] === 'Inntekter');
    expect(revenue?.slice(1, 3)).toEqual(['MNOK', 380]);
    // Its difference is explained: the yields [1] and the biochar price [3].
    expect(revenue?.[5]).toMatch(/^\[1\] \+[\d,\s]+; \[3\] \+[\d,\s]+$/);
    // 50 000 t DM of bark against the region's 53 167 t wet × 0.45 = 23 925 t DM.
    expect(nb.html).toMatch(
      /Bark: scenarioet bruker 50\s000 tonn TS i året[^<]*er 23\s925 tonn TS: 26\s075 tonn TS mer/,
    );
    expect(nb.html).toMatch(/\[3\] Pris på biokull: 10\s000 NOK\/t \(biblioteket/);
  });

  it('has every section of the seed report’s structure, each with prose', () => {
    const { document } = parseHTML(nb.html);
    const ids = [...document.querySelectorAll('section')].map((s) => s.getAttribute('id'));
    expect(ids).toEqual([
      'verdipyramiden',
      'regionen',
      'aktorer',
      'jordbruk',
      'skogbruk',
      'restrastoff',
      'anlegg',
      'verdi',
      'scenarier',
      'allokering',
      'nedslagsfelt',
      'usikkerhet',
      'revisjon',
      'kilder',
    ]);
    for (const s of document.querySelectorAll('section')) expect(s.querySelector('p'), s.id).not.toBeNull();
    // Maps, charts and the Sankey are inline SVG; nothing is fetched and no script runs.
    expect(document.querySelectorAll('svg').length).toBeGreaterThanOrEqual(8);
    expect(nb.html).not.toMatch(/<script|<link|src="http|url\(http/);
    expect(nb.html).toContain('Generert 2026-01-15');
  });

  it('gives P10–P90 of NOK and CO2e around the allocation’s own value, and the tornado as SVG', () => {
    const section = nb.report.sections.find((s) => s.id === 'usikkerhet');
    const table = section?.blocks.find((b) => 'table' in b);
    const rows = table && 'table' in table ? table.table.rows : [];
    const allocation = rows[0] as number[] & [string, ...number[]];
    // Central, P10, P50, P90 in MNOK, then in t CO2e: the central values are the optimum's.
    expect(allocation[1]).toBeCloseTo((nb.report.allocation?.valueNok ?? 0) / 1e6, 1);
    expect(allocation[5]).toBeCloseTo(nb.report.allocation?.co2eTonnes ?? 0, 0);
    for (const row of rows) {
      const [, , p10, p50, p90, , c10, c50, c90] = row as number[];
      expect(p10).toBeLessThanOrEqual(p50 as number);
      expect(p50).toBeLessThanOrEqual(p90 as number);
      expect(c10).toBeLessThanOrEqual(c50 as number);
      expect(c50).toBeLessThanOrEqual(c90 as number);
    }
    expect(section?.blocks.some((b) => 'html' in b && b.html.includes('<svg'))).toBe(true);
  });

  it('writes totals as SUM formulas whose results equal the cells above them and the HTML’s totals', async () => {
    const wb = await workbook(nb.xlsx);
    const { document } = parseHTML(nb.html);
    const captions = [...document.querySelectorAll('table')].map((t) => ({
      title: t.querySelector('caption')?.firstChild?.textContent?.trim() ?? '',
      foot: [...t.querySelectorAll('tfoot td')].map((td) => td.textContent ?? ''),
    }));
    let formulas = 0;
    let againstHtml = 0;
    for (const [sheetName, title] of sheetTitles(wb)) {
      const ws = wb.getWorksheet(sheetName) as ExcelJS.Worksheet;
      const last = ws.getRow(ws.rowCount);
      const html = captions.find((c) => c.title === title);
      last.eachCell((cell, col) => {
        const v = cell.value as ExcelJS.CellFormulaValue;
        if (!v || typeof v !== 'object' || !('formula' in v)) return;
        const m = /^SUM\(([A-Z]+)2:\1(\d+)\)$/.exec(v.formula);
        expect(m, `${sheetName} ${v.formula}`).not.toBeNull();
        let sum = 0;
        for (let r = 2; r <= Number(m?.[2]); r++) {
          const x = ws.getRow(r).getCell(col).value;
          if (typeof x === 'number') sum += x;
        }
        // exceljs's reader drops a result of 0 (the file holds <v>0</v>): read it back as 0.
        expect((v.result ?? 0) as number, `${sheetName} column ${col}`).toBeCloseTo(sum, 6);
        formulas++;
        if (html) {
          expect(parseNb(html.foot[col - 1] ?? ''), `${sheetName} column ${col} in the HTML`).toBeCloseTo(
            sum,
            6,
          );
          againstHtml++;
        }
      });
    }
    expect(formulas).toBeGreaterThan(40);
    expect(againstHtml).toBeGreaterThan(30);
  });

  it('has a README sheet naming every sheet and a coefficients sheet with sources', async () => {
    const wb = await workbook(nb.xlsx);
    expect(wb.worksheets[0]?.name).toBe('LESMEG');
    const listed = [...sheetTitles(wb).keys()];
    expect(listed).toEqual(wb.worksheets.slice(1).map((w) => w.name));
    const coefficients = rowsOf(wb.getWorksheet('Koeffisienter') as ExcelJS.Worksheet);
    expect(coefficients[0]?.[0]).toBe('Id');
    for (const c of data.profiles.find((p) => p.id === 'report')?.coefficients ?? [])
      expect(
        coefficients.some((r) => r[0] === c.id),
        c.id,
      ).toBe(true);
    expect(coefficients.slice(1).every((r) => String(r[8] ?? '').length > 10)).toBe(true);
  });
});

describe('determinism', () => {
  it('gives byte-identical HTML and XLSX for the same data and options', async () => {
    const again = await testReport();
    expect(again.html).toBe(nb.html);
    expect(again.xlsx.equals(nb.xlsx)).toBe(true);
  });

  it('pins every zip entry’s date to the generation date', () => {
    const { time, date } = dosDateTime(NOW);
    const entries = zipEntryDates(nb.xlsx);
    expect(entries.length).toBeGreaterThan(10);
    for (const e of entries) expect([e.name, e.time, e.date]).toEqual([e.name, time, date]);
  });

  it('differs only in the stated date when the clock differs', async () => {
    const later = await testReport({ now: new Date('2027-03-04T08:00:00Z') });
    expect(later.html).not.toBe(nb.html);
    expect(later.html.replaceAll('2027-03-04', '2026-01-15')).toBe(nb.html);
  });
});

describe('a region with a municipality lacking data', () => {
  it('says so in the report and the workbook instead of showing zero', async () => {
    const r = await testReport({ region: MISSING_REGION.id }, [MISSING_REGION]);
    expect(r.html).toContain('Mangler statistikk for Ringsaker');
    const { document } = parseHTML(r.html);
    const residueTable = [...document.querySelectorAll('table')].find((t) =>
      t.querySelector('caption')?.textContent?.startsWith('Restråstoff per kommune og fraksjon'),
    );
    const ringsaker = [...(residueTable?.querySelectorAll('tbody tr') ?? [])].find((tr) =>
      tr.textContent?.startsWith('Ringsaker'),
    );
    const cells = [...(ringsaker?.querySelectorAll('td') ?? [])].slice(1).map((td) => td.textContent);
    // Ringsaker has livestock (manure) but no crop areas or harvest in data/.
    expect(cells).toContain('mangler data');
    expect(cells.filter((c) => c === '0')).toEqual([]);
    const wb = await workbook(r.xlsx);
    const rows = rowsOf(wb.getWorksheet('Restråstoff per kommune') as ExcelJS.Worksheet);
    expect(rows.find((row) => row[0] === 'Ringsaker')).toContain('mangler data');
    // The test region has no sites file: the allocation says why it was not run.
    expect(r.html).toContain('Fordelingen kunne ikke beregnes: Regionen test-missing-data har ingen anlegg');
  });
});

describe('the English report', () => {
  it('is in English, numbers in English style', async () => {
    const en = await testReport({ lang: 'en' });
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('Residual raw materials in Gjøvik, Hadeland og Ringerike');
    expect(en.html).toContain('Generated 2026-01-15');
    expect(en.html).toContain(fmt(seed.actors_brreg.total_organisations, 'en'));
    expect(en.html).toContain('30,015');
    for (const word of ['Kommune<', 'mangler data', 'Verdipyramiden', 'Generert'])
      expect(en.html).not.toContain(word);
    const wb = await workbook(en.xlsx);
    expect(wb.worksheets[0]?.name).toBe('README');
  });
});

describe('users’ scenarios in the store', () => {
  it('are run and shown beside the report’s worked examples', async () => {
    const { openStore } = await import('../../src/store/database.ts');
    const { lib } = await import('./helpers.ts');
    const store = await openStore({ file: ':memory:' });
    try {
      const base = lib.scenarios.find((s) => s.id === 'rapport-insekt');
      const mine = { ...base, id: 'min-insekt', name: { nb: 'Mitt insektanlegg', en: 'My insect plant' } };
      await store.db
        .insertInto('scenarios')
        .values({
          id: mine.id,
          name: mine.name.nb,
          builtin: 0,
          body_json: JSON.stringify(mine),
          updated_at: NOW.toISOString(),
        })
        .execute();
      const r = await testReport({ draws: 50 }, [], store.db);
      expect(r.html).toContain('<strong>Mitt insektanlegg</strong> (brukerscenario)');
      expect(r.html).toContain('I tillegg er 1 brukerscenario fra databasen tatt med.');
    } finally {
      await store.close();
    }
  });
});
