/**
 * `import avvirkning|landbruk|ssb`: statistics from open-data files and SSB's API into the store
 * (src/app/imports.ts). Every file is parsed first and nothing is written unless all are valid.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  type ImportInput,
  importFarmFiles,
  importHarvest,
  importSsbTable,
  type StatisticsImportAnswer,
} from '../../app/imports.ts';
import { AppError } from '../../domain/errors.ts';
import { isMessage, message } from '../../domain/message.ts';
import { splitList } from '../../domain/selection.ts';
import { localise, renderMessage } from '../../messages/catalogue.ts';
import { type CliContext, parseInteger } from '../context.ts';
import { keyword, type Lang, parseLangOption, renderJson } from '../format.ts';

const FORMATS = ['table', 'json'] as const;

/** A file the user named, read whole. */
function readInputs(paths: string[]): ImportInput[] {
  return paths.map((path) => {
    try {
      return { name: basename(path), bytes: readFileSync(path) };
    } catch (cause) {
      const reason = (cause as NodeJS.ErrnoException).code ?? 'EIO';
      throw new AppError('invalid_input', `cannot read ${path}: ${(cause as Error).message}`, {
        cause,
        detail: message('file_unreadable', { file: path, reason }),
      });
    }
  });
}

/** A log line in the language: its message code when the reader gave one, else its text as logged. */
export function logLineText(line: { message: string; detail?: unknown }, lang: Lang): string {
  return isMessage(line.detail) ? renderMessage(line.detail, lang) : line.message;
}

/** What one file's summary says beyond the counts, from its facts (the readers' `note` is English). */
function fileNote(kind: string, s: Record<string, unknown>, lang: Lang): string | undefined {
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  if (kind === 'avvirkning') {
    const dedup = s.deduplicated as { rows?: number; m3?: number } | undefined;
    const unresolved = Array.isArray(s.unresolved) ? s.unresolved.length : 0;
    return renderMessage(
      message('import_harvest_note', { rows: num(dedup?.rows), m3: num(dedup?.m3), unresolved }),
      lang,
    );
  }
  if (kind === 'landbruk')
    return renderMessage(
      message('import_farm_note', {
        kind: String(s.kind ?? ''),
        encoding: String(s.encoding ?? ''),
        rows: num(s.rowsRead),
        partial: typeof s.partial === 'string' ? s.partial : null,
      }),
      lang,
    );
  return undefined;
}

export function renderImport(
  answer: StatisticsImportAnswer,
  format: (typeof FORMATS)[number],
  lang: Lang = 'nb',
): string {
  const { importId, kind, summary, log } = answer;
  if (format === 'json') return renderJson({ importId, imported: summary, log: localise(log, lang) });
  const lines = summary.map((s) => {
    const counts = renderMessage(
      message('import_file_summary', {
        file: String(s.file),
        dataset: String(s.dataset),
        year: Number(s.year),
        municipalities: Number(s.municipalities ?? 0),
        observations: Number(s.observations ?? 0),
      }),
      lang,
    );
    const note = fileNote(kind, s, lang);
    return note ? `${counts}; ${note}` : counts;
  });
  const warnings = log
    .filter((l) => l.level === 'warning')
    .map((l) => `  ! ${l.position ?? ''} ${logLineText(l, lang)}`);
  return `${[renderMessage(message('import_done', { importId, kind }), lang), ...lines, ...warnings].join('\n')}\n`;
}

export function registerImport(program: Command, ctx: CliContext): void {
  const imp =
    program.commands.find((c) => c.name() === 'import') ??
    program
      .command('import')
      .description('import statistics and actors from open-data files and APIs into the store');

  imp
    .command('avvirkning')
    .description(
      'roundwood harvest per municipality from Landbruksdirektoratet "Kommunevis avvirkning" (xlsx or CSV)',
    )
    .argument('<files...>', 'Kommunevis_avvirkning_<year>.xlsx or .csv')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (files: string[], opts: { format: string; lang: string }) => {
      const format = keyword(opts.format, 'format', FORMATS);
      const lang = parseLangOption(opts.lang);
      ctx.out(renderImport(await importHarvest(ctx.workspace(), readInputs(files)), format, lang));
      await ctx.reload();
    });

  imp
    .command('landbruk')
    .description(
      'livestock, crop areas and deliveries from Landbruksdirektoratet farm-level files (produksjonstilskudd, leveransedata korn/melk/slakt)',
    )
    .argument('<files...>', 'CSV files as published (type detected from the header)')
    .option('--year <year>', 'the year, for files without a year column or year in the name')
    .option('--partial <why>', 'mark the data as partial (files named *sample* are marked automatically)')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(
      async (files: string[], opts: { year?: string; partial?: string; format: string; lang: string }) => {
        const format = keyword(opts.format, 'format', FORMATS);
        const lang = parseLangOption(opts.lang);
        const year = opts.year === undefined ? undefined : parseInteger(opts.year, 'year', 1990, 2100);
        const answer = await importFarmFiles(ctx.workspace(), readInputs(files), {
          ...(year === undefined ? {} : { year }),
          ...(opts.partial ? { partial: opts.partial } : {}),
        });
        ctx.out(renderImport(answer, format, lang));
        await ctx.reload();
      },
    );

  imp
    .command('ssb')
    .description('a table from SSB PxWebApi (configured in data/ssb/tables.json)')
    .requiredOption('--table <id>', 'table id, e.g. 03895')
    .option('--year <year>', 'the year (default: the newest period)')
    .option('--municipalities <list>', 'comma-separated municipality numbers (default: all)')
    .option('--base-url <url>', 'PxWebApi base URL (default: RESTVERDI_SSB_URL or data/ssb/tables.json)')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(
      async (opts: {
        table: string;
        year?: string;
        municipalities?: string;
        baseUrl?: string;
        format: string;
        lang: string;
      }) => {
        const format = keyword(opts.format, 'format', FORMATS);
        const lang = parseLangOption(opts.lang);
        const year = opts.year === undefined ? undefined : parseInteger(opts.year, 'year', 1900, 2100);
        const municipalities = splitList(opts.municipalities);
        const baseUrl = opts.baseUrl ?? process.env.RESTVERDI_SSB_URL;
        const answer = await importSsbTable(ctx.workspace(), {
          table: opts.table,
          ...(year === undefined ? {} : { year }),
          ...(municipalities ? { municipalities } : {}),
          ...(baseUrl ? { baseUrl } : {}),
        });
        ctx.out(renderImport(answer, format, lang));
        await ctx.reload();
      },
    );
}
