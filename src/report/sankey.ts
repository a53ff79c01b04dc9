/** A Sankey diagram of flows (d3-sankey layout, our own SVG), for the optimiser's allocation. */
import { sankey, sankeyLinkHorizontal } from 'd3-sankey';
import { esc } from './html.ts';
import { QUALITATIVE } from './map.ts';

export interface SankeyFlow {
  source: string;
  target: string;
  value: number;
}

interface Node {
  id: string;
  x0?: number;
  x1?: number;
  y0?: number;
  y1?: number;
  value?: number;
}

export function renderSankey(
  flows: SankeyFlow[],
  o: { title: string; label: (id: string) => string; valueLabel: (v: number) => string },
): string {
  const width = 640;
  const ids = [...new Set(flows.flatMap((f) => [f.source, f.target]))];
  const height = Math.max(160, 22 * ids.length);
  const layout = sankey<Node, SankeyFlow>()
    .nodeId((n) => n.id)
    .nodeWidth(12)
    .nodePadding(10)
    // Keep the input order: the layout is then the same for the same data.
    .nodeSort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
    .extent([
      [1, 6],
      [width - 1, height - 6],
    ]);
  const graph = layout({ nodes: ids.map((id) => ({ id })), links: flows.map((f) => ({ ...f })) });
  const colour = new Map(ids.map((id, i) => [id, QUALITATIVE[i % QUALITATIVE.length] as string]));
  const path = sankeyLinkHorizontal();
  const r = (v: number | undefined) => (v ?? 0).toFixed(1);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="sankey"><title>${esc(o.title)}</title>`,
  ];
  for (const l of graph.links) {
    const s = l.source as Node;
    const d = (path(l) ?? '').replace(/\d+\.\d+/g, (m) => Number(m).toFixed(1));
    out.push(
      `<path d="${d}" fill="none" stroke="${colour.get(s.id)}" stroke-opacity="0.45" stroke-width="${Math.max(1, l.width ?? 1).toFixed(1)}"><title>${esc(`${o.label(s.id)} → ${o.label((l.target as Node).id)}: ${o.valueLabel(l.value)}`)}</title></path>`,
    );
  }
  for (const n of graph.nodes) {
    const left = (n.x0 ?? 0) < width / 2;
    out.push(
      `<rect x="${r(n.x0)}" y="${r(n.y0)}" width="${r((n.x1 ?? 0) - (n.x0 ?? 0))}" height="${r(Math.max(1, (n.y1 ?? 0) - (n.y0 ?? 0)))}" fill="${colour.get(n.id)}"/>`,
      `<text x="${r(left ? (n.x1 ?? 0) + 6 : (n.x0 ?? 0) - 6)}" y="${r(((n.y0 ?? 0) + (n.y1 ?? 0)) / 2)}" dy="0.35em" font-size="10" text-anchor="${left ? 'start' : 'end'}">${esc(`${o.label(n.id)} (${o.valueLabel(n.value ?? 0)})`)}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}
