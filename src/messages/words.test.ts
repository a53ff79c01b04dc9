import { describe, expect, it } from 'vitest';
import type { Lang } from './format.ts';
import { CLI_WORDS } from './words/cli.ts';
import { COMMON, TIERS } from './words/common.ts';
import { REPORT_WORDS, type ReportWords } from './words/report.ts';
import { type WordsIn, type WordTable, wordsIn } from './words/table.ts';
import { BOKMAL, ENGLISH } from './words/tell-tales.ts';
import { WEB_WORDS, type WebWords } from './words/web.ts';

type Fn = (...args: never[]) => string;
/** Neutral arguments (ids, numbers; no words of either language) for every function-valued word. */
type Samples<T> = {
  [K in keyof T as T[K] extends Fn ? K : never]: T[K] extends (...args: infer A) => string ? A : never;
};

const CLI_SAMPLES: Samples<WordsIn<typeof CLI_WORDS>> = {
  capexOpex: ['12,5', '3,4'],
  auditSummary: [41, 3],
  shadowPrice: ['NOK'],
  largestFlows: [25],
  emergingRoutes: [8],
  uncertaintyTitle: [500, 1],
  bestKept: [64],
  failedDraws: [3],
  reoptimised: [100],
  bindingNote: [{ capacities: 's1, s2', radii: 's3', distances: 'Vegavstand' }],
  farmsAndSoleProprietors: [12],
  listingsMade: [3, { listed: 2, below: 5, overLimit: 1 }],
  paybackYears: ['11,7'],
  parkSaved: ['p1', 2],
  parkClimate: ['120', '30', '90', '1,5'],
};

const REPORT_SAMPLES: Samples<ReportWords> = {
  reportTitle: ['r1'],
  gets: ['s1'],
  competitionSummary: [
    { a: 's1', b: 's2', kinds: 'k1', tonnes: '1 000', winner: 's1', got: '800', nobody: false },
  ],
  unservedLine: ['k1 1 000 t'],
  generated: ['2024-05-01', 'p1', '2023'],
  readmeIntro: ['r1', '2024-05-01'],
  uncertaintyIntro: [500, 1],
  marketLimited: [2178],
  principleExample: [
    {
      kind: 'k1',
      tonnes: 58802,
      currentTier: 't1',
      currentNokPerTonne: 150,
      bestTier: 't2',
      bestNok: 38e6,
      upliftNok: 29e6,
    },
  ],
  principleTableTitle: ['k1', 58802],
  regionIntro: [{ region: 'r1', municipalities: 12, subRegions: ['s1', 's2'], population: 180000 }],
  regionMapTitle: ['r1'],
  actorsIntro: [5123, 12, 'f1'],
  actorsSeedIntro: [5123, 12],
  agricultureIntro: [{ variable: 'v1', totalDaa: '1 234', largest: 'm1', national: '4 %', years: '2024' }],
  agricultureChartCaption: ['v1'],
  grainIntro: [{ totalT: '1 234', largest: 'm1', national: '4 %', years: '2024' }],
  areasOnlyFor: [12, 46],
  nationalCollected: ['610 522', '57', '35,9'],
  livestockIntro: ['2024'],
  forestryIntro: [
    { totalM3: '1 234', topSpecies: 's1', topM3: '800', largest: 'm1', national: '5 %', years: '2023' },
  ],
  noNational: ['w1'],
  noData: ['w1'],
  lacking: [['m1', 'm2']],
  residuesIntro: [
    {
      total: '964 681',
      kinds: 14,
      municipalities: 12,
      largest: 'k1',
      largestShare: '38',
      p10: '800',
      p90: '1 100',
      draws: '1 000',
      seed: 42,
      profile: 'p1',
    },
  ],
  missingFor: [['m1', 'm2'], 'area.x'],
  residuesMissing: [['m1 (area.x)', 'm2 (area.y)']],
  residuesChartCaption: ['1 000', 42],
  residueSource: ['p1', 1000, 42],
  sitesIntro: [6, 2],
  valueIntro: [{ upliftMnok: '120,5', top: 'k1', topMnok: '40,1', down: 2, downMnok: '3,5', keep: 1 }],
  scenariosIntro: [5, 2],
  scenarioSummary: [{ valueMnok: '12,5', co2e: '3 400', capexMnok: '80' }],
  allocationIntro: [
    {
      status: 'optimal',
      valueMnok: '300',
      baselineMnok: '120',
      upliftMnok: '180',
      co2e: '4 500',
      sites: 6,
      columns: 1200,
    },
  ],
  allocationLeftOut: [['k1', 'k2']],
  allocationSource: ['p1'],
  auditIntro: [41, 3, 1, 1, 1],
  coefficientsTitle: ['p1'],
  coefficientsInWorkbook: [120],
  farmsAndSoleProprietors: [12],
};

const WEB_SAMPLES: Samples<WebWords> = {
  siteFull: [
    { site: 's1', used: '40 000', capacity: '40 000', unit: 't', shadowPrice: '120', worth: '120 000' },
  ],
  radiusBinds: ['50'],
  farmsAndSoleProprietors: [12],
  notEstimatedWeb: ['k1', 345, 357],
};

/** The words of a table, one language at a time: per-key tables ({ key: { nb, en } }) turned around. */
const perLanguage = (table: WordTable) => ({ nb: wordsIn(table, 'nb'), en: wordsIn(table, 'en') });

const TABLES: Record<string, { words: Record<Lang, object>; samples: Record<string, unknown[]> }> = {
  common: { words: perLanguage(COMMON), samples: { farmsAndSoleProprietors: [12] } },
  tiers: { words: perLanguage(TIERS), samples: {} },
  cli: { words: perLanguage(CLI_WORDS), samples: CLI_SAMPLES },
  report: { words: REPORT_WORDS, samples: REPORT_SAMPLES },
  web: { words: WEB_WORDS, samples: WEB_SAMPLES },
};

// The only words whose text is the same in both languages.
const SAME_IN_BOTH = new Set([
  'common.status',
  'cli.id',
  'cli.region',
  'cli.status',
  'report.status',
  'report.radius',
  'report.scenario',
  'report.siteStatus.pilot',
  'web.appName',
  'web.region',
  'web.status',
  'web.status2',
  'web.unitType',
  'web.p10',
  'web.p90',
  'web.km',
  'web.scenarioA',
  'web.scenarioB',
]);
// Written in the language they switch to, on purpose.
const OTHER_LANGUAGE = new Set(['switchTo', 'switchToLabel']);

/** Every word of a table in one language as [path, text], functions rendered with their samples. */
function flatten(value: object, samples: Record<string, unknown[]>, prefix = ''): [string, string][] {
  return Object.entries(value).flatMap(([key, v]): [string, string][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof v === 'string') return [[path, v]];
    if (typeof v === 'function') {
      const args = samples[path];
      if (!args) throw new Error(`no sample arguments for ${path}`);
      return [[path, (v as (...a: unknown[]) => string)(...args)]];
    }
    if (v && typeof v === 'object') return flatten(v, samples, path);
    throw new Error(`${path} is neither a text, a function nor a table`);
  });
}

// Strip the neutral sample arguments (ids, paths, URLs) and proper names before judging the words.
const words = (s: string) =>
  s
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\b[a-z]+\d\b|[a-z]+\.[a-z_]+|data\/\S+/g, '')
    .replace(/Brønnøysund|Enhetsregisteret|Kartverket|restverdi \S+ \S+/g, '');

const rows = Object.entries(TABLES).flatMap(([table, { words: w, samples }]) => {
  const nb = new Map(flatten(w.nb, samples));
  const en = new Map(flatten(w.en, samples));
  return [...new Set([...nb.keys(), ...en.keys()])].map((path) => ({
    table,
    path,
    nb: nb.get(path),
    en: en.get(path),
  }));
});

describe('the word tables of the shells', () => {
  it('check every word of every table (so the checks below cannot pass on nothing)', () => {
    const count = (table: string) => rows.filter((r) => r.table === table).length;
    expect(count('common')).toBeGreaterThanOrEqual(22);
    expect(count('tiers')).toBe(6);
    expect(count('cli')).toBeGreaterThanOrEqual(95);
    expect(count('report')).toBeGreaterThanOrEqual(221);
    expect(count('web')).toBeGreaterThanOrEqual(194);
    expect(rows.length).toBeGreaterThanOrEqual(539);
  });

  it.each(rows.map((r) => [`${r.table}.${r.path}`, r] as const))(
    '%s is in bokmål with no English and in English with no bokmål',
    (name, r) => {
      expect(r.nb?.trim(), `bokmål of ${name}`).toBeTruthy();
      expect(r.en?.trim(), `English of ${name}`).toBeTruthy();
      const nb = r.nb ?? '';
      const en = r.en ?? '';
      if (SAME_IN_BOTH.has(name)) expect(en, name).toBe(nb);
      else expect(en, `${name} is the same in both languages`).not.toBe(nb);
      if (OTHER_LANGUAGE.has(r.path)) return;
      // "to" before a plural noun is bokmål's two ("to scenarioer"), not the English preposition.
      expect(words(nb).replace(/\bto (?=\p{L}+(er|ar)\b)/gu, ''), `bokmål of ${name}: ${nb}`).not.toMatch(
        ENGLISH,
      );
      expect(words(en), `English of ${name}: ${en}`).not.toMatch(BOKMAL);
    },
  );

  it('fills the sample arguments into the texts that take them', () => {
    expect(REPORT_WORDS.nb.regionIntro(...REPORT_SAMPLES.regionIntro)).toMatch(/s1 og s2.*180\s000/u);
    expect(REPORT_WORDS.en.regionIntro(...REPORT_SAMPLES.regionIntro)).toMatch(/s1 and s2.*180,000/u);
    expect(CLI_WORDS.auditSummary.nb(1234, 3)).toMatch(/^1\s234 tall kontrollert, 3 funn$/u);
  });
});
