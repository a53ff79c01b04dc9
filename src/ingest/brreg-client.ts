/**
 * A small client for the Enhetsregisteret open-data API (https://data.brreg.no/enhetsregisteret/api,
 * OpenAPI 2.0.0 in shared/data/external/brreg-openapi): search of legal units and establishments, and the
 * update feed. The base URL is configurable so tests replay recorded responses from a local server.
 */
import { z } from 'zod';
import type { UnitType } from '../domain/actors.ts';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import { issuesAt } from '../domain/schema-issues.ts';

export const DEFAULT_BRREG_URL = 'https://data.brreg.no/enhetsregisteret/api';
/** The API refuses (page + 1) × size above this (HTTP 400). */
export const BRREG_PAGING_LIMIT = 10_000;

export interface BrregClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
}

const pageSchema = z.object({
  size: z.number(),
  totalElements: z.number(),
  totalPages: z.number(),
  number: z.number(),
});

const searchSchema = z.object({
  _embedded: z.record(z.string(), z.array(z.unknown())).optional(),
  page: pageSchema,
});

const changeSchema = z.object({
  oppdateringsid: z.number(),
  dato: z.string(),
  organisasjonsnummer: z.string(),
  endringstype: z.string(),
});

const feedSchema = z.object({
  _embedded: z.record(z.string(), z.array(changeSchema)).optional(),
  page: pageSchema,
});

export interface SearchPage {
  units: unknown[];
  totalElements: number;
}

export interface FeedChange {
  id: number;
  dato: string;
  orgnr: string;
  /** Ny, Endring, Sletting, Fjernet or Ukjent. */
  type: string;
}

export interface FeedPage {
  changes: FeedChange[];
  totalElements: number;
}

export interface BrregClient {
  baseUrl: string;
  search(unitType: UnitType, params: Record<string, string>, page: number, size: number): Promise<SearchPage>;
  updates(unitType: UnitType, params: Record<string, string>, size: number): Promise<FeedPage>;
}

const PATH: Record<UnitType, string> = { enhet: 'enheter', underenhet: 'underenheter' };
const ACCEPT: Record<UnitType, string> = {
  enhet: 'application/vnd.brreg.enhetsregisteret.enhet.v2+json',
  underenhet: 'application/vnd.brreg.enhetsregisteret.underenhet.v2+json',
};

export function createBrregClient(options: BrregClientOptions): BrregClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  async function get(
    path: string,
    params: Record<string, string>,
    accept: string,
  ): Promise<{ url: string; body: unknown }> {
    const url = `${base}${path}?${new URLSearchParams(params).toString()}`;
    let res: Response;
    try {
      res = await doFetch(url, { headers: { accept } });
    } catch (e) {
      throw new AppError('invalid_data', `brreg API unreachable: ${url}: ${(e as Error).message}`, {
        cause: e,
        detail: message('service_unreachable', { service: 'brreg', url }),
      });
    }
    if (!res.ok) {
      const body = (await res.text()).slice(0, 300);
      throw new AppError('invalid_data', `brreg API ${res.status} for ${url}: ${body}`, {
        detail: message('service_status', { service: 'brreg', url, status: res.status }),
      });
    }
    try {
      return { url, body: await res.json() };
    } catch (e) {
      throw new AppError('invalid_data', `brreg API returned no JSON for ${url}`, {
        cause: e,
        detail: message('service_not_json', { service: 'brreg', url }),
      });
    }
  }
  return {
    baseUrl: base,
    async search(unitType, params, page, size) {
      if ((page + 1) * size > BRREG_PAGING_LIMIT)
        throw new AppError(
          'invalid_input',
          `brreg paging limit: (page ${page} + 1) × size ${size} > ${BRREG_PAGING_LIMIT}`,
          { detail: message('brreg_paging_limit', { page, size, limit: BRREG_PAGING_LIMIT }) },
        );
      const { url, body } = await get(
        `/${PATH[unitType]}`,
        { ...params, page: String(page), size: String(size) },
        ACCEPT[unitType],
      );
      const parsed = searchSchema.safeParse(body);
      if (!parsed.success)
        throw new AppError('invalid_data', `brreg API: unexpected search response for ${PATH[unitType]}`, {
          detail: message('service_answer_unexpected', { service: 'brreg', url }),
          issues: issuesAt('body', parsed.error.issues),
        });
      return {
        units: parsed.data._embedded?.[PATH[unitType]] ?? [],
        totalElements: parsed.data.page.totalElements,
      };
    },
    async updates(unitType, params, size) {
      const { url, body } = await get(
        `/oppdateringer/${PATH[unitType]}`,
        { ...params, size: String(size) },
        `application/vnd.brreg.enhetsregisteret.oppdatering.${unitType === 'enhet' ? 'enhet' : 'underenhet'}.v1+json`,
      );
      const parsed = feedSchema.safeParse(body);
      if (!parsed.success)
        throw new AppError(
          'invalid_data',
          `brreg API: unexpected update-feed response for ${PATH[unitType]}`,
          {
            detail: message('service_answer_unexpected', { service: 'brreg', url }),
            issues: issuesAt('body', parsed.error.issues),
          },
        );
      const key = unitType === 'enhet' ? 'oppdaterteEnheter' : 'oppdaterteUnderenheter';
      return {
        changes: (parsed.data._embedded?.[key] ?? []).map((c) => ({
          id: c.oppdateringsid,
          dato: c.dato,
          orgnr: c.organisasjonsnummer,
          type: c.endringstype,
        })),
        totalElements: parsed.data.page.totalElements,
      };
    },
  };
}
