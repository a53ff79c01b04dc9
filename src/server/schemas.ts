/** Shared request and response schemas of the API (zod, with OpenAPI names). */
import { z } from '@hono/zod-openapi';
import { MAX_SEED } from '../app/residues.ts';
import { safeText } from '../app/schemas.ts';
import { DEFAULT_VALUE_DRAWS, MAX_VALUE_DRAWS } from '../app/value-uncertainty.ts';
import { REGION_ID } from '../domain/regions.ts';

export { safeText };

/** A number in a query string written as a plain decimal ("12", "1.5"): no hex, no empty string. */
export const decimalQuery = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, 'a decimal number')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

/** A whole number in a query string. */
export const integerQuery = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/**
 * `uncertainty=true` adds P10/P50/P90 of net NOK and CO2e and the tornado (the CLI's `--uncertainty`),
 * with `draws` and `seed` (`--draws`, `--seed`) under the limits every shell shares.
 */
export const UncertaintyQuery = {
  uncertainty: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Add P10/P50/P90 of net NOK and CO2e and the tornado (Monte Carlo)' }),
  draws: integerQuery(1, MAX_VALUE_DRAWS)
    .optional()
    .openapi({ description: `Monte Carlo draws (default ${DEFAULT_VALUE_DRAWS})` }),
  seed: integerQuery(0, MAX_SEED).optional(),
};

export const FormatQuery = (formats: readonly [string, ...string[]]) =>
  z
    .enum(formats)
    .default(formats[0])
    .openapi({ description: `Answer format: ${formats.join(', ')}` });

export const IdParam = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a lower-case id of letters, digits and dashes')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'gjovik-hadeland-ringerike' }),
});

export const MunicipalitySchema = z
  .object({ number: z.string(), name: z.string(), county: z.string() })
  .openapi('Municipality');

/** A text in bokmål and English, or one text as a person wrote it. */
export const WordsSchema = z
  .union([z.object({ nb: z.string(), en: z.string() }), z.string()])
  .openapi('Words', {
    description: 'A text in bokmål and English ({ nb, en }), or one text as a person wrote it',
  });

export const SubRegionSchema = z.object({
  id: z.string(),
  name: z.string(),
  municipalities: z.array(z.string()),
});

export const RegionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: WordsSchema.optional(),
    source: z.string().optional(),
    municipalities: z.array(z.string()),
    subRegions: z.array(SubRegionSchema),
    builtin: z.boolean(),
    seedReport: z.string().optional().openapi({
      description: 'The transcribed report about the region (data/), which the report profile reproduces',
    }),
    updatedAt: z.string(),
  })
  .openapi('Region');

const municipalityNumber = z
  .string()
  .regex(/^\d{3,4}$/, 'a municipality number (four digits; old numbers are mapped)');

export const RegionInputSchema = z
  .object({
    id: z.string().regex(REGION_ID, 'a lower-case id of letters, digits and dashes'),
    name: safeText(200).min(1),
    description: z
      .union([z.object({ nb: safeText(2000).min(1), en: safeText(2000).min(1) }).strict(), safeText(2000)])
      .optional(),
    municipalities: z.array(municipalityNumber).min(1).max(400).optional(),
    subRegions: z
      .array(
        z
          .object({
            id: z.string().regex(REGION_ID),
            name: safeText(200).min(1),
            municipalities: z.array(municipalityNumber).min(1).max(400),
          })
          .strict(),
      )
      .max(50)
      .default([]),
  })
  .strict()
  .openapi('RegionInput');

const Source = z.object({
  status: z.string(),
  citation: z.string(),
  url: z.string().optional(),
  table: z.string().optional(),
});

export const CoefficientSchema = z
  .object({
    id: z.string(),
    name: WordsSchema,
    value: z.number(),
    low: z.number(),
    high: z.number(),
    distribution: z.string(),
    unit: z.string(),
    source: Source,
    region: z.string(),
    year: z.number(),
    calibration: z.object({ against: WordsSchema, method: WordsSchema }).optional(),
    note: WordsSchema.optional(),
  })
  .openapi('Coefficient');

const Percentiles = { p10: z.number().optional(), p50: z.number().optional(), p90: z.number().optional() };

export const ResiduesSchema = z
  .object({
    region: z.string(),
    profile: z.string(),
    year: z.number().optional(),
    municipalities: z.array(z.string()),
    uncertainty: z
      .object({ draws: z.number(), seed: z.number(), distribution: z.literal('coefficient ranges') })
      .optional(),
    rows: z.array(
      z.object({
        municipality: z.string(),
        kind: z.string(),
        basis: z
          .string()
          .optional()
          .openapi({ description: "The recipe's alternative basis, when its own statistics were missing" }),
        tonnesWet: z.number(),
        tonnesDm: z.number(),
        breakdown: z
          .array(z.object({ category: z.string(), tonnesWet: z.number(), tonnesDm: z.number() }))
          .optional(),
        ...Percentiles,
      }),
    ),
    totals: z.array(
      z.object({ kind: z.string(), tonnesWet: z.number(), tonnesDm: z.number(), ...Percentiles }),
    ),
    statistics: z
      .array(
        z.object({
          variable: z.string(),
          unit: z.string(),
          years: z.array(z.number()),
          datasets: z.array(
            z.object({
              id: z.string(),
              year: z.number(),
              municipalities: z.array(z.string()),
              partial: z.string().optional(),
            }),
          ),
          kinds: z.array(z.string()).openapi({ description: 'The residue kinds whose recipes read it' }),
        }),
      )
      .openapi({ description: 'Which year and dataset of each statistic the estimate read' }),
    missing: z
      .array(z.object({ municipality: z.string(), kind: z.string(), statistics: z.array(z.string()) }))
      .openapi({
        description:
          'What could not be estimated; always empty here, as the API answers 400 missing_statistics instead',
      }),
    notEstimated: z
      .array(
        z.object({ kind: z.string(), municipalities: z.array(z.string()), statistics: z.array(z.string()) }),
      )
      .optional()
      .openapi({
        description:
          'Kinds left out of rows and totals because these municipalities lack their statistics (only when the request did not name its kinds; otherwise 400 missing_statistics)',
      }),
  })
  .openapi('Residues');

/** Large results whose full schema lives in the domain types; documented by example and description. */
export const Opaque = (name: string, description: string) =>
  z.record(z.string(), z.unknown()).openapi(name, { description });

const MEDIA: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
};

/** A 200 answer in JSON, and in the other formats the route offers (CSV, XLSX, GeoJSON). */
export function answer<T extends z.ZodType>(schema: T, description: string, formats: string[] = []) {
  const content: Record<string, { schema: z.ZodType }> = { 'application/json': { schema } };
  for (const f of formats) {
    const media = MEDIA[f];
    if (media) content[media] = { schema: z.string().openapi({ description: `the same as ${f}` }) };
  }
  return {
    description,
    content: content as { 'application/json': { schema: T } } & Record<string, { schema: z.ZodType }>,
  };
}
