/** The worked scenarios (the report's examples, data/scenarios) and any users' scenarios in the store, each as stated and from the library, its feed against the region. */
import { messageNames } from '../../app/names.ts';
import { type FeedCheckAnswer, regionSupply, runAllScenarios } from '../../app/scenarios.ts';
import type { Message } from '../../domain/message.ts';
import type { ScenarioComparison } from '../../domain/scenario-comparison.ts';
import { readinessNotes } from '../../domain/technologies.ts';
import { TIER_NAMES } from '../../domain/valuation.ts';
import { renderMessage } from '../../messages/catalogue.ts';
import type { ReportContext } from '../context.ts';
import { fmt, round } from '../format.ts';
import { esc, list, note, para, paraHtml } from '../html.ts';
import type { Cell } from '../report-table.ts';
import type { Section } from '../section.ts';

/**
 * One example twice: its lines as stated and from the library with the numbered overrides that make
 * each difference, the overrides with the library's value and range, and its feed against the region.
 */
function twiceBlocks(
  ctx: ReportContext,
  name: string,
  comparison: ScenarioComparison,
  feedCheck: FeedCheckAnswer,
  index: number,
): Section['blocks'] {
  const { T, lang } = ctx;
  const names = messageNames(ctx.data, ctx.lib);
  const say = (m: Message) => renderMessage(m, lang, names);
  const blocks: Section['blocks'] = [];
  // NOK in MNOK (one decimal), tonnes whole; the unit column says which.
  const shown = (v: number, unit: string) => (unit === 'NOK' ? round(v / 1e6, 1) : round(v, 0));
  const signed = (v: number, unit: string) => {
    const text = unit === 'NOK' ? fmt(v / 1e6, lang, 1) : fmt(v, lang);
    return v > 0 ? `+${text}` : text;
  };
  if (comparison.fromLibrary.ok) {
    blocks.push({
      table: {
        sheet: `${T.twiceSheet} ${index}`,
        title: `${name}: ${T.twiceTitle}`,
        source: T.twiceSource,
        columns: [
          { head: T.twiceLine, type: 'text' },
          { head: T.unit, type: 'text' },
          { head: T.twiceAsStated, type: 'number', digits: 1 },
          { head: T.twiceFromLibrary, type: 'number', digits: 1 },
          { head: T.twiceDifference, type: 'number', digits: 1 },
          { head: T.twiceCauses, type: 'text' },
        ],
        rows: comparison.lines.map((l) => [
          say(l.label),
          l.unit === 'NOK' ? 'MNOK' : l.unit,
          shown(l.asStated, l.unit),
          shown(l.fromLibrary, l.unit),
          shown(l.difference, l.unit),
          l.causes
            .map((c) => `[${c.overrides.map((i) => i + 1).join('+')}] ${signed(c.effect, l.unit)}`)
            .join('; '),
        ]),
      },
    });
  } else {
    const why = comparison.fromLibrary.reason
      ? say(comparison.fromLibrary.reason)
      : comparison.fromLibrary.error;
    blocks.push({ html: note(`${T.twiceLibraryFailed}: ${why}`) });
  }
  blocks.push({
    html:
      comparison.overrides.length === 0
        ? para(T.twiceNoOverrides)
        : `${para(`${T.twiceOverrides}:`)}${list(comparison.overrides.map((o, i) => esc(`[${i + 1}] ${say(o.message)}`)))}`,
  });
  for (const f of feedCheck.asStated) {
    const text = `${T.twiceFeed}: ${say(f.message)}`;
    blocks.push({ html: f.status === 'exceeds' ? note(text) : para(text) });
  }
  return blocks;
}

export async function scenariosSection(ctx: ReportContext): Promise<Section> {
  const { T, lang, lib } = ctx;
  const supply = regionSupply(
    {
      region: ctx.region.id,
      profile: ctx.profile.id,
      totals: ctx.estimate.totals,
      missing: ctx.estimate.missing,
    },
    ctx.region.name,
  );
  const all = await runAllScenarios(lib, ctx.db, supply);
  let twice = 0;
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
    // A technology below the mature level is said before the figures that rest on it.
    for (const m of readinessNotes(
      lib.technologies,
      s.steps.map((x) => x.technology),
    ))
      section.blocks.push({ html: note(renderMessage(m, lang, messageNames(ctx.data, lib))) });
    if (outcome.comparison && outcome.feedCheck)
      section.blocks.push(...twiceBlocks(ctx, s.name[lang], outcome.comparison, outcome.feedCheck, ++twice));
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
