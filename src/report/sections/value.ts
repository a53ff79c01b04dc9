/**
 * Net value per stream on the pyramid: today's use, the best route the rules allow (revenue and net
 * value), its direction, and the uplift; a move down is not an uplift.
 */
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
  let down = 0;
  let downMnok = 0;
  let keep = 0;
  for (const kind of estimate.kinds) {
    const tonnes = [...grid.values()].reduce((s, m) => s + (m.get(kind) ?? 0), 0);
    const p = valuePyramid(lib, kind, tonnes, lib.currentUses);
    const techName = (id: string) => lib.technologies.find((t) => t.id === id)?.name[lang] ?? id;
    const current = p.currentUse ? round(p.currentUse.valueNok / 1e6, 1) : 0;
    const best = p.best ? round(p.best.valueNok / 1e6, 1) : 0;
    // A best route that earns no more than today's use leaves the stream where it is; one that moves
    // the stream down the pyramid is a move down, never an uplift.
    const beats = p.best?.beatsCurrentUse === true;
    const change = beats ? round(best - current, 1) : 0;
    const direction = !p.best
      ? '–'
      : !beats
        ? T.directionKeep
        : p.best.direction === 'down'
          ? T.directionDown
          : p.best.direction === 'level'
            ? T.directionLevel
            : T.directionUp;
    if (p.best && !beats) keep++;
    if (beats && p.best?.direction === 'down') {
      down++;
      downMnok += change;
    }
    rows.push([
      ctx.kindName(kind),
      tonnes,
      p.currentUse ? TIER_NAMES[p.currentUse.tier][lang] : '–',
      current,
      p.best ? TIER_NAMES[p.best.tier][lang] : '–',
      p.best
        ? `${p.best.route.map(techName).join(' → ')}${p.best.placeholders.length > 0 ? ` (${T.placeholderRoute})` : ''}${p.best.tonnesRouted < tonnes ? ` (${T.marketLimited(p.best.tonnesRouted)})` : ''}`
        : T.noRoute,
      direction,
      p.best ? round(p.best.grossNok / 1e6, 1) : 0,
      best,
      change,
    ]);
    if (beats && p.best?.direction !== 'down') chart.push({ label: ctx.kindName(kind), value: change });
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
            down,
            downMnok: fmt(round(downMnok, 1), lang, 1),
            keep,
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
            { head: T.direction, type: 'text' },
            { head: T.bestGross, unit: 'MNOK', type: 'number', digits: 1 },
            { head: T.bestValue, unit: 'MNOK', type: 'number', digits: 1 },
            { head: T.change, unit: 'MNOK', type: 'number', digits: 1 },
          ],
          rows,
          total: { label: T.total, columns: [1, 3, 7, 8, 9] },
        },
      },
    ],
  };
}
