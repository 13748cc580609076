/**
 * A resumable byte-level JSON scanner. It builds no values: it checks the grammar, finds where each
 * record starts and ends, and notes what `JSON.parse` would hide (duplicate or `__proto__` keys,
 * numbers a double cannot hold, strings over the cap, nesting over the cap). The caller then parses
 * each record natively. Chunks of any size can be pushed, so a multi-gigabyte array or NDJSON file
 * streams with memory bounded by the largest record. This file is the state machine between tokens;
 * the tokens live in scan-strings.ts and scan-scalars.ts, the shared state in scan-state.ts.
 */
import {
  AFTER, ARR, ARR_FIRST, ARR_NEXT, COLON, KEY, OBJ, OBJ_FIRST, shown, startsValue,
  T_DEAD, T_DEEP, T_LITERAL, T_NONE, T_NUMBER, T_SKIP_LINE, T_STRING, VALUE,
} from './scan-grammar';
import { numberStart, NUM_DONE_OK } from './scan-numbers';
import { ScalarScan } from './scan-scalars';

export type { ScanIssue, ScanMode } from './scan-state';

/** Scans JSON bytes pushed in chunks and hands each complete record to `onRecord`. */
export class JsonScanner extends ScalarScan {
  /** Records seen so far, including skipped ones. */
  public get records(): number {
    return this.recIndex;
  }

  /** Advances the file offset past bytes that are not fed to the scanner (a byte-order mark). */
  public skip(bytes: number): void {
    this.abs += bytes;
  }

  /** Scans one chunk; `buf` is only read during this call, so the caller may reuse it afterwards. */
  public push(buf: Buffer): void {
    const n = buf.length;
    this.nextU = -1;
    this.rec.nextChunk();
    let i = 0;
    while (i < n) {
      switch (this.tok) {
        case T_NONE: i = this.run(buf, i, n); break;
        case T_STRING: i = this.stringBody(buf, i, n); break;
        case T_NUMBER: i = this.number(buf, i, n); break;
        case T_LITERAL: i = this.literal(buf, i, n); break;
        case T_SKIP_LINE: i = this.skipLine(buf, i, n); break;
        case T_DEEP: i = this.deep(buf, i, n); break;
        default: i = n;
      }
    }
    if (this.inRec && this.rec.endChunk(buf, n) > this.limits.maxRecordBytes) {
      this.drop(`is larger than ${this.limits.maxRecordBytes} bytes`, this.recAbs, this.recLine);
    }
    this.abs += n;
  }

  /** Signals the end of input: reports a value cut short, or an input with nothing in it. */
  public end(): void {
    if (this.tok === T_NUMBER && this.numState >= NUM_DONE_OK) {
      this.finishNumber(null, 0);
      this.valueDone(null, 0);
    }
    if (this.tok === T_DEAD || this.tok === T_SKIP_LINE) {
      return;
    }
    if (this.depth > 0 || this.tok !== T_NONE || this.inRec) {
      const what = this.inRec ? `the record that starts on line ${this.recLine}` : 'the top-level array';
      this.issue(this.abs, `the input ends in the middle of ${what}; the file looks truncated`);
    } else if (!this.sawContent) {
      this.issue(0, 'the file is empty: it holds no JSON value');
    }
  }

  private run(buf: Buffer, start: number, n: number): number {
    let i = start;
    while (i < n) {
      const c = buf[i] as number;
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        if (c === 0x0a) {
          if (this.mode.lineRecovery && (this.inRec || this.depth > 0)) {
            // JSON Lines: a line break outside a string ends the record, complete or not.
            return this.fail(buf, i, n, 'the line ends before its JSON value is complete');
          }
          this.line++;
        }
        i++;
        continue;
      }
      this.sawContent = true;
      const ex = this.expect;
      if (ex === AFTER) {
        const top = this.stack[this.depth];
        if (c === 0x2c) {
          this.expect = top === OBJ ? KEY : ARR_NEXT;
          i++;
        } else if ((c === 0x7d && top === OBJ) || (c === 0x5d && top === ARR)) {
          i = this.close(buf, i);
        } else {
          return this.fail(buf, i, n, top === OBJ ? "expected ',' or '}' after a value" : "expected ',' or ']' after a value");
        }
        continue;
      }
      if (ex === COLON) {
        if (c !== 0x3a) {
          return this.fail(buf, i, n, "expected ':' after a property name");
        }
        this.expect = VALUE;
        i++;
        continue;
      }
      if (ex === KEY || ex === OBJ_FIRST) {
        if (c === 0x22) {
          this.strIsKey = true;
          i = this.stringStart(buf, i, n);
        } else if (c === 0x7d && ex === OBJ_FIRST) {
          i = this.close(buf, i);
        } else {
          return this.fail(buf, i, n, c === 0x7d ? "a trailing comma before '}'" : 'expected a property name in double quotes');
        }
        continue;
      }
      if (c === 0x5d && (ex === ARR_FIRST || ex === ARR_NEXT)) {
        if (ex === ARR_NEXT) {
          return this.fail(buf, i, n, "a trailing comma before ']'");
        }
        i = this.close(buf, i);
        continue;
      }
      // A value starts here: ex is TOP, VALUE, ARR_FIRST or ARR_NEXT.
      if (!startsValue(c)) {
        return this.fail(buf, i, n, `unexpected ${shown(c)} where a JSON value should start`);
      }
      if (!this.inRec && this.depth === this.recDepth) {
        if (c === 0x5b && this.depth === 0 && this.mode.explodeTopArray) {
          this.open(ARR, i);
          this.recDepth = 1;
          i++;
          continue;
        }
        this.beginRecord(i);
      }
      if (c === 0x7b || c === 0x5b) {
        i++;
        if (!this.open(c === 0x7b ? OBJ : ARR, i - 1)) {
          return i;
        }
      } else if (c === 0x22) {
        this.strIsKey = false;
        i = this.stringStart(buf, i, n);
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        this.numStartAbs = this.abs + i;
        this.numText = '';
        this.numState = numberStart(c);
        this.tok = T_NUMBER;
        return this.number(buf, i + 1, n);
      } else {
        this.litWord = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
        this.litIdx = 1;
        this.tok = T_LITERAL;
        return i + 1;
      }
    }
    return i;
  }
}
