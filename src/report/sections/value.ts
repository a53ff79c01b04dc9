/** Value per stream on the pyramid: today's use, the best route the rules allow, and the uplift. */
import { valuePyramid } from '../../domain/pyramid.ts';
import { TIER_NAMES } from '../../domain/valuation.ts';
import type { ReportContext } from '../context.ts';
import { fmt, round } from '../format.ts';
import { esc, figure, para } from '../html.ts';
import { barChart } from '../plot.ts';
import type { Cell } from '../report-table.ts';
import type { Section } from '../section.ts';
import { residueGrid } from './residues.ts';

export function valueSection(ctx: ReportContext): Section {
  const { T, lang, lib, estimate } = ctx;
  const grid = residueGrid(ctx);
  const rows: Cell[][] = [];
  const chart: { label: string; value: number }[] = [];
  for (const kind of estimate.kinds) {
    const tonnes = [...grid.values()].reduce((s, m) => s + (m.get(kind) ?? 0), 0);
    const p = valuePyramid(lib, kind, tonnes, lib.currentUses);
    const techName = (id: string) => lib.technologies.find((t) => t.id === id)?.name[lang] ?? id;
    const current = p.currentUse ? round(p.currentUse.valueNok / 1e6, 1) : 0;
    const best = p.best ? round(p.best.valueNok / 1e6, 1) : 0;
    const uplift = p.best ? round(best - current, 1) : 0;
    rows.push([
      ctx.kindName(kind),
      tonnes,
      p.currentUse ? TIER_NAMES[p.currentUse.tier][lang] : '–',
      current,
      p.best ? TIER_NAMES[p.best.tier][lang] : '–',
      p.best ? p.best.route.map(techName).join(' → ') : T.noRoute,
      best,
      uplift,
    ]);
    chart.push({ label: ctx.kindName(kind), value: uplift });
  }
  const totalUplift = round(
    chart.reduce((s, c) => s + c.value, 0),
    1,
  );
  const top = [...chart].sort((a, b) => b.value - a.value)[0];
  return {
    id: 'verdi',
    title: T.titles.value,
    blocks: [
      {
        html: para(
          T.valueIntro({
            upliftMnok: fmt(totalUplift, lang, 1),
            top: top?.label ?? '–',
            topMnok: fmt(top?.value ?? 0, lang, 1),
          }),
        ),
      },
      {
        html: figure(
          barChart(
            [...chart].sort((a, b) => b.value - a.value),
            { lang, xLabel: `${T.uplift} (MNOK/${T.yearShort})`, colour: '#3288bd' },
          ),
          esc(T.valueChartCaption),
        ),
      },
      {
        table: {
          sheet: T.sheets.value,
          title: T.valueTableTitle,
          source: 'data/technologies.json, data/products.json, data/current-uses.json, data/eligibility.json',
          columns: [
            { head: T.residue, type: 'text' },
            { head: T.tonnesWet, unit: 't', type: 'number' },
            { head: T.currentUse, type: 'text' },
            { head: T.currentValue, unit: 'MNOK', type: 'number', digits: 1 },
            { head: T.bestTier, type: 'text' },
            { head: T.route, type: 'text' },
            { head: T.bestValue, unit: 'MNOK', type: 'number', digits: 1 },
            { head: T.uplift, unit: 'MNOK', type: 'number', digits: 1 },
          ],
          rows,
          total: { label: T.total, columns: [1, 3, 6, 7] },
        },
      },
    ],
  };
}
