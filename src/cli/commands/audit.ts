import type { Command } from 'commander';
import { audit, type Statement } from '../../domain/audit.ts';
import { scenarioStatements } from '../../domain/audit-scenarios.ts';
import { findRegion } from '../../domain/regions.ts';
import { regionStatements } from '../../ingest/seed-statements.ts';
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
    .action((opts: AuditOptions) => ctx.out(runAudit(ctx, opts)));
}

export function auditStatements(ctx: CliContext, regionId: string): Statement[] {
  const data = ctx.data();
  const lib = ctx.workspace().library;
  const region = findRegion(data.regions, regionId);
  return [
    ...regionStatements(region, data, lib),
    ...lib.scenarios.flatMap((s) => scenarioStatements(s, lib)),
  ];
}

export function runAudit(ctx: CliContext, opts: AuditOptions): string {
  const format = keyword(opts.format, 'format', ['table', 'json'] as const satisfies readonly Format[]);
  const lang = keyword(opts.lang, 'lang', ['nb', 'en'] as const satisfies readonly Lang[]);
  const statements = auditStatements(ctx, opts.region);
  const findings = audit(statements);
  if (format === 'json') return renderJson({ region: opts.region, checked: statements.length, findings });
  const n = (v: number) => (Math.abs(v) >= 1000 ? formatNumber(v, lang) : formatCoefficient(v, lang));
  const summary =
    lang === 'nb'
      ? `${statements.length} tall kontrollert, ${findings.length} funn`
      : `${statements.length} figures checked, ${findings.length} findings`;
  return `${summary}\n${renderTable(
    [
      lang === 'nb' ? 'Alvor' : 'Severity',
      'Id',
      lang === 'nb' ? 'Oppgitt' : 'Stated',
      lang === 'nb' ? 'Beregnet' : 'Computed',
      lang === 'nb' ? 'Funn' : 'Finding',
    ],
    findings.map((f) => [f.severity, f.id, n(f.stated), n(f.computed), `${f.message}\n(${f.source})`]),
    [false, false, true, true, false],
    [null, 28, 12, 12, 70],
  )}\n`;
}
