import type { Command } from 'commander';
import { allRecipeTerms, findProfile } from '../../domain/coefficients.ts';
import { AppError } from '../../domain/errors.ts';
import { message } from '../../domain/message.ts';
import { textIn } from '../../domain/text.ts';
import type { CliContext } from '../context.ts';
import {
  type Format,
  formatCoefficient,
  keyword,
  type Lang,
  renderCsv,
  renderJson,
  renderTable,
} from '../format.ts';
import { t } from '../i18n.ts';

interface CoefficientsOptions {
  profile: string;
  format: string;
  lang: string;
  kind?: string;
}

export function registerCoefficients(program: Command, ctx: CliContext): void {
  program
    .command('coefficients')
    .description('list the coefficients of a profile with units, ranges and sources')
    .option('--profile <id>', 'coefficient profile: report or literature', 'report')
    .option('--kind <id>', 'only the coefficients a residue kind’s recipe uses')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action((opts: CoefficientsOptions) => ctx.out(runCoefficients(ctx, opts)));
}

export function runCoefficients(ctx: CliContext, opts: CoefficientsOptions): string {
  const format = keyword(opts.format, 'format', [
    'table',
    'json',
    'csv',
  ] as const satisfies readonly Format[]);
  const lang = keyword(opts.lang, 'lang', ['nb', 'en'] as const satisfies readonly Lang[]);
  const data = ctx.data();
  const profile = findProfile(data, opts.profile);
  let coefficients = profile.coefficients;
  if (opts.kind) {
    const recipe = profile.recipes.find((r) => r.kind === opts.kind);
    if (!recipe) {
      const kinds = profile.recipes.map((r) => r.kind);
      throw new AppError(
        'unknown_kind',
        `profile ${profile.id} has no recipe for "${opts.kind}"; kinds: ${kinds.join(', ')}`,
        { detail: message('profile_has_no_recipe', { profile: profile.id, kind: opts.kind, kinds }) },
      );
    }
    const terms = allRecipeTerms(recipe);
    const ids = new Set(terms.flatMap((x) => [...x.coefficients, ...(x.dmShare ? [x.dmShare] : [])]));
    coefficients = coefficients.filter((c) => ids.has(c.id));
    // Terms without their own DM share use the kind's, which the trace shows too.
    const kindDm = data.kinds.find((k) => k.id === opts.kind)?.dmShare;
    if (kindDm && terms.some((x) => !x.dmShare) && !ids.has(kindDm.id))
      coefficients = [...coefficients, kindDm];
  }
  if (format === 'json')
    return renderJson({
      profile: profile.id,
      title: profile.title,
      description: profile.description,
      coefficients,
    });
  if (format === 'csv') {
    return renderCsv(
      coefficients.map((c) => ({
        id: c.id,
        name: textIn(c.name, lang),
        value: c.value,
        low: c.low,
        high: c.high,
        distribution: c.distribution,
        unit: c.unit,
        status: c.source.status,
        citation: c.source.citation,
        url: c.source.url ?? '',
        table: c.source.table ?? '',
        region: c.region,
        year: c.year,
        calibratedAgainst: c.calibration ? textIn(c.calibration.against, lang) : '',
      })),
      [
        'id',
        'name',
        'value',
        'low',
        'high',
        'distribution',
        'unit',
        'status',
        'citation',
        'url',
        'table',
        'region',
        'year',
        'calibratedAgainst',
      ],
    );
  }
  const n = (v: number) => formatCoefficient(v, lang);
  return `${textIn(profile.title, lang)} (${profile.id}): ${coefficients.length}\n${renderTable(
    [
      t('id', lang),
      t('value', lang),
      t('range', lang),
      t('unit', lang),
      t('status', lang),
      t('source', lang),
    ],
    coefficients.map((c) => [
      c.id,
      n(c.value),
      `${n(c.low)}–${n(c.high)}`,
      c.unit,
      c.source.status,
      truncate(c.source.citation, 60),
    ]),
    [false, true, true],
  )}\n`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
