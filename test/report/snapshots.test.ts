/**
 * Snapshot tests of the report's charts, maps and the whole reference report, in the manner of
 * Observable Plot's: no live data (data/ files and fixed numbers named in snapshots/README.md),
 * pinned time zone and locale (vitest.config.ts: TZ=UTC; numbers formatted with explicit locales),
 * seeded Monte Carlo, numbers rounded. A mismatch writes `<name>-changed.<ext>` and fails.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportBoundaries } from '../../src/report/boundaries.ts';
import { QUALITATIVE, renderMap } from '../../src/report/map.ts';
import { barChart, stackedBars } from '../../src/report/plot.ts';
import { renderSankey } from '../../src/report/sankey.ts';
import { pyramidSvg } from '../../src/report/sections/principle.ts';
import { data, files, REGION, testReport } from './helpers.ts';
import { changedPath, expectSnapshot } from './snapshot.ts';

const region = data.regions.find((r) => r.id === REGION);
const boundaries = reportBoundaries(files);
const centroids = files.centroids();
const name = (nr: string) => data.registry.municipalities.get(nr)?.name ?? nr;

describe('chart snapshots', () => {
  it('bar chart with P10–P90 whiskers', () => {
    // The seed report's residue table (tonnes wet) with a fixed ±20 % range.
    const rows = [
      ['Husdyrgjødsel', 508471],
      ['Celluloseflis', 133295],
      ['GROT', 128837],
      ['Halm', 58802],
      ['Bark', 53167],
    ] as const;
    const svg = barChart(
      rows.map(([label, value]) => ({
        label,
        value,
        low: Math.round(value * 0.8),
        high: Math.round(value * 1.2),
      })),
      { lang: 'nb', xLabel: 'Tonn våtvekt' },
    );
    expect(expectSnapshot('bar-chart.svg', svg)).not.toBe('changed');
  });

  it('stacked bars per municipality', () => {
    // Harvest 2024 (m³) of three municipalities from the seed report's forestry table.
    const harvest = {
      Gjøvik: { Gran: 202101, Furu: 2101, Lauv: 2478 },
      Ringerike: { Gran: 161989, Furu: 111627, Lauv: 13154 },
      Modum: { Gran: 55860, Furu: 25543, Lauv: 2005 },
    };
    const svg = stackedBars(
      Object.entries(harvest).flatMap(([municipality, v]) =>
        Object.entries(v).map(([category, value]) => ({ municipality, category, value })),
      ),
      {
        lang: 'en',
        xLabel: 'Harvest (m³)',
        categories: ['Gran', 'Furu', 'Lauv'],
        municipalities: Object.keys(harvest),
      },
    );
    expect(expectSnapshot('stacked-bars.svg', svg)).not.toBe('changed');
  });

  it('region map with sub-region outlines', () => {
    if (!region) throw new Error('reference region missing');
    const svg = renderMap({
      boundaries,
      municipalities: region.municipalities,
      fill: (nr) => QUALITATIVE[region.subRegions.findIndex((s) => s.municipalities.includes(nr))],
      label: name,
      subRegions: region.subRegions.map((s) => s.municipalities),
      centroids,
      legend: region.subRegions.map((s, i) => ({ colour: QUALITATIVE[i] as string, label: s.name })),
      title: region.name,
    });
    expect(expectSnapshot('region-map.svg', svg)).not.toBe('changed');
  });

  it('map with catchment circles and a municipality without data', () => {
    const svg = renderMap({
      boundaries,
      municipalities: ['3407', '3442', '3443'],
      fill: (nr) => (nr === '3443' ? undefined : '#78c679'),
      label: name,
      subRegions: [['3407', '3442', '3443']],
      centroids,
      sites: [
        { label: '1', lon: 10.69, lat: 60.8, radiusKm: 30, colour: '#fc8d62' },
        { label: '2', lon: 10.69, lat: 60.8, radiusKm: 10, colour: '#66c2a5' },
      ],
      title: 'Sites',
    });
    expect(expectSnapshot('sites-map.svg', svg)).not.toBe('changed');
  });

  it('Sankey of flows', () => {
    const svg = renderSankey(
      [
        { source: 'Husdyrgjødsel', target: 'Biogass', value: 60000 },
        { source: 'Husdyrgjødsel', target: 'Dagens bruk', value: 448471 },
        { source: 'GROT', target: 'Biokull', value: 15000 },
        { source: 'Bark', target: 'Biokull', value: 5000 },
      ],
      { title: 'Flows', label: (id) => id, valueLabel: (v) => `${v} t` },
    );
    expect(expectSnapshot('sankey.svg', svg)).not.toBe('changed');
  });

  it('value pyramid', () => {
    expect(
      expectSnapshot('pyramid.svg', pyramidSvg(['Energi', 'Gjødsel', 'Fôr', 'Pharma', 'Mat', 'Produkt'])),
    ).not.toBe('changed');
  });
});

describe('report snapshots', () => {
  it('the reference region’s report in bokmål', async () => {
    const { html } = await testReport();
    expect(expectSnapshot('rapport-gjovik-hadeland-ringerike.nb.html', html)).not.toBe('changed');
  });
});

describe('the snapshot check itself', () => {
  it('fails on a changed output and writes the -changed file beside the snapshot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'restverdi-snapshot-'));
    expect(expectSnapshot('x.svg', '<svg>1</svg>', dir)).toBe('created');
    expect(expectSnapshot('x.svg', '<svg>1</svg>', dir)).toBe('match');
    expect(() => expectSnapshot('x.svg', '<svg>2</svg>', dir)).toThrow(/snapshot x\.svg changed/);
    expect(readFileSync(changedPath(join(dir, 'x.svg')), 'utf8')).toBe('<svg>2</svg>');
    // A match again removes the stale -changed file.
    expect(expectSnapshot('x.svg', '<svg>1</svg>', dir)).toBe('match');
    expect(existsSync(changedPath(join(dir, 'x.svg')))).toBe(false);
  });
});
