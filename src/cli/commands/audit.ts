import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { audit, type Statement } from '../../domain/audit.ts';
import { scenarioStatements } from '../../domain/audit-scenarios.ts';
import { AppError } from '../../domain/errors.ts';
import { findRegion } from '../../domain/regions.ts';
import { seedSchema, seedStatements, textFiguresSchema } from '../../ingest/seed-statements.ts';
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
import { library } from './pyramid.ts';

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
  const lib = library(ctx);
  const region = findRegion(data.regions, regionId);
  const statements: Statement[] = [];
  if (region.seedReport) {
    const file = join(data.dataDir, region.seedReport);
    const parsed = seedSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new AppError('invalid_data', `${region.seedReport}: not the shape of a transcribed report`, {
        issues: parsed.error.issues.map((i) => ({
          path: `${region.seedReport}:${i.path.join('.')}`,
          message: i.message,
        })),
      });
    }
    // Numbers the report states only in sentences sit beside the transcribed tables.
    const textFile = join(dirname(file), 'report-text-figures.json');
    const text = existsSync(textFile)
      ? textFiguresSchema.parse(JSON.parse(readFileSync(textFile, 'utf8')))
      : undefined;
    const literature = data.profiles.find((p) => p.id === 'literature');
    statements.push(...seedStatements(parsed.data, lib, literature, text));
  }
  for (const scenario of lib.scenarios) statements.push(...scenarioStatements(scenario, lib));
  return statements;
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
