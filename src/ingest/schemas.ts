/** zod schemas for the project's own data files (data/), so a bad edit fails with its path. */
import { z } from 'zod';
import { parseUnit } from '../domain/units.ts';

const municipalityNumber = z.string().regex(/^\d{4}$/, 'a four-digit municipality number');

export const sourceSchema = z.object({
  status: z.enum(['verified', 'derived', 'literature', 'unsourced', 'calibrated']),
  citation: z.string().min(1),
  url: z.string().url().optional(),
  table: z.string().optional(),
});

export const coefficientSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case id of letters, digits, dots and dashes'),
    name: z.string().min(1),
    value: z.number().finite(),
    low: z.number().finite(),
    high: z.number().finite(),
    distribution: z.enum(['triangular', 'uniform', 'fixed']),
    unit: z.string().min(1),
    source: sourceSchema,
    region: z.string().min(1),
    year: z.number().int().min(1900).max(2100),
    calibration: z.object({ against: z.string().min(1), method: z.string().min(1) }).optional(),
    note: z.string().optional(),
  })
  .check((ctx) => {
    const c = ctx.value;
    if (!(c.low <= c.value && c.value <= c.high)) {
      ctx.issues.push({
        code: 'custom',
        input: c,
        path: ['value'],
        message: `needs low ≤ value ≤ high (${c.low} ≤ ${c.value} ≤ ${c.high})`,
      });
    }
    try {
      parseUnit(c.unit);
    } catch (error) {
      ctx.issues.push({ code: 'custom', input: c, path: ['unit'], message: (error as Error).message });
    }
    if (c.source.status === 'unsourced' && c.source.url) {
      ctx.issues.push({
        code: 'custom',
        input: c,
        path: ['source', 'url'],
        message: 'an unsourced value cites no URL',
      });
    }
    if (c.source.status === 'calibrated' && !c.calibration) {
      ctx.issues.push({
        code: 'custom',
        input: c,
        path: ['calibration'],
        message: 'a calibrated coefficient says what it was calibrated against',
      });
    }
  });

export const recipeSchema = z.object({
  kind: z.string().min(1),
  note: z.string().optional(),
  terms: z
    .array(
      z.object({
        statistic: z.string().min(1),
        coefficients: z.array(z.string().min(1)),
        category: z.string().optional(),
        dmShare: z.string().optional(),
      }),
    )
    .min(1),
});

export const profileFileSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string().min(1),
  description: z.string().min(1),
  /** Profiles whose coefficients this one may use (its own win on equal ids). */
  includes: z.array(z.string()).optional(),
  coefficients: z.array(coefficientSchema),
  recipes: z.array(recipeSchema),
});

export const residueKindsFileSchema = z.object({
  source: z.string().optional(),
  kinds: z.array(
    z.object({
      id: z.string().regex(/^[a-z]+$/),
      name: z.object({ nb: z.string().min(1), en: z.string().min(1) }),
      group: z.enum(['agriculture', 'forestry', 'livestock', 'society']),
      description: z.string(),
      dmShare: coefficientSchema,
      lhvGjPerTonneDm: coefficientSchema.optional(),
      nutrients: z
        .object({
          nKgPerTonne: coefficientSchema.optional(),
          pKgPerTonne: coefficientSchema.optional(),
          kKgPerTonne: coefficientSchema.optional(),
        })
        .optional(),
      regulatoryClass: z.enum(['plant', 'wood', 'ash', 'abp-cat2', 'abp-cat3', 'sludge', 'mixed-food-waste']),
      regulatoryNote: z.string().min(1),
    }),
  ),
});

const datasetSourceSchema = z.object({
  citation: z.string().min(1),
  url: z.string().optional(),
  table: z.string().optional(),
  derivedFrom: z.string().optional(),
  licence: z.string().optional(),
});

export const statisticsFileSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  year: z.number().int(),
  yearNote: z.string().optional(),
  source: datasetSourceSchema,
  variables: z.record(z.string(), z.object({ unit: z.string().min(1), name: z.string().min(1) })),
  rows: z.array(
    z.object({
      municipality: municipalityNumber,
      numberInSource: z.string().optional(),
      values: z.record(z.string(), z.number().finite().nonnegative()),
    }),
  ),
});

export const municipalitiesFileSchema = z.object({
  source: z.unknown(),
  municipalities: z.array(
    z.object({ number: municipalityNumber, name: z.string().min(1), county: z.string() }),
  ),
});

export const numberChangesFileSchema = z.object({
  source: z.unknown(),
  changes: z.array(
    z.object({
      from: municipalityNumber,
      fromName: z.string(),
      to: municipalityNumber,
      toName: z.string(),
      validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    }),
  ),
});

export const regionFileSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string().min(1),
  description: z.string().optional(),
  source: z.string().optional(),
  subRegions: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      municipalities: z.array(municipalityNumber).min(1),
    }),
  ),
  municipalities: z.array(municipalityNumber).optional(),
});
