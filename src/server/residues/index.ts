/** Residues for a region: estimate with uncertainty, as JSON, CSV, GeoJSON or XLSX; and the trace of one figure. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  completeResidues,
  DEFAULT_SEED,
  estimateResidues,
  explainResidue,
  MAX_DRAWS,
  MAX_SEED,
} from '../../app/residues.ts';
import { splitList } from '../../domain/selection.ts';
import type { Env } from '../env.ts';
import { errorResponses } from '../errors.ts';
import { csvResponse, geojsonResponse, xlsxResponse } from '../export.ts';
import { answer, FormatQuery, IdParam, integerQuery, Opaque, ResiduesSchema } from '../schemas.ts';
import type { ServerState } from '../state.ts';

const ResidueQuery = z
  .object({
    profile: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .default('report')
      .openapi({ example: 'report' }),
    year: integerQuery(1900, 2100).optional(),
    kinds: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: 'Comma-separated residue kinds', example: 'halm,husdyrgjodsel' }),
    municipalities: z
      .string()
      .max(2000)
      .optional()
      .openapi({ description: 'Comma-separated municipality numbers (old numbers are mapped)' }),
    uncertainty: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_DRAWS)
      .optional()
      .openapi({ description: 'Monte Carlo draws; adds p10, p50, p90' }),
    seed: z.coerce.number().int().min(0).max(MAX_SEED).default(DEFAULT_SEED),
    format: FormatQuery(['json', 'csv', 'geojson', 'xlsx']),
  })
  .strict();

export function residueRoutes(api: OpenAPIHono<Env>, state: ServerState): void {
  /** The estimate a query asks for, in the JSON shape of the answer (400 naming what is missing). */
  const estimate = async (id: string, q: z.infer<typeof ResidueQuery>) => {
    // An empty list (`?kinds=`) means all, as when the parameter is left out.
    const list = (value: string | undefined) => {
      const parts = splitList(value);
      return parts && parts.length > 0 ? parts : undefined;
    };
    const municipalities = list(q.municipalities);
    const kinds = list(q.kinds);
    return completeResidues(
      await estimateResidues(state, {
        region: id,
        profile: q.profile,
        ...(q.year === undefined ? {} : { year: q.year }),
        ...(municipalities ? { municipalities } : {}),
        ...(kinds ? { kinds } : {}),
        ...(q.uncertainty === undefined ? {} : { draws: q.uncertainty }),
        seed: q.seed,
      }),
      { kindsAsked: kinds !== undefined },
    );
  };

  api.openapi(
    createRoute({
      method: 'get',
      path: '/regions/{id}/residues',
      tags: ['residues'],
      summary: 'Residual raw materials per municipality and kind',
      request: { params: IdParam, query: ResidueQuery },
      responses: {
        200: answer(ResiduesSchema, 'Tonnes wet and DM per municipality and kind, with totals', [
          'csv',
          'geojson',
          'xlsx',
        ]),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      if (q.format === 'json') {
        // The estimate is a pure function of the data and the query: serve repeats from memory.
        const body = await state.memo(`residues:${id}:${JSON.stringify(q)}`, async () =>
          JSON.stringify(await estimate(id, q)),
        );
        return c.body(body, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
      }
      const result = await estimate(id, q);
      const pct = q.uncertainty === undefined ? [] : ['p10', 'p50', 'p90'];
      const columns = ['municipality', 'kind', 'tonnesWet', 'tonnesDm', ...pct];
      const flat = result.rows.map(({ breakdown: _b, ...r }) => r);
      const name = `residues-${result.region}-${result.profile}`;
      if (q.format === 'csv') return csvResponse(c, flat, columns, name);
      if (q.format === 'geojson') {
        return geojsonResponse(c, state.files.boundaries(), flat, (r) => String(r.kind), [
          'tonnesWet',
          'tonnesDm',
          ...pct,
        ]);
      }
      return xlsxResponse(
        c,
        [
          { name: 'Per kommune', rows: flat, columns },
          {
            name: 'Sum',
            rows: result.totals as unknown as Record<string, unknown>[],
            columns: ['kind', 'tonnesWet', 'tonnesDm', ...pct],
          },
        ],
        name,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/regions/{id}/residues/{kind}/{municipality}/trace',
      tags: ['residues'],
      summary: 'How one figure was made: statistics × coefficients, with sources',
      request: {
        params: IdParam.extend({
          kind: z
            .string()
            .regex(/^[a-z]+$/)
            .openapi({ param: { name: 'kind', in: 'path' }, example: 'halm' }),
          municipality: z
            .string()
            .regex(/^\d{3,4}$/)
            .openapi({ param: { name: 'municipality', in: 'path' }, example: '3407' }),
        }),
        query: z
          .object({
            profile: z.string().max(64).default('report'),
            year: integerQuery(1900, 2100).optional(),
          })
          .strict(),
      },
      responses: {
        200: answer(Opaque('Trace', 'Each statistic and coefficient behind the figure'), 'The trace'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, kind, municipality } = c.req.valid('param');
      const q = c.req.valid('query');
      const trace = await explainResidue(state, {
        region: id,
        profile: q.profile,
        municipality,
        kind,
        ...(q.year === undefined ? {} : { year: q.year }),
      });
      return c.json(trace as unknown as Record<string, unknown>, 200);
    },
  );
}
