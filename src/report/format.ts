/** Numbers and text for the report: formatting pinned to the language, never to the machine's locale. */
/** The one formatter of src/messages, under the report's short names: "58 802" / "58,802", ASCII minus. */
export {
  formatCoefficient as coef,
  formatMnok as mnok,
  formatNumber as fmt,
  formatPercent as pct,
  LANGS,
  type Lang,
} from '../messages/format.ts';

/** Rounds to a number of decimals: the report's figures and the workbook's cells are the same rounded numbers. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}

export function sum(values: number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

/** A date as YYYY-MM-DD in UTC (the generation date the report states). */
export function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}
