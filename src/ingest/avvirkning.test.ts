import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import type { Message } from '../domain/message.ts';
import { renderMessage } from '../messages/catalogue.ts';
import { parseAvvirkning } from './avvirkning.ts';
import { loadReferenceData } from './reference-data.ts';

const { registry } = loadReferenceData();
const csv = readFileSync(
  new URL('../../test/fixtures/avvirkning-kommune-ldir/Kommunevis_avvirkning_2023.csv', import.meta.url),
  'utf8',
);
const lines = csv.split('\n');

async function failure(text: string, file: string): Promise<AppError> {
  const error = await parseAvvirkning(Buffer.from(text), { file, registry }).catch((e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error('expected an AppError');
  return error;
}
const nb = (m: Message | undefined) => renderMessage(m as Message, 'nb');
const en = (m: Message | undefined) => renderMessage(m as Message, 'en');

describe('parseAvvirkning tells what is wrong with a harvest file in bokmål and English', () => {
  it('a volume that is no number: file, line and column', async () => {
    // Line 3 of the file is Oslo's "Gran annet sagtømmer", 1082 m3.
    const bad = [...lines];
    bad[2] = (bad[2] as string).replace(',1082,', ',mye,');
    const error = await failure(bad.join('\n'), 'avvirkning-2023.csv');
    expect(error.message).toBe('avvirkning-2023.csv:3: TOTALVOLUM is "mye", expected a volume in m3');
    expect(nb(error.detail)).toBe(
      'avvirkning-2023.csv, linje 3, kolonne «TOTALVOLUM»: «mye» er ikke et volum i m³',
    );
    expect(nb(error.issues[0]?.detail)).toBe(nb(error.detail));
    expect(en(error.issues[0]?.detail)).toBe(
      'avvirkning-2023.csv, line 3, column "TOTALVOLUM": "mye" is not a volume in m³',
    );
  });

  it('an unknown species group and a year that is none: each problem, and their count', async () => {
    const bad = [...lines];
    bad[1] = (bad[1] as string).replace(',1-Gran,', ',4-Eik,');
    bad[2] = (bad[2] as string).replace(',2023,', ',20x3,');
    const error = await failure(bad.join('\n'), 'avvirkning.csv');
    expect(nb(error.detail)).toBe('avvirkning.csv har 2 feil; se listen under');
    expect(error.issues.map((i) => nb(i.detail))).toEqual([
      'avvirkning.csv, linje 2, kolonne «VIRKESGRP»: ukjent kode «4-Eik» (kjente: 1-Gran, 2-Furu, 3-Lauv, 5-Ved, 6, 7 og 8)',
      'avvirkning.csv, linje 3, kolonne «AVVIRKAAR»: «20x3» er ikke et årstall',
    ]);
  });

  it('a header without TOTALVOLUM', async () => {
    const bad = [lines[0]?.replace('TOTALVOLUM', 'VOLUM'), ...lines.slice(1)];
    const error = await failure(bad.join('\n'), 'avvirkning.csv');
    expect(nb(error.detail)).toBe(
      'avvirkning.csv, linje 1: kolonnen «TOTALVOLUM» finnes ikke i overskriften',
    );
  });

  it('a file that is no harvest file', async () => {
    const error = await failure('a,b\n1,2\n', 'annet.csv');
    expect(nb(error.detail)).toBe('annet.csv: finner ingen overskriftsrad med kolonnen KOMNR');
    expect(en(error.detail)).toBe('annet.csv: no header row has a column KOMNR');
  });
});
