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
import { findRegion } from '../../domain/regions.ts';
import type { BulkProgress, BulkSource } from '../../ingest/brreg-bulk.ts';
import { type CliContext, municipalityLabel, parseInteger } from '../context.ts';
import { type Format, keyword, renderCsv, renderJson, renderTable } from '../format.ts';

const SUMMARY_FORMATS = ['table', 'json'] as const satisfies readonly Format[];
const LIST_FORMATS = ['table', 'json', 'csv'] as const satisfies readonly Format[];

function progressBar(enabled: boolean): ((p: BulkProgress) => void) | undefined {
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
          format: `${p.file} [{bar}] {percentage}% | {records} records | {mib} MiB read`,
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
    .action(async (opts: { enheter?: string; underenheter?: string; progress: boolean }) => {
      const sources: BulkSource[] = [];
      if (opts.enheter) sources.push({ unitType: 'enhet', path: opts.enheter });
      if (opts.underenheter) sources.push({ unitType: 'underenhet', path: opts.underenheter });
      if (sources.length === 0)
        throw new AppError('invalid_input', 'import brreg: give --enheter FILE and/or --underenheter FILE');
      const onProgress = progressBar(opts.progress);
      const result = await importRegisterBulk(ctx.workspace(), sources, onProgress ? { onProgress } : {});
      for (const f of result.files) {
        const problems = Object.entries(f.problems)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
        ctx.out(
          `${f.file}: ${f.records} ${f.unitType === 'enhet' ? 'enheter' : 'underenheter'} (${f.format}${f.gzip ? ', gzip' : ''}); ${f.mappedMunicipality} old municipality numbers mapped; problems: ${problems || 'none'}\n`,
        );
      }
      const a = result.applied;
      ctx.out(
        `import ${result.importId}: ${a.inserted} new, ${a.updated} changed, ${a.unchanged} unchanged, ${a.removed} removed (${ctx.store().location})\n`,
      );
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
    .action(async (opts: { municipality: string; nace?: string; form?: string; baseUrl?: string }) => {
      const r = await pullRegister(ctx.workspace(), {
        municipality: opts.municipality,
        ...(opts.nace ? { nace: opts.nace.split(',') } : {}),
        ...(opts.form ? { forms: opts.form.split(',') } : {}),
        ...baseUrl(opts.baseUrl),
      });
      ctx.out(
        `import ${r.importId}: ${r.enheter} enheter and ${r.underenheter} underenheter in ${r.queries} queries; ${r.applied.inserted} new, ${r.applied.updated} changed, ${r.applied.unchanged} unchanged\n`,
      );
    });

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
    .action(async (opts: { since?: string; baseUrl?: string }) => {
      const r = await updateRegister(ctx.workspace(), {
        ...(opts.since ? { since: opts.since } : {}),
        ...baseUrl(opts.baseUrl),
      });
      for (const u of r.units)
        ctx.out(
          `${u.unitType === 'enhet' ? 'enheter' : 'underenheter'}: ${u.changes} changes from ${u.from}; ${u.applied.inserted} new, ${u.applied.updated} changed, ${u.removed} removed; next oppdateringsid ${u.nextId ?? '(none)'}\n`,
        );
    });

  const actors = program
    .command('actors')
    .description('actors (businesses) of a region from Enhetsregisteret');
  addStatusOptions(
    actors
      .command('summary')
      .description('count a region’s actors by organisation form, sector and municipality')
      .requiredOption('--region <id>', 'region id (see `restverdi regions`)')
      .option('--format <format>', 'table or json', 'table'),
  ).action(async (opts: StatusOptions & { region: string; format: string; units: string }) => {
    const format = keyword(opts.format, 'format', SUMMARY_FORMATS);
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
    const sectorName = new Map(mapping.sectors.map((s) => [s.id, s.name.nb]));
    const lines = [
      `${region.name}: ${summary.total} actors`,
      summary.rule,
      '',
      renderTable(
        ['form', 'count'],
        Object.entries(summary.byForm).sort((a, b) => b[1] - a[1]),
        [false, true],
      ),
      renderTable(
        ['sector', 'count', 'by form'],
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
        ['municipality', 'count'],
        Object.entries(summary.byMunicipality).map(([nr, n]) => [municipalityLabel(data, nr), n]),
        [false, true],
      ),
    ];
    ctx.out(`${lines.join('\n')}\n`);
  });

  addStatusOptions(
    actors
      .command('list')
      .description('list a region’s actors (ENK names are personal names: shown as the register shows them)')
      .requiredOption('--region <id>', 'region id (see `restverdi regions`)')
      .option('--sector <id>', 'sector id (data/mappings/nace-sectors.json)')
      .option('--form <form>', 'organisation form (AS, ENK, SA …)')
      .option('--municipality <nr>', 'one municipality of the region')
      .option('--q <text>', 'part of the name, or an organisation number')
      .option('--limit <n>', 'page size', '50')
      .option('--offset <n>', 'rows to skip', '0')
      .option('--format <format>', 'table, json or csv', 'table'),
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
      },
    ) => {
      const format = keyword(opts.format, 'format', LIST_FORMATS);
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
        orgnr: i.orgnr,
        unitType: i.unitType,
        name: i.name,
        form: i.countedForm,
        nace: i.nace.join(' '),
        sectors: i.sectors.join(' '),
        municipality: i.municipality ?? '',
        postalPlace: i.postalPlace ?? '',
      }));
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
          ['orgnr', 'type', 'name', 'form', 'NACE', 'sectors', 'municipality'],
          rows.map((r) => [
            r.orgnr,
            r.unitType,
            r.name,
            r.form,
            r.nace,
            r.sectors,
            municipalityLabel(data, r.municipality),
          ]),
        )}\n${list.offset + 1}–${list.offset + list.items.length} of ${list.total}\n`,
      );
    },
  );
}
