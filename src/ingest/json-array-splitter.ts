/**
 * Splits a JSON array of objects, fed as byte chunks, into one JSON text per element without parsing
 * the whole: it tracks nesting depth, strings and escapes across chunk boundaries and hands each
 * top-level object to `onRecord` with its number (1-based) and byte offset. Measured on a national
 * Enhetsregisteret file this with JSON.parse per record is about 4× faster than stream-json (issue 4).
 * Bytes are only decoded once a record is complete, so a UTF-8 character split by a chunk boundary
 * is never broken.
 */

/** What kind of structural problem it is, for the caller's message. */
export type JsonSplitProblem = 'empty' | 'not_array' | 'invalid' | 'truncated';

/** A structural problem at a position: the caller names the file. */
export class JsonSplitError extends Error {
  constructor(
    message: string,
    readonly record: number,
    readonly offset: number,
    readonly problem: JsonSplitProblem = 'invalid',
  ) {
    super(message);
    this.name = 'JsonSplitError';
  }
}

enum State {
  Start,
  /** After `[`: an element or `]`. */
  FirstValue,
  /** After an element: `,` or `]`. */
  AfterValue,
  /** After `,`: an element. */
  NextValue,
  End,
}

const BOM = [0xef, 0xbb, 0xbf];

function describe(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? `'${String.fromCharCode(byte)}'` : `byte 0x${byte.toString(16)}`;
}

export class JsonArraySplitter {
  private state = State.Start;
  private depth = 0;
  private inString = false;
  private escapePending = false;
  private parts: Buffer[] = [];
  /** Bytes consumed before the current chunk. */
  private consumed = 0;
  private recordOffset = 0;
  /** Records completed so far. */
  records = 0;

  constructor(private readonly onRecord: (json: string, record: number, offset: number) => void) {}

  /** Bytes seen so far (uncompressed). */
  get bytes(): number {
    return this.consumed;
  }

  push(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    let start = this.depth > 0 ? 0 : -1;
    if (this.escapePending) {
      this.escapePending = false;
      i = 1;
    }
    let depth = this.depth;
    let inString = this.inString;
    for (; i < n; i++) {
      const c = chunk[i] as number;
      if (depth > 0) {
        if (inString) {
          // Jump from quote to quote natively (strings are most of the bytes); a quote after an odd
          // run of backslashes is escaped. A run never reaches back past the opening quote.
          let q = chunk.indexOf(0x22, i);
          for (;;) {
            if (q < 0) {
              let run = 0;
              for (let k = n - 1; k >= i && chunk[k] === 0x5c; k--) run++;
              if (run % 2 === 1) this.escapePending = true; // escapes the next chunk's first byte
              i = n;
              break;
            }
            let run = 0;
            for (let k = q - 1; k >= i && chunk[k] === 0x5c; k--) run++;
            if (run % 2 === 0) {
              inString = false;
              i = q;
              break;
            }
            q = chunk.indexOf(0x22, q + 1);
          }
          continue;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          depth--;
          if (depth === 0) {
            const json =
              this.parts.length > 0
                ? Buffer.concat([...this.parts, chunk.subarray(0, i + 1)]).toString('utf8')
                : chunk.toString('utf8', start, i + 1);
            this.parts = [];
            this.records++;
            this.state = State.AfterValue;
            this.depth = 0;
            this.onRecord(json, this.records, this.recordOffset);
          }
        }
        continue;
      }
      // Between elements: whitespace, the array's punctuation, or the start of an object.
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      const offset = this.consumed + i;
      switch (this.state) {
        case State.Start:
          if (c === 0x5b) this.state = State.FirstValue;
          else if (offset < 3 && c === BOM[offset])
            continue; // a UTF-8 byte-order mark
          else
            throw new JsonSplitError(
              `not a JSON array (the bulk format starts with '['): found ${describe(c)}`,
              0,
              offset,
              'not_array',
            );
          break;
        case State.FirstValue:
        case State.NextValue:
          if (c === 0x7b) {
            depth = 1;
            start = i;
            this.recordOffset = offset;
          } else if (c === 0x5d && this.state === State.FirstValue) this.state = State.End;
          else
            throw new JsonSplitError(
              `element ${this.records + 1} is not an object: found ${describe(c)}`,
              this.records + 1,
              offset,
            );
          break;
        case State.AfterValue:
          if (c === 0x2c) this.state = State.NextValue;
          else if (c === 0x5d) this.state = State.End;
          else
            throw new JsonSplitError(
              `expected ',' or ']' after record ${this.records}: found ${describe(c)}`,
              this.records + 1,
              offset,
            );
          break;
        case State.End:
          throw new JsonSplitError(
            `data after the end of the array: found ${describe(c)}`,
            this.records + 1,
            offset,
          );
      }
    }
    if (depth > 0) this.parts.push(start > 0 ? chunk.subarray(start) : chunk);
    this.depth = depth;
    this.inString = inString;
    this.consumed += n;
  }

  /** Checks that the array was closed. */
  end(): void {
    if (this.state === State.End) return;
    if (this.state === State.Start && this.consumed === 0)
      throw new JsonSplitError('the file is empty', 0, 0, 'empty');
    if (this.state === State.Start)
      throw new JsonSplitError('no JSON array in the file', 0, this.consumed, 'not_array');
    const where =
      this.depth > 0
        ? `inside record ${this.records + 1} (starting at byte ${this.recordOffset})`
        : `after record ${this.records}`;
    throw new JsonSplitError(
      `the file ends ${where} without closing the array (truncated?)`,
      this.records + 1,
      this.consumed,
      'truncated',
    );
  }
}
