/**
 * Imports from uploaded files: the register's bulk files (streamed, up to UPLOAD_LIMIT), roundwood
 * harvest and Landbruksdirektoratet's farm files. Each import is one transaction: a bad file gets a
 * 400 naming the file and the record, and the store stays as it was. Status and log are kept.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createSectorClassifier } from '../../domain/actors.ts';
import { AppError } from '../../domain/errors.ts';
import { importBrregBulk } from '../../ingest/brreg-import.ts';
import { loadSectorMapping } from '../../ingest/nace-sectors.ts';
import { prepareAvvirkningImport, prepareLandbrukImport } from '../../ingest/statistics-import.ts';
import { openActorImport } from '../../store/actors-repository.ts';
import { writeImport } from '../../store/statistics-repository.ts';
import type { Env } from '../env.ts';
import { errorJson, errorResponses } from '../errors.ts';
import { csvResponse } from '../export.ts';
import { answer, FormatQuery, integerQuery, Opaque } from '../schemas.ts';
import type { ServerState } from '../state.ts';

/** The register's bulk file of legal units is ~80 MB gzipped, ~1.2 GB as CSV or JSON. */
export const UPLOAD_LIMIT = 2 * 1024 ** 3;
/** Statistics files are small; they are read whole. */
export const STATISTICS_UPLOAD_LIMIT = 200 * 1024 ** 2;

const KINDS = ['brreg-enheter', 'brreg-underenheter', 'avvirkning', 'landbruk'] as const;

export function importRoutes(api: OpenAPIHono<Env>, state: ServerState): void {
  api.use(
    '/imports',
    bodyLimit({
      maxSize: UPLOAD_LIMIT,
      onError: (c) =>
        c.json(errorJson('payload_too_large', `uploads are limited to ${UPLOAD_LIMIT} bytes`), 413),
    }),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/imports',
      tags: ['imports'],
      summary: 'Import an uploaded file (the body is the file, as it was downloaded)',
      request: {
        query: z
          .object({
            kind: z.enum(KINDS).openapi({ description: 'What the file is' }),
            name: z
              .string()
              .regex(/^[\w.+-]{1,200}$/, 'a file name of letters, digits, dots, dashes')
              .openapi({ example: 'enheter_alle.json.gz' }),
          })
          .strict(),
        body: {
          content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
        },
      },
      responses: {
        201: answer(Opaque('ImportDone', 'importId and what was imported'), 'Imported'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { kind, name } = c.req.valid('query');
      const data = await state.reference();
      const body = c.req.raw.body;
      if (!body) throw new AppError('invalid_input', 'the request has no body: send the file as the body');
      let answerBody: Record<string, unknown>;
      if (kind === 'brreg-enheter' || kind === 'brreg-underenheter') {
        const stream = Readable.fromWeb(body as unknown as NodeReadableStream);
        const now = state.clock.now();
        const result = await importBrregBulk(
          openActorImport(state.store, now.toISOString()),
          [{ unitType: kind === 'brreg-enheter' ? 'enhet' : 'underenhet', stream, name }],
          {
            registry: data.registry,
            classify: createSectorClassifier(loadSectorMapping(data.dataDir)),
            feedSince: new Date(now.getTime() - 86_400_000).toISOString(),
          },
        );
        answerBody = { importId: result.importId, kind, files: result.files, applied: result.applied };
      } else {
        const bytes = new Uint8Array(await new Response(body).arrayBuffer());
        if (bytes.byteLength > STATISTICS_UPLOAD_LIMIT) {
          throw new AppError(
            'payload_too_large',
            `statistics files are limited to ${STATISTICS_UPLOAD_LIMIT} bytes`,
          );
        }
        const input = [{ name, bytes }];
        const prepared =
          kind === 'avvirkning'
            ? await prepareAvvirkningImport(input, data.registry)
            : await prepareLandbrukImport(input, { registry: data.registry, dataDir: data.dataDir });
        const result = await writeImport(state.store.db, {
          ...prepared,
          now: state.clock.now().toISOString(),
        });
        answerBody = {
          importId: result.importId,
          kind,
          datasets: result.datasets,
          summary: prepared.summary,
        };
      }
      state.invalidate();
      return c.json(answerBody, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/imports',
      tags: ['imports'],
      responses: {
        200: answer(
          z.object({
            imports: z.array(
              Opaque('Import', 'id, kind, file, status, startedAt, finishedAt, counts, message'),
            ),
          }),
          'The latest imports, newest first',
        ),
      },
    }),
    async (c) => {
      const rows = await state.store.db
        .selectFrom('imports')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(100)
        .execute();
      return c.json({ imports: rows.map(importView) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/imports/{id}',
      tags: ['imports'],
      request: {
        params: z.object({ id: integerQuery(1, 2 ** 31 - 1).openapi({ param: { name: 'id', in: 'path' } }) }),
      },
      responses: {
        200: answer(Opaque('ImportStatus', 'status, counts, message'), 'The import'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const row = await state.store.db
        .selectFrom('imports')
        .selectAll()
        .where('id', '=', c.req.valid('param').id)
        .executeTakeFirst();
      if (!row) throw new AppError('not_found', `no import ${c.req.valid('param').id}`);
      return c.json(importView(row), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/imports/{id}/log',
      tags: ['imports'],
      request: {
        params: z.object({ id: integerQuery(1, 2 ** 31 - 1).openapi({ param: { name: 'id', in: 'path' } }) }),
        query: z.object({ format: FormatQuery(['json', 'csv']) }).strict(),
      },
      responses: {
        200: answer(
          z.object({
            log: z.array(
              z.object({
                seq: z.number(),
                level: z.string(),
                position: z.string().nullable(),
                message: z.string(),
              }),
            ),
          }),
          'The import’s log',
          ['csv'],
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const exists = await state.store.db
        .selectFrom('imports')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!exists) throw new AppError('not_found', `no import ${id}`);
      const log = await state.store.db
        .selectFrom('import_log')
        .select(['seq', 'level', 'position', 'message'])
        .where('import_id', '=', id)
        .orderBy('seq')
        .limit(100_000)
        .execute();
      if (c.req.valid('query').format === 'csv')
        return csvResponse(c, log, ['seq', 'level', 'position', 'message'], `import-${id}-log`);
      return c.json({ log }, 200);
    },
  );
}

function importView(r: {
  id: number;
  kind: string;
  file: string | null;
  status: string;
  started_at: string;
  finished_at: string | null;
  counts_json: string | null;
  message: string | null;
}) {
  return {
    id: r.id,
    kind: r.kind,
    file: r.file,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counts: r.counts_json ? (JSON.parse(r.counts_json) as Record<string, unknown>) : null,
    message: r.message,
  };
}
