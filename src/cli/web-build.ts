/**
 * Builds the web app (web/ → web/dist) with Vite's build API when the build is missing or older than
 * its sources, so `restverdi start` on a fresh clone serves a current app without a separate step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = fileURLToPath(new URL('../../web', import.meta.url));
export const WEB_DIST = join(WEB_ROOT, 'dist');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when web/dist/index.html is missing or older than anything under web/src, web/index.html or the config. */
export function webBuildIsStale(root = WEB_ROOT): boolean {
  const index = join(root, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'index.html')),
    newestMtime(join(root, 'vite.config.ts')),
  );
  return sources > built;
}

/** Builds when stale; returns whether it built. `log` hears one line before and after. */
export async function ensureWebBuilt(
  options: { force?: boolean; log?: (line: string) => void; root?: string } = {},
): Promise<boolean> {
  const root = options.root ?? WEB_ROOT;
  if (!options.force && !webBuildIsStale(root)) return false;
  const started = performance.now();
  options.log?.('building the web app (web/ → web/dist) …\n');
  // Vite is a development dependency: imported only when a build is needed.
  const { build } = await import('vite');
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  options.log?.(`web app built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return true;
}
