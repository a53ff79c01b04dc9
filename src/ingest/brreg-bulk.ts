/**
 * Reads an Enhetsregisteret bulk file — `enheter/lastned` or `underenheter/lastned` (a gzip JSON array),
 * their `/csv` variants (gzip CSV), or either uncompressed — as a stream in bounded memory, handing each
 * record to `onUnit` as a `BrregUnit`. Compression and format are sniffed from the first bytes. Any
 * structural problem (truncated gzip, corrupt JSON, a record that is not a register unit, a CSV row of
 * the wrong width, an empty file) throws an `AppError` naming the file, the record number and the byte
 * offset in the uncompressed data; the caller's transaction then rolls back.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CsvError, parse } from 'csv-parse';
import type { BrregUnit, UnitType } from '../domain/actors.ts';
import { AppError } from '../domain/errors.ts';
import { type Message, message } from '../domain/message.ts';
import { csvLayout, RecordShapeError, recordShapeMessage, unitFromJson } from './brreg-records.ts';
import { JsonArraySplitter, JsonSplitError } from './json-array-splitter.ts';

export interface BulkSource {
  unitType: UnitType;
  /** A file to read; or give `stream` (and `name` for messages). */
  path?: string;
  stream?: AsyncIterable<Buffer> | Readable;
  name?: string;
  /** Bytes of the (compressed) input, for progress; taken from the file when `path` is given. */
  size?: number;
}

export interface BulkProgress {
  file: string;
  unitType: UnitType;
  /** Bytes of the input read so far (compressed bytes for a gzip file). */
  bytesRead: number;
  totalBytes: number | null;
  records: number;
}

export interface BulkPosition {
  record: number;
  /** Byte offset of the record in the uncompressed data. */
  offset: number;
}

export interface BulkReadResult {
  file: string;
  format: 'json' | 'csv';
  gzip: boolean;
  records: number;
  bytes: number;
}

export interface BulkReadOptions {
  onProgress?: (p: BulkProgress) => void;
  /** Awaited after every chunk of input (lets a writer flush buffered rows). */
  afterChunk?: () => Promise<void> | void;
}

function fail(
  file: string,
  record: number,
  offset: number,
  english: string,
  detail: Message,
  cause?: unknown,
): AppError {
  const where = record > 0 ? `record ${record} at byte ${offset}` : `byte ${offset}`;
  return new AppError('invalid_input', `${file}: ${where}: ${english}`, {
    issues: [{ path: `${file}#record=${record},byte=${offset}`, message: english, detail }],
    detail,
    cause,
  });
}

/** A problem the JSON splitter found, as a message. */
function splitMessage(file: string, e: JsonSplitError): Message {
  const at = { file, record: e.record, offset: e.offset };
  switch (e.problem) {
    case 'empty':
      return message('file_empty', { file });
    case 'not_array':
      return message('bulk_not_array', { file, offset: e.offset });
    case 'truncated':
      return message('bulk_truncated', at);
    case 'invalid':
      return message('bulk_json_invalid', at);
  }
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

function gunzip(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const gz = createGunzip({ chunkSize: 256 * 1024 });
  const input = Readable.from(source, { objectMode: false });
  input.on('error', (e) => gz.destroy(e));
  input.pipe(gz);
  return gz;
}

export async function readBrregBulk(
  source: BulkSource,
  onUnit: (unit: BrregUnit, position: BulkPosition) => void,
  options: BulkReadOptions = {},
): Promise<BulkReadResult> {
  const file = source.name ?? (source.path ? basename(source.path) : `(${source.unitType} stream)`);
  const sizeOf = (path: string): number | null => {
    try {
      return statSync(path).size;
    } catch {
      return null; // a missing file is reported when it is read
    }
  };
  const totalBytes = source.size ?? (source.path ? sizeOf(source.path) : null);
  const raw: AsyncIterable<Buffer> =
    source.stream ??
    createReadStream(source.path ?? '', { highWaterMark: 1024 * 1024 }).on('error', () => {
      /* surfaced by the iterator */
    });
  let bytesRead = 0;
  let records = 0;
  /** Uncompressed bytes handed to the parser so far. */
  let bytes = 0;
  const progress = () =>
    options.onProgress?.({ file, unitType: source.unitType, bytesRead, totalBytes, records });

  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of raw) {
      bytesRead += chunk.length;
      yield chunk;
    }
  }

  let gzip = false;
  let format: 'json' | 'csv' = 'json';
  try {
    const rawIt = counted()[Symbol.asyncIterator]();
    const first = await rawIt.next();
    if (first.done || first.value.length === 0)
      throw fail(file, 0, 0, 'the file is empty', message('file_empty', { file }));
    gzip = first.value[0] === 0x1f && first.value[1] === 0x8b;
    const plain = gzip ? gunzip(prepend(first.value, rawIt)) : prepend(first.value, rawIt);
    const plainIt = plain[Symbol.asyncIterator]();
    const head = await plainIt.next();
    if (head.done)
      throw fail(
        file,
        0,
        0,
        'the file is empty (nothing after decompression)',
        message('file_empty', { file }),
      );
    let k = 0;
    const h = head.value;
    while (k < h.length && (h[k] === 0x20 || h[k] === 0x0a || h[k] === 0x0d || h[k] === 0x09)) k++;
    if (h[k] === 0xef && h[k + 1] === 0xbb && h[k + 2] === 0xbf) k += 3;
    // The bulk JSON is an array; an object is most likely a search response given by mistake.
    format = h[k] === 0x5b || h[k] === 0x7b || k >= h.length ? 'json' : 'csv';
    const chunks = (async function* () {
      for await (const c of prepend(h, plainIt as AsyncIterator<Buffer>)) {
        yield c;
        bytes += c.length;
      }
    })();
    if (format === 'json') {
      const splitter = new JsonArraySplitter((json, record, offset) => {
        let value: unknown;
        try {
          value = JSON.parse(json);
        } catch (e) {
          throw fail(
            file,
            record,
            offset,
            `invalid JSON: ${(e as Error).message}`,
            message('bulk_json_invalid', { file, record, offset }),
            e,
          );
        }
        try {
          onUnit(unitFromJson(value, source.unitType), { record, offset });
        } catch (e) {
          if (e instanceof RecordShapeError)
            throw fail(
              file,
              record,
              offset,
              `wrong shape: ${e.message}`,
              recordShapeMessage(e.shape, { source: file, record, offset, unitType: source.unitType }),
              e,
            );
          throw e;
        }
        records = record;
      });
      for await (const chunk of chunks) {
        try {
          splitter.push(chunk);
        } catch (e) {
          if (e instanceof JsonSplitError)
            throw fail(file, e.record, e.offset, e.message, splitMessage(file, e), e);
          throw e;
        }
        progress();
        await options.afterChunk?.();
      }
      try {
        splitter.end();
      } catch (e) {
        if (e instanceof JsonSplitError)
          throw fail(file, e.record, e.offset, e.message, splitMessage(file, e), e);
        throw e;
      }
    } else {
      const parser = parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: false });
      const input = Readable.from(chunks, { objectMode: false });
      input.on('error', (e) => parser.destroy(e));
      input.pipe(parser);
      let layout: ReturnType<typeof csvLayout> | undefined;
      let lastBytes = 0;
      try {
        for await (const item of parser as AsyncIterable<{
          record: string[];
          info: { bytes: number; records: number };
        }>) {
          const offset = lastBytes;
          lastBytes = item.info.bytes;
          if (!layout) {
            try {
              layout = csvLayout(item.record, source.unitType);
            } catch (e) {
              if (e instanceof RecordShapeError)
                throw fail(
                  file,
                  0,
                  0,
                  `wrong shape: ${e.message}`,
                  recordShapeMessage(e.shape, {
                    source: file,
                    record: 0,
                    offset: 0,
                    unitType: source.unitType,
                  }),
                  e,
                );
              throw e;
            }
            continue;
          }
          records++;
          onUnit(layout.read(item.record), { record: records, offset });
          if (records % 2000 === 0) {
            progress();
            await options.afterChunk?.();
          }
        }
      } catch (e) {
        if (e instanceof CsvError) {
          // csv-parse counts the header as a record: its count is the number of the failing data record.
          const at = e as CsvError & { records?: number; bytes_records?: number };
          const record = at.records ?? records + 1;
          const offset = at.bytes_records ?? lastBytes;
          throw fail(
            file,
            record,
            offset,
            `invalid CSV: ${e.message}`,
            message('bulk_csv_invalid', { file, record, offset }),
            e,
          );
        }
        throw e;
      }
      if (!layout)
        throw fail(file, 0, 0, 'the file is empty (no CSV header)', message('file_empty', { file }));
      await options.afterChunk?.();
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT')
      throw new AppError('invalid_input', `${file}: no such file`, {
        cause: e,
        detail: message('file_not_found', { file: source.path ?? file }),
      });
    if (typeof err.code === 'string' && err.code.startsWith('Z_')) {
      const truncated = err.code === 'Z_BUF_ERROR';
      const what = truncated
        ? 'the gzip data ends early (truncated file)'
        : `corrupt gzip data (${err.message})`;
      const at = { file, record: records + 1, offset: bytes };
      throw fail(
        file,
        at.record,
        at.offset,
        what,
        truncated ? message('bulk_truncated', at) : message('bulk_gzip_corrupt', at),
        e,
      );
    }
    throw e;
  }
  progress();
  return { file, format, gzip, records, bytes };
}
