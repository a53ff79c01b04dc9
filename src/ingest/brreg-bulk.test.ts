import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import type { Message } from '../domain/message.ts';
import { renderMessage } from '../messages/catalogue.ts';
import { readBrregBulk } from './brreg-bulk.ts';

const samples = new URL('../../test/fixtures/enhetsregisteret-samples/', import.meta.url);
const enheterJson = gunzipSync(readFileSync(new URL('enheter_alle.sample-2019.json.gz', samples)));
const underenheterJson = gunzipSync(readFileSync(new URL('underenheter_alle.sample-2019.json.gz', samples)));

/** Reads bytes as a bulk file of legal units and returns the error it fails with. */
async function failure(bytes: Buffer, name: string, unitType: 'enhet' | 'underenhet' = 'enhet') {
  const error = await readBrregBulk({ unitType, stream: Readable.from([bytes]), name }, () => {}).catch(
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}
const nb = (m: Message | undefined) => renderMessage(m as Message, 'nb');
const en = (m: Message | undefined) => renderMessage(m as Message, 'en');

describe('readBrregBulk tells what is wrong with a bulk file in bokmål and English', () => {
  it('a gzip file cut short: the file, the record and the byte', async () => {
    const gz = gzipSync(enheterJson);
    const error = await failure(gz.subarray(0, Math.floor(gz.length / 2)), 'enheter.json.gz');
    expect(error.message).toMatch(/^enheter\.json\.gz: record \d+ at byte \d+: the gzip data ends early/);
    expect(nb(error.detail)).toMatch(/^enheter\.json\.gz, post \d+ ved byte \d+: filen slutter for tidlig/);
    expect(en(error.detail)).toMatch(/^enheter\.json\.gz, record \d+ at byte \d+: the file ends early/);
    expect(nb(error.issues[0]?.detail)).toBe(nb(error.detail));
  });

  it('establishments in a file of legal units: which record, and that it is the other type', async () => {
    const error = await failure(underenheterJson, 'enheter.json');
    expect(nb(error.detail)).toBe(
      'enheter.json, post 1 ved byte 5: posten er en underenhet, i en fil med enheter',
    );
    expect(error.issues[0]?.path).toBe('enheter.json#record=1,byte=5');
    expect(nb(error.issues[0]?.detail)).toBe(nb(error.detail));
    expect(en(error.detail)).toBe(
      'enheter.json, record 1 at byte 5: the record is an establishment (underenhet), in a file of legal units (enheter)',
    );
  });

  it('a record with a broken value: invalid JSON at its record', async () => {
    const broken = Buffer.from(enheterJson.toString('utf8').replace('"navn":"JON GRØVLE"', '"navn":JON'));
    const error = await failure(broken, 'enheter.json');
    expect(nb(error.detail)).toBe('enheter.json, post 1 ved byte 5: ugyldig JSON');
  });

  it('a CSV header without the address columns of its type', async () => {
    const csv = readFileSync(new URL('enheter-selection.csv', samples));
    const error = await failure(csv, 'underenheter.csv', 'underenhet');
    expect(nb(error.detail)).toBe(
      'underenheter.csv: CSV-overskriften mangler beliggenhetsadresse.kommunenummer (dette er en fil med enheter)',
    );
  });

  it('an empty file', async () => {
    const error = await failure(Buffer.alloc(0), 'tom.json');
    expect(nb(error.detail)).toBe('Filen tom.json er tom');
    expect(en(error.detail)).toBe('File tom.json is empty');
  });
});
