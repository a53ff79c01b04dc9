/** Sources: every dataset (table, year) and every coefficient and price the report used. */
import type { Coefficient, Source } from '../../domain/coefficients.ts';
import { textIn } from '../../domain/text.ts';
import type { LoadedTransport } from '../../ingest/sites.ts';
import { BOUNDARIES_FILE } from '../boundaries.ts';
import type { ReportContext } from '../context.ts';
import { esc, list, para } from '../html.ts';
import type { Cell } from '../report-table.ts';
import type { Section } from '../section.ts';
import { SECTORS_FILE } from './actors.ts';
import { variableTable } from './statistics.ts';

function sourceText(s: Source): string {
  return [s.citation, s.table, s.url].filter(Boolean).join(' · ');
}

/** Every coefficient behind the residue estimate and the transport costs, in a stable order. */
export function coefficientsUsed(ctx: ReportContext, transport?: LoadedTransport): Coefficient[] {
  const own = [...ctx.estimate.compiled.coefficients].sort((a, b) => a.id.localeCompare(b.id));
  return [...own, ...(transport?.all ?? [])];
}

export function sourcesSection(
  ctx: ReportContext,
  transport: LoadedTransport | undefined,
  sitesFile: string | undefined,
): Section {
  const { T, data } = ctx;
  // Observations used: the residue estimate's statistics and the tables of the report.
  const used = new Map<string, Set<number>>();
  const add = (dataset: string, year: number) =>
    used.set(dataset, (used.get(dataset) ?? new Set()).add(year));
  for (const row of ctx.estimate.compiled.rows)
    for (const t of row.terms) add(t.observation.dataset, t.observation.year);
  // The tables as their sections read them (harvest anchored on its total, as in forestry.ts).
  const tables = [
    variableTable(ctx, 'area.'),
    variableTable(ctx, 'harvest.', 'm3', 'harvest.total'),
    variableTable(ctx, 'livestock.'),
    variableTable(ctx, 'population'),
  ];
  for (const table of tables)
    for (const row of table.values.values()) for (const o of row.values()) add(o.dataset, o.year);
  const datasetRows: Cell[][] = [...used]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([id, years]) => {
      const d = data.statistics.datasets.get(id);
      return [
        id,
        d?.title ?? id,
        [...years].sort().join(', '),
        d ? [d.source.citation, d.source.table].filter(Boolean).join(' · ') : '–',
        d?.source.url ?? d?.source.derivedFrom ?? '–',
        d?.source.licence ?? '–',
      ];
    });
  const coefficients = coefficientsUsed(ctx, transport);
  const files = [
    `data/${BOUNDARIES_FILE} (${T.boundariesSource})`,
    `data/municipalities/centroids-2024.json (${T.centroidsSource})`,
    `data/${SECTORS_FILE}`,
    ...(sitesFile ? [sitesFile] : []),
    ...(ctx.region.seedReport ? [`data/${ctx.region.seedReport}`] : []),
    'data/technologies.json, data/products.json, data/current-uses.json, data/eligibility.json, data/currency-rates.json',
    `data/coefficients/${ctx.profile.id}.json (${textIn(ctx.profile.title, ctx.lang)})`,
  ];
  const products = [...ctx.lib.products].sort((a, b) => a.id.localeCompare(b.id));
  return {
    id: 'kilder',
    title: T.titles.sources,
    blocks: [
      { html: para(T.sourcesIntro) },
      {
        table: {
          sheet: T.sheets.datasets,
          title: T.datasetsTitle,
          source: `data/statistics/*.json; ${T.importedStatistics}`,
          columns: [
            { head: 'Id', type: 'text' },
            { head: T.title, type: 'text' },
            { head: T.year, type: 'text' },
            { head: T.source, type: 'text' },
            { head: 'URL', type: 'text' },
            { head: T.licence, type: 'text' },
          ],
          rows: datasetRows,
        },
      },
      {
        table: {
          sheet: T.sheets.coefficients,
          title: T.coefficientsTitle(ctx.profile.id),
          source: `data/coefficients/${ctx.profile.id}.json, data/residue-kinds.json, data/transport.json`,
          columns: [
            { head: 'Id', type: 'text' },
            { head: T.name, type: 'text' },
            { head: T.value, type: 'text' },
            { head: T.low, type: 'text' },
            { head: T.high, type: 'text' },
            { head: T.unit, type: 'text' },
            { head: T.distribution, type: 'text' },
            { head: T.status, type: 'text' },
            { head: T.source, type: 'text' },
          ],
          // Coefficients keep every digit: they are inputs, not results.
          rows: coefficients.map((c) => [
            c.id,
            textIn(c.name, ctx.lang),
            String(c.value),
            String(c.low),
            String(c.high),
            c.unit,
            c.distribution,
            c.source.status,
            sourceText(c.source) +
              (c.calibration ? ` · ${T.calibratedAgainst}: ${textIn(c.calibration.against, ctx.lang)}` : ''),
          ]),
          sheetOnly: true,
        },
      },
      { html: para(T.coefficientsInWorkbook(coefficients.length)) },
      {
        html: list(
          coefficients.map(
            (c) =>
              `<code>${esc(c.id)}</code> = ${esc(String(c.value))} ${esc(c.unit)} (${esc(String(c.low))}–${esc(String(c.high))}; ${esc(c.source.status)}): ${esc(c.source.citation)}`,
          ),
        ),
      },
      {
        table: {
          sheet: T.sheets.prices,
          title: T.pricesTitle,
          source: 'data/products.json, data/currency-rates.json',
          columns: [
            { head: 'Id', type: 'text' },
            { head: T.product, type: 'text' },
            { head: T.tier, type: 'text' },
            { head: T.price, type: 'text' },
            { head: T.currency, type: 'text' },
            { head: T.year, type: 'text' },
            { head: T.source, type: 'text' },
          ],
          rows: products.map((p) => [
            p.id,
            p.name[ctx.lang],
            p.tier,
            `${p.price.value} (${p.price.low}–${p.price.high}) per ${p.price.per}`,
            p.price.currency,
            String(p.price.year),
            sourceText(p.price.source),
          ]),
          sheetOnly: true,
        },
      },
      { html: para(T.otherFiles) },
      { html: list(files.map(esc)) },
    ],
  };
}
