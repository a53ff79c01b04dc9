/**
 * Imports from uploaded files: the register's bulk files (streamed, up to UPLOAD_LIMIT), roundwood
 * harvest and Landbruksdirektoratet's farm files. Each import is one transaction: a bad file gets a
 * 400 naming the file and the record, and the store stays as it was. Status and log are kept.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import {
  getImport,
  getImportLog,
  importFarmFiles,
  importHarvest,
  importRegisterBulk,
  listImports,
} from '../../app/imports.ts';
import { AppError } from '../../domain/errors.ts';
import { message } from '../../domain/message.ts';
import { renderMessage } from '../../messages/catalogue.ts';
import type { Env } from '../env.ts';
import { errorJson, errorResponses, langOf } from '../errors.ts';
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
        c.json(
          errorJson(langOf(c), 'payload_too_large', message('payload_too_large', { limit: UPLOAD_LIMIT })),
          413,
        ),
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
      const body = c.req.raw.body;
      if (!body)
        throw new AppError('invalid_input', 'the request has no body: send the file as the body', {
          detail: message('request_body_missing', {}),
        });
      let answerBody: Record<string, unknown>;
      if (kind === 'brreg-enheter' || kind === 'brreg-underenheter') {
        const stream = Readable.fromWeb(body as unknown as NodeReadableStream);
        const result = await importRegisterBulk(state, [
          { unitType: kind === 'brreg-enheter' ? 'enhet' : 'underenhet', stream, name },
        ]);
        answerBody = { importId: result.importId, kind, files: result.files, applied: result.applied };
      } else {
        const bytes = new Uint8Array(await new Response(body).arrayBuffer());
        if (bytes.byteLength > STATISTICS_UPLOAD_LIMIT) {
          throw new AppError(
            'payload_too_large',
            `statistics files are limited to ${STATISTICS_UPLOAD_LIMIT} bytes`,
            { detail: message('payload_too_large', { limit: STATISTICS_UPLOAD_LIMIT }) },
          );
        }
        const input = [{ name, bytes }];
        const result =
          kind === 'avvirkning' ? await importHarvest(state, input) : await importFarmFiles(state, input);
        answerBody = {
          importId: result.importId,
          kind,
          datasets: result.datasets,
          summary: result.summary,
        };
      }
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
      return c.json({ imports: await listImports(state) }, 200);
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
      return c.json(await getImport(state, c.req.valid('param').id), 200);
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
                message: z.string().openapi({ description: 'The line in English, for logs and programs' }),
                detail: z
                  .object({ code: z.string(), params: z.record(z.string(), z.unknown()) })
                  .optional()
                  .openapi({ description: 'The line as a catalogue message (code and parameters)' }),
                text: z.string().openapi({ description: 'The line in the request’s language' }),
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
      const lang = c.get('lang');
      const log = (await getImportLog(state, id)).map((l) => ({
        ...l,
        text: l.detail ? renderMessage(l.detail, lang) : l.message,
      }));
      if (c.req.valid('query').format === 'csv')
        return csvResponse(
          c,
          log.map(({ detail: _d, ...l }) => l),
          ['seq', 'level', 'position', 'text', 'message'],
          `import-${id}-log`,
        );
      return c.json({ log }, 200);
    },
  );
}
