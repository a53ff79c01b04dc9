import { describe, expect, it } from 'vitest';
import type { Message } from '../domain/message.ts';
import { issuesAt } from '../domain/schema-issues.ts';
import { renderMessage } from '../messages/catalogue.ts';
import { coefficientSchema, safeText } from './schemas.ts';

const coefficient = {
  id: 'c1',
  name: 'C',
  value: 3,
  low: 1,
  high: 2,
  distribution: 'fixed',
  unit: 't/daa',
  source: { status: 'unsourced', citation: 'none', url: 'https://example.org' },
  region: 'NO',
  year: 2024,
};

describe("the data files' own checks say what they mean in the catalogue's words", () => {
  it('a coefficient outside its range and an unsourced one with a URL', () => {
    const r = coefficientSchema.safeParse(coefficient);
    expect(r.success).toBe(false);
    const issues = issuesAt('c.json:coefficients[0]', r.error?.issues ?? []);
    expect(issues.map((i) => [i.path, renderMessage(i.detail as Message, 'nb')])).toEqual([
      ['c.json:coefficients[0].value', 'Verdien skal ligge mellom lav og høy (1 ≤ 3 ≤ 2 holder ikke)'],
      ['c.json:coefficients[0].source.url', 'En verdi uten kilde (unsourced) kan ikke oppgi en nettadresse'],
    ]);
  });

  it('text with a NUL character', () => {
    const r = safeText(10).safeParse('a\u0000b');
    const [issue] = issuesAt('name', r.error?.issues ?? []);
    expect(renderMessage(issue?.detail as Message, 'en')).toBe(
      'The text has a NUL character or a broken surrogate pair',
    );
  });
});
