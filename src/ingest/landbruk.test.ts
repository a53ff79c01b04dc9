import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../domain/errors.ts';
import type { Message } from '../domain/message.ts';
import { renderMessage } from '../messages/catalogue.ts';
import { aggregateLandbruk, parseLandbrukMapping } from './landbruk.ts';
import { parseLivestockMapping } from './produksjonstilskudd.ts';
import { loadReferenceData } from './reference-data.ts';
import { prepareLandbrukImport } from './statistics-import.ts';

const data = new URL('../../data/', import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(new URL(path, data), 'utf8'));
const mapping = parseLandbrukMapping(json('mappings/landbruk-files.json'), 'landbruk-files.json');
const livestock = parseLivestockMapping(
  json('mappings/produksjonstilskudd-livestock.json'),
  'livestock.json',
);
const { registry } = loadReferenceData();
// ISO-8859-1 with CRLF, as Landbruksdirektoratet ships it; line 3 gets a count that is no number.
const melk = readFileSync(
  new URL('../../test/fixtures/landbruk-ldir/leveransedata-melk-2025.csv', import.meta.url),
)
  .toString('latin1')
  .split('\r\n');
melk[2] = (melk[2] as string).replace(';97402;', ';mye;');
const bad = Buffer.from(melk.join('\r\n'), 'latin1');

describe('the farm-file reader tells what is wrong in bokmål and English', () => {
  it('a count that is no number: file, line, column and value', () => {
    let error: AppError | undefined;
    try {
      aggregateLandbruk(bad, { file: 'melk-2025.csv', mapping, livestock, registry });
    } catch (e) {
      error = e as AppError;
    }
    const nb = renderMessage(error?.detail as Message, 'nb');
    expect(nb).toBe(
      'melk-2025.csv, linje 3, kolonne «kumelk_liter»: «mye» er ikke et tall (desimalkomma går an) eller en tom celle',
    );
    expect(renderMessage(error?.issues[0]?.detail as Message, 'en')).toBe(
      'melk-2025.csv, line 3, column "kumelk_liter": "mye" is not a number (decimal comma allowed) or an empty cell',
    );
  });

  it('an import of it writes nothing and says so, in bokmål', async () => {
    const error = await prepareLandbrukImport([{ name: 'melk-2025.csv', bytes: bad }], {
      registry,
      mapping,
      livestock,
    }).catch((e: unknown) => e as AppError);
    expect(renderMessage((error as AppError).detail as Message, 'nb')).toBe(
      'Ingenting ble importert (lageret er uendret): 1 feil i melk-2025.csv',
    );
    expect((error as AppError).issues[0]?.path).toBe('melk-2025.csv:3');
  });
});
