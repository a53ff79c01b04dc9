import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, renderCoefficientDoc } from '../scripts/build-docs.ts';
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
});
