import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/helpers/workspace.ts';
import type { AppError } from '../domain/errors.ts';
import type { Message } from '../domain/message.ts';
import { renderMessage } from '../messages/catalogue.ts';
import { loadReferenceData } from './reference-data.ts';
import { fetchSsb, findSsbTable, parseSsbResponse, ssbTablesSchema } from './ssb.ts';

const { registry } = loadReferenceData();
const tables = ssbTablesSchema.parse(
  JSON.parse(readFileSync(new URL('../../data/ssb/tables.json', import.meta.url), 'utf8')),
);
const table = findSsbTable(tables, '03895');
const answer = () =>
  JSON.parse(
    readFileSync(
      new URL('../../test/fixtures/ssb/agg_summer_kommuner_20250317.json', import.meta.url),
      'utf8',
    ),
  );
const source = 'https://data.ssb.no/api/v0/no/table/03895';

const nb = (m: Message | undefined) => renderMessage(m as Message, 'nb');
const en = (m: Message | undefined) => renderMessage(m as Message, 'en');

describe('the SSB reader tells what is wrong with an answer in bokmål and English', () => {
  it('reads the recorded answer', () => {
    expect(parseSsbResponse(answer(), table, { registry, source }).values.length).toBeGreaterThan(300);
  });

  it('a period that is no year: the answer and the period', () => {
    const json = answer();
    json.dimension.Tid.category = { index: { '2023M01': 0 }, label: { '2023M01': '2023M01' } };
    const error = thrown(() => parseSsbResponse(json, table, { registry, source }));
    expect(error.issues[0]?.path).toBe(`${source}:Tid=2023M01`);
    expect(nb(error.issues[0]?.detail)).toBe(`${source}: perioden Tid=2023M01 er ikke et årstall`);
    expect(en(error.issues[0]?.detail)).toBe(`${source}: the period Tid=2023M01 is not a year`);
    expect(nb(error.detail)).toBe(`${source} har 360 feil; se listen under`);
  });

  it('an answer without the time dimension', () => {
    const json = answer();
    json.id = ['Region', 'ContentsCode', 'Periode', 'Treslag'];
    json.dimension.Periode = json.dimension.Tid;
    delete json.dimension.Tid;
    const error = thrown(() => parseSsbResponse(json, table, { registry, source }));
    expect(nb(error.detail)).toBe(
      `${source}: svaret er ikke et JSON-stat 2-datasett med dimensjonene Region og Tid`,
    );
  });

  it('a table that is not configured', () => {
    expect(nb(thrown(() => findSsbTable(tables, '99999')).detail)).toBe(
      'SSB-tabellen 99999 er ikke satt opp i data/ssb/tables.json; tabellene som er satt opp: 03895 og 07459',
    );
  });

  it('an HTTP error and an answer that is no JSON name the URL', async () => {
    const status = await fetchSsb(source, {}, async () => new Response('busy', { status: 503 })).catch(
      (e: unknown) => e as AppError,
    );
    expect(nb((status as AppError).detail)).toBe(
      `SSBs statistikkbank (ssb) svarte med HTTP-status 503 på ${source}`,
    );
    const html = await fetchSsb(source, {}, async () => new Response('<html>', { status: 200 })).catch(
      (e: unknown) => e as AppError,
    );
    expect(nb((html as AppError).detail)).toBe(`SSBs statistikkbank (ssb) svarte ikke med JSON på ${source}`);
    const down = await fetchSsb(source, {}, async () => {
      throw new TypeError('fetch failed');
    }).catch((e: unknown) => e as AppError);
    expect(en((down as AppError).detail)).toBe(`Cannot reach the Statistics Norway API (ssb): ${source}`);
  });
});
