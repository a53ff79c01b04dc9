/** `region create|list|show`: people's own regions beside the built-in ones (src/app/regions.ts). */
import type { Command } from 'commander';
import { createRegion, listRegions, REGION_COVERAGE, showRegion } from '../../app/regions.ts';
import { message } from '../../domain/message.ts';
import type { RegionInput } from '../../domain/regions.ts';
import { splitList } from '../../domain/selection.ts';
import { renderMessage } from '../../messages/catalogue.ts';
import { type CliContext, municipalityLabel } from '../context.ts';
import { keyword, type Lang, parseLangOption, renderCsv, renderJson, renderTable } from '../format.ts';
import { t } from '../i18n.ts';

const FORMATS = ['table', 'json', 'csv'] as const;

export function registerRegions(program: Command, ctx: CliContext): void {
  const region = program
    .command('region')
    .description('create, list and show regions (sets of municipalities)');
  region
    .command('create')
    .description('create a region from municipality numbers (old numbers are mapped to today’s)')
    .requiredOption('--id <id>', 'id: lower case letters, digits and dashes, starting with a letter')
    .requiredOption('--name <name>', 'name')
    .option('--municipalities <list>', 'comma-separated municipality numbers (default: the sub-regions’)')
    .option(
      '--subregion <Name=NR,NR>',
      'a sub-region (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--description <text>', 'description')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(
      async (opts: {
        id: string;
        name: string;
        municipalities?: string;
        subregion: string[];
        description?: string;
        format: string;
        lang: string;
      }) => {
        ctx.out(await runRegionCreate(ctx, opts));
      },
    );
  region
    .command('list')
    .description('list regions')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: { format: string; lang: string }) => {
      const format = keyword(opts.format, 'format', FORMATS);
      const lang = parseLangOption(opts.lang);
      const rows = (await listRegions(ctx.workspace())).map((r) => ({
        id: r.id,
        name: r.name,
        municipalities: r.municipalities.length,
        subRegions: r.subRegions.length,
        builtin: r.builtin,
      }));
      if (format === 'json') return ctx.out(renderJson({ regions: rows }));
      if (format === 'csv')
        return ctx.out(renderCsv(rows, ['id', 'name', 'municipalities', 'subRegions', 'builtin']));
      ctx.out(
        `${renderTable(
          [
            t('region', lang),
            t('name', lang),
            t('municipalities', lang),
            t('subRegions', lang),
            t('builtin', lang),
          ],
          rows.map((r) => [
            r.id,
            r.name,
            String(r.municipalities),
            String(r.subRegions),
            t(r.builtin ? 'yes' : 'no', lang),
          ]),
        )}\n`,
      );
    });
  region
    .command('show')
    .description('a region’s municipalities and which statistics exist for each (newest year)')
    .argument('<id>', 'region id')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (id: string, opts: { format: string; lang: string }) => {
      ctx.out(await runRegionShow(ctx, id, opts));
    });
}

/** `--subregion "Name=NR,NR"` as a sub-region; a spec without "=" gives an empty name, which the validator names. */
function parseSubRegion(spec: string): { name: string; municipalities: string[] } {
  const eq = spec.indexOf('=');
  if (eq <= 0) return { name: '', municipalities: splitList(spec.slice(eq + 1)) ?? [] };
  return { name: spec.slice(0, eq), municipalities: splitList(spec.slice(eq + 1)) ?? [] };
}

export async function runRegionCreate(
  ctx: CliContext,
  opts: {
    id: string;
    name: string;
    municipalities?: string;
    subregion: string[];
    description?: string;
    format: string;
    lang?: string;
  },
): Promise<string> {
  const format = keyword(opts.format, 'format', ['table', 'json'] as const);
  const lang = parseLangOption(opts.lang ?? 'nb');
  const municipalities = splitList(opts.municipalities);
  const input: RegionInput = {
    id: opts.id,
    name: opts.name,
    subRegions: opts.subregion.map(parseSubRegion),
    ...(municipalities ? { municipalities } : {}),
    ...(opts.description ? { description: opts.description } : {}),
  };
  const region = await createRegion(ctx.workspace(), input);
  await ctx.reload();
  if (format === 'json') return renderJson({ region });
  const data = ctx.data();
  const created = message('region_created', {
    id: region.id,
    name: region.name,
    municipalities: region.municipalities,
  });
  return `${renderMessage(created, lang, { municipality: (nr) => municipalityLabel(data, nr) })}\n`;
}

export async function runRegionShow(
  ctx: CliContext,
  id: string,
  opts: { format: string; lang?: string },
): Promise<string> {
  const format = keyword(opts.format, 'format', ['table', 'json'] as const);
  const lang: Lang = parseLangOption(opts.lang ?? 'nb');
  const { region, members } = await showRegion(ctx.workspace(), id);
  if (format === 'json') return renderJson({ region, members });
  return `${region.name} (${region.id})\n${renderTable(
    [t('municipality', lang), t('county', lang), t('subRegion', lang), ...REGION_COVERAGE],
    members.map((m) => [
      `${m.number} ${m.name}`,
      m.county,
      m.subRegion ?? '',
      ...REGION_COVERAGE.map((v) => {
        const s = m.statistics[v];
        return s ? `${s.year}${s.partial ? ` (${t('partial', lang)})` : ''}` : '–';
      }),
    ]),
  )}\n`;
}
