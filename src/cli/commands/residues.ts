import type { Command } from 'commander';
import {
  completeResidues,
  DEFAULT_SEED,
  estimateResidues,
  explainResidue,
  MAX_DRAWS,
  type ResiduesAnswer,
} from '../../app/residues.ts';
import { AppError } from '../../domain/errors.ts';
import { message } from '../../domain/message.ts';
import { findRegion } from '../../domain/regions.ts';
import { splitList } from '../../domain/selection.ts';
import { textIn } from '../../domain/text.ts';
import type { ResidueTrace } from '../../domain/trace.ts';
import type { Percentiles } from '../../domain/uncertainty.ts';
import { type CliContext, kindName, municipalityLabel, parseInteger } from '../context.ts';
import {
  type Format,
  formatCoefficient,
  formatNumber,
  keyword,
  type Lang,
  renderCsv,
  renderJson,
  renderTable,
} from '../format.ts';
import { t } from '../i18n.ts';

export interface ResiduesOptions {
  region: string;
  profile: string;
  municipalities?: string;
  kinds?: string;
  year?: string;
  uncertainty?: string;
  seed: string;
  explain?: string;
  municipality?: string;
  format: string;
  lang: string;
}

export const DEFAULT_REGION = 'gjovik-hadeland-ringerike';

function nonEmptyList(value: string | undefined, flag: string): string[] | undefined {
  const list = splitList(value);
  if (list !== undefined && list.length === 0)
    throw new AppError('invalid_input', `${flag} is empty: give a comma-separated list`, {
      detail: message('option_list_empty', { option: flag }),
    });
  return list;
}

export function registerResidues(program: Command, ctx: CliContext): void {
  program
    .command('residues')
    .description('estimate residual raw materials (restråstoff) per municipality and kind')
    .option('--region <id>', 'region id (see `restverdi regions`)', DEFAULT_REGION)
    .option('--profile <id>', 'coefficient profile: report or literature', 'report')
    .option(
      '--municipalities <list>',
      'comma-separated municipality numbers (old numbers are mapped to today’s)',
    )
    .option('--kinds <list>', 'comma-separated residue kinds (see `restverdi kinds`)')
    .option('--year <year>', 'use statistics for this year or the newest before it')
    .option(
      '--uncertainty <draws>',
      `Monte Carlo draws over the coefficient ranges (at most ${MAX_DRAWS}); adds p10, p50, p90`,
    )
    .option('--seed <seed>', 'random seed for --uncertainty', String(DEFAULT_SEED))
    .option('--explain <kind>', 'print the trace of one kind in one municipality (with --municipality)')
    .option('--municipality <nr>', 'the municipality to explain')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: ResiduesOptions) => {
      ctx.out(await runResidues(ctx, opts));
    });
}

/**
 * Prints the estimate (or with --explain the trace of one figure). An estimate with missing statistics
 * is not printed: the command exits 2 naming each municipality and statistic still missing (import them
 * first), as the API answers 400; only the report shows a partial estimate, marking the gaps.
 */
export async function runResidues(ctx: CliContext, opts: ResiduesOptions): Promise<string> {
  const format = keyword(opts.format, 'format', [
    'table',
    'json',
    'csv',
  ] as const satisfies readonly Format[]);
  const lang = keyword(opts.lang, 'lang', ['nb', 'en'] as const satisfies readonly Lang[]);
  const year = opts.year === undefined ? undefined : parseInteger(opts.year, 'year', 1900);
  const base = { region: opts.region, profile: opts.profile, ...(year === undefined ? {} : { year }) };

  if (opts.explain === undefined && opts.municipality !== undefined) {
    throw new AppError(
      'invalid_input',
      '--municipality names the municipality to --explain; to select municipalities use --municipalities',
      {
        detail: message('option_only_with', {
          option: '--municipality',
          with: '--explain',
          instead: '--municipalities',
        }),
      },
    );
  }
  if (opts.explain !== undefined) {
    if (!opts.municipality) {
      const region = findRegion(ctx.data().regions, opts.region);
      throw new AppError(
        'invalid_input',
        `--explain needs --municipality NR; municipalities in ${region.id}: ${region.municipalities.join(', ')}`,
        {
          detail: message('explain_needs_municipality', {
            option: '--explain',
            needs: '--municipality',
            region: region.id,
            municipalities: region.municipalities,
          }),
        },
      );
    }
    for (const [flag, given] of [
      ['--uncertainty', opts.uncertainty],
      ['--municipalities', opts.municipalities],
      ['--kinds', opts.kinds],
    ] as const) {
      if (given !== undefined)
        throw new AppError('invalid_input', `--explain cannot be combined with ${flag}`, {
          detail: message('options_conflict', { option: '--explain', other: flag }),
        });
    }
    if (format === 'csv')
      throw new AppError('invalid_input', 'invalid format for --explain: csv (use table or json)', {
        detail: message('invalid_choice', {
          name: 'format (--explain)',
          input: 'csv',
          allowed: ['table', 'json'],
        }),
      });
    const trace = await explainResidue(ctx.workspace(), {
      ...base,
      municipality: opts.municipality,
      kind: opts.explain,
    });
    return format === 'json' ? renderJson(trace) : renderTrace(ctx, trace, lang);
  }

  const municipalities = nonEmptyList(opts.municipalities, '--municipalities');
  const kinds = nonEmptyList(opts.kinds, '--kinds');
  const draws =
    opts.uncertainty === undefined ? undefined : parseInteger(opts.uncertainty, 'number of draws', 1);
  const seed = parseInteger(opts.seed, 'seed', 0);
  const answer = completeResidues(
    await estimateResidues(ctx.workspace(), {
      ...base,
      ...(municipalities ? { municipalities } : {}),
      ...(kinds ? { kinds } : {}),
      ...(draws === undefined ? {} : { draws }),
      seed,
    }),
    { kindsAsked: kinds !== undefined },
  );
  if (format === 'json') return renderJson(answer);
  const pct: (keyof Percentiles)[] = draws === undefined ? [] : ['p10', 'p50', 'p90'];
  if (format === 'csv') {
    const csvRows = answer.rows.map(({ breakdown: _b, ...r }) => r);
    return renderCsv(csvRows, ['municipality', 'kind', 'tonnesWet', 'tonnesDm', ...pct]);
  }
  return renderEstimate(ctx, answer, pct, lang);
}

function renderEstimate(
  ctx: CliContext,
  answer: ResiduesAnswer,
  pct: (keyof Percentiles)[],
  lang: Lang,
): string {
  const data = ctx.data();
  const { rows, totals, statistics } = answer;
  const region = findRegion(data.regions, answer.region);
  const num = (v: number | undefined) => (v === undefined ? '' : formatNumber(v, lang));
  const head = [
    t('municipality', lang),
    t('kind', lang),
    t('tonnesWet', lang),
    t('tonnesDm', lang),
    ...pct.map((p) => p.toUpperCase()),
  ];
  const right = [false, false, true, true, true, true, true];
  const body = rows.map((r) => [
    municipalityLabel(data, r.municipality),
    kindName(data.kinds, r.kind, lang),
    num(r.tonnesWet),
    num(r.tonnesDm),
    ...pct.map((p) => num(r[p])),
  ]);
  const totalBody = totals.map((r) => [
    kindName(data.kinds, r.kind, lang),
    num(r.tonnesWet),
    num(r.tonnesDm),
    ...pct.map((p) => num(r[p])),
  ]);
  const sumWet = totals.reduce((s, r) => s + r.tonnesWet, 0);
  const sumDm = totals.reduce((s, r) => s + r.tonnesDm, 0);
  totalBody.push([t('total', lang), num(sumWet), num(sumDm), ...pct.map(() => '')]);
  const mc = answer.uncertainty;
  const title = `${region.name} · ${t('profile', lang).toLowerCase()} ${answer.profile}${
    mc === undefined ? '' : ` · Monte Carlo ${mc.draws} ${t('draws', lang)}, ${t('seed', lang)} ${mc.seed}`
  }`;
  return [
    title,
    '',
    t('totalsFor', lang),
    renderTable([t('kind', lang), ...head.slice(2)], totalBody, right.slice(1)),
    '',
    t('perMunicipality', lang),
    renderTable(head, body, right),
    '',
    ...(answer.notEstimated ?? []).map((n) =>
      notEstimatedLine(kindName(data.kinds, n.kind, lang), n, answer.municipalities.length, lang),
    ),
    ...((answer.notEstimated ?? []).length > 0 ? [''] : []),
    `${t('statisticsUsed', lang)}: ${statistics
      .map(
        (s) =>
          `${s.variable} ${s.years.join('/')}${s.datasets.some((d) => d.partial) ? ` (${t('partial', lang)})` : ''}`,
      )
      .join(', ')}`,
    '',
  ].join('\n');
}

function renderTrace(ctx: CliContext, trace: ResidueTrace, lang: Lang): string {
  const data = ctx.data();
  const n = (v: number) => formatNumber(v, lang, v < 100 ? 1 : 0);
  const c = (v: number) => formatCoefficient(v, lang);
  const lines = [
    `${t('explainOf', lang)}: ${kindName(data.kinds, trace.kind, lang)} · ${municipalityLabel(data, trace.municipality)} · ${t('profile', lang).toLowerCase()} ${trace.profile}`,
    '',
  ];
  for (const term of trace.terms) {
    const s = term.statistic;
    const from = s.numberInSource ? ` (${t('numberInSource', lang)} ${s.numberInSource})` : '';
    lines.push(`${term.category ? `[${term.category}] ` : ''}${s.variable} = ${c(s.value)} ${s.unit}${from}`);
    lines.push(
      `    ${t('source', lang)}: ${s.datasetTitle ?? s.dataset}, ${s.year}; ${s.source?.citation ?? ''}`,
    );
    for (const k of term.coefficients) {
      lines.push(`  × ${c(k.value)} ${k.unit}   ${k.id} (${c(k.low)}–${c(k.high)})`);
      lines.push(
        `    ${t('source', lang)} [${k.source.status}]: ${k.source.citation}${k.source.url ? ` ${k.source.url}` : ''}`,
      );
      if (k.calibration)
        lines.push(
          `    ${t('calibrated', lang)}: ${textIn(k.calibration.against, lang)}; ${textIn(k.calibration.method, lang)}`,
        );
    }
    const dm = term.dmShare;
    const dmWord = term.yields === 't' ? '×' : '÷';
    lines.push(
      `  = ${n(term.yields === 't' ? term.tonnesWet : term.tonnesDm)} ${term.yields === 't' ? 't' : 't DM'}; ${dmWord} ${c(dm.value)} ${dm.unit} (${dm.id}) = ${n(term.yields === 't' ? term.tonnesDm : term.tonnesWet)} ${term.yields === 't' ? 't DM' : 't'}`,
    );
    lines.push('');
  }
  lines.push(
    `${t('total', lang)}: ${n(trace.tonnesWet)} ${t('tonnesWet', lang).toLowerCase()}, ${n(trace.tonnesDm)} ${t('tonnesDm', lang).toLowerCase()}`,
  );
  return `${lines.join('\n')}\n`;
}

/** "Ikke beregnet: Grønnsaksrester (345 av 357 kommuner mangler statistikken …: area.potet, …)". */
export function notEstimatedLine(
  kind: string,
  n: { municipalities: string[]; statistics: string[] },
  of: number,
  lang: Lang,
): string {
  return `${t('notEstimated', lang)}: ${kind} (${n.municipalities.length} ${t('of', lang)} ${of} ${t('lacksIn', lang)} ${n.statistics.join(', ')})`;
}
