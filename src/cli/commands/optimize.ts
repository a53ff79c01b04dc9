/** `restverdi optimize` (alias `optimise`): the allocation of a region's streams to sites. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  type AllocationRequest,
  allocationAnswer,
  allocationDeps,
  planAllocation,
  runAllocation,
} from '../../app/allocation.ts';
import type { Objective } from '../../domain/allocation/input.ts';
import type { UnallocatedReason } from '../../domain/allocation/model.ts';
import type { AllocationResult } from '../../domain/allocation/result.ts';
import { AppError } from '../../domain/errors.ts';
import { message } from '../../domain/message.ts';
import { writeMps } from '../../domain/mps.ts';
import { type CliContext, kindName, municipalityLabel } from '../context.ts';
import { type Format, formatNumber, keyword, type Lang, renderJson, renderTable } from '../format.ts';

const OBJECTIVES = ['value', 'co2e', 'weighted'] as const satisfies readonly Objective[];
const FORMATS = ['table', 'json'] as const satisfies readonly Format[];
const LANGS = ['nb', 'en'] as const satisfies readonly Lang[];

export interface OptimizeOptions {
  region: string;
  profile: string;
  objective: string;
  co2ePrice?: string;
  sites?: string;
  defaultSites: boolean;
  distances?: string;
  candidates: boolean;
  candidateTechnologies?: string;
  writeModel?: string;
  timeLimit?: string;
  format: string;
  lang: string;
}

export function registerOptimize(program: Command, ctx: CliContext): void {
  program
    .command('optimize')
    .alias('optimise')
    .description(
      'allocate the region’s streams to sites (HiGHS): most value or CO2e after transport, capacity, radius and rules',
    )
    .option('--region <id>', 'region id (see `restverdi regions`)', 'gjovik-hadeland-ringerike')
    .option('--profile <id>', 'coefficient profile for the residue estimate', 'report')
    .option('--objective <objective>', 'value (NOK), co2e (t CO2e) or weighted (NOK + price × CO2e)', 'value')
    .option('--co2e-price <nok>', 'NOK per t CO2e for --objective weighted')
    .option(
      '--sites <file>',
      'JSON file of sites (docs/sites.md); adds to the region’s sites, same id replaces',
    )
    .option('--no-default-sites', 'leave out the region’s own sites (data/sites/<region>.json)')
    .option('--distances <file>', 'CSV from,to,km of road distances (to = site id or municipality)')
    .option(
      '--candidates',
      'add a candidate site per municipality and technology, opened only if it pays (MIP)',
      false,
    )
    .option('--candidate-technologies <list>', 'with --candidates: only these technologies (comma-separated)')
    .option('--write-model <file>', 'write the exact model as free MPS for another solver')
    .option('--time-limit <seconds>', 'stop the solver after this many seconds', '120')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: OptimizeOptions) => {
      ctx.out(await runOptimize(ctx, opts));
    });
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
    candidates: opts.candidates,
    ...(opts.candidateTechnologies !== undefined
      ? { candidateTechnologies: opts.candidateTechnologies.split(',').map((t) => t.trim()) }
      : {}),
    ...(opts.distances ? { distancesFile: opts.distances } : {}),
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
  if (format === 'json') {
    return renderJson(allocationAnswer(plan, result, opts.writeModel ? { modelFile: opts.writeModel } : {}));
  }
  return renderOptimizeTable(ctx, result, {
    region: plan.region.name,
    profile: plan.profile.id,
    lang,
    opts,
    assumptions: plan.assumedCapacities,
  });
}

const REASONS: Record<UnallocatedReason, { nb: string; en: string }> = {
  'capacity-full': { nb: 'anleggene er fulle', en: 'sites full' },
  'negative-margin': { nb: 'dagens bruk lønner seg bedre', en: 'current use pays more' },
  'beyond-radius': { nb: 'utenfor transportradius', en: 'beyond transport radius' },
  'no-eligible-site': { nb: 'ingen anlegg tar imot', en: 'no eligible site' },
};

function renderOptimizeTable(
  ctx: CliContext,
  r: AllocationResult,
  o: { region: string; profile: string; lang: Lang; opts: OptimizeOptions; assumptions: string[] },
): string {
  const { lang } = o;
  const nb = lang === 'nb';
  const data = ctx.data();
  const n = (v: number) => formatNumber(v, lang);
  const mnok = (v: number | null) => (v === null ? '–' : formatNumber(v / 1e6, lang, 1));
  const unitOf = (basis: string) => (basis === 'dm' ? 't TS' : nb ? 't våt' : 't wet');
  const objUnit = r.objective.unit;
  const lines: string[] = [
    `${nb ? 'Optimal fordeling' : 'Optimal allocation'}: ${o.region} (${o.profile}), ${nb ? 'mål' : 'objective'} ${r.objective.kind}${r.objective.co2ePriceNok !== undefined ? ` (${n(r.objective.co2ePriceNok)} NOK/t CO2e)` : ''}`,
    `${nb ? 'Modell' : 'Model'}: ${n(r.model.columns)} ${nb ? 'kolonner' : 'columns'} × ${n(r.model.rows)} ${nb ? 'rader' : 'rows'}${r.model.integer ? ' (MIP)' : ' (LP)'}; ${r.model.solver}${o.opts.writeModel ? `; MPS: ${o.opts.writeModel}` : ''}`,
    '',
    `${nb ? 'Verdi' : 'Value'}: ${mnok(r.valueNok)} MNOK/${nb ? 'år' : 'yr'} (${nb ? 'dagens bruk' : 'current use'} ${mnok(r.baseline.valueNok)}, ${nb ? 'løft' : 'uplift'} ${mnok(r.upliftNok)})`,
    `CO2e: ${n(r.co2eTonnes ?? 0)} t/${nb ? 'år' : 'yr'} (${nb ? 'dagens bruk' : 'current use'} ${n(r.baseline.co2eTonnes)}, ${nb ? 'løft' : 'uplift'} ${n(r.upliftCo2eTonnes ?? 0)})`,
    '',
    nb ? 'Anlegg' : 'Sites',
    renderTable(
      [
        nb ? 'Anlegg' : 'Site',
        nb ? 'Teknologi' : 'Technology',
        'Status',
        nb ? 'Brukt' : 'Used',
        nb ? 'Kapasitet' : 'Capacity',
        nb ? `Skyggepris ${objUnit}/t` : `Shadow price ${objUnit}/t`,
        nb ? 'Binder' : 'Binds',
        'MNOK',
        't CO2e',
      ],
      r.sites.map((s) => [
        s.id,
        s.technology,
        s.open ? s.status : `${s.status} (${nb ? 'ikke åpnet' : 'not opened'})`,
        n(s.usedTonnes),
        `${n(s.capacityTonnes)} ${unitOf(s.basis)}${s.capacityIsAssumption ? '*' : ''}`,
        s.shadowPrice === null ? '–' : formatNumber(s.shadowPrice, lang, objUnit === 'NOK' ? 0 : 3),
        [
          s.capacityBinds ? (nb ? 'kapasitet' : 'capacity') : '',
          s.radiusBinds ? `radius ${n(s.radiusKm)} km` : '',
        ]
          .filter(Boolean)
          .join(', '),
        mnok(s.valueNok),
        n(s.co2eTonnes),
      ]),
      [false, false, false, true, true, true, false, true, true],
    ),
    nb
      ? '* kapasiteten er en antakelse (rapporten oppgir ingen). Skyggepris: hvor mye målet øker per år om anlegget fikk ett tonn mer kapasitet per år (på anleggets basis), alt annet likt; 0 = ledig kapasitet. Et høyt tall viser hvor et større anlegg lønner seg. «radius» betyr at strømmer som ville lønne seg ligger utenfor anleggets transportradius.'
      : '* the capacity is an assumption (the report gives none). Shadow price: how much the objective would rise per year if the site had one more tonne of annual capacity (on its basis), all else equal; 0 = spare capacity. A high figure shows where a bigger plant pays off. "radius": streams that would pay lie beyond the site’s transport radius.',
    '',
    nb ? 'Strømmer' : 'Streams',
    renderTable(
      [
        nb ? 'Strøm' : 'Stream',
        nb ? 'Tilgang t' : 'Supply t',
        nb ? 'Fordelt t' : 'Allocated t',
        'MNOK',
        nb ? 'Dagens bruk MNOK' : 'Current use MNOK',
        nb ? 'Løft MNOK' : 'Uplift MNOK',
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
    `${nb ? 'Strømmer til anlegg' : 'Flows to sites'} (${r.flows.length}${r.flows.length > 25 ? (nb ? ', de 25 største' : ', the 25 largest by value') : ''})`,
    renderTable(
      [nb ? 'Fra' : 'From', nb ? 'Strøm' : 'Stream', nb ? 'Til' : 'To', 'Rute', 't', 'km', 'NOK/t', 'MNOK'],
      r.flows
        .slice(0, 25)
        .map((f) => [
          municipalityLabel(data, f.from),
          kindName(data.kinds, f.kind, lang),
          f.site,
          f.route.join(' → '),
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
      nb ? 'Ikke fordelt (blir i dagens bruk)' : 'Not allocated (stays in current use)',
      renderTable(
        [nb ? 'Strøm' : 'Stream', nb ? 'Grunn' : 'Reason', 't', nb ? 'Kommuner' : 'Municipalities'],
        [...grouped.values()]
          .sort((a, b) => b.tonnes - a.tonnes)
          .map((g) => [kindName(data.kinds, g.kind, lang), REASONS[g.reason][lang], n(g.tonnes), n(g.from)]),
        [false, false, true, true],
      ),
    );
  }
  lines.push(
    '',
    nb
      ? `Binder: kapasitet ${r.binding.capacities.join(', ') || '–'}; radius ${r.binding.radii.join(', ') || '–'}. Transport: ${o.opts.distances ? 'avstandsmatrise' : 'luftlinje × omvegsfaktor'} (data/transport.json; kostnaden per tonnkm er en plassholder uten kilde). Dagens bruk: data/current-uses.json.`
      : `Binding: capacity ${r.binding.capacities.join(', ') || '–'}; radius ${r.binding.radii.join(', ') || '–'}. Transport: ${o.opts.distances ? 'distance matrix' : 'great circle × detour factor'} (data/transport.json; the cost per tonne-km is an unsourced placeholder). Current use: data/current-uses.json.`,
  );
  return `${lines.join('\n')}\n`;
}
