/**
 * What the browser tests share: Debian's chromium, where screenshots go, and two checks of a page —
 * axe-core's serious and critical violations, and how far the page is wider than the window.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

// Code that runs in the page sees the browser's globals; the Node tsconfig has no DOM types.
// biome-ignore lint/suspicious/noExplicitAny: browser-side values, checked by the assertions.
export type Any = any;

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
export const ARTEFACTS = join(process.cwd(), 'test-results', 'browser');
/** axe-core, injected into each page (Deque's accessibility engine). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The page's serious and critical axe-core violations, each with the first three elements it names. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const results = (await page.evaluate(() =>
    (globalThis as Any).axe.run((globalThis as Any).document, { resultTypes: ['violations'] }),
  )) as { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')})`,
    );
}

/** Pixels the page is wider than the window (0 or less: no sideways scrolling). */
export function overflowOf(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document, window } = globalThis as Any;
    return document.documentElement.scrollWidth - window.innerWidth;
  });
}
