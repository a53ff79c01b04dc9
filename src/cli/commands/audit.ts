import type { Command } from 'commander';
import { auditRegion } from '../../app/audit.ts';
import { localise, renderMessage } from '../../messages/catalogue.ts';
import type { CliContext } from '../context.ts';
import {
  type Format,
  formatCoefficient,
  formatNumber,
  keyword,
  type Lang,
  renderJson,
  renderTable,
} from '../format.ts';
import { t } from '../i18n.ts';

interface AuditOptions {
  region: string;
  format: string;
  lang: string;
}

export function registerAudit(program: Command, ctx: CliContext): void {
  program
    .command('audit')
    .description(
      'recompute every stated figure (report tables, worked examples, scenarios) and list what does not add up',
    )
    .option('--region <id>', 'region whose report figures to check', 'gjovik-hadeland-ringerike')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: AuditOptions) => ctx.out(await runAudit(ctx, opts)));
}

export async function runAudit(ctx: CliContext, opts: AuditOptions): Promise<string> {
  const format = keyword(opts.format, 'format', ['table', 'json'] as const satisfies readonly Format[]);
  const lang = keyword(opts.lang, 'lang', ['nb', 'en'] as const satisfies readonly Lang[]);
  const answer = await auditRegion(ctx.workspace(), opts.region);
  const { findings } = answer;
  if (format === 'json') return renderJson(localise(answer, lang));
  const n = (v: number) => (Math.abs(v) >= 1000 ? formatNumber(v, lang) : formatCoefficient(v, lang));
  const summary = t('auditSummary', lang)(answer.checked, findings.length);
  const unchecked = answer.unchecked.map((m) => `– ${renderMessage(m, lang)}\n`).join('');
  return `${summary}\n${unchecked}${renderTable(
    [t('severity', lang), t('id', lang), t('stated', lang), t('computed', lang), t('finding', lang)],
    findings.map((f) => [
      f.severity,
      f.id,
      n(f.stated),
      n(f.computed),
      `${renderMessage(f.message, lang)}\n(${f.source})`,
    ]),
    [false, false, true, true, false],
    [null, 28, 12, 12, 70],
  )}\n`;
}
