/**
 * Actors from Enhetsregisteret: `import brreg` (bulk files), `import brreg-api` (a search pull),
 * `update brreg` (the update feed), `actors summary` and `actors list`. The store is the environment's
 * (RESTVERDI_DB or DATABASE_URL).
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { listRegionActors, summariseRegionActors } from '../../app/actors.ts';
import { importRegisterBulk, pullRegister, updateRegister } from '../../app/imports.ts';
import { actorStatusFilter, COUNT_UNITS, type CountUnits, type StatusOptions } from '../../domain/actors.ts';
import { AppError } from '../../domain/errors.ts';
import { isMessage, message } from '../../domain/message.ts';
import { findRegion } from '../../domain/regions.ts';
import type { BulkProgress, BulkSource } from '../../ingest/brreg-bulk.ts';
import { renderMessage } from '../../messages/catalogue.ts';
import { type CliContext, municipalityLabel, parseInteger } from '../context.ts';
import {
  type Format,
  keyword,
  type Lang,
  parseLangOption,
  renderCsv,
  renderJson,
  renderTable,
} from '../format.ts';
import { t } from '../i18n.ts';

const SUMMARY_FORMATS = ['table', 'json'] as const satisfies readonly Format[];
const LIST_FORMATS = ['table', 'json', 'csv'] as const satisfies readonly Format[];

function progressBar(enabled: boolean, lang: Lang): ((p: BulkProgress) => void) | undefined {
  if (!enabled || !process.stderr.isTTY) return undefined;
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  return (p) => {
    if (p.file !== current) {
      bar?.stop();
      current = p.file;
      bar = new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: `${p.file} [{bar}] {percentage}% | {records} ${t('records', lang)} | {mib} ${t('mibRead', lang)}`,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(p.totalBytes ?? 1, 0, { records: 0, mib: 0 });
    }
    bar?.update(p.bytesRead, { records: p.records, mib: (p.bytesRead / 2 ** 20).toFixed(0) });
    if (p.totalBytes !== null && p.bytesRead >= p.totalBytes && p.records > 0) {
      bar?.stop();
      bar = undefined;
    }
  };
}

function addStatusOptions(cmd: Command): Command {
  return cmd
    .option(
      '--include-inactive',
      'keep bankrupt, liquidating, force-dissolved units and closed establishments',
    )
    .option('--include-bankrupt', 'keep units in bankruptcy (konkurs)')
    .option('--include-liquidation', 'keep units under liquidation (underAvvikling)')
    .option('--include-forced-dissolution', 'keep units under forced dissolution')
    .option('--include-closed', 'keep establishments with a nedleggelsesdato')
    .option('--include-non-vat', 'keep units not in the VAT register (the report removed them)')
    .option('--units <units>', 'all (legal units and establishments), enheter or underenheter', 'all');
}

/** --base-url, else RESTVERDI_BRREG_URL, else the app's default (data.brreg.no). */
function baseUrl(flag?: string): { baseUrl?: string } {
  const url = flag ?? process.env.RESTVERDI_BRREG_URL;
  return url ? { baseUrl: url } : {};
}

export function registerActors(program: Command, ctx: CliContext): void {
  const importCmd =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('import open data into the store');
  importCmd
    .command('brreg')
    .description(
      'import Enhetsregisteret bulk files (enheter/underenheter lastned: gzip JSON or CSV, or uncompressed) in one transaction',
    )
    .option('--enheter <file>', 'legal units (enheter_alle.json.gz, enheter.csv.gz …)')
    .option('--underenheter <file>', 'establishments (underenheter_alle.json.gz …)')
    .option('--no-progress', 'no progress bar on stderr')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: { enheter?: string; underenheter?: string; progress: boolean; lang: string }) => {
      const lang = parseLangOption(opts.lang);
      const sources: BulkSource[] = [];
      if (opts.enheter) sources.push({ unitType: 'enhet', path: opts.enheter });
      if (opts.underenheter) sources.push({ unitType: 'underenhet', path: opts.underenheter });
      if (sources.length === 0)
        throw new AppError('invalid_input', 'import brreg: give --enheter FILE and/or --underenheter FILE', {
          detail: message('options_missing', {
            command: 'import brreg',
            options: ['--enheter FILE', '--underenheter FILE'],
          }),
        });
      const onProgress = progressBar(opts.progress, lang);
      const result = await importRegisterBulk(ctx.workspace(), sources, onProgress ? { onProgress } : {});
      for (const f of result.files) {
        const problems = Object.entries(f.problems).map(([k, v]) => `${k} ${v}`);
        const imported = message('register_file_imported', {
          file: f.file,
          records: f.records,
          unitType: f.unitType,
          format: f.format,
          gzip: f.gzip,
          mapped: f.mappedMunicipality,
          problems,
        });
        ctx.out(`${renderMessage(imported, lang)}\n`);
      }
      const a = result.applied;
      const applied = message('import_applied', {
        importId: result.importId,
        inserted: a.inserted,
        updated: a.updated,
        unchanged: a.unchanged,
        removed: a.removed,
        location: ctx.store().location,
      });
      ctx.out(`${renderMessage(applied, lang)}\n`);
    });

  importCmd
    .command('brreg-api')
    .description(
      'pull units of one municipality from the Enhetsregisteret search API (legal units and establishments)',
    )
    .requiredOption('--municipality <nr>', 'municipality number (today’s)')
    .option('--nace <code>', 'NACE code or prefix (e.g. 01, 02.2, 16.100)')
    .option('--form <form>', 'organisation form(s), comma-separated (e.g. AS,ENK)')
    .option('--base-url <url>', 'API base URL (default RESTVERDI_BRREG_URL or data.brreg.no)')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(
      async (opts: {
        municipality: string;
        nace?: string;
        form?: string;
        baseUrl?: string;
        lang: string;
      }) => {
        const lang = parseLangOption(opts.lang);
        const r = await pullRegister(ctx.workspace(), {
          municipality: opts.municipality,
          ...(opts.nace ? { nace: opts.nace.split(',') } : {}),
          ...(opts.form ? { forms: opts.form.split(',') } : {}),
          ...baseUrl(opts.baseUrl),
        });
        const pulled = message('register_pulled', {
          importId: r.importId,
          enheter: r.enheter,
          underenheter: r.underenheter,
          queries: r.queries,
          inserted: r.applied.inserted,
          updated: r.applied.updated,
          unchanged: r.applied.unchanged,
        });
        ctx.out(`${renderMessage(pulled, lang)}\n`);
      },
    );

  const updateCmd =
    program.commands.find((c) => c.name() === 'update') ??
    program.command('update').description('bring imported data up to date');
  updateCmd
    .command('brreg')
    .description(
      'apply the Enhetsregisteret update feed since the last import (oppdateringer/enheter, /underenheter)',
    )
    .option(
      '--since <iso>',
      'start at this time instead of the stored feed position (e.g. 2024-02-01T00:00:00Z)',
    )
    .option('--base-url <url>', 'API base URL (default RESTVERDI_BRREG_URL or data.brreg.no)')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (opts: { since?: string; baseUrl?: string; lang: string }) => {
      const lang = parseLangOption(opts.lang);
      const r = await updateRegister(ctx.workspace(), {
        ...(opts.since ? { since: opts.since } : {}),
        ...baseUrl(opts.baseUrl),
      });
      for (const u of r.units) {
        const updated = message('register_updated', {
          unitType: u.unitType,
          changes: u.changes,
          from: u.from,
          inserted: u.applied.inserted,
          updated: u.applied.updated,
          removed: u.removed,
          nextId: u.nextId,
        });
        ctx.out(`${renderMessage(updated, lang)}\n`);
      }
    });

  const actors = program
    .command('actors')
    .description('actors (businesses) of a region from Enhetsregisteret');
  addStatusOptions(
    actors
      .command('summary')
      .description('count a region’s actors by organisation form, sector and municipality')
      .requiredOption('--region <id>', 'region id (see `restverdi regions`)')
      .option('--format <format>', 'table or json', 'table')
      .option('--lang <lang>', 'nb or en', 'nb'),
  ).action(async (opts: StatusOptions & { region: string; format: string; units: string; lang: string }) => {
    const format = keyword(opts.format, 'format', SUMMARY_FORMATS);
    const lang = parseLangOption(opts.lang);
    const units = keyword(opts.units, 'units', COUNT_UNITS) as CountUnits;
    const data = ctx.data();
    const region = findRegion(data.regions, opts.region);
    const mapping = ctx.workspace().files.sectors();
    const summary = await summariseRegionActors(ctx.workspace(), {
      region: region.id,
      units,
      status: actorStatusFilter(opts),
    });
    if (format === 'json') {
      ctx.out(renderJson({ region: region.id, ...summary }));
      return;
    }
    const sectorName = new Map(mapping.sectors.map((s) => [s.id, s.name[lang]]));
    // The counting rule in the language, from the facts the domain's English text is made of.
    const rule: unknown = summary.rule;
    const filter = actorStatusFilter(opts);
    const removed = [
      ...(filter.includeBankrupt ? [] : (['bankrupt'] as const)),
      ...(filter.includeUnderLiquidation ? [] : (['liquidation'] as const)),
      ...(filter.includeForcedDissolution ? [] : (['forced_dissolution'] as const)),
      ...(filter.includeClosed ? [] : (['closed'] as const)),
      ...(filter.includeNonVat ? [] : (['non_vat'] as const)),
    ];
    const lines = [
      renderMessage(message('actors_total', { region: region.name, total: summary.total }), lang),
      renderMessage(isMessage(rule) ? rule : message('actors_counting_rule', { units, removed }), lang),
      '',
      renderTable(
        [t('form', lang), t('count', lang)],
        Object.entries(summary.byForm).sort((a, b) => b[1] - a[1]),
        [false, true],
      ),
      renderTable(
        [t('sector', lang), t('count', lang), t('byForm', lang)],
        mapping.sectors
          .filter((s) => summary.bySector[s.id] !== undefined)
          .map((s) => [
            `${sectorName.get(s.id)} (${s.id})`,
            summary.bySector[s.id] ?? 0,
            Object.entries(summary.bySectorForm[s.id] ?? {})
              .map(([f, n]) => `${f} ${n}`)
              .join(', '),
          ]),
        [false, true, false],
      ),
      renderTable(
        [t('municipality', lang), t('count', lang)],
        Object.entries(summary.byMunicipality).map(([nr, n]) => [municipalityLabel(data, nr), n]),
        [false, true],
      ),
    ];
    ctx.out(`${lines.join('\n')}\n`);
  });

  addStatusOptions(
    actors
      .command('list')
      .description(
        'list a region’s actors (sole proprietorships carry personal names: a list withholds their name, number and address)',
      )
      .requiredOption('--region <id>', 'region id (see `restverdi regions`)')
      .option('--sector <id>', 'sector id (data/mappings/nace-sectors.json)')
      .option('--form <form>', 'organisation form (AS, ENK, SA …)')
      .option('--municipality <nr>', 'one municipality of the region')
      .option('--q <text>', 'part of the name, or an organisation number')
      .option('--limit <n>', 'page size', '50')
      .option('--offset <n>', 'rows to skip', '0')
      .option('--format <format>', 'table, json or csv', 'table')
      .option('--lang <lang>', 'nb or en', 'nb'),
  ).action(
    async (
      opts: StatusOptions & {
        region: string;
        sector?: string;
        form?: string;
        municipality?: string;
        q?: string;
        limit: string;
        offset: string;
        format: string;
        units: string;
        lang: string;
      },
    ) => {
      const format = keyword(opts.format, 'format', LIST_FORMATS);
      const lang = parseLangOption(opts.lang);
      const units = keyword(opts.units, 'units', COUNT_UNITS) as CountUnits;
      const data = ctx.data();
      const region = findRegion(data.regions, opts.region);
      const limit = parseInteger(opts.limit, '--limit', 1, 10_000);
      const offset = parseInteger(opts.offset, '--offset', 0);
      const list = await listRegionActors(
        ctx.workspace(),
        {
          region: region.id,
          municipality: opts.municipality,
          sector: opts.sector,
          form: opts.form,
          q: opts.q,
          units,
          status: actorStatusFilter(opts),
        },
        { limit, offset },
      );
      if (format === 'json') {
        ctx.out(renderJson(list));
        return;
      }
      const rows = list.items.map((i) => ({
        orgnr: i.orgnr ?? '',
        unitType: i.unitType,
        name: i.name ?? t('withheldName', lang),
        form: i.countedForm,
        nace: i.nace.join(' '),
        sectors: i.sectors.join(' '),
        municipality: i.municipality ?? '',
        postalPlace: i.postalPlace ?? '',
      }));
      const note = list.withheld > 0 ? `\n${t('withheldNote', lang)}` : '';
      if (format === 'csv') {
        ctx.out(
          renderCsv(rows, [
            'orgnr',
            'unitType',
            'name',
            'form',
            'nace',
            'sectors',
            'municipality',
            'postalPlace',
          ]),
        );
        return;
      }
      ctx.out(
        `${renderTable(
          [
            t('orgnr', lang),
            t('unitType', lang),
            t('name', lang),
            t('form', lang),
            'NACE',
            t('sectors', lang),
            t('municipality', lang),
          ],
          rows.map((r) => [
            r.orgnr,
            r.unitType,
            r.name,
            r.form,
            r.nace,
            r.sectors,
            municipalityLabel(data, r.municipality),
          ]),
        )}\n${renderMessage(message('rows_shown', { first: list.offset + 1, last: list.offset + list.items.length, total: list.total }), lang)}${note}\n`,
      );
    },
  );
}
