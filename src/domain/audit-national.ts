/**
 * The national audit: Norway's totals from Restverdi's own estimate set beside published national
 * figures (data/audit/national-figures.json), each with what it covers and why the two may differ.
 * Not a check of a report: a check of our coefficients and statistics against what others counted.
 */
import type { Text } from './text.ts';

export interface NationalFigure {
  id: string;
  label: Text;
  /** The residue kinds whose totals together are compared with the figure. */
  kinds: string[];
  basis: 'wet' | 'dm';
  published: {
    value: number;
    low: number;
    high: number;
    year: number;
    citation: Text;
    url?: string;
  };
  /**
   * For a figure that counts what is collected while our estimate counts what arises: the coefficient id
   * of the share collected (%), by which our total is multiplied before the comparison.
   */
  captureRate?: string;
  /** Our coefficient is derived from this figure: the comparison shows that, it checks nothing. */
  calibration?: boolean;
  /** What differs between the figure and our estimate, and the likely causes (ours). */
  causes: Text;
}

export type NationalVerdict = 'within' | 'below' | 'above' | 'calibration' | 'not-estimated';

export interface NationalComparison {
  figure: NationalFigure;
  /** Our total of the figure's kinds (tonnes, on its basis); undefined when a kind was not estimated. */
  ours?: number;
  /** Our total per kind. */
  parts: { kind: string; tonnes: number }[];
  /** The kinds of the figure our estimate does not have. */
  notEstimated: string[];
  /** What is held against the published figure: `ours`, or ours × the capture rate when the figure has one. */
  compared?: number;
  /** compared − published central (tonnes) and ÷ published central. */
  difference?: number;
  relativeDifference?: number;
  /** With a capture rate: published ÷ ours, the share of what arises that the figure says is collected (%). */
  impliedCaptureRate?: number;
  /** The library's capture rate, central and range (%), when the figure has one. */
  captureRate?: { value: number; low: number; high: number };
  verdict: NationalVerdict;
}

export interface KindTotal {
  kind: string;
  tonnesWet: number;
  tonnesDm: number;
}

/**
 * Compares our national totals with each figure. A figure whose range holds our total is `within`;
 * otherwise `below` or `above` the range. A figure of what is collected is held against what our
 * estimate and the library's capture rate imply (ours × capture rate), and its implied capture rate is given.
 */
export function compareNational(
  figures: NationalFigure[],
  totals: KindTotal[],
  coefficient: (id: string) => { value: number; low: number; high: number } | undefined,
): NationalComparison[] {
  const byKind = new Map(totals.map((t) => [t.kind, t]));
  return figures.map((figure): NationalComparison => {
    const parts = figure.kinds
      .filter((k) => byKind.has(k))
      .map((kind) => {
        const t = byKind.get(kind) as KindTotal;
        return { kind, tonnes: figure.basis === 'wet' ? t.tonnesWet : t.tonnesDm };
      });
    const notEstimated = figure.kinds.filter((k) => !byKind.has(k));
    if (notEstimated.length > 0) return { figure, parts, notEstimated, verdict: 'not-estimated' };
    const ours = parts.reduce((s, p) => s + p.tonnes, 0);
    const { value, low, high } = figure.published;
    const capture = figure.captureRate ? coefficient(figure.captureRate) : undefined;
    // What we compare: what arises, or (for a collected figure) what arises × the capture rate.
    const compared = capture ? (ours * capture.value) / 100 : ours;
    const difference = compared - value;
    const verdict: NationalVerdict = figure.calibration
      ? 'calibration'
      : compared < low
        ? 'below'
        : compared > high
          ? 'above'
          : 'within';
    return {
      figure,
      ours,
      parts,
      notEstimated,
      compared,
      difference,
      relativeDifference: value === 0 ? 0 : difference / value,
      ...(capture && ours > 0 ? { impliedCaptureRate: (100 * value) / ours, captureRate: capture } : {}),
      verdict,
    };
  });
}
