/** Statistics in the store: the datasets with their provenance, and roundwood harvest per municipality. */
import { AppError, type Issue } from '../domain/errors.ts';
import { type Message, message } from '../domain/message.ts';
import { resolveMunicipality } from '../domain/municipalities.ts';
import type { Observation } from '../domain/observations.ts';
import { findRegion } from '../domain/regions.ts';
import {
  HARVEST_ASSORTMENTS,
  HARVEST_SPECIES,
  type HarvestAssortment,
  type HarvestSpecies,
} from '../ingest/avvirkning.ts';
import type { StoredDataset } from '../store/statistics-repository.ts';
import * as repository from '../store/statistics-repository.ts';
import type { Workspace } from './workspace.ts';

export type { StoredDataset };

export async function listDatasets(ws: Workspace): Promise<StoredDataset[]> {
  return repository.listDatasets(ws.store.db);
}

export interface HarvestRequest {
  /** Municipality numbers (old ones are mapped); or give `region`. */
  municipalities?: string[];
  region?: string;
  /** Default: the newest year imported for these municipalities. */
  year?: number;
}

/** A type, not an interface, so rows render as records. */
export type HarvestRow = {
  municipality: string;
  year: number;
  species: HarvestSpecies;
  assortment: HarvestAssortment;
  m3: number;
  dataset: string;
};

export interface HarvestAnswer {
  year: number;
  /** In English; `yearBasis` says it in the user's language. */
  yearNote: string;
  /** Which year, and why: the newest with harvest, or the one asked for. */
  yearBasis: Message<'harvest_year_newest' | 'harvest_year_asked'>;
  municipalities: string[];
  municipalitiesWithoutRows: string[];
  rows: HarvestRow[];
  totals: { species: HarvestSpecies; m3: number }[];
}

/** Roundwood harvest per municipality, species and assortment (m3) of one year, from the imports. */
export async function harvestStatistics(ws: Workspace, request: HarvestRequest): Promise<HarvestAnswer> {
  const data = await ws.reference();
  let municipalities: string[];
  if (request.municipalities !== undefined) {
    const issues: Issue[] = [];
    municipalities = [];
    for (const raw of request.municipalities) {
      const r = /^\d{1,4}$/.test(raw) ? resolveMunicipality(data.registry, raw) : undefined;
      if (!r?.ok)
        issues.push({
          path: raw,
          message: r && !r.ok ? r.reason : 'not a municipality number',
          detail: (r && !r.ok ? r.detail : undefined) ?? message('region_number_invalid', { input: raw }),
        });
      else if (!municipalities.includes(r.number)) municipalities.push(r.number);
    }
    if (issues.length > 0)
      throw new AppError(
        'unknown_municipality',
        `municipalities: ${issues.map((i) => `${i.path} (${i.message})`).join('; ')}`,
        {
          issues,
          detail:
            issues.length === 1 && issues[0]?.detail
              ? issues[0].detail
              : message('municipalities_invalid', { problems: issues.length }),
        },
      );
  } else if (request.region !== undefined) {
    municipalities = findRegion(data.regions, request.region).municipalities;
  } else {
    throw new AppError('invalid_input', 'give municipality numbers or a region', {
      detail: message('municipalities_or_region', {}),
    });
  }
  if (municipalities.length === 0)
    throw new AppError('invalid_input', 'the list of municipalities is empty', {
      detail: message('list_empty', { name: 'municipalities' }),
    });
  const species = new Set<string>(HARVEST_SPECIES);
  const assortments = new Set<string>(HARVEST_ASSORTMENTS);
  // Per municipality, variable and year the observation the estimate would read (the index's order:
  // complete before partial, imported before shipped).
  const all: { o: Observation; s: string; a: string }[] = [];
  for (const m of municipalities)
    for (const [variable, list] of data.statistics.byMunicipality.get(m) ?? []) {
      const [prefix, s, a] = variable.split('.');
      if (prefix !== 'harvest' || !s || !a || !species.has(s) || !assortments.has(a)) continue;
      const seen = new Set<number>();
      for (const o of list) {
        if (seen.has(o.year)) continue;
        seen.add(o.year);
        all.push({ o, s, a });
      }
    }
  const years = [...new Set(all.map(({ o }) => o.year))].sort((a, b) => b - a);
  const year = request.year ?? years[0];
  if (year === undefined || !years.includes(year)) {
    throw new AppError(
      'missing_statistics',
      `no harvest by species and assortment for ${municipalities.join(', ')}${request.year ? ` in ${request.year}` : ''}; years in the store: ${years.join(', ') || 'none'} (import with \`restverdi import avvirkning FILE\`)`,
      { detail: message('harvest_missing', { municipalities, year: request.year ?? null, years }) },
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
      dataset: o.dataset,
    }))
    .sort(
      (x, y) =>
        municipalities.indexOf(x.municipality) - municipalities.indexOf(y.municipality) ||
        HARVEST_SPECIES.indexOf(x.species) - HARVEST_SPECIES.indexOf(y.species) ||
        HARVEST_ASSORTMENTS.indexOf(x.assortment) - HARVEST_ASSORTMENTS.indexOf(y.assortment),
    );
  const without = municipalities.filter((m) => !rows.some((r) => r.municipality === m));
  const yearNote =
    request.year === undefined
      ? `newest year with harvest for these municipalities: ${year} (years in the store: ${years.join(', ')})`
      : `year ${year} as asked`;
  const yearBasis =
    request.year === undefined
      ? message('harvest_year_newest', { year, years })
      : message('harvest_year_asked', { year });
  const totals = HARVEST_SPECIES.map((s) => ({
    species: s,
    m3: rows.filter((r) => r.species === s).reduce((sum, r) => sum + r.m3, 0),
  }));
  return { year, yearNote, yearBasis, municipalities, municipalitiesWithoutRows: without, rows, totals };
}
