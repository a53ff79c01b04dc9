/**
 * The actor overview: units from Enhetsregisteret in the store, counted by organisation form and
 * sector, per municipality (the actor directory's summary, the report's status filter). When the register has not
 * been imported, the seed report's own counts are shown, labelled as the report's.
 */
import { summariseMunicipalityActors } from '../../app/actors.ts';
import type { ActorSummary } from '../../store/actors-repository.ts';
import type { ReportContext } from '../context.ts';
import { note, para } from '../html.ts';
import type { Cell } from '../report-table.ts';
import type { Section } from '../section.ts';

export const SECTORS_FILE = 'mappings/nace-sectors.json';

type SeedActors = NonNullable<ReturnType<ReportContext['files']['seedReport']>>['seed']['actors_brreg'];

function sectorNames(ctx: ReportContext): Map<string, string> {
  return new Map(ctx.files.sectors().sectors.map((s) => [s.id, s.name[ctx.lang]]));
}

function seedActors(ctx: ReportContext): SeedActors | undefined {
  return ctx.files.seedReport(ctx.region)?.seed.actors_brreg;
}

const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]);

export async function actorsSection(ctx: ReportContext): Promise<Section> {
  const { T, region } = ctx;
  const names = sectorNames(ctx);
  const sectorName = (id: string) => names.get(id) ?? T.seedSectors[id] ?? id.replace(/_/g, ' ');
  const summary: ActorSummary | undefined = ctx.db
    ? await summariseMunicipalityActors(ctx.db, region.municipalities)
    : undefined;
  const section: Section = { id: 'aktorer', title: T.titles.actors, blocks: [] };
  if (summary && summary.total > 0) {
    section.blocks.push({
      html: para(T.actorsIntro(summary.total, region.municipalities.length, summary.rule)),
    });
    section.blocks.push({
      table: {
        sheet: T.sheets.actorsForm,
        title: T.actorsByForm,
        source: T.actorsSourceStore,
        columns: [
          { head: T.orgForm, type: 'text' },
          { head: T.count, unit: T.units, type: 'number' },
        ],
        rows: Object.entries(summary.byForm).sort(byCount),
        total: { label: T.total, columns: [1] },
      },
    });
    const sectors = Object.keys(summary.bySector).sort();
    const perMunicipality: Cell[][] = [];
    for (const nr of region.municipalities) {
      const one = await summariseMunicipalityActors(ctx.db as NonNullable<typeof ctx.db>, [nr]);
      perMunicipality.push([ctx.name(nr), ...sectors.map((s) => one.bySector[s] ?? 0), one.total]);
    }
    section.blocks.push({
      table: {
        sheet: T.sheets.actorsSector,
        title: T.actorsBySector,
        source: T.actorsSourceStore,
        columns: [
          { head: T.municipality, type: 'text' },
          ...sectors.map((s) => ({ head: sectorName(s), unit: T.units, type: 'number' as const })),
          { head: T.allUnits, unit: T.units, type: 'number' },
        ],
        rows: perMunicipality,
        total: { label: T.total, columns: sectors.map((_, i) => i + 1).concat(sectors.length + 1) },
      },
    });
    section.blocks.push({ html: note(T.actorsSectorNote) });
    return section;
  }
  const seed = seedActors(ctx);
  section.blocks.push({ html: note(T.actorsNotImported) });
  if (!seed) {
    section.blocks.push({ html: para(T.actorsNone) });
    return section;
  }
  const other = seed.total_organisations - Object.values(seed.by_form).reduce((s, v) => s + v, 0);
  section.blocks.push({
    html: para(T.actorsSeedIntro(seed.total_organisations, region.municipalities.length)),
  });
  section.blocks.push({
    table: {
      sheet: T.sheets.actorsForm,
      title: `${T.actorsByForm} (${T.seedReportLabel})`,
      source: `${region.seedReport} actors_brreg.by_form`,
      columns: [
        { head: T.orgForm, type: 'text' },
        { head: T.count, unit: T.units, type: 'number' },
      ],
      rows: [...Object.entries(seed.by_form).sort(byCount), [T.otherForms, other]],
      total: { label: T.total, columns: [1] },
    },
  });
  section.blocks.push({
    table: {
      sheet: T.sheets.actorsSector,
      title: `${T.actorsBySector} (${T.seedReportLabel})`,
      source: `${region.seedReport} actors_brreg.by_sector`,
      columns: [
        { head: T.sector, type: 'text' },
        { head: T.count, unit: T.units, type: 'number' },
      ],
      // Sub-counts (of which …) and overlapping sectors: no total, it would count actors twice.
      rows: Object.entries(seed.by_sector ?? {}).map(([id, n]) => [sectorName(id), n]),
    },
  });
  if (seed.filters) section.blocks.push({ html: note(`${T.actorsSeedFilter}: ${seed.filters}`) });
  return section;
}
