/** Agriculture: areas per crop and municipality, livestock, and the national context where data exist. */
import type { ReportContext } from '../context.ts';
import { fmt, pct } from '../format.ts';
import { esc, figure, note, para } from '../html.ts';
import { barChart } from '../plot.ts';
import type { Cell } from '../report-table.ts';
import type { Section } from '../section.ts';
import { regionTotal, statValue, variableTable } from './statistics.ts';

export function agricultureSection(ctx: ReportContext): Section {
  const { T, lang, region } = ctx;
  const areas = variableTable(ctx, 'area.', 'daa');
  const label = (id: string, fallback: string) => T.variables[id as keyof typeof T.variables] ?? fallback;
  const section: Section = { id: 'jordbruk', title: T.titles.agriculture, blocks: [] };
  const lacking = region.municipalities.filter((nr) => (areas.values.get(nr)?.size ?? 0) === 0);
  // Few areas (only the seed report's municipalities have them): the table shows those that have.
  const sparse = lacking.length > region.municipalities.length / 2;
  const shown = sparse ? region.municipalities.filter((nr) => !lacking.includes(nr)) : region.municipalities;
  if (areas.variables.length === 0) {
    section.blocks.push({ html: note(T.noData(T.titles.agriculture)) });
  } else {
    const rows: Cell[][] = shown.map((nr) => [
      ctx.name(nr),
      ...areas.variables.map((v) => statValue(areas, nr, v.id)),
    ]);
    // The largest variable is the total farmland in use in the seed's table; chart it per municipality.
    const biggest = [...areas.variables].sort(
      (a, b) => regionTotal(areas, b.id) - regionTotal(areas, a.id),
    )[0];
    // With areas for only a few municipalities, no region total is claimed (nor charted).
    if (biggest && !sparse) {
      const total = regionTotal(areas, biggest.id);
      const top = region.municipalities
        .map((nr) => ({ nr, v: statValue(areas, nr, biggest.id) ?? -1 }))
        .sort((a, b) => b.v - a.v)[0];
      const national = areas.national.get(biggest.id);
      section.blocks.push({
        html: para(
          T.agricultureIntro({
            variable: label(biggest.id, biggest.name).toLowerCase(),
            totalDaa: fmt(total, lang),
            largest: top ? ctx.name(top.nr) : '–',
            national: national ? pct(total / national, lang) : null,
            years: areas.years.join(', '),
          }),
        ),
      });
      section.blocks.push({
        html: figure(
          barChart(
            region.municipalities
              .map((nr) => ({ label: ctx.name(nr), value: statValue(areas, nr, biggest.id) ?? 0 }))
              .sort((a, b) => b.value - a.value),
            { lang, xLabel: `${label(biggest.id, biggest.name)} (daa)`, colour: '#78c679' },
          ),
          esc(T.agricultureChartCaption(label(biggest.id, biggest.name))),
        ),
      });
    }
    if (sparse)
      section.blocks.push({ html: note(T.areasOnlyFor(shown.length, region.municipalities.length)) });
    else if (lacking.length) section.blocks.push({ html: note(T.lacking(lacking.map(ctx.name))) });
    section.blocks.push({
      table: {
        sheet: T.sheets.agriculture,
        title: T.agricultureTableTitle,
        source: areas.datasets.join(', '),
        columns: [
          { head: T.municipality, type: 'text' },
          ...areas.variables.map((v) => ({
            head: label(v.id, v.name),
            unit: 'daa',
            type: 'number' as const,
          })),
        ],
        rows,
        total: { label: T.total, columns: areas.variables.map((_, i) => i + 1) },
      },
    });
    if (areas.national.size === 0) section.blocks.push({ html: note(T.noNational(T.areasWord)) });
  }
  if (lacking.length > 0) grainDeliveries(ctx, section, label);

  const animals = variableTable(ctx, 'livestock.');
  const present = animals.variables.filter((v) => regionTotal(animals, v.id) > 0);
  if (present.length > 0) {
    const rows: Cell[][] = present
      .map((v) => {
        const total = regionTotal(animals, v.id);
        const national = animals.national.get(v.id);
        return [
          v.name,
          total,
          national ?? null,
          national ? Math.round((total / national) * 1000) / 10 : null,
        ];
      })
      .sort((a, b) => (b[1] as number) - (a[1] as number));
    section.blocks.push({ html: para(T.livestockIntro(animals.years.join(', '))) });
    section.blocks.push({
      table: {
        sheet: T.sheets.livestock,
        title: T.livestockTableTitle,
        source: animals.datasets.join(', '),
        columns: [
          { head: T.animal, type: 'text' },
          { head: T.region, unit: T.animalsUnit, type: 'number' },
          { head: T.norway, unit: T.animalsUnit, type: 'number' },
          { head: T.shareOfNorway, unit: '%', type: 'number', digits: 1 },
        ],
        rows,
      },
    });
    section.blocks.push({
      table: {
        sheet: T.sheets.livestockMunicipality,
        title: T.livestockPerMunicipality,
        source: animals.datasets.join(', '),
        columns: [
          { head: T.municipality, type: 'text' },
          ...present.map((v) => ({ head: v.name, unit: T.animalsUnit, type: 'number' as const })),
        ],
        rows: region.municipalities.map((nr) => [
          ctx.name(nr),
          ...present.map((v) => statValue(animals, nr, v.id)),
        ]),
        total: { label: T.total, columns: present.map((_, i) => i + 1) },
        sheetOnly: true,
      },
    });
  }
  return section;
}

/**
 * Grain delivered per grain type and municipality (the national delivery files), in tonnes: shown
 * when some municipality lacks crop areas, since straw and cleanings then rest on these deliveries.
 */
function grainDeliveries(
  ctx: ReportContext,
  section: Section,
  label: (id: string, fallback: string) => string,
): void {
  const { T, lang, region } = ctx;
  const grain = variableTable(ctx, 'delivery.korn.', 'kg', 'delivery.korn.total');
  const totalVar = grain.variables.find((v) => v.id === 'delivery.korn.total');
  if (!totalVar) return;
  const types = grain.variables.filter((v) => v !== totalVar);
  const tonnes = (nr: string, id: string) => {
    const v = statValue(grain, nr, id, 1);
    return v === null ? null : Math.round(v / 100) / 10;
  };
  const total = regionTotal(grain, totalVar.id, 1) / 1000;
  const top = region.municipalities
    .map((nr) => ({ nr, v: tonnes(nr, totalVar.id) ?? -1 }))
    .sort((a, b) => b.v - a.v)[0];
  const national = grain.national.get(totalVar.id);
  section.blocks.push({
    html: para(
      T.grainIntro({
        totalT: fmt(Math.round(total), lang),
        largest: top && top.v > 0 ? ctx.name(top.nr) : '–',
        national: national ? pct((total * 1000) / national, lang) : null,
        years: grain.years.join(', '),
      }),
    ),
  });
  const columns = [...types, totalVar];
  section.blocks.push({
    table: {
      sheet: T.grainSheet,
      title: T.grainTableTitle,
      source: grain.datasets.join(', '),
      columns: [
        { head: T.municipality, type: 'text' },
        ...columns.map((v) => ({ head: label(v.id, v.name), unit: 't', type: 'number' as const })),
      ],
      rows: region.municipalities.map((nr) => [ctx.name(nr), ...columns.map((v) => tonnes(nr, v.id))]),
      total: { label: T.total, columns: columns.map((_, i) => i + 1) },
    },
  });
}
