/**
 * `restverdi catchments`: each site's catchment by road, where catchments overlap and which streams
 * the sites compete for, who gets them at the optimum, and, with changed sites (--sites, --without),
 * what changed against the region's own sites.
 */
import type { Command } from 'commander';
import { allocationDeps } from '../../app/allocation.ts';
import { type CatchmentsAnswer, catchmentsOf } from '../../app/catchments.ts';
import { messageNames } from '../../app/names.ts';
import { localise, renderMessage } from '../../messages/catalogue.ts';
import { type CliContext, kindName, municipalityLabel } from '../context.ts';
import { type Format, formatNumber, keyword, type Lang, renderJson, renderTable } from '../format.ts';
import { t } from '../i18n.ts';
import { allocationOptions, type OptimizeOptions, optimizeRequest } from './optimize.ts';
import { notEstimatedLine } from './residues.ts';

const FORMATS = ['table', 'json'] as const satisfies readonly Format[];
const LANGS = ['nb', 'en'] as const satisfies readonly Lang[];

export function registerCatchments(program: Command, ctx: CliContext): void {
  allocationOptions(
    program
      .command('catchments')
      .description(
        'each site’s catchment by road, the streams sites compete for where catchments overlap, and who gets them at the optimum',
      ),
  )
    .option('--format <format>', 'table or json (json has each catchment’s outline)', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: OptimizeOptions) => {
      ctx.out(await runCatchments(ctx, opts));
    });
}

export async function runCatchments(ctx: CliContext, opts: OptimizeOptions): Promise<string> {
  const format = keyword(opts.format, 'format', FORMATS);
  const lang = keyword(opts.lang, 'lang', LANGS);
  const ws = ctx.workspace();
  const { answer } = await catchmentsOf(
    await allocationDeps(ws),
    ws.files.roads(),
    optimizeRequest(opts),
    await ws.solver({ timeLimitSeconds: 120 }),
  );
  if (format === 'json') return renderJson(localise(answer, lang, messageNames(ctx.data(), ws.library)));
  return catchmentsTable(ctx, answer, lang);
}

function catchmentsTable(ctx: CliContext, a: CatchmentsAnswer, lang: Lang): string {
  const data = ctx.data();
  const n = (v: number) => formatNumber(v, lang);
  const pct = (v: number) => `${formatNumber(v * 100, lang)} %`;
  const mnok = (v: number | null) => (v === null ? '–' : formatNumber(v / 1e6, lang, 1));
  const muni = (nr: string) => municipalityLabel(data, nr);
  const found = data.regions.find((r) => r.id === a.region);
  const region = found?.name ?? a.region;
  const regionSize = found?.municipalities.length ?? 0;
  const lines: string[] = [
    `${t('catchmentsTitle', lang)}: ${region} (${a.profile}); ${renderMessage(a.distances, lang)}`,
    '',
    t('sites', lang),
    renderTable(
      [
        t('site', lang),
        t('technology', lang),
        t('radiusKm', lang),
        t('reachedMunicipalities', lang),
        t('catchmentTonnes', lang),
        t('inflowTonnes', lang),
        t('shadowPrice', lang)('NOK'),
      ],
      a.sites.map((s) => {
        const c = a.catchments.find((x) => x.site === s.id);
        return [
          s.id,
          s.technology,
          n(s.radiusKm),
          n(c?.municipalities.length ?? 0),
          n(c?.tonnes.reduce((sum, x) => sum + x.tonnes, 0) ?? 0),
          n(s.inflowTonnesWet),
          s.shadowPriceNokPerTonne === null ? '–' : n(s.shadowPriceNokPerTonne),
        ];
      }),
      [false, false, true, true, true, true, true],
    ),
    '',
    t('catchmentOf', lang),
    ...a.catchments.map(
      (c) =>
        `  ${c.site}: ${
          c.municipalities
            .map((m) => `${muni(m.number)} ${pct(m.share)}${m.km === null ? '' : ` (${n(m.km)} km)`}`)
            .join(', ') || '–'
        }`,
    ),
    '',
    t('competitionTitle', lang),
  ];
  if (a.competition.length === 0) lines.push(t('noCompetition', lang));
  else
    lines.push(
      renderTable(
        [
          t('sites', lang),
          t('stream', lang),
          t('municipalities', lang),
          t('contestedTonnes', lang),
          t('getsAtOptimum', lang),
          t('shadowPrice', lang)('NOK'),
        ],
        a.competition.map((c) => [
          c.sites.join(' / '),
          c.kinds.map((k) => kindName(data.kinds, k, lang)).join(', '),
          c.municipalities.map((m) => `${muni(m.number)} ${pct(m.share)}`).join(', '),
          n(c.totalTonnes),
          c.outcome.received.map((r) => `${r.site} ${n(r.tonnes)}`).join(' / '),
          c.outcome.received
            .map((r) => (r.shadowPriceNokPerTonne === null ? '–' : n(r.shadowPriceNokPerTonne)))
            .join(' / '),
        ]),
        [false, false, false, true, false, false],
      ),
      t('competitionNote', lang),
    );
  for (const ne of a.notEstimated ?? [])
    lines.push(notEstimatedLine(kindName(data.kinds, ne.kind, lang), ne, regionSize, lang));
  if (a.allocation.unservedTonnes.length > 0)
    lines.push(
      '',
      `${t('unserved', lang)}: ${a.allocation.unservedTonnes
        .map((u) => `${kindName(data.kinds, u.kind, lang)} ${n(u.tonnes)} t`)
        .join(', ')}`,
    );
  if (a.whatIf) {
    const w = a.whatIf;
    lines.push(
      '',
      t('whatIfTitle', lang),
      renderTable(
        [
          t('site', lang),
          t('change', lang).replace(/^./, (c) => c.toUpperCase()),
          `${t('inflowTonnes', lang)} ${t('before', lang).toLowerCase()}`,
          t('after', lang),
          `MNOK ${t('before', lang).toLowerCase()}`,
          t('after', lang),
        ],
        w.changes.map((c) => [
          c.site,
          t('siteChanges', lang)[c.change] ?? c.change,
          n(c.inflowTonnesWet.before),
          n(c.inflowTonnesWet.after),
          mnok(c.valueNok.before),
          mnok(c.valueNok.after),
        ]),
        [false, false, true, true, true, true],
      ),
      `${t('totalValue', lang)}: ${mnok(w.baseline.allocation.valueNok)} → ${mnok(a.allocation.valueNok)} MNOK`,
    );
  }
  return `${lines.join('\n')}\n`;
}
