import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ACTOR_STREAMS_DOC_PATH,
  DOC_PATH,
  LIBRARY_DOC_PATH,
  PARK_SCHEMA_PATH,
  renderActorStreamsDoc,
  renderCoefficientDoc,
  renderLibraryDoc,
  renderParkSchema,
  renderScenarioSchema,
  SCENARIO_SCHEMA_PATH,
} from '../scripts/build-docs.ts';
import { openDataFiles } from '../src/app/data-files.ts';
import { loadLibrary } from '../src/ingest/library.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';

describe('docs/coefficients.md', () => {
  it('is what `npm run docs` generates from data/ (regenerate it after changing a coefficient)', () => {
    const data = loadReferenceData();
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(renderCoefficientDoc(data));
  });

  it('lists every coefficient of every profile with its source', () => {
    const doc = renderCoefficientDoc(loadReferenceData());
    for (const p of loadReferenceData().profiles) {
      for (const c of p.coefficients) expect(doc).toContain(`\`${c.id}\``);
    }
  });

  it('docs/scenario.schema.json is the JSON Schema of the scenario validator', () => {
    expect(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')).toBe(renderScenarioSchema());
    const schema = JSON.parse(renderScenarioSchema());
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'name', 'inputs', 'steps']));
  });

  it('docs/park.schema.json is the JSON Schema of the park file reader', () => {
    expect(readFileSync(PARK_SCHEMA_PATH, 'utf8')).toBe(renderParkSchema());
    expect(JSON.parse(renderParkSchema()).required).toEqual(['id', 'name', 'processes', 'flows']);
  });

  it('docs/actor-coefficients.md lists the catalogue of data/actor-streams.json (regenerate with `npm run docs`)', () => {
    const catalogue = openDataFiles().actorStreams();
    const doc = renderActorStreamsDoc(catalogue);
    expect(readFileSync(ACTOR_STREAMS_DOC_PATH, 'utf8')).toBe(doc);
    for (const h of catalogue.holdings) expect(doc).toContain(`\`${h.coefficient.id}\``);
    for (const k of catalogue.kinds) expect(doc).toContain(`\`${k.id}\``);
  });

  it('docs/library.md lists every product, technology and rule of data/ (regenerate with `npm run docs`)', () => {
    const data = loadReferenceData();
    const lib = loadLibrary(data.kinds, data.dataDir);
    const doc = renderLibraryDoc(lib);
    expect(readFileSync(LIBRARY_DOC_PATH, 'utf8')).toBe(doc);
    for (const p of lib.products) expect(doc).toContain(`\`${p.id}\``);
    for (const t of lib.technologies) expect(doc).toContain(`### \`${t.id}\``);
    for (const r of lib.rules) expect(doc).toContain(`| ${r.id} |`);
  });
});
