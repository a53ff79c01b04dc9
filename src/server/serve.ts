/**
 * Runs the API on a port: the store from the environment (DATABASE_URL or RESTVERDI_DB), structured
 * logs with request ids, and a graceful shutdown on SIGTERM that lets in-flight requests finish.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { openStore, type StoreOptions, storeOptionsFromEnv } from '../store/database.ts';
import type { AdminOptions } from './admin/index.ts';
import { createApp } from './app.ts';
import { createServerState } from './state.ts';

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
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ name: 'restverdi' });
  const store = await openStore(options.store ?? storeOptionsFromEnv());
  const state = await createServerState(store, options.dataDir ? { dataDir: options.dataDir } : {});
  const app = createApp(state, logger, {
    ...(options.webDir ? { webDir: options.webDir } : {}),
    admin: options.admin ?? adminOptionsFromEnv(),
  });
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
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
  return { url, port, stop };
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
