import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/helpers/workspace.ts';
import type { Message } from '../domain/message.ts';
import { renderMessage } from '../messages/catalogue.ts';
import { loadLibrary } from './library.ts';
import { DEFAULT_DATA_DIR, loadReferenceData } from './reference-data.ts';
import { loadCentroids, readDistancesCsv, readSitesFile } from './sites.ts';

const reference = loadReferenceData();
const { registry } = reference;
const dir = mkdtempSync(join(tmpdir(), 'restverdi-sites-'));

const nb = (m: Message | undefined) => renderMessage(m as Message, 'nb');
const en = (m: Message | undefined) => renderMessage(m as Message, 'en');

describe('readDistancesCsv tells what is wrong with a distances file in bokmål and English', () => {
  it('a distance that is no number and a split municipality: line and column of each', () => {
    const file = join(dir, 'avstander.csv');
    writeFileSync(
      file,
      'from,to,km\n3305,hra-jevnaker,42\n\n3405,hra-jevnaker,langt\n1507,hra-jevnaker,12\n',
    );
    const error = thrown(() => readDistancesCsv(file, registry));
    expect(error.code).toBe('invalid_input');
    expect(nb(error.detail)).toBe(`${file} har 2 feil; se listen under`);
    expect(error.issues.map((i) => i.path)).toEqual([`${file}:line 4 km`, `${file}:line 5 from`]);
    expect(nb(error.issues[0]?.detail)).toBe(
      `${file}, linje 4, kolonne «km»: «langt» er ikke en avstand i km (et tall ≥ 0)`,
    );
    expect(en(error.issues[0]?.detail)).toBe(
      `${file}, line 4, column "km": "langt" is not a distance in km (a number ≥ 0)`,
    );
    expect(nb(error.issues[1]?.detail)).toBe(
      `${file}, linje 5, kolonne «from»: kommunenummeret 1507 ble delt i 1508 og 1580; bruk ett av dem`,
    );
  });

  it('a file without the header from,to,km', () => {
    const file = join(dir, 'uten-overskrift.csv');
    writeFileSync(file, '3305,hra-jevnaker,42\n');
    const error = thrown(() => readDistancesCsv(file, registry));
    expect(nb(error.detail)).toBe(
      `${file}, linje 1: overskriften skal være «from,to,km», men er «3305,hra-jevnaker,42»`,
    );
  });

  it('a file that does not exist', () => {
    const file = join(dir, 'finnes-ikke.csv');
    expect(nb(thrown(() => readDistancesCsv(file, registry)).detail)).toBe(`Finner ikke filen ${file}`);
  });
});

describe('readSitesFile tells what is wrong with a sites file in bokmål', () => {
  it('a capacity given as text and an unknown technology, each at its site', () => {
    const lib = loadLibrary(reference.kinds);
    const sites = JSON.parse(
      readFileSync(join(DEFAULT_DATA_DIR, 'sites/gjovik-hadeland-ringerike.json'), 'utf8'),
    );
    sites.sites[0].capacityTonnes = 'mye';
    sites.sites[1].technology = 'tryllestav';
    const file = join(dir, 'anlegg.json');
    writeFileSync(file, JSON.stringify(sites));
    const error = thrown(() =>
      readSitesFile(file, lib, registry, loadCentroids(), { user: true, base: dir }),
    );
    expect(error.code).toBe('invalid_input');
    expect(nb(error.detail)).toBe('anlegg.json har 3 feil; se listen under');
    expect(error.issues.map((i) => [i.path, nb(i.detail)])).toEqual([
      ['anlegg.json:sites[0].capacityTonnes', 'Skal være et tall, men er tekst'],
      ['anlegg.json:sites[1].route', 'Ruten skal begynne med anleggets teknologi (tryllestav)'],
      [
        'anlegg.json:sites[1].technology',
        expect.stringMatching(/^Ukjent teknologi «tryllestav» \(kjente: .+\)$/),
      ],
    ]);
  });
});
