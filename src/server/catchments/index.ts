/**
 * Catchments and competition for feedstock over the API: GET /catchments for a region's own sites,
 * POST /catchments with sites added, moved, resized (same id replaces) or removed, answered beside
 * the region's own sites. The answer is the CLI's `restverdi catchments --format json`.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { allocationDeps } from '../../app/allocation.ts';
import { catchmentsOf } from '../../app/catchments.ts';
import { messageNames } from '../../app/names.ts';
import type { Solver } from '../../domain/allocation/lp.ts';
import { localise } from '../../messages/catalogue.ts';
import type { Env } from '../env.ts';
import { errorResponses, langOf } from '../errors.ts';
import { answer, Opaque, safeText } from '../schemas.ts';
import type { ServerState } from '../state.ts';

const id = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/);

const CatchmentsQuery = z
  .object({
    region: id.default('gjovik-hadeland-ringerike'),
    profile: id.default('report'),
    distances: z.enum(['road', 'great-circle']).default('road'),
  })
  .strict();

const CatchmentsInput = z
  .object({
    region: id.default('gjovik-hadeland-ringerike'),
    profile: id.default('report'),
    objective: z.enum(['value', 'co2e', 'weighted']).default('value'),
    co2ePriceNok: z.number().min(0).max(1e6).optional(),
    sites: z.array(z.unknown()).max(500).optional().openapi({
      description:
        'Sites as in docs/sites.md: added to the region’s; the same id replaces one (a plant moved, resized or given another radius)',
    }),
    withoutSites: z
      .array(safeText(64))
      .max(500)
      .optional()
      .openapi({ description: 'Ids of sites to leave out (a plant removed)' }),
    noDefaultSites: z.boolean().default(false),
    distances: z.enum(['road', 'great-circle']).default('road'),
  })
  .strict()
  .openapi('CatchmentsInput');

const CatchmentsAnswer = Opaque(
  'Catchments',
  'sites (position, radius, what each takes at the optimum and its shadow price), catchments (per site the municipalities it reaches with the share of their roads and road km, tonnes per kind, outline as a [lon, lat] ring), competition (pairs of sites, kinds, shared municipalities, contested tonnes, outcome: what each gets), allocation (value, uplift, CO2e, unserved tonnes); with changed sites whatIf (baseline and changes per site)',
);

export function catchmentRoutes(api: OpenAPIHono<Env>, state: ServerState): void {
  let solver: Promise<Solver> | undefined;
  const run = async (request: z.infer<typeof CatchmentsInput>, lang: 'nb' | 'en') => {
    solver ??= state.solver({ timeLimitSeconds: 120 });
    const deps = await allocationDeps(state);
    const { answer: a } = await catchmentsOf(deps, state.files.roads(), request, await solver);
    return localise(a, lang, messageNames(await state.reference(), state.library)) as unknown as Record<
      string,
      unknown
    >;
  };

  api.openapi(
    createRoute({
      method: 'get',
      path: '/catchments',
      tags: ['optimiser'],
      summary:
        'Each site’s catchment by road, the feedstock sites compete for, and who gets it at the optimum',
      request: { query: CatchmentsQuery },
      responses: { 200: answer(CatchmentsAnswer, 'Catchments and competition'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await run({ ...q, objective: 'value', noDefaultSites: false }, langOf(c)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/catchments',
      tags: ['optimiser'],
      summary: 'What if: catchments and competition with plants added, moved, resized or removed',
      request: { body: { required: true, content: { 'application/json': { schema: CatchmentsInput } } } },
      responses: {
        200: answer(CatchmentsAnswer, 'Catchments, competition and the change'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await run(c.req.valid('json'), langOf(c)), 200),
  );
}
