/** The optimiser's best allocation of the region's streams to sites, with a Sankey of the flows. */

import type { AllocationPlan } from '../../app/allocation.ts';
import type { AllocationResult } from '../../domain/allocation/result.ts';
import { textIn } from '../../domain/text.ts';
import type { ReportContext } from '../context.ts';
import { fmt, round } from '../format.ts';
import { esc, figure, note, para } from '../html.ts';
import type { Cell } from '../report-table.ts';
import { renderSankey } from '../sankey.ts';
import type { Section } from '../section.ts';

export type AllocationRun =
  | { ok: true; plan: AllocationPlan; result: AllocationResult; leftOut: string[] }
  | { ok: false; reason: string };

const UNALLOCATED = '__unallocated__';

export function allocationSection(ctx: ReportContext, run: AllocationRun): Section {
  const { T, lang } = ctx;
  const section: Section = { id: 'allokering', title: T.titles.allocation, blocks: [] };
  if (!run.ok) {
    section.blocks.push({ html: note(`${T.allocationNotRun}: ${run.reason}`) });
    return section;
  }
  const { result, leftOut } = run;
  section.blocks.push({
    html: para(
      T.allocationIntro({
        status: result.status,
        valueMnok: fmt((result.valueNok ?? 0) / 1e6, lang, 1),
        baselineMnok: fmt(result.baseline.valueNok / 1e6, lang, 1),
        upliftMnok: fmt((result.upliftNok ?? 0) / 1e6, lang, 1),
        co2e: fmt(result.co2eTonnes ?? 0, lang),
        sites: result.sites.filter((s) => s.usedTonnes > 0).length,
        columns: result.model.columns,
      }),
    ),
  });
  if (leftOut.length) section.blocks.push({ html: note(T.allocationLeftOut(leftOut.map(ctx.name))) });
  const siteName = new Map(result.sites.map((s) => [s.id, textIn(s.name, ctx.lang).split(',')[0] ?? s.id]));
  const byKindSite = new Map<string, number>();
  for (const f of result.flows) {
    const key = `${f.kind}\t${f.site}`;
    byKindSite.set(key, (byKindSite.get(key) ?? 0) + f.tonnes);
  }
  const unallocated = new Map<string, number>();
  for (const u of result.unallocated) unallocated.set(u.kind, (unallocated.get(u.kind) ?? 0) + u.tonnes);
  const flows = [
    ...[...byKindSite].map(([key, value]) => {
      const [kind, site] = key.split('\t') as [string, string];
      return { source: `kind:${kind}`, target: `site:${site}`, value: round(value, 0) };
    }),
    ...[...unallocated].map(([kind, value]) => ({
      source: `kind:${kind}`,
      target: UNALLOCATED,
      value: round(value, 0),
    })),
  ].filter((f) => f.value > 0);
  if (flows.length) {
    section.blocks.push({
      html: figure(
        renderSankey(flows, {
          title: T.sankeyTitle,
          label: (id) =>
            id === UNALLOCATED
              ? T.notAllocated
              : id.startsWith('kind:')
                ? ctx.kindName(id.slice(5))
                : (siteName.get(id.slice(5)) ?? id),
          valueLabel: (v) => `${fmt(v, lang)} t`,
        }),
        esc(T.sankeyCaption),
      ),
    });
  }
  section.blocks.push({
    table: {
      sheet: T.sheets.allocationSites,
      title: T.allocationSitesTitle,
      source: T.allocationSource(ctx.profile.id),
      columns: [
        { head: T.site, type: 'text' },
        { head: T.used, unit: T.tonnesPerYear, type: 'number' },
        { head: T.capacity, unit: T.tonnesPerYear, type: 'number' },
        { head: T.basis, type: 'text' },
        { head: T.value, unit: 'MNOK', type: 'number', digits: 1 },
        { head: T.co2eAvoided, unit: 't CO2e', type: 'number' },
        { head: T.shadowPrice, unit: 'NOK/t', type: 'number' },
      ],
      rows: result.sites.map((s) => [
        textIn(s.name, ctx.lang),
        round(s.usedTonnes, 0),
        round(s.capacityTonnes, 0),
        s.basis === 'dm' ? T.dmBasis : T.wetBasis,
        round(s.valueNok / 1e6, 1),
        round(s.co2eTonnes, 0),
        s.shadowPriceNokPerTonne === null ? '–' : round(s.shadowPriceNokPerTonne, 0),
      ]),
      total: { label: T.total, columns: [4, 5] },
    },
  });
  const flowRows: Cell[][] = [...result.flows]
    .sort(
      (a, b) => a.from.localeCompare(b.from) || a.kind.localeCompare(b.kind) || a.site.localeCompare(b.site),
    )
    .map((f) => [
      ctx.name(f.from),
      ctx.kindName(f.kind),
      siteName.get(f.site) ?? f.site,
      round(f.tonnes, 0),
      round(f.km, 0),
      round(f.valueNok / 1e6, 2),
      round(f.upliftNok / 1e6, 2),
    ]);
  section.blocks.push({
    table: {
      sheet: T.sheets.allocationFlows,
      title: T.allocationFlowsTitle,
      source: T.allocationSource(ctx.profile.id),
      columns: [
        { head: T.from, type: 'text' },
        { head: T.residue, type: 'text' },
        { head: T.site, type: 'text' },
        { head: T.amount, unit: 't', type: 'number' },
        { head: T.distance, unit: 'km', type: 'number' },
        { head: T.value, unit: 'MNOK', type: 'number', digits: 2 },
        { head: T.uplift, unit: 'MNOK', type: 'number', digits: 2 },
      ],
      rows: flowRows,
      total: { label: T.total, columns: [3, 5, 6] },
      sheetOnly: flowRows.length > 40,
    },
  });
  return section;
}
