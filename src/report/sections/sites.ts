/** Demand drivers and sites: the region's plants with their catchments by road on a map. */

import type { Site } from '../../domain/allocation/input.ts';
import { siteRadiusKm } from '../../domain/allocation/sites.ts';
import type { CatchmentAnswer } from '../../domain/catchments.ts';
import { textIn } from '../../domain/text.ts';
import type { ReportContext } from '../context.ts';
import { round } from '../format.ts';
import { esc, figure, list, note, para } from '../html.ts';
import { QUALITATIVE, renderMap } from '../map.ts';
import type { Section } from '../section.ts';

interface Driver {
  kind: string;
  what: string;
  municipality: string;
  status: string;
}

function radiusKm(ctx: ReportContext, site: Site): number {
  return siteRadiusKm(site, ctx.lib.technologies) ?? 0;
}

function drivers(ctx: ReportContext): Driver[] {
  return ctx.files.seedReport(ctx.region)?.seed.demand_drivers ?? [];
}

export function sitesSection(
  ctx: ReportContext,
  sites: Site[],
  sitesFile: string | undefined,
  found?: CatchmentAnswer,
): Section {
  const { T, lang, lib } = ctx;
  const section: Section = { id: 'anlegg', title: T.titles.sites, blocks: [] };
  const d = drivers(ctx);
  if (d.length) {
    section.blocks.push({ html: para(T.driversIntro) });
    section.blocks.push({
      html: list(
        d.map(
          (x) => `<strong>${esc(x.kind)}</strong>: ${esc(x.what)} (${esc(x.municipality)}; ${esc(x.status)})`,
        ),
      ),
    });
  }
  if (sites.length === 0) {
    section.blocks.push({ html: note(T.noSites) });
    return section;
  }
  const technologies = [...new Set(sites.map((s) => s.technology))];
  const colour = (s: Site) => QUALITATIVE[technologies.indexOf(s.technology) % QUALITATIVE.length] as string;
  const techName = (id: string) => lib.technologies.find((t) => t.id === id)?.name[lang] ?? id;
  section.blocks.push({
    html: para(T.sitesIntro(sites.length, sites.filter((s) => s.capacityIsAssumption).length)),
  });
  section.blocks.push({
    html: figure(
      renderMap({
        boundaries: ctx.boundaries,
        municipalities: ctx.region.municipalities,
        fill: () => '#dfe9d8',
        label: ctx.name,
        subRegions: ctx.region.subRegions.map((s) => s.municipalities),
        centroids: ctx.centroids,
        // Numbered markers (the table gives the names): sites at one place would overwrite each other's names.
        sites: sites.map((s, i) => ({
          label: String(i + 1),
          lon: s.position.lon,
          lat: s.position.lat,
          radiusKm: radiusKm(ctx, s),
          colour: colour(s),
          ...(found?.catchments[i]?.outline
            ? { outline: found.catchments[i]?.outline as [number, number][] }
            : {}),
        })),
        legend: technologies.map((t) => ({
          colour: QUALITATIVE[technologies.indexOf(t) % QUALITATIVE.length] as string,
          label: techName(t),
        })),
        title: T.sitesMapTitle,
      }),
      esc(T.sitesMapCaption),
    ),
  });
  section.blocks.push({
    table: {
      sheet: T.sheets.sites,
      title: T.sitesTableTitle,
      source: sitesFile ?? '–',
      columns: [
        { head: T.number, type: 'text' },
        { head: T.site, type: 'text' },
        { head: T.technology, type: 'text' },
        { head: T.municipality, type: 'text' },
        { head: T.status, type: 'text' },
        { head: T.capacity, unit: T.tonnesPerYear, type: 'number' },
        { head: T.basis, type: 'text' },
        { head: T.radius, unit: 'km', type: 'number' },
        { head: T.assumed, type: 'text' },
      ],
      rows: sites.map((s, i) => [
        String(i + 1),
        textIn(s.name, ctx.lang),
        techName(s.technology),
        s.municipality ? ctx.name(s.municipality) : '–',
        T.siteStatus[s.status],
        round(s.capacityTonnes, 0),
        s.basis === 'dm' ? T.dmBasis : T.wetBasis,
        round(radiusKm(ctx, s), 0),
        s.capacityIsAssumption ? T.yes : T.no,
      ]),
    },
  });
  return section;
}
