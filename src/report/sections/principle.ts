/** The value pyramid and the principle: use each stream as high in the pyramid as it can go. */
import { valuePyramid } from '../../domain/pyramid.ts';
import { TIER_NAMES, TIERS } from '../../domain/valuation.ts';
import type { ReportContext } from '../context.ts';
import { round } from '../format.ts';
import { esc, figure, para } from '../html.ts';
import { SEQUENTIAL } from '../map.ts';
import type { Section } from '../section.ts';

/** The pyramid drawn as stacked trapezoids, energy at the base. */
export function pyramidSvg(labels: string[]): string {
  const width = 420;
  const layer = 34;
  const height = layer * labels.length + 10;
  const colours = ['#fdae61', '#a6d96a', '#66bd63', '#3288bd', '#5e4fa2', '#9e0142'];
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="pyramid"><title>${esc(labels.join(' < '))}</title>`,
  ];
  labels.forEach((label, i) => {
    const yBottom = height - 5 - i * layer;
    const yTop = yBottom - layer + 2;
    // A flat top wide enough for the top tier's name.
    const half = (y: number) => 70 + ((y - 5) / (height - 10)) * (width / 2 - 80);
    const c = width / 2;
    out.push(
      `<path d="M${(c - half(yBottom)).toFixed(1)},${yBottom}L${(c + half(yBottom)).toFixed(1)},${yBottom}L${(c + half(yTop)).toFixed(1)},${yTop}L${(c - half(yTop)).toFixed(1)},${yTop}Z" fill="${colours[i] ?? SEQUENTIAL[2]}"/>`,
      `<text x="${c}" y="${(yBottom + yTop) / 2}" dy="0.35em" text-anchor="middle" font-size="12" fill="#fff" stroke="#0006" stroke-width="0.6" paint-order="stroke">${esc(label)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}

/** The report's example stream: slaughter by-products, 10 000 t a year in Norway. */
// The report's example reaches supplements, so its stream is slaughter by-products handled as food.
const EXAMPLE = { kind: 'slakteavfallmat', tonnes: 10_000 } as const;

export function principleSection(ctx: ReportContext): Section {
  const { T, lang, lib } = ctx;
  const tierNames = TIERS.map((t) => TIER_NAMES[t][lang]);
  const blocks: Section['blocks'] = [
    { html: para(T.principleIntro) },
    { html: figure(pyramidSvg(tierNames), esc(T.pyramidCaption)) },
  ];
  if (lib.kinds.some((k) => k.id === EXAMPLE.kind)) {
    const p = valuePyramid(lib, EXAMPLE.kind, EXAMPLE.tonnes, lib.currentUses);
    const rows = [...p.tiers]
      .reverse()
      .map((t) => [
        TIER_NAMES[t.tier][lang],
        t.route
          ? t.route.map((id) => lib.technologies.find((x) => x.id === id)?.name[lang] ?? id).join(' → ')
          : T.noRoute,
        t.valuePerTonneNok === null ? '–' : round(t.valuePerTonneNok, 0),
        t.valueNok === null ? '–' : round(t.valueNok / 1e6, 1),
      ]);
    blocks.push({
      html: para(
        T.principleExample({
          kind: ctx.kindName(EXAMPLE.kind),
          tonnes: EXAMPLE.tonnes,
          currentTier: p.currentUse ? TIER_NAMES[p.currentUse.tier][lang] : '–',
          currentNokPerTonne: p.currentUse?.valuePerTonneNok ?? 0,
          bestTier: p.best ? TIER_NAMES[p.best.tier][lang] : '–',
          bestNok: p.best?.valueNok ?? 0,
          upliftNok: p.upliftNok ?? 0,
        }),
      ),
    });
    blocks.push({
      table: {
        sheet: T.sheets.principle,
        title: T.principleTableTitle(ctx.kindName(EXAMPLE.kind), EXAMPLE.tonnes),
        source: 'data/technologies.json, data/products.json, data/current-uses.json',
        columns: [
          { head: T.tier, type: 'text' },
          { head: T.route, type: 'text' },
          { head: T.value, unit: 'NOK/t', type: 'number' },
          { head: T.value, unit: 'MNOK', type: 'number', digits: 1 },
        ],
        rows,
      },
    });
  }
  return { id: 'verdipyramiden', title: T.titles.principle, blocks };
}
