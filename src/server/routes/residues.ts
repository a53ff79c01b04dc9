/** Residues for a region: estimate with uncertainty, as JSON, CSV, GeoJSON or XLSX; and the trace of one figure. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { findProfile } from '../../domain/coefficients.ts';
import { findRegion } from '../../domain/regions.ts';
import { compileEstimate } from '../../domain/residues.ts';
import { selectMunicipalities, splitList } from '../../domain/selection.ts';
import { traceResidue } from '../../domain/trace.ts';
import { runEstimate } from '../../domain/uncertainty.ts';
import type { Env } from '../env.ts';
import { errorResponses } from '../errors.ts';
import { csvResponse, geojsonResponse, xlsxResponse } from '../export.ts';
import { answer, FormatQuery, IdParam, integerQuery, Opaque, ResiduesSchema } from '../schemas.ts';
import type { ServerState } from '../state.ts';

/** Enough for stable P10/P90; each draw costs memory for every row. */
export const MAX_DRAWS = 20_000;

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
    seed: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    format: FormatQuery(['json', 'csv', 'geojson', 'xlsx']),
  })
  .strict();

export function residueRoutes(api: OpenAPIHono<Env>, state: ServerState): void {
  /** The estimate a query asks for, in the JSON shape of the answer. */
  const estimate = async (id: string, q: z.infer<typeof ResidueQuery>) => {
    const data = await state.reference();
    const region = findRegion(data.regions, id);
    const profile = findProfile(data, q.profile);
    const municipalities = selectMunicipalities(data.registry, region, splitList(q.municipalities));
    const kindIds = splitList(q.kinds);
    const compiled = compileEstimate({
      profile,
      kinds: data.kinds,
      statistics: data.statistics,
      municipalities,
      ...(kindIds && kindIds.length > 0 ? { kindIds } : {}),
      ...(q.year === undefined ? {} : { year: q.year }),
    });
    const rng = xoroshiro128plus(q.seed);
    const result = runEstimate(compiled, q.uncertainty, () => uniformFloat64(rng));
    return {
      region: region.id,
      profile: profile.id,
      ...(q.year === undefined ? {} : { year: q.year }),
      municipalities,
      ...(q.uncertainty === undefined ? {} : { uncertainty: { draws: q.uncertainty, seed: q.seed } }),
      rows: result.rows,
      totals: result.totals,
    };
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
      const data = await state.reference();
      const region = findRegion(data.regions, id);
      const [nr] = selectMunicipalities(data.registry, region, [municipality]);
      const compiled = compileEstimate({
        profile: findProfile(data, q.profile),
        kinds: data.kinds,
        statistics: data.statistics,
        municipalities: [nr as string],
        kindIds: [kind],
        ...(q.year === undefined ? {} : { year: q.year }),
      });
      return c.json(
        traceResidue(compiled, data.statistics.datasets, nr as string, kind) as unknown as Record<
          string,
          unknown
        >,
        200,
      );
    },
  );
}
