/** A Sankey diagram (d3-sankey) as SVG: nodes in columns, links as bands whose width is tonnes. */
import { sankey, sankeyLinkHorizontal } from 'd3-sankey';
import { useMemo } from 'react';
import { useI18n } from '../i18n.tsx';

export interface SankeyData {
  nodes: { id: string; label: string; colour?: string }[];
  links: { source: string; target: string; value: number }[];
}

interface N {
  id: string;
  label: string;
  colour?: string;
  x0?: number;
  x1?: number;
  y0?: number;
  y1?: number;
  value?: number;
}
interface L {
  source: N | string;
  target: N | string;
  value: number;
  width?: number;
  y0?: number;
  y1?: number;
}

const COLOURS = ['#276749', '#1d4ed8', '#b45309', '#7c3aed', '#be185d', '#0f766e', '#9a3412', '#4b5563'];

export function Sankey({
  data,
  label,
  unit = 't',
  height = 420,
}: {
  data: SankeyData;
  label: string;
  unit?: string;
  height?: number;
}) {
  const { f } = useI18n();
  const width = 900;
  const layout = useMemo(() => {
    const links = data.links.filter((l) => l.value > 1e-9);
    const used = new Set(links.flatMap((l) => [l.source, l.target]));
    const nodes = data.nodes.filter((n) => used.has(n.id));
    if (links.length === 0) return undefined;
    const gen = sankey<N, L>()
      .nodeId((n) => n.id)
      .nodeWidth(14)
      .nodePadding(12)
      .extent([
        [1, 8],
        [width - 1, height - 8],
      ]);
    return gen({ nodes: nodes.map((n) => ({ ...n })), links: links.map((l) => ({ ...l })) });
  }, [data, height]);
  if (!layout) return null;
  const path = sankeyLinkHorizontal<N, L>();
  const colourOf = (n: N, i: number) => n.colour ?? COLOURS[i % COLOURS.length];
  const index = new Map(layout.nodes.map((n, i) => [n.id, i]));
  return (
    <figure className="sankey" data-testid="sankey">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="xMidYMid meet"
      >
        <title>{label}</title>
        <g fill="none">
          {layout.links.map((l) => {
            const s = l.source as N;
            const tg = l.target as N;
            return (
              <path
                key={`${s.id}→${tg.id}`}
                d={path(l) ?? ''}
                stroke={colourOf(s, index.get(s.id) ?? 0)}
                strokeOpacity={0.35}
                strokeWidth={Math.max(1, l.width ?? 1)}
              >
                <title>
                  {s.label} → {tg.label}: {f.num(l.value)} {unit}
                </title>
              </path>
            );
          })}
        </g>
        <g>
          {layout.nodes.map((n, i) => (
            <g key={n.id}>
              <rect
                x={n.x0}
                y={n.y0}
                width={(n.x1 ?? 0) - (n.x0 ?? 0)}
                height={Math.max(1, (n.y1 ?? 0) - (n.y0 ?? 0))}
                fill={colourOf(n, i)}
              >
                <title>
                  {n.label}: {f.num(n.value)} {unit}
                </title>
              </rect>
              <text
                x={(n.x0 ?? 0) < width / 2 ? (n.x1 ?? 0) + 6 : (n.x0 ?? 0) - 6}
                y={((n.y0 ?? 0) + (n.y1 ?? 0)) / 2}
                dy="0.35em"
                textAnchor={(n.x0 ?? 0) < width / 2 ? 'start' : 'end'}
                fontSize={13}
                stroke="#fff"
                strokeWidth={3}
                strokeLinejoin="round"
                paintOrder="stroke"
              >
                {n.label.length > 34 ? `${n.label.slice(0, 32)}…` : n.label} ({f.num(n.value)} {unit})
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
