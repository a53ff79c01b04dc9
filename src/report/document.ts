/**
 * The report as one self-contained HTML file: styles inline, charts and maps as inline SVG, no
 * scripts and no network. Printing it (A4) gives the PDF.
 */
import type { BuiltReport } from './build.ts';
import { isoDate } from './format.ts';
import { esc } from './html.ts';
import { renderReportTable } from './render-table.ts';

const CSS = `
:root { --ink: #1d2327; --muted: #5b6770; --rule: #d5dbe0; --accent: #2e7d32; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); margin: 0; line-height: 1.45; font-size: 10.5pt; }
main { max-width: 190mm; margin: 0 auto; padding: 12mm 8mm; }
header.cover { border-bottom: 3px solid var(--accent); margin-bottom: 8mm; padding-bottom: 4mm; }
header.cover h1 { font-size: 24pt; margin: 0 0 2mm; }
header.cover p { margin: 1mm 0; color: var(--muted); }
h2 { font-size: 15pt; border-bottom: 1px solid var(--rule); padding-bottom: 1mm; margin-top: 10mm; break-after: avoid; }
section { break-before: page; }
section:first-of-type { break-before: auto; }
nav ol { columns: 2; padding-left: 5mm; }
figure { margin: 4mm 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 4mm 0; font-size: 8.5pt; break-inside: auto; }
caption { text-align: left; font-weight: bold; padding-bottom: 1mm; font-size: 9.5pt; }
caption .src { display: block; font-weight: normal; color: var(--muted); font-size: 8pt; }
th, td { border-bottom: 1px solid var(--rule); padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #f1f4f6; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: bold; border-top: 1.5px solid var(--ink); }
tr { break-inside: avoid; }
td { overflow-wrap: break-word; }
.url { word-break: break-all; }
table.wide td:first-child { white-space: nowrap; }
table.wide { font-size: 7pt; }
table.wide th, table.wide td { padding: 0.8mm 0.9mm; }
table.wide th { white-space: normal; overflow-wrap: anywhere; hyphens: auto; }
table.wide td.n { white-space: nowrap; }
.sitenr { display: inline-block; min-width: 1.4em; font-weight: bold; }
.missing { color: #b0463c; font-style: italic; }
p.note { background: #fff6e0; border-left: 3px solid #e0a000; padding: 1.5mm 3mm; font-size: 9.5pt; }
code { font-size: 8.5pt; }
ul { padding-left: 5mm; }
li { margin: 0.5mm 0; font-size: 9.5pt; }
footer { margin-top: 10mm; border-top: 1px solid var(--rule); color: var(--muted); font-size: 8.5pt; }
@page { size: A4; margin: 15mm 12mm 18mm; }
@media print { main { padding: 0; max-width: none; } }
`;

export function renderHtml(report: BuiltReport): string {
  const { ctx, sections, options } = report;
  const { T, lang } = ctx;
  const date = isoDate(options.now);
  const year = options.year === undefined ? T.newestYear : String(options.year);
  const body = sections.map((s) => {
    const parts = s.blocks.map((b) =>
      'html' in b ? b.html : b.table.sheetOnly ? '' : renderReportTable(b.table, lang, T.missing, T.source),
    );
    return `<section id="${s.id}"><h2>${esc(s.title)}</h2>\n${parts.filter(Boolean).join('\n')}\n</section>`;
  });
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Restverdi">
<title>${esc(T.reportTitle(ctx.region.name))}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header class="cover">
<h1>${esc(T.reportTitle(ctx.region.name))}</h1>
<p>${esc(T.subtitle)}</p>
<p class="generated">${esc(T.generated(date, ctx.profile.id, year))}</p>
</header>
<nav><h2>${esc(T.contents)}</h2><ol>${sections.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`).join('')}</ol></nav>
${body.join('\n')}
<footer><p>${esc(T.generated(date, ctx.profile.id, year))}</p></footer>
</main>
</body>
</html>
`;
}
