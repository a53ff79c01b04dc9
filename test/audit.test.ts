/**
 * The audit end to end: what it finds in the report's own figures (data/sources/seed/reference-region.json),
 * errors planted in a copy of data/, and nothing (beyond two findings no data can avoid, explained
 * below) in a seed built to be consistent.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { audit, type Finding } from '../src/domain/audit.ts';
import { scenarioStatements } from '../src/domain/audit-scenarios.ts';
import { hydrogenFraction } from '../src/domain/chemistry.ts';
import { loadLibrary } from '../src/ingest/library.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';
import { type Seed, seedSchema, seedStatements, type TextFigures } from '../src/ingest/seed-statements.ts';
import { renderMessage } from '../src/messages/catalogue.ts';
import { BOKMAL, ENGLISH } from '../src/messages/words/tell-tales.ts';

const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
const SEED_FILE = 'sources/seed/reference-region.json';
const readSeedRaw = (dir = dataDir): Record<string, unknown> =>
  JSON.parse(readFileSync(join(dir, SEED_FILE), 'utf8')) as Record<string, unknown>;
const seed: Seed = seedSchema.parse(readSeedRaw());
const data = loadReferenceData(dataDir);
const lib = loadLibrary(data.kinds, dataDir);
const literature = data.profiles.find((p) => p.id === 'literature');

interface AuditJson {
  region: string;
  checked: number;
  findings: Finding[];
}

async function runAudit(
  dir?: string,
  ...args: string[]
): Promise<{ code: number; out: AuditJson; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    ['node', 'restverdi', 'audit', '--format', 'json', ...args],
    {
      out: (s) => {
        stdout += s;
      },
      err: (s) => {
        stderr += s;
      },
    },
    dir,
  );
  return { code, out: code === 0 ? (JSON.parse(stdout) as AuditJson) : ({} as AuditJson), stderr };
}

function findingOf(findings: Finding[], id: string): Finding {
  const f = findings.find((x) => x.id === id);
  expect(f, `finding ${id} among ${findings.map((x) => x.id).join(', ')}`).toBeDefined();
  return f as Finding;
}

describe('audit of the reference region (the report as transcribed)', async () => {
  const { code, out, stderr } = await runAudit();

  it('exits 0 and returns findings with id, severity, stated, computed, message and source', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(out.region).toBe('gjovik-hadeland-ringerike');
    expect(out.checked).toBeGreaterThan(out.findings.length);
    expect(out.findings.length).toBeGreaterThan(0);
    for (const f of out.findings) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['id', 'severity', 'stated', 'computed', 'message', 'source']),
      );
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(typeof f.stated).toBe('number');
      expect(typeof f.computed).toBe('number');
      expect(f.message.code).toMatch(/^audit_/);
      expect(f.source.length).toBeGreaterThan(3);
    }
  });

  it('writes every finding for the client: bokmål without English, where in words, no ids in the text', async () => {
    const said = (m: unknown) => (m as { text?: string } | undefined)?.text ?? '';
    const en = await runAudit(undefined, '--lang', 'en');
    for (const [i, f] of out.findings.entries()) {
      const nb = `${said(f.message)} ${said(f.where)}`;
      expect(said(f.where), f.id).not.toBe('');
      expect(nb, f.id).not.toMatch(ENGLISH);
      // The transcription's ids and paths stay in id and source.
      expect(nb, f.id).not.toMatch(
        /report\.txt|actors_brreg|market_outlook|steps\.|prices\.|[a-z]+_[a-z]+\./,
      );
      expect(nb, f.id).not.toContain(f.id);
      // The range's source stands apart, as cited, and never inside the sentence.
      if (f.citation) expect(said(f.message), f.id).not.toContain(f.citation.slice(0, 30));
      // In English, a section or scenario of the report is quoted by its (Norwegian) title.
      expect(said(en.out.findings[i]?.where).replace(/“[^”]*”/g, ''), f.id).not.toMatch(BOKMAL);
    }
  });

  it('lists the worst first', () => {
    const order = { error: 0, warning: 1, info: 2 } as const;
    const ranks = out.findings.map((f) => order[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("finds the vegetable-residue formula: 0.15 × 4 t/daa × the table's area, not 80 000 t", () => {
    const f = findingOf(out.findings, 'vegetables.residue');
    const area =
      (seed.agriculture_daa.sum.gronnsaker_pa_friland ?? 0) + (seed.agriculture_daa.sum.potet ?? 0);
    expect(area).toBe(23530);
    expect(f.severity).toBe('error');
    expect(f.stated).toBe(80000);
    expect(f.computed).toBeCloseTo(0.15 * 4 * area, 6);
    expect(renderMessage(f.message, 'en')).toContain('(1 − 0.15)');
  });

  it('finds that the biomethane example holds more hydrogen than the methane has', () => {
    const f = findingOf(out.findings, 'biomethane.hydrogen-balance');
    const bio = seed.scenarios.biomethane;
    const pe = bio.products.find((p) => p.product === 'polyetylen')?.tonnes as number;
    const h2 = bio.products.find((p) => p.product === 'hydrogen')?.tonnes as number;
    expect(f.severity).toBe('error');
    expect(f.computed).toBeCloseTo(bio.green_methane_tonnes * hydrogenFraction(1, 4), 6);
    expect(f.stated).toBeCloseTo(pe * hydrogenFraction(2, 4) + h2, 6);
    expect(f.stated).toBeGreaterThan(f.computed);
  });

  it('checks the market rows against both readings of "2020–2030": ten compoundings, or nine', () => {
    const years =
      Number(seed.market_outlook_bn_usd.columns[2]) - Number(seed.market_outlook_bn_usd.columns[0]);
    expect(years).toBe(10);
    const market = out.findings.filter((f) => f.id.startsWith('market.'));
    expect(market.length).toBeGreaterThanOrEqual(3);
    for (const f of market) {
      const row = seed.market_outlook_bn_usd.rows[f.id.slice('market.'.length)];
      expect(row, f.id).toBeDefined();
      const [start, rate, end] = row as [number, number, number];
      expect(f.stated).toBe(end);
      // A row that fits nine compoundings (a period 2021–2030 on a 2020 base) is no error: the
      // finding says that reading fits, with its figure.
      const nine = f.message.code === 'audit_growth_convention';
      expect(f.computed).toBeCloseTo(start * (1 + rate) ** (nine ? years - 1 : years), 9);
      if (nine) expect(f.severity).toBe('info');
    }
    // The hand computations: 7.23 × 1.088⁹ = 15.45 ≈ 15.4; 2.65 × 1.078⁹ = 5.21; 14.8 × 1.11⁹ = 37.9.
    for (const [id, nine] of [
      ['market.marin_fotosyntese', 15.45],
      ['market.sopp_og_gjaer', 5.21],
      ['market.proteinforedling', 37.86],
    ] as const) {
      const f = findingOf(out.findings, id);
      expect(f.severity, id).toBe('info');
      expect(f.message.code, id).toBe('audit_growth_convention');
      expect(f.computed, id).toBeCloseTo(nine, 2);
    }
    // No market row is an error any more: each fits one reading or lies within the rounding of its inputs.
    expect(market.filter((f) => f.severity === 'error').map((f) => f.id)).toEqual([]);
  });

  it('warns that the biochar yield 0.37 lies outside the library range', () => {
    const f = findingOf(out.findings, 'pyrolysis.biokull.yield');
    const y = lib.technologies
      .find((t) => t.id === 'slow-pyrolysis')
      ?.outputs.find((o) => o.product === 'biokull')?.yield;
    expect(f.severity).toBe('warning');
    expect(f.stated).toBe(0.37);
    expect(f.computed).toBe(y?.value);
    expect(f.stated).toBeGreaterThan(y?.high as number);
  });

  // With the published ranges (coefficients.md E2, F) no longer widened to take in the report.
  it('warns that the report’s insect-plant capex of 20 NOK/kg lies below the published 30–90', () => {
    const f = findingOf(out.findings, 'insect.capex');
    expect(f).toMatchObject({ severity: 'warning', stated: 20, computed: 45 });
    expect(f.message.params).toMatchObject({ low: 30, high: 90 });
  });

  it('warns that the report’s insect meal at 12 000 NOK/t lies below USD 2 000–5 000', () => {
    const f = findingOf(out.findings, 'rapport-insekt.price.insektmel');
    const usd = lib.rates.rates.get('USD')?.nokPerUnit as number;
    expect(f).toMatchObject({ severity: 'warning', stated: 12000 });
    expect(f.computed).toBeCloseTo(3000 * usd, 6);
    expect(f.message.params).toMatchObject({ low: expect.closeTo(2000 * usd, 6) });
    expect(12000 / usd).toBeLessThan(2000);
  });

  it('warns that the report’s polyethylene at 24 000 NOK/t (CO2 premium included) lies above EUR 1 000–1 600', () => {
    const f = findingOf(out.findings, 'rapport-biometan.price.polyetylen');
    const eur = lib.rates.rates.get('EUR')?.nokPerUnit as number;
    expect(f).toMatchObject({ severity: 'warning', stated: 24000 });
    expect(f.message.params).toMatchObject({ high: expect.closeTo(1600 * eur, 6) });
    expect(24000 / eur).toBeGreaterThan(1600);
  });

  it('says the bio-oil and hydrogen price checks compare the report with itself (info, no confirmation)', () => {
    for (const id of ['rapport-pyrolyse.price.bioolje', 'rapport-biometan.price.hydrogen']) {
      const f = findingOf(out.findings, id);
      expect(f.severity, id).toBe('info');
      expect(f.message.code, id).toBe('audit_range_self');
      expect(f.difference, id).toBe(0);
      expect(renderMessage(f.message, 'en'), id).toContain('compare the report with itself');
      expect(renderMessage(f.message, 'nb'), id).toContain('sammenlignet rapporten med seg selv');
    }
  });

  it('reports the residue total 964 681 against the parts 964 682 as rounding (info)', () => {
    const f = findingOf(out.findings, 'residues.total');
    expect(f).toMatchObject({ severity: 'info', stated: 964681, computed: 964682, difference: -1 });
  });

  it('reads the organisations by form as the report does: the six forms listed, the rest other forms', () => {
    const f = findingOf(out.findings, 'actors.by-form');
    const a = seed.actors_brreg;
    expect(f.stated).toBe(a.total_organisations);
    // 9 795 AS + 13 759 ENK + 243 SA + 6 IKS + 5 KF + 1 ASA = 23 809; 30 015 − 23 809 = 6 206 other forms.
    expect(f.computed).toBe(23809);
    expect(f.severity).toBe('info');
    expect(f.message).toMatchObject({ code: 'audit_sum_rest', params: { rest: 6206 } });
  });

  it('does not call the insect CO2e an error: 21 000 t fits 5.6 kg CO2e per kg, inside the library’s 1.6–6.7', () => {
    const f = findingOf(out.findings, 'insect.co2e');
    // 21 000 t ÷ (5 000 t insect meal × 0.75 t soy replaced per t) = 5.6 kg CO2e per kg soy.
    expect(f.severity).toBe('info');
    expect(f.message).toMatchObject({ code: 'audit_product_in_range', params: { low: 1.6, high: 6.7 } });
    expect((f.message.params as { implied: number }).implied).toBeCloseTo(5.6, 10);
  });

  it('does not flag what adds up: the area and harvest tables, the pyrolysis values', () => {
    const ids = out.findings.map((f) => f.id);
    expect(ids.filter((id) => id.startsWith('agriculture.') || id.startsWith('harvest.'))).toEqual([]);
    expect(ids).not.toContain('pyrolysis.biokull.value');
    expect(ids).not.toContain('pyrolysis.bioolje.value');
    expect(ids).not.toContain('pyrolysis.mass-balance');
    expect(ids).not.toContain('insect.value');
  });

  it('refuses an unknown region (exit 2)', async () => {
    const r = await runAudit(undefined, '--region', 'atlantis');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('atlantis');
  });
});

describe('audit finds errors planted in a copy of data/', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'restverdi-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(dataDir, dir, { recursive: true });
  const raw = readSeedRaw(dir) as {
    agriculture_daa: { rows: Record<string, Record<string, number>>; sum: Record<string, number> };
    scenarios: { bark_pyrolysis: { products: { product: string; value_mnok: number; tonnes: number }[] } };
    market_outlook_bn_usd: { rows: Record<string, [number, number, number]> };
  };
  const municipality = Object.keys(raw.agriculture_daa.rows)[0] as string;
  const byggRow = raw.agriculture_daa.rows[municipality] as Record<string, number>;
  const byggSum = raw.agriculture_daa.sum.bygg as number;
  byggRow.bygg = (byggRow.bygg as number) + 1000;
  const biochar = raw.scenarios.bark_pyrolysis.products.find((p) => p.product === 'biokull');
  if (!biochar) throw new Error('no biokull in the seed');
  const biocharValue = biochar.value_mnok;
  biochar.value_mnok = 158;
  const fertiliser = raw.market_outlook_bn_usd.rows.gjodselproduksjon as [number, number, number];
  fertiliser[2] = 300;
  // One row made to compound exactly: its finding must go away.
  const biokullMarket = raw.market_outlook_bn_usd.rows.biokull as [number, number, number];
  biokullMarket[2] = biokullMarket[0] * (1 + biokullMarket[1]) ** 10;
  writeFileSync(join(dir, SEED_FILE), JSON.stringify(raw, null, 2));

  const { code, out, stderr } = await runAudit(dir);

  it('runs on the copy', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('finds the column sum of bygg off by the 1 000 daa planted in one municipality', () => {
    const f = findingOf(out.findings, 'agriculture.sum.bygg');
    expect(f.stated).toBe(byggSum);
    expect(f.computed).toBe(byggSum + 1000);
    expect(f.difference).toBe(-1000);
    expect(f.severity).toBe('warning');
    // The column in words, in the reader's language (its id `bygg` stays in the finding's id).
    expect(renderMessage(f.message, 'en')).toMatch(
      /^The sum of barley over the municipalities in the report’s farmland table/,
    );
    expect(renderMessage(f.message, 'nb')).toMatch(/^Summen av bygg over kommunene i rapportens arealtabell/);
    expect(renderMessage(f.where as Finding['message'], 'nb')).toBe('rapportens arealtabell, summeraden');
    // Only the planted column is off.
    expect(out.findings.filter((x) => x.id.startsWith('agriculture.')).map((x) => x.id)).toEqual([
      'agriculture.sum.bygg',
    ]);
  });

  it('finds the wrong biochar value (tonnes × price ≠ value_mnok)', () => {
    const f = findingOf(out.findings, 'pyrolysis.biokull.value');
    expect(f.stated).toBe(158);
    expect(f.computed).toBeCloseTo(biocharValue, 6);
    expect(f.computed).toBeCloseTo((biochar.tonnes * 10000) / 1e6, 6);
    expect(renderMessage(f.message, 'en')).toContain('158');
  });

  it('finds the planted 2030 value of a market row, and no longer flags the row made to compound', () => {
    const f = findingOf(out.findings, 'market.gjodselproduksjon');
    expect(f.stated).toBe(300);
    expect(f.computed).toBeCloseTo(fertiliser[0] * (1 + fertiliser[1]) ** 10, 9);
    expect(f.severity).toBe('error');
    expect(out.findings.map((x) => x.id)).not.toContain('market.biokull');
  });
});

/** A seed report whose figures are consistent by construction, using the library's own factors. */
function consistentSeed(options: { hydrogen: boolean }): Seed {
  const columns = seed.agriculture_daa.columns;
  const row = (veg: number, potato: number, grain: [number, number, number]): Record<string, number> => {
    const [havre, bygg, kveite] = grain;
    const anna = 1000;
    const fulldyrkaEng = 4000;
    const korn = havre + bygg + kveite;
    const aker = veg + potato + korn + 500;
    const fulldyrkaJord = aker + fulldyrkaEng;
    return {
      anna_eng_og_beite: anna,
      fulldyrka_eng: fulldyrkaEng,
      eng_til_slatt_og_beite: anna + fulldyrkaEng,
      gronnsaker_pa_friland: veg,
      gronfor_og_silovekstar: 500,
      potet: potato,
      havre,
      bygg,
      kveite,
      korn_og_oljevekstar_til_mogning: korn,
      aker_og_hage: aker,
      fulldyrka_jord: fulldyrkaJord,
      jordbruksareal_i_drift: fulldyrkaJord + anna,
    };
  };
  // 23 530 daa of vegetables and potatoes, the figure the report's text states.
  const rows = { '1001': row(10000, 2000, [3000, 4000, 2000]), '1002': row(11000, 530, [1500, 2500, 1000]) };
  const sumOf = (t: Record<string, Record<string, number>>, cols: string[]) =>
    Object.fromEntries(cols.map((c) => [c, Object.values(t).reduce((s, r) => s + (r[c] ?? 0), 0)]));

  const harvestCols = ['total', 'ved_til_brensel', 'lauv', 'furu', 'gran'];
  const harvest = (ved: number, lauv: number, furu: number, gran: number) => ({
    total: ved + lauv + furu + gran,
    ved_til_brensel: ved,
    lauv,
    furu,
    gran,
  });
  const harvestRows = { '1001': harvest(0, 1200, 8000, 60000), '1002': harvest(100, 300, 3000, 14000) };

  const residues = { halm: 50000, kornavrens: 20000, bark: 53167, husdyrgjodsel: 500000 };
  const total = Object.values(residues).reduce((s, v) => s + v, 0);

  const meal = lib.products.find((p) => p.id === 'insektmel')?.climate?.[0];
  if (!meal) throw new Error('insektmel has no climate factor');
  const bsfCapex = lib.technologies.find((t) => t.id === 'bsf-larver')?.capexNokPerTonneCapacity
    .value as number;
  const insectTonnes = 5000;

  const pyro = (id: string) =>
    lib.technologies.find((t) => t.id === 'slow-pyrolysis')?.outputs.find((o) => o.product === id)?.yield
      .value as number;
  const feed = 50000;
  const pyroProduct = (product: string, nokPerTonne: number) => {
    const y = pyro(product);
    const tonnes = feed * y;
    return { product, yield: y, tonnes, nok_per_tonne: nokPerTonne, value_mnok: tonnes * nokPerTonne * 1e-6 };
  };

  const methane = 7500;
  // Both products from the same methane, as in the report: the joint coupling route, a little under its ceiling.
  const coupling = lib.technologies.find((t) => t.id === 'methane-coupling');
  const yieldOf = (product: string) =>
    coupling?.outputs.find((o) => o.product === product)?.yield.value as number;
  const peTonnes = methane * yieldOf('polyetylen') * 0.99;
  const h2Tonnes = methane * yieldOf('hydrogen') * 0.99;
  // The hydrogen balance holds by construction.
  expect(peTonnes * hydrogenFraction(2, 4) + h2Tonnes).toBeLessThan(methane * hydrogenFraction(1, 4));
  const bioProducts = [
    { product: 'polyetylen', tonnes: peTonnes, nok_per_tonne: 24000, value_mnok: peTonnes * 24000 * 1e-6 },
    ...(options.hydrogen
      ? [{ product: 'hydrogen', tonnes: h2Tonnes, nok_per_tonne: 33000, value_mnok: h2Tonnes * 33000 * 1e-6 }]
      : []),
  ];

  const market = (start: number, rate: number): [number, number, number] => [
    start,
    rate,
    start * (1 + rate) ** 10,
  ];

  const byForm = { AS: 100, ENK: 200, SA: 3 };
  return seedSchema.parse({
    agriculture_daa: { columns, rows, sum: sumOf(rows, columns) },
    forestry_harvest_m3_2024: {
      columns: harvestCols,
      rows: harvestRows,
      sum: sumOf(harvestRows, harvestCols),
    },
    residues_tonnes_wet_region_total: { ...residues, total_reported: total, notes: ['built for the test'] },
    actors_brreg: { total_organisations: 303, by_form: byForm },
    scenarios: {
      insect_meal: {
        tonnes_dm: insectTonnes,
        nok_per_tonne: 12000,
        value_mnok: insectTonnes * 12000 * 1e-6,
        co2e_change_tonnes: insectTonnes * meal.tonnesReplacedPerTonne.value * meal.kgCo2ePerKgReplaced.value,
        capex_nok_per_kg_capacity: bsfCapex / 1000,
      },
      bark_pyrolysis: {
        feed_tonnes_dm_bark: feed,
        products: [pyroProduct('bioolje', 15000), pyroProduct('biokull', 10000)],
      },
      biomethane: { green_methane_tonnes: methane, products: bioProducts },
    },
    market_outlook_bn_usd: {
      columns: ['2020', 'cagr', '2030'],
      rows: { a: market(100, 0.05), b: market(2.65, 0.078), c: market(0.2, 0.13) },
    },
  });
}

/** The report's sentence figures, made consistent with a seed: 15 % of 4 t/daa on the seed's area. */
function consistentText(seed: Seed): TextFigures {
  const area = (seed.agriculture_daa.sum.gronnsaker_pa_friland ?? 0) + (seed.agriculture_daa.sum.potet ?? 0);
  const wet = 0.15 * 4 * area;
  return {
    vegetableResidues: {
      section: 'test',
      leftInFieldShare: 0.05,
      sortedOutShare: 0.1,
      yieldTonnesPerDaa: 4,
      areaDaa: area,
      statedTonnesWet: wet,
      dmShare: 0.2,
      statedTonnesDm: wet * 0.2,
    },
    polyethylenePrice: { section: 'test', marketNokPerKg: 12, co2PriceNokPerKg: 3, co2eSavedKgPerKg: 4 },
    hydrogenPrice: { section: 'test', nokPerKwh: 1, kwhPerKg: 33 },
  };
}

/** Straw and cleanings as the literature profile would make them from the seed's grain area. */
function withLiteratureResidues(seed: Seed): Seed {
  const agri = seed.agriculture_daa.sum;
  const coef = (id: string) => literature?.coefficients.find((c) => c.id === id);
  const grain = ['bygg', 'havre', 'kveite'].reduce(
    (s, c) => s + (agri[c] ?? 0) * ((coef(`yield.${c}`)?.value ?? 0) / 1000),
    0,
  );
  const residues = { ...(seed.residues_tonnes_wet_region_total as Record<string, unknown>) };
  residues.halm = grain * (coef('straw-ratio.bygg')?.value ?? 0);
  residues.kornavrens = grain * ((coef('kornavrens.share')?.value ?? 0) / 100);
  residues.total_reported = Object.entries(residues)
    .filter(([k, v]) => typeof v === 'number' && k !== 'total_reported')
    .reduce((s, [, v]) => s + (v as number), 0);
  return { ...seed, residues_tonnes_wet_region_total: residues };
}

describe('audit of data built to be consistent', () => {
  it('finds nothing', () => {
    const seed = withLiteratureResidues(consistentSeed({ hydrogen: true }));
    const statements = seedStatements(seed, lib, literature, consistentText(seed));
    const ids = statements.map((s) => s.id);
    // Every kind of statement is there, so "no finding" is not for want of checks.
    for (const id of [
      'agriculture.sum.bygg',
      'agriculture.1001.fulldyrka_jord',
      'harvest.sum.gran',
      'harvest.1002.total',
      'residues.total',
      'vegetables.area',
      'vegetables.residue',
      'vegetables.dm',
      'insect.value',
      'insect.co2e',
      'insect.capex',
      'pyrolysis.biokull.tonnes',
      'pyrolysis.bioolje.value',
      'pyrolysis.biokull.yield',
      'pyrolysis.mass-balance',
      'biomethane.polyetylen.value',
      'biomethane.polyetylen.yield',
      'biomethane.polyetylen.price',
      'biomethane.hydrogen.price',
      'biomethane.hydrogen-balance',
      'market.a',
      'actors.by-form',
    ]) {
      expect(ids, id).toContain(id);
    }
    expect(audit(statements)).toEqual([]);
  });

  it('finds nothing when the example makes no hydrogen either', () => {
    const seed = withLiteratureResidues(consistentSeed({ hydrogen: false }));
    expect(audit(seedStatements(seed, lib, literature, consistentText(seed)))).toEqual([]);
  });

  it('finds straw in line with the literature ratios when the straw is built from them', () => {
    expect(literature).toBeDefined();
    const base = consistentSeed({ hydrogen: false });
    const agri = base.agriculture_daa.sum;
    const yieldOf = (crop: string) =>
      literature?.coefficients.find((c) => c.id === `yield.${crop}`)?.value as number;
    const grain = ['bygg', 'havre', 'kveite'].reduce((s, c) => s + (agri[c] ?? 0) * (yieldOf(c) / 1000), 0);
    const ratios = literature?.coefficients.filter((c) => c.id.startsWith('straw-ratio.')) ?? [];
    const mean = ratios.reduce((s, c) => s + c.value, 0) / ratios.length;
    const residues = base.residues_tonnes_wet_region_total as Record<string, unknown>;
    const halm = grain * mean;
    const parts = Object.entries(residues).filter(
      ([k, v]) => typeof v === 'number' && k !== 'total_reported' && k !== 'halm',
    );
    const seedWithStraw: Seed = {
      ...base,
      residues_tonnes_wet_region_total: {
        ...residues,
        halm,
        total_reported: halm + parts.reduce((s, [, v]) => s + (v as number), 0),
      },
    };
    const statements = seedStatements(seedWithStraw, lib, literature);
    expect(statements.map((s) => s.id)).toContain('residues.halm.implied-ratio');
    const ids = audit(statements).map((f) => f.id);
    expect(ids).not.toContain('residues.halm.implied-ratio');
    expect(ids).not.toContain('residues.total');
  });

  it.each(lib.scenarios.map((s) => [s.id, s] as const))(
    'built-in scenario %s: its own statements give no error',
    (_id, scenario) => {
      const statements = scenarioStatements(scenario, lib);
      expect(statements.filter((s) => s.kind === 'balance').length).toBe(scenario.steps.length);
      const errors = audit(statements).filter((f) => f.severity === 'error');
      expect(errors).toEqual([]);
    },
  );

  it('flags a scenario step whose stated yield lies outside the library range (warning)', () => {
    const scenario = lib.scenarios.find((s) => s.id === 'rapport-pyrolyse');
    if (!scenario) throw new Error('no rapport-pyrolyse');
    const f = findingOf(audit(scenarioStatements(scenario, lib)), 'rapport-pyrolyse.pyrolyse.yield.biokull');
    expect(f).toMatchObject({ severity: 'warning', stated: 0.37, computed: 0.3 });
  });
});

describe('audit grading and units', () => {
  it('grades a planted biochar value_mnok of 158 (tonnes × price = 185) as an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restverdi-audit-'));
    cpSync(dataDir, dir, { recursive: true });
    const raw = JSON.parse(readFileSync(join(dir, SEED_FILE), 'utf8'));
    raw.scenarios.bark_pyrolysis.products.find(
      (p: { product: string }) => p.product === 'biokull',
    ).value_mnok = 158;
    writeFileSync(join(dir, SEED_FILE), JSON.stringify(raw));
    let stdout = '';
    await main(
      ['node', 'restverdi', 'audit', '--format', 'json'],
      {
        out: (s) => {
          stdout += s;
        },
        err: () => {},
      },
      dir,
    );
    const f = (JSON.parse(stdout).findings as Finding[]).find((x) => x.id === 'pyrolysis.biokull.value');
    expect(f?.stated).toBe(158);
    expect(f?.severity).toBe('error');
  });

  it('does not flag grain cleanings at 2 % of the grain harvest (the literature share is 2 %)', () => {
    const seed = seedSchema.parse(JSON.parse(readFileSync(join(dataDir, SEED_FILE), 'utf8')));
    const agri = seed.agriculture_daa.sum;
    const yieldOf = (crop: string) =>
      literature?.coefficients.find((c) => c.id === `yield.${crop}`)?.value as number;
    const grain = ['bygg', 'havre', 'kveite'].reduce((s, c) => s + (agri[c] ?? 0) * (yieldOf(c) / 1000), 0);
    seed.residues_tonnes_wet_region_total.kornavrens = 0.02 * grain;
    const ids = audit(seedStatements(seed, lib, literature)).map((f) => f.id);
    expect(ids).not.toContain('residues.kornavrens.implied-share');
  });
});
