/** The value pyramid per stream, scenarios (list, get, store, run a stored or posted one), and the audit. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { messageNames } from '../../app/names.ts';
import { audit } from '../../domain/audit.ts';
import { scenarioStatements } from '../../domain/audit-scenarios.ts';
import { AppError } from '../../domain/errors.ts';
import { valuePyramid } from '../../domain/pyramid.ts';
import { findRegion } from '../../domain/regions.ts';
import { estimateResidues } from '../../domain/residues.ts';
import { runScenario, type Scenario } from '../../domain/scenarios.ts';
import { findProfile } from '../../ingest/reference-data.ts';
import { scenarioSchema } from '../../ingest/schemas.ts';
import { regionStatements } from '../../ingest/seed-statements.ts';
import { localise } from '../../messages/catalogue.ts';
import type { Env } from '../env.ts';
import { ErrorSchema, errorResponses, zodIssues } from '../errors.ts';
import { csvResponse } from '../export.ts';
import { answer, decimalQuery, FormatQuery, IdParam, Opaque } from '../schemas.ts';
import type { ServerState } from '../state.ts';

const conflict = {
  409: { description: 'Conflict', content: { 'application/json': { schema: ErrorSchema } } },
};

async function scenarios(state: ServerState): Promise<{ scenario: Scenario; builtin: boolean }[]> {
  const rows = await state.store.db
    .selectFrom('scenarios')
    .selectAll()
    .orderBy('builtin', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ scenario: JSON.parse(r.body_json) as Scenario, builtin: r.builtin === 1 }));
}

/** A posted scenario: validated with the same schema as files, every problem listed. */
function parseScenario(body: unknown): Scenario {
  const parsed = scenarioSchema.safeParse(body);
  if (!parsed.success) {
    const issues = zodIssues('body', parsed.error.issues);
    throw new AppError('invalid_input', `invalid scenario: ${issues.length} problem(s)`, { issues });
  }
  return parsed.data as Scenario;
}

export function pyramidRoutes(api: OpenAPIHono<Env>, state: ServerState): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/pyramid/{kind}',
      tags: ['pyramid'],
      summary: 'Best route, value and uplift per tier for one stream',
      request: {
        params: z.object({
          kind: z
            .string()
            .regex(/^[a-z]+$/)
            .openapi({ param: { name: 'kind', in: 'path' }, example: 'husdyrgjodsel' }),
        }),
        query: z
          .object({
            tonnes: decimalQuery(0, 1e9).optional(),
            region: z.string().optional(),
            profile: z.string().default('report'),
          })
          .strict(),
      },
      responses: {
        200: answer(
          Opaque('Pyramid', 'tiers (tier, route, valuePerTonneNok, valueNok), currentUse, upliftNok'),
          'The pyramid',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const q = c.req.valid('query');
      if (q.tonnes !== undefined && q.region !== undefined)
        throw new AppError('invalid_input', 'give either tonnes or region, not both');
      let tonnes = q.tonnes;
      const data = await state.reference();
      if (tonnes === undefined) {
        const region = findRegion(data.regions, q.region ?? 'gjovik-hadeland-ringerike');
        const profile = findProfile(data, q.profile);
        if (!profile.recipes.some((r) => r.kind === kind)) {
          throw new AppError(
            'unknown_kind',
            `profile ${profile.id} estimates no "${kind}"; give tonnes instead`,
          );
        }
        const e = estimateResidues({
          profile,
          kinds: data.kinds,
          statistics: data.statistics,
          municipalities: region.municipalities,
          kindIds: [kind],
        });
        tonnes = e.totals[0]?.tonnesWet ?? 0;
      }
      const result = valuePyramid(state.library, kind, tonnes, state.library.currentUses);
      return c.json(
        localise(result, c.get('lang'), messageNames(data, state.library)) as unknown as Record<
          string,
          unknown
        >,
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/scenarios',
      tags: ['scenarios'],
      responses: {
        200: answer(
          z.object({
            scenarios: z.array(
              z.object({
                id: z.string(),
                name: z.object({ nb: z.string(), en: z.string() }),
                description: z.string(),
                builtin: z.boolean(),
              }),
            ),
          }),
          'Stored scenarios: the report’s worked examples and users’ own',
        ),
      },
    }),
    async (c) =>
      c.json(
        {
          scenarios: (await scenarios(state)).map(({ scenario, builtin }) => ({
            id: scenario.id,
            name: scenario.name,
            description: scenario.description,
            builtin,
          })),
        },
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/scenarios/{id}',
      tags: ['scenarios'],
      request: { params: IdParam },
      responses: {
        200: answer(Opaque('Scenario', 'A scenario file (docs/scenario.schema.json)'), 'The scenario'),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        (await storedScenario(state, c.req.valid('param').id)) as unknown as Record<string, unknown>,
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/scenarios/{id}',
      tags: ['scenarios'],
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .unknown()
                .openapi('ScenarioInput', { description: 'A scenario (docs/scenario.schema.json)' }),
            },
          },
        },
      },
      responses: {
        200: answer(Opaque('StoredScenario', 'The stored scenario'), 'Stored'),
        ...errorResponses,
        ...conflict,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const scenario = parseScenario(c.req.valid('json'));
      if (scenario.id !== id)
        throw new AppError('invalid_input', `the body's id "${scenario.id}" differs from the path's "${id}"`);
      runScenario(scenario, state.library); // refuse a scenario that cannot run before storing it
      await state.store.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('scenarios')
          .select('builtin')
          .where('id', '=', id)
          .executeTakeFirst();
        if (row?.builtin === 1)
          throw new AppError(
            'conflict',
            `scenario "${id}" ships with Restverdi and cannot be replaced; use another id`,
          );
        await trx.deleteFrom('scenarios').where('id', '=', id).execute();
        await trx
          .insertInto('scenarios')
          .values({
            id,
            name: scenario.name.nb,
            builtin: 0,
            body_json: JSON.stringify(scenario),
            updated_at: state.clock.now().toISOString(),
          })
          .execute();
      });
      return c.json(scenario as unknown as Record<string, unknown>, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/scenarios/{id}/run',
      tags: ['scenarios'],
      request: { params: IdParam },
      responses: {
        200: answer(
          Opaque('ScenarioResult', 'products, valueNok, co2eTonnes, capexNok, massBalance'),
          'The result',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const scenario = await storedScenario(state, c.req.valid('param').id);
      return c.json(runScenario(scenario, state.library) as unknown as Record<string, unknown>, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/scenarios/run',
      tags: ['scenarios'],
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .unknown()
                .openapi('PostedScenario', { description: 'A scenario (docs/scenario.schema.json)' }),
            },
          },
        },
      },
      responses: {
        200: answer(
          Opaque('PostedScenarioResult', 'products, valueNok, co2eTonnes, capexNok, massBalance'),
          'The result',
        ),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        runScenario(parseScenario(c.req.valid('json')), state.library) as unknown as Record<string, unknown>,
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags: ['audit'],
      request: {
        query: z
          .object({
            region: z.string().default('gjovik-hadeland-ringerike'),
            format: FormatQuery(['json', 'csv']),
          })
          .strict(),
      },
      responses: {
        200: answer(
          z.object({
            region: z.string(),
            checked: z.number(),
            findings: z.array(
              z.object({
                id: z.string(),
                severity: z.enum(['error', 'warning', 'info']),
                stated: z.number(),
                computed: z.number(),
                difference: z.number(),
                relativeDifference: z.number(),
                message: z.string(),
                source: z.string(),
              }),
            ),
          }),
          'Every stated figure recomputed; what does not add up',
          ['csv'],
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const data = await state.reference();
      const region = findRegion(data.regions, q.region);
      const statements = [
        ...regionStatements(region, data, state.library),
        ...state.library.scenarios.flatMap((s) => scenarioStatements(s, state.library)),
      ];
      const findings = audit(statements);
      if (q.format === 'csv') {
        return csvResponse(
          c,
          findings as unknown as Record<string, unknown>[],
          ['id', 'severity', 'stated', 'computed', 'difference', 'message', 'source'],
          'audit',
        );
      }
      return c.json({ region: region.id, checked: statements.length, findings }, 200);
    },
  );
}

async function storedScenario(state: ServerState, id: string): Promise<Scenario> {
  const all = await scenarios(state);
  const found = all.find((s) => s.scenario.id === id);
  if (!found)
    throw new AppError(
      'unknown_scenario',
      `unknown scenario "${id}"; scenarios: ${all.map((s) => s.scenario.id).join(', ')}`,
    );
  return found.scenario;
}
