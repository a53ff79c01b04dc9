/**
 * The optimiser as a job: POST starts a run and answers 202 with its id; GET polls its progress
 * (stage and share done) and, when done, its result. A run that fails keeps its error for the poll.
 */
import { randomUUID } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { allocationAnswer, allocationDeps, planAllocation, runAllocation } from '../../app/allocation.ts';
import { messageNames } from '../../app/names.ts';
import { DEFAULT_SEED, MAX_SEED } from '../../app/residues.ts';
import {
  allocationUncertaintyOf,
  DEFAULT_VALUE_DRAWS,
  MAX_REOPTIMISE_DRAWS,
  MAX_VALUE_DRAWS,
} from '../../app/value-uncertainty.ts';
import type { Solver } from '../../domain/allocation/lp.ts';
import { AppError, type Issue } from '../../domain/errors.ts';
import { type Message, message } from '../../domain/message.ts';
import { MATURE_TRL } from '../../domain/technologies.ts';
import { localise, type Names } from '../../messages/catalogue.ts';
import type { Lang } from '../../messages/format.ts';
import type { Env } from '../env.ts';
import { errorJson, errorResponses, langOf } from '../errors.ts';
import { answer, Opaque, safeText } from '../schemas.ts';
import type { ServerState } from '../state.ts';

type Stage = 'queued' | 'estimating' | 'building' | 'solving' | 'interpreting' | 'done' | 'failed';

const STAGES: Stage[] = ['queued', 'estimating', 'building', 'solving', 'interpreting', 'done'];

interface Job {
  id: string;
  stage: Stage;
  startedAt: string;
  finishedAt?: string;
  result?: unknown;
  /** Kinds, technologies and municipalities by name, for the messages of the result and the error. */
  names: Names;
  /** Why the run failed: rendered in the language of each poll. */
  error?: { code: string; said: Message | string; issues: Issue[] };
}

/** Finished jobs kept for polling; the oldest go first. */
export const MAX_JOBS = 100;

const OptimiseInput = z
  .object({
    region: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,63}$/)
      .default('gjovik-hadeland-ringerike'),
    profile: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,63}$/)
      .default('report'),
    objective: z.enum(['value', 'co2e', 'weighted']).default('value'),
    co2ePriceNok: z.number().min(0).max(1e6).optional(),
    sites: z
      .array(z.unknown())
      .max(500)
      .optional()
      .openapi({ description: 'Sites as in docs/sites.md; added to the region’s, same id replaces' }),
    noDefaultSites: z.boolean().default(false),
    candidates: z.boolean().default(false),
    candidateTechnologies: z.array(safeText(64)).max(50).optional(),
    includeEmerging: z
      .boolean()
      .default(false)
      .openapi({
        description: `Let routes below TRL ${MATURE_TRL} (pilot, laboratory) compete; left out by default`,
      }),
    uncertainty: z
      .object({
        draws: z.number().int().min(1).max(MAX_VALUE_DRAWS).default(DEFAULT_VALUE_DRAWS),
        seed: z.number().int().min(0).max(MAX_SEED).default(DEFAULT_SEED),
        reoptimise: z.number().int().min(1).max(MAX_REOPTIMISE_DRAWS).optional(),
      })
      .strict()
      .optional()
      .openapi({
        description:
          'Add P10/P50/P90 of value and CO2e with the optimum’s flows fixed (and, with reoptimise, solved again on that many draws) and the tornado: the CLI’s --uncertainty --draws --seed --reoptimise',
      }),
  })
  .strict()
  .openapi('OptimiseInput');

const JobSchema = z
  .object({
    id: z.string(),
    stage: z.enum(['queued', 'estimating', 'building', 'solving', 'interpreting', 'done', 'failed']),
    progress: z.number().openapi({ description: 'Share of the stages done, 0–1' }),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    result: Opaque(
      'Allocation',
      'status, objective, valueNok, co2eTonnes, flows, sites (usedTonnes, capacityTonnes, shadowPriceNokPerTonne), unallocated, baseline, upliftNok; with uncertainty in the request also uncertainty (valueNok and co2eTonnes as {central, p10, p50, p90} with the flows fixed, reoptimised, tornado)',
    ).optional(),
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        issues: z.array(z.object({ path: z.string(), message: z.string() })),
      })
      .optional(),
  })
  .openapi('OptimiseJob');

export function optimiseRoutes(api: OpenAPIHono<Env>, state: ServerState): void {
  const jobs = new Map<string, Job>();
  let solver: Promise<Solver> | undefined;
  // The result is the CLI's `optimize --format json` answer, codes and all (the same-answers suite
  // holds them equal); the error is said in the language of each poll.
  const view = (j: Job, lang: Lang) => ({
    id: j.id,
    stage: j.stage,
    progress: j.stage === 'failed' ? 1 : STAGES.indexOf(j.stage) / (STAGES.length - 1),
    startedAt: j.startedAt,
    ...(j.finishedAt ? { finishedAt: j.finishedAt } : {}),
    ...(j.result ? { result: localise(j.result, lang, j.names) as Record<string, unknown> } : {}),
    ...(j.error
      ? { error: errorJson(lang, j.error.code, j.error.said, j.error.issues, undefined, j.names).error }
      : {}),
  });
  // Let a poll in between stages: the solver itself runs synchronously in WebAssembly.
  const yieldToPolls = () => new Promise<void>((resolve) => setImmediate(resolve));

  api.openapi(
    createRoute({
      method: 'post',
      path: '/optimise',
      tags: ['optimiser'],
      summary: 'Start an allocation run; poll GET /optimise/{id}',
      request: { body: { required: true, content: { 'application/json': { schema: OptimiseInput } } } },
      responses: { 202: answer(JobSchema, 'The run was started'), ...errorResponses },
    }),
    async (c) => {
      const { uncertainty, ...options } = c.req.valid('json');
      // Check what can be checked before answering, so a bad request is a 400, not a failed job.
      const deps = await allocationDeps(state);
      const plan = planAllocation(deps, options);
      const job: Job = {
        id: randomUUID(),
        stage: 'queued',
        startedAt: state.clock.now().toISOString(),
        names: messageNames(await state.reference(), state.library),
      };
      jobs.set(job.id, job);
      if (jobs.size > MAX_JOBS) jobs.delete(jobs.keys().next().value as string);
      void (async () => {
        try {
          job.stage = 'estimating';
          await yieldToPolls();
          solver ??= state.solver({ timeLimitSeconds: 120 });
          const result = await runAllocation(plan, await solver, {
            onStage: async (stage) => {
              job.stage = stage;
              await yieldToPolls();
            },
          });
          const answer = allocationAnswer(plan, result);
          job.result = uncertainty
            ? {
                ...answer,
                uncertainty: allocationUncertaintyOf(plan, deps.data, result, state.random, {
                  ...uncertainty,
                  solver: await solver,
                }),
              }
            : answer;
          job.stage = 'done';
        } catch (error) {
          job.stage = 'failed';
          job.error =
            error instanceof AppError
              ? { code: error.code, said: error.detail ?? error.message, issues: error.issues }
              : { code: 'internal', said: message('run_failed', {}), issues: [] };
        } finally {
          job.finishedAt = state.clock.now().toISOString();
        }
      })();
      return c.json(view(job, langOf(c)), 202);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/optimise/{id}',
      tags: ['optimiser'],
      request: {
        params: z.object({
          id: z
            .string()
            .uuid()
            .openapi({ param: { name: 'id', in: 'path' } }),
        }),
      },
      responses: { 200: answer(JobSchema, 'The run’s stage, and its result when done'), ...errorResponses },
    }),
    (c) => {
      const job = jobs.get(c.req.valid('param').id);
      if (!job)
        throw new AppError(
          'not_found',
          `no optimiser run ${c.req.valid('param').id} (runs are kept in memory, the last ${MAX_JOBS})`,
          { detail: message('optimiser_run_not_found', { id: c.req.valid('param').id, kept: MAX_JOBS }) },
        );
      return c.json(view(job, langOf(c)), 200);
    },
  );
}
