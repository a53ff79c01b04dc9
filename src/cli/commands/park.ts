/**
 * `restverdi park run FILE`: a biopark design (docs/parks.md, schema docs/park.schema.json) checked —
 * shape, graph, balances and the library's yields, every problem listed — then its balance per process
 * and quantity, its economics, its CO2e against the counterfactual and the streams it takes from
 * higher uses.
 */
import type { Command } from 'commander';
import {
  compareParks,
  listParks,
  type ParkRun,
  runParkFile,
  saveParkDesign,
  storedPark,
} from '../../app/parks.ts';
import { MAX_SEED } from '../../app/residues.ts';
import { MAX_VALUE_DRAWS } from '../../app/value-uncertainty.ts';
import { PARK_QUANTITY_NAMES, PARK_UNITS } from '../../domain/parks.ts';
import { textIn } from '../../domain/text.ts';
import { TIER_NAMES } from '../../domain/valuation.ts';
import { formatNumber } from '../../messages/format.ts';
import { type CliContext, parseInteger } from '../context.ts';
import { keyword, parseLangOption, renderJson, renderTable } from '../format.ts';
import { t } from '../i18n.ts';
import { bandTable, uncertaintyHeader, uncertaintyOptions } from '../uncertainty.ts';

export function registerPark(program: Command, ctx: CliContext): void {
  const park = program
    .command('park')
    .description('biopark designs: balances, economics and CO2e (docs/parks.md)');
  uncertaintyOptions(
    park
      .command('run')
      .description('check and run a park design file (schema: docs/park.schema.json)')
      .argument('<file>', 'a park design (JSON)'),
    'add P10/P50/P90 of revenue, opex, net value and net CO2e (Monte Carlo over yields, prices, costs and climate factors)',
  )
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(
      async (
        file: string,
        o: { format: string; lang: string; uncertainty?: boolean; draws: string; seed: string },
      ) => {
        const format = keyword(o.format, 'format', ['table', 'json'] as const);
        const lang = parseLangOption(o.lang);
        const run = runParkFile(
          ctx.workspace(),
          file,
          o.uncertainty
            ? {
                draws: parseInteger(o.draws, '--draws', 1, MAX_VALUE_DRAWS),
                seed: parseInteger(o.seed, '--seed', 0, MAX_SEED),
              }
            : undefined,
        );
        ctx.out(format === 'json' ? renderJson(run) : renderRun(run, lang));
      },
    );

  park
    .command('save')
    .description('check a park design file and store it as a new version')
    .argument('<file>', 'a park design (JSON)')
    .option('--note <text>', 'what changed')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (file: string, o: { note?: string; lang: string }) => {
      const lang = parseLangOption(o.lang);
      const body = runParkFile(ctx.workspace(), file).park;
      const saved = await saveParkDesign(ctx.workspace(), body, { note: o.note });
      ctx.out(`${t('parkSaved', lang)(saved.id, saved.version)}\n`);
    });

  park
    .command('list')
    .description('the stored park designs at their latest version')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (o: { format: string; lang: string }) => {
      const format = keyword(o.format, 'format', ['table', 'json'] as const);
      const lang = parseLangOption(o.lang);
      const list = await listParks(ctx.workspace());
      if (format === 'json') return ctx.out(renderJson(list));
      ctx.out(
        `${renderTable(
          [
            t('id', lang),
            t('name', lang),
            t('version', lang),
            t('versions', lang),
            t('saved', lang),
            t('note', lang),
          ],
          list.map((p) => [p.id, p.name, p.version, p.versions, p.savedAt.slice(0, 10), p.note ?? '–']),
          [false, false, true, true, false, false],
        )}\n`,
      );
    });

  park
    .command('show')
    .description('run a stored park design (its latest version, or --version N)')
    .argument('<id>', 'the design’s id')
    .option('--version <n>', 'a version (default the latest)')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (id: string, o: { version?: string; format: string; lang: string }) => {
      const format = keyword(o.format, 'format', ['table', 'json'] as const);
      const lang = parseLangOption(o.lang);
      const version =
        o.version === undefined ? undefined : parseInteger(o.version, '--version', 1, 1_000_000);
      const run = await storedPark(ctx.workspace(), id, version);
      ctx.out(
        format === 'json' ? renderJson(run) : `${t('version', lang)} ${run.version}\n${renderRun(run, lang)}`,
      );
    });

  park
    .command('compare')
    .description('stored designs side by side: ID or ID@VERSION, two or more')
    .argument('<refs...>', 'designs to compare')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (refs: string[], o: { format: string; lang: string }) => {
      const format = keyword(o.format, 'format', ['table', 'json'] as const);
      const lang = parseLangOption(o.lang);
      const rows = await compareParks(ctx.workspace(), refs);
      if (format === 'json') return ctx.out(renderJson(rows));
      const mnok = (v: number) => formatNumber(v / 1e6, lang, 2);
      ctx.out(
        `${renderTable(
          [
            t('id', lang),
            t('version', lang),
            t('capexMnok', lang),
            t('opexMnok', lang),
            t('revenueMnok', lang),
            t('parkNetMnok', lang),
            't CO2e',
            t('takenFromHigherTitle', lang),
          ],
          rows.map((r) => [
            r.id,
            r.version,
            mnok(r.economics.capexNok),
            mnok(r.economics.opexNok),
            mnok(r.economics.revenueNok),
            mnok(r.economics.netNok),
            formatNumber(r.netCo2e, lang),
            formatNumber(r.takenFromHigherTonnes, lang),
          ]),
          [false, true, true, true, true, true, true, true],
        )}\n`,
      );
    });
}

/** A park's run as the tables a person reads. */
function renderRun(run: ParkRun, lang: 'nb' | 'en'): string {
  const n = (v: number, digits = 1) => formatNumber(v, lang, Number.isInteger(v) ? 0 : digits);
  const mnok = (v: number) => formatNumber(v / 1e6, lang, 2);
  const out: string[] = [textIn(run.park.name, lang), ''];
  out.push(t('parkBalanceTitle', lang));
  out.push(
    renderTable(
      [
        t('process', lang),
        t('quantity', lang),
        t('treatment', lang),
        t('inputs', lang),
        t('outputs', lang),
        t('stockChange', lang),
        t('residual', lang),
      ],
      run.balance.map((r) => [
        r.process,
        `${PARK_QUANTITY_NAMES[r.quantity][lang]} (${PARK_UNITS[r.quantity]})`,
        t(`treatment_${r.treatment}`, lang),
        n(r.inputs),
        n(r.outputs),
        n(r.stockChange),
        n(r.residual),
      ]),
      [false, false, false, true, true, true, true],
    ),
  );
  const e = run.economics;
  out.push('', t('parkEconomicsTitle', lang));
  out.push(
    renderTable(
      [
        t('process', lang),
        t('capexMnok', lang),
        t('annualCapitalMnok', lang),
        t('opexMnok', lang),
        t('revenueMnok', lang),
        t('parkNetMnok', lang),
      ],
      [
        ...e.processes.map((p) => [
          p.process,
          mnok(p.capexNok),
          mnok(p.annualCapitalNok),
          mnok(p.opexNok),
          mnok(p.revenueNok),
          mnok(p.netNok),
        ]),
        ...e.shared.map((x) => [x.id, mnok(x.capexNok), mnok(x.annualCapitalNok), mnok(x.opexNok), '–', '–']),
        [
          t('total', lang),
          mnok(e.total.capexNok),
          mnok(e.total.annualCapitalNok),
          mnok(e.total.opexNok),
          mnok(e.total.revenueNok),
          mnok(e.total.netNok),
        ],
      ],
      [false, true, true, true, true, true],
    ),
  );
  out.push(e.paybackYears === null ? t('noPayback', lang) : t('paybackYears', lang)(n(e.paybackYears)));
  const c = run.climate;
  out.push(
    '',
    t('parkClimate', lang)(n(c.productsCo2e), n(c.currentUseCo2e), n(c.netCo2e), mnok(c.currentUseNok)),
  );
  out.push('', t('takenFromHigherTitle', lang));
  out.push(
    run.takenFromHigher.length === 0
      ? t('noneTakenFromHigher', lang)
      : renderTable(
          [t('stream', lang), 't', t('parkTier', lang), t('pyramidTier', lang)],
          run.takenFromHigher.map((x) => [
            x.kind,
            n(x.tonnes),
            TIER_NAMES[x.parkTier][lang],
            TIER_NAMES[x.pyramidTier][lang],
          ]),
          [false, true, false, false],
        ),
  );
  const u = run.uncertainty;
  if (u) {
    out.push(...uncertaintyHeader(u, lang));
    out.push(
      bandTable(
        [
          [t('revenueMnok', lang), 'NOK', u.bands.revenueNok ?? null],
          [t('opexMnok', lang), 'NOK', u.bands.opexNok ?? null],
          [t('annualCapitalMnok', lang), 'NOK', u.bands.annualCapitalNok ?? null],
          [t('parkNetMnok', lang), 'NOK', u.bands.netNok ?? null],
          ['t CO2e', 't', u.bands.netCo2e ?? null],
        ],
        lang,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
