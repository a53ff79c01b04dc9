/**
 * Observable Plot rendered to SVG strings in Node, on linkedom's document (Plot.plot({ document })).
 * A fixed class name (Plot otherwise draws a random one) and our own tick formats keep the output
 * byte-stable and in the report's language.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { fmt, type Lang } from './format.ts';

const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');

export function renderPlot(options: Plot.PlotOptions): string {
  const node = Plot.plot({
    ...options,
    className: 'rv-plot',
    style: { fontFamily: 'inherit', fontSize: '11px', background: 'white', overflow: 'visible' },
    document: document as unknown as NonNullable<Plot.PlotOptions['document']>,
  }) as unknown as { outerHTML: string };
  return node.outerHTML;
}

export interface BarDatum {
  label: string;
  value: number;
  low?: number;
  high?: number;
  group?: string;
}

/** Horizontal bars, largest first, with P10–P90 whiskers when given. */
export function barChart(data: BarDatum[], o: { lang: Lang; xLabel: string; colour?: string }): string {
  const withRange = data.filter((d) => d.low !== undefined && d.high !== undefined);
  const height = Math.max(80, 26 * data.length + 40);
  return renderPlot({
    width: 640,
    height,
    marginLeft: 170,
    marginRight: 30,
    x: { label: o.xLabel, grid: true, tickFormat: (v: number) => fmt(v, o.lang) },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.barX(data, { x: 'value', y: 'label', fill: o.colour ?? '#31a354' }),
      Plot.ruleX([0]),
      ...(withRange.length
        ? [
            Plot.ruleY(withRange, { x1: 'low', x2: 'high', y: 'label', stroke: '#222', strokeWidth: 1.2 }),
            Plot.tickX(withRange, { x: 'low', y: 'label', stroke: '#222' }),
            Plot.tickX(withRange, { x: 'high', y: 'label', stroke: '#222' }),
          ]
        : []),
    ],
  });
}

/** Bars per municipality stacked by a category (crop, species), with a legend. */
export function stackedBars(
  data: { municipality: string; category: string; value: number }[],
  o: { lang: Lang; xLabel: string; categories: string[]; municipalities: string[] },
): string {
  return renderPlot({
    width: 640,
    height: Math.max(100, 24 * o.municipalities.length + 60),
    marginLeft: 110,
    x: { label: o.xLabel, grid: true, tickFormat: (v: number) => fmt(v, o.lang) },
    y: { label: null, domain: o.municipalities },
    color: { domain: o.categories, scheme: 'tableau10', legend: true },
    marks: [
      Plot.barX(data, { x: 'value', y: 'municipality', fill: 'category', order: o.categories }),
      Plot.ruleX([0]),
    ],
  });
}

/**
 * A tornado: per input (widest swing first) a bar from the central value to the value with the input
 * at its low, and one to the value at its high, in two colours with a legend; a rule at the centre.
 */
export function tornadoChart(
  bars: { label: string; atLow: number; atHigh: number }[],
  o: { lang: Lang; xLabel: string; central: number; lowLabel: string; highLabel: string },
): string {
  const data = bars.flatMap((b) => [
    { label: b.label, x1: o.central, x2: b.atLow, end: o.lowLabel },
    { label: b.label, x1: o.central, x2: b.atHigh, end: o.highLabel },
  ]);
  return renderPlot({
    width: 640,
    height: Math.max(100, 26 * bars.length + 70),
    marginLeft: 260,
    marginRight: 20,
    x: { label: o.xLabel, grid: true, tickFormat: (v: number) => fmt(v, o.lang) },
    y: {
      label: null,
      domain: bars.map((b) => b.label),
      tickFormat: (s: string) => (s.length > 44 ? `${s.slice(0, 43)}…` : s),
    },
    color: { domain: [o.lowLabel, o.highLabel], range: ['#de2d26', '#3182bd'], legend: true },
    marks: [Plot.barX(data, { x1: 'x1', x2: 'x2', y: 'label', fill: 'end' }), Plot.ruleX([o.central])],
  });
}
