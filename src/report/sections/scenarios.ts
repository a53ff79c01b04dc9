/** The worked scenarios (the report's examples, data/scenarios) and any users' scenarios in the store. */
import { runAllScenarios } from '../../app/scenarios.ts';
import { TIER_NAMES } from '../../domain/valuation.ts';
import type { ReportContext } from '../context.ts';
import { fmt, round } from '../format.ts';
import { esc, note, para, paraHtml } from '../html.ts';
import type { Cell } from '../report-table.ts';
import type { Section } from '../section.ts';

export async function scenariosSection(ctx: ReportContext): Promise<Section> {
  const { T, lang, lib } = ctx;
  const all = await runAllScenarios(lib, ctx.db);
  const users = all.filter((s) => !s.builtin);
  const section: Section = {
    id: 'scenarier',
    title: T.titles.scenarios,
    blocks: [{ html: para(T.scenariosIntro(lib.scenarios.length, users.length)) }],
  };
  const rows: Cell[][] = [];
  const failed: string[] = [];
  for (const { scenario: s, builtin, outcome } of all) {
    if (!outcome.ok) {
      failed.push(`${s.name[lang]}: ${outcome.reason}`);
      continue;
    }
    const { result } = outcome;
    const user = !builtin;
    section.blocks.push({
      html: paraHtml(
        `<strong>${esc(s.name[lang])}</strong>${user ? ` (${esc(T.userScenario)})` : ''}. ${esc(
          T.scenarioSummary({
            valueMnok: fmt(result.valueNok / 1e6, lang, 1),
            co2e: fmt(result.co2eTonnes, lang),
            capexMnok: fmt(result.capexNok / 1e6, lang, 1),
          }),
        )}`,
      ),
    });
    for (const p of result.products)
      rows.push([
        s.name[lang],
        p.product,
        TIER_NAMES[p.tier][lang],
        round(p.tonnes, 0),
        round(p.priceNokPerTonne, 0),
        round(p.valueNok / 1e6, 1),
        round(p.co2eTonnes, 0),
      ]);
  }
  if (failed.length) section.blocks.push({ html: note(`${T.scenarioFailed}: ${failed.join('; ')}`) });
  section.blocks.push({
    table: {
      sheet: T.sheets.scenarios,
      title: T.scenariosTableTitle,
      source: `data/scenarios/*.json; ${T.userScenariosSource}`,
      columns: [
        { head: T.scenario, type: 'text' },
        { head: T.product, type: 'text' },
        { head: T.tier, type: 'text' },
        { head: T.amount, unit: 't', type: 'number' },
        { head: T.price, unit: 'NOK/t', type: 'number' },
        { head: T.value, unit: 'MNOK', type: 'number', digits: 1 },
        { head: T.co2eAvoided, unit: 't CO2e', type: 'number' },
      ],
      rows,
    },
  });
  return section;
}
