/** The region and its municipalities: who is in it, population and area, and a map by sub-region. */
import { findObservation } from '../../domain/observations.ts';
import type { ReportContext } from '../context.ts';
import { round, sum } from '../format.ts';
import { figure, para } from '../html.ts';
import { QUALITATIVE, renderMap } from '../map.ts';
import type { Cell } from '../report-table.ts';
import type { Section } from '../section.ts';

export function subRegionOf(ctx: ReportContext, nr: string): string {
  return ctx.region.subRegions.find((s) => s.municipalities.includes(nr))?.name ?? '–';
}

export function regionSection(ctx: ReportContext): Section {
  const { T, region, data } = ctx;
  const value = (nr: string, variable: string): number | null => {
    const o = findObservation(data.statistics, nr, variable, ctx.year);
    return o ? o.value : null;
  };
  const rows: Cell[][] = region.municipalities.map((nr) => {
    const pop = value(nr, 'population');
    const area = value(nr, 'area.total_km2');
    return [nr, ctx.name(nr), subRegionOf(ctx, nr), pop, area === null ? null : round(area, 1)];
  });
  const populations = rows.map((r) => r[3]).filter((v): v is number => typeof v === 'number');
  const colourOf = new Map(
    region.subRegions.flatMap((s, i) =>
      s.municipalities.map((m) => [m, QUALITATIVE[i % QUALITATIVE.length]]),
    ),
  );
  const map = renderMap({
    boundaries: ctx.boundaries,
    municipalities: region.municipalities,
    fill: (nr) => colourOf.get(nr) ?? QUALITATIVE[0],
    label: ctx.name,
    subRegions: region.subRegions.map((s) => s.municipalities),
    centroids: ctx.centroids,
    legend: region.subRegions.map((s, i) => ({
      colour: QUALITATIVE[i % QUALITATIVE.length] as string,
      label: s.name,
    })),
    title: T.regionMapTitle(region.name),
  });
  const datasets = ['population', 'area.total_km2']
    .flatMap((v) =>
      region.municipalities.map((nr) => findObservation(data.statistics, nr, v, ctx.year)?.dataset),
    )
    .filter((d): d is string => !!d);
  return {
    id: 'regionen',
    title: T.titles.region,
    blocks: [
      {
        html: para(
          T.regionIntro({
            region: region.name,
            municipalities: region.municipalities.length,
            subRegions: region.subRegions.map((s) => s.name),
            population: populations.length === rows.length ? sum(populations) : null,
          }),
        ),
      },
      { html: figure(map, T.regionMapCaption) },
      {
        table: {
          sheet: T.sheets.region,
          title: T.regionTableTitle,
          source: [...new Set(datasets)].join(', ') || '–',
          columns: [
            { head: T.number, type: 'text' },
            { head: T.municipality, type: 'text' },
            { head: T.subRegion, type: 'text' },
            { head: T.population, unit: T.persons, type: 'number' },
            { head: T.area, unit: 'km²', type: 'number', digits: 1 },
          ],
          rows,
          total: { label: T.total, columns: [3, 4] },
        },
      },
    ],
  };
}
