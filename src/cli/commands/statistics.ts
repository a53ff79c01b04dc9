/**
 * Statistics and regions from open data: `import avvirkning|landbruk|ssb`, `stats harvest|datasets`,
 * `region create|list|show`. Imports parse every file first and write nothing unless all are valid;
 * the write itself is one transaction (src/store/statistics-repository.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { AppError, type Issue } from '../../domain/errors.ts';
import type { PreparedImport } from '../../domain/imports.ts';
import { resolveMunicipality } from '../../domain/municipalities.ts';
import { findObservation } from '../../domain/observations.ts';
import { findRegion, type Region } from '../../domain/regions.ts';
import { splitList } from '../../domain/selection.ts';
import {
  HARVEST_ASSORTMENTS,
  HARVEST_SPECIES,
  type HarvestAssortment,
  type HarvestSpecies,
} from '../../ingest/avvirkning.ts';
import {
  buildSsbQuery,
  fetchSsb,
  findSsbTable,
  parseSsbResponse,
  type SsbTables,
  ssbTablesSchema,
} from '../../ingest/ssb.ts';
import { prepareAvvirkningImport, prepareLandbrukImport } from '../../ingest/statistics-import.ts';
import { insertRegion, listRegions } from '../../store/reference-repository.ts';
import {
  type ImportedDataset,
  type ImportLogLine,
  listDatasets,
  observationsLike,
  writeImport,
} from '../../store/statistics-repository.ts';
import { type CliContext, municipalityLabel, parseInteger } from '../context.ts';
import { keyword, renderCsv, renderJson, renderTable } from '../format.ts';

const FORMATS = ['table', 'json', 'csv'] as const;

function readInput(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new AppError('invalid_input', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
}

async function writeAndReport(
  ctx: CliContext,
  { kind, files, datasets, log, summary }: PreparedImport,
  format: (typeof FORMATS)[number],
): Promise<string> {
  const result = await writeImport(ctx.store().db, {
    kind,
    files,
    datasets,
    log,
    now: new Date().toISOString(),
  });
  await ctx.reload();
  if (format === 'json') return renderJson({ importId: result.importId, imported: summary, log });
  const lines = summary.map(
    (s) =>
      `${s.file}: dataset ${s.dataset} (${s.year}), ${s.municipalities} municipalities, ${s.observations} observations${s.note ? `; ${s.note}` : ''}`,
  );
  const warnings = log
    .filter((l) => l.level === 'warning')
    .map((l) => `  ! ${l.position ?? ''} ${l.message}`);
  return `${[`import ${result.importId} (${kind}):`, ...lines, ...warnings].join('\n')}\n`;
}

export function registerStatistics(program: Command, ctx: CliContext): void {
  const imp = program
    .command('import')
    .description('import statistics from open-data files and APIs into the store');

  imp
    .command('avvirkning')
    .description(
      'roundwood harvest per municipality from Landbruksdirektoratet "Kommunevis avvirkning" (xlsx or CSV)',
    )
    .argument('<files...>', 'Kommunevis_avvirkning_<year>.xlsx or .csv')
    .option('--format <format>', 'table or json', 'table')
    .action(async (files: string[], opts: { format: string }) => {
      ctx.out(await runImportAvvirkning(ctx, files, opts));
    });

  imp
    .command('landbruk')
    .description(
      'livestock, crop areas and deliveries from Landbruksdirektoratet farm-level files (produksjonstilskudd, leveransedata korn/melk/slakt)',
    )
    .argument('<files...>', 'CSV files as published (type detected from the header)')
    .option('--year <year>', 'the year, for files without a year column or year in the name')
    .option('--partial <why>', 'mark the data as partial (files named *sample* are marked automatically)')
    .option('--format <format>', 'table or json', 'table')
    .action(async (files: string[], opts: { year?: string; partial?: string; format: string }) => {
      ctx.out(await runImportLandbruk(ctx, files, opts));
    });

  imp
    .command('ssb')
    .description('a table from SSB PxWebApi (configured in data/ssb/tables.json)')
    .requiredOption('--table <id>', 'table id, e.g. 03895')
    .option('--year <year>', 'the year (default: the newest period)')
    .option('--municipalities <list>', 'comma-separated municipality numbers (default: all)')
    .option('--base-url <url>', 'PxWebApi base URL (default: RESTVERDI_SSB_URL or data/ssb/tables.json)')
    .option('--format <format>', 'table or json', 'table')
    .action(
      async (opts: {
        table: string;
        year?: string;
        municipalities?: string;
        baseUrl?: string;
        format: string;
      }) => {
        ctx.out(await runImportSsb(ctx, opts));
      },
    );

  const stats = program.command('stats').description('statistics in the store');
  stats
    .command('harvest')
    .description('roundwood harvest per municipality, species and assortment (m3)')
    .option('--municipalities <list>', 'comma-separated municipality numbers (old numbers are mapped)')
    .option('--region <id>', 'the municipalities of a region')
    .option('--year <year>', 'the year (default: the newest year imported for these municipalities)')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (opts: { municipalities?: string; region?: string; year?: string; format: string }) => {
      ctx.out(await runStatsHarvest(ctx, opts));
    });
  stats
    .command('datasets')
    .description('datasets in the store with provenance and retrieval time')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (opts: { format: string }) => {
      const format = keyword(opts.format, 'format', FORMATS);
      const rows = await listDatasets(ctx.store().db);
      if (format === 'json') return ctx.out(renderJson({ datasets: rows }));
      if (format === 'csv')
        return ctx.out(
          renderCsv(rows as unknown as Record<string, unknown>[], Object.keys(rows[0] ?? { id: '' })),
        );
      ctx.out(
        `${renderTable(
          ['Dataset', 'Year', 'Observations', 'Provenance', 'Retrieved'],
          rows.map((r) => [r.id, String(r.year), String(r.observations), r.provenance, r.retrievedAt]),
          [false, true, true, false, false],
        )}\n`,
      );
    });

  const region = program
    .command('region')
    .description('create, list and show regions (sets of municipalities)');
  region
    .command('create')
    .description('create a region from municipality numbers (old numbers are mapped to today’s)')
    .requiredOption('--id <id>', 'id: lower case letters, digits and dashes')
    .requiredOption('--name <name>', 'name')
    .option('--municipalities <list>', 'comma-separated municipality numbers')
    .option(
      '--subregion <Name=NR,NR>',
      'a sub-region (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--description <text>', 'description')
    .option('--format <format>', 'table or json', 'table')
    .action(
      async (opts: {
        id: string;
        name: string;
        municipalities?: string;
        subregion: string[];
        description?: string;
        format: string;
      }) => {
        ctx.out(await runRegionCreate(ctx, opts));
      },
    );
  region
    .command('list')
    .description('list regions')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (opts: { format: string }) => {
      const format = keyword(opts.format, 'format', FORMATS);
      const rows = (await listRegions(ctx.store().db)).map((r) => ({
        id: r.id,
        name: r.name,
        municipalities: r.municipalities.length,
        subRegions: r.subRegions.length,
        builtin: r.builtin,
      }));
      if (format === 'json') return ctx.out(renderJson({ regions: rows }));
      if (format === 'csv')
        return ctx.out(renderCsv(rows, ['id', 'name', 'municipalities', 'subRegions', 'builtin']));
      ctx.out(
        `${renderTable(
          ['Region', 'Name', 'Municipalities', 'Sub-regions', 'Built in'],
          rows.map((r) => [
            r.id,
            r.name,
            String(r.municipalities),
            String(r.subRegions),
            r.builtin ? 'yes' : 'no',
          ]),
        )}\n`,
      );
    });
  region
    .command('show')
    .description('a region’s municipalities and which statistics exist for each (newest year)')
    .argument('<id>', 'region id')
    .option('--format <format>', 'table or json', 'table')
    .action((id: string, opts: { format: string }) => {
      ctx.out(runRegionShow(ctx, id, opts));
    });
}

export async function runImportAvvirkning(
  ctx: CliContext,
  files: string[],
  opts: { format: string },
): Promise<string> {
  const format = keyword(opts.format, 'format', FORMATS);
  const prepared = await prepareAvvirkningImport(
    files.map((f) => ({ name: basename(f), bytes: readInput(f) })),
    ctx.data().registry,
  );
  return writeAndReport(ctx, prepared, format);
}

function loadJson(dataDir: string, path: string): unknown {
  return JSON.parse(readFileSync(join(dataDir, path), 'utf8'));
}

export async function runImportLandbruk(
  ctx: CliContext,
  files: string[],
  opts: { year?: string; partial?: string; format: string },
): Promise<string> {
  const format = keyword(opts.format, 'format', FORMATS);
  const year = opts.year === undefined ? undefined : parseInteger(opts.year, 'year', 1990, 2100);
  const data = ctx.data();
  const prepared = await prepareLandbrukImport(
    files.map((f) => ({ name: basename(f), bytes: readInput(f) })),
    {
      registry: data.registry,
      dataDir: data.dataDir,
      ...(year === undefined ? {} : { year }),
      ...(opts.partial ? { partial: opts.partial } : {}),
    },
  );
  return writeAndReport(ctx, prepared, format);
}

export function loadSsbTables(dataDir: string): SsbTables {
  const r = ssbTablesSchema.safeParse(loadJson(dataDir, 'ssb/tables.json'));
  if (!r.success)
    throw new AppError(
      'invalid_data',
      `data/ssb/tables.json: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`,
    );
  return r.data;
}

export async function runImportSsb(
  ctx: CliContext,
  opts: { table: string; year?: string; municipalities?: string; baseUrl?: string; format: string },
): Promise<string> {
  const format = keyword(opts.format, 'format', FORMATS);
  const data = ctx.data();
  const tables = loadSsbTables(data.dataDir);
  const table = findSsbTable(tables, opts.table);
  const year = opts.year === undefined ? undefined : parseInteger(opts.year, 'year', 1900, 2100);
  const municipalities = splitList(opts.municipalities)?.map((raw) => {
    const r = resolveMunicipality(data.registry, raw);
    if (!r.ok) throw new AppError('unknown_municipality', `--municipalities: ${raw}: ${r.reason}`);
    return r.number;
  });
  const base = (opts.baseUrl ?? process.env.RESTVERDI_SSB_URL ?? tables.baseUrl).replace(/\/+$/, '');
  const url = `${base}${table.path}`;
  const query = buildSsbQuery(table, {
    ...(year === undefined ? {} : { year }),
    ...(municipalities ? { municipalities } : {}),
  });
  const retrievedAt = new Date().toISOString();
  const json = await fetchSsb(url, query);
  const parsed = parseSsbResponse(json, table, { registry: data.registry, source: `SSB ${opts.table}` });
  if (parsed.values.length === 0)
    throw new AppError(
      'invalid_data',
      `SSB ${opts.table}: the answer holds no municipality values (nothing imported)`,
    );
  const subset = municipalities
    ? `-${createHash('sha256').update(municipalities.join(',')).digest('hex').slice(0, 8)}`
    : '';
  const datasets: ImportedDataset[] = parsed.years.map((y) => {
    const id = `ssb-${opts.table}-${y}${subset}`;
    const values = parsed.values.filter((v) => v.year === y);
    return {
      dataset: {
        id,
        title: `${parsed.label}${municipalities ? ` (municipalities ${municipalities.join(', ')})` : ''}`,
        year: y,
        yearNote: `SSB table ${opts.table}, period ${y}${parsed.updated ? `, table updated ${parsed.updated}` : ''}; retrieved ${retrievedAt}.`,
        source: {
          citation: `Statistisk sentralbyrå (SSB), table ${opts.table}: ${parsed.label}`,
          url,
          table: `${opts.table} (PxWebApi ${table.api}) query ${JSON.stringify(query)}`,
          licence: 'CC BY 4.0 (SSB)',
        },
        variables: parsed.variables,
      },
      provenance: `ssb:${opts.table}`,
      observations: values.map((v) => ({
        municipality: v.municipality,
        ...(v.numberInSource !== v.municipality ? { numberInSource: v.numberInSource } : {}),
        variable: v.variable,
        year: v.year,
        value: v.value,
        unit: parsed.variables[v.variable]?.unit ?? '1',
        dataset: id,
      })),
    };
  });
  const log: ImportLogLine[] = [
    ...parsed.skippedRegions.map((s) => ({
      level: 'warning' as const,
      position: `${opts.table}:${s.code}`,
      message: `${s.cells} cell(s) skipped: ${s.reason}`,
    })),
    ...parsed.missingCells.map((m) => ({
      level: 'warning' as const,
      position: `${opts.table}:${m.region}:${m.year}`,
      message: `${m.variable}: no value (status ${m.status}); not stored`,
    })),
  ];
  const summary = datasets.map((d) => ({
    file: url,
    dataset: d.dataset.id,
    year: d.dataset.year,
    municipalities: new Set(d.observations.map((o) => o.municipality)).size,
    observations: d.observations.length,
    skippedRegions: parsed.skippedRegions,
    missingCells: parsed.missingCells.length,
    query,
    retrievedAt,
  }));
  return writeAndReport(ctx, { kind: 'ssb', files: [url], datasets, log, summary }, format);
}

export async function runStatsHarvest(
  ctx: CliContext,
  opts: { municipalities?: string; region?: string; year?: string; format: string },
): Promise<string> {
  const format = keyword(opts.format, 'format', FORMATS);
  const data = ctx.data();
  let municipalities: string[];
  if (opts.municipalities !== undefined) {
    const issues: Issue[] = [];
    municipalities = [];
    for (const raw of splitList(opts.municipalities) ?? []) {
      const r = /^\d{1,4}$/.test(raw) ? resolveMunicipality(data.registry, raw) : undefined;
      if (!r?.ok) issues.push({ path: raw, message: r && !r.ok ? r.reason : 'not a municipality number' });
      else if (!municipalities.includes(r.number)) municipalities.push(r.number);
    }
    if (issues.length > 0)
      throw new AppError(
        'unknown_municipality',
        `--municipalities: ${issues.map((i) => `${i.path} (${i.message})`).join('; ')}`,
        {
          issues,
        },
      );
  } else if (opts.region !== undefined) {
    municipalities = findRegion(data.regions, opts.region).municipalities;
  } else {
    throw new AppError('invalid_input', 'give --municipalities NR,… or --region ID');
  }
  if (municipalities.length === 0) throw new AppError('invalid_input', '--municipalities is empty');
  const species = new Set<string>(HARVEST_SPECIES);
  const assortments = new Set<string>(HARVEST_ASSORTMENTS);
  const all = (await observationsLike(ctx.store().db, 'harvest.', municipalities))
    .map((o) => {
      const [, s, a] = o.variable.split('.');
      return { o, s, a };
    })
    .filter(({ s, a }) => s && a && species.has(s) && assortments.has(a));
  const years = [...new Set(all.map(({ o }) => o.year))].sort((a, b) => b - a);
  const year = opts.year === undefined ? years[0] : parseInteger(opts.year, 'year', 1900, 2100);
  if (year === undefined || !years.includes(year)) {
    throw new AppError(
      'missing_statistics',
      `no harvest by species and assortment for ${municipalities.join(', ')}${opts.year ? ` in ${opts.year}` : ''}; years in the store: ${years.join(', ') || 'none'} (import with \`restverdi import avvirkning FILE\`)`,
    );
  }
  const rows = all
    .filter(({ o }) => o.year === year)
    .map(({ o, s, a }) => ({
      municipality: o.municipality,
      year: o.year,
      species: s as HarvestSpecies,
      assortment: a as HarvestAssortment,
      m3: o.value,
      dataset: o.dataset_id,
    }))
    .sort(
      (x, y) =>
        municipalities.indexOf(x.municipality) - municipalities.indexOf(y.municipality) ||
        HARVEST_SPECIES.indexOf(x.species) - HARVEST_SPECIES.indexOf(y.species) ||
        HARVEST_ASSORTMENTS.indexOf(x.assortment) - HARVEST_ASSORTMENTS.indexOf(y.assortment),
    );
  const without = municipalities.filter((m) => !rows.some((r) => r.municipality === m));
  const yearNote =
    opts.year === undefined
      ? `newest year with harvest for these municipalities: ${year} (years in the store: ${years.join(', ')})`
      : `year ${year} as asked`;
  const totals = HARVEST_SPECIES.map((s) => ({
    species: s,
    m3: rows.filter((r) => r.species === s).reduce((sum, r) => sum + r.m3, 0),
  }));
  if (format === 'json')
    return renderJson({ year, yearNote, municipalities, municipalitiesWithoutRows: without, rows, totals });
  if (format === 'csv')
    return renderCsv(rows, ['municipality', 'year', 'species', 'assortment', 'm3', 'dataset']);
  const n = (v: number) => Math.round(v).toLocaleString('nb-NO');
  return [
    `Avvirkning ${year} (${yearNote})`,
    renderTable(
      ['Kommune', 'Treslag', 'Sortiment', 'm3'],
      rows.map((r) => [municipalityLabel(data, r.municipality), r.species, r.assortment, n(r.m3)]),
      [false, false, false, true],
    ),
    '',
    renderTable(
      ['Treslag', 'm3'],
      totals.map((t) => [t.species, n(t.m3)]),
      [false, true],
    ),
    ...(without.length > 0 ? ['', `No harvest rows for ${without.join(', ')} in ${year}.`] : []),
    '',
  ].join('\n');
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/å/g, 'a')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'sub'
  );
}

export async function runRegionCreate(
  ctx: CliContext,
  opts: {
    id: string;
    name: string;
    municipalities?: string;
    subregion: string[];
    description?: string;
    format: string;
  },
): Promise<string> {
  const format = keyword(opts.format, 'format', FORMATS);
  const data = ctx.data();
  const issues: Issue[] = [];
  if (!SLUG.test(opts.id))
    issues.push({ path: '--id', message: `"${opts.id}" is not an id (lower case letters, digits, dashes)` });
  if (!opts.name.trim()) issues.push({ path: '--name', message: 'empty' });
  const map = (raw: string, where: string): string | undefined => {
    const r = /^\d{1,4}$/.test(raw) ? resolveMunicipality(data.registry, raw) : undefined;
    if (r?.ok) return r.number;
    issues.push({ path: where, message: `${raw}: ${r && !r.ok ? r.reason : 'not a municipality number'}` });
    return undefined;
  };
  const subRegions = opts.subregion.map((spec, i) => {
    const eq = spec.indexOf('=');
    const name = eq > 0 ? spec.slice(0, eq).trim() : '';
    if (!name) issues.push({ path: `--subregion[${i + 1}]`, message: `"${spec}" is not "Name=NR,NR"` });
    const members = (splitList(eq > 0 ? spec.slice(eq + 1) : '') ?? [])
      .map((m) => map(m, `--subregion ${name || i + 1}`))
      .filter((m): m is string => m !== undefined);
    if (eq > 0 && members.length === 0)
      issues.push({ path: `--subregion ${name}`, message: 'no municipalities' });
    return { id: slug(name), name, municipalities: members };
  });
  const listed = splitList(opts.municipalities)
    ?.map((m) => map(m, '--municipalities'))
    .filter((m): m is string => m !== undefined);
  const municipalities = [...new Set(listed ?? subRegions.flatMap((s) => s.municipalities))];
  if (municipalities.length === 0 && issues.length === 0)
    issues.push({ path: '--municipalities', message: 'a region needs at least one municipality' });
  const inSubs = subRegions.flatMap((s) => s.municipalities);
  for (const m of inSubs)
    if (!municipalities.includes(m))
      issues.push({ path: '--subregion', message: `${m} is in a sub-region but not in --municipalities` });
  for (const m of new Set(inSubs.filter((m, i) => inSubs.indexOf(m) !== i)))
    issues.push({ path: '--subregion', message: `${m} is in more than one sub-region` });
  const subIds = subRegions.map((s) => s.id);
  for (const id of new Set(subIds.filter((s, i) => subIds.indexOf(s) !== i)))
    issues.push({ path: '--subregion', message: `two sub-regions are named ${id}` });
  if (data.regions.some((r) => r.id === opts.id))
    issues.push({ path: '--id', message: `region ${opts.id} exists already` });
  if (issues.length > 0)
    throw new AppError(
      'invalid_input',
      `region ${opts.id} not created: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    );
  const region: Region = {
    id: opts.id,
    name: opts.name.trim(),
    municipalities,
    subRegions,
    ...(opts.description ? { description: opts.description } : {}),
  };
  await ctx
    .store()
    .db.transaction()
    .execute((trx) => insertRegion(trx, region, false, new Date().toISOString()));
  await ctx.reload();
  if (format === 'json') return renderJson({ region });
  return `created region ${region.id} (${region.name}): ${municipalities.map((m) => municipalityLabel(data, m)).join(', ')}\n`;
}

/** Statistic prefixes shown per municipality in `region show`. */
const COVERAGE = ['population', 'harvest.total', 'area.bygg', 'area.potet', 'livestock.melkeku'];

export function runRegionShow(ctx: CliContext, id: string, opts: { format: string }): string {
  const format = keyword(opts.format, 'format', ['table', 'json'] as const);
  const data = ctx.data();
  const region = findRegion(data.regions, id);
  const members = region.municipalities.map((nr) => {
    const m = data.registry.municipalities.get(nr);
    const sub = region.subRegions.find((s) => s.municipalities.includes(nr));
    const statistics = Object.fromEntries(
      COVERAGE.map((v) => {
        const o = findObservation(data.statistics, nr, v);
        const partial = o ? data.statistics.datasets.get(o.dataset)?.source.partial !== undefined : false;
        return [v, o ? { year: o.year, dataset: o.dataset, ...(partial ? { partial: true } : {}) } : null];
      }),
    );
    return {
      number: nr,
      name: m?.name ?? '',
      county: m?.county ?? '',
      subRegion: sub?.name ?? null,
      statistics,
    };
  });
  if (format === 'json') return renderJson({ region, members });
  return `${region.name} (${region.id})\n${renderTable(
    ['Kommune', 'Fylke', 'Delregion', ...COVERAGE],
    members.map((m) => [
      `${m.number} ${m.name}`,
      m.county,
      m.subRegion ?? '',
      ...COVERAGE.map((v) => {
        const s = m.statistics[v] as { year: number; partial?: boolean } | null;
        return s ? `${s.year}${s.partial ? ' (partial)' : ''}` : '–';
      }),
    ]),
  )}\n`;
}
