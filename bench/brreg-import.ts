/**
 * The Enhetsregisteret bulk import at national size: generates a synthetic `enheter/lastned` file
 * (1.2 million legal units in the real v2 JSON shape, about 1.2 GB uncompressed, gzip streamed; seeded,
 * so the same every run) in a temp dir, then times in fresh child processes (1) decompress + split +
 * JSON.parse + map only, and (2) the whole import into a temp SQLite file (decompress, parse, validate,
 * classify, insert, merge, index), each with its peak memory (maxRSS). Target (issue 4): < 60 s, < 512 MiB.
 * Run: npm run bench:brreg [-- --records N] [-- --keep]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { openDataFiles } from '../src/app/data-files.ts';
import { seededRandom } from '../src/app/random.ts';
import { createSectorClassifier } from '../src/domain/actors.ts';
import { orgnrCheckDigit } from '../src/domain/orgnr.ts';
import { readBrregBulk } from '../src/ingest/brreg-bulk.ts';
import { importBrregBulk } from '../src/ingest/brreg-import.ts';
import { openActorImport } from '../src/store/actors-repository.ts';
import { openStore } from '../src/store/database.ts';
import { type Timing, writeSection } from './lib.ts';

const FORMS: [string, string, number][] = [
  ['ENK', 'Enkeltpersonforetak', 0.42],
  ['AS', 'Aksjeselskap', 0.37],
  ['FLI', 'Forening/lag/innretning', 0.07],
  ['ESEK', 'Eierseksjonssameie', 0.04],
  ['NUF', 'Norskregistrert utenlandsk foretak', 0.03],
  ['BRL', 'Borettslag', 0.02],
  ['DA', 'Ansvarlig selskap med delt ansvar', 0.02],
  ['SA', 'Samvirkeforetak', 0.01],
  ['STI', 'Stiftelse', 0.01],
  ['ANS', 'Ansvarlig selskap', 0.01],
];

async function generate(file: string, records: number): Promise<void> {
  const random = seededRandom(20240201);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const files = openDataFiles();
  const data = files.reference();
  const today = [...data.registry.municipalities.values()];
  const old = [...data.registry.changes.keys()].filter((n) => !data.registry.municipalities.has(n));
  const nace = [...files.sn2007Codes()].filter((c) => /^\d\d\.\d{3}$/.test(c));
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(file);
  gzip.pipe(out);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const write = async (text: string) => {
    if (!gzip.write(text)) await new Promise((r) => gzip.once('drain', r));
  };
  await write('[');
  let base = 81_000_000;
  let batch: string[] = [];
  for (let i = 0; i < records; i++) {
    let check = orgnrCheckDigit(String(base));
    while (check === undefined) check = orgnrCheckDigit(String(++base));
    const orgnr = `${base++}${check}`;
    const r = random();
    let acc = 0;
    const form =
      FORMS.find((f) => {
        acc += f[2];
        return acc >= r;
      }) ?? FORMS[0];
    const m = pick(today);
    const number = random() < 0.05 && old.length ? pick(old) : m.number;
    const addr = {
      land: 'Norge',
      landkode: 'NO',
      postnummer: String(1000 + Math.floor(random() * 8999)).padStart(4, '0'),
      poststed: m.name.toUpperCase(),
      adresse: [`Storgata ${1 + Math.floor(random() * 200)}`],
      kommune: m.name.toUpperCase(),
      kommunenummer: number,
    };
    const codes = [
      pick(nace),
      ...(random() < 0.2 ? [pick(nace)] : []),
      ...(random() < 0.05 ? [pick(nace)] : []),
    ];
    const unit: Record<string, unknown> = {
      organisasjonsnummer: orgnr,
      navn: `${form?.[0] === 'ENK' ? 'OLA NORDMANN' : 'SYNTETISK'} ${orgnr} ${form?.[0]}`,
      organisasjonsform: {
        kode: form?.[0],
        beskrivelse: form?.[1],
        _links: {
          self: { href: `https://data.brreg.no/enhetsregisteret/api/organisasjonsformer/${form?.[0]}` },
        },
      },
      postadresse:
        random() < 0.4 ? { ...addr, adresse: [`Postboks ${Math.floor(random() * 9999)}`] } : undefined,
      registreringsdatoEnhetsregisteret: `${1995 + Math.floor(random() * 30)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      registrertIMvaregisteret: random() < 0.55,
      naeringskode1: { kode: codes[0], beskrivelse: 'Syntetisk næringskode for ytelsestest av importen' },
      naeringskode2: codes[1] ? { kode: codes[1], beskrivelse: 'Syntetisk næringskode' } : undefined,
      naeringskode3: codes[2] ? { kode: codes[2], beskrivelse: 'Syntetisk næringskode' } : undefined,
      harRegistrertAntallAnsatte: random() < 0.3,
      antallAnsatte: random() < 0.2 ? 5 + Math.floor(random() * 200) : undefined,
      forretningsadresse: random() < 0.985 ? addr : undefined,
      stiftelsesdato: '2015-06-12',
      institusjonellSektorkode: { kode: '2100', beskrivelse: 'Private aksjeselskaper mv.' },
      registrertIForetaksregisteret: true,
      registrertIStiftelsesregisteret: false,
      registrertIFrivillighetsregisteret: false,
      sisteInnsendteAarsregnskap: '2023',
      konkurs: random() < 0.01,
      underAvvikling: random() < 0.01,
      underTvangsavviklingEllerTvangsopplosning: random() < 0.005,
      maalform: 'Bokmål',
      vedtektsdato: '2015-06-12',
      vedtektsfestetFormaal: [
        'Selskapets formål er drift og utvikling av virksomhet innen sin bransje,',
        'og alt som står i forbindelse med dette.',
      ],
      aktivitet: ['Syntetisk aktivitet for ytelsestest.'],
      paategninger: [],
      _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/enheter/${orgnr}` } },
    };
    batch.push(JSON.stringify(unit));
    if (batch.length === 2000 || i === records - 1) {
      await write(`${i < 2000 ? '' : ','}${batch.join(',')}`);
      batch = [];
    }
  }
  await write(']');
  gzip.end();
  await done;
}

interface ChildResult {
  ms: number;
  records: number;
  maxRssMib: number;
  counts?: unknown;
}

async function child(mode: string, file: string, db: string): Promise<void> {
  const files = openDataFiles();
  const data = files.reference();
  const classify = createSectorClassifier(files.sectors());
  const start = process.hrtime.bigint();
  let records = 0;
  let counts: unknown;
  if (mode === 'parse') {
    const r = await readBrregBulk({ unitType: 'enhet', path: file }, () => {
      records++;
    });
    records = r.records;
  } else {
    const store = await openStore({ file: db });
    const r = await importBrregBulk(
      openActorImport(store, '2024-02-01T00:00:00.000Z'),
      [{ unitType: 'enhet', path: file }],
      {
        registry: data.registry,
        classify,
      },
    );
    await store.close();
    records = r.files[0]?.records ?? 0;
    counts = r;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const result: ChildResult = { ms, records, maxRssMib: process.resourceUsage().maxRSS / 1024, counts };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(mode: string, file: string, db: string): ChildResult {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', mode, file, db], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ChildResult;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(args[1] as string, args[2] as string, args[3] as string);
} else {
  const recordsArg = args.indexOf('--records');
  const records = recordsArg >= 0 ? Number(args[recordsArg + 1]) : 1_200_000;
  const dir = join(tmpdir(), 'restverdi-bench-brreg');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `enheter_alle.synthetic-${records}.json.gz`);
  if (!existsSync(file)) {
    const t = Date.now();
    console.error(`generating ${records} records into ${file} …`);
    await generate(`${file}.part`, records);
    const { renameSync } = await import('node:fs');
    renameSync(`${file}.part`, file);
    console.error(`generated in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const gzBytes = statSync(file).size;
  const db = join(dir, 'bench.sqlite');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const parse = runChild('parse', file, db);
  const full = runChild('import', file, db);
  const dbBytes = statSync(db).size + (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0);
  // The uncompressed size, measured by streaming gunzip (not kept in memory).
  const { createGunzip } = await import('node:zlib');
  const { createReadStream } = await import('node:fs');
  let raw = 0;
  for await (const c of createReadStream(file).pipe(createGunzip())) raw += (c as Buffer).length;
  const mib = (b: number) => b / 2 ** 20;
  const timing = (label: string, r: ChildResult): Timing => ({
    label,
    runs: 1,
    medianMs: r.ms,
    minMs: r.ms,
    maxMs: r.ms,
    heapMb: r.maxRssMib,
  });
  const body = writeSection(
    'Enhetsregisteret bulk import',
    'npm run bench:brreg',
    [
      timing('gunzip + split + JSON.parse + map (no store)', parse),
      timing('whole import into SQLite (one transaction)', full),
    ],
    [
      `Input: ${records.toLocaleString('en-GB')} synthetic enheter in the v2 bulk JSON shape (seeded), ${mib(raw).toFixed(0)} MiB uncompressed, ${mib(gzBytes).toFixed(0)} MiB gzip; SQLite file after import ${mib(dbBytes).toFixed(0)} MiB.`,
      `Throughput of the whole import: ${(records / (full.ms / 1000)).toFixed(0)} records/s, ${(mib(raw) / (full.ms / 1000)).toFixed(1)} MiB/s uncompressed.`,
      'The "heap MB" column holds the peak resident set (process.resourceUsage().maxRSS) of a fresh child process per row, in MiB. Target (issue 4): whole import < 60 s and < 512 MiB.',
      'Into an empty table (this run) rows go straight into `actors` and `actor_sectors` through prepared statements with a 128 MiB page cache, the secondary indexes rebuilt once at the end. Into a filled table (a re-import, not measured here) rows are staged in a temp table and merged (insert new, update changed, remove gone). The synthetic records average 1.4 kB, so the file is about a third larger than the real 1.2 GB one.',
    ],
  );
  console.log(body);
  console.log(JSON.stringify((full.counts as { applied?: unknown })?.applied ?? {}));
  if (!args.includes('--keep')) for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
}
