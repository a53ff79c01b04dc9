/** Health, municipalities, regions (list, get, create, update, delete), kinds, profiles and coefficients, technologies. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { health } from '../../app/health.ts';
import { createRegion, deleteRegion, getRegion, listRegions, replaceRegion } from '../../app/regions.ts';
import { findProfile } from '../../domain/coefficients.ts';
import { AppError } from '../../domain/errors.ts';
import { message } from '../../domain/message.ts';
import { resolveMunicipality } from '../../domain/municipalities.ts';
import { findRegion } from '../../domain/regions.ts';
import type { Env } from '../env.ts';
import { ErrorSchema, errorResponses, respondError, zodIssues } from '../errors.ts';
import { csvResponse, xlsxResponse } from '../export.ts';
import {
  answer,
  CoefficientSchema,
  FormatQuery,
  IdParam,
  MunicipalitySchema,
  Opaque,
  RegionInputSchema,
  RegionSchema,
  WordsSchema,
} from '../schemas.ts';
import type { ServerState } from '../state.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const conflict = {
  409: { description: 'Conflict', content: { 'application/json': { schema: ErrorSchema } } },
};

export function catalogueRoutes(api: OpenAPIHono<Env>, state: ServerState): void {
  /**
   * A region body that fails its schema is still checked for unknown municipality numbers, so one
   * answer lists every problem rather than the schema's first.
   */
  const regionHook = async (
    // biome-ignore lint/suspicious/noExplicitAny: one hook for two routes whose typed inputs differ.
    result: any,
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    c: Context<Env, any, any>,
  ): Promise<Response | undefined> => {
    if (result.success || !result.error) return undefined;
    const issues = zodIssues('json', (result.error as { issues: z.core.$ZodIssue[] }).issues);
    const body: unknown = await c.req.json().catch(() => undefined);
    if (body && typeof body === 'object') {
      const data = await state.reference();
      const check = (list: unknown, path: string) => {
        if (!Array.isArray(list)) return;
        list.forEach((raw, j) => {
          if (typeof raw !== 'string' || !/^\d{3,4}$/.test(raw)) return;
          const r = resolveMunicipality(data.registry, raw);
          if (!r.ok)
            issues.push({
              path: `${path}[${j}]`,
              message: r.reason,
              detail:
                r.detail ?? message('region_number_unresolved', { input: raw, candidates: r.candidates }),
            });
        });
      };
      const b = body as { municipalities?: unknown; subRegions?: unknown };
      check(b.municipalities, 'body.municipalities');
      if (Array.isArray(b.subRegions)) {
        b.subRegions.forEach((sr, i) => {
          check((sr as { municipalities?: unknown })?.municipalities, `body.subRegions[${i}].municipalities`);
        });
      }
    }
    return respondError(
      c,
      new AppError('invalid_input', `invalid region: ${issues.length} problem(s)`, {
        issues,
        detail: message('request_invalid', { part: 'body', problems: issues.length }),
      }),
    );
  };

  api.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['service'],
      responses: {
        200: json(
          z.object({ status: z.literal('ok'), dialect: z.string(), referenceVersion: z.string().nullable() }),
          'The service and its store answer',
        ),
      },
    }),
    async (c) => c.json(await health(state), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/municipalities',
      tags: ['regions'],
      request: {
        query: z
          .object({ region: z.string().max(64).optional(), format: FormatQuery(['json', 'csv']) })
          .strict(),
      },
      responses: {
        200: answer(
          z.object({ municipalities: z.array(MunicipalitySchema) }),
          'Today’s municipalities (2024 division)',
          ['csv'],
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { region, format } = c.req.valid('query');
      const data = await state.reference();
      const numbers = region
        ? findRegion(data.regions, region).municipalities
        : [...data.registry.municipalities.keys()].sort();
      const rows = numbers.map((nr) => data.registry.municipalities.get(nr)).filter((m) => m !== undefined);
      if (format === 'csv')
        return csvResponse(
          c,
          rows as unknown as Record<string, unknown>[],
          ['number', 'name', 'county'],
          'municipalities',
        );
      return c.json({ municipalities: rows }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/regions',
      tags: ['regions'],
      request: { query: z.object({ format: FormatQuery(['json', 'csv']) }).strict() },
      responses: {
        200: answer(z.object({ regions: z.array(RegionSchema) }), 'Regions with their sub-regions', ['csv']),
        ...errorResponses,
      },
    }),
    async (c) => {
      const regions = await listRegions(state);
      if (c.req.valid('query').format === 'csv') {
        const rows = regions.flatMap((r) =>
          r.municipalities.map((m) => ({
            region: r.id,
            subRegion: r.subRegions.find((s) => s.municipalities.includes(m))?.name ?? '',
            municipality: m,
          })),
        );
        return csvResponse(c, rows, ['region', 'subRegion', 'municipality'], 'regions');
      }
      return c.json({ regions }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/regions/{id}',
      tags: ['regions'],
      request: { params: IdParam },
      responses: { 200: json(RegionSchema, 'One region'), ...errorResponses },
    }),
    async (c) => c.json(await getRegion(state, c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/regions',
      tags: ['regions'],
      request: { body: { required: true, content: { 'application/json': { schema: RegionInputSchema } } } },
      responses: { 201: json(RegionSchema, 'The region was created'), ...errorResponses, ...conflict },
    }),
    async (c) => {
      return c.json(await inBody(createRegion(state, c.req.valid('json'))), 201);
    },
    regionHook as never,
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/regions/{id}',
      tags: ['regions'],
      request: {
        params: IdParam,
        body: { required: true, content: { 'application/json': { schema: RegionInputSchema } } },
      },
      responses: { 200: json(RegionSchema, 'The region was replaced'), ...errorResponses, ...conflict },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await inBody(replaceRegion(state, id, c.req.valid('json'))), 200);
    },
    regionHook as never,
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/regions/{id}',
      tags: ['regions'],
      request: { params: IdParam },
      responses: { 204: { description: 'The region was deleted' }, ...errorResponses, ...conflict },
    }),
    async (c) => {
      await deleteRegion(state, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/kinds',
      tags: ['residues'],
      responses: {
        200: json(
          z.object({
            kinds: z.array(
              Opaque('ResidueKind', 'A residue kind with DM share, properties and regulatory class'),
            ),
          }),
          'Residue kinds',
        ),
      },
    }),
    async (c) =>
      c.json({ kinds: (await state.reference()).kinds as unknown as Record<string, unknown>[] }, 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/profiles',
      tags: ['coefficients'],
      responses: {
        200: json(
          z.object({
            profiles: z.array(
              z.object({
                id: z.string(),
                title: WordsSchema,
                description: WordsSchema,
                coefficients: z.number(),
                kinds: z.array(z.string()),
              }),
            ),
          }),
          'Coefficient profiles',
        ),
      },
    }),
    async (c) => {
      const data = await state.reference();
      return c.json(
        {
          profiles: data.profiles.map((p) => ({
            id: p.id,
            title: p.title,
            description: p.description,
            coefficients: p.coefficients.length,
            kinds: p.recipes.map((r) => r.kind),
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{id}/coefficients',
      tags: ['coefficients'],
      request: {
        params: IdParam,
        query: z.object({ format: FormatQuery(['json', 'csv', 'xlsx']) }).strict(),
      },
      responses: {
        200: answer(
          z.object({ profile: z.string(), coefficients: z.array(CoefficientSchema) }),
          'Every coefficient with unit, range and source',
          ['csv', 'xlsx'],
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const profile = findProfile(await state.reference(), c.req.valid('param').id);
      const { format } = c.req.valid('query');
      if (format === 'json') return c.json({ profile: profile.id, coefficients: profile.coefficients }, 200);
      const rows = profile.coefficients.map((k) => ({
        id: k.id,
        name: k.name,
        value: k.value,
        low: k.low,
        high: k.high,
        unit: k.unit,
        status: k.source.status,
        citation: k.source.citation,
        url: k.source.url ?? '',
        region: k.region,
        year: k.year,
        calibratedAgainst: k.calibration?.against ?? '',
      }));
      const columns = Object.keys(rows[0] ?? { id: '' });
      if (format === 'csv') return csvResponse(c, rows, columns, `coefficients-${profile.id}`);
      return xlsxResponse(c, [{ name: profile.id, rows, columns }], `coefficients-${profile.id}`);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/technologies',
      tags: ['pyramid'],
      responses: {
        200: json(
          z.object({
            technologies: z.array(Opaque('Technology', 'Inputs, yields, losses, costs and sources')),
          }),
          'The technology library',
        ),
      },
    }),
    (c) => c.json({ technologies: state.library.technologies as unknown as Record<string, unknown>[] }, 200),
  );
}

/** The region's problems as the API names them: paths into the request body. */
async function inBody<T>(task: Promise<T>): Promise<T> {
  try {
    return await task;
  } catch (error) {
    if (!(error instanceof AppError) || error.issues.length === 0) throw error;
    throw new AppError(error.code, error.message, {
      issues: error.issues.map((i) => ({ ...i, path: `body.${i.path}` })),
      cause: error,
      ...(error.detail ? { detail: error.detail } : {}),
    });
  }
}
