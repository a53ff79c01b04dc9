/**
 * Writes the documents that list data: docs/coefficients.md (profiles, recipes, coefficients),
 * docs/library.md (products and prices, technologies, eligibility rules, current uses, rates) and
 * docs/scenario.schema.json and docs/park.schema.json. Never edit them by hand: `npm run docs` regenerates them and
 * test/docs.test.ts fails when one is stale.
 */

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { openDataFiles } from '../src/app/data-files.ts';
import type { ActorStreamCatalogue } from '../src/domain/actor-streams.ts';
import type { Coefficient, RecipeTerm, Source } from '../src/domain/coefficients.ts';
import { MATURE_TRL, yieldSets } from '../src/domain/technologies.ts';
import { textIn } from '../src/domain/text.ts';
import { TIER_NAMES } from '../src/domain/valuation.ts';
import type { LoadedLibrary } from '../src/ingest/library.ts';
import { parkSchema } from '../src/ingest/park.ts';
import type { ReferenceData } from '../src/ingest/reference-data.ts';
import { scenarioSchema } from '../src/ingest/schemas.ts';

const STATUS: Record<Coefficient['source']['status'], string> = {
  verified: 'V (read in the source)',
  derived: 'D (derived)',
  literature: 'L (literature, not re-read)',
  unsourced: 'G (no source found)',
  calibrated: 'C (calibrated)',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** What the source says of the range (its own low–high, or ours) and whether the value is the report's. */
function rangeWords(src: Source): string[] {
  const out: string[] = [];
  if (src.range === 'ours') out.push('Range: ours (a judgement; the source gives none).');
  else if (src.range) out.push(`Source's range: ${src.range.low}–${src.range.high}.`);
  if (src.fromReport) out.push("The report's own figure: the audit does not use it to confirm the report.");
  return out;
}

function sourceCell(c: Coefficient): string {
  const parts = [c.source.citation];
  if (c.source.table) parts.push(`(${c.source.table})`);
  if (c.source.url) parts.push(`<${c.source.url}>`);
  parts.push(...rangeWords(c.source));
  if (c.calibration)
    parts.push(
      `Calibrated against ${textIn(c.calibration.against, 'en')}: ${textIn(c.calibration.method, 'en')}.`,
    );
  if (c.note) parts.push(`Note: ${textIn(c.note, 'en')}`);
  return cell(parts.join(' '));
}

function coefficientRow(c: Coefficient): string {
  return `| \`${c.id}\` | ${cell(textIn(c.name, 'en'))} | ${c.value} | ${c.low}–${c.high} (${c.distribution}) | ${c.unit} | ${STATUS[c.source.status]} | ${c.region}, ${c.year} | ${sourceCell(c)} |`;
}

const HEAD =
  '| id | what | value | range | unit | status | holds for | source |\n|---|---|---|---|---|---|---|---|';

export function renderCoefficientDoc(data: ReferenceData): string {
  const out: string[] = [
    '# Coefficients and residue kinds',
    '',
    'Generated from `data/` by `npm run docs` (scripts/build-docs.ts). Do not edit by hand.',
    '',
    'Status letters follow shared/research/coefficients.md: V read in the cited source, D derived by arithmetic,',
    'L a literature value not re-read (provisional), G no source found (a placeholder), C calibrated to reproduce',
    'a published figure. Monte Carlo draws each coefficient from its range (triangular with the mode at the value',
    'unless stated otherwise). Where the source says "Source\'s range", the range is no wider than the cited',
    'source gives (test/source-ranges.test.ts); "Range: ours" marks a judgement where the source gives none; and',
    '"the report\'s own figure" marks a value taken from the audited report, which the audit never uses to confirm it.',
    '',
    '## Residue kinds',
    '',
    '| id | bokmål | English | group | dry-matter share (t DM/t) | regulatory class | rule |',
    '|---|---|---|---|---|---|---|',
    ...data.kinds.map(
      (k) =>
        `| \`${k.id}\` | ${k.name.nb} | ${k.name.en} | ${k.group} | ${k.dmShare.value} (${k.dmShare.low}–${k.dmShare.high}) | ${k.regulatoryClass} | ${cell(k.regulatoryNote.en)} |`,
    ),
    '',
    '### Dry-matter shares and properties of the kinds',
    '',
    HEAD,
    ...data.kinds.flatMap((k) =>
      [
        k.dmShare,
        k.lhvGjPerTonneDm,
        k.nutrients?.nKgPerTonne,
        k.nutrients?.pKgPerTonne,
        k.nutrients?.kKgPerTonne,
      ]
        .filter((c): c is Coefficient => c !== undefined)
        .map(coefficientRow),
    ),
    '',
  ];
  for (const p of data.profiles) {
    out.push(
      `## Profile \`${p.id}\`: ${textIn(p.title, 'en')}`,
      '',
      textIn(p.description, 'en'),
      '',
      '### Recipes',
      '',
    );
    if (p.year !== undefined)
      out.splice(
        out.length - 2,
        0,
        `Statistics year: ${p.year} (used when an estimate asks for no year).`,
        '',
      );
    const formula = (terms: RecipeTerm[]) =>
      terms
        .map(
          (t) =>
            `${t.category ? `[${t.category}] ` : ''}\`${t.statistic}\` × ${t.coefficients.map((c) => `\`${c}\``).join(' × ')}${t.dmShare ? ` (DM share \`${t.dmShare}\`)` : ''}`,
        )
        .join(' + ');
    for (const r of p.recipes) {
      out.push(`- **${r.kind}** = ${formula(r.terms)}`);
      if (r.note) out.push(`  ${cell(textIn(r.note, 'en'))}`);
      for (const a of r.alternatives ?? []) {
        out.push(`  - else (*${a.id}*, where those statistics are missing) = ${formula(a.terms)}`);
        if (a.note) out.push(`    ${cell(textIn(a.note, 'en'))}`);
      }
    }
    out.push('', '### Coefficients', '', HEAD, ...p.coefficients.map(coefficientRow), '');
  }
  return out.join('\n');
}

function sourceText(src: Source): string {
  return cell(
    [
      `${STATUS[src.status]}: ${src.citation}${src.table ? ` (${src.table})` : ''}${src.url ? ` <${src.url}>` : ''}`,
      ...rangeWords(src),
    ].join(' '),
  );
}

export function renderLibraryDoc(lib: LoadedLibrary): string {
  const out: string[] = [
    '# The value-pyramid library',
    '',
    'Generated from `data/` by `npm run docs` (scripts/build-docs.ts). Do not edit by hand.',
    'Status letters as in docs/coefficients.md.',
    '',
    '## Currency rates',
    '',
    '| currency | NOK per unit | date | source |',
    '|---|---|---|---|',
    ...[...lib.rates.rates.values()]
      .filter((r) => r.currency !== 'NOK')
      .map((r) => `| ${r.currency} | ${r.nokPerUnit} | ${r.date} | ${sourceText(r.source)} |`),
    '',
    '## Products',
    '',
    '| id | bokmål | tier | price | replaces (CO2e) | source of the price |',
    '|---|---|---|---|---|---|',
    ...lib.products.map((p) => {
      const price = `${p.price.value} ${p.price.currency}/${p.price.per} (${p.price.low}–${p.price.high}, ${p.price.year})`;
      const climate = (p.climate ?? [])
        .map(
          (f) =>
            `${f.tonnesReplacedPerTonne.value} t ${f.replaces.en} × ${f.kgCo2ePerKgReplaced.value} kg CO2e/kg`,
        )
        .join('; ');
      return `| \`${p.id}\`${p.intermediate ? ' (intermediate)' : ''} | ${p.name.nb} | ${TIER_NAMES[p.tier].en} | ${price} | ${cell(climate)} | ${sourceText(p.price.source)} |`;
    }),
    '',
    'Thin markets (the pyramid routes only what a market takes; the optimiser sells in its price steps):',
    '',
    '| product | t a year | scope | price steps | source |',
    '|---|---|---|---|---|',
    ...lib.products
      .filter((p) => p.market)
      .map((p) => {
        const m = p.market as NonNullable<typeof p.market>;
        const steps = (m.steps ?? [{ upToShare: 1, priceFactor: 1 }])
          .map((s) => `to ${s.upToShare * 100} % at ${s.priceFactor * 100} %`)
          .join(', ');
        const size = `${m.tonnesPerYear.value} (${m.tonnesPerYear.low}–${m.tonnesPerYear.high}, ${m.tonnesPerYear.year})`;
        return `| \`${p.id}\` | ${size} | ${m.scope} | ${steps} | ${sourceText(m.tonnesPerYear.source)} |`;
      }),
    '',
    '## Technologies',
    '',
    `Readiness: the technology readiness level (EU scale 1–9); routes below TRL ${MATURE_TRL} are emerging, shown apart and never chosen by default.`,
    '',
  ];
  for (const t of lib.technologies) {
    out.push(
      `### \`${t.id}\`: ${t.name.en} (${t.name.nb})`,
      '',
      cell(t.description.en),
      '',
      `Tier: ${TIER_NAMES[t.tier].en}. Basis: per tonne ${t.basis === 'dm' ? 'dry matter' : 'wet'} of input. Accepts: ${t.inputs.map((i) => `\`${i}\``).join(', ')}.`,
      '',
      HEAD,
      ...yieldSets(t).flatMap(({ set }) => [
        ...set.outputs.map((o) => coefficientRow(o.yield)),
        ...set.losses.map((l) => coefficientRow(l.yield)),
      ]),
      ...[
        t.capexNokPerTonneCapacity,
        t.opexNokPerTonne,
        t.energyUseKwhPerTonne,
        t.typicalCapacityTonnes,
        t.transportRadiusKm,
      ]
        .filter((c): c is Coefficient => c !== undefined)
        .map(coefficientRow),
      '',
      `${
        t.byInput
          ? `Yields by input: ${Object.keys(t.byInput)
              .map((i) => `\`${i}\``)
              .join(', ')}. `
          : ''
      }Losses: ${
        yieldSets(t)
          .flatMap(({ input, set }) =>
            set.losses.map((l) => `${l.what} ${l.yield.value}${input ? ` (${input})` : ''}`),
          )
          .join(', ') || 'none'
      }. Capex per tonne of ${t.capexPer ?? 'input'} capacity.`,
      '',
      `Readiness: TRL ${t.readiness.trl}${t.readiness.trl < MATURE_TRL ? ' (emerging)' : ''}${t.readiness.note ? `: ${cell(textIn(t.readiness.note, 'en'))}` : ''} (${sourceText(t.readiness.source)}).`,
      '',
      `Sources: ${t.sources.map(sourceText).join('; ')}`,
      '',
    );
  }
  out.push(
    '## Eligibility rules',
    '',
    '| rule | class | forbidden tiers | forbidden technologies | rule in words | legal source |',
    '|---|---|---|---|---|---|',
    ...lib.rules.map(
      (r) =>
        `| ${r.id} | ${r.regulatoryClass} | ${r.forbiddenTiers.join(', ') || '–'} | ${(r.forbiddenTechnologies ?? []).join(', ') || '–'} | ${cell(r.rule.en)} | ${sourceText(r.legalSource)} |`,
    ),
    '',
    '## Current uses',
    '',
    "A move's climate effect is counted over the current use's own saving (kg CO2e per t of stream).",
    '',
    '| kind | tier | what | valued by | CO2e saved | source |',
    '|---|---|---|---|---|---|',
    ...lib.currentUses.map(
      (u) =>
        `| \`${u.kind}\` | ${TIER_NAMES[u.tier].en} | ${cell(u.description.en)} | ${u.product ? `\`${u.product}\`` : `${u.valueNokPerTonne?.value} ${u.valueNokPerTonne?.currency}/${u.valueNokPerTonne?.per}`} | ${cell(climateOfUse(u))} | ${sourceText(u.source)} |`,
    ),
    '',
  );
  return out.join('\n');
}

/** A current use's own CO2e saving, in words: its factors, else its product's, else none. */
function climateOfUse(u: LoadedLibrary['currentUses'][number]): string {
  if (u.climate)
    return u.climate
      .map(
        (f) =>
          `${f.tonnesReplacedPerTonne.value} t ${f.replaces.en} × ${f.kgCo2ePerKgReplaced.value} kg CO2e/kg`,
      )
      .join('; ');
  return u.product ? `as \`${u.product}\`` : '–';
}

/** docs/actor-coefficients.md: the catalogue behind streams per actor (data/actor-streams.json). */
export function renderActorStreamsDoc(catalogue: ActorStreamCatalogue): string {
  const list = (xs: readonly string[]) => xs.map((x) => `\`${x}\``).join(', ') || '–';
  return [
    '# Streams per actor: the catalogue',
    '',
    'Generated from `data/actor-streams.json` by `npm run docs` (scripts/build-docs.ts). Do not edit by hand.',
    'How the catalogue is used: docs/actor-streams.md. Status letters as in docs/coefficients.md.',
    '',
    cell(catalogue.source),
    '',
    '## Farm files',
    '',
    cell(catalogue.farmFilesNote.en),
    '',
    '| file | statistics dataset | year | name column |',
    '|---|---|---|---|',
    ...catalogue.farmFiles.map(
      (f) => `| \`data/${f.file}\` | \`${f.dataset}\` | ${f.year ?? 'in the file'} | ${f.nameField ?? '–'} |`,
    ),
    '',
    '## Kinds without a municipal recipe',
    '',
    '| id | bokmål | English | cycle | DM share | note |',
    '|---|---|---|---|---|---|',
    ...catalogue.kinds.map(
      (k) =>
        `| \`${k.id}\` | ${k.name.nb} | ${k.name.en} | ${k.cycle} | ${k.dmShare.value} (${k.dmShare.low}–${k.dmShare.high}; ${STATUS[k.dmShare.source.status]}) | ${cell(k.regulatoryNote?.en ?? k.description.en)} |`,
    ),
    '',
    '## Technical roles',
    '',
    cell(catalogue.ladderNote.en),
    '',
    `Ladder, bottom to top: ${catalogue.technicalLadder.map((s) => `${s.name.en} (\`${s.id}\`)`).join(' < ')}.`,
    '',
    '| role | NACE prefixes | holds | uses | step | the report’s words |',
    '|---|---|---|---|---|---|',
    ...catalogue.roles.map(
      (r) =>
        `| ${r.name.en} (\`${r.id}\`) | ${r.nace.join(', ')} | ${list(r.holds)} | ${list(r.uses)} | \`${r.step}\` | ${r.reportRoles.join('; ') || '–'} |`,
    ),
    '',
    '## Streams held: NACE × employees',
    '',
    `Where the register withholds the count: \`${catalogue.employeesWhenWithheld.id}\` = ${catalogue.employeesWhenWithheld.value} (${catalogue.employeesWhenWithheld.low}–${catalogue.employeesWhenWithheld.high}).`,
    '',
    '| id | NACE prefixes | kind | value | range | unit | status | how |',
    '|---|---|---|---|---|---|---|---|',
    ...catalogue.holdings.map(
      (h) =>
        `| \`${h.coefficient.id}\` | ${h.nace.join(', ')} | \`${h.kind}\` | ${h.coefficient.value} | ${h.coefficient.low}–${h.coefficient.high} | ${h.coefficient.unit} | ${STATUS[h.coefficient.source.status]} | ${cell(textIn(h.coefficient.note ?? h.coefficient.source.citation, 'en'))} |`,
    ),
    '',
    '## Streams held: shares of a municipal estimate',
    '',
    '| id | NACE prefixes | kind | how |',
    '|---|---|---|---|',
    ...catalogue.shares.map(
      (x) => `| \`${x.id}\` | ${x.nace.join(', ')} | \`${x.kind}\` | ${cell(x.note.en)} |`,
    ),
    '',
    '## Streams an actor could use',
    '',
    '| rule | NACE prefixes | technologies (their inputs, within the eligibility rules) | kinds taken directly | tier | note |',
    '|---|---|---|---|---|---|',
    ...catalogue.uses.map(
      (u) =>
        `| \`${u.id}\` | ${u.nace.join(', ')} | ${list(u.technologies ?? [])} | ${list(u.kinds ?? [])} | ${u.tier ?? '–'} | ${cell(u.note.en)} |`,
    ),
    '',
    '## Names in lists',
    '',
    cell(catalogue.namedForms.note.en),
    '',
    `Named forms: ${catalogue.namedForms.forms.join(', ')}. Personal forms: ${catalogue.namedForms.personalForms.join(', ')}. A company form in a farm's name: \`${catalogue.namedForms.companySuffix}\`.`,
    '',
  ].join('\n');
}

export const ACTOR_STREAMS_DOC_PATH = fileURLToPath(
  new URL('../docs/actor-coefficients.md', import.meta.url),
);
export const LIBRARY_DOC_PATH = fileURLToPath(new URL('../docs/library.md', import.meta.url));
export const DOC_PATH = fileURLToPath(new URL('../docs/coefficients.md', import.meta.url));
export const SCENARIO_SCHEMA_PATH = fileURLToPath(new URL('../docs/scenario.schema.json', import.meta.url));

/** JSON Schema of a scenario file, generated from the zod schema the CLI validates with. */
export function renderScenarioSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ title: 'Restverdi scenario', ...schema }, null, 2)}\n`;
}

export const PARK_SCHEMA_PATH = fileURLToPath(new URL('../docs/park.schema.json', import.meta.url));

/** JSON Schema of a biopark design file, generated from the zod schema `readParkFile` validates with. */
export function renderParkSchema(): string {
  const schema = z.toJSONSchema(parkSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ title: 'Restverdi biopark design', ...schema }, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = openDataFiles();
  writeFileSync(DOC_PATH, renderCoefficientDoc(files.reference()));
  writeFileSync(LIBRARY_DOC_PATH, renderLibraryDoc(files.library()));
  writeFileSync(SCENARIO_SCHEMA_PATH, renderScenarioSchema());
  writeFileSync(PARK_SCHEMA_PATH, renderParkSchema());
  writeFileSync(ACTOR_STREAMS_DOC_PATH, renderActorStreamsDoc(files.actorStreams()));
  console.log(
    `wrote ${DOC_PATH}, ${LIBRARY_DOC_PATH}, ${SCENARIO_SCHEMA_PATH}, ${PARK_SCHEMA_PATH} and ${ACTOR_STREAMS_DOC_PATH}`,
  );
}
