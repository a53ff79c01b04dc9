/** An Observable Plot chart rendered into a div; redrawn when its options change. */
import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';

export function PlotFigure({ options, label }: { options: Plot.PlotOptions; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const width = Math.max(280, Math.min(el.clientWidth || 640, 1100));
    const chart = Plot.plot({ width, ...options, ariaLabel: label });
    // The wrapper is the accessible image (role img, labelled); Plot's own aria-labels on <g> marks
    // are not permitted there (axe: aria-prohibited-attr), and the same figures stand in tables.
    chart.setAttribute('aria-hidden', 'true');
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [options, label]);
  return <div ref={ref} className="plot" role="img" aria-label={label} />;
}

export { Plot };

/** A left margin that fits the longest label (about 6.5 px a character at Plot's 10 px font), within bounds. */
export function labelMargin(labels: string[], min = 60, max = 240): number {
  const longest = labels.reduce((m, l) => Math.max(m, l.length), 0);
  return Math.max(min, Math.min(max, Math.round(longest * 6.5) + 12));
}
