/** `stats harvest|datasets`: statistics in the store (src/app/statistics.ts). */
import type { Command } from 'commander';
import { harvestStatistics, listDatasets } from '../../app/statistics.ts';
import { message } from '../../domain/message.ts';
import { splitList } from '../../domain/selection.ts';
import { renderMessage } from '../../messages/catalogue.ts';
import { type CliContext, municipalityLabel, parseInteger } from '../context.ts';
import { formatNumber, keyword, parseLangOption, renderCsv, renderJson, renderTable } from '../format.ts';
import { t } from '../i18n.ts';

const FORMATS = ['table', 'json', 'csv'] as const;

export function registerStatistics(program: Command, ctx: CliContext): void {
  const stats = program.command('stats').description('statistics in the store');
  stats
    .command('harvest')
    .description('roundwood harvest per municipality, species and assortment (m3)')
    .option('--municipalities <list>', 'comma-separated municipality numbers (old numbers are mapped)')
    .option('--region <id>', 'the municipalities of a region')
    .option('--year <year>', 'the year (default: the newest year imported for these municipalities)')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: HarvestOptions) => {
      ctx.out(await runStatsHarvest(ctx, opts));
    });
  stats
    .command('datasets')
    .description('datasets in the store with provenance and retrieval time')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: { format: string; lang: string }) => {
      const format = keyword(opts.format, 'format', FORMATS);
      const lang = parseLangOption(opts.lang);
      const rows = await listDatasets(ctx.workspace());
      if (format === 'json') return ctx.out(renderJson({ datasets: rows }));
      if (format === 'csv')
        return ctx.out(
          renderCsv(rows as unknown as Record<string, unknown>[], Object.keys(rows[0] ?? { id: '' })),
        );
      ctx.out(
        `${renderTable(
          [
            t('dataset', lang),
            t('year', lang),
            t('observations', lang),
            t('provenance', lang),
            t('retrieved', lang),
          ],
          rows.map((r) => [
            r.id,
            String(r.year),
            formatNumber(r.observations, lang),
            r.provenance,
            r.retrievedAt,
          ]),
          [false, true, true, false, false],
        )}\n`,
      );
    });
}

interface HarvestOptions {
  municipalities?: string;
  region?: string;
  year?: string;
  format: string;
  lang?: string;
}

export async function runStatsHarvest(ctx: CliContext, opts: HarvestOptions): Promise<string> {
  const format = keyword(opts.format, 'format', FORMATS);
  const lang = parseLangOption(opts.lang ?? 'nb');
  const year = opts.year === undefined ? undefined : parseInteger(opts.year, 'year', 1900, 2100);
  const answer = await harvestStatistics(ctx.workspace(), {
    ...(opts.municipalities !== undefined ? { municipalities: splitList(opts.municipalities) ?? [] } : {}),
    ...(opts.region !== undefined ? { region: opts.region } : {}),
    ...(year === undefined ? {} : { year }),
  });
  const { rows, totals } = answer;
  if (format === 'json') return renderJson(answer);
  if (format === 'csv')
    return renderCsv(rows, ['municipality', 'year', 'species', 'assortment', 'm3', 'dataset']);
  const data = ctx.data();
  const n = (v: number) => formatNumber(v, lang);
  const names = { municipality: (nr: string) => municipalityLabel(data, nr) };
  // The answer's yearNote is English; the same fact in the language.
  const yearNote = renderMessage(
    year === undefined
      ? message('harvest_year_newest', { year: answer.year })
      : message('harvest_year_asked', { year: answer.year }),
    lang,
  );
  return [
    `${t('harvest', lang)} ${answer.year} (${yearNote})`,
    renderTable(
      [t('municipality', lang), t('species', lang), t('assortment', lang), 'm3'],
      rows.map((r) => [municipalityLabel(data, r.municipality), r.species, r.assortment, n(r.m3)]),
      [false, false, false, true],
    ),
    '',
    renderTable(
      [t('species', lang), 'm3'],
      totals.map((t) => [t.species, n(t.m3)]),
      [false, true],
    ),
    ...(answer.municipalitiesWithoutRows.length > 0
      ? [
          '',
          renderMessage(
            message('harvest_rows_missing', {
              municipalities: answer.municipalitiesWithoutRows,
              year: answer.year,
            }),
            lang,
            names,
          ),
        ]
      : []),
    '',
  ].join('\n');
}
