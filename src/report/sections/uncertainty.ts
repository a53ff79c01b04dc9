/**
 * Uncertainty in NOK and CO2e: P10/P50/P90 of the allocation's value and CO2e (the optimum's flows
 * held fixed) and of each built-in scenario's net value and CO2e, and a tornado of what moves the
 * allocation's value most. The same task as the CLI's and the API's `--uncertainty`.
 */
import {
  allocationUncertaintyOf,
  DEFAULT_VALUE_DRAWS,
  scenarioUncertaintyOf,
} from '../../app/value-uncertainty.ts';
import { AppError } from '../../domain/errors.ts';
import type { Random } from '../../domain/uncertainty.ts';
import type { Band } from '../../domain/value-uncertainty.ts';
import { renderMessage } from '../../messages/catalogue.ts';
import type { ReportContext } from '../context.ts';
import { round } from '../format.ts';
import { figure, para } from '../html.ts';
import { tornadoChart } from '../plot.ts';
import type { Cell } from '../report-table.ts';
import type { Section } from '../section.ts';
import type { AllocationRun } from './allocation.ts';

export function uncertaintySection(
  ctx: ReportContext,
  run: AllocationRun,
  o: { draws: number; seed: number; random: Random },
): Section {
  const { T, lang } = ctx;
  const section: Section = { id: 'usikkerhet', title: T.uncertaintyTitle, blocks: [] };
  // The value draws are fewer than the residue table's: each values the whole library.
  const draws = Math.min(o.draws, DEFAULT_VALUE_DRAWS);
  const random = () => o.random;
  section.blocks.push({ html: para(T.uncertaintyIntro(draws, o.seed)) });
  const rows: Cell[][] = [];
  const mnok = (b: Band | null) =>
    b ? [b.central, b.p10, b.p50, b.p90].map((x) => round(x / 1e6, 1)) : [null, null, null, null];
  const tonnes = (b: Band | null) =>
    b ? [b.central, b.p10, b.p50, b.p90].map((x) => round(x, 0)) : [null, null, null, null];
  const add = (label: string, value: Band | null, co2e: Band | null) => {
    if (value || co2e) rows.push([label, ...mnok(value), ...tonnes(co2e)]);
  };
  let tornado: ReturnType<typeof allocationUncertaintyOf> | undefined;
  if (run.ok) {
    tornado = allocationUncertaintyOf(run.plan, ctx.data, run.result, random, { draws, seed: o.seed });
    add(T.uncertaintyAllocation, tornado.valueNok, tornado.co2eTonnes);
  }
  for (const scenario of ctx.lib.scenarios) {
    try {
      const u = scenarioUncertaintyOf(ctx.lib, random, scenario, { draws, seed: o.seed });
      add(scenario.name[lang], u.netNok, u.co2eTonnes);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }
  section.blocks.push({
    table: {
      sheet: T.uncertaintySheet,
      title: T.uncertaintyTitle,
      source: T.uncertaintySource,
      columns: [
        { head: T.uncertaintyWhat, type: 'text' },
        ...(['central', 'P10', 'P50', 'P90'] as const).map((q) => ({
          head: `${T.uncertaintyNet} ${q === 'central' ? T.uncertaintyCentral.toLowerCase() : q}`,
          unit: 'MNOK',
          type: 'number' as const,
          digits: 1,
        })),
        ...(['central', 'P10', 'P50', 'P90'] as const).map((q) => ({
          head: `${T.uncertaintyCo2e} ${q === 'central' ? T.uncertaintyCentral.toLowerCase() : q}`,
          unit: 't',
          type: 'number' as const,
        })),
      ],
      rows,
    },
  });
  if (tornado?.valueNok && tornado.tornado.length > 0) {
    const mnok = (x: number) => x / 1e6;
    section.blocks.push({
      html: figure(
        tornadoChart(
          tornado.tornado.map((b) => ({
            label: renderMessage(b.label, lang, { kind: (id) => ctx.kindName(id) }),
            atLow: mnok(b.atLow),
            atHigh: mnok(b.atHigh),
          })),
          {
            lang,
            xLabel: 'MNOK',
            central: mnok(tornado.valueNok.central),
            lowLabel: T.tornadoLow,
            highLabel: T.tornadoHigh,
          },
        ),
        T.tornadoCaption,
      ),
    });
  }
  return section;
}
