/**
 * Who holds what: `actors holders`, `actors users`, `actors streams ORGNR`, `actors confirm`,
 * `actors role`, `actors compare` and `actors named`. Lists name companies only; farms and sole
 * proprietorships are a count and a sum per municipality (one actor at a time by `actors streams`).
 */
import type { Command } from 'commander';
import {
  type ActorStreams,
  compareWithStatistics,
  confirmStream,
  holdersOf,
  reportActorsFound,
  type StreamAnswer,
  type StreamRow,
  setRole,
  streamsOfActor,
  usersOf,
} from '../../app/actor-streams.ts';
import { type ActorStream, kindInfos } from '../../domain/actor-streams.ts';
import { AppError } from '../../domain/errors.ts';
import { message } from '../../domain/message.ts';
import { splitList } from '../../domain/selection.ts';
import { formatNumber } from '../../messages/format.ts';
import { TIERS } from '../../messages/words/common.ts';
import { type CliContext, municipalityLabel, parseInteger } from '../context.ts';
import {
  type Format,
  keyword,
  type Lang,
  parseLangOption,
  renderCsv,
  renderJson,
  renderTable,
} from '../format.ts';
import { t } from '../i18n.ts';

const FORMATS = ['table', 'json', 'csv'] as const satisfies readonly Format[];
const ONE_FORMATS = ['table', 'json'] as const satisfies readonly Format[];

interface QuestionOptions {
  kind: string;
  region?: string;
  near?: string;
  within?: string;
  limit?: string;
  format: string;
  lang: string;
}

function parseNumberOption(value: string, name: string): number {
  const n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n))
    throw new AppError('invalid_input', `invalid ${name}: ${value} (a number)`, {
      detail: message('invalid_integer', { name, input: value, min: 0, max: null }),
    });
  return n;
}

function question(cmd: Command): Command {
  return cmd
    .requiredOption(
      '--kind <id>',
      'stream kind: a residue kind (halm, husdyrgjodsel …) or a technical one (jernskrap …)',
    )
    .option('--region <id>', 'look in this region (see `restverdi regions`)')
    .option('--near <place>', 'a municipality (number or name) or "lat,lon"')
    .option('--within <km>', 'road km from --near (default 50)')
    .option('--limit <n>', 'at most this many rows, best first')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'nb or en', 'nb');
}

export function registerActorStreams(program: Command, ctx: CliContext): void {
  const actors =
    program.commands.find((c) => c.name() === 'actors') ??
    program.command('actors').description('actors (businesses) of a region from Enhetsregisteret');

  const ask = (direction: 'holds' | 'uses') => async (opts: QuestionOptions) => {
    const format = keyword(opts.format, 'format', FORMATS);
    const lang = parseLangOption(opts.lang);
    const q = {
      kind: opts.kind,
      region: opts.region,
      near: opts.near,
      withinKm: opts.within === undefined ? undefined : parseNumberOption(opts.within, '--within'),
      limit: opts.limit === undefined ? undefined : parseInteger(opts.limit, '--limit', 1, 100_000),
    };
    const ws = ctx.workspace();
    const answer = direction === 'holds' ? await holdersOf(ws, q) : await usersOf(ws, q);
    if (format === 'json') {
      ctx.out(renderJson(answer));
      return;
    }
    const rows = answer.rows.map((r) => rowCells(ctx, answer, r, lang));
    if (format === 'csv') {
      ctx.out(
        renderCsv(
          rows.map((r) => r.record),
          Object.keys(rows[0]?.record ?? csvColumns(direction)),
        ),
      );
      return;
    }
    ctx.out(`${renderAnswer(ctx, answer, rows, lang)}\n`);
  };

  question(
    actors
      .command('holders')
      .description('who holds a stream near a place or in a region (largest first, then nearest)'),
  ).action(ask('holds'));
  question(
    actors
      .command('users')
      .description('who could use a stream near a place or in a region (highest tier first, then nearest)'),
  ).action(ask('uses'));

  actors
    .command('streams')
    .description('one actor: what it likely holds and could use, with quantities, ranges and sources')
    .argument('<orgnr>', 'organisation number')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (orgnr: string, opts: { format: string; lang: string }) => {
      const format = keyword(opts.format, 'format', ONE_FORMATS);
      const lang = parseLangOption(opts.lang);
      const one = await streamsOfActor(ctx.workspace(), orgnr);
      if (format === 'json') {
        ctx.out(renderJson(one));
        return;
      }
      ctx.out(`${renderOne(ctx, one, lang)}\n`);
    });

  actors
    .command('confirm')
    .description('record what a company says it holds (tonnes a year) or could use; it replaces the estimate')
    .argument('<orgnr>', 'organisation number')
    .requiredOption('--kind <id>', 'stream kind')
    .option('--tonnes <t>', 'tonnes a year')
    .option('--low <t>', 'low end of the range (default --tonnes)')
    .option('--high <t>', 'high end of the range (default --tonnes)')
    .option('--uses', 'a stream the company could use, not one it holds')
    .option('--municipality <nr>', 'where the stream is (default the actor’s municipality)')
    .option('--note <text>', 'what the company said')
    .option('--by <who>', 'who says it (the company or a facilitator)', 'facilitator')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(
      async (
        orgnr: string,
        opts: {
          kind: string;
          tonnes?: string;
          low?: string;
          high?: string;
          uses?: boolean;
          municipality?: string;
          note?: string;
          by: string;
          lang: string;
        },
      ) => {
        const lang = parseLangOption(opts.lang);
        if (!opts.uses && opts.tonnes === undefined)
          throw new AppError('invalid_input', 'actors confirm: give --tonnes for a stream held, or --uses', {
            detail: message('options_missing', {
              command: 'actors confirm',
              options: ['--tonnes T', '--uses'],
            }),
          });
        const num = (v: string | undefined, name: string) =>
          v === undefined ? undefined : parseNumberOption(v, name);
        const claim = await confirmStream(ctx.workspace(), {
          orgnr,
          kind: opts.kind,
          direction: opts.uses ? 'uses' : 'holds',
          tonnes: num(opts.tonnes, '--tonnes'),
          low: num(opts.low, '--low'),
          high: num(opts.high, '--high'),
          municipality: opts.municipality,
          note: opts.note,
          by: opts.by,
        });
        const q =
          claim.tonnes === null
            ? t('couldUse', lang)
            : `${formatNumber(claim.tonnes, lang)} ${t('tonnesPerYear', lang)} (${formatNumber(claim.low ?? 0, lang)}–${formatNumber(claim.high ?? 0, lang)})`;
        ctx.out(`${claim.orgnr} ${claim.kind}: ${q}, ${t('status_confirmed', lang)} ${claim.claimedAt}\n`);
      },
    );

  actors
    .command('role')
    .description('give an actor a technical-cycle role, or take one its NACE codes gave it (--remove)')
    .argument('<orgnr>', 'organisation number')
    .requiredOption(
      '--role <id>',
      'collection, dismantling, recycling, processing, repair, reuse or research',
    )
    .option('--remove', 'the actor does not have this role')
    .option('--note <text>', 'why')
    .option('--by <who>', 'who says it', 'facilitator')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(
      async (
        orgnr: string,
        opts: { role: string; remove?: boolean; note?: string; by: string; lang: string },
      ) => {
        const lang = parseLangOption(opts.lang);
        const c = await setRole(ctx.workspace(), {
          orgnr,
          role: opts.role,
          present: !opts.remove,
          note: opts.note,
          by: opts.by,
        });
        const role = ctx
          .workspace()
          .files.actorStreams()
          .roles.find((r) => r.id === c.role);
        ctx.out(
          `${c.orgnr} ${c.present ? '+' : '−'} ${role?.name[lang] ?? c.role} (${c.claimedBy}, ${c.claimedAt})\n`,
        );
      },
    );

  actors
    .command('compare')
    .description('actors summed per municipality against the statistics-based estimate, and the difference')
    .requiredOption('--region <id>', 'region id')
    .option('--kinds <ids>', 'comma-separated kinds (default every kind actors are estimated for)')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: { region: string; kinds?: string; format: string; lang: string }) => {
      const format = keyword(opts.format, 'format', FORMATS);
      const lang = parseLangOption(opts.lang);
      const c = await compareWithStatistics(ctx.workspace(), {
        region: opts.region,
        kinds: splitList(opts.kinds),
      });
      if (format === 'json') {
        ctx.out(renderJson(c));
        return;
      }
      const records = c.rows.map((r) => ({
        municipality: r.municipality,
        kind: r.kind,
        actors: r.actors?.count ?? 0,
        actorsTonnes: r.actors ? Math.round(r.actors.tonnes) : '',
        statisticsTonnes: r.statistics === null ? '' : Math.round(r.statistics),
        difference: r.difference === null ? '' : Math.round(r.difference),
      }));
      if (format === 'csv') {
        ctx.out(renderCsv(records, Object.keys(records[0] ?? { municipality: '' })));
        return;
      }
      const data = ctx.data();
      const name = kindNames(ctx, lang);
      const n = (x: number | string) => (typeof x === 'number' ? formatNumber(x, lang) : '–');
      ctx.out(
        `${renderTable(
          [
            t('municipality', lang),
            t('kind', lang),
            t('count', lang),
            t('fromActors', lang),
            t('fromStatistics', lang),
            t('difference', lang),
          ],
          records.map((r) => [
            municipalityLabel(data, r.municipality),
            name(r.kind),
            r.actors,
            n(r.actorsTonnes),
            n(r.statisticsTonnes),
            n(r.difference),
          ]),
          [false, false, true, true, true, true],
        )}\n`,
      );
    });

  actors
    .command('named')
    .description(
      'the seed report’s named value-chain actors, looked up in the imported register, and their roles',
    )
    .requiredOption('--region <id>', 'region id (its seed report names the actors)')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: { region: string; format: string; lang: string }) => {
      const format = keyword(opts.format, 'format', ONE_FORMATS);
      const lang = parseLangOption(opts.lang);
      const r = await reportActorsFound(ctx.workspace(), opts.region);
      if (format === 'json') {
        ctx.out(renderJson(r));
        return;
      }
      const roles = new Map(
        ctx
          .workspace()
          .files.actorStreams()
          .roles.map((x) => [x.id, x.name[lang]]),
      );
      const data = ctx.data();
      ctx.out(
        `${renderTable(
          [t('name', lang), t('municipalities', lang), t('roles', lang), t('actor', lang)],
          r.matches.map((m) => [
            m.named.name,
            m.municipalities.map((x) => municipalityLabel(data, x)).join(', ') || '–',
            m.named.role ? (roles.get(m.named.role) ?? m.named.role) : '–',
            m.found.length === 0
              ? '–'
              : m.found
                  .map(
                    (f) =>
                      `${f.name} (${f.orgnr}; ${f.roles.map((x) => roles.get(x) ?? x).join(', ') || '–'})`,
                  )
                  .join('; '),
          ]),
        )}\n${r.found}/${r.named} · ${r.classified}/${r.named} ${t('roles', lang).toLowerCase()} · ${r.registerUnits} ${t('actor', lang).toLowerCase()}\n`,
      );
    });
}

function kindNames(ctx: CliContext, lang: Lang): (id: string) => string {
  const names = new Map(
    kindInfos(ctx.data().kinds, ctx.workspace().files.actorStreams()).map((k) => [k.id, k.name[lang]]),
  );
  return (id) => names.get(id) ?? id;
}

function reachText(ctx: CliContext, s: ActorStream, lang: Lang): string {
  const r = s.reaches;
  if (!r) return '';
  if (r.tier) return TIERS[r.tier][lang];
  const step = ctx
    .workspace()
    .files.actorStreams()
    .technicalLadder.find((x) => x.id === r.step);
  return step ? step.name[lang] : (r.step ?? '');
}

function quantityText(s: ActorStream, lang: Lang): string {
  const q = s.quantity;
  if (!q) return '–';
  return `${formatNumber(q.tonnes, lang)} (${formatNumber(q.low, lang)}–${formatNumber(q.high, lang)})`;
}

function csvColumns(direction: 'holds' | 'uses'): Record<string, string> {
  const base = { orgnr: '', name: '', municipality: '', actors: '', basis: '', status: '' };
  return direction === 'holds'
    ? { ...base, tonnes: '', low: '', high: '', distanceKm: '' }
    : { ...base, reaches: '', distanceKm: '' };
}

function rowCells(ctx: CliContext, a: StreamAnswer, r: StreamRow, lang: Lang) {
  const who = r.group ? t('farmsAndSoleProprietors', lang)(r.actors) : `${r.name ?? ''} (${r.orgnr})`;
  const record: Record<string, string | number> = {
    orgnr: r.orgnr ?? '',
    name: r.group ? who : (r.name ?? ''),
    municipality: r.municipality,
    actors: r.actors,
    basis: t(`basis_${r.stream.basis}`, lang),
    status: t(`status_${r.stream.status}`, lang),
  };
  if (a.direction === 'holds') {
    record.tonnes = Math.round(r.stream.quantity?.tonnes ?? 0);
    record.low = Math.round(r.stream.quantity?.low ?? 0);
    record.high = Math.round(r.stream.quantity?.high ?? 0);
  } else record.reaches = reachText(ctx, r.stream, lang);
  record.distanceKm = r.distance ? Math.round(r.distance.km) : '';
  return { who, record };
}

function renderAnswer(
  ctx: CliContext,
  a: StreamAnswer,
  rows: ReturnType<typeof rowCells>[],
  lang: Lang,
): string {
  const data = ctx.data();
  const name = kindNames(ctx, lang);
  const where = [a.region ?? '', a.near ? `${a.near.label} ≤ ${formatNumber(a.withinKm ?? 0, lang)} km` : '']
    .filter(Boolean)
    .join(', ');
  const head = `${a.direction === 'holds' ? t('holds', lang) : t('couldUse', lang)}: ${name(a.kind)} · ${where} · ${a.municipalities.length} ${t('municipalities', lang).toLowerCase()}`;
  const holds = a.direction === 'holds';
  const table = renderTable(
    [
      t('actor', lang),
      t('municipality', lang),
      holds ? `${t('tonnesPerYear', lang)} (P10–P90)` : t('reaches', lang),
      t('basis', lang),
      t('status', lang),
      t('distanceKm', lang),
    ],
    a.rows.map((r, i) => [
      rows[i]?.who ?? '',
      municipalityLabel(data, r.municipality),
      holds ? quantityText(r.stream, lang) : reachText(ctx, r.stream, lang),
      t(`basis_${r.stream.basis}`, lang),
      t(`status_${r.stream.status}`, lang),
      r.distance ? formatNumber(r.distance.km, lang) : '–',
    ]),
    [false, false, holds, false, false, true],
  );
  const total = a.total
    ? `${t('total', lang)}: ${formatNumber(a.total.tonnes, lang)} ${t('tonnesPerYear', lang)}`
    : '';
  return [head, table, total, a.privacy.groupedActors > 0 ? t('privacyNote', lang) : '']
    .filter(Boolean)
    .join('\n');
}

function renderOne(ctx: CliContext, one: ActorStreams, lang: Lang): string {
  const data = ctx.data();
  const name = kindNames(ctx, lang);
  const roles = new Map(
    ctx
      .workspace()
      .files.actorStreams()
      .roles.map((x) => [x.id, x.name[lang]]),
  );
  const head = [
    `${one.name ?? ''} (${one.orgnr})${one.form ? ` ${one.form}` : ''}`,
    `${t('municipalities', lang)}: ${one.municipalities.map((m) => municipalityLabel(data, m)).join(', ')}`,
    `NACE: ${one.nace.join(' ') || '–'} · ${t('roles', lang)}: ${one.roles.map((r) => roles.get(r) ?? r).join(', ') || '–'}`,
  ];
  const table = renderTable(
    [
      '',
      t('kind', lang),
      `${t('tonnesPerYear', lang)} (P10–P90)`,
      t('reaches', lang),
      t('basis', lang),
      t('status', lang),
    ],
    one.streams.map((s) => [
      s.direction === 'holds' ? t('holds', lang) : t('couldUse', lang),
      name(s.kind),
      quantityText(s, lang),
      reachText(ctx, s, lang),
      t(`basis_${s.basis}`, lang),
      t(`status_${s.status}`, lang),
    ]),
    [false, false, true, false, false, false],
  );
  return `${head.join('\n')}\n${table}`;
}
