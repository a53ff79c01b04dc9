/**
 * SSB statistics through PxWebApi (v0 POST bodies, v2 POST selections), answered in JSON-stat 2 and
 * read with jsonstat-toolkit. Which table, which query and how its cells become our variables is data:
 * data/ssb/tables.json. Region codes in the 2024 grouping are `K-3305`; `K-21-22` (Svalbard) and `K-23`
 * (continental shelf) are no municipalities and are reported as skipped.
 */
import JSONstat from 'jsonstat-toolkit';
import { z } from 'zod';
import { AppError, type Issue } from '../domain/errors.ts';
import { type Message, message } from '../domain/message.ts';
import { type MunicipalityRegistry, resolveMunicipality } from '../domain/municipalities.ts';
import { problemsDetail } from './file-issues.ts';

const seriesSchema = z.object({
  match: z.record(z.string(), z.string()),
  variable: z.string().regex(/^[a-z_]+(\.[a-z_0-9]+)*$/),
  unit: z.string().min(1),
  name: z.string().min(1),
});

const tableSchema = z.object({
  api: z.enum(['v0', 'v2']),
  title: z.string().min(1),
  path: z.string().startsWith('/'),
  regionDimension: z.string().min(1),
  timeDimension: z.string().min(1),
  query: z.record(z.string(), z.unknown()),
  series: z.array(seriesSchema).min(1),
});

export const ssbTablesSchema = z.object({
  source: z.string().min(1),
  baseUrl: z.string().url(),
  tables: z.record(z.string().regex(/^\d{5}$/), tableSchema),
});

export type SsbTables = z.infer<typeof ssbTablesSchema>;
export type SsbTable = z.infer<typeof tableSchema>;

export function findSsbTable(tables: SsbTables, id: string): SsbTable {
  const t = tables.tables[id];
  if (!t)
    throw new AppError(
      'invalid_input',
      `SSB table ${id} is not configured in data/ssb/tables.json; configured: ${Object.keys(tables.tables).join(', ')}`,
      { detail: message('ssb_table_unknown', { table: id, configured: Object.keys(tables.tables) }) },
    );
  return t;
}

/**
 * The query body for a request: the configured one, with the time selection narrowed to `year`
 * (or the newest period) and the region selection to the given municipalities (`K-` codes).
 */
export function buildSsbQuery(
  table: SsbTable,
  options: { year?: number; municipalities?: string[] },
): unknown {
  const body = structuredClone(table.query) as Record<string, unknown>;
  const regions = options.municipalities?.map((m) => `K-${m}`);
  if (table.api === 'v0') {
    const query = ((body.query as { code: string; selection: unknown }[] | undefined) ?? []).filter(
      (q) => q.code !== table.timeDimension && !(regions && q.code === table.regionDimension),
    );
    const region = (body.query as { code: string; selection: { filter: string } }[] | undefined)?.find(
      (q) => q.code === table.regionDimension,
    );
    if (regions)
      query.unshift({
        code: table.regionDimension,
        selection: { filter: region?.selection.filter ?? 'agg:KommSummer', values: regions },
      });
    query.push({
      code: table.timeDimension,
      selection:
        options.year === undefined
          ? { filter: 'top', values: ['1'] }
          : { filter: 'item', values: [String(options.year)] },
    });
    return { ...body, query };
  }
  const selection = (
    (body.selection as { variableCode: string; codelist?: string }[] | undefined) ?? []
  ).filter(
    (s) => s.variableCode !== table.timeDimension && !(regions && s.variableCode === table.regionDimension),
  );
  const region = (body.selection as { variableCode: string; codelist?: string }[] | undefined)?.find(
    (s) => s.variableCode === table.regionDimension,
  );
  if (regions)
    selection.unshift({
      variableCode: table.regionDimension,
      ...(region?.codelist ? { codelist: region.codelist } : {}),
      valueCodes: regions,
    } as { variableCode: string });
  selection.push({
    variableCode: table.timeDimension,
    valueCodes: [options.year === undefined ? 'top(1)' : String(options.year)],
  } as { variableCode: string });
  return { ...body, selection };
}

/** POSTs the query and returns the parsed JSON; network and HTTP errors name the URL. */
export async function fetchSsb(
  url: string,
  body: unknown,
  fetchImpl: typeof fetch = fetch,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (cause) {
    throw new AppError('invalid_data', `SSB request to ${url} failed: ${(cause as Error).message}`, {
      cause,
      detail: message('service_unreachable', { service: 'ssb', url }),
    });
  }
  const text = await response.text();
  if (!response.ok)
    throw new AppError(
      'invalid_data',
      `SSB answered ${response.status} ${response.statusText} for ${url}: ${text.slice(0, 300)}`,
      { detail: message('service_status', { service: 'ssb', url, status: response.status }) },
    );
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new AppError('invalid_data', `SSB answer from ${url} is not JSON: ${text.slice(0, 120)}`, {
      cause,
      detail: message('service_not_json', { service: 'ssb', url }),
    });
  }
}

export interface SsbSeriesValue {
  municipality: string;
  numberInSource: string;
  variable: string;
  year: number;
  value: number;
}

export interface SsbParsed {
  label: string;
  updated: string | null;
  years: number[];
  values: SsbSeriesValue[];
  variables: Record<string, { unit: string; name: string }>;
  /** Region codes that are no municipality today, with the cells skipped. */
  skippedRegions: { code: string; cells: number; reason: string; detail: Message }[];
  /** Cells without a value (status symbols such as `..` or `:`), never stored as 0. */
  missingCells: { region: string; year: number; variable: string; status: string }[];
  unmappedCells: number;
}

/** Reads a JSON-stat 2 dataset into values per today's municipality, variable and year. */
export function parseSsbResponse(
  json: unknown,
  table: SsbTable,
  options: { registry: MunicipalityRegistry; source: string },
): SsbParsed {
  const ds = JSONstat(json);
  if (
    ds.class !== 'dataset' ||
    !ds.id.includes(table.regionDimension) ||
    !ds.id.includes(table.timeDimension)
  ) {
    const english = `not a JSON-stat 2 dataset with dimensions ${table.regionDimension} and ${table.timeDimension}`;
    const detail = message('ssb_not_dataset', {
      source: options.source,
      regionDimension: table.regionDimension,
      timeDimension: table.timeDimension,
    });
    throw new AppError('invalid_data', `${options.source}: ${english}`, {
      detail,
      issues: [{ path: options.source, message: english, detail }],
    });
  }
  const cells = ds.Transform({ type: 'arrobj', content: 'id', status: true }) ?? [];
  const issues: Issue[] = [];
  const sums = new Map<string, SsbSeriesValue>();
  const skipped = new Map<string, { code: string; cells: number; reason: string; detail: Message }>();
  const missingCells: SsbParsed['missingCells'] = [];
  const years = new Set<number>();
  let unmappedCells = 0;
  for (const cell of cells) {
    const series = table.series.find((s) =>
      Object.entries(s.match).every(([dim, code]) => cell[dim] === code),
    );
    if (!series) {
      unmappedCells++;
      continue;
    }
    const region = String(cell[table.regionDimension]);
    const year = Number(cell[table.timeDimension]);
    if (!Number.isInteger(year)) {
      issues.push({
        path: `${options.source}:${table.timeDimension}=${cell[table.timeDimension]}`,
        message: 'not a year',
        detail: message('ssb_period_not_year', {
          source: options.source,
          dimension: table.timeDimension,
          value: String(cell[table.timeDimension]),
        }),
      });
      continue;
    }
    years.add(year);
    const m = /^(?:K-)?(\d{4})$/.exec(region);
    const resolution = m ? resolveMunicipality(options.registry, m[1] as string) : undefined;
    if (!m || !resolution?.ok) {
      const s = skipped.get(region) ?? {
        code: region,
        cells: 0,
        reason: resolution && !resolution.ok ? resolution.reason : 'not a municipality code',
        detail:
          resolution && !resolution.ok
            ? resolution.detail
            : message('municipality_not_a_number', { value: region }),
      };
      s.cells++;
      skipped.set(region, s);
      continue;
    }
    const value = cell.value;
    if (typeof value !== 'number') {
      missingCells.push({ region, year, variable: series.variable, status: String(cell.status ?? 'null') });
      continue;
    }
    const key = `${resolution.number}|${series.variable}|${year}`;
    const sum = sums.get(key) ?? {
      municipality: resolution.number,
      numberInSource: m[1] as string,
      variable: series.variable,
      year,
      value: 0,
    };
    sum.value += value;
    sums.set(key, sum);
  }
  if (issues.length > 0)
    throw new AppError('invalid_data', `${options.source}: ${issues[0]?.path} ${issues[0]?.message}`, {
      issues,
      detail: problemsDetail(options.source, issues),
    });
  return {
    label: ds.label ?? table.title,
    updated: ds.updated,
    years: [...years].sort(),
    values: [...sums.values()].sort(
      (a, b) =>
        a.year - b.year ||
        a.municipality.localeCompare(b.municipality) ||
        a.variable.localeCompare(b.variable),
    ),
    variables: Object.fromEntries(table.series.map((s) => [s.variable, { unit: s.unit, name: s.name }])),
    skippedRegions: [...skipped.values()],
    missingCells,
    unmappedCells,
  };
}
