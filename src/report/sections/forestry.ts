/** Forestry: harvest per species and municipality, and the national context where data exist. */
import type { ReportContext } from '../context.ts';
import { fmt, pct } from '../format.ts';
import { esc, figure, note, para } from '../html.ts';
import { stackedBars } from '../plot.ts';
import type { Cell } from '../report-table.ts';
import type { Section } from '../section.ts';
import { regionTotal, statValue, variableTable } from './statistics.ts';

export function forestrySection(ctx: ReportContext): Section {
  const { T, lang, region } = ctx;
  const harvest = variableTable(ctx, 'harvest.', 'm3', 'harvest.total');
  const section: Section = { id: 'skogbruk', title: T.titles.forestry, blocks: [] };
  if (harvest.variables.length === 0) {
    section.blocks.push({ html: note(T.noData(T.titles.forestry)) });
    return section;
  }
  const label = (id: string, fallback: string) => T.variables[id as keyof typeof T.variables] ?? fallback;
  const totalVar = harvest.variables.find((v) => v.id.endsWith('.total'));
  const species = harvest.variables.filter((v) => v !== totalVar);
  const total = totalVar
    ? regionTotal(harvest, totalVar.id)
    : species.reduce((s, v) => s + regionTotal(harvest, v.id), 0);
  const bySpecies = [...species].sort((a, b) => regionTotal(harvest, b.id) - regionTotal(harvest, a.id));
  const top = bySpecies[0];
  const largest = region.municipalities
    .map((nr) => ({ nr, v: totalVar ? (statValue(harvest, nr, totalVar.id) ?? -1) : 0 }))
    .sort((a, b) => b.v - a.v)[0];
  const national = totalVar ? harvest.national.get(totalVar.id) : undefined;
  section.blocks.push({
    html: para(
      T.forestryIntro({
        totalM3: fmt(total, lang),
        topSpecies: top ? label(top.id, top.name).toLowerCase() : '–',
        topM3: top ? fmt(regionTotal(harvest, top.id), lang) : '–',
        largest: largest ? ctx.name(largest.nr) : '–',
        national: national ? pct(total / national, lang) : null,
        years: harvest.years.join(', '),
      }),
    ),
  });
  section.blocks.push({
    html: figure(
      stackedBars(
        region.municipalities.flatMap((nr) =>
          species.map((v) => ({
            municipality: ctx.name(nr),
            category: label(v.id, v.name),
            value: statValue(harvest, nr, v.id) ?? 0,
          })),
        ),
        {
          lang,
          xLabel: `${T.harvest} (m³)`,
          categories: species.map((v) => label(v.id, v.name)),
          municipalities: region.municipalities.map(ctx.name),
        },
      ),
      esc(T.forestryChartCaption),
    ),
  });
  const lacking = region.municipalities.filter((nr) => (harvest.values.get(nr)?.size ?? 0) === 0);
  if (lacking.length) section.blocks.push({ html: note(T.lacking(lacking.map(ctx.name))) });
  const rows: Cell[][] = region.municipalities.map((nr) => [
    ctx.name(nr),
    ...harvest.variables.map((v) => statValue(harvest, nr, v.id)),
  ]);
  section.blocks.push({
    table: {
      sheet: T.sheets.forestry,
      title: T.forestryTableTitle,
      source: harvest.datasets.join(', '),
      columns: [
        { head: T.municipality, type: 'text' },
        ...harvest.variables.map((v) => ({ head: label(v.id, v.name), unit: 'm³', type: 'number' as const })),
      ],
      rows,
      total: { label: T.total, columns: harvest.variables.map((_, i) => i + 1) },
    },
  });
  if (harvest.national.size === 0) section.blocks.push({ html: note(T.noNational(T.harvestWord)) });
  return section;
}
