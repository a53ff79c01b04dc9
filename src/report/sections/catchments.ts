/**
 * Catchments by road and competition for feedstock: each site's catchment (municipalities reached, the
 * share of their roads, road km from their town, the feedstock there and what the site gets at the
 * optimum), and the pairs of sites that compete where catchments overlap, with who gets the contested
 * tonnes and the sites' shadow prices (src/app/catchments.ts, docs/roads.md).
 */
import { type CatchmentAnswer, competitionOutcome, tonnesByKind } from '../../domain/catchments.ts';
import { textIn } from '../../domain/text.ts';
import type { ReportContext } from '../context.ts';
import { fmt, round } from '../format.ts';
import { note, para } from '../html.ts';
import type { Section } from '../section.ts';
import type { AllocationRun } from './allocation.ts';

/** A kind's name inside a sentence: its first letter lower-cased, unless its first word is an acronym (GROT). */
function inSentence(name: string): string {
  const first = name.split(/[\s(]/)[0] ?? '';
  return first.length > 1 && first === first.toUpperCase()
    ? name
    : name.charAt(0).toLowerCase() + name.slice(1);
}

export function catchmentsSection(
  ctx: ReportContext,
  found: CatchmentAnswer | undefined,
  run: AllocationRun,
): Section {
  const { T, lang } = ctx;
  const section: Section = { id: 'nedslagsfelt', title: T.titles.catchments, blocks: [] };
  if (!found || found.catchments.length === 0) {
    section.blocks.push({ html: note(T.noSites) });
    return section;
  }
  section.blocks.push({ html: para(T.catchmentsIntro) });
  const result = run.ok ? run.result : undefined;
  const siteName = (id: string) => {
    const s = result?.sites.find((x) => x.id === id);
    return s ? (textIn(s.name, lang).split(',')[0] ?? id) : id;
  };
  const pct = (v: number) => `${fmt(v * 100, lang)} %`;
  section.blocks.push({
    table: {
      sheet: T.sheets.catchments,
      title: T.catchmentsTableTitle,
      source: T.catchmentsSource,
      columns: [
        { head: T.site, type: 'text' },
        { head: T.radius, unit: 'km', type: 'number' },
        { head: T.catchmentsReached, type: 'text' },
        { head: T.catchmentsTonnes, unit: T.tonnesPerYear, type: 'number' },
        { head: T.catchmentsInflow, unit: T.tonnesPerYear, type: 'number' },
      ],
      rows: found.catchments.map((c) => [
        siteName(c.site),
        round(c.radiusKm, 0),
        c.municipalities
          .map(
            (m) => `${ctx.name(m.number)} ${pct(m.share)}${m.km === null ? '' : ` (${fmt(m.km, lang)} km)`}`,
          )
          .join(', ') || '–',
        round(
          c.tonnes.reduce((s, t) => s + t.tonnes, 0),
          0,
        ),
        result ? round(result.sites.find((s) => s.id === c.site)?.inflowTonnesWet ?? 0, 0) : null,
      ]),
    },
  });
  if (found.competition.length === 0) {
    section.blocks.push({ html: para(T.noCompetition) });
  } else {
    const outcomes = found.competition.map((c) =>
      result ? competitionOutcome(c, result.flows, result.sites) : undefined,
    );
    const top = found.competition[0];
    const topOutcome = outcomes[0];
    if (top && topOutcome) {
      const winner = [...topOutcome.received].sort((a, b) => b.tonnes - a.tonnes)[0];
      const got = winner && winner.tonnes > 0.5;
      section.blocks.push({
        html: para(
          T.competitionSummary({
            nobody: !got,
            a: siteName(top.sites[0]),
            b: siteName(top.sites[1]),
            kinds: top.kinds.map((k) => inSentence(ctx.kindName(k))).join(', '),
            tonnes: fmt(top.totalTonnes, lang),
            winner: siteName(winner?.site ?? top.sites[0]),
            got: fmt(winner?.tonnes ?? 0, lang),
          }),
        ),
      });
    }
    section.blocks.push({
      table: {
        sheet: T.sheets.competition,
        title: T.competitionTableTitle,
        source: T.catchmentsSource,
        columns: [
          { head: T.competitionSites, type: 'text' },
          { head: T.residue, type: 'text' },
          { head: T.competitionShared, type: 'text' },
          { head: T.contested, unit: T.tonnesPerYear, type: 'number' },
          { head: T.gets('A'), unit: T.tonnesPerYear, type: 'number' },
          { head: T.gets('B'), unit: T.tonnesPerYear, type: 'number' },
          { head: T.shadowPrices, type: 'text' },
        ],
        rows: found.competition.map((c, i) => {
          const o = outcomes[i];
          return [
            `A ${siteName(c.sites[0])} / B ${siteName(c.sites[1])}`,
            c.kinds.map((k) => ctx.kindName(k)).join(', '),
            c.municipalities.map((m) => `${ctx.name(m.number)} ${pct(m.share)}`).join(', '),
            round(c.totalTonnes, 0),
            o ? round(o.received[0]?.tonnes ?? 0, 0) : null,
            o ? round(o.received[1]?.tonnes ?? 0, 0) : null,
            o
              ? o.received
                  .map((r) => (r.shadowPriceNokPerTonne === null ? '–' : fmt(r.shadowPriceNokPerTonne, lang)))
                  .join(' / ')
              : '–',
          ];
        }),
      },
    });
    section.blocks.push({ html: note(T.competitionNote) });
  }
  if (result) {
    const list = tonnesByKind(result.unallocated).map(
      (u) => `${inSentence(ctx.kindName(u.kind))} ${fmt(u.tonnes, lang)} t`,
    );
    if (list.length) section.blocks.push({ html: para(T.unservedLine(list.join(', '))) });
  }
  section.blocks.push({ html: note(T.catchmentsMethod) });
  return section;
}
