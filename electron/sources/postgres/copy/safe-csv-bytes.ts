import { FORMULA_LEAD_BYTES, isFormulaLike, SAFE_MODE_QUOTED_BYTES, SAFE_MODE_SEPARATORS } from '../../../csv/safe-mode';

/**
 * Safe mode over COPY's CSV bytes: only the cells safe mode changes are rewritten, everything else
 * is passed on as the same bytes. Safe mode changes a cell when it starts like a formula (it gets
 * a `'`) or when it is bare and holds a separator COPY does not quote (`;`, tab, or `,` under
 * another delimiter: it gets quotes). Re-reading every cell as a string, as the timestamp rewrite
 * must, cost 1.6x psql on a 1M-row export; this scans bytes once.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const APOSTROPHE = Buffer.from("'");
const QUOTE_BUF = Buffer.from('"');
const CRLF = Buffer.from('\r\n');

/** Safe mode's formula rule (csv/safe-mode.ts) on bytes [from, to), decoding only cells that start with a candidate byte. */
function formulaLike(buf: Buffer, from: number, to: number): boolean {
  return to > from && FORMULA_LEAD_BYTES[buf[from] as number] === 1 && isFormulaLike(buf.toString('utf8', from, to));
}

/** True when bytes [from, to) hold a character that makes safe mode quote a cell. */
function holdsQuoted(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (SAFE_MODE_QUOTED_BYTES[buf[i] as number] === 1) {
      return true;
    }
  }
  return false;
}

/** Incremental safe-mode rewrite of COPY CSV; `feed` chunks in order, then `end`. */
export class SafeCsvBytes {
  /** Records completed so far (header included). */
  public records = 0;
  /** Bytes of an unfinished cell, carried to the next chunk (its cell starts at their first byte). */
  private carry: Buffer | null = null;
  private readonly extraQuote: readonly number[];

  public constructor(private readonly delimiter: number, private readonly crlf: boolean) {
    // Safe mode quotes its separators wherever they are; COPY quotes only its own delimiter.
    this.extraQuote = [...SAFE_MODE_SEPARATORS].map((c) => c.charCodeAt(0)).filter((b) => b !== delimiter);
  }

  /** The output for this chunk, as slices in order (most of them views into the chunk itself). */
  public feed(chunk: Buffer): Buffer[] {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    const out: Buffer[] = [];
    const n = buf.length;
    const delim = this.delimiter;
    const [q1, q2] = [this.extraQuote[0] ?? -1, this.extraQuote[1] ?? -1];
    let flushed = 0;
    let i = 0;
    while (i < n) {
      // A cell starts at i.
      const start = i;
      if (buf[i] === QUOTE) {
        // Quoted: find the closing quote ("" inside stays as it is).
        let j = i + 1;
        let escaped = false;
        for (;;) {
          const k = buf.indexOf(QUOTE, j);
          if (k < 0 || k + 1 >= n) {
            j = -1;
            break;
          }
          if (buf[k + 1] === QUOTE) {
            escaped = true;
            j = k + 2;
            continue;
          }
          j = k + 1;
          break;
        }
        if (j < 0) {
          break;
        }
        // j is just past the closing quote: a delimiter or LF follows (COPY writes nothing else).
        const changed = this.quotedCell(buf, start, j, escaped);
        if (changed) {
          out.push(buf.subarray(flushed, start), ...changed);
          flushed = j;
        }
        i = j;
      } else {
        let j = i;
        let quote = false;
        while (j < n) {
          const b = buf[j] as number;
          if (b === delim || b === LF) {
            break;
          }
          if (b === q1 || b === q2) {
            quote = true;
          }
          j++;
        }
        if (j >= n) {
          break;
        }
        const changed = this.bareCell(buf, start, j, quote);
        if (changed) {
          out.push(buf.subarray(flushed, start), ...changed);
          flushed = j;
        }
        i = j;
      }
      // i is at the delimiter or the LF that ends the cell.
      if (buf[i] === LF) {
        this.records++;
        if (this.crlf) {
          out.push(buf.subarray(flushed, i), CRLF);
          flushed = i + 1;
        }
      }
      i++;
    }
    // The cell from `i` on is unfinished (or i === n): keep it for the next chunk.
    if (i < n) {
      this.carry = Buffer.from(buf.subarray(i));
    }
    out.push(buf.subarray(flushed, Math.min(i, n)));
    return out.filter((b) => b.length > 0);
  }

  /** What is left at the end: an unfinished record is an error of the stream, reported by the caller. */
  public end(): { readonly rest: Buffer | null } {
    return { rest: this.carry };
  }

  private bareCell(buf: Buffer, start: number, end: number, quote: boolean): Buffer[] | null {
    const formula = formulaLike(buf, start, end);
    if (!formula && !quote) {
      return null;
    }
    const body = buf.subarray(start, end);
    const parts = formula ? [APOSTROPHE, body] : [body];
    return quote ? [QUOTE_BUF, ...parts, QUOTE_BUF] : parts;
  }

  private quotedCell(buf: Buffer, start: number, end: number, escaped: boolean): Buffer[] | null {
    const first = start + 1;
    const last = end - 1;
    if (last <= first) {
      // `""`, the empty string, is quoted by the cell formatter too.
      return null;
    }
    // Doubled quotes inside cannot start a formula-like cell, so the escaped bytes can be judged as they are.
    const formula = formulaLike(buf, first, last);
    if (!escaped && !holdsQuoted(buf, first, last)) {
      // Quotes the cell formatter would not write (COPY's lone `\.`, or a forced quote): dropped.
      const body = buf.subarray(first, last);
      return formula ? [APOSTROPHE, body] : [body];
    }
    return formula ? [buf.subarray(start, first), APOSTROPHE, buf.subarray(first, end)] : null;
  }

}
