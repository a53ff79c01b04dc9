import { createReadStream, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { thrown } from '../../test/helpers/workspace.ts';
import { AppError } from '../domain/errors.ts';
import { createMunicipalityRegistry } from '../domain/municipalities.ts';
import { renderMessage } from '../messages/catalogue.ts';
import {
  mergeNumberChanges,
  parseMunicipalityList,
  parseNumberChanges,
  parseSplitNote,
} from './kommuneendringer.ts';
import {
  aggregateLivestock,
  type LivestockReport,
  type LivestockRow,
  parseLivestockMapping,
} from './produksjonstilskudd.ts';

const data = new URL('../../data/', import.meta.url);
const kommuner = new URL('sources/kommuneendringer-2024/', data);
const text = (url: URL) => readFileSync(url, 'utf8');
const registry = createMunicipalityRegistry(
  parseMunicipalityList(readFileSync(new URL('kommuneinndeling_2024_2.csv', kommuner)), 'list.csv'),
  mergeNumberChanges(
    parseNumberChanges(text(new URL('Regindeling_Kommuner_2020_01_justert.txt', kommuner)), '2020.txt'),
    parseNumberChanges(text(new URL('Regindeling_Kommuner_2024_01_justert.txt', kommuner)), '2024.txt'),
    parseSplitNote(text(new URL('Regind_kmn_kommentar.txt', kommuner)), 'kommentar.txt'),
  ),
);
const mapping = parseLivestockMapping(
  JSON.parse(text(new URL('mappings/produksjonstilskudd-livestock.json', data))),
  'mapping.json',
);
/** The AppError a reader throws. */
const fixture = (name: string) => createReadStream(new URL(`fixtures/${name}`, import.meta.url));
const run = (name: string) => aggregateLivestock(fixture(name), { file: name, mapping, registry });

describe('aggregateLivestock on the 2024 del-1 file', () => {
  const file = 'produksjonstilskudd-2024-del1.csv';
  let rows: LivestockRow[] = [];
  let report: LivestockReport;
  beforeAll(async () => {
    ({ rows, report } = await aggregateLivestock(
      createReadStream(new URL(`sources/landbruk-ldir/${file}`, data)),
      {
        file,
        mapping,
        registry,
      },
    ));
  });

  it('counts 202 691 dairy cows (p120) nationally, the sanity check in SOURCE.md', () => {
    expect(report.totals.melkeku).toBe(202_691);
    expect(rows.reduce((s, r) => s + (r.values.melkeku ?? 0), 0)).toBe(202_691);
  });

  it('reads every farm into one of 351 municipalities, none unresolved', () => {
    expect(report.rowsRead).toBe(26_204);
    expect(rows).toHaveLength(351);
    expect(report.unresolved).toEqual([]);
  });

  it('confirms from the data that p118 and the organic p8xx fields are subsets of the mapped counts', () => {
    expect(Object.keys(report.subsetViolations).sort()).toEqual(Object.keys(mapping.excluded).sort());
    expect(Object.values(report.subsetViolations).every((n) => n === 0)).toBe(true);
  });

  it('maps every category listed for the coefficient recipes', () => {
    expect(Object.keys(report.totals).sort()).toEqual(
      [
        'hest',
        'melkeku',
        'ammeku',
        'ovrig_storfe',
        'sau',
        'geit',
        'avlspurke',
        'avlsgris_ovrig',
        'smagris',
        'slaktegris',
        'verpehone',
        'livkylling',
        'slaktekylling',
        'and_kalkun_gas',
        'hjort',
        'kanin',
        'struts',
        'esel',
        'lama_alpakka',
      ].sort(),
    );
  });
});

describe('aggregateLivestock on small files', () => {
  it('handles a BOM, CRLF and a municipality number that lost its leading zero', async () => {
    const { rows, report } = await run('produksjonstilskudd-tiny.csv');
    expect(report.rowsRead).toBe(3);
    expect(rows.map((r) => r.municipality)).toEqual(['0301', '3305', '3446']);
    expect(rows[0]?.numbersInSource).toEqual([]); // "301" is 0301 padded, not a changed number
    expect(rows.map((r) => r.values.melkeku)).toEqual([5, 56, 46]);
    expect(rows[1]?.values.hest).toBe(7); // p115 3 + p116 4
  });

  it('maps old numbers and reports unknown and split ones with their rows and animals', async () => {
    const { rows, report } = await run('produksjonstilskudd-old-numbers.csv');
    expect(rows.find((r) => r.municipality === '3305')).toMatchObject({ numbersInSource: ['3007'] });
    expect(rows.find((r) => r.municipality === '3305')?.values.melkeku).toBe(112);
    expect(report.unresolved.map((u) => [u.number, u.rows, u.candidates, u.totals.melkeku])).toEqual([
      ['1507', 1, ['1508', '1580'], 46],
      ['9998', 1, [], 5],
    ]);
    expect(report.totals.melkeku).toBe(56 + 46 + 5 + 56 + 46);
  });

  it('fails on a non-numeric count, naming file, line and column', async () => {
    const error = await run('produksjonstilskudd-bad-count.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_data');
    expect((error as AppError).message).toMatch(
      /produksjonstilskudd-bad-count\.csv:3: column p120_vaar has "12a"/,
    );
  });

  it('says in bokmål which file, line and column hold the bad count, and in English too', async () => {
    const error = (await run('produksjonstilskudd-bad-count.csv').catch((e: unknown) => e)) as AppError;
    const nb = renderMessage(error.detail as NonNullable<AppError['detail']>, 'nb');
    expect(nb).toBe(
      'produksjonstilskudd-bad-count.csv, linje 3, kolonne «p120_vaar»: «12a» er ikke et helt antall dyr eller en tom celle',
    );
    const issue = error.issues[0];
    expect(issue?.path).toBe('produksjonstilskudd-bad-count.csv:3');
    expect(renderMessage(issue?.detail as NonNullable<AppError['detail']>, 'nb')).toBe(nb);
    expect(renderMessage(issue?.detail as NonNullable<AppError['detail']>, 'en')).toBe(
      'produksjonstilskudd-bad-count.csv, line 3, column "p120_vaar": "12a" is not a whole number of animals or an empty cell',
    );
  });

  it('counts the problems of a file with many bad cells in the error, each cell in its issue', async () => {
    const lines = readFileSync(
      new URL('fixtures/produksjonstilskudd-bad-count.csv', import.meta.url),
      'utf8',
    ).split(/\r?\n/);
    const worse = [lines[0], lines[1]?.replace(';3;4;', ';x;y;'), lines[2], ''].join('\n');
    const error = (await aggregateLivestock([worse], { file: 'dyr.csv', mapping, registry }).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(renderMessage(error.detail as NonNullable<AppError['detail']>, 'nb')).toBe(
      'dyr.csv har 3 feil; se listen under',
    );
    expect(error.issues.map((i) => renderMessage(i.detail as NonNullable<AppError['detail']>, 'nb'))).toEqual(
      [
        'dyr.csv, linje 2, kolonne «p115_vaar»: «x» er ikke et helt antall dyr eller en tom celle',
        'dyr.csv, linje 2, kolonne «p116_vaar»: «y» er ikke et helt antall dyr eller en tom celle',
        'dyr.csv, linje 3, kolonne «p120_vaar»: «12a» er ikke et helt antall dyr eller en tom celle',
      ],
    );
  });

  it('fails on a column that is neither mapped nor excluded', async () => {
    await expect(run('produksjonstilskudd-unknown-column.csv')).rejects.toThrow(
      /produksjonstilskudd-unknown-column\.csv:1: column p999_vaar is neither mapped nor excluded/,
    );
  });

  it('fails on a row with too many cells, naming the line', async () => {
    const lines = readFileSync(
      new URL('fixtures/produksjonstilskudd-tiny.csv', import.meta.url),
      'utf8',
    ).split('\r\n');
    const broken = [lines[0], lines[1], `${lines[2]};9`, ''].join('\n');
    await expect(aggregateLivestock([broken], { file: 'x.csv', mapping, registry })).rejects.toThrow(
      /x\.csv:3:/,
    );
    const error = (await aggregateLivestock([broken], { file: 'x.csv', mapping, registry }).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(renderMessage(error.detail as NonNullable<AppError['detail']>, 'nb')).toBe(
      'x.csv, linje 3: raden har 47 felt, overskriften 46',
    );
  });

  it('rejects a mapping that claims a field twice', () => {
    const twice = structuredClone(mapping);
    (twice.categories.hest as { fields: string[] }).fields.push('p120_vaar');
    expect(() => parseLivestockMapping(twice, 'm.json')).toThrow(/p120_vaar is claimed by both/);
    const error = thrown(() => parseLivestockMapping(twice, 'm.json'));
    expect(error.issues[0]?.path).toBe('m.json:(top level)');
    expect(renderMessage(error.issues[0]?.detail as NonNullable<AppError['detail']>, 'nb')).toBe(
      'Feltet p120_vaar er brukt både i categories.hest og i categories.melkeku',
    );
  });

  it('names an unmapped column in bokmål', async () => {
    const error = (await run('produksjonstilskudd-unknown-column.csv').catch((e: unknown) => e)) as AppError;
    expect(renderMessage(error.issues[0]?.detail as NonNullable<AppError['detail']>, 'nb')).toMatch(
      /^produksjonstilskudd-unknown-column\.csv, linje 1: kolonnen «p999_vaar» er verken koblet til en kategori eller utelatt/,
    );
  });
});
