/** The language of the API's answers: ?lang=, else Accept-Language, else bokmål; messages keep code and params. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonInit, openTestApi, type TestApi } from '../../test/helpers/api.ts';
import { BOKMAL_IN_ERRORS as BOKMAL, ENGLISH_IN_ERRORS as ENGLISH } from '../messages/words/tell-tales.ts';

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
    const error = ((await res.json()) as { error: ErrorBody }).error;
    expect(error.message).toBe('Ugyldig lang: de (bruk nb og en)');
    expect(error.issues).toEqual([{ path: 'query.lang', message: 'Må være en av: nb, en' }]);
    const en = await api.request('/api/pyramid/halm?tonnes=1&lang=de', {
      headers: { 'accept-language': 'en' },
    });
    expect(((await en.json()) as { error: ErrorBody }).error.message).toBe(
      'Invalid lang: de (use nb and en)',
    );
  });
});

interface ErrorBody {
  code: string;
  message: string;
  issues: { path: string; message: string }[];
}

/** The texts of an error a person reads: its message and every issue's, without the ids we sent. */
function texts(error: ErrorBody, ids: string[]): string[] {
  const strip = (t: string) => ids.reduce((acc, id) => acc.split(id).join(''), t);
  return [error.message, ...error.issues.map((i) => i.message)].map(strip);
}

/** The same bad request in bokmål (no language asked), with ?lang=en and with Accept-Language: en. */
async function inEachLanguage(path: string, init: RequestInit = {}) {
  const withLang = path.includes('?') ? `${path}&lang=en` : `${path}?lang=en`;
  const headers = new Headers(init.headers);
  headers.set('accept-language', 'en-GB,en;q=0.9');
  const [nb, en, accept] = await Promise.all([
    api.request(path, init),
    api.request(withLang, init),
    api.request(path, { ...init, headers }),
  ]);
  const read = async (res: Response) => ({
    status: res.status,
    error: ((await res.json()) as { error: ErrorBody }).error,
  });
  return { nb: await read(nb), en: await read(en), accept: await read(accept) };
}

function expectLanguages(
  answers: Awaited<ReturnType<typeof inEachLanguage>>,
  status: number,
  code: string,
  ids: string[] = [],
) {
  for (const a of [answers.nb, answers.en, answers.accept]) {
    expect(a.status).toBe(status);
    expect(a.error.code).toBe(code);
  }
  expect(answers.accept.error).toEqual(answers.en.error);
  expect(answers.nb.error.issues.map((i) => i.path)).toEqual(answers.en.error.issues.map((i) => i.path));
  for (const t of texts(answers.nb.error, ids)) expect(t, `bokmål: ${t}`).not.toMatch(ENGLISH);
  for (const t of texts(answers.en.error, ids)) expect(t, `English: ${t}`).not.toMatch(BOKMAL);
}

describe('errors in the language of the request', () => {
  it('names an unknown scenario and lists the known ones', async () => {
    const answers = await inEachLanguage('/api/scenarios/x9-nope');
    const known = (await (await api.request('/api/scenarios')).json()) as { scenarios: { id: string }[] };
    const ids = ['x9-nope', ...known.scenarios.map((s) => s.id)];
    expectLanguages(answers, 404, 'unknown_scenario', ids);
    expect(answers.nb.error.message).toMatch(/^Ukjent scenario «x9-nope»; scenarioene som finnes: /);
    expect(answers.en.error.message).toMatch(/^Unknown scenario "x9-nope"; scenarios that exist: /);
  });

  it('lists every problem of an invalid region body', async () => {
    const body = { id: 'Bad Id', name: '', municipalities: ['9999', 'x'] };
    const answers = await inEachLanguage('/api/regions', jsonInit('POST', body));
    expectLanguages(answers, 400, 'invalid_input', ['Bad Id', '9999']);
    expect(answers.nb.error.issues.length).toBeGreaterThanOrEqual(3);
    expect(answers.nb.error.message).toMatch(/feil/);
    expect(answers.en.error.message).toMatch(/problem/);
  });

  it('gives an invalid query parameter with its path', async () => {
    const answers = await inEachLanguage('/api/pyramid/halm?tonnes=-5');
    expectLanguages(answers, 400, 'invalid_input');
    expect(answers.nb.error.message).toMatch(/ har 1 feil$/);
    expect(answers.en.error.message).toMatch(/ 1 problem/);
    expect(answers.nb.error.issues[0]?.path).toBe('query.tonnes');
  });

  it('answers an unknown route with 404', async () => {
    const answers = await inEachLanguage('/api/x9-nowhere');
    expectLanguages(answers, 404, 'not_found', ['/api/x9-nowhere']);
    expect(answers.nb.error.message).toBe('Finner ingen side for GET /api/x9-nowhere');
    expect(answers.en.error.message).toBe('No route for GET /api/x9-nowhere');
  });

  it('refuses a body over the limit with 413', async () => {
    const big = { id: 'big', name: 'x'.repeat(1024 * 1024 + 10), municipalities: [] };
    const answers = await inEachLanguage('/api/regions', jsonInit('POST', big));
    expectLanguages(answers, 413, 'payload_too_large');
    expect(answers.nb.error.message).toMatch(/^Innholdet er større enn grensen på 1\s048\s576 byte$/);
    expect(answers.en.error.message).toBe('The body is larger than the limit of 1,048,576 bytes');
  });

  it('answers a conflict with 409', async () => {
    const body = { id: 'gjovik-hadeland-ringerike', name: 'X', municipalities: ['3407'] };
    const answers = await inEachLanguage('/api/regions', jsonInit('POST', body));
    expectLanguages(answers, 409, 'conflict', [body.id]);
    expect(answers.nb.error.message).toBe(
      '«gjovik-hadeland-ringerike» finnes allerede; velg en annen id, eller erstatt den',
    );
  });

  it('names kinds and municipalities by name (and number), not by their ids', async () => {
    const kind = await inEachLanguage('/api/pyramid/avlopsslam?region=gjovik-hadeland-ringerike');
    expect(kind.nb.error.message).toMatch(
      /^Profilen report beregner ikke Avløpsslam; .* Halm \(halm\), Kornavrens/,
    );
    expect(kind.en.error.message).toMatch(
      /^Profile report estimates no Sewage sludge; .* Cereal straw \(halm\)/,
    );
    const muni = await inEachLanguage('/api/actors?region=gjovik-hadeland-ringerike&municipality=0301');
    expect(muni.nb.status).toBe(404);
    expect(muni.nb.error.message).toMatch(
      /^Kommune Oslo \(0301\) er ikke med .*: Gjøvik \(3407\), Østre Toten/,
    );
    expect(muni.en.error.message).toMatch(
      /^Municipality Oslo \(0301\) is not in .*: Gjøvik \(3407\), Østre Toten/,
    );
  });

  it('says how many more issues there are past the cap', async () => {
    const body = { id: 'x1', name: 'X', municipalities: Array.from({ length: 130 }, () => 'x') };
    const answers = await inEachLanguage('/api/regions', jsonInit('POST', body));
    expectLanguages(answers, 400, 'invalid_input', ['x1']);
    expect(answers.nb.error.issues).toHaveLength(101);
    expect(answers.nb.error.issues[100]).toEqual({ path: '…', message: '… og 30 feil til' });
    expect(answers.en.error.issues[100]).toEqual({ path: '…', message: '… and 30 more' });
  });

  it('refuses a body that is not JSON', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' };
    const answers = await inEachLanguage('/api/regions', init);
    expectLanguages(answers, 400, 'invalid_input');
    expect(answers.en.error.message).toMatch(/^The request cannot be read \(HTTP 400\)/);
  });

  it('refuses a body that is not valid UTF-8', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]);
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes };
    const answers = await inEachLanguage('/api/regions', init);
    expectLanguages(answers, 400, 'invalid_input');
    expect(answers.nb.error.message).toBe('Innholdet i forespørselen er ikke gyldig UTF-8');
  });
});
