/** Bioparks over HTTP: POST /api/parks/run checks a design and answers its balance, economics and CO2e. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { messageNames } from '../../app/names.ts';
import { runPark } from '../../app/parks.ts';
import { localise } from '../../messages/catalogue.ts';
import type { Env } from '../env.ts';
import { errorResponses, langOf } from '../errors.ts';
import { answer, Opaque } from '../schemas.ts';
import type { ServerState } from '../state.ts';

export function parkRoutes(api: OpenAPIHono<Env>, state: ServerState): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/parks/run',
      tags: ['parks'],
      summary:
        'Check a biopark design (shape, graph, balances, the library’s yields) and run it: balance per process and quantity, boundary, economics, CO2e against the counterfactual, streams taken from higher uses',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .unknown()
                .openapi('ParkInput', { description: 'A park design (docs/park.schema.json)' }),
            },
          },
        },
      },
      responses: {
        200: answer(
          Opaque('ParkRun', 'park, balance, boundary, economics, climate, takenFromHigher (docs/parks.md)'),
          'The run',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const run = runPark(state, c.req.valid('json'));
      const names = messageNames(await state.reference(), state.library);
      return c.json(localise(run, langOf(c), names) as unknown as Record<string, unknown>, 200);
    },
  );
}
