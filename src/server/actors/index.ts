/** Actors from Enhetsregisteret: the directory (filters, paging, CSV) and the summary for a region. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { actorByOrgnr, listRegionActors, summariseRegionActors } from '../../app/actors.ts';
import { COUNT_UNITS } from '../../domain/actors.ts';
import { localise, renderMessage } from '../../messages/catalogue.ts';
import type { Env } from '../env.ts';
import { errorResponses, langOf } from '../errors.ts';
import { csvResponse } from '../export.ts';
import { answer, FormatQuery, integerQuery, Opaque, safeText } from '../schemas.ts';
import type { ServerState } from '../state.ts';

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

const Filters = {
  region: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/)
    .optional()
    .openapi({ example: 'gjovik-hadeland-ringerike' }),
  municipality: z
    .string()
    .regex(/^\d{3,4}$/)
    .optional(),
  sector: z
    .string()
    .regex(/^[a-z_]{1,64}$/)
    .optional(),
  form: z
    .string()
    .regex(/^[A-ZÆØÅ]{1,8}$/)
    .optional(),
  q: safeText(200).optional(),
  units: z.enum(COUNT_UNITS).default('all'),
  includeInactive: flag,
  includeNonVat: flag,
};

export function actorRoutes(api: OpenAPIHono<Env>, state: ServerState): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/actors',
      tags: ['actors'],
      summary: 'The actor directory with filters and paging (the report’s filters by default)',
      request: {
        query: z
          .object({
            ...Filters,
            limit: integerQuery(1, 1000).default(50),
            offset: integerQuery(0, 10_000_000).default(0),
            format: FormatQuery(['json', 'csv']),
          })
          .strict(),
      },
      responses: {
        200: answer(
          z.object({
            total: z.number(),
            limit: z.number(),
            offset: z.number(),
            items: z.array(
              Opaque(
                'Actor',
                'An organisation or establishment with NACE codes, sectors, municipality and status',
              ),
            ),
          }),
          'Actors, as the public register shows them (sole proprietorships carry personal names)',
          ['csv'],
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const list = await listRegionActors(state, q, { limit: q.limit, offset: q.offset });
      if (q.format === 'csv') {
        const rows = list.items.map((a) => ({ ...a, nace: a.nace.join(' '), sectors: a.sectors.join(' ') }));
        return csvResponse(
          c,
          rows,
          [
            'orgnr',
            'unitType',
            'name',
            'form',
            'countedForm',
            'nace',
            'sectors',
            'municipality',
            'postalPlace',
            'registeredVat',
            'employees',
          ],
          'actors',
        );
      }
      return c.json({ ...list, items: list.items as unknown as Record<string, unknown>[] }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/actors/summary',
      tags: ['actors'],
      summary: 'Counts by form, sector and municipality, with the counting rule',
      request: { query: z.object(Filters).strict() },
      responses: {
        200: answer(
          z
            .object({
              total: z.number(),
              byForm: z.record(z.string(), z.number()),
              bySector: z.record(z.string(), z.number()),
              byMunicipality: z.record(z.string(), z.number()),
              rule: z.string(),
            })
            .passthrough(),
          'The summary',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const lang = langOf(c);
      const found = await summariseRegionActors(state, c.req.valid('query'));
      // The rule in the request's language; its code and parameters stay beside it.
      const summary = localise({ ...found, rule: renderMessage(found.ruleMessage, lang) }, lang);
      return c.json(
        summary as unknown as {
          total: number;
          byForm: Record<string, number>;
          bySector: Record<string, number>;
          byMunicipality: Record<string, number>;
          rule: string;
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/actors/{orgnr}',
      tags: ['actors'],
      request: {
        params: z.object({
          orgnr: z
            .string()
            .regex(/^\d{9}$/)
            .openapi({ param: { name: 'orgnr', in: 'path' }, example: '974760673' }),
        }),
      },
      responses: { 200: answer(Opaque('ActorDetail', 'One actor'), 'The actor'), ...errorResponses },
    }),
    async (c) => {
      const { orgnr } = c.req.valid('param');
      const actor = await actorByOrgnr(state, orgnr);
      return c.json(actor as unknown as Record<string, unknown>, 200);
    },
  );
}
