/** `restverdi optimize` (alias `optimise`): the allocation of a region's streams to sites. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  type AllocationPlan,
  type AllocationRequest,
  allocationAnswer,
  allocationDeps,
  planAllocation,
  runAllocation,
} from '../../app/allocation.ts';
import { messageNames } from '../../app/names.ts';
import { DEFAULT_SEED, MAX_SEED } from '../../app/residues.ts';
import {
  type AllocationUncertaintyAnswer,
  allocationUncertaintyOf,
  DEFAULT_VALUE_DRAWS,
  MAX_REOPTIMISE_DRAWS,
  MAX_VALUE_DRAWS,
} from '../../app/value-uncertainty.ts';
import type { Objective } from '../../domain/allocation/input.ts';
import type { UnallocatedReason } from '../../domain/allocation/model.ts';
import type { AllocationResult } from '../../domain/allocation/result.ts';
import { AppError } from '../../domain/errors.ts';
import { message } from '../../domain/message.ts';
import { writeMps } from '../../domain/mps.ts';
import { MATURE_TRL } from '../../domain/technologies.ts';
import { localise, type Names, renderMessage } from '../../messages/catalogue.ts';
import { type CliContext, kindName, municipalityLabel, parseInteger } from '../context.ts';
import { type Format, formatNumber, keyword, type Lang, renderJson, renderTable } from '../format.ts';
import { t } from '../i18n.ts';
import {
  type BandRow,
  bandTable,
  tornadoLines,
  uncertaintyHeader,
  uncertaintyOptions,
} from '../uncertainty.ts';
import { notEstimatedLine } from './residues.ts';

const OBJECTIVES = ['value', 'co2e', 'weighted'] as const satisfies readonly Objective[];
const FORMATS = ['table', 'json'] as const satisfies readonly Format[];
const LANGS = ['nb', 'en'] as const satisfies readonly Lang[];

/** What optimize's and catchments' options share. */
export interface OptimizeOptions {
  region: string;
  profile: string;
  objective: string;
  co2ePrice?: string;
  sites?: string;
  defaultSites: boolean;
  distances?: string;
  without?: string;
  greatCircle?: boolean;
  candidates?: boolean;
  candidateTechnologies?: string;
  includeEmerging?: boolean;
  writeModel?: string;
  uncertainty?: boolean;
  draws?: string;
  seed?: string;
  reoptimise?: string;
  timeLimit?: string;
  format: string;
  lang: string;
}

export function registerOptimize(program: Command, ctx: CliContext): void {
  uncertaintyOptions(
    allocationOptions(
      program
        .command('optimize')
        .alias('optimise')
        .description(
          'allocate the region’s streams to sites (HiGHS): most value or CO2e after transport, capacity, radius and rules',
        ),
    )
      .option(
        '--candidates',
        'add a candidate site per municipality and technology, opened only if it pays (MIP)',
        false,
      )
      .option(
        '--candidate-technologies <list>',
        'with --candidates: only these technologies (comma-separated)',
      )
      .option(
        '--include-emerging',
        `let routes below TRL ${MATURE_TRL} (pilot, laboratory) compete; left out by default`,
        false,
      )
      .option('--write-model <file>', 'write the exact model as free MPS for another solver'),
    'add P10/P50/P90 of value and CO2e with the optimum’s flows fixed, and the tornado (Monte Carlo)',
  )
    .option(
      '--reoptimise <draws>',
      `with --uncertainty: also solve again on each of this many draws (1–${MAX_REOPTIMISE_DRAWS})`,
    )
    .option('--time-limit <seconds>', 'stop the solver after this many seconds', '120')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: OptimizeOptions) => {
      ctx.out(await runOptimize(ctx, opts));
    });
}

/** The options that say what to allocate where (optimize and catchments share them). */
export function allocationOptions(cmd: Command): Command {
  return cmd
    .option('--region <id>', 'region id (see `restverdi regions`)', 'gjovik-hadeland-ringerike')
    .option('--profile <id>', 'coefficient profile for the residue estimate', 'report')
    .option('--objective <objective>', 'value (NOK), co2e (t CO2e) or weighted (NOK + price × CO2e)', 'value')
    .option('--co2e-price <nok>', 'NOK per t CO2e for --objective weighted')
    .option(
      '--sites <file>',
      'JSON file of sites (docs/sites.md); adds to the region’s sites, same id replaces (moves, resizes)',
    )
    .option('--no-default-sites', 'leave out the region’s own sites (data/sites/<region>.json)')
    .option('--without <ids>', 'leave out these sites (comma-separated ids): a plant removed')
    .option('--distances <file>', 'CSV from,to,km of road distances (to = site id or municipality)')
    .option('--great-circle', 'great circle × detour factor instead of road distances on N1000', false);
}

function parseNumber(value: string, name: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new AppError('invalid_input', `invalid ${name}: ${value} (a number ≥ 0)`, {
      detail: message('invalid_nonnegative_number', { name, input: value }),
    });
  return n;
}

/** The command's options as the allocation task's request. */
export function optimizeRequest(opts: OptimizeOptions): AllocationRequest {
  const objective = keyword(opts.objective, 'objective', OBJECTIVES);
  const price = opts.co2ePrice !== undefined ? parseNumber(opts.co2ePrice, '--co2e-price') : undefined;
  return {
    region: opts.region,
    profile: opts.profile,
    objective,
    ...(price !== undefined ? { co2ePriceNok: price } : {}),
    noDefaultSites: !opts.defaultSites,
    ...(opts.sites ? { sitesFile: opts.sites } : {}),
    candidates: Boolean(opts.candidates),
    ...(opts.without !== undefined
      ? {
          withoutSites: opts.without
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean),
        }
      : {}),
    ...(opts.greatCircle ? { distances: 'great-circle' as const } : {}),
    ...(opts.candidateTechnologies !== undefined
      ? { candidateTechnologies: opts.candidateTechnologies.split(',').map((t) => t.trim()) }
      : {}),
    ...(opts.distances ? { distancesFile: opts.distances } : {}),
    ...(opts.includeEmerging ? { includeEmerging: true } : {}),
  };
}

export async function runOptimize(ctx: CliContext, opts: OptimizeOptions): Promise<string> {
  const format = keyword(opts.format, 'format', FORMATS);
  const lang = keyword(opts.lang, 'lang', LANGS);
  const timeLimitSeconds = parseNumber(opts.timeLimit ?? '120', '--time-limit');
  const ws = ctx.workspace();
  const plan = planAllocation(await allocationDeps(ws), optimizeRequest(opts));
  const solver = await ws.solver({ timeLimitSeconds });
  const result = await runAllocation(plan, solver, {
    ...(opts.writeModel
      ? { onModel: (model) => writeFileSync(opts.writeModel as string, writeMps(model)) }
      : {}),
  });
  if (opts.reoptimise !== undefined && !opts.uncertainty)
    throw new AppError('invalid_input', '--reoptimise only applies with --uncertainty', {
      detail: message('options_conflict', { option: '--reoptimise', other: '--uncertainty' }),
    });
  const uncertainty = opts.uncertainty
    ? allocationUncertaintyOf(plan, ctx.data(), result, ws.random, {
        draws: parseInteger(opts.draws ?? String(DEFAULT_VALUE_DRAWS), '--draws', 1, MAX_VALUE_DRAWS),
        seed: parseInteger(opts.seed ?? String(DEFAULT_SEED), '--seed', 0, MAX_SEED),
        ...(opts.reoptimise !== undefined
          ? { reoptimise: parseInteger(opts.reoptimise, '--reoptimise', 1, MAX_REOPTIMISE_DRAWS), solver }
          : {}),
      })
    : undefined;
  const names = messageNames(ctx.data(), ws.library);
  if (format === 'json') {
    const answer = allocationAnswer(plan, result, opts.writeModel ? { modelFile: opts.writeModel } : {});
    return renderJson(localise(uncertainty ? { ...answer, uncertainty } : answer, lang, names));
  }
  const table = renderOptimizeTable(ctx, result, {
    region: plan.region.name,
    profile: plan.profile.id,
    lang,
    opts,
    assumptions: plan.assumedCapacities,
    distances: renderMessage(
      message('transport_distances', { matrix: plan.distanceMatrix, road: plan.distanceMethod === 'road' }),
      lang,
    ),
    notEstimated: plan.notEstimated,
    regionSize: plan.region.municipalities.length,
  });
  return uncertainty ? `${table}${allocationUncertaintyLines(uncertainty, lang, names).join('\n')}\n` : table;
}

function allocationUncertaintyLines(u: AllocationUncertaintyAnswer, lang: Lang, names: Names): string[] {
  const rows: BandRow[] = [
    [`${t('flowsFixed', lang)}: ${t('netValueMnok', lang)}`, 'NOK', u.valueNok],
    [`${t('flowsFixed', lang)}: ${t('co2eSavedTonnes', lang)}`, 't', u.co2eTonnes],
  ];
  if (u.reoptimised)
    rows.push(
      [
        `${t('reoptimised', lang)(u.reoptimised.draws)}: ${t('netValueMnok', lang)}`,
        'NOK',
        u.reoptimised.valueNok,
      ],
      [
        `${t('reoptimised', lang)(u.reoptimised.draws)}: ${t('co2eSavedTonnes', lang)}`,
        't',
        u.reoptimised.co2eTonnes,
      ],
    );
  return [...uncertaintyHeader(u, lang), bandTable(rows, lang), ...tornadoLines(u.tornado, lang, names)];
}

function renderOptimizeTable(
  ctx: CliContext,
  r: AllocationResult,
  o: {
    region: string;
    profile: string;
    lang: Lang;
    opts: OptimizeOptions;
    assumptions: string[];
    /** How the distances were measured, in words. */
    distances: string;
    notEstimated: AllocationPlan['notEstimated'];
    regionSize: number;
  },
): string {
  const { lang } = o;
  const data = ctx.data();
  const n = (v: number) => formatNumber(v, lang);
  const mnok = (v: number | null) => (v === null ? '–' : formatNumber(v / 1e6, lang, 1));
  const unitOf = (basis: string) => `t ${t(basis === 'dm' ? 'dm' : 'wet', lang)}`;
  const objUnit = r.objective.unit;
  const lines: string[] = [
    `${t('optimalAllocation', lang)}: ${o.region} (${o.profile}), ${t('objective', lang)} ${r.objective.kind}${r.objective.co2ePriceNok !== undefined ? ` (${n(r.objective.co2ePriceNok)} NOK/t CO2e)` : ''}`,
    `${t('model', lang)}: ${n(r.model.columns)} ${t('columns', lang)} × ${n(r.model.rows)} ${t('rows', lang)}${r.model.integer ? ' (MIP)' : ' (LP)'}; ${r.model.solver}${o.opts.writeModel ? `; MPS: ${o.opts.writeModel}` : ''}`,
    '',
    `${t('value', lang)}: ${mnok(r.valueNok)} MNOK/${t('perYear', lang)} (${t('currentUseLower', lang)} ${mnok(r.baseline.valueNok)}, ${t('uplift', lang)} ${mnok(r.upliftNok)})`,
    `CO2e: ${n(r.co2eTonnes ?? 0)} t/${t('perYear', lang)} (${t('currentUseLower', lang)} ${n(r.baseline.co2eTonnes)}, ${t('uplift', lang)} ${n(r.upliftCo2eTonnes ?? 0)})`,
    '',
    t('sites', lang),
    renderTable(
      [
        t('site', lang),
        t('technology', lang),
        t('status', lang),
        t('used', lang),
        t('capacity', lang),
        t('shadowPrice', lang)(objUnit),
        t('binds', lang),
        'MNOK',
        't CO2e',
      ],
      r.sites.map((s) => [
        s.id,
        s.technology,
        s.open ? s.status : `${s.status} (${t('notOpened', lang)})`,
        n(s.usedTonnes),
        `${n(s.capacityTonnes)} ${unitOf(s.basis)}${s.capacityIsAssumption ? '*' : ''}`,
        s.shadowPrice === null ? '–' : formatNumber(s.shadowPrice, lang, objUnit === 'NOK' ? 0 : 3),
        [s.capacityBinds ? t('capacityLower', lang) : '', s.radiusBinds ? `radius ${n(s.radiusKm)} km` : '']
          .filter(Boolean)
          .join(', '),
        mnok(s.valueNok),
        n(s.co2eTonnes),
      ]),
      [false, false, false, true, true, true, false, true, true],
    ),
    t('sitesNote', lang),
    '',
    t('streams', lang),
    renderTable(
      [
        t('stream', lang),
        t('supplyTonnes', lang),
        t('allocatedTonnes', lang),
        'MNOK',
        t('currentUseMnok', lang),
        t('upliftMnok', lang),
        't CO2e',
      ],
      r.streams.map((s) => [
        kindName(data.kinds, s.kind, lang),
        n(s.supplyTonnes),
        n(s.allocatedTonnes),
        mnok(s.valueNok),
        mnok(s.baselineValueNok),
        mnok(s.upliftNok),
        n(s.co2eTonnes),
      ]),
      [false, true, true, true, true, true, true],
    ),
    '',
    `${t('flowsToSites', lang)} (${n(r.flows.length)}${r.flows.length > 25 ? `, ${t('largestFlows', lang)(25)}` : ''})`,
    renderTable(
      [t('from', lang), t('stream', lang), t('to', lang), t('route', lang), 't', 'km', 'NOK/t', 'MNOK'],
      r.flows
        .slice(0, 25)
        .map((f) => [
          municipalityLabel(data, f.from),
          kindName(data.kinds, f.kind, lang),
          f.site,
          `${f.route.join(' → ')}${f.placeholders.length > 0 ? ` (${t('placeholder', lang)})` : ''}`,
          n(f.tonnes),
          n(f.km),
          n(f.valueNokPerTonne - f.transportNokPerTonne),
          mnok(f.valueNok),
        ]),
      [false, false, false, false, true, true, true, true],
    ),
  ];
  const grouped = new Map<
    string,
    { kind: string; reason: UnallocatedReason; tonnes: number; from: number }
  >();
  for (const u of r.unallocated) {
    const key = `${u.kind}|${u.reason}`;
    const g = grouped.get(key) ?? { kind: u.kind, reason: u.reason, tonnes: 0, from: 0 };
    g.tonnes += u.tonnes;
    g.from++;
    grouped.set(key, g);
  }
  if (grouped.size > 0) {
    lines.push(
      '',
      t('notAllocated', lang),
      renderTable(
        [t('stream', lang), t('reason', lang), 't', t('municipalities', lang)],
        [...grouped.values()]
          .sort((a, b) => b.tonnes - a.tonnes)
          .map((g) => [
            kindName(data.kinds, g.kind, lang),
            t('unallocatedReasons', lang)[g.reason],
            n(g.tonnes),
            n(g.from),
          ]),
        [false, false, true, true],
      ),
    );
  }
  for (const ne of o.notEstimated)
    lines.push('', notEstimatedLine(kindName(data.kinds, ne.kind, lang), ne, o.regionSize, lang));
  lines.push(
    '',
    t(
      'bindingNote',
      lang,
    )({
      capacities: r.binding.capacities.join(', ') || '–',
      radii: r.binding.radii.join(', ') || '–',
      distances: o.distances,
    }),
  );
  return `${lines.join('\n')}\n`;
}
