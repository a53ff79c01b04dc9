/** The language of the API's answers: ?lang=, else Accept-Language, else bokmål; messages keep code and params. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonInit, openTestApi, type TestApi } from '../../test/helpers/api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi('sqlite');
});
afterAll(async () => {
  await api.store.close();
});

const closed = async (path: string, init?: RequestInit) => {
  const res = await api.request(path, init);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { tiers: { tier: string; reason?: { code: string; text: string } }[] };
  return body.tiers.find((t) => t.tier === 'mat')?.reason;
};

describe('the language of answers', () => {
  it('renders messages in bokmål by default, keeping code and parameters', async () => {
    const reason = await closed('/api/pyramid/husdyrgjodsel?tonnes=1000');
    expect(reason?.code).toBe('tier_closed_by_rule');
    expect(reason?.text).toMatch(/^Mat er stengt for Husdyrgjødsel/);
  });

  it('takes ?lang=en on a route whose query is otherwise strict', async () => {
    const reason = await closed('/api/pyramid/husdyrgjodsel?tonnes=1000&lang=en');
    expect(reason?.text).toMatch(/^Food is closed to /);
  });

  it('follows Accept-Language by quality when no ?lang= is given', async () => {
    const en = await closed('/api/pyramid/husdyrgjodsel?tonnes=1000', {
      headers: { 'accept-language': 'de;q=0.9, en-GB;q=0.8, nb;q=0.1' },
    });
    expect(en?.text).toMatch(/^Food is closed/);
    const nb = await closed('/api/pyramid/husdyrgjodsel?tonnes=1000', {
      headers: { 'accept-language': 'nn-NO' },
    });
    expect(nb?.text).toMatch(/^Mat er stengt/);
  });

  it('renders errors in the language, and keeps a posted body when ?lang= is taken off', async () => {
    const body = { id: 'x', name: 'X', municipalities: ['9999'] };
    const nb = await api.request('/api/regions', jsonInit('POST', body));
    expect(nb.status).toBe(400);
    const nbText = JSON.stringify(await nb.json());
    const en = await api.request('/api/regions?lang=en', jsonInit('POST', body));
    expect(en.status).toBe(400);
    const enText = JSON.stringify(await en.json());
    expect(nbText).not.toBe(enText);
    expect(enText).toMatch(/9999/);
    expect(nbText).toMatch(/9999/);
  });

  it('refuses a language it does not speak', async () => {
    const res = await api.request('/api/pyramid/halm?tonnes=1&lang=de');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'invalid lang: de (use nb or en)',
    );
  });
});
