/** Residues per kind and municipality, with P10–P90 from the seeded Monte Carlo, and a choropleth. */
import type { ReportContext } from '../context.ts';
import { fmt, round } from '../format.ts';
import { esc, figure, note, para } from '../html.ts';
import { classBreaks, classOf, renderMap, SEQUENTIAL } from '../map.ts';
import { barChart } from '../plot.ts';
import type { Cell } from '../report-table.ts';
import type { Section } from '../section.ts';

/** Wet tonnes per municipality and kind, rounded to whole tonnes; null where statistics are missing. */
export function residueGrid(ctx: ReportContext): Map<string, Map<string, number | null>> {
  const { estimate } = ctx;
  const grid = new Map<string, Map<string, number | null>>();
  for (const nr of estimate.municipalities) grid.set(nr, new Map(estimate.kinds.map((k) => [k, null])));
  for (const r of estimate.rows) grid.get(r.municipality)?.set(r.kind, round(r.tonnesWet, 0));
  return grid;
}

export function residuesSection(ctx: ReportContext): Section {
  const { T, lang, estimate } = ctx;
  const grid = residueGrid(ctx);
  const totals = estimate.totals.map((t) => ({
    kind: t.kind,
    wet: [...grid.values()].reduce((s, m) => s + (m.get(t.kind) ?? 0), 0),
    dm: round(t.tonnesDm, 0),
    p10: round(t.p10 ?? t.tonnesWet, 0),
    p50: round(t.p50 ?? t.tonnesWet, 0),
    p90: round(t.p90 ?? t.tonnesWet, 0),
  }));
  const sorted = [...totals].sort((a, b) => b.wet - a.wet);
  const grand = totals.reduce((s, t) => s + t.wet, 0);
  const first = sorted[0];
  const section: Section = { id: 'restrastoff', title: T.titles.residues, blocks: [] };
  section.blocks.push({
    html: para(
      T.residuesIntro({
        total: fmt(grand, lang),
        kinds: totals.length,
        municipalities: estimate.complete.length,
        largest: first ? ctx.kindName(first.kind) : '–',
        largestShare: first && grand > 0 ? fmt((first.wet / grand) * 100, lang, 0) : '0',
        p10: first ? fmt(first.p10, lang) : '–',
        p90: first ? fmt(first.p90, lang) : '–',
        draws: fmt(estimate.draws, lang),
        seed: estimate.seed,
        profile: ctx.profile.id,
      }),
    ),
  });
  if (estimate.missing.length > 0) {
    // Grouped by what is missing, so twelve municipalities lacking the same table read as one line.
    const byMunicipality = new Map<string, Set<string>>();
    for (const m of estimate.missing) {
      const s = byMunicipality.get(m.municipality) ?? new Set<string>();
      for (const st of m.statistics) s.add(st);
      byMunicipality.set(m.municipality, s);
    }
    const groups = new Map<string, string[]>();
    for (const [nr, stats] of byMunicipality) {
      const key = [...stats].sort().join(', ');
      groups.set(key, [...(groups.get(key) ?? []), ctx.name(nr)]);
    }
    section.blocks.push({
      html: note(T.residuesMissing([...groups].map(([stats, names]) => T.missingFor(names, stats)))),
    });
  }
  section.blocks.push({
    html: figure(
      barChart(
        sorted.map((t) => ({ label: ctx.kindName(t.kind), value: t.wet, low: t.p10, high: t.p90 })),
        { lang, xLabel: T.tonnesWet },
      ),
      esc(T.residuesChartCaption(fmt(estimate.draws, lang), estimate.seed)),
    ),
  });
  const perMunicipality = new Map(
    estimate.municipalities.map((nr) => {
      const row = grid.get(nr);
      const complete = estimate.complete.includes(nr);
      return [nr, complete && row ? [...row.values()].reduce<number>((s, v) => s + (v ?? 0), 0) : null];
    }),
  );
  const breaks = classBreaks([...perMunicipality.values()].filter((v): v is number => v !== null));
  const legend: { colour: string; label: string }[] = SEQUENTIAL.map((colour, i) => ({
    colour,
    label:
      i === 0
        ? `≤ ${fmt(breaks[0] ?? 0, lang)} t`
        : i === SEQUENTIAL.length - 1
          ? `> ${fmt(breaks[i - 1] ?? 0, lang)} t`
          : `${fmt(breaks[i - 1] ?? 0, lang)}–${fmt(breaks[i] ?? 0, lang)} t`,
  }));
  if (estimate.missing.length > 0) legend.push({ colour: 'url(#nodata)', label: T.missing });
  section.blocks.push({
    html: figure(
      renderMap({
        boundaries: ctx.boundaries,
        municipalities: estimate.municipalities,
        fill: (nr) => {
          const v = perMunicipality.get(nr);
          return v === null || v === undefined ? undefined : SEQUENTIAL[classOf(v, breaks)];
        },
        label: ctx.name,
        subRegions: ctx.region.subRegions.map((s) => s.municipalities),
        centroids: ctx.centroids,
        legend,
        title: T.residuesMapTitle,
      }),
      esc(T.residuesMapCaption),
    ),
  });
  section.blocks.push({
    table: {
      sheet: T.sheets.residueTotals,
      title: T.residueTotalsTitle,
      source: T.residueSource(ctx.profile.id, estimate.draws, estimate.seed),
      columns: [
        { head: T.residue, type: 'text' },
        { head: T.tonnesWet, unit: 't', type: 'number' },
        { head: T.tonnesDm, unit: 't TS', type: 'number' },
        { head: 'P10', unit: 't', type: 'number' },
        { head: 'P50', unit: 't', type: 'number' },
        { head: 'P90', unit: 't', type: 'number' },
      ],
      rows: sorted.map((t) => [ctx.kindName(t.kind), t.wet, t.dm, t.p10, t.p50, t.p90]),
      total: { label: T.total, columns: [1, 2] },
    },
  });
  const rows: Cell[][] = estimate.municipalities.map((nr) => [
    ctx.name(nr),
    ...estimate.kinds.map((k) => grid.get(nr)?.get(k) ?? null),
  ]);
  section.blocks.push({
    table: {
      sheet: T.sheets.residues,
      title: T.residuesTableTitle,
      source: T.residueSource(ctx.profile.id, estimate.draws, estimate.seed),
      columns: [
        { head: T.municipality, type: 'text' },
        ...estimate.kinds.map((k) => ({ head: ctx.kindName(k), unit: 't', type: 'number' as const })),
      ],
      rows,
      total: { label: T.total, columns: estimate.kinds.map((_, i) => i + 1) },
    },
  });
  return section;
}
