/** zod schemas for the project's own data files (data/), so a bad edit fails with its path. */

import { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import { ORIGIN_CLASSES, REGULATORY_CLASSES } from '../domain/residue-kinds.ts';
import { parseUnit } from '../domain/units.ts';
import { TIERS } from '../domain/valuation.ts';

const municipalityNumber = z.string().regex(/^\d{4}$/, 'a four-digit municipality number');

/** Text a person typed: bounded, and never a NUL or a lone surrogate (PostgreSQL rejects the first). */
export const safeText = (max: number) =>
  z
    .string()
    .max(max)
    .refine(
      (v) => !v.includes('\u0000') && (v as unknown as { isWellFormed: () => boolean }).isWellFormed(),
      {
        message: 'text with a NUL character or a broken surrogate pair',
        params: message('text_unsafe', {}),
      },
    );

/**
 * A text that data carries to people, in bokmål and English (the shells pick the language). Both are
 * required: a one-language text would reach the other language's users untranslated.
 */
export const textSchema = z.object({ nb: z.string().min(1), en: z.string().min(1) }).strict();

/** A text in both languages, or a person's own words as one text (a user's file). */
export const wordsSchema = z.union([textSchema, z.string().min(1)]);

/** Tonnes a scenario may name: a billion tonnes is more than Norway's whole biomass. */
const MAX_TONNES = 1e9;
/** Prices up to a billion per unit: beyond that a number is a typo. */
const MAX_PRICE = 1e9;

export const sourceSchema = z.object({
  status: z.enum(['verified', 'derived', 'literature', 'unsourced', 'calibrated']),
  citation: z.string().min(1),
  url: z.string().url().optional(),
  table: z.string().optional(),
  /**
   * The range the cited source itself gives, in the value's unit and currency, or 'ours' when the
   * source gives one figure (or none) and the range is our judgement (the note says why).
   * test/source-ranges.test.ts fails when a value's low–high is wider than its source's range.
   */
  range: z
    .union([z.object({ low: z.number().finite(), high: z.number().finite() }).strict(), z.literal('ours')])
    .optional(),
  /**
   * The value is the audited regional report's own figure (or arithmetic on it alone). The audit
   * does not use it to confirm the report: such a check compares the report with itself.
   */
  fromReport: z.literal(true).optional(),
});

export const coefficientSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case id of letters, digits, dots and dashes'),
    name: wordsSchema,
    value: z.number().finite(),
    low: z.number().finite(),
    high: z.number().finite(),
    distribution: z.enum(['triangular', 'uniform', 'fixed']),
    unit: z.string().min(1),
    source: sourceSchema,
    region: z.string().min(1),
    year: z.number().int().min(1900).max(2100),
    calibration: z.object({ against: wordsSchema, method: wordsSchema }).optional(),
    note: wordsSchema.optional(),
  })
  .check((ctx) => {
    const c = ctx.value;
    if (!(c.low <= c.value && c.value <= c.high)) {
      ctx.issues.push({
        code: 'custom',
        input: c,
        path: ['value'],
        message: `needs low ≤ value ≤ high (${c.low} ≤ ${c.value} ≤ ${c.high})`,
        params: message('value_outside_range', { low: c.low, value: c.value, high: c.high }),
      });
    }
    try {
      parseUnit(c.unit);
    } catch (error) {
      // The unit parser's own message when it has one in the catalogue; else ours.
      const detail =
        error instanceof AppError && error.detail ? error.detail : message('unit_invalid', { unit: c.unit });
      ctx.issues.push({
        code: 'custom',
        input: c,
        path: ['unit'],
        message: (error as Error).message,
        params: detail,
      });
    }
    if (c.source.status === 'unsourced' && c.source.url) {
      ctx.issues.push({
        code: 'custom',
        input: c,
        path: ['source', 'url'],
        message: 'an unsourced value cites no URL',
        params: message('source_unsourced_with_url', {}),
      });
    }
    if (c.source.status === 'calibrated' && !c.calibration) {
      ctx.issues.push({
        code: 'custom',
        input: c,
        path: ['calibration'],
        message: 'a calibrated coefficient says what it was calibrated against',
        params: message('calibration_missing', {}),
      });
    }
  });

const recipeTermsSchema = z
  .array(
    z.object({
      statistic: z.string().min(1),
      coefficients: z.array(z.string().min(1)),
      category: z.string().optional(),
      dmShare: z.string().optional(),
    }),
  )
  .min(1);

export const recipeSchema = z.object({
  kind: z.string().min(1),
  note: wordsSchema.optional(),
  terms: recipeTermsSchema,
  alternatives: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/),
        note: wordsSchema.optional(),
        terms: recipeTermsSchema,
      }),
    )
    .optional(),
});

export const profileFileSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: wordsSchema,
  description: wordsSchema,
  /** Profiles whose coefficients this one may use (its own win on equal ids). */
  includes: z.array(z.string()).optional(),
  /** The statistics year the profile's figures are made for (used when an estimate asks for none). */
  year: z.number().int().min(1900).max(2100).optional(),
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
      origin: z.enum(ORIGIN_CLASSES),
      description: textSchema,
      dmShare: coefficientSchema,
      lhvGjPerTonneDm: coefficientSchema.optional(),
      nutrients: z
        .object({
          nKgPerTonne: coefficientSchema.optional(),
          pKgPerTonne: coefficientSchema.optional(),
          kKgPerTonne: coefficientSchema.optional(),
        })
        .optional(),
      regulatoryClass: z.enum(REGULATORY_CLASSES),
      regulatoryNote: textSchema,
    }),
  ),
});

const datasetSourceSchema = z.object({
  citation: z.string().min(1),
  url: z.string().optional(),
  table: z.string().optional(),
  derivedFrom: z.string().optional(),
  licence: z.string().optional(),
  partial: z.string().optional(),
  shipped: z.boolean().optional(),
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
      // As published: VSOP net volumes are negative where corrections exceed sales (data/README.md).
      values: z.record(z.string(), z.number().finite()),
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
  description: wordsSchema.optional(),
  source: z.string().optional(),
  /** The transcribed figures of a report about this region (path under data/), checked by `restverdi audit`. */
  seedReport: z.string().optional(),
  subRegions: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      municipalities: z.array(municipalityNumber).min(1),
    }),
  ),
  municipalities: z.array(municipalityNumber).optional(),
});

const tierSchema = z.enum(['energi', 'gjodsel', 'for', 'pharma', 'mat', 'produkt']);
const nameSchema = z.object({ nb: z.string().min(1), en: z.string().min(1) });
const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case id of letters, digits and dashes');

export const priceSchema = z
  .object({
    value: z.number().finite().nonnegative().max(MAX_PRICE),
    low: z.number().finite().nonnegative().max(MAX_PRICE),
    high: z.number().finite().nonnegative().max(MAX_PRICE),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as NOK or EUR'),
    per: z.enum(['t', 'kg']),
    year: z.number().int().min(1900).max(2100),
    source: sourceSchema,
    note: wordsSchema.optional(),
    co2ePremium: z
      .strictObject({ value: z.number().finite().nonnegative().max(MAX_PRICE) })
      .optional()
      .describe(
        'The part of the price (in its currency, per its unit) that pays for the CO2e the product saves',
      ),
  })
  .check((ctx) => {
    const p = ctx.value;
    if (!(p.low <= p.value && p.value <= p.high)) {
      ctx.issues.push({
        code: 'custom',
        input: p,
        path: ['value'],
        message: `needs low ≤ value ≤ high (${p.low} ≤ ${p.value} ≤ ${p.high})`,
        params: message('value_outside_range', { low: p.low, value: p.value, high: p.high }),
      });
    }
  });

const climateSchema = z.object({
  replaces: textSchema,
  tonnesReplacedPerTonne: coefficientSchema,
  kgCo2ePerKgReplaced: coefficientSchema,
});

/**
 * How much of a product its market takes a year (t/yr, on the product's own unit) and where; past
 * each step's share of the market the price falls to its factor (no steps: full price up to the size).
 */
const marketSchema = z
  .strictObject({
    tonnesPerYear: coefficientSchema,
    scope: z.enum(['regional', 'national', 'nordic', 'european', 'global']),
    steps: z
      .array(z.strictObject({ upToShare: z.number().gt(0).max(1), priceFactor: z.number().gt(0).max(1) }))
      .min(1)
      .optional(),
  })
  .check((ctx) => {
    const steps = ctx.value.steps ?? [];
    steps.forEach((step, i) => {
      const before = steps[i - 1];
      if (before && !(step.upToShare > before.upToShare && step.priceFactor <= before.priceFactor))
        ctx.issues.push({
          code: 'custom',
          input: step,
          path: ['steps', i],
          message: 'each step reaches further into the market at no higher a price',
          params: message('market_steps_unordered', { step: i }),
        });
    });
    const last = steps.at(-1);
    if (last && last.upToShare !== 1)
      ctx.issues.push({
        code: 'custom',
        input: last,
        path: ['steps', steps.length - 1, 'upToShare'],
        message: 'the last step reaches the whole market (upToShare 1)',
        params: message('market_steps_short', {}),
      });
  });

export const productsFileSchema = z.object({
  products: z.array(
    z.object({
      id: idSchema,
      name: nameSchema,
      tier: tierSchema,
      intermediate: z.boolean().optional(),
      price: priceSchema,
      climate: z.array(climateSchema).optional(),
      description: textSchema.optional(),
      market: marketSchema.optional(),
    }),
  ),
});

export const ratesFileSchema = z.object({
  rates: z.array(
    z.object({
      currency: z.string().regex(/^[A-Z]{3}$/),
      nokPerUnit: z.number().positive(),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      source: sourceSchema,
    }),
  ),
});

const outputSchema = z.object({ product: z.string().min(1), yield: coefficientSchema });
const lossSchema = z.object({ what: z.string().min(1), yield: coefficientSchema });

/** data/candidates.json: the finance that annualises capex (net value, candidate sites). */
export const candidatesSchema = z.object({
  source: z.string(),
  discountRate: coefficientSchema,
  lifetimeYears: coefficientSchema,
});

export const technologiesFileSchema = z.object({
  technologies: z.array(
    z.object({
      id: idSchema,
      name: nameSchema,
      description: textSchema,
      inputs: z.array(z.string().min(1)).min(1),
      basis: z.enum(['wet', 'dm']),
      outputs: z.array(outputSchema),
      losses: z.array(lossSchema),
      byInput: z
        .record(
          z.string().min(1),
          z.strictObject({ outputs: z.array(outputSchema).min(1), losses: z.array(lossSchema) }),
        )
        .optional(),
      tier: tierSchema,
      capexNokPerTonneCapacity: coefficientSchema,
      capexPer: z.string().optional(),
      opexNokPerTonne: coefficientSchema,
      energyUseKwhPerTonne: coefficientSchema.optional(),
      typicalCapacityTonnes: coefficientSchema,
      transportRadiusKm: coefficientSchema,
      readiness: z.strictObject({
        trl: z.number().int().min(1).max(9),
        source: sourceSchema,
        note: wordsSchema.optional(),
      }),
      sources: z.array(sourceSchema).min(1),
    }),
  ),
});

export const eligibilityFileSchema = z.object({
  rules: z.array(
    z.object({
      id: z.string().min(1),
      regulatoryClass: z.enum(REGULATORY_CLASSES),
      forbiddenTiers: z.array(tierSchema),
      forbiddenTechnologies: z.array(z.string()).optional(),
      rule: textSchema,
      legalSource: sourceSchema,
    }),
  ),
});

export const currentUsesFileSchema = z.object({
  uses: z.array(
    z.object({
      kind: z.string().min(1),
      tier: tierSchema,
      description: textSchema,
      product: z.string().optional(),
      valueNokPerTonne: priceSchema.optional(),
      climate: z.array(climateSchema).optional(),
      source: sourceSchema,
    }),
  ),
});

/** A scenario file (data/scenarios/*.json or a user's file). docs/scenario.schema.json is generated from this. */
export const scenarioSchema = z
  .object({
    id: idSchema.max(64).describe('Short id, e.g. rapport-pyrolyse'),
    name: z
      .object({ nb: safeText(200).min(1), en: safeText(200).min(1) })
      .strict()
      .describe('Name in bokmål and English'),
    description: z
      .union([
        z.object({ nb: safeText(5000).min(1), en: safeText(5000).min(1) }).strict(),
        safeText(5000).min(1),
      ])
      .describe('What the scenario is: in bokmål and English ({ nb, en }), or one text as you write it'),
    source: sourceSchema.strict().optional().describe('Where the scenario and its numbers come from'),
    inputs: z
      .array(
        z
          .object({
            stream: safeText(64).min(1).describe('Residue kind id (see `restverdi kinds`) or a product id'),
            tonnes: z
              .number()
              .finite()
              .nonnegative()
              .max(MAX_TONNES)
              .optional()
              .describe('Tonnes per year; absent = as much as the steps need'),
            basis: z.enum(['wet', 'dm']).describe('Whether tonnes are wet weight or dry matter'),
            note: z
              .union([
                z.object({ nb: safeText(2000).min(1), en: safeText(2000).min(1) }).strict(),
                safeText(2000),
              ])
              .optional(),
          })
          .strict(),
      )
      .min(1)
      .max(100),
    steps: z
      .array(
        z
          .object({
            id: safeText(64).min(1),
            technology: safeText(64).min(1).describe('Technology id (see `restverdi technologies`)'),
            input: safeText(64).min(1).describe('An input stream, or a product of an earlier step'),
            tonnes: z
              .number()
              .finite()
              .positive()
              .max(MAX_TONNES)
              .optional()
              .describe('Fixed tonnes of input, on the technology’s basis'),
            share: z.number().min(0).max(1).optional().describe('Share of the available input (default 1)'),
            target: z
              .object({ product: safeText(64).min(1), tonnes: z.number().positive().max(MAX_TONNES) })
              .strict()
              .optional()
              .describe('Size the step to make this much of a product'),
            yields: z
              .record(safeText(64), z.number().min(0).max(1))
              .optional()
              .describe(
                'Yields per product or loss, t per t input, instead of the technology’s; must add up to 1',
              ),
            capexNokPerTonneCapacity: z.number().nonnegative().max(MAX_PRICE).optional(),
            source: sourceSchema.strict().optional(),
          })
          .strict()
          .check((ctx) => {
            const s = ctx.value;
            const sizes = [s.tonnes, s.share, s.target].filter((x) => x !== undefined).length;
            if (sizes > 1) {
              ctx.issues.push({
                code: 'custom',
                input: s,
                path: [],
                message: 'give at most one of tonnes, share and target',
                params: message('step_size_ambiguous', {}),
              });
            }
          }),
      )
      .min(1)
      .max(50),
    prices: z
      .record(safeText(64), priceSchema)
      .optional()
      .describe('Prices per product instead of the library’s'),
    climate: z.record(safeText(64), z.array(climateSchema)).optional(),
  })
  .strict();

/** data/audit/national-figures.json: published national figures for the national audit. */
export const nationalFiguresFileSchema = z
  .object({
    source: z.string().min(1),
    figures: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z][a-z0-9-]*$/),
          label: textSchema,
          kinds: z.array(z.string().min(1)).min(1),
          basis: z.enum(['wet', 'dm']),
          published: z
            .object({
              value: z.number().finite().positive(),
              low: z.number().finite().positive(),
              high: z.number().finite().positive(),
              year: z.number().int().min(1900).max(2100),
              citation: textSchema,
              url: z.string().url().optional(),
            })
            .strict()
            .refine((p) => p.low <= p.value && p.value <= p.high, { message: 'needs low ≤ value ≤ high' }),
          captureRate: z.string().min(1).optional(),
          calibration: z.boolean().optional(),
          causes: textSchema,
        })
        .strict(),
    ),
  })
  .strict();

/** data/update/sources.json: where `restverdi update` looks for newer statistics. */
export const updateSourcesSchema = z
  .object({
    source: z.string().min(1),
    landbruk: z
      .object({
        baseUrl: z.string().url(),
        datasets: z.array(
          z
            .object({
              id: z.string().regex(/^[a-z][a-z0-9-]*$/),
              title: textSchema,
              path: z.string().includes('<year>'),
              variable: z.string().min(1),
              firstYear: z.number().int(),
              yearFromPath: z.boolean().optional(),
            })
            .strict(),
        ),
      })
      .strict(),
    ssb: z.array(
      z
        .object({
          table: z.string().regex(/^\d{5}$/),
          title: textSchema,
          variable: z.string().min(1),
          firstYear: z.number().int(),
        })
        .strict(),
    ),
  })
  .strict();

export type UpdateSources = z.infer<typeof updateSourcesSchema>;

const naceList = z.array(z.string().regex(/^\d{2}(\.\d{1,3})?$/, 'a NACE prefix such as 16.10')).min(1);
const kindId = z.string().regex(/^[a-z][a-z-]*$/);

/** data/actor-streams.json: streams per actor from NACE × employees, technical kinds and roles, farm files. */
export const actorStreamCatalogueSchema = z
  .object({
    source: z.string().min(1),
    employeesWhenWithheld: coefficientSchema,
    namedForms: z
      .object({
        forms: z.array(z.string().regex(/^[A-ZÆØÅ]{1,8}$/)),
        personalForms: z.array(z.string().regex(/^[A-ZÆØÅ]{1,8}$/)),
        companySuffix: z.string().min(1),
        note: textSchema,
      })
      .strict(),
    kinds: z.array(
      z
        .object({
          id: kindId,
          name: textSchema,
          cycle: z.enum(['biological', 'technical']),
          origin: z.enum(ORIGIN_CLASSES),
          description: textSchema,
          dmShare: coefficientSchema,
          regulatoryNote: textSchema.optional(),
        })
        .strict(),
    ),
    technicalLadder: z.array(z.object({ id: kindId, name: textSchema }).strict()).min(1),
    ladderNote: textSchema,
    roles: z.array(
      z
        .object({
          id: kindId,
          name: textSchema,
          nace: naceList,
          holds: z.array(kindId),
          uses: z.array(kindId),
          step: kindId,
          description: textSchema,
          reportRoles: z.array(z.string().min(1)),
        })
        .strict(),
    ),
    holdings: z.array(
      z.object({ id: kindId, nace: naceList, kind: kindId, coefficient: coefficientSchema }).strict(),
    ),
    shares: z.array(z.object({ id: kindId, nace: naceList, kind: kindId, note: textSchema }).strict()),
    uses: z.array(
      z
        .object({
          id: kindId,
          nace: naceList,
          technologies: z.array(z.string().min(1)).optional(),
          kinds: z.array(kindId).optional(),
          tier: z.enum(TIERS).optional(),
          note: textSchema,
        })
        .strict(),
    ),
    farmFiles: z
      .array(
        z
          .object({
            file: z.string().min(1),
            dataset: z.string().min(1),
            year: z.number().int().optional(),
            nameField: z.string().min(1).optional(),
          })
          .strict(),
      )
      .min(1),
    farmFilesNote: textSchema,
    reportPlaces: z.record(z.string(), z.array(z.string().regex(/^\d{4}$/))),
    reportTextileRoles: z.record(z.string(), kindId),
    reportTextileNote: textSchema,
  })
  .strict();
