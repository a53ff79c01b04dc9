import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderMessage } from '../messages/catalogue.ts';
import { message } from './message.ts';
import { issuesAt } from './schema-issues.ts';

const schema = z.strictObject({
  year: z.number().int().min(2000),
  name: z.string().max(5),
  basis: z.enum(['wet', 'dm']),
  id: z.string().regex(/^[a-z]+$/),
  share: z.number().refine((v) => v <= 1, {
    params: message('field_too_big', { origin: 'number', limit: 1, inclusive: true }),
  }),
});

const issuesOf = (input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected the input to be rejected');
  return issuesAt('body', r.error.issues);
};

describe('schema issues', () => {
  const issues = issuesOf({ year: 1999, name: 'too long', basis: 'fresh', id: 'A1', share: 2, extra: 1 });
  const said = (lang: 'nb' | 'en') =>
    Object.fromEntries(issues.map((i) => [i.path, i.detail ? renderMessage(i.detail, lang) : '']));

  it('keeps the path of every problem and gives each a message code', () => {
    expect(issues.map((i) => i.path).sort()).toEqual([
      'body.basis',
      'body.extra',
      'body.id',
      'body.name',
      'body.share',
      'body.year',
    ]);
    expect(issues.every((i) => i.detail)).toBe(true);
  });

  it('says each in bokmål', () => {
    expect(said('nb')).toEqual({
      'body.year': 'Må være minst 2\u00a0000',
      'body.name': 'Må være høyst 5 tegn',
      'body.basis': 'Må være en av: wet, dm',
      'body.id': 'Har ikke riktig form (/^[a-z]+$/)',
      'body.share': 'Må være høyst 1',
      'body.extra': 'Ukjent felt «extra»',
    });
  });

  it('says each in English', () => {
    expect(said('en')['body.year']).toBe('Must be at least 2,000');
    expect(said('en')['body.name']).toBe('Must be at most 5 characters');
  });

  it('tells a missing field from one of the wrong type', () => {
    const [missing] = issuesOf({ name: 'a', basis: 'dm', id: 'a', share: 0 });
    expect(missing?.detail && renderMessage(missing.detail, 'nb')).toBe('Mangler (skal være et tall)');
    const wrong = issuesOf({ year: 'x', name: 'a', basis: 'dm', id: 'a', share: 0 });
    expect(wrong[0]?.detail && renderMessage(wrong[0].detail, 'en')).toBe('Expected a number, got text');
  });
});
