/** The CLI's text for uncertainty in NOK and CO2e: a table of P10/P50/P90 per quantity and the tornado. */
import type { Command } from 'commander';
import { DEFAULT_SEED } from '../app/residues.ts';
import { DEFAULT_VALUE_DRAWS, MAX_VALUE_DRAWS } from '../app/value-uncertainty.ts';
import type { Band, TornadoBar } from '../domain/value-uncertainty.ts';
import { type Names, renderMessage } from '../messages/catalogue.ts';
import { formatCoefficient, formatNumber, type Lang, renderTable } from './format.ts';
import { t } from './i18n.ts';

/** The options every command with uncertainty takes: --uncertainty (what it adds), --draws and --seed. */
export function uncertaintyOptions(command: Command, adds: string): Command {
  return command
    .option('--uncertainty', adds)
    .option(
      '--draws <n>',
      `Monte Carlo draws for --uncertainty (1–${MAX_VALUE_DRAWS})`,
      String(DEFAULT_VALUE_DRAWS),
    )
    .option('--seed <seed>', 'random seed for --uncertainty', String(DEFAULT_SEED));
}

/** One row per quantity: its name, whether it is NOK (shown in MNOK) or tonnes, and its band. */
export type BandRow = [label: string, unit: 'NOK' | 't', band: Band | null];

export function bandTable(rows: BandRow[], lang: Lang): string {
  const fmt = (v: number, unit: 'NOK' | 't') =>
    unit === 'NOK' ? formatNumber(v / 1e6, lang, 1) : formatNumber(v, lang);
  return renderTable(
    [t('quantity', lang), t('central', lang), 'P10', 'P50', 'P90'],
    rows
      .filter(([, , b]) => b !== null)
      .map(([label, unit, b]) => {
        const band = b as Band;
        return [
          label,
          fmt(band.central, unit),
          fmt(band.p10, unit),
          fmt(band.p50, unit),
          fmt(band.p90, unit),
        ];
      }),
    [false, true, true, true, true],
  );
}

export function tornadoLines(bars: TornadoBar[], lang: Lang, names: Names): string[] {
  if (bars.length === 0) return [];
  const mnok = (v: number) => formatNumber(v / 1e6, lang, 1);
  return [
    '',
    t('tornadoTitle', lang),
    renderTable(
      [
        t('uncertainInput', lang),
        t('lowHigh', lang),
        t('atLowMnok', lang),
        t('atHighMnok', lang),
        t('swingMnok', lang),
      ],
      bars.map((b) => [
        renderMessage(b.label, lang, names),
        `${formatCoefficient(b.low, lang)}–${formatCoefficient(b.high, lang)} ${b.unit}`,
        mnok(b.atLow),
        mnok(b.atHigh),
        mnok(b.swing),
      ]),
      [false, true, true, true, true],
    ),
  ];
}

/** The title line, and how many draws could not be run when any. */
export function uncertaintyHeader(u: { draws: number; seed: number; failed: number }, lang: Lang): string[] {
  return [
    '',
    t('uncertaintyTitle', lang)(u.draws, u.seed),
    ...(u.failed > 0 ? [t('failedDraws', lang)(u.failed)] : []),
  ];
}
