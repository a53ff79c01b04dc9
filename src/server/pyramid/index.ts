/** The value pyramid per stream, scenarios (list, get, store, delete, run a stored or posted one), and the audit. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { auditRegion, nationalAudit } from '../../app/audit.ts';
import { messageNames, readerNames } from '../../app/names.ts';
import { pyramidOfKind } from '../../app/pyramid.ts';
import {
  deleteScenario,
  getScenario,
  listScenarios,
  runScenarioRequest,
  type ScenarioRun,
  saveScenario,
} from '../../app/scenarios.ts';
import { pyramidUncertaintyOf, scenarioUncertaintyOf } from '../../app/value-uncertainty.ts';
import { localise, renderMessage } from '../../messages/catalogue.ts';
import type { Lang } from '../../messages/format.ts';
import type { Env } from '../env.ts';
import { ErrorSchema, errorResponses } from '../errors.ts';
import { csvResponse } from '../export.ts';
import {
  answer,
  decimalQuery,
  FormatQuery,
  IdParam,
  Opaque,
  UncertaintyQuery,
  WordsSchema,
} from '../schemas.ts';
import type { ServerState } from '../state.ts';

/** A message of the audit: its code and parameters for programs, its text in the request's language. */
const AuditMessage = z
  .object({
    code: z.string().openapi({ example: 'audit_where_table_row' }),
    params: z.record(z.string(), z.unknown()),
    text: z.string().openapi({ example: 'rapportens skogtabell, raden for Ringerike' }),
  })
  .openapi('AuditMessage');

/** The region and profile a scenario's feed is checked against (the reference region and `report` by default). */
const FeedRegionQuery = z
  .object({
    region: z.string().optional().openapi({ example: 'gjovik-hadeland-ringerike' }),
    profile: z.string().optional().openapi({ example: 'report' }),
    ...UncertaintyQuery,
  })
  .strict();

const TWICE =
  "comparison: the same run from the library alone (fromLibrary), the figures the scenario states instead of the library's (overrides: yields, capex, price, climate, each with the library's value, low and high) and every line (feed, each product's tonnes, value and CO2e, revenue, opex, capex, capital, net, co2e) with asStated, fromLibrary, difference and causes (the overrides and their effect, adding up to the difference); feedCheck: each input against the region's residue estimate on its basis (status exceeds, within, not-estimated or not-residue, excessTonnes, message); readiness: a message for each technology below TRL 8; with uncertainty=true also uncertainty (draws, seed, failed, netNok, co2eTonnes, valueNok as {central, p10, p50, p90}, tornado)";

/** A run's answer: the result as stated at the top, then both runs line by line and the feed check, in the request's language. */
async function twiceAnswer(
  state: ServerState,
  run: ScenarioRun,
  lang: Lang,
  mc: {
    uncertainty?: 'true' | 'false' | undefined;
    draws?: number | undefined;
    seed?: number | undefined;
  } = {},
): Promise<Record<string, unknown>> {
  const { asStated: _same, ...comparison } = run.comparison;
  const names = messageNames(await state.reference(), state.library);
  const uncertainty =
    mc.uncertainty === 'true'
      ? scenarioUncertaintyOf(state.library, state.random, run.scenario, { draws: mc.draws, seed: mc.seed })
      : undefined;
  return localise(
    {
      ...run.result,
      comparison,
      feedCheck: run.feedCheck,
      readiness: run.readiness,
      ...(uncertainty ? { uncertainty } : {}),
    },
    lang,
    names,
  ) as unknown as Record<string, unknown>;
}

const conflict = {
  409: { description: 'Conflict', content: { 'application/json': { schema: ErrorSchema } } },
};

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
            ...UncertaintyQuery,
          })
          .strict(),
      },
      responses: {
        200: answer(
          Opaque(
            'Pyramid',
            'tiers (tier, route, valuePerTonneNok and valueNok: net of opex and annualised capex; grossPerTonneNok, grossNok, opexPerTonneNok, capitalPerTonneNok, valueShares, mixed, direction), currentUse, best, upliftNok; with uncertainty=true also uncertainty (draws, seed, failed, tonnes, best: valueNok, upliftNok, co2eTonnes, co2eUpliftTonnes as {central, p10, p50, p90} and keptShare; tiers; tornado: the ten inputs that move net value most, each with label, low, high, atLow, atHigh, swing)',
          ),
          'The pyramid',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const q = c.req.valid('query');
      const answer = await pyramidOfKind(state, {
        kind,
        tonnes: q.tonnes,
        region: q.region,
        profile: q.profile,
      });
      const data = await state.reference();
      const uncertainty =
        q.uncertainty === 'true'
          ? pyramidUncertaintyOf(state.library, data, state.random, {
              kind,
              tonnes: q.tonnes,
              region: q.region,
              profile: q.profile,
              draws: q.draws,
              seed: q.seed,
            })
          : undefined;
      const names = messageNames(data, state.library);
      return c.json(
        localise(
          uncertainty ? { ...answer, uncertainty } : answer,
          c.get('lang'),
          names,
        ) as unknown as Record<string, unknown>,
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
                description: WordsSchema,
                builtin: z.boolean(),
              }),
            ),
          }),
          'Stored scenarios: the report’s worked examples and users’ own',
        ),
      },
    }),
    async (c) => c.json(await listScenarios(state), 200),
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
      c.json((await getScenario(state, c.req.valid('param').id)) as unknown as Record<string, unknown>, 200),
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
      const scenario = await saveScenario(state, c.req.valid('param').id, c.req.valid('json'));
      return c.json(scenario as unknown as Record<string, unknown>, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/scenarios/{id}',
      tags: ['scenarios'],
      request: { params: IdParam },
      responses: { 204: { description: 'The scenario was deleted' }, ...errorResponses, ...conflict },
    }),
    async (c) => {
      await deleteScenario(state, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/scenarios/{id}/run',
      tags: ['scenarios'],
      request: { params: IdParam, query: FeedRegionQuery },
      responses: {
        200: answer(
          Opaque(
            'ScenarioResult',
            `products, valueNok (revenue), opexNok, capitalNok, netNok, co2eTonnes, capexNok, massBalance (as the scenario states it); ${TWICE}`,
          ),
          'The result',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { uncertainty, draws, seed, ...feed } = c.req.valid('query');
      const run = await runScenarioRequest(state, { id: c.req.valid('param').id }, feed);
      return c.json(await twiceAnswer(state, run, c.get('lang'), { uncertainty, draws, seed }), 200);
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
        query: FeedRegionQuery,
      },
      responses: {
        200: answer(
          Opaque(
            'PostedScenarioResult',
            `products, valueNok (revenue), opexNok, capitalNok, netNok, co2eTonnes, capexNok, massBalance (as the scenario states it); ${TWICE}`,
          ),
          'The result',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { uncertainty, draws, seed, ...feed } = c.req.valid('query');
      const run = await runScenarioRequest(state, { scenario: c.req.valid('json') }, feed);
      return c.json(await twiceAnswer(state, run, c.get('lang'), { uncertainty, draws, seed }), 200);
    },
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
            checked: z.number().openapi({ description: 'How many stated figures were recomputed' }),
            findings: z.array(
              z.object({
                id: z.string().openapi({ description: 'Stable id of the checked figure, for programs' }),
                severity: z.enum(['error', 'warning', 'info']),
                stated: z.number(),
                computed: z.number(),
                difference: z.number(),
                relativeDifference: z.number(),
                message: AuditMessage.openapi({ description: 'What does not add up, in words' }),
                source: z
                  .string()
                  .openapi({ description: 'Where the figure is, for programs (file, section, data path)' }),
                where: AuditMessage.optional().openapi({
                  description: 'Where the report states the figure, in words (a table, a row, a section)',
                }),
                citation: z
                  .string()
                  .optional()
                  .openapi({ description: 'The source of the range the figure was held against, as cited' }),
              }),
            ),
            unchecked: z.array(AuditMessage).openapi({
              description:
                'What the audit could not check, and why (the harvest of the report’s year not imported, a file that is not the whole country)',
            }),
          }),
          'Every stated figure recomputed; what does not add up, and what could not be checked',
          ['csv'],
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const lang = c.get('lang');
      const audited = await auditRegion(state, q.region);
      const names = readerNames(await state.reference(), state.library);
      const answer = localise(audited, lang, names);
      const { findings } = answer;
      if (q.format === 'csv') {
        return csvResponse(
          c,
          findings.map((f) => ({
            ...f,
            message: renderMessage(f.message, lang, names),
            where: f.where ? renderMessage(f.where, lang, names) : '',
            citation: f.citation ?? '',
          })),
          ['id', 'severity', 'stated', 'computed', 'difference', 'message', 'where', 'citation', 'source'],
          'audit',
        );
      }
      return c.json(answer, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/audit/national',
      tags: ['audit'],
      summary:
        'Norway’s totals (literature profile) beside published national figures, as `restverdi audit --region norge`',
      responses: {
        200: answer(
          Opaque(
            'NationalAudit',
            'Each published figure with our total, the difference, the verdict and the causes',
          ),
          'The national audit',
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json((await nationalAudit(state)) as unknown as Record<string, unknown>, 200),
  );
}
