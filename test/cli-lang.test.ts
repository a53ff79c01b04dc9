/**
 * Every CLI command speaks the language of its `--lang`: bokmål by default, English with `--lang en`,
 * in its table headers, its summaries and its errors. The commands that write run on their own store
 * (a fresh SQLite file) with the real fixtures of test/fixtures.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createAccounts } from '../src/app/accounts.ts';
import { renderImport } from '../src/cli/commands/import.ts';
import { createContext } from '../src/cli/context.ts';
import { buildProgram } from '../src/cli/main.ts';
import { message } from '../src/domain/message.ts';
import { openStore } from '../src/store/database.ts';
import { type Run, runCli } from './helpers/cli.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const HARVEST_2023 = join(FIXTURES, 'avvirkning-kommune-ldir', 'Kommunevis_avvirkning_2023.csv');
const ENHETER = join(FIXTURES, 'enhetsregisteret-samples', 'enheter-selection.csv');
const REGION = 'gjovik-hadeland-ringerike';
const store = { file: join(mkdtempSync(join(tmpdir(), 'restverdi-cli-lang-')), 'cli.sqlite') };

const cli = (...args: string[]): Promise<Run> => runCli(args, { store });

/** Runs in both languages and expects success with nothing on stderr. */
async function both(...args: string[]): Promise<{ nb: string; en: string }> {
  const nb = await cli(...args);
  const en = await cli(...args, '--lang', 'en');
  for (const [lang, r] of [
    ['nb', nb],
    ['en', en],
  ] as const) {
    expect(r.stderr, `stderr of restverdi ${args.join(' ')} (${lang})`).toBe('');
    expect(r.code, `exit code of restverdi ${args.join(' ')} (${lang})`).toBe(0);
  }
  return { nb: nb.stdout, en: en.stdout };
}

/** Runs in both languages and expects a user error (exit 2) on stderr only. */
async function bothFail(...args: string[]): Promise<{ nb: string; en: string }> {
  const nb = await cli(...args);
  const en = await cli(...args, '--lang', 'en');
  for (const r of [nb, en]) {
    expect(r.code, `exit code of restverdi ${args.join(' ')}: ${r.stderr}`).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^restverdi: /);
  }
  return { nb: nb.stderr, en: en.stderr };
}

function expectWords(text: string, present: string[], absent: string[]): void {
  for (const w of present) expect(text).toContain(w);
  for (const w of absent) expect(text).not.toContain(w);
}

describe('--lang', () => {
  const leaves: string[] = [];
  const walk = (c: Command, path: string[]): void => {
    if (c.commands.length === 0) leaves.push(path.join(' '));
    for (const sub of c.commands) walk(sub, [...path, sub.name()]);
  };
  const program = buildProgram(createContext({ out: () => {}, err: () => {} }));
  walk(program, []);

  it.each(leaves)('is an option of `%s`, bokmål by default', (path) => {
    const cmd = path
      .split(' ')
      .reduce<Command | undefined>((c, name) => c?.commands.find((x) => x.name() === name), program);
    const lang = cmd?.options.find((o) => o.long === '--lang');
    expect(lang, path).toBeDefined();
    expect(lang?.defaultValue, path).toBe('nb');
  });

  it('rejects a language it does not know, in bokmål', async () => {
    const r = await cli('region', 'list', '--lang', 'de');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Ugyldig lang: de (bruk nb og en)');
  });
});

describe('import, stats and region in bokmål and English', () => {
  it('import avvirkning: the summary per file', async () => {
    const nb = await cli('import', 'avvirkning', HARVEST_2023);
    expect(nb.stderr).toBe('');
    expect(nb.code).toBe(0);
    expectWords(
      nb.stdout,
      ['Import nr.', 'datasett avvirkning-2023 (2023)', 'kommuner', 'observasjoner', 'talt én gang'],
      ['municipalities', 'observations', 'counted once'],
    );
    const en = await cli('import', 'avvirkning', HARVEST_2023, '--lang', 'en');
    expect(en.code).toBe(0);
    expectWords(
      en.stdout,
      ['Import ', 'dataset avvirkning-2023 (2023)', 'municipalities', 'observations', 'counted once'],
      ['Import nr.', 'kommuner', 'observasjoner'],
    );
  });

  it('import landbruk: the summary per file', async () => {
    const file = join(FIXTURES, 'landbruk-ldir', 'leveransedata-melk-2025.csv');
    const { nb, en } = await both('import', 'landbruk', file);
    expectWords(nb, ['Import nr.', 'kommuner', 'tegnsett iso-8859-1', 'rader'], ['encoding', ' rows']);
    expectWords(en, ['municipalities', 'encoding iso-8859-1', ' rows'], ['tegnsett', 'rader']);
  });

  it('renders a log line by its message when the reader gives one', () => {
    const answer = {
      importId: 1,
      kind: 'avvirkning',
      datasets: [],
      summary: [],
      log: [
        {
          level: 'warning' as const,
          position: 'f.csv',
          message: 'cannot read f.csv',
          detail: message('file_unreadable', { file: 'f.csv', reason: 'EISDIR' }),
        },
      ],
    };
    expect(renderImport(answer, 'table', 'nb')).toContain('! f.csv Kan ikke lese f.csv: dette er en mappe');
    expect(renderImport(answer, 'table', 'en')).toContain('! f.csv Cannot read f.csv: it is a folder');
  });

  it('import of a missing file: the error names it in the language', async () => {
    const missing = join(FIXTURES, 'nope.csv');
    for (const sub of ['avvirkning', 'landbruk']) {
      const { nb, en } = await bothFail('import', sub, missing);
      expect(nb).toContain(`Kan ikke lese ${missing}: filen finnes ikke (ENOENT)`);
      expect(en).toContain(`Cannot read ${missing}: there is no such file (ENOENT)`);
    }
  });

  it('stats harvest and stats datasets: headers, year note and numbers', async () => {
    const { nb, en } = await both('stats', 'harvest', '--municipalities', '3305');
    expectWords(
      nb,
      ['Avvirkning 2023', 'nyeste året med avvirkning', 'Kommune', 'Treslag', 'Sortiment'],
      ['newest', 'Species', 'Assortment'],
    );
    expectWords(
      en,
      ['Harvest 2023', 'the newest year with harvest', 'Municipality', 'Species', 'Assortment'],
      ['Avvirkning', 'nyeste', 'Treslag'],
    );
    const asked = await both('stats', 'harvest', '--municipalities', '3305', '--year', '2023');
    expect(asked.nb).toContain('året 2023, som du ba om');
    expect(asked.en).toContain('year 2023, as asked');
    const datasets = await both('stats', 'datasets');
    expectWords(datasets.nb, ['Datasett', 'Observasjoner', 'Opphav', 'Hentet'], ['Provenance']);
    expectWords(datasets.en, ['Dataset', 'Observations', 'Provenance', 'Retrieved'], ['Opphav']);
  });

  it('stats harvest of an unknown region: the error in the language', async () => {
    const { nb, en } = await bothFail('stats', 'harvest', '--region', 'atlantis');
    expect(nb).toContain('Ukjent region «atlantis»');
    expect(en).toContain('Unknown region "atlantis"');
  });

  it('region list, show and create', async () => {
    const list = await both('region', 'list');
    expectWords(list.nb, ['Navn', 'Kommuner', 'Delregioner', 'Innebygd', ' ja '], ['Built in', ' yes ']);
    expectWords(list.en, ['Name', 'Municipalities', 'Sub-regions', 'Built in', ' yes '], ['Innebygd']);
    const show = await both('region', 'show', REGION);
    expectWords(show.nb, ['Kommune', 'Fylke', 'Delregion'], ['County', 'Sub-region']);
    expectWords(show.en, ['Municipality', 'County', 'Sub-region'], ['Fylke', 'Delregion']);
    const nb = await cli(
      'region',
      'create',
      '--id',
      'ringerike-nb',
      '--name',
      'R',
      '--municipalities',
      '3305',
    );
    expect(nb.code).toBe(0);
    expect(nb.stdout).toBe('Opprettet regionen ringerike-nb (R): 3305 Ringerike\n');
    const en = await cli(
      'region',
      'create',
      '--id',
      'ringerike-en',
      '--name',
      'R',
      '--municipalities',
      '3305',
      '--lang',
      'en',
    );
    expect(en.stdout).toBe('Created region ringerike-en (R): 3305 Ringerike\n');
  });

  it('region show of an unknown region: the error in the language', async () => {
    const { nb, en } = await bothFail('region', 'show', 'atlantis');
    expect(nb).toContain('«atlantis»');
    expect(nb).not.toContain('"atlantis"');
    expect(en).toContain('"atlantis"');
  });

  it('an error with more than 20 problems says how many more, in the language', async () => {
    const numbers = Array.from({ length: 25 }, (_, i) => String(9901 + i)).join(',');
    const { nb, en } = await bothFail(
      'region',
      'create',
      '--id',
      'many',
      '--name',
      'M',
      '--municipalities',
      numbers,
    );
    expect(nb).toMatch(/… og \d+ problemer til/);
    expect(en).toMatch(/… and \d+ more problems/);
  });

  it('municipalities --resolve: why a number does not map, in the language', async () => {
    const { nb, en } = await both('municipalities', '--resolve', '1504,abc');
    expectWords(nb, ['Oppgitt', '1504 ble delt; velg en av 1508', 'abc: ikke et kommunenummer'], ['Input']);
    expectWords(
      en,
      ['Input', '1504 was split; choose one of 1508', 'abc: not a municipality number'],
      ['Oppgitt'],
    );
  });

  it('regions and scenario list: headers', async () => {
    const regions = await both('regions');
    expectWords(regions.nb, ['Delregion', 'Kommune'], ['Sub-region']);
    expectWords(regions.en, ['Sub-region', 'Municipality'], ['Delregion']);
    const scenarios = await both('scenario', 'list');
    expectWords(scenarios.nb, ['Navn', 'Beskrivelse'], ['Description']);
    expectWords(scenarios.en, ['Name', 'Description'], ['Beskrivelse']);
  });
});

describe('accounts in bokmål and English', () => {
  it('grants, lists and revokes a role, shows the audit log, and names an unknown account', async () => {
    const opened = await openStore(store);
    const accounts = createAccounts(opened, {
      secret: 'a-test-secret-of-more-than-thirty-two-characters',
      baseUrl: 'http://restverdi.test',
      mailer: { send: async () => undefined },
    });
    await accounts.api.signUpEmail({
      body: { email: 'fasilitator@example.no', password: 'et langt passord', name: 'Fasilitator' },
    });
    await opened.close();
    const granted = await both(
      'accounts',
      'grant',
      '--email',
      'fasilitator@example.no',
      '--role',
      'facilitator',
      '--region',
      REGION,
    );
    expectWords(granted.nb, ['regional tilrettelegger', REGION], ['facilitator ']);
    expectWords(granted.en, ['regional facilitator', REGION], ['tilrettelegger']);
    const roles = await both('accounts', 'roles');
    expectWords(roles.nb, ['E-post', 'Rolle', 'fasilitator@example.no'], ['Email']);
    expectWords(roles.en, ['Email', 'Role', 'fasilitator@example.no'], ['E-post']);
    const audit = await both('accounts', 'audit');
    expectWords(audit.nb, ['Handling', 'role.granted', 'account.signed_up'], ['Action']);
    expectWords(audit.en, ['Action', 'role.granted'], ['Handling']);
    const revoked = await both(
      'accounts',
      'revoke',
      '--email',
      'fasilitator@example.no',
      '--role',
      'facilitator',
      '--region',
      REGION,
    );
    expect(revoked.nb).toContain('regional tilrettelegger');
    const unknown = await bothFail('accounts', 'grant', '--email', 'ingen@example.no', '--role', 'admin');
    expect(unknown.nb).toContain('Ingen konto har e-postadressen ingen@example.no');
    expect(unknown.en).toContain('No account has the email address ingen@example.no');
  });
});

describe('actors in bokmål and English', () => {
  it('import brreg, actors summary and actors list', async () => {
    const imported = await both('import', 'brreg', '--enheter', ENHETER);
    expectWords(imported.nb, ['enheter (csv)', 'gamle kommunenummer', 'nye', 'uendret'], ['unchanged']);
    expectWords(
      imported.en,
      ['legal units (enheter) (csv)', 'old municipality numbers', 'unchanged'],
      ['uendret'],
    );
    const summary = await both('actors', 'summary', '--region', REGION, '--units', 'enheter');
    expectWords(
      summary.nb,
      ['aktører', 'Organisasjonsform', 'Antall', 'Sektor', 'Kommune', 'Jordbruk'],
      [' actors', 'Count'],
    );
    expectWords(summary.en, [' actors', 'Organisation form', 'Count', 'Sector', 'Municipality'], ['Antall']);
    const list = await both('actors', 'list', '--region', REGION, '--include-non-vat', '--limit', '2');
    expectWords(list.nb, ['Org.nr.', 'Navn', 'Sektorer', 'Rad 1–2 av'], ['Rows', ' of ']);
    expectWords(list.en, ['Org. no.', 'Name', 'Sectors', 'Rows 1–2 of'], ['Rad ', ' av ']);
  });

  it('actors holders, users, streams and compare; lists keep personal names out', async () => {
    const holders = await both(
      'actors',
      'holders',
      '--kind',
      'husdyrgjodsel',
      '--near',
      'Gran',
      '--within',
      '25',
    );
    expectWords(
      holders.nb,
      ['Har: Husdyrgjødsel', 'gårdsbruk og enkeltpersonforetak', 'gårdens egne tall', 'anslått'],
      ['Holds', 'estimated'],
    );
    expectWords(
      holders.en,
      ['Holds: Livestock manure', 'farms and sole proprietorships', 'the farm’s own records', 'estimated'],
      ['gårdsbruk', 'anslått'],
    );
    const users = await both('actors', 'users', '--kind', 'halm', '--region', REGION, '--limit', '3');
    expectWords(users.nb, ['Kan bruke: Halm', 'Fôr'], ['Could use']);
    expectWords(users.en, ['Could use: Cereal straw', 'Feed'], ['Kan bruke']);
    const one = await both('actors', 'streams', '920756050');
    expectWords(one.nb, ['SKØIEN VESTRE AS', 'Husdyrgjødsel', 'Kan bruke'], ['Could use']);
    expectWords(one.en, ['SKØIEN VESTRE AS', 'Livestock manure', 'Could use'], ['Kan bruke']);
    const compare = await both('actors', 'compare', '--region', REGION, '--kinds', 'husdyrgjodsel');
    expectWords(compare.nb, ['Fra aktørene t', 'Fra statistikken t', 'Forskjell'], ['Difference']);
    expectWords(compare.en, ['From the actors t', 'From the statistics t', 'Difference'], ['Forskjell']);
    // A farm run as a sole proprietorship (its name is the farmer's): in no list, but alone by its number.
    const csv = await cli(
      'actors',
      'holders',
      '--kind',
      'husdyrgjodsel',
      '--region',
      REGION,
      '--format',
      'csv',
    );
    expect(csv.code).toBe(0);
    const list = await cli(
      'actors',
      'list',
      '--region',
      REGION,
      '--include-non-vat',
      '--limit',
      '500',
      '--format',
      'csv',
    );
    expect(list.code).toBe(0);
    const enk = (
      await cli(
        'actors',
        'list',
        '--region',
        REGION,
        '--include-non-vat',
        '--form',
        'ENK',
        '--format',
        'json',
      )
    ).stdout;
    const items = (
      JSON.parse(enk) as { items: { name: string | null; orgnr: string | null; withheld: boolean }[] }
    ).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.withheld && i.name === null && i.orgnr === null)).toBe(true);
    for (const name of ['HANS ARILD SKARTSETERHAGEN', 'SIGURD REITEN'])
      for (const out of [csv.stdout, list.stdout, enk]) expect(out).not.toContain(name);
  });

  it('import brreg without files, and actors of an unknown region: the errors in the language', async () => {
    const none = await bothFail('import', 'brreg');
    expect(none.nb).toContain('import brreg: oppgi minst én av --enheter FILE eller --underenheter FILE');
    expect(none.en).toContain('import brreg: give at least one of --enheter FILE or --underenheter FILE');
    for (const sub of ['summary', 'list']) {
      const { nb, en } = await bothFail('actors', sub, '--region', 'atlantis');
      expect(nb).toContain('Ukjent region «atlantis»');
      expect(en).toContain('Unknown region "atlantis"');
    }
  });
});

describe('the other commands’ errors in bokmål and English', () => {
  const cases: { args: string[]; nb: string; en: string }[] = [
    {
      args: ['residues', '--municipalities', ','],
      nb: '--municipalities er tom: gi en kommaseparert liste',
      en: '--municipalities is empty: give a comma-separated list',
    },
    {
      args: ['residues', '--municipality', '3407'],
      nb: '--municipality brukes bare sammen med --explain; for å velge kommuner, bruk --municipalities',
      en: '--municipality only goes with --explain; to select municipalities use --municipalities',
    },
    {
      args: ['residues', '--explain', 'halm'],
      nb: '--explain trenger --municipality NR; kommunene i gjovik-hadeland-ringerike:',
      en: '--explain needs --municipality NR; municipalities in gjovik-hadeland-ringerike:',
    },
    {
      args: ['residues', '--explain', 'halm', '--municipality', '3407', '--kinds', 'halm'],
      nb: '--explain kan ikke brukes sammen med --kinds',
      en: '--explain cannot be combined with --kinds',
    },
    {
      args: ['residues', '--explain', 'halm', '--municipality', '3407', '--format', 'csv'],
      nb: 'Ugyldig format (--explain): csv (bruk table og json)',
      en: 'Invalid format (--explain): csv (use table and json)',
    },
    {
      args: ['pyramid', '--kind', 'halm', '--tonnes', 'x'],
      nb: 'Ugyldig --tonnes: x (et tall ≥ 0)',
      en: 'Invalid --tonnes: x (a number ≥ 0)',
    },
    {
      args: ['pyramid', '--kind', 'halm', '--tonnes', '1', '--region', REGION],
      nb: '--tonnes kan ikke brukes sammen med --region',
      en: '--tonnes cannot be combined with --region',
    },
    {
      // Kinds by their names, not their ids.
      args: ['pyramid', '--kind', 'avlopsslam', '--region', REGION],
      nb: 'Profilen report beregner ikke Avløpsslam; gi tonn, eller velg en av Halm (halm), Kornavrens (kornavrens), GROT',
      en: 'Profile report estimates no Sewage sludge; give tonnes, or one of Cereal straw (halm), Grain cleanings (kornavrens)',
    },
    {
      // Municipalities by name and number.
      args: ['actors', 'list', '--region', REGION, '--municipality', '0301'],
      nb: 'Kommune Oslo (0301) er ikke med i regionen gjovik-hadeland-ringerike; kommunene der: Gjøvik (3407), Østre Toten (3442)',
      en: 'Municipality Oslo (0301) is not in region gjovik-hadeland-ringerike; its municipalities: Gjøvik (3407), Østre Toten (3442)',
    },
    {
      args: ['optimize', '--time-limit', '-1'],
      nb: 'Ugyldig --time-limit: -1 (et tall ≥ 0)',
      en: 'Invalid --time-limit: -1 (a number ≥ 0)',
    },
    {
      args: ['coefficients', '--kind', 'unobtainium'],
      nb: 'Profilen report har ingen oppskrift for «unobtainium»; slagene den har: Halm (halm)',
      en: 'Profile report has no recipe for "unobtainium"; its kinds: Cereal straw (halm)',
    },
    {
      args: ['report'],
      nb: 'Rapporten trenger --out MAPPE',
      en: 'The report needs --out DIR',
    },
    {
      args: ['serve', '--port', 'x'],
      nb: 'Ugyldig --port: x',
      en: 'Invalid --port: x',
    },
  ];
  it.each(cases)('restverdi $args.0 $args.1 $args.2', async ({ args, nb, en }) => {
    const r = await bothFail(...args);
    expect(r.nb).toContain(nb);
    expect(r.en).toContain(en);
  });
});
