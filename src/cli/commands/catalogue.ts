/** Listing commands: regions, municipalities, residue kinds. */
import type { Command } from 'commander';
import { message } from '../../domain/message.ts';
import { type Resolution, resolveMunicipality } from '../../domain/municipalities.ts';
import { findObservation } from '../../domain/observations.ts';
import { findRegion } from '../../domain/regions.ts';
import { renderMessage } from '../../messages/catalogue.ts';
import type { CliContext } from '../context.ts';
import {
  type Format,
  formatCoefficient,
  keyword,
  type Lang,
  renderCsv,
  renderJson,
  renderTable,
} from '../format.ts';
import { t } from '../i18n.ts';

interface ListOptions {
  format: string;
  lang: string;
}

const FORMATS = ['table', 'json', 'csv'] as const satisfies readonly Format[];
const LANGS = ['nb', 'en'] as const satisfies readonly Lang[];

export function registerCatalogue(program: Command, ctx: CliContext): void {
  program
    .command('regions')
    .description('list regions and their sub-regions')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action((opts: ListOptions) => ctx.out(runRegions(ctx, opts)));

  program
    .command('municipalities')
    .description('list today’s municipalities (2024 division), or map old numbers to today’s')
    .option('--region <id>', 'only the municipalities of this region')
    .option('--resolve <list>', 'comma-separated numbers (e.g. 3007,3053) to map to today’s')
    .option(
      '--format <format>',
      'table, json, csv or geojson (simplified 2024 boundaries with population, area and centroid)',
      'table',
    )
    .option('--lang <lang>', 'nb or en', 'nb')
    .action((opts: ListOptions & { region?: string; resolve?: string }) =>
      ctx.out(runMunicipalities(ctx, opts)),
    );

  program
    .command('kinds')
    .description('list residue kinds with dry-matter share and regulatory class')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action((opts: ListOptions) => ctx.out(runKinds(ctx, opts)));
}

export function runRegions(ctx: CliContext, opts: ListOptions): string {
  const format = keyword(opts.format, 'format', FORMATS);
  const lang = keyword(opts.lang, 'lang', LANGS);
  const { regions, registry } = ctx.data();
  if (format === 'json') return renderJson({ regions });
  const rows = regions.flatMap((r) =>
    r.subRegions.flatMap((s) =>
      s.municipalities.map((nr) => ({
        region: r.id,
        subRegion: s.name,
        municipality: nr,
        name: registry.municipalities.get(nr)?.name ?? '',
      })),
    ),
  );
  if (format === 'csv') return renderCsv(rows, ['region', 'subRegion', 'municipality', 'name']);
  return `${renderTable(
    [t('region', lang), t('subRegion', lang), t('municipality', lang)],
    rows.map((r) => [r.region, r.subRegion, `${r.municipality} ${r.name}`]),
  )}\n`;
}

export function runMunicipalities(
  ctx: CliContext,
  opts: ListOptions & { region?: string; resolve?: string },
): string {
  if (opts.format === 'geojson' && !opts.resolve) return renderMunicipalitiesGeojson(ctx, opts.region);
  const format = keyword(opts.format, 'format', FORMATS);
  const lang = keyword(opts.lang, 'lang', LANGS);
  const data = ctx.data();
  if (opts.resolve) {
    const rows = opts.resolve.split(',').map((raw) => {
      const input = raw.trim();
      const isNumber = /^\d{1,4}$/.test(input);
      const r: Resolution = isNumber
        ? resolveMunicipality(data.registry, input)
        : {
            ok: false,
            reason: 'not a municipality number (four digits)',
            candidates: [],
            detail: message('municipality_not_a_number', { value: input }),
          };
      // Why a number does not resolve, in the language (the resolver's reason is English).
      const why = r.ok
        ? ''
        : renderMessage(
            isNumber
              ? message('region_number_unresolved', { input, candidates: r.candidates })
              : message('region_number_invalid', { input }),
            lang,
          );
      return r.ok
        ? {
            input: raw.trim(),
            number: r.number,
            name: data.registry.municipalities.get(r.number)?.name ?? '',
            note: r.via.map((v) => `${v.from}→${v.to} (${v.validFrom})`).join(', '),
          }
        : { input: raw.trim(), number: '', name: '', note: format === 'table' ? why : r.reason };
    });
    if (format === 'json') return renderJson({ rows });
    if (format === 'csv') return renderCsv(rows, ['input', 'number', 'name', 'note']);
    return `${renderTable(
      [t('input', lang), t('municipality', lang), t('name', lang), t('note', lang)],
      rows.map((r) => [r.input, r.number, r.name, r.note]),
    )}\n`;
  }
  const numbers = opts.region
    ? findRegion(data.regions, opts.region).municipalities
    : [...data.registry.municipalities.keys()].sort();
  const rows = numbers.map((nr) => {
    const m = data.registry.municipalities.get(nr);
    return { number: nr, name: m?.name ?? '', county: m?.county ?? '' };
  });
  if (format === 'json') {
    const facts = municipalityFacts(ctx);
    return renderJson({ municipalities: rows.map((r) => ({ ...r, ...facts(r.number) })) });
  }
  if (format === 'csv') return renderCsv(rows, ['number', 'name', 'county']);
  return `${renderTable(
    [t('municipality', lang), t('name', lang), t('county', lang)],
    rows.map((r) => [r.number, r.name, r.county]),
  )}\n`;
}

export function runKinds(ctx: CliContext, opts: ListOptions): string {
  const format = keyword(opts.format, 'format', FORMATS);
  const lang = keyword(opts.lang, 'lang', LANGS);
  const { kinds } = ctx.data();
  if (format === 'json') return renderJson({ kinds });
  const rows = kinds.map((k) => ({
    id: k.id,
    name: k.name[lang],
    group: k.group,
    dmShare: k.dmShare.value,
    dmLow: k.dmShare.low,
    dmHigh: k.dmShare.high,
    regulatoryClass: k.regulatoryClass,
  }));
  if (format === 'csv')
    return renderCsv(rows, ['id', 'name', 'group', 'dmShare', 'dmLow', 'dmHigh', 'regulatoryClass']);
  const n = (v: number) => formatCoefficient(v, lang);
  return `${renderTable(
    [t('id', lang), t('name', lang), t('group', lang), t('dmShare', lang), t('class', lang)],
    rows.map((r) => [
      r.id,
      r.name,
      r.group,
      `${n(r.dmShare)} (${n(r.dmLow)}–${n(r.dmHigh)})`,
      r.regulatoryClass,
    ]),
  )}\n`;
}

/** Population, area and centroid of a municipality, with the year of the statistics used. */
function municipalityFacts(ctx: CliContext): (nr: string) => Record<string, unknown> {
  const data = ctx.data();
  const centroids = ctx.workspace().files.centroids();
  return (nr) => {
    const population = findObservation(data.statistics, nr, 'population');
    const area = findObservation(data.statistics, nr, 'area.total_km2');
    const c = centroids.get(nr);
    return {
      ...(population ? { population: population.value, populationYear: population.year } : {}),
      ...(area ? { areaKm2: area.value } : {}),
      ...(c ? { centroid: { lat: c.lat, lon: c.lon } } : {}),
    };
  };
}

/**
 * The 2024 municipalities (or a region's) as a GeoJSON FeatureCollection: Kartverket's simplified
 * boundaries (data/sources/kommuner-geojson-2024/Kommuner-S.geojson) with number, name, county,
 * population, area and centroid as properties.
 */
export function renderMunicipalitiesGeojson(ctx: CliContext, regionId?: string): string {
  const data = ctx.data();
  const boundaries = ctx.workspace().files.boundaries();
  const wanted = new Set(
    regionId ? findRegion(data.regions, regionId).municipalities : data.registry.municipalities.keys(),
  );
  const facts = municipalityFacts(ctx);
  const features = [...boundaries.values()]
    .filter((f) => wanted.has(f.number))
    .map((f) => {
      const m = data.registry.municipalities.get(f.number);
      return {
        type: 'Feature',
        id: f.number,
        properties: {
          number: f.number,
          name: m?.name ?? f.name,
          county: m?.county ?? '',
          ...facts(f.number),
        },
        geometry: f.geometry,
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  return `${JSON.stringify({
    type: 'FeatureCollection',
    attribution:
      '© Kartverket (CC BY 4.0), simplified by robhop/fylker-og-kommuner; population and area: SSB (CC BY 4.0)',
    features,
  })}\n`;
}
