/**
 * A biopark design file (docs/parks.md; JSON Schema in docs/park.schema.json): its shape checked with
 * zod, then its graph and balances with the domain's checkPark. Every problem is listed with its path;
 * a design that does not balance is refused as a whole.
 */
import { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { checkPark, checkYields, OUTSIDES, PARK_QUANTITIES, type Park, TREATMENTS } from '../domain/parks.ts';
import type { Technology } from '../domain/technologies.ts';
import { problemsDetail } from './file-issues.ts';
import { readJsonFile } from './reference-data.ts';
import { safeText, wordsSchema } from './schemas.ts';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case id of letters, digits and dashes')
  .describe('Short id: lower-case letters, digits and dashes');
/** A year's amount of one quantity; a billion (tonnes, MWh, m³) is beyond any park. */
const amount = z.number().min(0).max(1e9);
const amounts = z
  .object(
    Object.fromEntries(PARK_QUANTITIES.map((q) => [q, amount.optional()])) as Record<
      (typeof PARK_QUANTITIES)[number],
      z.ZodOptional<typeof amount>
    >,
  )
  .strict()
  .describe('A year’s amounts: wet, dm, n, p, k, c and co2 in t, heat and electricity in MWh, water in m³');
const stockChange = z
  .object(
    Object.fromEntries(PARK_QUANTITIES.map((q) => [q, z.number().min(-1e9).max(1e9).optional()])) as Record<
      (typeof PARK_QUANTITIES)[number],
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .strict()
  .describe('What the stock grows by in a year (negative: shrinks), per quantity');
const endpoint = z.union([
  z.object({ process: id }).strict(),
  z.object({ outside: z.enum(OUTSIDES), name: wordsSchema.optional() }).strict(),
]);

export const parkSchema = z
  .object({
    id,
    name: wordsSchema.describe('Name in bokmål and English, or one text'),
    description: wordsSchema.optional(),
    tolerance: z
      .number()
      .min(0)
      .max(0.2)
      .optional()
      .describe(
        'How far a conserved quantity may miss closing, as a share of its larger side (default 0.005)',
      ),
    shared: z
      .array(
        z
          .object({
            id,
            name: wordsSchema,
            capexNok: z.number().min(0).max(1e11),
            opexNokPerYear: z.number().min(0).max(1e10),
          })
          .strict(),
      )
      .max(50)
      .optional()
      .describe('Infrastructure the processes share, with its costs'),
    processes: z
      .array(
        z
          .object({
            id,
            name: wordsSchema,
            technology: id.optional().describe('A technology of data/technologies.json'),
            treats: z
              .object(
                Object.fromEntries(PARK_QUANTITIES.map((q) => [q, z.enum(TREATMENTS).optional()])) as Record<
                  (typeof PARK_QUANTITIES)[number],
                  z.ZodOptional<
                    z.ZodEnum<{ conserves: 'conserves'; transforms: 'transforms'; ignores: 'ignores' }>
                  >
                >,
              )
              .strict()
              .describe('Per quantity: conserves, transforms or ignores (not named: ignores)'),
            stockChange: stockChange.optional(),
            costs: z
              .object({ capexNok: z.number().min(0).max(1e11), opexNokPerYear: z.number().min(0).max(1e10) })
              .strict()
              .optional()
              .describe('Costs of a process of its own; a library process takes its technology’s'),
          })
          .strict(),
      )
      .min(1)
      .max(200),
    flows: z
      .array(
        z
          .object({
            id,
            from: endpoint,
            to: endpoint,
            carries: safeText(100).optional().describe('The residue kind or product the flow is'),
            amounts,
          })
          .strict(),
      )
      .max(2000),
  })
  .strict();

/**
 * Reads a park file and checks it: its shape, then its graph and its balances, and with the library's
 * technologies the yields of the processes that name one (exit code 2 in the CLI).
 */
export function readParkFile(file: string, technologies?: readonly Technology[]): Park {
  let park: Park;
  try {
    park = readJsonFile(file, parkSchema, process.cwd()) as Park;
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_data')
      throw new AppError('invalid_input', error.message, {
        issues: error.issues,
        cause: error,
        ...(error.detail ? { detail: error.detail } : {}),
      });
    throw error;
  }
  return checkedPark(park, file, technologies);
}

/** A park whose graph is sound and whose conserved quantities close; else every problem, under `where`. */
export function checkedPark(park: Park, where: string, technologies?: readonly Technology[]): Park {
  const found = checkPark(park);
  if (found.length === 0 && technologies) found.push(...checkYields(park, technologies));
  const issues = found.map((i) => ({ ...i, path: `${where}:${i.path}` }));
  if (issues.length > 0)
    throw new AppError(
      'invalid_input',
      `${where}: ${issues[0]?.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
      {
        issues,
        detail: problemsDetail(where, issues),
      },
    );
  return park;
}
