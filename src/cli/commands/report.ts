/** `restverdi report`: the regional report (HTML, XLSX, optionally PDF) for a region, in one command. */
import type { Command } from 'commander';
import { seededRandom } from '../../app/random.ts';
import { MAX_DRAWS } from '../../app/residues.ts';
import { AppError } from '../../domain/errors.ts';
import { message } from '../../domain/message.ts';
import { renderMessage } from '../../messages/catalogue.ts';
import { LANGS } from '../../report/format.ts';
import { type CliContext, parseInteger } from '../context.ts';
import { keyword } from '../format.ts';
import { DEFAULT_REGION } from './residues.ts';

export interface ReportCommandOptions {
  region: string;
  profile: string;
  year?: string;
  lang: string;
  pdf: boolean;
  out?: string;
  draws: string;
  seed: string;
}

export function registerReport(
  program: Command,
  ctx: CliContext,
  clock: () => Date = () => new Date(),
): void {
  program
    .command('report')
    .description(
      'write the regional report: DIR/rapport.html (self-contained), DIR/rapport.xlsx and with --pdf DIR/rapport.pdf',
    )
    .option('--region <id>', 'region id (see `restverdi regions`)', DEFAULT_REGION)
    .option('--profile <id>', 'coefficient profile: report or literature', 'report')
    .option('--year <year>', 'use statistics for this year or the newest before it')
    .option('--lang <lang>', 'nb or en', 'nb')
    .option('--pdf', 'also print rapport.pdf (A4) through Debian’s chromium', false)
    .option('--out <dir>', 'folder to write the files to')
    .option('--draws <n>', 'Monte Carlo draws for P10–P90', '2000')
    .option('--seed <seed>', 'random seed for the draws', '1')
    .action(async (opts: ReportCommandOptions) => {
      await runReport(ctx, opts, clock());
    });
}

export async function runReport(ctx: CliContext, opts: ReportCommandOptions, now: Date): Promise<string[]> {
  if (!opts.out)
    throw new AppError(
      'invalid_input',
      'report needs --out DIR (the folder to write rapport.html and rapport.xlsx to)',
      { detail: message('report_out_missing', { option: '--out' }) },
    );
  const lang = keyword(opts.lang, 'lang', LANGS);
  const year = opts.year === undefined ? undefined : parseInteger(opts.year, 'year', 1900);
  const draws = parseInteger(opts.draws, 'number of draws', 1, MAX_DRAWS);
  const seed = parseInteger(opts.seed, 'seed', 0);
  const started = performance.now();
  const progress = (step: string) => {
    const seconds = (performance.now() - started) / 1000;
    ctx.err(`${renderMessage(message('report_progress', { step, seconds }), lang)}\n`);
  };
  progress('solver');
  const solver = await ctx.workspace().solver({ timeLimitSeconds: 120 });
  // The report's modules (charts, DOM, workbook) load only for this command.
  const { writeReport } = await import('../../report/write.ts');
  const written = await writeReport(
    {
      region: opts.region,
      profile: opts.profile,
      ...(year === undefined ? {} : { year }),
      lang,
      now,
      draws,
      seed,
    },
    {
      data: ctx.data(),
      lib: ctx.workspace().library,
      files: ctx.workspace().files,
      db: ctx.store().db,
      solver,
      random: seededRandom(seed),
      progress,
    },
    // RESTVERDI_CHROMIUM: another chromium binary (tests use it to check the message when none is installed).
    {
      dir: opts.out,
      pdf: opts.pdf,
      ...(process.env.RESTVERDI_CHROMIUM ? { chromium: process.env.RESTVERDI_CHROMIUM } : {}),
    },
  );
  progress('done');
  for (const f of written.files) ctx.out(`${f}\n`);
  return written.files;
}
