/** Small HTML building blocks: escaping, tables, figures. The report is one string, no DOM needed. */
export function esc(text: string | number): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export interface Column {
  head: string;
  /** Right-aligned (numbers). */
  num?: boolean;
}

export interface TableOptions {
  caption?: string;
  /** Last rows shown as totals (bold, rule above). */
  foot?: string[][];
  className?: string;
}

/** Cells are already-escaped HTML (so a cell may hold a <span>); use esc() for plain text. */
export function table(columns: Column[], rows: string[][], o: TableOptions = {}): string {
  const cls = (c: Column | undefined) => (c?.num ? ' class="n"' : '');
  const head = columns.map((c) => `<th${cls(c)}>${c.head}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((v, i) => `<td${cls(columns[i])}>${v}</td>`).join('')}</tr>`);
  const foot = (o.foot ?? []).map(
    (r) => `<tr>${r.map((v, i) => `<td${cls(columns[i])}>${v}</td>`).join('')}</tr>`,
  );
  return [
    `<table${o.className ? ` class="${o.className}"` : ''}>`,
    o.caption ? `<caption>${o.caption}</caption>` : '',
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>${body.join('')}</tbody>`,
    foot.length ? `<tfoot>${foot.join('')}</tfoot>` : '',
    '</table>',
  ].join('');
}

export function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${caption}</figcaption></figure>`;
}

export function section(id: string, title: string, body: string[]): string {
  return `<section id="${id}"><h2>${esc(title)}</h2>${body.join('\n')}</section>`;
}

/** A paragraph of plain text (escaped). */
export function para(text: string): string {
  return `<p>${esc(text)}</p>`;
}

/** A paragraph of HTML the caller has escaped. */
export function paraHtml(html: string): string {
  return `<p>${html}</p>`;
}

/** A note (missing data, caveats) in plain text. */
export function note(text: string): string {
  return `<p class="note">${esc(text)}</p>`;
}

export function list(items: string[]): string {
  return `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}
