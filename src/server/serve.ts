/**
 * Runs the API on a port: the store from the environment (DATABASE_URL or RESTVERDI_DB), structured
 * logs with request ids, and a graceful shutdown on SIGTERM that lets in-flight requests finish.
 */

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { type Accounts, createAccounts, type Mailer, mailerFromEnv } from '../app/accounts.ts';
import { openStore, type Store, type StoreOptions, storeOptionsFromEnv } from '../store/database.ts';
import type { AdminOptions } from './admin/index.ts';
import { createApp } from './app.ts';
import { createServerState, type ServerState } from './state.ts';

export interface ServeOptions {
  port: number;
  host: string;
  store?: StoreOptions;
  dataDir?: string;
  logger?: Logger;
  /** The built web app to serve outside /api (web/dist). */
  webDir?: string;
  /** Administration (POST /api/admin/update); default: from the environment (adminOptionsFromEnv). */
  admin?: AdminOptions;
  /** Accounts: the mailer (default SMTP_URL, else a log line) and the rest from the environment. */
  accounts?: {
    mailer?: Mailer;
    secret?: string;
    baseUrl?: string;
    signInLimit?: { window: number; max: number };
  };
}

/**
 * Accounts from the environment: RESTVERDI_AUTH_SECRET signs sessions (without it, a random secret
 * for this process: sessions end when it stops), RESTVERDI_BASE_URL is the public address (links in
 * mail, allowed origins; default the address it listens on), SMTP_URL and MAIL_FROM send mail
 * (without them a reset mail is not sent, and the log says so).
 */
async function accountsFromEnv(
  store: Store,
  listening: string,
  logger: Logger,
  given: ServeOptions['accounts'] = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<Accounts> {
  let secret = given.secret ?? env.RESTVERDI_AUTH_SECRET;
  if (!secret) {
    secret = randomBytes(32).toString('base64');
    logger.warn('RESTVERDI_AUTH_SECRET is not set: sessions last only as long as this process');
  }
  const mailer = given.mailer ??
    (await mailerFromEnv(env)) ?? {
      send: async (m) => {
        logger.warn({ to: m.to, subject: m.subject }, 'SMTP_URL is not set: mail not sent');
      },
    };
  return createAccounts(store, {
    secret,
    baseUrl: given.baseUrl ?? env.RESTVERDI_BASE_URL ?? listening,
    mailer,
    ...(given.signInLimit ? { signInLimit: given.signInLimit } : {}),
  });
}

/** RESTVERDI_ADMIN_TOKEN turns administration on; RESTVERDI_LDIR_URL and RESTVERDI_SSB_URL move the publishers. */
export function adminOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AdminOptions {
  return {
    ...(env.RESTVERDI_ADMIN_TOKEN ? { token: env.RESTVERDI_ADMIN_TOKEN } : {}),
    ...(env.RESTVERDI_LDIR_URL ? { landbrukBaseUrl: env.RESTVERDI_LDIR_URL } : {}),
    ...(env.RESTVERDI_SSB_URL ? { ssbBaseUrl: env.RESTVERDI_SSB_URL } : {}),
  };
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting connections, waits for in-flight requests, closes the store. */
  stop: () => Promise<void>;
  /** The server's workspace (its store and data), for tests that set up what an administrator would. */
  state: ServerState;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ name: 'restverdi' });
  const store = await openStore(options.store ?? storeOptionsFromEnv());
  const state = await createServerState(store, options.dataDir ? { dataDir: options.dataDir } : {});
  let accounts: Accounts | undefined;
  const app = createApp(state, logger, {
    ...(options.webDir ? { webDir: options.webDir } : {}),
    admin: options.admin ?? adminOptionsFromEnv(),
    accounts: () => accounts,
  });
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  accounts = await accountsFromEnv(store, url, logger, options.accounts);
  logger.info({ url, store: store.location, dialect: store.dialect }, 'listening');
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= new Promise<void>((resolve) => {
      logger.info('shutting down: finishing in-flight requests');
      // Idle keep-alive connections would hold close() open until they time out: close each one as
      // soon as its request has been answered. In-flight requests still finish.
      const closeIdle = () =>
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      const sweep = setInterval(closeIdle, 50);
      server.close(() => {
        clearInterval(sweep);
        resolve();
      });
      closeIdle();
    }).then(async () => {
      await store.close();
      logger.info('stopped');
    });
    return stopping;
  };
  return { url, port, stop, state };
}

/** For the CLI: serve until SIGTERM or SIGINT. */
export async function serveUntilSignalled(options: ServeOptions): Promise<void> {
  await stopOnSignal(await startServer(options));
}

/** Resolves once SIGTERM or SIGINT has stopped the server (in-flight requests finished). */
export function stopOnSignal(running: RunningServer): Promise<void> {
  return new Promise<void>((resolve) => {
    const onSignal = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      running.stop().then(resolve, resolve);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
