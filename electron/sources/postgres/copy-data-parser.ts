/** Protocol message codes a COPY TO STDOUT response uses (PostgreSQL protocol 3, "Message Formats"). */
const ERROR_RESPONSE = 0x45;
const COPY_OUT_RESPONSE = 0x48;
const COPY_DATA = 0x64;
const NOTIFICATION_RESPONSE = 0x41;
const NOTICE_RESPONSE = 0x4e;
const PARAMETER_STATUS = 0x53;

/** Byte code plus the 4-byte length that starts every backend message. */
const HEADER = 5;

/** What one chunk of the backend's bytes held. */
export interface CopyChunk {
  /** The CopyData payloads of the chunk, concatenated (null when there were none). */
  readonly data: Buffer | null;
  /**
   * Set when the copy is over for this parser: the bytes from the message that ended it
   * (CopyDone, ErrorResponse or anything else) onwards, for the client's own parser.
   */
  readonly rest: Buffer | null;
}

/**
 * Splits the bytes of a COPY TO STDOUT response into CopyData payloads without allocating per
 * message. pg-copy-streams, which this replaces, makes a Buffer for each message (one per row) and
 * concatenates them again; on a 1M-row export that per-row work cost more CPU than psql uses in
 * all. Pure and incremental: messages may be split anywhere across chunks. It takes ownership of
 * the chunks it is fed: payloads are moved down inside them, so callers must not reuse them.
 */
export class CopyDataParser {
  /** CopyData messages seen so far (the server sends one per row, the header row included). */
  public messages = 0;
  private code = 0;
  /** Payload bytes of the current message still to come; -1 between messages. */
  private remaining = -1;
  /** A message header split across chunks. */
  private partial: Buffer | null = null;

  /** Parses the next chunk. After a chunk returned `rest`, the parser must not be fed again. */
  public feed(chunk: Buffer): CopyChunk {
    let buf = chunk;
    if (this.partial) {
      buf = Buffer.concat([this.partial, chunk]);
      this.partial = null;
    }
    // Payloads are moved down over the headers, in place: the output is the front of `buf`.
    // (Buffer#copy would make a typed array per row; copyWithin allocates nothing.)
    let at = 0;
    let pos = 0;
    const n = buf.length;
    while (pos < n) {
      if (this.remaining >= 0) {
        const take = Math.min(this.remaining, n - pos);
        if (this.code === COPY_DATA && take > 0) {
          if (at !== pos) {
            buf.copyWithin(at, pos, pos + take);
          }
          at += take;
        }
        pos += take;
        this.remaining -= take;
        if (this.remaining === 0) {
          this.remaining = -1;
          if (this.code === COPY_DATA) {
            this.messages++;
          }
        }
        continue;
      }
      const code = buf[pos] as number;
      if (!continuesCopy(code)) {
        // CopyDone, an error or anything else ends copy-out mode; the client's parser takes over
        // from this message's first byte.
        return { data: at > 0 ? buf.subarray(0, at) : null, rest: buf.subarray(pos) };
      }
      if (n - pos < HEADER) {
        this.partial = Buffer.from(buf.subarray(pos));
        break;
      }
      this.code = code;
      this.remaining = buf.readUInt32BE(pos + 1) - 4;
      pos += HEADER;
      if (this.remaining === 0) {
        this.remaining = -1;
        if (code === COPY_DATA) {
          this.messages++;
        }
      }
    }
    return { data: at > 0 ? buf.subarray(0, at) : null, rest: null };
  }
}

function continuesCopy(code: number): boolean {
  return code === COPY_DATA || code === COPY_OUT_RESPONSE || code === NOTICE_RESPONSE || code === PARAMETER_STATUS || code === NOTIFICATION_RESPONSE;
}

/** Codes the copy stream tells apart: an ErrorResponse ends the copy without ending the stream. */
export const COPY_CODES = { ERROR_RESPONSE, COPY_DATA, COPY_OUT_RESPONSE } as const;
