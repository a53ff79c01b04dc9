/**
 * The market platform for administrators, on the server's machine (as an administrator of every
 * region): `market listings`, `market from-estimates` (a kind's largest holders as listings), `market ledger` (CSV for a report or a funder), `market dashboard`
 * (identified against realised) and `market reminders` (stalled matches). Facilitators are made with
 * `accounts grant --role facilitator --region ID`.
 */
import type { Command } from 'commander';
import {
  CLI_ASKER,
  LEDGER_COLUMNS,
  ledgerRows,
  listingsFromEstimates,
  regionDashboard,
  regionLedger,
  reminders,
  searchListings,
} from '../../app/market.ts';
import { kindInfos } from '../../domain/actor-streams.ts';
import { LISTING_SIDES } from '../../domain/market.ts';
import { textIn } from '../../domain/text.ts';
import { TIER_NAMES, type Tier } from '../../domain/valuation.ts';
import { formatNumber } from '../../messages/format.ts';
import type { CliContext } from '../context.ts';
import { municipalityLabel, parseInteger } from '../context.ts';
import { keyword, parseLangOption, renderCsv, renderJson, renderTable } from '../format.ts';
import { t } from '../i18n.ts';

interface Common {
  region: string;
  format: string;
  lang: string;
}

/** A stream kind by its name in the language (the id where the catalogue has none). */
function kindNames(ctx: CliContext, lang: 'nb' | 'en') {
  const files = ctx.workspace().files;
  const names = new Map(
    kindInfos(files.reference().kinds, files.actorStreams()).map((k) => [k.id, textIn(k.name, lang)]),
  );
  return (id: string) => names.get(id) ?? id;
}

const n = (v: number | null | undefined, lang: 'nb' | 'en', digits = 0) =>
  v === null || v === undefined ? '–' : formatNumber(Number(v.toFixed(digits)), lang);

export function registerMarket(program: Command, ctx: CliContext): void {
  const market = program
    .command('market')
    .description('the market platform: listings, the ledger of realised benefit, the dashboard, reminders');

  market
    .command('listings')
    .description('every listing of a region (open ones unless --state closed)')
    .requiredOption('--region <id>', 'the region')
    .option('--kind <id>', 'one stream kind')
    .option('--side <side>', LISTING_SIDES.join(', '))
    .option('--state <state>', 'open or closed', 'open')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (o: Common & { kind?: string; side?: string; state: string }) => {
      const format = keyword(o.format, 'format', ['table', 'json'] as const);
      const lang = parseLangOption(o.lang);
      const data = await ctx.workspace().reference();
      const kindName = kindNames(ctx, lang);
      const found = await searchListings(ctx.workspace(), CLI_ASKER, {
        region: o.region,
        kind: o.kind,
        side: o.side ? keyword(o.side, 'side', LISTING_SIDES) : undefined,
        state: keyword(o.state, 'state', ['open', 'closed'] as const),
        limit: 100_000,
      });
      if (format === 'json') {
        ctx.out(renderJson(found.items));
        return;
      }
      ctx.out(
        `${renderTable(
          [
            t('listing', lang),
            t('side', lang),
            t('stream', lang),
            t('municipality', lang),
            t('quantity', lang),
            t('visibility', lang),
            t('estimated', lang),
          ],
          found.items.map((l) => [
            l.title,
            t(`side_${l.side}`, lang),
            kindName(l.kind),
            municipalityLabel(data, l.location.municipality),
            `${n(l.quantity.amount, lang)} ${l.quantity.unit}`,
            t(`visibility_${l.visibility}`, lang),
            l.estimated ? t('yes', lang) : t('no', lang),
          ]),
          [false, false, false, false, true, false, false],
        )}\n`,
      );
    });

  market
    .command('from-estimates')
    .description('listings from the estimate for the largest holders of a kind not listed yet (all or none)')
    .requiredOption('--region <id>', 'the region')
    .requiredOption('--kind <id>', 'the stream kind')
    .option('--min-tonnes <t>', 'at least this many tonnes a year', '0')
    .option('--limit <n>', 'at most this many listings', '50')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (o: Common & { kind: string; minTonnes: string; limit: string }) => {
      const format = keyword(o.format, 'format', ['table', 'json'] as const);
      const lang = parseLangOption(o.lang);
      const made = await listingsFromEstimates(ctx.workspace(), CLI_ASKER, {
        region: o.region,
        kind: o.kind,
        minTonnes: parseInteger(o.minTonnes, '--min-tonnes', 0, 100_000_000),
        limit: parseInteger(o.limit, '--limit', 1, 500),
      });
      if (format === 'json') return ctx.out(renderJson(made));
      const data = await ctx.workspace().reference();
      ctx.out(
        `${renderTable(
          [t('listing', lang), t('orgnr', lang), t('municipality', lang), t('quantity', lang)],
          made.created.map((l) => [
            l.title,
            l.holder.orgnr ?? '–',
            municipalityLabel(data, l.location.municipality),
            `${n(l.quantity.amount, lang)} t (${n(l.quantity.low, lang)}–${n(l.quantity.high, lang)})`,
          ]),
          [false, false, false, true],
        )}\n${t('listingsMade', lang)(made.created.length, made.skipped)}\n`,
      );
    });

  market
    .command('ledger')
    .description(
      'the region’s ledger of realised benefit: every record, and the totals (sums of the records)',
    )
    .requiredOption('--region <id>', 'the region')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (o: Common) => {
      const format = keyword(o.format, 'format', ['table', 'csv', 'json'] as const);
      const lang = parseLangOption(o.lang);
      const ledger = await regionLedger(ctx.workspace(), CLI_ASKER, { region: o.region });
      if (format === 'json') return ctx.out(renderJson(ledger));
      if (format === 'csv') return ctx.out(renderCsv(ledgerRows(ledger), [...LEDGER_COLUMNS]));
      const data = await ctx.workspace().reference();
      const kindName = kindNames(ctx, lang);
      const rows = ledger.records.map((r) => [
        r.date,
        kindName(r.kind),
        municipalityLabel(data, r.municipality),
        r.target,
        n(r.tonnes, lang, 1),
        n(r.nok, lang),
        n(r.co2eTonnes, lang, 2),
        t(`method_${r.method}`, lang),
      ]);
      const sum = ledger.totals;
      rows.push([
        t('total', lang),
        '',
        '',
        '',
        n(sum.tonnes, lang, 1),
        n(sum.nok, lang),
        n(sum.co2eTonnes, lang, 2),
        '',
      ]);
      ctx.out(
        `${renderTable(
          [
            t('date', lang),
            t('stream', lang),
            t('municipality', lang),
            t('target', lang),
            't',
            'NOK',
            't CO2e',
            t('method', lang),
          ],
          rows,
          [false, false, false, false, true, true, true, false],
        )}\n`,
      );
    });

  market
    .command('dashboard')
    .description('identified against realised benefit, by stream kind, municipality and tier')
    .requiredOption('--region <id>', 'the region')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (o: Common) => {
      const format = keyword(o.format, 'format', ['table', 'json'] as const);
      const lang = parseLangOption(o.lang);
      const d = await regionDashboard(ctx.workspace(), CLI_ASKER, { region: o.region });
      if (format === 'json') return ctx.out(renderJson(d));
      const data = await ctx.workspace().reference();
      const kindName = kindNames(ctx, lang);
      for (const [title, rows, label] of [
        [t('stream', lang), d.byKind, kindName],
        [t('municipality', lang), d.byMunicipality, (k: string) => municipalityLabel(data, k)],
        [t('tier', lang), d.byTier, (k: string) => (k in TIER_NAMES ? TIER_NAMES[k as Tier][lang] : '–')],
      ] as const) {
        ctx.out(
          `${renderTable(
            [
              title,
              t('matches', lang),
              t('identifiedTonnes', lang),
              t('identifiedNok', lang),
              t('realisedTonnes', lang),
              t('realisedNok', lang),
              t('realisedCo2e', lang),
            ],
            rows.map((r) => [
              label(r.key),
              r.matches,
              n(r.identified.tonnes, lang),
              n(r.identified.nok, lang),
              n(r.realised.tonnes, lang, 1),
              n(r.realised.nok, lang),
              n(r.realised.co2eTonnes, lang, 2),
            ]),
            [false, true, true, true, true, true, true],
          )}\n`,
        );
      }
    });

  market
    .command('reminders')
    .description('matches with no stage change for --days days, and every stalled one')
    .requiredOption('--region <id>', 'the region')
    .option('--days <n>', 'days without a change', '30')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (o: Common & { days: string }) => {
      const format = keyword(o.format, 'format', ['table', 'json'] as const);
      const lang = parseLangOption(o.lang);
      const r = await reminders(ctx.workspace(), CLI_ASKER, {
        region: o.region,
        days: parseInteger(o.days, '--days', 1, 3650),
      });
      if (format === 'json') return ctx.out(renderJson(r));
      ctx.out(
        `${renderTable(
          [
            t('match', lang),
            t('stream', lang),
            t('target', lang),
            t('stage', lang),
            t('since', lang),
            t('idleDays', lang),
          ],
          r.due.map((m) => [
            m.id,
            m.kind,
            m.target.name ?? m.target.id,
            t(`stage_${m.stage}`, lang),
            m.since.slice(0, 10),
            m.idleDays,
          ]),
          [false, false, false, false, false, true],
        )}\n`,
      );
    });
}
