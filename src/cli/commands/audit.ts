import type { Command } from 'commander';
import { auditRegion } from '../../app/audit.ts';
import { readerNames } from '../../app/names.ts';
import type { Message } from '../../domain/message.ts';
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
  const ws = ctx.workspace();
  const answer = await auditRegion(ws, opts.region);
  const names = readerNames(await ws.reference(), ws.library);
  const { findings } = answer;
  // JSON keeps the ids (id, source) for programs; the texts beside the codes read for a person.
  if (format === 'json') return renderJson(localise(answer, lang, names));
  const n = (v: number) => (Math.abs(v) >= 1000 ? formatNumber(v, lang) : formatCoefficient(v, lang));
  const say = (m: Message) => renderMessage(m, lang, names);
  const summary = t('auditSummary', lang)(answer.checked, findings.length);
  const unchecked = answer.unchecked.map((m) => `– ${say(m)}\n`).join('');
  const severity = { error: 'severityError', warning: 'severityWarning', info: 'severityInfo' } as const;
  const quoted = (title: string) => (lang === 'nb' ? `«${title}»` : `“${title}”`);
  // A finding reads for a client: what is off, where the report says it, and the range's source by
  // its title (quoted, in its own language) — no ids.
  return `${summary}\n${unchecked}${renderTable(
    [t('severity', lang), t('stated', lang), t('computed', lang), t('finding', lang)],
    findings.map((f) => [
      t(severity[f.severity], lang),
      n(f.stated),
      n(f.computed),
      [
        say(f.message),
        ...(f.where ? [`${t('statedIn', lang)}: ${say(f.where)}`] : []),
        ...(f.citation ? [`${t('rangeSource', lang)}: ${quoted(f.citation)}`] : []),
      ].join('\n'),
    ]),
    [false, true, true, false],
    [null, 12, 12, 90],
  )}\n`;
}
