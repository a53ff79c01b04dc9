import type { Command } from 'commander';
import { seededRandom } from '../../app/random.ts';
import { findProfile } from '../../domain/coefficients.ts';
import { AppError } from '../../domain/errors.ts';
import { findRegion } from '../../domain/regions.ts';
import { compileEstimate } from '../../domain/residues.ts';
import { selectMunicipalities, splitList } from '../../domain/selection.ts';
import { statisticsUsed } from '../../domain/statistics-used.ts';
import { type ResidueTrace, traceResidue } from '../../domain/trace.ts';
import { type Percentiles, runEstimate } from '../../domain/uncertainty.ts';
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

/** Enough for stable P10/P90; more only costs memory (draws × rows numbers are kept). */
export const MAX_DRAWS = 100_000;

function nonEmptyList(value: string | undefined, flag: string): string[] | undefined {
  const list = splitList(value);
  if (list !== undefined && list.length === 0)
    throw new AppError('invalid_input', `${flag} is empty: give a comma-separated list`);
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
    .option('--uncertainty <draws>', 'Monte Carlo draws over the coefficient ranges; adds p10, p50, p90')
    .option('--seed <seed>', 'random seed for --uncertainty', '1')
    .option('--explain <kind>', 'print the trace of one kind in one municipality (with --municipality)')
    .option('--municipality <nr>', 'the municipality to explain')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action((opts: ResiduesOptions) => {
      ctx.out(runResidues(ctx, opts));
    });
}

export function runResidues(ctx: CliContext, opts: ResiduesOptions): string {
  const format = keyword(opts.format, 'format', [
    'table',
    'json',
    'csv',
  ] as const satisfies readonly Format[]);
  const lang = keyword(opts.lang, 'lang', ['nb', 'en'] as const satisfies readonly Lang[]);
  const data = ctx.data();
  const region = findRegion(data.regions, opts.region);
  const profile = findProfile(data, opts.profile);
  const year = opts.year === undefined ? undefined : parseInteger(opts.year, 'year', 1900);

  if (opts.explain === undefined && opts.municipality !== undefined) {
    throw new AppError(
      'invalid_input',
      '--municipality names the municipality to --explain; to select municipalities use --municipalities',
    );
  }
  if (opts.explain !== undefined) {
    if (!opts.municipality) {
      throw new AppError(
        'invalid_input',
        `--explain needs --municipality NR; municipalities in ${region.id}: ${region.municipalities.join(', ')}`,
      );
    }
    for (const [flag, given] of [
      ['--uncertainty', opts.uncertainty],
      ['--municipalities', opts.municipalities],
      ['--kinds', opts.kinds],
    ] as const) {
      if (given !== undefined)
        throw new AppError('invalid_input', `--explain cannot be combined with ${flag}`);
    }
    if (format === 'csv')
      throw new AppError('invalid_input', 'invalid format for --explain: csv (use table or json)');
    const [nr] = selectMunicipalities(data.registry, region, [opts.municipality]);
    const compiled = compileEstimate({
      profile,
      kinds: data.kinds,
      statistics: data.statistics,
      municipalities: [nr as string],
      kindIds: [opts.explain],
      ...(year === undefined ? {} : { year }),
    });
    const trace = traceResidue(compiled, data.statistics.datasets, nr as string, opts.explain);
    return format === 'json' ? renderJson(trace) : renderTrace(ctx, trace, lang);
  }

  const municipalities = selectMunicipalities(
    data.registry,
    region,
    nonEmptyList(opts.municipalities, '--municipalities'),
  );
  const kindIds = nonEmptyList(opts.kinds, '--kinds');
  const compiled = compileEstimate({
    profile,
    kinds: data.kinds,
    statistics: data.statistics,
    municipalities,
    ...(kindIds ? { kindIds } : {}),
    ...(year === undefined ? {} : { year }),
  });

  const draws =
    opts.uncertainty === undefined ? undefined : parseInteger(opts.uncertainty, 'number of draws', 1);
  const seed = parseInteger(opts.seed, 'seed', 0);
  const { rows, totals } = runEstimate(compiled, draws, seededRandom(seed));

  const meta = {
    region: region.id,
    profile: profile.id,
    ...(year === undefined ? {} : { year }),
    municipalities,
    ...(draws === undefined ? {} : { uncertainty: { draws, seed, distribution: 'coefficient ranges' } }),
  };
  const pct: (keyof Percentiles)[] = draws === undefined ? [] : ['p10', 'p50', 'p90'];
  // Which year of each statistic was used (the newest at or before --year, per municipality).
  const statistics = statisticsUsed(compiled, data.statistics.datasets);
  if (format === 'json') return renderJson({ ...meta, rows, totals, statistics });
  if (format === 'csv') {
    const csvRows = rows.map(({ breakdown: _b, ...r }) => r);
    return renderCsv(csvRows, ['municipality', 'kind', 'tonnesWet', 'tonnesDm', ...pct]);
  }

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
  const title = `${region.name} · ${t('profile', lang).toLowerCase()} ${profile.id}${
    draws === undefined ? '' : ` · Monte Carlo ${draws} ${t('draws', lang)}, ${t('seed', lang)} ${seed}`
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
    `${lang === 'nb' ? 'Statistikk brukt' : 'Statistics used'}: ${statistics
      .map(
        (s) =>
          `${s.variable} ${s.years.join('/')}${s.datasets.some((d) => d.partial) ? (lang === 'nb' ? ' (delvis)' : ' (partial)') : ''}`,
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
    const from = s.numberInSource
      ? ` (${lang === 'nb' ? 'kommunenr. i kilden' : 'number in source'} ${s.numberInSource})`
      : '';
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
        lines.push(`    ${t('calibrated', lang)}: ${k.calibration.against}; ${k.calibration.method}`);
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
