import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { AuditlensError } from '../../../../shared/api/result';
import { formatIso, parseTimestamp } from '../../../../shared/model/timestamps';
import type { CsvOptions, TimeMode } from '../../../csv/csv-format';
import { makeCellFormatter, UTF8_BOM } from '../../../csv/csv-format';
import { SafeCsvBytes } from './safe-csv-bytes';

const QUOTE = 34;
const CRLF = Buffer.from('\r\n');
const LF = 10;

/** How `CopyCsvRewriter` rewrites COPY's CSV. */
export interface RewriteOptions extends CsvOptions {
  readonly bom: boolean;
  /** Rewrites timestamps in the flagged columns as ISO 8601 in UTC or local time ('stored' keeps them). */
  readonly time?: TimeMode | undefined;
  readonly temporal?: readonly boolean[] | undefined;
  readonly onChunk?: (() => void) | undefined;
  /**
   * Raw mode with LF only: count line ends instead of records, which skips the quote scan (ten
   * times the cost, as audit rows quote their JSON and arrays). A line break inside a quoted
   * field then counts as a record, so `records` is only fit for progress; the caller takes the
   * final count from the server (`COPY n`).
   */
  readonly countLines?: boolean | undefined;
}

/** LF bytes in a chunk: one native search per line. */
function countLineEnds(chunk: Buffer): number {
  let n = 0;
  let at = chunk.indexOf(LF);
  while (at >= 0) {
    n++;
    at = chunk.indexOf(LF, at + 1);
  }
  return n;
}

/**
 * Rewrites the CSV that `COPY … (FORMAT csv)` streams: counts records, adds the BOM and turns
 * the LF that ends each record into CRLF when asked. Raw mode passes COPY's bytes through (so it
 * equals `psql \copy`). Safe mode alone rewrites only the cells it changes, on the bytes
 * (safe-csv-bytes.ts). A timestamp rewrite re-reads every cell and writes it with
 * the export's own cell formatter (`makeCellFormatter`), exactly as the SQLite export does:
 * formula-like cells (header included) get a `'`, and NULL stays an empty field while the empty
 * string stays `""`, as COPY wrote them.
 */
export class CopyCsvRewriter extends Transform {
  /** Records seen so far, the header included. */
  public records = 0;
  /** Bytes pushed so far. */
  public bytes = 0;
  private started = false;
  private inQuote = false;
  private readonly decoder = new StringDecoder('utf8');
  private state: 'start' | 'bare' | 'quoted' | 'afterQuote' = 'start';
  private field = '';
  private quoted = false;
  private column = 0;
  private readonly tokenize: boolean;
  private readonly safeBytes: SafeCsvBytes | null;
  private readonly format: (v: unknown) => string;
  private readonly convert: readonly boolean[] | null;

  public constructor(private readonly o: RewriteOptions) {
    super();
    const time = o.time ?? 'stored';
    this.convert = time !== 'stored' && o.temporal && o.temporal.some(Boolean) ? o.temporal : null;
    // Safe mode alone rewrites few cells: it works on the bytes. Timestamps need every cell read.
    this.safeBytes = o.safe && this.convert === null ? new SafeCsvBytes(o.delimiter.charCodeAt(0), o.eol === '\r\n') : null;
    this.tokenize = this.safeBytes === null && (o.safe || this.convert !== null);
    this.format = makeCellFormatter({ safe: o.safe, delimiter: o.delimiter, eol: o.eol });
  }

  public override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.begin();
    if (this.safeBytes) {
      const parts = this.safeBytes.feed(chunk);
      this.records = this.safeBytes.records;
      this.emit_(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts));
    } else if (this.tokenize) {
      this.emit_(Buffer.from(this.rewriteCells(this.decoder.write(chunk)), 'utf8'));
    } else if (this.o.eol === '\n' && this.o.countLines === true) {
      this.records += countLineEnds(chunk);
      this.emit_(chunk);
    } else {
      this.emit_(this.rewriteRaw(chunk));
    }
    cb();
  }

  public override _flush(cb: TransformCallback): void {
    this.begin();
    if (this.safeBytes && this.safeBytes.end().rest !== null) {
      cb(new AuditlensError('source-error', 'The server’s CSV stream ended in the middle of a record.'));
      return;
    }
    if (this.tokenize) {
      const rest = this.rewriteCells(this.decoder.end());
      if (this.state !== 'start' || this.field !== '') {
        cb(new AuditlensError('source-error', 'The server’s CSV stream ended in the middle of a record.'));
        return;
      }
      this.emit_(Buffer.from(rest, 'utf8'));
    }
    cb();
  }

  private begin(): void {
    if (!this.started) {
      this.started = true;
      if (this.o.bom) {
        this.emit_(Buffer.from(UTF8_BOM, 'utf8'));
      }
    }
  }

  private emit_(b: Buffer): void {
    if (b.length > 0) {
      this.bytes += b.length;
      this.push(b);
      this.o.onChunk?.();
    }
  }

  /**
   * Quote parity is enough to find record ends: `""` inside a quoted field toggles twice. Scans
   * with Buffer.indexOf (native) and remembers the next quote, so rare quotes cost nothing.
   */
  private rewriteRaw(chunk: Buffer): Buffer {
    const n = chunk.length;
    const ends: number[] = [];
    let inQuote = this.inQuote;
    let nextQuote = -1;
    let i = 0;
    while (i < n) {
      if (nextQuote < i) {
        nextQuote = chunk.indexOf(QUOTE, i);
        nextQuote = nextQuote < 0 ? n : nextQuote;
      }
      if (inQuote) {
        inQuote = nextQuote >= n;
        i = nextQuote + 1;
        continue;
      }
      let lf = chunk.indexOf(LF, i);
      lf = lf < 0 ? n : lf;
      if (lf < nextQuote) {
        this.records++;
        ends.push(lf);
        i = lf + 1;
      } else {
        inQuote = nextQuote < n;
        i = nextQuote + 1;
      }
    }
    this.inQuote = inQuote;
    if (this.o.eol === '\n' || ends.length === 0) {
      return chunk;
    }
    const parts: Buffer[] = [];
    let from = 0;
    for (const at of ends) {
      parts.push(chunk.subarray(from, at), CRLF);
      from = at + 1;
    }
    parts.push(chunk.subarray(from));
    return Buffer.concat(parts);
  }

  private rewriteCells(s: string): string {
    let out = '';
    let i = 0;
    const n = s.length;
    let nextDelim = -1;
    let nextLf = -1;
    while (i < n) {
      if (this.state === 'start') {
        this.quoted = s.charCodeAt(i) === QUOTE;
        this.state = this.quoted ? 'quoted' : 'bare';
        i += this.quoted ? 1 : 0;
      } else if (this.state === 'bare') {
        if (nextDelim < i) {
          nextDelim = s.indexOf(this.o.delimiter, i);
          nextDelim = nextDelim < 0 ? n : nextDelim;
        }
        if (nextLf < i) {
          nextLf = s.indexOf('\n', i);
          nextLf = nextLf < 0 ? n : nextLf;
        }
        const j = nextDelim < nextLf ? nextDelim : nextLf;
        this.field += s.slice(i, j);
        if (j === n) {
          break;
        }
        out += this.endField(s.charCodeAt(j));
        i = j + 1;
      } else if (this.state === 'quoted') {
        const j = s.indexOf('"', i);
        if (j < 0) {
          this.field += s.slice(i);
          break;
        }
        this.field += s.slice(i, j);
        i = j + 1;
        this.state = 'afterQuote';
      } else {
        const c = s.charCodeAt(i);
        if (c === QUOTE) {
          this.field += '"';
          this.state = 'quoted';
        } else {
          out += this.endField(c);
        }
        i++;
      }
    }
    return out;
  }

  /** Writes the finished cell and what ended it (a delimiter or the end of the record). */
  private endField(terminator: number): string {
    const v = this.field;
    const isNull = !this.quoted && v === '';
    this.field = '';
    this.state = 'start';
    let cell = '';
    if (!isNull) {
      // Record 0 is the header: column names are never timestamps.
      const parsed = this.convert && this.records > 0 && this.convert[this.column] ? parseTimestamp(v) : null;
      cell = this.format(parsed ? formatIso(parsed, this.o.time === 'local' ? 'local' : 'utc') : v);
    }
    if (terminator === LF) {
      this.records++;
      this.column = 0;
      return cell + this.o.eol;
    }
    this.column++;
    return cell + this.o.delimiter;
  }
}
