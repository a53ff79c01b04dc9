/** Actors from Enhetsregisteret: the directory (filters, paging, CSV) and the summary for a region. */

import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Accounts } from '../../app/accounts.ts';
import {
  compareWithStatistics,
  holdersOf,
  mayListPersons,
  reportActorsFound,
  type StreamAnswer,
  streamKinds,
  streamsOfActor,
  usersOf,
} from '../../app/actor-streams.ts';
import { actorByOrgnr, listRegionActors, summariseRegionActors } from '../../app/actors.ts';
import { viewerOf } from '../../app/roles.ts';
import { COUNT_UNITS } from '../../domain/actors.ts';
import { splitList } from '../../domain/selection.ts';
import { localise, renderMessage } from '../../messages/catalogue.ts';
import type { Env } from '../env.ts';
import { errorResponses, langOf } from '../errors.ts';
import { csvResponse } from '../export.ts';
import { answer, decimalQuery, FormatQuery, integerQuery, Opaque, safeText } from '../schemas.ts';
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

export function actorRoutes(
  api: OpenAPIHono<Env>,
  state: ServerState,
  accounts: () => Accounts | undefined = () => undefined,
): void {
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
          'Actors as the register shows them; a sole proprietorship (a personal name, often a home address) has its name, number and address withheld (`withheld: true`): look it up alone by /actors/{orgnr}',
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

  const Question = z
    .object({
      kind: z
        .string()
        .regex(/^[a-z][a-z-]{0,63}$/)
        .openapi({ example: 'husdyrgjodsel', description: 'A residue kind or a technical stream kind' }),
      region: Filters.region,
      near: safeText(100)
        .optional()
        .openapi({ example: 'Gran', description: 'A municipality (number or name) or "lat,lon"' }),
      within: decimalQuery(0.1, 2000).optional().openapi({ description: 'Road km from `near` (default 50)' }),
      limit: integerQuery(1, 100_000).optional(),
      format: FormatQuery(['json', 'csv']),
    })
    .strict();
  // A session cookie is optional: without one, the visitor's view.
  const SESSION_OPTIONAL: { [name: string]: string[] }[] = [{ session: [] }, {}];
  const StreamAnswerSchema = Opaque(
    'StreamAnswer',
    'Actors who hold (or could use) a stream: named companies one by one; farms and sole proprietorships as a count and a sum per municipality',
  );
  const streamCsv = (a: StreamAnswer) =>
    a.rows.map((r) => ({
      orgnr: r.orgnr ?? '',
      name: r.name ?? '',
      group: r.group,
      actors: r.actors,
      municipality: r.municipality,
      kind: a.kind,
      direction: a.direction,
      basis: r.stream.basis,
      status: r.stream.status,
      tonnes: r.stream.quantity?.tonnes ?? '',
      low: r.stream.quantity?.low ?? '',
      high: r.stream.quantity?.high ?? '',
      tier: r.stream.reaches?.tier ?? '',
      step: r.stream.reaches?.step ?? '',
      distanceKm: r.distance?.km ?? '',
    }));
  const STREAM_COLUMNS = [
    'orgnr',
    'name',
    'group',
    'actors',
    'municipality',
    'kind',
    'direction',
    'basis',
    'status',
    'tonnes',
    'low',
    'high',
    'tier',
    'step',
    'distanceKm',
  ];
  for (const [path, ask, summary] of [
    [
      '/actors/holders',
      holdersOf,
      'Who holds a stream near a place or in a region (largest first, then nearest)',
    ],
    [
      '/actors/users',
      usersOf,
      'Who could use a stream near a place or in a region (highest tier first, then nearest)',
    ],
  ] as const) {
    api.openapi(
      createRoute({
        method: 'get',
        path,
        tags: ['actors'],
        summary,
        description:
          'Farms and sole proprietorships carry personal names: they are counts and sums per municipality, except for the region’s facilitator and administrators (signed in), who get them one by one.',
        security: SESSION_OPTIONAL,
        request: { query: Question },
        responses: { 200: answer(StreamAnswerSchema, 'The actors, ranked', ['csv']), ...errorResponses },
      }),
      async (c) => {
        const q = c.req.valid('query');
        // Farms and sole proprietorships one by one only for a role that allows it (the region's
        // facilitator, an administrator); everyone else gets them as counts per municipality.
        const viewer = await viewerOf(state, accounts(), c.req.raw.headers);
        const a = await ask(state, {
          kind: q.kind,
          region: q.region,
          near: q.near,
          withinKm: q.within,
          limit: q.limit,
          listPersons: mayListPersons(viewer.roles, { region: q.region }),
        });
        if (q.format === 'csv')
          return csvResponse(c, streamCsv(a), STREAM_COLUMNS, `${path.slice(8)}-${a.kind}`);
        return c.json(a as unknown as Record<string, unknown>, 200);
      },
    );
  }

  api.openapi(
    createRoute({
      method: 'get',
      path: '/actors/stream-kinds',
      tags: ['actors'],
      summary:
        'The kinds of stream actors can hold or use (biological and technical), the roles and the technical ladder',
      responses: {
        200: answer(Opaque('StreamKinds', 'Kinds with names and cycle, roles, ladder steps'), 'The kinds'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(streamKinds(state) as unknown as Record<string, unknown>, 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/actors/compare',
      tags: ['actors'],
      summary: 'Actors summed per municipality against the statistics-based estimate, with the difference',
      request: {
        query: z
          .object({ region: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/), kinds: safeText(500).optional() })
          .strict(),
      },
      responses: {
        200: answer(
          Opaque('ActorComparison', 'Rows of municipality, kind, actors, statistics and difference'),
          'The comparison',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await compareWithStatistics(state, { region: q.region, kinds: splitList(q.kinds) });
      return c.json(r as unknown as Record<string, unknown>, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/actors/named',
      tags: ['actors'],
      summary:
        'The seed report’s named value-chain actors, looked up in the imported register, with their roles',
      request: { query: z.object({ region: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/) }).strict() },
      responses: {
        200: answer(
          Opaque('NamedActors', 'Each named actor, the units found and whether the role matches'),
          'The lookup',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const r = await reportActorsFound(state, c.req.valid('query').region);
      return c.json(r as unknown as Record<string, unknown>, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/actors/{orgnr}/streams',
      tags: ['actors'],
      summary: 'One actor: what it likely holds and could use, with quantities, ranges, basis and sources',
      request: {
        params: z.object({
          orgnr: z
            .string()
            .regex(/^\d{9}$/)
            .openapi({ param: { name: 'orgnr', in: 'path' }, example: '911608103' }),
        }),
      },
      responses: {
        200: answer(Opaque('ActorStreams', 'The actor and its streams'), 'The actor’s streams'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const r = await streamsOfActor(state, c.req.valid('param').orgnr);
      return c.json(r as unknown as Record<string, unknown>, 200);
    },
  );

  // After the fixed paths: /actors/{orgnr} would otherwise take /actors/holders.
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
