import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import type { Message } from '../domain/message.ts';
import { createMunicipalityRegistry, resolveMunicipality } from '../domain/municipalities.ts';
import { renderMessage } from '../messages/catalogue.ts';
import {
  mergeNumberChanges,
  parseCountyList,
  parseMunicipalityList,
  parseNumberChanges,
  parseSplitNote,
} from './kommuneendringer.ts';

const dir = new URL('../../data/sources/kommuneendringer-2024/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, dir), 'utf8');
const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

const changes2020 = parseNumberChanges(text('Regindeling_Kommuner_2020_01_justert.txt'), '2020.txt');
const changes2024 = parseNumberChanges(text('Regindeling_Kommuner_2024_01_justert.txt'), '2024.txt');
const splits = parseSplitNote(text('Regind_kmn_kommentar.txt'), 'kommentar.txt');
const municipalities = parseMunicipalityList(
  readFileSync(new URL('kommuneinndeling_2024_2.csv', dir)),
  'list.csv',
);
const registry = createMunicipalityRegistry(
  municipalities,
  mergeNumberChanges(changes2020, changes2024, splits),
);

describe('parseMunicipalityList', () => {
  it('reads the 357 municipalities of 2024 from the ISO-8859-1 file, without 9999 Uoppgitt', () => {
    expect(municipalities).toHaveLength(357);
    expect(municipalities.find((m) => m.number === '9999')).toBeUndefined();
    expect(municipalities.find((m) => m.number === '3442')).toEqual({
      number: '3442',
      name: 'Østre Toten',
      county: '34',
    });
    expect(municipalities.find((m) => m.number === '5636')?.name).toBe('Unjárga - Nesseby');
  });

  it('puts every municipality in one of the 2024 counties', () => {
    const counties = parseCountyList(text('Regindeling_Fylker_2024_01_status.txt'), 'fylker.txt');
    expect(counties.size).toBe(16); // 15 counties + 99 Uoppgitt
    expect(municipalities.every((m) => counties.has(m.county))).toBe(true);
  });

  it('names the file and line of a bad row', () => {
    const bytes = new TextEncoder().encode('code;name\n0301;Oslo\n301;Oslo\n');
    expect(() => parseMunicipalityList(bytes, 'list.csv')).toThrow(/list\.csv:3: expected "NNNN;name"/);
  });
});

describe('parseNumberChanges', () => {
  it('reads the 2024 reform: 118 pairs dated 2024-01-01, name-only changes kept', () => {
    expect(changes2024).toHaveLength(118);
    expect(changes2024.every((c) => c.validFrom === '2024-01-01')).toBe(true);
    expect(changes2024.filter((c) => c.from === c.to).map((c) => c.from)).toEqual(['1833', '1845', '5037']);
    expect(changes2024).toContainEqual({
      from: '3007',
      fromName: 'Ringerike',
      to: '3305',
      toName: 'Ringerike',
      validFrom: '2024-01-01',
    });
    expect(changes2024.some((c) => c.from.startsWith('34'))).toBe(false);
  });

  it('reads the 2020 reform, which lists every old number once (splits given one successor)', () => {
    expect(changes2020).toHaveLength(308);
    expect(changes2020.every((c) => c.validFrom === '2020-01-01')).toBe(true);
    expect(new Set(changes2020.map((c) => c.from)).size).toBe(changes2020.length);
    expect(changes2020.filter((c) => c.to === '3014')).toHaveLength(5); // merges: many old → one new
  });

  it('yields one change per successor when an old number is split', () => {
    const split = parseNumberChanges(fixture('kommuneendringer-split.txt'), 'split.txt');
    expect(split.filter((c) => c.from === '5012').map((c) => c.to)).toEqual(['5055', '5056', '5059']);
    const r = resolveMunicipality(
      createMunicipalityRegistry(
        ['5055', '5056', '5059'].map((number) => ({ number, name: number, county: '50' })),
        split,
      ),
      '5012',
    );
    expect(r).toMatchObject({ ok: false, candidates: ['5055', '5056', '5059'] });
  });

  it('names the file and line of a malformed pair', () => {
    expect(() => parseNumberChanges(fixture('kommuneendringer-bad-line.txt'), 'bad.txt')).toThrow(
      /bad\.txt:3: expected "code - name"/,
    );
    expect(() => parseNumberChanges('januar 2023 januar 2024\n', 'h.txt')).toThrow(AppError);
  });

  it('says in bokmål which line of which file is malformed, and what it holds', () => {
    let error: AppError | undefined;
    try {
      parseNumberChanges(fixture('kommuneendringer-bad-line.txt'), 'bad.txt');
    } catch (e) {
      error = e as AppError;
    }
    const nb = renderMessage(error?.detail as Message, 'nb');
    expect(nb).toBe('bad.txt, linje 3: skal være på formen «NNNN - …», men er «5055 Heim»');
    expect(renderMessage(error?.issues[0]?.detail as Message, 'nb')).toBe(nb);
    expect(renderMessage(error?.detail as Message, 'en')).toBe(
      'bad.txt, line 3: expected the form "NNNN - …", got "5055 Heim"',
    );
  });
});

describe('resolving numbers with the parsed changes', () => {
  it.each([
    ['3007', '3305'],
    ['3038', '3310'],
    ['3046', '3318'],
    ['3047', '3316'],
    ['3053', '3236'],
    ['3054', '3234'],
  ])('maps %s to %s', (from, to) => {
    expect(resolveMunicipality(registry, from)).toMatchObject({ ok: true, number: to });
  });

  it.each(['3407', '3442', '3443', '3446', '3447', '3448'])('keeps Innlandet %s unchanged', (number) => {
    expect(resolveMunicipality(registry, number)).toEqual({ ok: true, number, via: [] });
  });

  it('follows a pre-2020 number through both reforms (0605 Ringerike → 3007 → 3305, 0532 Jevnaker → 3053 → 3236)', () => {
    const ringerike = resolveMunicipality(registry, '0605');
    expect(ringerike).toMatchObject({ ok: true, number: '3305' });
    expect(ringerike.ok && ringerike.via.map((c) => c.to)).toEqual(['3007', '3305']);
    expect(resolveMunicipality(registry, '532')).toMatchObject({ ok: true, number: '3236' });
  });

  it('reports 1507 Ålesund (2020–2023), split into 1508 and 1580 in 2024, as ambiguous', () => {
    expect(splits.map((c) => `${c.from}→${c.to}`)).toEqual(['1507→1508', '1507→1580']);
    expect(resolveMunicipality(registry, '1507')).toMatchObject({ ok: false, candidates: ['1508', '1580'] });
    expect(resolveMunicipality(registry, '1534')).toMatchObject({ ok: true, number: '1580' });
  });
});
