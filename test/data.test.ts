/**
 * Integrity of the project's coefficient data: every profile in data/coefficients and every
 * coefficient in data/residue-kinds.json has a unit the engine understands, a range, and a source;
 * every recipe resolves and compiles against the reference region's statistics. Read from the raw
 * files as well as through the loader, so a rule holds even where the loader does not check it.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Coefficient, Recipe } from '../src/domain/coefficients.ts';
import { AppError } from '../src/domain/errors.ts';
import { compileEstimate, estimateResidues } from '../src/domain/residues.ts';
import { textIn } from '../src/domain/text.ts';
import { parseUnit } from '../src/domain/units.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';

const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(dataDir, path), 'utf8')) as T;

interface ProfileFile {
  id: string;
  includes?: string[];
  coefficients: Coefficient[];
  recipes: Recipe[];
}
interface KindFile {
  id: string;
  regulatoryClass: string;
  dmShare: Coefficient;
  lhvGjPerTonneDm?: Coefficient;
  nutrients?: Record<string, Coefficient | undefined>;
}

const profileFiles = readdirSync(join(dataDir, 'coefficients'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: `coefficients/${f}`, profile: readJson<ProfileFile>(`coefficients/${f}`) }));
const kinds = readJson<{ kinds: KindFile[] }>('residue-kinds.json').kinds;

/** Every coefficient in the data, with the file and JSON path it sits at. */
const coefficients: { where: string; c: Coefficient }[] = [
  ...profileFiles.flatMap(({ file, profile }) =>
    profile.coefficients.map((c, i) => ({ where: `${file}:coefficients[${i}] ${c.id}`, c })),
  ),
  ...kinds.flatMap((k, i) => {
    const at = `residue-kinds.json:kinds[${i}]`;
    return [
      { where: `${at}.dmShare ${k.dmShare.id}`, c: k.dmShare },
      ...(k.lhvGjPerTonneDm ? [{ where: `${at}.lhvGjPerTonneDm`, c: k.lhvGjPerTonneDm }] : []),
      ...Object.entries(k.nutrients ?? {}).flatMap(([n, c]) =>
        c ? [{ where: `${at}.nutrients.${n}`, c }] : [],
      ),
    ];
  }),
];

const ALL_KINDS = [
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
];

/** Kinds no statistic covers yet, so no profile has a recipe for them (slaughter by-products leave the region). */
// Food-grade slaughter by-products: no statistic tells them apart from the rest (residue-kinds.json).
const KINDS_WITHOUT_RECIPE = ['slakteavfallmat'];

const data = loadReferenceData();
const region = data.regions.find((r) => r.id === 'gjovik-hadeland-ringerike');
if (!region) throw new Error('reference region missing');

describe('data/: the files this test reads', () => {
  it('has both coefficient profiles and coefficients to check', () => {
    expect(profileFiles.map((p) => p.profile.id).sort()).toEqual(['literature', 'report']);
    expect(coefficients.length).toBeGreaterThan(90);
  });
});

/** Where each coefficient breaks a rule: `[]` when all hold, else "file:path id: problem" for every one. */
function violations(rule: (c: Coefficient) => string | undefined): string[] {
  return coefficients.flatMap(({ where, c }) => {
    const problem = rule(c);
    return problem === undefined ? [] : [`${where}: ${problem}`];
  });
}

describe('every coefficient (profiles and residue kinds)', () => {
  it('has a non-empty unit that parseUnit accepts', () => {
    expect(
      violations((c) => {
        if (typeof c.unit !== 'string' || c.unit.trim() === '') return 'no unit';
        try {
          parseUnit(c.unit);
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      }),
    ).toEqual([]);
  });

  it('has a source with a status and a citation', () => {
    const statuses = ['verified', 'derived', 'literature', 'unsourced', 'calibrated'];
    expect(
      violations((c) =>
        !statuses.includes(c.source?.status)
          ? `status ${c.source?.status}`
          : !c.source.citation?.trim()
            ? 'no citation'
            : undefined,
      ),
    ).toEqual([]);
  });

  it('has finite low ≤ value ≤ high', () => {
    expect(
      violations((c) =>
        [c.low, c.value, c.high].every(Number.isFinite) && c.low <= c.value && c.value <= c.high
          ? undefined
          : `${c.low} ≤ ${c.value} ≤ ${c.high} does not hold`,
      ),
    ).toEqual([]);
  });

  it('says what it was calibrated against and how when its status is calibrated', () => {
    expect(
      violations((c) =>
        c.source.status === 'calibrated' &&
        !(
          c.calibration &&
          textIn(c.calibration.against, 'nb').trim() &&
          textIn(c.calibration.method, 'nb').trim()
        )
          ? 'calibrated without calibration.against and calibration.method'
          : undefined,
      ),
    ).toEqual([]);
  });

  it('has a valid http(s) URL when it gives one', () => {
    expect(
      violations((c) =>
        c.source.url === undefined ||
        (URL.canParse(c.source.url) && ['http:', 'https:'].includes(new URL(c.source.url).protocol))
          ? undefined
          : `invalid URL ${c.source.url}`,
      ),
    ).toEqual([]);
  });

  it('gives no URL when its status is unsourced (an unsourced value cites nothing to follow)', () => {
    expect(
      violations((c) =>
        c.source.status === 'unsourced' && c.source.url !== undefined
          ? `unsourced but cites ${c.source.url}`
          : undefined,
      ),
    ).toEqual([]);
  });
});

describe.each(profileFiles)('profile $profile.id ($file)', ({ profile }) => {
  const loaded = data.profiles.find((p) => p.id === profile.id);
  const available = new Set([
    ...(loaded?.coefficients ?? []).map((c) => c.id),
    ...data.kinds.map((k) => k.dmShare.id),
  ]);
  const variables = new Set([...data.statistics.datasets.values()].flatMap((d) => Object.keys(d.variables)));

  it('is loaded by loadReferenceData', () => {
    expect(loaded).toBeDefined();
  });

  it('has a recipe only for kinds in residue-kinds.json, each at most once', () => {
    const ids = profile.recipes.map((r) => r.kind);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(kinds.map((k) => k.id)).toContain(id);
  });

  it('uses only coefficients and statistics that exist in every recipe term', () => {
    for (const recipe of profile.recipes)
      recipe.terms.forEach((term, i) => {
        const where = `${recipe.kind} term ${i + 1}`;
        for (const id of term.coefficients) expect(available.has(id), `${where}: ${id}`).toBe(true);
        if (term.dmShare) expect(available.has(term.dmShare), `${where}: ${term.dmShare}`).toBe(true);
        expect(variables.has(term.statistic), `${where}: statistic ${term.statistic}`).toBe(true);
      });
  });

  it.each(profile.recipes.map((r) => r.kind))(
    'compiles %s against the reference region (units check)',
    (kind) => {
      if (!loaded) throw new Error(`profile ${profile.id} not loaded`);
      const compiled = compileEstimate({
        profile: loaded,
        kinds: data.kinds,
        statistics: data.statistics,
        municipalities: region.municipalities,
        kindIds: [kind],
      });
      expect(compiled.rows).toHaveLength(region.municipalities.length);
    },
  );

  it('gives finite non-negative tonnes for every row and a positive total for every kind', () => {
    if (!loaded) throw new Error(`profile ${profile.id} not loaded`);
    const est = estimateResidues({
      profile: loaded,
      kinds: data.kinds,
      statistics: data.statistics,
      municipalities: region.municipalities,
    });
    expect(est.rows).toHaveLength(region.municipalities.length * profile.recipes.length);
    for (const r of est.rows) {
      const where = `${r.municipality}/${r.kind}`;
      expect(Number.isFinite(r.tonnesWet) && r.tonnesWet >= 0, `${where} wet ${r.tonnesWet}`).toBe(true);
      expect(Number.isFinite(r.tonnesDm) && r.tonnesDm >= 0, `${where} DM ${r.tonnesDm}`).toBe(true);
    }
    for (const t of est.totals) expect(t.tonnesWet, t.kind).toBeGreaterThan(0);
  });
});

describe('profile coverage', () => {
  const byId = (id: string) => profileFiles.find((p) => p.profile.id === id)?.profile;

  it('residue-kinds.json lists the 14 kinds', () => {
    expect(kinds.map((k) => k.id)).toEqual(ALL_KINDS);
  });

  it('the literature profile has a recipe for every kind a statistic covers', () => {
    expect(
      byId('literature')
        ?.recipes.map((r) => r.kind)
        .sort(),
    ).toEqual(ALL_KINDS.filter((k) => !KINDS_WITHOUT_RECIPE.includes(k)).sort());
  });

  it('each calibrated coefficient of the report profile names the report figure it reproduces', () => {
    const report = byId('report');
    const targets = readJson<{ residues_tonnes_wet_region_total: Record<string, unknown> }>(
      'sources/seed/reference-region.json',
    ).residues_tonnes_wet_region_total;
    const calibrated = report?.coefficients.filter((c) => c.source.status === 'calibrated') ?? [];
    expect(calibrated.length).toBeGreaterThan(0);
    for (const c of calibrated) {
      const usedBy = report?.recipes.filter((r) => r.terms.some((t) => t.coefficients.includes(c.id))) ?? [];
      expect(usedBy, `${c.id} is used by exactly one recipe`).toHaveLength(1);
      const kind = usedBy[0]?.kind as string;
      const figure = targets[kind];
      expect(typeof figure, `${c.id}: report figure for ${kind}`).toBe('number');
      // "58 802", "58802" or "58,802": the figure as the report prints it.
      const digits = String(figure).replace(/\B(?=(\d{3})+$)/g, '[\\s,]?');
      for (const lang of ['nb', 'en'] as const) {
        const against = c.calibration ? textIn(c.calibration.against, lang) : '';
        expect(against, `${c.id} (${lang})`).toContain(kind);
        expect(against, `${c.id} (${lang})`).toMatch(new RegExp(`(^|\\D)${digits}(\\D|$)`, 'u'));
      }
    }
  });

  it('every kind has a regulatory class; manure is animal by-product cat. 2, sewage sludge is sludge', () => {
    const allowed = [
      'plant',
      'wood',
      'ash',
      'abp-cat2',
      'abp-cat3',
      'sludge',
      'mixed-food-waste',
      'food-grade-animal',
    ];
    for (const k of kinds) expect(allowed, k.id).toContain(k.regulatoryClass);
    expect(kinds.find((k) => k.id === 'husdyrgjodsel')?.regulatoryClass).toBe('abp-cat2');
    expect(kinds.find((k) => k.id === 'avlopsslam')?.regulatoryClass).toBe('sludge');
  });
});

describe('loadReferenceData on a broken copy of data/', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Copies data/ to a temp folder and edits the first coefficient of the report profile. */
  function brokenCopy(edit: (c: Coefficient) => void): string {
    dir = mkdtempSync(join(tmpdir(), 'restverdi-data-'));
    cpSync(dataDir, dir, { recursive: true });
    const file = join(dir, 'coefficients/report.json');
    const profile = JSON.parse(readFileSync(file, 'utf8')) as ProfileFile;
    edit(profile.coefficients[0] as Coefficient);
    writeFileSync(file, JSON.stringify(profile, null, 2));
    return dir;
  }

  function loadError(copy: string): AppError {
    try {
      loadReferenceData(copy);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    }
    throw new Error('loadReferenceData accepted the broken copy');
  }

  it('loads an unedited copy', () => {
    const copy = brokenCopy(() => {});
    expect(
      loadReferenceData(copy)
        .profiles.map((p) => p.id)
        .sort(),
    ).toEqual(['literature', 'report']);
  });

  it('fails with invalid_data naming file and path when low > value', () => {
    const error = loadError(
      brokenCopy((c) => {
        c.low = c.value + 1;
      }),
    );
    expect(error.code).toBe('invalid_data');
    expect(error.issues.map((i) => i.path)).toContain('coefficients/report.json:coefficients[0].value');
    expect(error.message).toContain('coefficients/report.json');
  });

  it('fails with invalid_data naming file and path when the unit is empty', () => {
    const error = loadError(
      brokenCopy((c) => {
        c.unit = '';
      }),
    );
    expect(error.code).toBe('invalid_data');
    expect(error.issues.map((i) => i.path)).toContain('coefficients/report.json:coefficients[0].unit');
  });

  it('fails with invalid_data naming file and path when the unit is not one parseUnit accepts', () => {
    const error = loadError(
      brokenCopy((c) => {
        c.unit = 't/fortnight';
      }),
    );
    expect(error.code).toBe('invalid_data');
    expect(error.issues.map((i) => i.path)).toContain('coefficients/report.json:coefficients[0].unit');
  });
});
