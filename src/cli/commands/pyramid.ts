/** Value-pyramid commands: scenarios, the pyramid per stream, and the technology library. */

import type { Command } from 'commander';
import { messageNames } from '../../app/names.ts';
import { pyramidOfKind } from '../../app/pyramid.ts';
import { MAX_SEED } from '../../app/residues.ts';
import {
  listScenarios as listStoredScenarios,
  runScenarioRequest,
  type ScenarioRun,
} from '../../app/scenarios.ts';
import {
  MAX_VALUE_DRAWS,
  type PyramidUncertaintyAnswer,
  pyramidUncertaintyOf,
  type ScenarioUncertaintyAnswer,
  scenarioUncertaintyOf,
} from '../../app/value-uncertainty.ts';
import { AppError } from '../../domain/errors.ts';
import { message } from '../../domain/message.ts';
import { MATURE_TRL } from '../../domain/technologies.ts';
import { textIn } from '../../domain/text.ts';
import { TIER_NAMES } from '../../domain/valuation.ts';
import { localise, type Names as MessageNames, renderMessage } from '../../messages/catalogue.ts';
import { type CliContext, kindName, parseInteger } from '../context.ts';
import {
  type Format,
  formatNumber,
  keyword,
  type Lang,
  renderCsv,
  renderJson,
  renderTable,
} from '../format.ts';
import { t } from '../i18n.ts';
import {
  type BandRow,
  bandTable,
  tornadoLines,
  uncertaintyHeader,
  uncertaintyOptions,
} from '../uncertainty.ts';

const LANGS = ['nb', 'en'] as const satisfies readonly Lang[];
const TABLE_OR_JSON = ['table', 'json'] as const satisfies readonly Format[];

const UNCERTAINTY_ADDS = 'add P10/P50/P90 of net NOK and CO2e and the tornado (Monte Carlo)';

export function registerPyramid(program: Command, ctx: CliContext): void {
  const scenario = program
    .command('scenario')
    .description('run conversion scenarios (built-in or your own JSON file)');
  uncertaintyOptions(
    scenario
      .command('run')
      .description('run a built-in scenario by name, or a scenario file (schema: docs/scenario.schema.json)')
      .argument(
        '<name-or-file>',
        'built-in scenario id (see `restverdi scenario list`) or a path to a JSON file',
      )
      .option(
        '--region <id>',
        'check the feed against this region’s residue estimate',
        'gjovik-hadeland-ringerike',
      )
      .option('--profile <id>', 'coefficient profile of that estimate', 'report'),
    UNCERTAINTY_ADDS,
  )
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (nameOrFile: string, opts: ScenarioRunOptions) =>
      ctx.out(await runScenarioCommand(ctx, nameOrFile, opts)),
    );
  scenario
    .command('list')
    .description('list the stored scenarios: the built-ins, then your own')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: { format: string; lang: string }) => ctx.out(await listScenarios(ctx, opts)));

  uncertaintyOptions(
    program
      .command('pyramid')
      .description('the value pyramid of one stream: best route, value and uplift per tier')
      .requiredOption('--kind <id>', 'residue kind (see `restverdi kinds`)')
      .option('--tonnes <t>', 'tonnes per year, wet')
      .option('--region <id>', 'take the tonnes from this region’s estimate')
      .option('--profile <id>', 'coefficient profile for --region', 'report'),
    UNCERTAINTY_ADDS,
  )
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: PyramidOptions) => ctx.out(await runPyramid(ctx, opts)));

  program
    .command('technologies')
    .description('list the conversion technologies: inputs, yields, losses, costs and sources')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action((opts: { format: string; lang: string }) => ctx.out(listTechnologies(ctx, opts)));
}

interface ScenarioRunOptions {
  region: string;
  profile: string;
  uncertainty?: boolean;
  draws: string;
  seed: string;
  format: string;
  lang: string;
}

/** Each line of a scenario run twice, its overrides (numbered) and its feed against the region. */
function twiceLines(run: ScenarioRun, lang: Lang, names: MessageNames): string[] {
  const { comparison, feedCheck } = run;
  const say = (m: Parameters<typeof renderMessage>[0]) => renderMessage(m, lang, names);
  const amount = (v: number, unit: string, sign = false) => {
    const text = unit === 'NOK' ? formatNumber(v / 1e6, lang, 1) : formatNumber(v, lang);
    return sign && v > 0 ? `+${text}` : text;
  };
  const lines = ['', t('twiceTitle', lang)];
  if (!comparison.fromLibrary.ok) {
    const why = comparison.fromLibrary.reason
      ? say(comparison.fromLibrary.reason)
      : comparison.fromLibrary.error;
    lines.push(`${t('libraryRunFailed', lang)}: ${why}`);
  } else {
    lines.push(
      renderTable(
        [
          t('line', lang),
          t('asStated', lang),
          t('fromLibrary', lang),
          t('difference', lang),
          t('causes', lang),
        ],
        comparison.lines.map((l) => [
          // A feed's label says its basis; every other line gets its unit.
          l.line === 'feed' ? say(l.label) : `${say(l.label)} (${l.unit === 'NOK' ? 'MNOK' : l.unit})`,
          amount(l.asStated, l.unit),
          amount(l.fromLibrary, l.unit),
          amount(l.difference, l.unit, true),
          l.causes
            .map((c) => `[${c.overrides.map((i) => i + 1).join('+')}] ${amount(c.effect, l.unit, true)}`)
            .join('; '),
        ]),
        [false, true, true, true, false],
      ),
    );
  }
  lines.push('', t('overridesTitle', lang));
  if (comparison.overrides.length === 0) lines.push(t('noOverrides', lang));
  comparison.overrides.forEach((o, i) => {
    lines.push(`[${i + 1}] ${say(o.message)}`);
  });
  lines.push('', `${t('feedCheckTitle', lang)} (${feedCheck.region}, ${feedCheck.profile})`);
  for (const f of feedCheck.asStated) lines.push(`${f.status === 'exceeds' ? '! ' : '  '}${say(f.message)}`);
  return lines;
}

async function runScenarioCommand(
  ctx: CliContext,
  nameOrFile: string,
  opts: ScenarioRunOptions,
): Promise<string> {
  const format = keyword(opts.format, 'format', TABLE_OR_JSON);
  const lang = keyword(opts.lang, 'lang', LANGS);
  const run = await runScenarioRequest(
    ctx.workspace(),
    { idOrFile: nameOrFile },
    { region: opts.region, profile: opts.profile },
  );
  const { scenario, result } = run;
  const names = messageNames(ctx.data(), ctx.workspace().library);
  const uncertainty = opts.uncertainty
    ? scenarioUncertaintyOf(ctx.workspace().library, ctx.workspace().random, scenario, {
        draws: parseInteger(opts.draws, '--draws', 1, MAX_VALUE_DRAWS),
        seed: parseInteger(opts.seed, '--seed', 0, MAX_SEED),
      })
    : undefined;
  if (format === 'json')
    return renderJson(
      localise(
        {
          name: scenario.name,
          description: scenario.description,
          ...result,
          comparison: { ...run.comparison, asStated: undefined },
          feedCheck: run.feedCheck,
          readiness: run.readiness,
          ...(uncertainty ? { uncertainty } : {}),
        },
        lang,
        names,
      ),
    );
  const n = (v: number) => formatNumber(v, lang);
  const mnok = (v: number) => formatNumber(v / 1e6, lang, 1);
  const lines = [
    `${scenario.name[lang]} (${scenario.id})`,
    textIn(scenario.description, lang),
    ...run.readiness.map((m) => `! ${renderMessage(m, lang, names)}`),
    '',
    renderTable(
      [t('product', lang), t('tier', lang), t('tonnes', lang), 'NOK/t', 'MNOK', 't CO2e'],
      [
        ...result.products.map((p) => [
          p.product,
          TIER_NAMES[p.tier][lang],
          n(p.tonnes),
          n(p.priceNokPerTonne),
          mnok(p.valueNok),
          n(p.co2eTonnes),
        ]),
        [t('total', lang), '', '', '', mnok(result.valueNok), n(result.co2eTonnes)],
      ],
      [false, false, true, true, true, true],
    ),
    '',
    t('capexOpex', lang)(mnok(result.capexNok), mnok(result.opexNok)),
    '',
    t('massBalancePerStep', lang),
    renderTable(
      [
        t('step', lang),
        t('technology', lang),
        t('inputTonnes', lang),
        t('productsTonnes', lang),
        t('lossesTonnes', lang),
        t('imbalance', lang),
      ],
      result.massBalance.map((b) => [
        b.step,
        `${b.technology} (${t(b.basis === 'dm' ? 'dm' : 'wet', lang)})`,
        n(b.input),
        b.products.map((p) => `${p.product} ${n(p.tonnes)}`).join(', '),
        b.losses.map((l) => `${l.what} ${n(l.tonnes)}`).join(', '),
        formatNumber(b.imbalance, lang, 3),
      ]),
      [false, false, true, false, false, true],
    ),
    ...twiceLines(run, lang, names),
    ...(uncertainty ? scenarioUncertaintyLines(uncertainty, lang, names) : []),
  ];
  return `${lines.join('\n')}\n`;
}

function scenarioUncertaintyLines(u: ScenarioUncertaintyAnswer, lang: Lang, names: MessageNames): string[] {
  return [
    ...uncertaintyHeader(u, lang),
    bandTable(
      [
        [t('netValueMnok', lang), 'NOK', u.netNok],
        [t('co2eSavedTonnes', lang), 't', u.co2eTonnes],
      ],
      lang,
    ),
    ...tornadoLines(u.tornado, lang, names),
  ];
}

async function listScenarios(ctx: CliContext, opts: { format: string; lang: string }): Promise<string> {
  const format = keyword(opts.format, 'format', TABLE_OR_JSON);
  const lang = keyword(opts.lang, 'lang', LANGS);
  const { scenarios } = await listStoredScenarios(ctx.workspace());
  const rows = scenarios.map((s) => ({
    id: s.id,
    name: s.name[lang],
    description: textIn(s.description, lang),
  }));
  if (format === 'json') return renderJson({ scenarios: rows });
  return `${renderTable(
    [t('id', lang), t('name', lang), t('description', lang)],
    rows.map((r) => [r.id, r.name, r.description.slice(0, 80)]),
  )}\n`;
}

interface PyramidOptions {
  kind: string;
  tonnes?: string;
  region?: string;
  profile: string;
  uncertainty?: boolean;
  draws: string;
  seed: string;
  format: string;
  lang: string;
}

export async function runPyramid(ctx: CliContext, opts: PyramidOptions): Promise<string> {
  const format = keyword(opts.format, 'format', TABLE_OR_JSON);
  const lang = keyword(opts.lang, 'lang', LANGS);
  if (opts.tonnes !== undefined && opts.region !== undefined) {
    throw new AppError('invalid_input', 'give either --tonnes or --region, not both', {
      detail: message('options_conflict', { option: '--tonnes', other: '--region' }),
    });
  }
  let tonnesGiven: number | undefined;
  if (opts.tonnes !== undefined) {
    tonnesGiven = Number(opts.tonnes);
    if (!Number.isFinite(tonnesGiven) || tonnesGiven < 0)
      throw new AppError('invalid_input', `invalid --tonnes: ${opts.tonnes} (a number ≥ 0)`, {
        detail: message('invalid_nonnegative_number', { name: '--tonnes', input: opts.tonnes }),
      });
  }
  const result = await pyramidOfKind(ctx.workspace(), {
    kind: opts.kind,
    tonnes: tonnesGiven,
    region: opts.region,
    profile: opts.profile,
  });
  const data = ctx.data();
  const names = messageNames(data, ctx.workspace().library);
  const uncertainty = opts.uncertainty
    ? pyramidUncertaintyOf(ctx.workspace().library, data, ctx.workspace().random, {
        kind: opts.kind,
        tonnes: tonnesGiven,
        region: opts.region,
        profile: opts.profile,
        draws: parseInteger(opts.draws, '--draws', 1, MAX_VALUE_DRAWS),
        seed: parseInteger(opts.seed, '--seed', 0, MAX_SEED),
      })
    : undefined;
  if (format === 'json')
    return renderJson(localise(uncertainty ? { ...result, uncertainty } : result, lang, names));
  const tonnes = result.tonnes;
  const basisNote = result.tonnesFrom;
  const n = (v: number | null) => (v === null ? '–' : formatNumber(v, lang));
  const mnok = (v: number | null) => (v === null ? '–' : formatNumber(v / 1e6, lang, 1));
  const lines = [
    `${kindName(data.kinds, opts.kind, lang)}: ${n(tonnes)} ${t('tonnesWetShort', lang)} (${basisNote})`,
    '',
    renderTable(
      [
        t('tier', lang),
        t('route', lang),
        t('grossPerTonne', lang),
        t('netPerTonne', lang),
        t('netMnok', lang),
        t('upliftMnok', lang),
        t('note', lang),
      ],
      [...result.tiers]
        .reverse()
        .map((tier) => [
          TIER_NAMES[tier.tier][lang],
          tier.route ? `${tier.route.join(' → ')}${tier.mixed ? ` (${t('mixedRoute', lang)})` : ''}` : '–',
          n(tier.grossPerTonneNok),
          n(tier.valuePerTonneNok),
          mnok(tier.valueNok),
          mnok(tier.upliftNok),
          tier.reason
            ? renderMessage(tier.reason, lang, names).slice(0, 90)
            : tier.notes.map((m) => renderMessage(m, lang, names)).join('; '),
        ]),
      [false, false, true, true, true, true, false],
    ),
  ];
  const emerging = result.tiers.flatMap((tier) => tier.emerging.map((o) => ({ tier: tier.tier, ...o })));
  if (emerging.length > 0) {
    lines.push('', `${t('emergingRoutes', lang)(MATURE_TRL)}:`);
    for (const o of emerging)
      lines.push(
        `  ${TIER_NAMES[o.tier][lang]}: ${o.route.join(' → ')} (TRL ${o.trl}${o.placeholders.length > 0 ? `, ${renderMessage(message('route_placeholder', { count: o.placeholders.length }), lang)}` : ''}): ${n(o.valuePerTonneNok)} ${t('netPerTonneShort', lang)}`,
      );
  }
  if (result.currentUse) {
    lines.push(
      '',
      `${t('currentUse', lang)}: ${TIER_NAMES[result.currentUse.tier][lang]} – ${result.currentUse.description[lang]} (${n(result.currentUse.valuePerTonneNok)} NOK/t, ${mnok(result.currentUse.valueNok)} MNOK; ${n(result.currentUse.co2eTonnes)} t CO2e ${t('co2eSaved', lang)})`,
    );
  }
  if (result.best) {
    lines.push(
      `${t('bestRoute', lang)}: ${result.best.route.join(' → ')} (${TIER_NAMES[result.best.tier][lang]}${result.best.direction === 'down' ? `, ${t('movesDown', lang)}` : ''}), ${mnok(result.best.valueNok)} MNOK ${t('net', lang)} (${mnok(result.best.grossNok)} MNOK ${t('gross', lang)}); ${result.best.direction === 'down' ? t('change', lang) : t('uplift', lang)} ${mnok(result.upliftNok)} MNOK`,
    );
  }
  if (result.hauls && result.hauls.length > 0) {
    lines.push('', `${t('haulsTitle', lang)}:`);
    for (const h of result.hauls)
      lines.push(
        `  ${h.technology}: ${h.site}, ${n(h.km)} km ${t('onAverage', lang)}, ${n(h.nokPerTonne)} NOK/t, ${formatNumber(h.co2ePerTonne * 1000, lang)} kg CO2e/t`,
      );
    if (result.bestAfterTransport)
      lines.push(
        `${t('bestAfterTransport', lang)}: ${mnok(result.bestAfterTransport.valueNok)} MNOK (${result.bestAfterTransport.site})`,
      );
  }
  if (uncertainty) lines.push(...pyramidUncertaintyLines(uncertainty, lang, names));
  return `${lines.join('\n')}\n`;
}

function pyramidUncertaintyLines(u: PyramidUncertaintyAnswer, lang: Lang, names: MessageNames): string[] {
  const lines = uncertaintyHeader(u, lang);
  const rows: BandRow[] = [[t('streamTonnes', lang), 't', u.tonnes]];
  if (u.best) {
    const best = `${t('bestRoute', lang)} (${TIER_NAMES[u.best.tier][lang]})`;
    rows.push(
      [`${best}: ${t('netValueMnok', lang)}`, 'NOK', u.best.valueNok],
      [`${best}: ${t('upliftValueMnok', lang)}`, 'NOK', u.best.upliftNok],
      [`${best}: ${t('co2eSavedTonnes', lang)}`, 't', u.best.co2eTonnes],
      [`${best}: ${t('co2eUpliftTonnes', lang)}`, 't', u.best.co2eUpliftTonnes],
    );
  }
  for (const tier of [...u.tiers].reverse())
    rows.push([`${TIER_NAMES[tier.tier][lang]}: ${t('netValueMnok', lang)}`, 'NOK', tier.valueNok]);
  lines.push(bandTable(rows, lang));
  if (u.best) lines.push(t('bestKept', lang)(Math.round(u.best.keptShare * 100)));
  lines.push(...tornadoLines(u.tornado, lang, names));
  return lines;
}

function listTechnologies(ctx: CliContext, opts: { format: string; lang: string }): string {
  const format = keyword(opts.format, 'format', ['table', 'json', 'csv'] as const);
  const lang = keyword(opts.lang, 'lang', LANGS);
  const lib = ctx.workspace().library;
  if (format === 'json') return renderJson({ technologies: lib.technologies });
  const rows = lib.technologies.map((x) => ({
    id: x.id,
    name: x.name[lang],
    tier: x.tier,
    basis: x.basis,
    inputs: x.inputs.join(' '),
    outputs: x.outputs.map((o) => `${o.product} ${o.yield.value}`).join(' '),
    losses: x.losses.map((l) => `${l.what} ${l.yield.value}`).join(' '),
    capexNokPerTonneCapacity: x.capexNokPerTonneCapacity.value,
    capexPer: x.capexPer ?? 'input',
  }));
  if (format === 'csv') return renderCsv(rows, Object.keys(rows[0] ?? { id: '' }));
  return `${renderTable(
    [
      t('id', lang),
      t('name', lang),
      t('tier', lang),
      t('basis', lang),
      t('inputs', lang),
      t('outputsPerTonne', lang),
    ],
    rows.map((r) => [r.id, r.name, r.tier, r.basis, r.inputs, r.outputs]),
  )}\n`;
}
