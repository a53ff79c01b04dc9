/**
 * The `restverdi` command. Subcommands print to the given output; errors a user can fix exit with
 * code 2 and a message naming what was wrong, data errors with 1.
 */
import { existsSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { DEFAULT_SEED } from '../app/residues.ts';
import { AppError, isUserError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import { type Names, renderMessage } from '../messages/catalogue.ts';
import { type Lang, parseLang } from '../messages/format.ts';
import type { StoreOptions } from '../store/database.ts';
import { registerAccounts } from './commands/accounts.ts';
import { registerActorStreams } from './commands/actor-streams.ts';
import { registerActors } from './commands/actors.ts';
import { registerAudit } from './commands/audit.ts';
import { registerCatalogue } from './commands/catalogue.ts';
import { registerCatchments } from './commands/catchments.ts';
import { registerCoefficients } from './commands/coefficients.ts';
import { registerImport } from './commands/import.ts';
import { registerMarket } from './commands/market.ts';
import { registerOptimize } from './commands/optimize.ts';
import { registerPark } from './commands/park.ts';
import { registerPyramid } from './commands/pyramid.ts';
import { registerRegions } from './commands/regions.ts';
import { registerReport } from './commands/report.ts';
import { DEFAULT_REGION, registerResidues, runResidues } from './commands/residues.ts';
import { registerStatistics } from './commands/statistics.ts';
import { registerUpdate } from './commands/update.ts';
import { type CliContext, createContext, type Output, parseInteger } from './context.ts';
import { parseLangOption } from './format.ts';
import { t } from './i18n.ts';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('restverdi')
    .description('Restverdi: residual raw materials (restråstoff) of a Norwegian region, from open data')
    .version('0.1.0')
    .showHelpAfterError()
    // Options belong to the command they follow (`update --dry-run` vs `update brreg --lang en`).
    .enablePositionalOptions()
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) })
    .exitOverride()
    // Every command's action runs on the store; --help and usage errors never open it.
    .hook('preAction', () => ctx.load());
  registerResidues(program, ctx);
  registerCoefficients(program, ctx);
  registerCatalogue(program, ctx);
  registerPyramid(program, ctx);
  registerAudit(program, ctx);
  registerOptimize(program, ctx);
  registerCatchments(program, ctx);
  registerImport(program, ctx);
  registerStatistics(program, ctx);
  registerUpdate(program, ctx);
  registerRegions(program, ctx);
  registerActors(program, ctx);
  registerActorStreams(program, ctx);
  registerAccounts(program, ctx);
  registerMarket(program, ctx);
  registerPark(program, ctx);
  registerReport(program, ctx);
  program
    .command('serve')
    .description(
      'serve the HTTP API and the web app (web/dist, when built) on the embedded database, or PostgreSQL when DATABASE_URL is set',
    )
    .option('--port <port>', 'port to listen on', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--lang <lang>',
      'nb or en (for the command’s own errors; the API and web app take theirs per request)',
      'nb',
    )
    .action(async (opts: { port: string; host: string; lang: string }) => {
      parseLangOption(opts.lang);
      const { serveUntilSignalled } = await import('../server/serve.ts');
      const { WEB_DIST } = await import('./web-build.ts');
      await serveUntilSignalled({
        port: parseInteger(opts.port, '--port', 0, 65535),
        host: opts.host,
        ...(existsSync(WEB_DIST) ? { webDir: WEB_DIST } : {}),
      });
    });
  program
    .command('start')
    .description(
      'the main job: print the reference region’s residue estimate (report profile), build the web app when it is missing or older than its sources, and serve it with the API',
    )
    .option('--lang <lang>', 'nb or en', 'nb')
    .option('--port <port>', 'port to listen on', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--no-serve', 'only print the estimate')
    .action(async (opts: { lang: string; port: string; host: string; serve: boolean }) => {
      const lang = parseLangOption(opts.lang);
      ctx.out(
        await runResidues(ctx, {
          region: DEFAULT_REGION,
          profile: 'report',
          format: 'table',
          lang: opts.lang,
          seed: String(DEFAULT_SEED),
        }),
      );
      if (!opts.serve) return;
      const port = parseInteger(opts.port, '--port', 0, 65535);
      const { ensureWebBuilt, WEB_DIST } = await import('./web-build.ts');
      await ensureWebBuilt({ log: (line) => ctx.err(line) });
      // The CLI's own store stays closed while the server runs on its own connection.
      await ctx.close();
      const { startServer, stopOnSignal } = await import('../server/serve.ts');
      const { default: pino } = await import('pino');
      const running = await startServer({
        port,
        host: opts.host,
        webDir: WEB_DIST,
        logger: pino({ name: 'restverdi', level: 'warn' }),
      });
      ctx.out(`\n${renderMessage(message('server_running', { url: running.url }), lang)}\n`);
      await stopOnSignal(running);
    });
  const configure = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
    cmd.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

/** Runs the CLI and returns the exit code. `io` defaults to the process's stdout and stderr. */
export async function main(
  argv: string[],
  io: Output = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
  dataDir?: string,
  storeOptions?: StoreOptions,
): Promise<number> {
  const ctx = createContext(io, dataDir, storeOptions);
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return report(error, io, langOf(argv), ctx.names());
  } finally {
    await ctx.close();
  }
}

/** The language of a command line: its --lang, else bokmål (errors are printed in it). */
function langOf(argv: string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : argv[i]?.includes('=') ? argv[i]?.split('=')[1] : argv[i + 1];
  return parseLang(value) ?? 'nb';
}

function report(error: unknown, io: Output, lang: Lang, names: Names): number {
  if (error instanceof CommanderError) {
    // --help and --version end here with exit code 0; usage errors are already printed.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof AppError) {
    io.err(`restverdi: ${error.detail ? renderMessage(error.detail, lang, names) : error.message}\n`);
    for (const issue of error.issues.slice(0, 20))
      io.err(`  ${issue.path}: ${issue.detail ? renderMessage(issue.detail, lang, names) : issue.message}\n`);
    if (error.issues.length > 20)
      io.err(`  ${renderMessage(message('more_issues', { count: error.issues.length - 20 }), lang)}\n`);
    return isUserError(error) ? 2 : 1;
  }
  io.err(`restverdi: ${t('internalError', lang)}: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
}
