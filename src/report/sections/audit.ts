/** The audit's findings: every stated figure of the region's report and the scenarios, recomputed. */
import { NATIONAL_PROFILE, nationalAuditFrom, regionAudit } from '../../app/audit.ts';
import { readerNames } from '../../app/names.ts';
import { seededRandom } from '../../app/random.ts';
import type { Message } from '../../domain/message.ts';
import { renderMessage } from '../../messages/catalogue.ts';
import type { ReportContext } from '../context.ts';
import { coef, fmt } from '../format.ts';
import { note, para } from '../html.ts';
import type { Section } from '../section.ts';

export function auditSection(ctx: ReportContext): Section {
  const { T, lang, lib } = ctx;
  const { checked, findings, unchecked } = regionAudit(
    { files: ctx.files, library: lib },
    ctx.data,
    ctx.region,
  );
  const bySeverity = (s: string) => findings.filter((f) => f.severity === s).length;
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...findings].sort(
    (a, b) => order[a.severity] - order[b.severity] || a.id.localeCompare(b.id),
  );
  const names = readerNames(ctx.data, lib);
  const say = (m: Message) => renderMessage(m, lang, names);
  // Stated figures range from 0.26 to 964 681: written as text with their own precision.
  const num = (v: number) => (Math.abs(v) >= 1000 ? fmt(v, lang) : coef(v, lang));
  return {
    id: 'revisjon',
    title: T.titles.audit,
    blocks: [
      {
        html: para(
          T.auditIntro(
            checked,
            findings.length,
            bySeverity('error'),
            bySeverity('warning'),
            bySeverity('info'),
          ),
        ),
      },
      ...(findings.length === 0 ? [{ html: note(T.auditClean) }] : []),
      ...unchecked.map((m) => ({ html: note(say(m)) })),
      {
        table: {
          sheet: T.sheets.audit,
          title: T.auditTableTitle,
          source: `src/domain/audit.ts; ${ctx.region.seedReport ?? '–'}; data/scenarios`,
          // A finding reads for the client: what is off, where the report states it, and the title of
          // the range's source in a column of its own; the ids stay in the workbook for programs.
          columns: [
            { head: T.severity, type: 'text' },
            { head: T.stated, type: 'text' },
            { head: T.computed, type: 'text' },
            { head: T.finding, type: 'text' },
            { head: T.auditStatedIn, type: 'text' },
            { head: T.auditRangeSource, type: 'text' },
            { head: T.auditId, type: 'text', sheetOnly: true },
          ],
          rows: sorted.map((f) => [
            T.severityName[f.severity],
            num(f.stated),
            num(f.computed),
            say(f.message),
            f.where ? say(f.where) : '',
            f.citation ?? '',
            f.id,
          ]),
        },
      },
      ...nationalBlocks(ctx),
    ],
  };
}

/**
 * With the literature profile (the one that estimates every municipality), the national audit: Norway's
 * totals beside published national figures, with what each covers and why they differ.
 */
function nationalBlocks(ctx: ReportContext): Section['blocks'] {
  const { T, lang } = ctx;
  if (ctx.profile.id !== NATIONAL_PROFILE) return [];
  const audit = nationalAuditFrom(ctx.data, ctx.files.nationalFigures(), seededRandom);
  const percent = (v: number | undefined) =>
    v === undefined ? '–' : `${coef(Math.round(v * 1000) / 10, lang)} %`;
  return [
    { html: para(T.nationalAuditIntro) },
    {
      table: {
        sheet: T.nationalAuditSheet,
        title: T.nationalAuditTitle,
        source: 'data/audit/national-figures.json; src/domain/audit-national.ts',
        columns: [
          { head: T.nationalFigure, type: 'text' },
          { head: T.nationalPublished, unit: 't', type: 'number' },
          { head: T.nationalYear, type: 'text' },
          { head: T.nationalOurs, unit: 't', type: 'number' },
          { head: T.nationalDifference, type: 'text' },
          { head: T.nationalVerdict, type: 'text' },
          { head: T.nationalCauses, type: 'text' },
          { head: T.nationalSource, type: 'text' },
        ],
        rows: audit.comparisons.map((c) => [
          c.figure.label[lang],
          c.figure.published.value,
          String(c.figure.published.year),
          c.compared === undefined ? null : Math.round(c.compared),
          percent(c.relativeDifference),
          T[`verdict_${c.verdict}`],
          [
            ...(c.captureRate && c.ours !== undefined && c.impliedCaptureRate !== undefined
              ? [
                  T.nationalCollected(
                    fmt(Math.round(c.ours), lang),
                    coef(c.captureRate.value, lang),
                    coef(Math.round(c.impliedCaptureRate * 10) / 10, lang),
                  ),
                ]
              : []),
            c.figure.causes[lang],
          ].join(' '),
          c.figure.published.citation[lang],
        ]),
      },
    },
  ];
}
