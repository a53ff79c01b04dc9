/**
 * `update`: looks for statistics newer than the store holds at their publishers (data/update/sources.json),
 * prints what it found and what changes against the year before, and imports it all in one
 * transaction (nothing with --dry-run).
 */
import type { Command } from 'commander';
import { type UpdateAnswer, updateStatistics } from '../../app/update.ts';
import { localise, renderMessage } from '../../messages/catalogue.ts';
import type { CliContext } from '../context.ts';
import { formatNumber, keyword, type Lang, parseLangOption, renderJson, renderTable } from '../format.ts';
import { t } from '../i18n.ts';

const FORMATS = ['table', 'json'] as const;

export function registerUpdate(program: Command, ctx: CliContext): void {
  program
    .command('update')
    .description(
      'fetch newer statistics from their publishers (Landbruksdirektoratet, SSB), show what changes, import them in one transaction',
    )
    // `update brreg` (src/cli/commands/actors.ts) is a subcommand with options of its own: this
    // command's options are read only before a subcommand's name.
    .enablePositionalOptions()
    .option('--dry-run', 'look and compare only; write nothing', false)
    .option(
      '--landbruk-base-url <url>',
      'base URL of Landbruksdirektoratet’s open data (default: RESTVERDI_LDIR_URL or data/update/sources.json)',
    )
    .option('--ssb-base-url <url>', 'PxWebApi base URL (default: RESTVERDI_SSB_URL or data/ssb/tables.json)')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(
      async (opts: {
        dryRun: boolean;
        landbrukBaseUrl?: string;
        ssbBaseUrl?: string;
        format: string;
        lang: string;
      }) => {
        const format = keyword(opts.format, 'format', FORMATS);
        const lang = parseLangOption(opts.lang);
        const landbrukBaseUrl = opts.landbrukBaseUrl ?? process.env.RESTVERDI_LDIR_URL;
        const ssbBaseUrl = opts.ssbBaseUrl ?? process.env.RESTVERDI_SSB_URL;
        const answer = await updateStatistics(ctx.workspace(), {
          dryRun: opts.dryRun,
          ...(landbrukBaseUrl ? { landbrukBaseUrl } : {}),
          ...(ssbBaseUrl ? { ssbBaseUrl } : {}),
        });
        ctx.out(format === 'json' ? renderJson(localise(answer, lang)) : renderUpdate(answer, lang));
        if (answer.importId !== undefined) await ctx.reload();
      },
    );
}

function renderUpdate(answer: UpdateAnswer, lang: Lang): string {
  const n = (v: number) => formatNumber(v, lang);
  const checks = renderTable(
    [t('source', lang), t('updateLatest', lang), t('updateTried', lang)],
    answer.checked.map((c) => [
      c.title[lang],
      c.latest === null ? '–' : String(c.latest),
      c.tried
        .map(
          (x) =>
            `${x.year}: ${t(`update_${x.status}`, lang)}${x.detail ? ` (${renderMessage(x.detail, lang)})` : ''}`,
        )
        .join('\n') || '–',
    ]),
    [false, true, false],
    [40, 10, 60],
  );
  const rows = answer.changes.flatMap((c) =>
    c.variables.map((v) => [
      `${c.dataset}`,
      v.variable,
      v.before ? `${n(v.before.total)} (${v.before.year})` : '–',
      `${n(v.after)} (${c.year})`,
      `${v.changed} ${t('of', lang)} ${c.municipalities}`,
    ]),
  );
  const changes =
    rows.length === 0
      ? t('updateNothing', lang)
      : renderTable(
          [
            t('updateDataset', lang),
            t('updateVariable', lang),
            t('updateBefore', lang),
            t('updateAfter', lang),
            t('updateChanged', lang),
          ],
          rows,
          [false, false, true, true, true],
        );
  const outcome = answer.dryRun
    ? t('updateDryRun', lang)
    : answer.importId !== undefined
      ? `${t('updateImported', lang)} ${answer.importId}`
      : '';
  return `${checks}\n${changes}\n${outcome}\n`;
}
