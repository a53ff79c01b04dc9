/** `restverdi report` end to end: files written, progress on stderr, usage errors exit 2, the PDF. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fmt } from '../../src/report/format.ts';
import { CHROMIUM, PDF_FLAGS, printPdf } from '../../src/report/pdf.ts';
import { run, runCli } from '../helpers/cli.ts';
import { testReport } from './helpers.ts';

const out = () => mkdtempSync(join(tmpdir(), 'restverdi-report-'));

afterEach(() => {
  delete process.env.RESTVERDI_CHROMIUM;
});

describe('restverdi report', () => {
  it('writes rapport.html and rapport.xlsx and shows progress on stderr', async () => {
    const dir = out();
    const r = await run('report', '--out', dir, '--draws', '200');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([join(dir, 'rapport.html'), join(dir, 'rapport.xlsx')]);
    // Progress in bokmål by default.
    expect(r.stderr).toMatch(/restverdi report: estimat \(\d+,\d s\)/);
    expect(r.stderr).toMatch(/restverdi report: ferdig/);
    const html = readFileSync(join(dir, 'rapport.html'), 'utf8');
    expect(html).toContain('Restråstoff i Gjøvik, Hadeland og Ringerike');
    expect(html).toMatch(/Generert \d{4}-\d{2}-\d{2}/);
    expect(readFileSync(join(dir, 'rapport.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('needs --out, and rejects an unknown language or region with exit code 2', async () => {
    for (const args of [
      ['report'],
      ['report', '--out', out(), '--lang', 'de'],
      ['report', '--out', out(), '--region', 'nowhere'],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--out|Ugyldig lang|Ukjent region/);
    }
  });

  it('says clearly when chromium is missing for --pdf, after writing the HTML and XLSX (exit 2)', async () => {
    process.env.RESTVERDI_CHROMIUM = '/nonexistent/chromium';
    const dir = out();
    const r = await run('report', '--out', dir, '--pdf', '--draws', '50', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--pdf needs Chromium at \/nonexistent\/chromium, which is not installed/);
    expect(r.stderr).toMatch(/restverdi report: estimate \(\d+\.\d s\)/);
    expect(existsSync(join(dir, 'rapport.html'))).toBe(true);
    expect(existsSync(join(dir, 'rapport.xlsx'))).toBe(true);
    expect(existsSync(join(dir, 'rapport.pdf'))).toBe(false);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('the PDF', () => {
  it('prints the report on A4 pages with page numbers', async () => {
    const { html } = await testReport({ draws: 50 });
    const pdf = await printPdf(html, { pageLabel: 'Side', ofLabel: 'av' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdf.toString('latin1');
    const pages = text.match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThan(8);
    // A4 in points: 595.92 × 842.88 as chromium writes it.
    expect(text).toMatch(/\/MediaBox\s*\[0 0 595\.\d+ 841\.\d+\]|\/MediaBox\s*\[0 0 595\.\d+ 842\.\d+\]/);

    // The pages render to images: chromium's own PDF viewer draws them; its screenshot grows from an
    // empty dark frame (~10 kB) to rendered pages (> 60 kB) once they are drawn.
    const file = join(out(), 'rapport.pdf');
    writeFileSync(file, pdf);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: PDF_FLAGS });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      await page.goto(`file://${file}`).catch(() => {});
      let size = 0;
      for (let i = 0; i < 40 && size < 60_000; i++) {
        await page.waitForTimeout(500);
        size = (await page.screenshot()).length;
      }
      expect(size).toBeGreaterThan(60_000);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe('restverdi report with Enhetsregisteret imported', () => {
  const samples = join(import.meta.dirname, '../fixtures/enhetsregisteret-samples');
  it('counts the actors from the store, by form and by sector per municipality', async () => {
    const dir = out();
    const store = { file: join(dir, 'store.sqlite') };
    const imported = await runCli(
      [
        'import',
        'brreg',
        '--enheter',
        join(samples, 'enheter-selection.csv'),
        '--underenheter',
        join(samples, 'underenheter-selection.csv'),
      ],
      { store },
    );
    expect(imported.code).toBe(0);
    const summary = JSON.parse(
      (
        await runCli(['actors', 'summary', '--region', 'gjovik-hadeland-ringerike', '--format', 'json'], {
          store,
        })
      ).stdout,
    ) as { total: number; byForm: Record<string, number> };
    expect(summary.total).toBeGreaterThan(0);
    const r = await runCli(['report', '--out', dir, '--draws', '50'], { store });
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'rapport.html'), 'utf8');
    expect(html).not.toContain('Enhetsregisteret er ikke importert');
    expect(html).toContain(`I Enhetsregisteret er det ${fmt(summary.total, 'nb')} enheter`);
    for (const [form, n] of Object.entries(summary.byForm))
      expect(html).toContain(`<td>${form}</td><td class="n">${fmt(n, 'nb')}</td>`);
    expect(html).toContain('Enheter etter sektor (NACE) og kommune');
  });
});
