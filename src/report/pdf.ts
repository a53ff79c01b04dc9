/**
 * Prints the report's HTML to an A4 PDF with page numbers, in Debian's chromium driven by
 * playwright-core (no browser download). The flags are those this machine's chromium needs
 * headless without network (/work/.library/env/machines/node.md).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';

export const CHROMIUM = '/usr/bin/chromium';

export const PDF_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function printPdf(
  html: string,
  o: { pageLabel: string; ofLabel: string; executablePath?: string },
): Promise<Buffer> {
  const executablePath = o.executablePath ?? CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new AppError(
      'invalid_input',
      `--pdf needs Chromium at ${executablePath}, which is not installed (Debian: apt-get install chromium); the HTML and XLSX were written`,
      { detail: message('chromium_missing', { option: '--pdf', path: executablePath }) },
    );
  }
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'restverdi-pdf-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: PDF_FLAGS,
  });
  try {
    const page = await context.newPage();
    // The report is self-contained: nothing to load, so no network wait is needed.
    await page.setContent(html, { waitUntil: 'load' });
    const footer = `<div style="font-size:8px;width:100%;text-align:center;color:#5b6770;font-family:sans-serif">${o.pageLabel} <span class="pageNumber"></span> ${o.ofLabel} <span class="totalPages"></span></div>`;
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: footer,
      margin: { top: '15mm', bottom: '18mm', left: '12mm', right: '12mm' },
      preferCSSPageSize: false,
    });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
