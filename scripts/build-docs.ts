/**
 * Writes docs/coefficients.md from data/: every profile, its recipes as formulas, and every
 * coefficient with value, range, unit and source. Never edit that document by hand:
 * `npm run docs` regenerates it and test/docs.test.ts fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Coefficient } from '../src/domain/coefficients.ts';
import { loadReferenceData, type ReferenceData } from '../src/ingest/reference-data.ts';
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

function sourceCell(c: Coefficient): string {
  const parts = [c.source.citation];
  if (c.source.table) parts.push(`(${c.source.table})`);
  if (c.source.url) parts.push(`<${c.source.url}>`);
  if (c.calibration) parts.push(`Calibrated against ${c.calibration.against}: ${c.calibration.method}.`);
  if (c.note) parts.push(`Note: ${c.note}`);
  return cell(parts.join(' '));
}

function coefficientRow(c: Coefficient): string {
  return `| \`${c.id}\` | ${cell(c.name)} | ${c.value} | ${c.low}–${c.high} (${c.distribution}) | ${c.unit} | ${STATUS[c.source.status]} | ${c.region}, ${c.year} | ${sourceCell(c)} |`;
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
    'unless stated otherwise).',
    '',
    '## Residue kinds',
    '',
    '| id | bokmål | English | group | dry-matter share (t DM/t) | regulatory class | rule |',
    '|---|---|---|---|---|---|---|',
    ...data.kinds.map(
      (k) =>
        `| \`${k.id}\` | ${k.name.nb} | ${k.name.en} | ${k.group} | ${k.dmShare.value} (${k.dmShare.low}–${k.dmShare.high}) | ${k.regulatoryClass} | ${cell(k.regulatoryNote)} |`,
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
    out.push(`## Profile \`${p.id}\`: ${p.title}`, '', p.description, '', '### Recipes', '');
    for (const r of p.recipes) {
      out.push(
        `- **${r.kind}** = ${r.terms.map((t) => `${t.category ? `[${t.category}] ` : ''}\`${t.statistic}\` × ${t.coefficients.map((c) => `\`${c}\``).join(' × ')}${t.dmShare ? ` (DM share \`${t.dmShare}\`)` : ''}`).join(' + ')}`,
      );
      if (r.note) out.push(`  ${cell(r.note)}`);
    }
    out.push('', '### Coefficients', '', HEAD, ...p.coefficients.map(coefficientRow), '');
  }
  return out.join('\n');
}

export const DOC_PATH = fileURLToPath(new URL('../docs/coefficients.md', import.meta.url));
export const SCENARIO_SCHEMA_PATH = fileURLToPath(new URL('../docs/scenario.schema.json', import.meta.url));

/** JSON Schema of a scenario file, generated from the zod schema the CLI validates with. */
export function renderScenarioSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ title: 'Restverdi scenario', ...schema }, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DOC_PATH, renderCoefficientDoc(loadReferenceData()));
  writeFileSync(SCENARIO_SCHEMA_PATH, renderScenarioSchema());
  console.log(`wrote ${DOC_PATH} and ${SCENARIO_SCHEMA_PATH}`);
}
