import type { Command } from 'commander';
import { auditRegion, type NationalAudit, nationalAudit } from '../../app/audit.ts';
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
import { notEstimatedLine } from './residues.ts';

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
    .option(
      '--region <id>',
      'region whose report figures to check; norge: Norway’s totals against published national figures',
      'gjovik-hadeland-ringerike',
    )
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: AuditOptions) => ctx.out(await runAudit(ctx, opts)));
}

export async function runAudit(ctx: CliContext, opts: AuditOptions): Promise<string> {
  const format = keyword(opts.format, 'format', ['table', 'json'] as const satisfies readonly Format[]);
  const lang = keyword(opts.lang, 'lang', ['nb', 'en'] as const satisfies readonly Lang[]);
  const ws = ctx.workspace();
  if (opts.region === 'norge') {
    const national = await nationalAudit(ws);
    return format === 'json' ? renderJson(national) : renderNationalAudit(ctx, national, lang);
  }
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

/** The national audit as a reader sees it: each published figure, ours beside it, and why they differ. */
function renderNationalAudit(ctx: CliContext, audit: NationalAudit, lang: Lang): string {
  const data = ctx.data();
  const n = (v: number) => formatNumber(v, lang);
  const pct = (v: number) => `${formatCoefficient(Math.round(v * 10) / 10, lang)} %`;
  const kind = (id: string) => {
    const k = data.kinds.find((x) => x.id === id);
    return k ? k.name[lang] : id;
  };
  const rows = audit.comparisons.map((c) => {
    const p = c.figure.published;
    const published = p.low === p.high ? n(p.value) : `${n(p.value)}\n${n(p.low)}–\n${n(p.high)}`;
    const lines = [
      c.figure.label[lang],
      `${t('nationalKinds', lang)}: ${c.figure.kinds.map(kind).join(', ')}`,
      ...(c.impliedCaptureRate !== undefined && c.captureRate
        ? [
            `${t('nationalArising', lang)} ${n(c.ours ?? 0)} t × ${pct(c.captureRate.value)} = ${n(c.compared ?? 0)} t`,
            `${t('nationalCapture', lang)}: ${pct(c.impliedCaptureRate)} (${t('nationalLibrary', lang)} ${pct(c.captureRate.value)}, ${pct(c.captureRate.low)}–${pct(c.captureRate.high)})`,
          ]
        : []),
      c.figure.causes[lang],
      `${t('source', lang)}: ${p.citation[lang]}`,
    ];
    return [
      lines.join('\n'),
      `${published}\n(${p.year})`,
      c.compared === undefined ? '–' : n(c.compared),
      c.relativeDifference === undefined ? '–' : pct(100 * c.relativeDifference),
      t(`verdict_${c.verdict}`, lang),
    ];
  });
  const gaps = audit.notEstimated.map(
    (g) => `– ${notEstimatedLine(kind(g.kind), g, audit.municipalities, lang)}\n`,
  );
  const years = audit.statistics.map((s) => `${s.variable} ${s.years.join('/')}`).join(', ');
  return `${t('nationalTitle', lang)}\n${gaps.join('')}${renderTable(
    [
      t('nationalFigure', lang),
      t('nationalPublished', lang),
      t('nationalOurs', lang),
      t('nationalDifference', lang),
      t('nationalVerdict', lang),
    ],
    rows,
    [false, true, true, true, false],
    [72, 24, 12, 10, 14],
  )}\n${t('statisticsUsed', lang)}: ${years}\n`;
}
