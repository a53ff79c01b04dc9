/** The audit's findings: every stated figure of the region's report and the scenarios, recomputed. */
import { regionAudit } from '../../app/audit.ts';
import { readerNames } from '../../app/names.ts';
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
    ],
  };
}
