/** Bioparks over HTTP: POST /api/parks/run checks a design and answers its balance, economics and CO2e. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { messageNames } from '../../app/names.ts';
import { compareParks, listParks, runPark, saveParkDesign, storedPark } from '../../app/parks.ts';
import { localise } from '../../messages/catalogue.ts';
import type { Env } from '../env.ts';
import { errorResponses, langOf } from '../errors.ts';
import { answer, IdParam, integerQuery, Opaque, safeText, UncertaintyQuery } from '../schemas.ts';
import type { ServerState } from '../state.ts';

const ParkInput = z.unknown().openapi('ParkInput', { description: 'A park design (docs/park.schema.json)' });
const RunSchema = Opaque(
  'ParkRun',
  'park, balance, boundary, economics, climate, takenFromHigher (docs/parks.md)',
);

export function parkRoutes(api: OpenAPIHono<Env>, state: ServerState): void {
  const say = async <T>(lang: Parameters<typeof localise>[1], value: T) =>
    localise(value, lang, messageNames(await state.reference(), state.library));

  api.openapi(
    createRoute({
      method: 'get',
      path: '/parks',
      tags: ['parks'],
      summary: 'The stored park designs at their latest version, with how many versions each has',
      responses: {
        200: answer(Opaque('ParkList', 'id, name, version, versions, note, savedAt'), 'The designs'),
        ...errorResponses,
      },
    }),
    async (c) => c.json((await listParks(state)) as unknown as Record<string, unknown>, 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/parks/compare',
      tags: ['parks'],
      summary: 'Stored designs side by side (ids, each `id` or `id@version`, comma-separated)',
      request: { query: z.object({ ids: safeText(500) }).strict() },
      responses: {
        200: answer(
          Opaque('ParkComparison', 'Per design: totals, payback, net CO2e, tonnes taken from higher uses'),
          'The comparison',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const refs = c.req
        .valid('query')
        .ids.split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      return c.json(
        (await say(langOf(c), await compareParks(state, refs))) as unknown as Record<string, unknown>,
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/parks/{id}',
      tags: ['parks'],
      summary: 'A stored design run (its latest version, or ?version=N), checked against today’s library',
      request: {
        params: IdParam,
        query: z.object({ version: integerQuery(1, 1_000_000).optional() }).strict(),
      },
      responses: { 200: answer(RunSchema, 'The run'), ...errorResponses },
    }),
    async (c) => {
      const run = await storedPark(state, c.req.valid('param').id, c.req.valid('query').version);
      return c.json((await say(langOf(c), run)) as unknown as Record<string, unknown>, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/parks/{id}',
      tags: ['parks'],
      summary: 'Store a design as a new version (it must check; versions are never overwritten)',
      request: {
        params: IdParam,
        body: { required: true, content: { 'application/json': { schema: ParkInput } } },
      },
      responses: {
        201: answer(z.object({ id: z.string(), version: z.number() }), 'Stored'),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(await saveParkDesign(state, c.req.valid('json'), { id: c.req.valid('param').id }), 201),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/parks/run',
      tags: ['parks'],
      summary:
        'Check a biopark design (shape, graph, balances, the library’s yields) and run it: balance per process and quantity, boundary, economics, CO2e against the counterfactual, streams taken from higher uses',
      request: {
        body: { required: true, content: { 'application/json': { schema: ParkInput } } },
        query: z.object(UncertaintyQuery).strict(),
      },
      responses: {
        200: answer(RunSchema, 'The run'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const run = runPark(
        state,
        c.req.valid('json'),
        q.uncertainty === 'true' ? { draws: q.draws, seed: q.seed } : undefined,
      );
      return c.json((await say(langOf(c), run)) as unknown as Record<string, unknown>, 200);
    },
  );
}
