/**
 * Small pulls and updates through the Enhetsregisteret API: a municipality's units (split into
 * narrower queries when a result passes the API's 10 000 paging limit) and the update feed since the
 * last import. Both write through an `ActorImportSink`, in one transaction each.
 */
import type { ActorImportSink, ApplyCounts, BrregUnit, UnitType } from '../domain/actors.ts';
import { AppError } from '../domain/errors.ts';
import { type Message, message } from '../domain/message.ts';
import type { MunicipalityRegistry } from '../domain/municipalities.ts';
import { BRREG_PAGING_LIMIT, type BrregClient } from './brreg-client.ts';
import { stageUnits } from './brreg-import.ts';
import { RecordShapeError, recordShapeMessage, unitFromJson } from './brreg-records.ts';

export const MUNICIPALITY_PARAM: Record<UnitType, string> = {
  enhet: 'forretningsadresse.kommunenummer',
  underenhet: 'beliggenhetsadresse.kommunenummer',
};

export interface SearchAllOptions {
  /** Page size (the API's default is 20; (page + 1) × size must stay ≤ 10 000). */
  pageSize?: number;
  /** The day to bisect registration dates up to (ISO date). */
  today: string;
  /** The earliest registration date to consider. */
  earliest?: string;
  limit?: number;
  warn?: (message: string, detail: Message) => void;
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Every unit a search returns. When `totalElements` passes the paging limit the query is split by
 * registration date (fra/tilRegistreringsdatoEnhetsregisteret), halving the range until each part fits:
 * every unit has a registration date, so the parts partition the result exactly — a split by NACE code
 * or organisation form would lose units without a code or with a form missing from the list.
 * Returns the units and the number of queries made.
 */
export async function searchAll(
  client: BrregClient,
  unitType: UnitType,
  params: Record<string, string>,
  options: SearchAllOptions,
): Promise<{ units: unknown[]; queries: number }> {
  const size = options.pageSize ?? 100;
  const limit = options.limit ?? BRREG_PAGING_LIMIT;
  const units: unknown[] = [];
  let queries = 0;
  const fetchAll = async (p: Record<string, string>, first: { units: unknown[]; totalElements: number }) => {
    units.push(...first.units);
    const pages = Math.ceil(Math.min(first.totalElements, limit) / size);
    for (let page = 1; page < pages; page++) {
      queries++;
      const r = await client.search(unitType, p, page, size);
      units.push(...r.units);
    }
  };
  const run = async (p: Record<string, string>, from: number, to: number): Promise<void> => {
    queries++;
    const first = await client.search(unitType, p, 0, size);
    if (first.totalElements <= limit) return fetchAll(p, first);
    if (from >= to) {
      const query = new URLSearchParams(p).toString();
      options.warn?.(
        `${unitType} search ${query}: ${first.totalElements} results on one registration day; only the first ${limit} fetched`,
        message('register_search_day_limit', { unitType, query, total: first.totalElements, limit }),
      );
      return fetchAll(p, first);
    }
    const mid = from + Math.floor((to - from) / DAY / 2) * DAY;
    const range = (a: number, b: number) => ({
      ...params,
      fraRegistreringsdatoEnhetsregisteret: isoDay(a),
      tilRegistreringsdatoEnhetsregisteret: isoDay(b),
    });
    await run(range(from, mid), from, mid);
    await run(range(mid + DAY, to), mid + DAY, to);
  };
  const from = Date.parse(options.earliest ?? '1800-01-01');
  const to = Date.parse(options.today.slice(0, 10));
  await run(params, from, to);
  return { units, queries };
}

export interface SyncOptions {
  registry: MunicipalityRegistry;
  classify: (codes: readonly (string | null)[]) => string[];
  /** The time of this run (ISO): the import's timestamp and the end of date ranges. */
  now: string;
  pageSize?: number;
}

function toUnits(values: unknown[], unitType: UnitType, where: string): BrregUnit[] {
  return values.map((v, i) => {
    try {
      return unitFromJson(v, unitType);
    } catch (e) {
      if (e instanceof RecordShapeError)
        throw new AppError('invalid_data', `brreg API ${where}: hit ${i + 1}: ${e.message}`, {
          cause: e,
          detail: recordShapeMessage(e.shape, {
            source: 'data.brreg.no',
            record: i + 1,
            offset: null,
            unitType,
          }),
        });
      throw e;
    }
  });
}

export interface PullResult {
  importId: number;
  enheter: number;
  underenheter: number;
  queries: number;
  applied: ApplyCounts;
  problems: Record<string, number>;
}

/** Pulls one municipality's legal units and establishments (optionally of some NACE codes and forms). */
export async function pullBrregSearch(
  client: BrregClient,
  sink: ActorImportSink,
  options: SyncOptions & { municipality: string; nace?: string[]; forms?: string[] },
): Promise<PullResult> {
  const found: Record<UnitType, BrregUnit[]> = { enhet: [], underenhet: [] };
  const warnings: { message: string; detail: Message }[] = [];
  let queries = 0;
  for (const unitType of ['enhet', 'underenhet'] as const) {
    const params: Record<string, string> = { [MUNICIPALITY_PARAM[unitType]]: options.municipality };
    if (options.nace?.length) params.naeringskode = options.nace.join(',');
    // Establishments are BEDR/AAFY: the form filter applies to their legal units only.
    if (options.forms?.length && unitType === 'enhet') params.organisasjonsform = options.forms.join(',');
    const r = await searchAll(client, unitType, params, {
      today: options.now,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      warn: (m, detail) => warnings.push({ message: m, detail }),
    });
    queries += r.queries;
    found[unitType] = toUnits(r.units, unitType, `search ${unitType}`);
  }
  const label = `municipality=${options.municipality}${options.nace ? ` nace=${options.nace.join(',')}` : ''}${options.forms ? ` form=${options.forms.join(',')}` : ''} via ${client.baseUrl}`;
  const importId = await sink.begin('brreg-api', label);
  try {
    for (const w of warnings) sink.log('warning', null, w.message, w.detail);
    const problems: Record<string, number> = {};
    const deleted = [
      ...stageUnits(sink, found.enhet, options, problems),
      ...stageUnits(sink, found.underenhet, options, problems),
    ];
    if (deleted.length > 0) await sink.remove(deleted);
    const applied = await sink.apply([]);
    const result = {
      enheter: found.enhet.length,
      underenheter: found.underenhet.length,
      queries,
      applied,
      problems,
    };
    await sink.commit(result);
    return { importId, ...result };
  } catch (error) {
    await sink.rollback((error as Error).message);
    throw error;
  }
}

export const feedKeys = (unitType: UnitType) => ({
  nextId: `brreg.feed.${unitType}.next_id`,
  since: `brreg.feed.${unitType}.since`,
});

export interface FeedResult {
  importId: number;
  units: {
    unitType: UnitType;
    from: string;
    changes: number;
    applied: ApplyCounts;
    removed: number;
    nextId: number | null;
  }[];
}

/**
 * Applies the update feed since the stored position: for each unit type, the changes after the last
 * oppdateringsid seen (or since the time of the last bulk import, less a day, as the API's guide to
 * keeping a copy advises); changed units are fetched in batches by organisation number, deleted ones
 * (Sletting, Fjernet, or gone when fetched) removed. The new position is stored in the same transaction.
 */
export async function updateFromFeed(
  client: BrregClient,
  sink: ActorImportSink,
  options: SyncOptions & { since?: string; feedPageSize?: number; maxPages?: number },
): Promise<FeedResult> {
  const importId = await sink.begin('brreg-feed', client.baseUrl);
  try {
    const units: FeedResult['units'] = [];
    const pageSize = options.feedPageSize ?? 1000;
    for (const unitType of ['enhet', 'underenhet'] as const) {
      const keys = feedKeys(unitType);
      const storedId = await sink.getMeta(keys.nextId);
      const storedSince = await sink.getMeta(keys.since);
      let params: Record<string, string>;
      let from: string;
      if (options.since) {
        params = { dato: new Date(options.since).toISOString() };
        from = params.dato as string;
      } else if (storedId) {
        params = { oppdateringsid: storedId };
        from = `oppdateringsid ${storedId}`;
      } else if (storedSince) {
        params = { dato: storedSince };
        from = storedSince;
      } else {
        throw new AppError(
          'invalid_input',
          'no update-feed position: import the bulk files first (import brreg) or give --since',
          { detail: message('brreg_feed_position_missing', {}) },
        );
      }
      const latest = new Map<string, string>();
      let nextId: number | null = storedId ? Number(storedId) : null;
      let count = 0;
      for (let page = 0; page < (options.maxPages ?? 1000); page++) {
        const r = await client.updates(unitType, params, pageSize);
        for (const c of r.changes) {
          latest.set(c.orgnr, c.type);
          nextId = Math.max(nextId ?? 0, c.id + 1);
        }
        count += r.changes.length;
        if (r.changes.length < pageSize || nextId === null) break;
        params = { oppdateringsid: String(nextId) };
      }
      const gone = [...latest].filter(([, t]) => t === 'Sletting' || t === 'Fjernet').map(([o]) => o);
      const changed = [...latest].filter(([, t]) => t !== 'Sletting' && t !== 'Fjernet').map(([o]) => o);
      const fetched: unknown[] = [];
      for (let i = 0; i < changed.length; i += 100) {
        const batch = changed.slice(i, i + 100);
        const r = await searchAll(
          client,
          unitType,
          { organisasjonsnummer: batch.join(',') },
          {
            today: options.now,
            pageSize: 100,
          },
        );
        fetched.push(...r.units);
      }
      const problems: Record<string, number> = {};
      const found = toUnits(fetched, unitType, `lookup ${unitType}`);
      const deleted = stageUnits(sink, found, options, problems);
      const seen = new Set(found.map((u) => u.orgnr));
      const missing = changed.filter((o) => !seen.has(o));
      const removed = await sink.remove([...gone, ...deleted, ...missing]);
      const applied = await sink.apply([]);
      if (nextId !== null) await sink.setMeta(keys.nextId, String(nextId));
      sink.log(
        'info',
        unitType,
        `${count} feed entries from ${from}: ${changed.length} changed units, ${gone.length + missing.length} removed; problems ${JSON.stringify(problems)}`,
        message('log_register_feed', {
          entries: count,
          from: String(from),
          changed: changed.length,
          removed: gone.length + missing.length,
          problems,
        }),
      );
      units.push({ unitType, from, changes: count, applied, removed, nextId });
    }
    await sink.commit({ units });
    return { importId, units };
  } catch (error) {
    await sink.rollback((error as Error).message);
    throw error;
  }
}
