/**
 * The `restverdi` CLI end to end, in-process: `main(argv, io)` with captured output, against the
 * project's own data/. Expected figures are read from the data files (the seed report's residue
 * table, the profiles' recipes), not repeated as literals, except where a test pins them once.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createContext } from '../src/cli/context.ts';
import { buildProgram } from '../src/cli/main.ts';
import type { Coefficient, CoefficientProfile } from '../src/domain/coefficients.ts';
import { findObservation } from '../src/domain/observations.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';
import { run } from './helpers/cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const REGION = 'gjovik-hadeland-ringerike';

/** Runs and expects success with nothing on stderr. */
async function ok(...args: string[]): Promise<string> {
  const r = await run(...args);
  expect(r.stderr, `stderr of restverdi ${args.join(' ')}`).toBe('');
  expect(r.code, `exit code of restverdi ${args.join(' ')}`).toBe(0);
  return r.stdout;
}

async function json<T = Record<string, unknown>>(...args: string[]): Promise<T> {
  return JSON.parse(await ok(...args, '--format', 'json')) as T;
}

interface Row {
  municipality: string;
  kind: string;
  tonnesWet: number;
  tonnesDm: number;
  p10?: number;
  p50?: number;
  p90?: number;
}
interface ResiduesJson {
  region: string;
  profile: string;
  municipalities: string[];
  rows: Row[];
  totals: Omit<Row, 'municipality'>[];
}

const data = loadReferenceData();
const region = data.regions.find((r) => r.id === REGION);
if (!region) throw new Error(`reference region ${REGION} missing from data/regions`);
const profile = (id: string): CoefficientProfile => {
  const p = data.profiles.find((x) => x.id === id);
  if (!p) throw new Error(`profile ${id} missing`);
  return p;
};
const reportKinds = profile('report').recipes.map((r) => r.kind);
const seed = JSON.parse(
  readFileSync(new URL('../data/sources/seed/reference-region.json', import.meta.url), 'utf8'),
) as { residues_tonnes_wet_region_total: Record<string, unknown> };
const reportTargets = Object.entries(seed.residues_tonnes_wet_region_total).filter(
  (e): e is [string, number] => typeof e[1] === 'number' && e[0] !== 'total_reported',
);
const regionLabels = region.municipalities.map((nr) => `${nr} ${data.registry.municipalities.get(nr)?.name}`);

const relClose = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(
    rel * Math.abs(expected),
  );

describe('restverdi --help', () => {
  it('prints the program usage with every subcommand and exits 0', async () => {
    const out = await ok('--help');
    expect(out).toMatch(/^Usage: restverdi /);
    const commands = buildProgram(createContext({ out: () => {}, err: () => {} })).commands;
    expect(commands.length).toBeGreaterThan(0);
    for (const cmd of commands) expect(out).toContain(cmd.name());
  });

  const commands = buildProgram(createContext({ out: () => {}, err: () => {} })).commands.map((c) => ({
    name: c.name(),
    flags: c.options.map((o) => o.long ?? o.flags),
  }));
  it.each(commands)('prints usage for `$name --help` with all its options and exits 0', async (cmd) => {
    const out = await ok(cmd.name, '--help');
    expect(out).toContain(`Usage: restverdi ${cmd.name}`);
    for (const flag of cmd.flags) expect(out).toContain(flag);
  });
});

describe('restverdi residues', () => {
  it('gives one row per municipality (today’s number) and kind for the reference region', async () => {
    const est = await json<ResiduesJson>('residues');
    expect(est.region).toBe(REGION);
    expect(est.profile).toBe('report');
    expect(est.municipalities).toEqual(region.municipalities);
    expect(est.rows).toHaveLength(region.municipalities.length * reportKinds.length);
    const pairs = new Set(est.rows.map((r) => `${r.municipality}/${r.kind}`));
    for (const nr of region.municipalities)
      for (const kind of reportKinds) expect(pairs.has(`${nr}/${kind}`), `${nr}/${kind}`).toBe(true);
    for (const row of est.rows) {
      expect(data.registry.municipalities.has(row.municipality)).toBe(true);
      expect(Number.isFinite(row.tonnesWet) && row.tonnesWet >= 0, JSON.stringify(row)).toBe(true);
      expect(Number.isFinite(row.tonnesDm) && row.tonnesDm >= 0, JSON.stringify(row)).toBe(true);
    }
    expect(est.totals.map((t) => t.kind)).toEqual(reportKinds);
  });

  it('pins the seed report’s residue table (tonnes wet, region total)', () => {
    expect(Object.fromEntries(reportTargets)).toEqual({
      halm: 58_802,
      kornavrens: 28_090,
      grot: 128_837,
      bark: 53_167,
      sagflis: 34_861,
      celluloseflis: 133_295,
      rakapp: 2_418,
      torrkapp: 6_433,
      aske: 946,
      husdyrgjodsel: 508_471,
      matavfall: 9_362,
    });
  });

  it('reproduces every figure of the report’s residue table within 1 % with the report profile', async () => {
    const est = await json<ResiduesJson>('residues', '--profile', 'report');
    expect(reportTargets).toHaveLength(11);
    for (const [kind, target] of reportTargets) {
      const total = est.totals.find((t) => t.kind === kind);
      expect(total, kind).toBeDefined();
      relClose(total?.tonnesWet ?? Number.NaN, target, 0.01);
    }
  });

  it('sums the rows of each kind to its total', async () => {
    const est = await json<ResiduesJson>('residues');
    for (const total of est.totals) {
      const rows = est.rows.filter((r) => r.kind === total.kind);
      expect(rows).toHaveLength(region.municipalities.length);
      relClose(
        rows.reduce((s, r) => s + r.tonnesWet, 0),
        total.tonnesWet,
        1e-12,
      );
      relClose(
        rows.reduce((s, r) => s + r.tonnesDm, 0),
        total.tonnesDm,
        1e-12,
      );
    }
  });

  describe('--uncertainty', () => {
    const args = ['residues', '--uncertainty', '300'];

    it('gives byte-identical JSON for the same seed', async () => {
      const a = await ok(...args, '--seed', '42', '--format', 'json');
      const b = await ok(...args, '--seed', '42', '--format', 'json');
      expect(a).toBe(b);
      expect(JSON.parse(a).uncertainty).toEqual({
        draws: 300,
        seed: 42,
        distribution: 'coefficient ranges',
      });
    });

    it('gives different percentiles for a different seed but the same central values', async () => {
      const a = await json<ResiduesJson>(...args, '--seed', '42');
      const b = await json<ResiduesJson>(...args, '--seed', '43');
      const pct = (e: ResiduesJson) => e.totals.map((t) => [t.p10, t.p50, t.p90]);
      expect(pct(a)).not.toEqual(pct(b));
      expect(a.totals.map((t) => t.tonnesWet)).toEqual(b.totals.map((t) => t.tonnesWet));
    });

    it('keeps the central estimate equal to the plain estimate', async () => {
      const plain = await json<ResiduesJson>('residues');
      const mc = await json<ResiduesJson>(...args, '--seed', '42');
      expect(mc.rows.map(({ p10: _a, p50: _b, p90: _c, ...r }) => r)).toEqual(plain.rows);
    });

    it('orders p10 ≤ p50 ≤ p90 everywhere and spreads p10 < p90 for kinds with uncertain coefficients', async () => {
      const est = await json<ResiduesJson>(...args, '--seed', '42');
      const coefficients = new Map(profile('report').coefficients.map((c) => [c.id, c]));
      const uncertain = (c: Coefficient | undefined) =>
        c !== undefined && c.distribution !== 'fixed' && c.low < c.high;
      const uncertainKinds = new Set(
        profile('report')
          .recipes.filter((r) =>
            r.terms.some((t) => t.coefficients.some((id) => uncertain(coefficients.get(id)))),
          )
          .map((r) => r.kind),
      );
      expect(uncertainKinds.size).toBeGreaterThan(0);
      for (const r of [...est.rows, ...est.totals]) {
        const { p10, p50, p90 } = r as Required<Row>;
        const where = JSON.stringify(r);
        for (const p of [p10, p50, p90]) expect(Number.isFinite(p), where).toBe(true);
        expect(p10, where).toBeLessThanOrEqual(p50);
        expect(p50, where).toBeLessThanOrEqual(p90);
        if (uncertainKinds.has(r.kind) && r.tonnesWet > 0) expect(p10, where).toBeLessThan(p90);
      }
    });
  });

  it('maps old municipality numbers 3007,3053 to today’s 3305 and 3236', async () => {
    const est = await json<ResiduesJson>('residues', '--municipalities', '3007,3053');
    expect(est.municipalities).toEqual(['3305', '3236']);
    expect([...new Set(est.rows.map((r) => r.municipality))]).toEqual(['3305', '3236']);
    expect(est.rows).toHaveLength(2 * reportKinds.length);
  });

  it('gives exactly one row per requested municipality and kind', async () => {
    const est = await json<ResiduesJson>('residues', '--municipalities', '3407', '--kinds', 'halm,bark');
    expect(est.rows.map((r) => [r.municipality, r.kind])).toEqual([
      ['3407', 'halm'],
      ['3407', 'bark'],
    ]);
    expect(est.totals.map((t) => t.kind)).toEqual(['halm', 'bark']);
  });

  describe('--format csv', () => {
    it('has the header municipality,kind,tonnesWet,tonnesDm and one line per row, equal to the JSON', async () => {
      const csv = await ok('residues', '--format', 'csv');
      const est = await json<ResiduesJson>('residues');
      const lines = csv.trimEnd().split('\n');
      expect(lines[0]).toBe('municipality,kind,tonnesWet,tonnesDm');
      expect(lines).toHaveLength(est.rows.length + 1);
      const records = parse(csv, { columns: true }) as Record<string, string>[];
      expect(records).toHaveLength(est.rows.length);
      records.forEach((rec, i) => {
        const row = est.rows[i] as Row;
        expect(rec.municipality).toBe(row.municipality);
        expect(rec.kind).toBe(row.kind);
        expect(Number(rec.tonnesWet)).toBe(row.tonnesWet);
        expect(Number(rec.tonnesDm)).toBe(row.tonnesDm);
      });
    });

    it('adds p10,p50,p90 columns with --uncertainty', async () => {
      const csv = await ok('residues', '--format', 'csv', '--uncertainty', '50', '--seed', '3');
      const est = await json<ResiduesJson>('residues', '--uncertainty', '50', '--seed', '3');
      expect(csv.split('\n')[0]).toBe('municipality,kind,tonnesWet,tonnesDm,p10,p50,p90');
      const records = parse(csv, { columns: true }) as Record<string, string>[];
      expect(records).toHaveLength(est.rows.length);
      records.forEach((rec, i) => {
        const row = est.rows[i] as Row;
        expect([rec.p10, rec.p50, rec.p90].map(Number)).toEqual([row.p10, row.p50, row.p90]);
      });
    });
  });

  describe('--explain', () => {
    const manure = profile('report').recipes.find((r) => r.kind === 'husdyrgjodsel');
    const livestock = data.statistics.datasets.get('livestock-2024');

    it('traces husdyrgjodsel in 3305 through every animal category, the dataset and the coefficient ids', async () => {
      expect(manure).toBeDefined();
      expect(livestock).toBeDefined();
      const out = await ok('residues', '--explain', 'husdyrgjodsel', '--municipality', '3305');
      expect(out).toContain('3305 Ringerike');
      const categories = manure?.terms.map((t) => t.category) ?? [];
      expect(categories.length).toBeGreaterThan(5);
      for (const category of categories) expect(out).toContain(`[${category}]`);
      expect(out).toContain(livestock?.title);
      expect(out).toContain(livestock?.source.citation);
      for (const term of manure?.terms ?? []) {
        expect(out).toContain(term.statistic);
        for (const id of term.coefficients) expect(out).toContain(id);
        if (term.dmShare) expect(out).toContain(term.dmShare);
      }
    });

    it('gives a JSON trace whose terms add up to the estimate’s row', async () => {
      const trace = await json<{
        municipality: string;
        kind: string;
        terms: { category?: string; tonnesWet: number; statistic: { dataset: string } }[];
        tonnesWet: number;
      }>('residues', '--explain', 'husdyrgjodsel', '--municipality', '3305');
      const est = await json<ResiduesJson>(
        'residues',
        '--municipalities',
        '3305',
        '--kinds',
        'husdyrgjodsel',
      );
      const row = est.rows.find((r) => r.municipality === '3305' && r.kind === 'husdyrgjodsel');
      expect(row).toBeDefined();
      expect(row?.tonnesWet).toBeGreaterThan(0);
      expect(trace.terms.map((t) => t.category)).toEqual(manure?.terms.map((t) => t.category));
      for (const t of trace.terms) expect(t.statistic.dataset).toBe('livestock-2024');
      const sum = trace.terms.reduce((s, t) => s + t.tonnesWet, 0);
      relClose(sum, row?.tonnesWet ?? Number.NaN, 1e-9);
      relClose(trace.tonnesWet, row?.tonnesWet ?? Number.NaN, 1e-9);
    });

    it('accepts the old number 3007 and explains today’s 3305', async () => {
      const trace = await json<{ municipality: string }>(
        'residues',
        '--explain',
        'husdyrgjodsel',
        '--municipality',
        '3007',
      );
      expect(trace.municipality).toBe('3305');
    });
  });
});

describe('errors exit 2 with a message naming the bad input and listing what exists', () => {
  const cases: { name: string; args: string[]; mentions: string[] }[] = [
    {
      name: 'unknown region',
      args: ['residues', '--region', 'atlantis'],
      mentions: ['atlantis', REGION],
    },
    {
      name: 'unknown profile',
      args: ['residues', '--profile', 'guesswork'],
      mentions: ['guesswork', 'report', 'literature'],
    },
    {
      name: 'unknown municipality 9999',
      args: ['residues', '--municipalities', '9999'],
      mentions: ['9999', '3407 Gjøvik', ...regionLabels],
    },
    {
      name: 'municipality "abc"',
      args: ['residues', '--municipalities', 'abc'],
      mentions: ['abc', '3407 Gjøvik', ...regionLabels],
    },
    {
      name: 'unknown municipality to explain',
      args: ['residues', '--explain', 'halm', '--municipality', '9999'],
      mentions: ['9999', ...regionLabels],
    },
    {
      name: 'unknown kind',
      args: ['residues', '--kinds', 'halm,unobtainium'],
      mentions: ['unobtainium', ...reportKinds],
    },
    {
      name: 'unknown kind to explain',
      args: ['residues', '--explain', 'unobtainium', '--municipality', '3407'],
      mentions: ['unobtainium', ...reportKinds],
    },
    {
      name: 'bad --format',
      args: ['residues', '--format', 'xml'],
      mentions: ['format', 'xml', 'table', 'json', 'csv'],
    },
    {
      name: 'bad --lang',
      args: ['residues', '--lang', 'de'],
      mentions: ['lang', 'de', 'nb', 'en'],
    },
    ...['0', '-1', 'x', '2.5'].map((v) => ({
      name: `bad --uncertainty ${v}`,
      args: ['residues', '--uncertainty', v],
      mentions: [`: ${v}`, 'draws', '≥ 1'],
    })),
    {
      name: '--explain without --municipality',
      args: ['residues', '--explain', 'halm'],
      mentions: ['--explain', '--municipality'],
    },
    {
      name: 'coefficients of an unknown profile',
      args: ['coefficients', '--profile', 'guesswork'],
      mentions: ['guesswork', 'report', 'literature'],
    },
    {
      name: 'coefficients of a kind the profile has no recipe for',
      args: ['coefficients', '--profile', 'report', '--kind', 'unobtainium'],
      mentions: ['unobtainium', ...reportKinds],
    },
    {
      name: 'municipalities of an unknown region',
      args: ['municipalities', '--region', 'atlantis'],
      mentions: ['atlantis', REGION],
    },
  ];

  it.each(cases)('$name', async ({ args, mentions }) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^restverdi: /);
    for (const m of mentions) expect(r.stderr).toContain(m);
  });

  it('fails for 0301 Oslo, outside the region and without the statistics, naming the missing ones', async () => {
    const missing = [
      ...new Set(
        profile('report')
          .recipes.flatMap((r) => r.terms.map((t) => t.statistic))
          .filter((s) => findObservation(data.statistics, '0301', s) === undefined),
      ),
    ];
    expect(missing.length).toBeGreaterThan(0);
    const kinds = profile('report').recipes.map((r) => r.kind);
    const r = await run('residues', '--municipalities', '0301', '--kinds', kinds.join(','));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('0301');
    for (const s of missing) expect(r.stderr).toContain(s);
    // Without --kinds: what exists is estimated, and each kind set aside is named with what it lacks.
    const some = await run('residues', '--municipalities', '0301');
    expect(some.code).toBe(0);
    expect(some.stdout).toContain('Ikke beregnet: Halm (1 av 1 kommuner mangler statistikken');
    for (const s of missing) expect(some.stdout).toContain(s);
  });

  it('rejects an unknown subcommand and an unknown option with usage on stderr', async () => {
    for (const args of [['bogus'], ['residues', '--bogus']]) {
      const r = await run(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('bogus');
      expect(r.stderr).toContain('Usage: restverdi');
    }
  });
});

describe('restverdi coefficients', () => {
  interface CoefficientsJson {
    profile: string;
    coefficients: Coefficient[];
  }

  it('lists the report profile’s coefficients as JSON, each with a unit and a source', async () => {
    const list = await json<CoefficientsJson>('coefficients', '--profile', 'report');
    expect(list.profile).toBe('report');
    expect(list.coefficients.map((c) => c.id)).toEqual(profile('report').coefficients.map((c) => c.id));
    expect(list.coefficients.length).toBeGreaterThan(0);
    for (const c of list.coefficients) {
      expect(c.unit, c.id).toMatch(/\S/);
      expect(c.source.status, c.id).toMatch(/\S/);
      expect(c.source.citation, c.id).toMatch(/\S/);
    }
  });

  it('renders a table with every coefficient id', async () => {
    const out = await ok('coefficients', '--profile', 'report', '--format', 'table');
    expect(out).toContain('Enhet');
    for (const c of profile('report').coefficients) expect(out).toContain(c.id);
  });

  it('filters to the coefficients of one kind’s recipe with --kind', async () => {
    const list = await json<CoefficientsJson>(
      'coefficients',
      '--profile',
      'report',
      '--kind',
      'husdyrgjodsel',
    );
    const recipe = profile('report').recipes.find((r) => r.kind === 'husdyrgjodsel');
    const expected = new Set(
      recipe?.terms.flatMap((t) => [...t.coefficients, ...(t.dmShare ? [t.dmShare] : [])]),
    );
    expect(expected.size).toBeGreaterThan(0);
    expect(new Set(list.coefficients.map((c) => c.id))).toEqual(expected);
    for (const c of list.coefficients) expect(c.id).toMatch(/^(dm\.)?manure\./);
  });

  it('writes the literature profile as CSV with id, unit, status and citation columns', async () => {
    const csv = await ok('coefficients', '--profile', 'literature', '--format', 'csv');
    const header = csv.split('\n')[0]?.split(',') ?? [];
    expect(header[0]).toBe('id');
    for (const col of ['unit', 'status', 'citation']) expect(header).toContain(col);
    expect(header.indexOf('unit')).toBeLessThan(header.indexOf('status'));
    expect(header.indexOf('status')).toBeLessThan(header.indexOf('citation'));
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.id)).toEqual(profile('literature').coefficients.map((c) => c.id));
    for (const r of records) {
      expect(r.unit).toMatch(/\S/);
      expect(r.citation).toMatch(/\S/);
    }
  });
});

describe('restverdi regions, municipalities, kinds', () => {
  it('lists the reference region with its sub-regions', async () => {
    const { regions } = await json<{ regions: { id: string }[] }>('regions');
    expect(regions.map((r) => r.id)).toContain(REGION);
    const table = await ok('regions');
    for (const s of region.subRegions) expect(table).toContain(s.name);
    for (const label of regionLabels) expect(table).toContain(label);
  });

  it('lists the twelve municipalities of the reference region', async () => {
    const { municipalities } = await json<{ municipalities: { number: string; name: string }[] }>(
      'municipalities',
      '--region',
      REGION,
    );
    expect(municipalities).toHaveLength(12);
    expect(municipalities.map((m) => m.number)).toEqual(region.municipalities);
    expect(municipalities.find((m) => m.number === '3407')?.name).toBe('Gjøvik');
  });

  it('resolves the report’s pre-2024 numbers to today’s', async () => {
    const { rows } = await json<{ rows: { input: string; number: string }[] }>(
      'municipalities',
      '--resolve',
      '3007,3038,3046,3047,3053,3054',
    );
    expect(rows.map((r) => [r.input, r.number])).toEqual([
      ['3007', '3305'],
      ['3038', '3310'],
      ['3046', '3318'],
      ['3047', '3316'],
      ['3053', '3236'],
      ['3054', '3234'],
    ]);
  });

  it('lists the 15 residue kinds', async () => {
    const { kinds } = await json<{ kinds: { id: string }[] }>('kinds');
    expect(kinds.map((k) => k.id)).toEqual([
      'halm',
      'kornavrens',
      'grot',
      'bark',
      'sagflis',
      'celluloseflis',
      'rakapp',
      'torrkapp',
      'aske',
      'husdyrgjodsel',
      'matavfall',
      'gronnsaksrest',
      'avlopsslam',
      'slakteavfall',
      'slakteavfallmat',
    ]);
    const table = await ok('kinds');
    for (const k of data.kinds) expect(table).toContain(k.name.nb);
  });
});

describe('language and number formatting', () => {
  it('writes English headers and 58,802 with --lang en', async () => {
    const out = await ok('residues', '--lang', 'en');
    for (const word of ['Municipality', 'Residue', 'Tonnes wet', 'Tonnes DM', 'Totals for the selection'])
      expect(out).toContain(word);
    expect(out).not.toContain('Tonn våtvekt');
    expect(out).toContain('58,802');
  });

  it('writes bokmål by default with a no-break space as thousands separator (58 802)', async () => {
    const out = await ok('residues');
    for (const word of ['Kommune', 'Restråstoff', 'Tonn våtvekt', 'Sum for utvalget'])
      expect(out).toContain(word);
    expect(out).toMatch(/58[\u00a0\u202f]802/u);
    expect(out).not.toMatch(/58[,.]?802/);
  });
});

describe('restverdi start', () => {
  it('prints the reference region’s estimate with the report profile', async () => {
    const out = await ok('start', '--no-serve');
    expect(out).toContain(region.name);
    expect(out).toContain('Halm');
    expect(out).toMatch(/58\s802/u);
    expect(out).toMatch(/508\s471/u);
  });
});

describe('bin/restverdi.js', () => {
  it('runs `residues --format json` as a separate process with the same output as in-process', async () => {
    const stdout = execFileSync(process.execPath, ['bin/restverdi.js', 'residues', '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
    });
    const est = JSON.parse(stdout) as ResiduesJson;
    const halm = est.totals.find((t) => t.kind === 'halm');
    relClose(halm?.tonnesWet ?? Number.NaN, 58_802, 0.01);
    expect(stdout).toBe(await ok('residues', '--format', 'json'));
  });
});
