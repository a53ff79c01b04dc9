/** Actors from Enhetsregisteret: the directory (filters, paging, CSV) and the summary for a region. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { actorStatusFilter, COUNT_UNITS } from '../../domain/actors.ts';
import { AppError } from '../../domain/errors.ts';
import { findRegion } from '../../domain/regions.ts';
import { type ActorQuery, findActor, listActors, summariseActors } from '../../store/actors-repository.ts';
import type { Env } from '../env.ts';
import { errorResponses } from '../errors.ts';
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

async function actorQuery(
  state: ServerState,
  f: {
    region?: string | undefined;
    municipality?: string | undefined;
    sector?: string | undefined;
    form?: string | undefined;
    q?: string | undefined;
    units: ActorQuery['units'];
    includeInactive?: boolean | undefined;
    includeNonVat?: boolean | undefined;
  },
): Promise<ActorQuery> {
  const data = await state.reference();
  let municipalities: string[] | undefined;
  if (f.region) municipalities = findRegion(data.regions, f.region).municipalities;
  if (f.municipality) {
    const nr = f.municipality.padStart(4, '0');
    if (municipalities && !municipalities.includes(nr)) {
      throw new AppError('invalid_input', `municipality ${nr} is not in region ${f.region}`);
    }
    municipalities = [nr];
  }
  return {
    ...(municipalities ? { municipalities } : {}),
    ...(f.sector ? { sector: f.sector } : {}),
    ...(f.form ? { form: f.form } : {}),
    ...(f.q ? { q: f.q } : {}),
    ...(f.units ? { units: f.units } : {}),
    status: actorStatusFilter({
      includeInactive: f.includeInactive === true,
      includeNonVat: f.includeNonVat === true,
    }),
  };
}

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
      const list = await listActors(state.store.db, await actorQuery(state, q), {
        limit: q.limit,
        offset: q.offset,
      });
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
      // A summary reads every matching actor: keep it until the next import changes the store.
      const q = c.req.valid('query');
      const summary = await state.memo(`actors-summary:${JSON.stringify(q)}`, async () =>
        summariseActors(state.store.db, await actorQuery(state, q)),
      );
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
      const actor = await findActor(state.store.db, orgnr);
      if (!actor)
        throw new AppError(
          'not_found',
          `no actor ${orgnr} in the store (import the register first, or it was filtered out)`,
        );
      return c.json(actor as unknown as Record<string, unknown>, 200);
    },
  );
}
