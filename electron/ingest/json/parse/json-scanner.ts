/**
 * A resumable byte-level JSON scanner. It builds no values: it checks the grammar, finds where each
 * record starts and ends, and notes what `JSON.parse` would hide (duplicate or `__proto__` keys,
 * numbers a double cannot hold, strings over the cap, nesting over the cap). The caller then parses
 * each record natively. Chunks of any size can be pushed, so a multi-gigabyte array or NDJSON file
 * streams with memory bounded by the largest record.
 */
import { DeepSkip } from './deep-skip';
import { KeyTracker } from './key-tracker';
import { isLossyNumber, needsLossCheck, numberStart, numberStep, NUM_DONE_OK } from './scan-numbers';
import { RecordBuffer } from './record-buffer';
import { ScanFlag, type ScanLimits, type ScanNote, type ScannedRecord } from './scan-types';

/** A grammar error or a refused record, with where it happened. */
export interface ScanIssue {
  readonly offset: number;
  readonly line: number;
  readonly message: string;
}

/** How a file's top level is read. */
export interface ScanMode {
  /** Elements of a top-level array become records (a `.json` file holding a list of events). */
  readonly explodeTopArray: boolean;
  /** Line-delimited input: after an error, skip to the next line and carry on. */
  readonly lineRecovery: boolean;
}

// What the scanner expects next, outside tokens.
const TOP = 0, VALUE = 1, ARR_FIRST = 2, ARR_NEXT = 3, OBJ_FIRST = 4, KEY = 5, COLON = 6, AFTER = 7;
// The token or skip state carried from one chunk to the next.
const T_NONE = 0, T_STRING = 1, T_NUMBER = 2, T_LITERAL = 3, T_SKIP_LINE = 4, T_DEAD = 5, T_DEEP = 6;
const OBJ = 1, ARR = 2;
const MAX_NOTES = 16;
/** Strings up to this many bytes are scanned byte by byte (and keys hashed); longer use indexOf. */
const SHORT_STRING = 256;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const PROTO = Buffer.from('__proto__', 'latin1');

/** Scans JSON bytes pushed in chunks and hands each complete record to `onRecord`. */
export class JsonScanner {
  private abs = 0;
  private line = 1;
  private sawContent = false;
  private depth = 0;
  private readonly stack: Uint8Array;
  private expect = TOP;
  private recDepth = 0;
  private tok = T_NONE;
  private strIsKey = false;
  private strContentAbs = 0;
  private strLine = 0;
  private strEscape = false;
  private strHash = 0;
  private strCut = false;
  private strHashable = true;
  private readonly skipper = new DeepSkip();
  private numState = 0;
  private numStartAbs = 0;
  private numText = '';
  private litWord = '';
  private litIdx = 0;
  private inRec = false;
  private recAbs = 0;
  private recLine = 0;
  private readonly rec = new RecordBuffer();
  private recFlags = 0;
  private recNotes: ScanNote[] = [];
  private recDropped = false;
  private recIndex = 0;
  private readonly keys: KeyTracker;
  private nextU = -1;

  public constructor(
    private readonly limits: ScanLimits,
    private readonly mode: ScanMode,
    private readonly onRecord: (r: ScannedRecord) => void,
    private readonly onIssue: (i: ScanIssue) => void,
  ) {
    this.stack = new Uint8Array(limits.maxDepth + 2);
    this.keys = new KeyTracker(limits.maxDepth);
  }

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

  /** Opens a container; false when that passes the depth cap and the scanner is now skipping. */
  private open(kind: number, i: number): boolean {
    this.depth++;
    if (this.depth > this.limits.maxDepth) {
      // Past the cap only brackets are counted, so a million-deep input costs no memory.
      this.drop(`nests deeper than ${this.limits.maxDepth} levels (at byte ${this.abs + i}, line ${this.line})`, this.recAbs, this.recLine);
      this.skipper.start();
      this.tok = T_DEEP;
      return false;
    }
    this.stack[this.depth] = kind;
    this.expect = kind === OBJ ? OBJ_FIRST : ARR_FIRST;
    if (kind === OBJ) {
      this.keys.open(this.depth);
    }
    return true;
  }

  private close(buf: Buffer, i: number): number {
    if (this.stack[this.depth] === OBJ) {
      this.keys.close(this.depth);
    }
    this.depth--;
    if (this.depth === 0 && this.recDepth === 1) {
      this.recDepth = 0;
      this.expect = TOP;
    } else {
      this.valueDone(buf, i + 1);
    }
    return i + 1;
  }

  /** A value ended just before `end`, an index into `buf` (or nothing when `buf` is null). */
  private valueDone(buf: Buffer | null, end: number): void {
    this.expect = this.depth === 0 ? TOP : AFTER;
    if (this.inRec && this.depth === this.recDepth) {
      this.emit(buf, end);
    }
  }

  private stringStart(buf: Buffer, i: number, n: number): number {
    this.strContentAbs = this.abs + i + 1;
    this.strLine = this.line;
    this.strEscape = false;
    this.strCut = false;
    this.strHashable = true;
    this.strHash = FNV_OFFSET;
    this.tok = T_STRING;
    return this.stringBody(buf, i + 1, n);
  }

  /**
   * Scans string content from `from`; returns the index after the closing quote, or `n`. Short
   * strings (nearly all keys and values) take a plain byte loop, which beats a native `indexOf`
   * call per string; long ones switch to `indexOf`.
   */
  private stringBody(buf: Buffer, from: number, n: number): number {
    let p = from;
    if (this.strEscape) {
      this.strEscape = false;
      this.escapeAt(buf, p - 1);
      p++;
    }
    const key = this.strIsKey;
    let h = this.strHash;
    const fastEnd = Math.min(n, p + SHORT_STRING);
    while (p < fastEnd) {
      const b = buf[p] as number;
      if (b === 0x22) {
        this.strHash = h;
        this.stringEnd(buf, from, p);
        return p + 1;
      }
      if (b === 0x5c) {
        if (p + 1 === n) {
          this.strEscape = true;
          p = n;
          break;
        }
        this.escapeAt(buf, p);
        p += 2;
        continue;
      }
      if (b === 0x0a && this.mode.lineRecovery) {
        return this.fail(buf, p, n, 'a line break inside a string; the line looks cut short');
      }
      if (key) {
        h = Math.imul(h ^ b, FNV_PRIME);
      }
      p++;
    }
    this.strHash = h;
    if (p >= n) {
      this.maybeCut(buf, n);
      return n;
    }
    return this.longStringBody(buf, p, n);
  }

  /** The rest of a long string, found with `indexOf`; `from` is never inside an escape. */
  private longStringBody(buf: Buffer, from: number, n: number): number {
    this.strHashable = false;
    let p = from;
    let q: number;
    for (;;) {
      q = buf.indexOf(0x22, p);
      if (q === -1) {
        break;
      }
      let k = q - 1;
      while (k >= from && buf[k] === 0x5c) {
        k--;
      }
      if (((q - 1 - k) & 1) === 0) {
        break;
      }
      p = q + 1;
    }
    const to = q === -1 ? n : q;
    if (this.mode.lineRecovery) {
      const nl = buf.indexOf(0x0a, from);
      if (nl !== -1 && nl < to) {
        return this.fail(buf, nl, n, 'a line break inside a string; the line looks cut short');
      }
    }
    if (this.nextU < from) {
      const u = buf.indexOf('\\u', from, 'latin1');
      this.nextU = u === -1 ? buf.length : u;
    }
    if (this.nextU < to) {
      this.recFlags |= ScanFlag.UnicodeEscape;
    }
    if (q === -1) {
      let k = n - 1;
      while (k >= from && buf[k] === 0x5c) {
        k--;
      }
      this.strEscape = ((n - 1 - k) & 1) === 1;
      this.maybeCut(buf, n);
      return n;
    }
    this.stringEnd(buf, from, q);
    return q + 1;
  }

  /** A backslash at `p`: keys with escapes get an exact check, `\u` may hide a lone surrogate. */
  private escapeAt(buf: Buffer, p: number): void {
    this.strHashable = false;
    if (buf[p + 1] === 0x75) {
      this.recFlags |= ScanFlag.UnicodeEscape;
    }
  }

  private stringEnd(buf: Buffer, from: number, q: number): void {
    this.tok = T_NONE;
    const len = this.abs + q - this.strContentAbs;
    if (len > this.limits.maxStringBytes) {
      this.maybeCut(buf, q);
      if (this.inRec && !this.recDropped) {
        this.rec.resume(q);
      }
      this.note(ScanFlag.TruncatedString, { kind: 'truncated', offset: this.strContentAbs - 1, line: this.strLine, size: len });
    }
    if (this.strIsKey) {
      this.keyDone(buf, from, len);
      this.expect = COLON;
    } else {
      this.valueDone(buf, q + 1);
    }
  }

  /** Stops copying a string's bytes once it passes the cap; the record keeps the first part. */
  private maybeCut(buf: Buffer, upTo: number): void {
    const cutAbs = this.strContentAbs + this.limits.maxStringBytes;
    if (this.strCut || !this.inRec || this.recDropped || this.abs + upTo <= cutAbs) {
      return;
    }
    this.strCut = true;
    const relEnd = this.rec.leaveOut(buf, cutAbs - this.abs);
    this.recNotes.push({ kind: 'cut', relStart: relEnd - (cutAbs - this.strContentAbs), relEnd });
  }

  private keyDone(buf: Buffer, from: number, len: number): void {
    if (!this.inRec || this.recDropped) {
      return;
    }
    // Keys with escapes, long keys and keys split across chunks get the exact check instead.
    if (!this.strHashable || len > SHORT_STRING || this.strContentAbs < this.abs) {
      this.recFlags |= ScanFlag.CheckKeys;
      return;
    }
    if (len === 9 && isProto(buf, from)) {
      this.note(ScanFlag.ProtoKey, { kind: 'proto', offset: this.strContentAbs - 1, line: this.strLine });
    }
    if (this.keys.add(this.depth, this.strHash)) {
      this.recFlags |= ScanFlag.CheckKeys;
    }
  }

  private number(buf: Buffer, from: number, n: number): number {
    let st = this.numState;
    let i = from;
    while (i < n) {
      const next = numberStep(st, buf[i] as number);
      if (next < 0) {
        break;
      }
      st = next;
      i++;
    }
    this.numState = st;
    if (i === n) {
      // Keep the number's text so far: the next chunk finishes it.
      this.numText += buf.toString('latin1', Math.max(this.numStartAbs - this.abs, 0), n);
      return n;
    }
    if (st < NUM_DONE_OK) {
      return this.fail(buf, i, n, 'a malformed number');
    }
    this.finishNumber(buf, i);
    this.valueDone(buf, i);
    return i;
  }

  /** Ends a number token at `end` in `buf` (or at the end of input) and notes it when lossy. */
  private finishNumber(buf: Buffer | null, end: number): void {
    this.tok = T_NONE;
    const carried = this.numText;
    this.numText = '';
    if (!this.inRec || this.recDropped) {
      return;
    }
    const start = this.numStartAbs - this.abs;
    let text: string;
    if (carried === '' && buf) {
      if (end - start < 16 && !needsLossCheck(buf, start, end)) {
        return;
      }
      text = buf.toString('latin1', start, end);
    } else {
      text = carried + (buf ? buf.toString('latin1', 0, end) : '');
    }
    if (isLossyNumber(text)) {
      const relStart = this.rec.offsetOf(this.numStartAbs - this.abs);
      this.note(ScanFlag.LossyNumber, { kind: 'number', offset: this.numStartAbs, line: this.line, relStart, text });
    }
  }

  private literal(buf: Buffer, from: number, n: number): number {
    let i = from;
    const word = this.litWord;
    while (i < n && this.litIdx < word.length) {
      if (buf[i] !== word.charCodeAt(this.litIdx)) {
        return this.fail(buf, i, n, `expected '${word}'`);
      }
      this.litIdx++;
      i++;
    }
    if (this.litIdx === word.length) {
      this.tok = T_NONE;
      this.valueDone(buf, i);
    }
    return i;
  }

  private beginRecord(i: number): void {
    this.inRec = true;
    this.recAbs = this.abs + i;
    this.recLine = this.line;
    this.rec.begin(i);
    this.recFlags = 0;
    this.recNotes = [];
    this.recDropped = false;
  }

  private emit(buf: Buffer | null, end: number): void {
    this.inRec = false;
    const index = this.recIndex++;
    if (this.recDropped) {
      return;
    }
    const bytes = this.rec.take(buf, end);
    if (bytes.length > this.limits.maxRecordBytes) {
      this.issue(this.recAbs, `the record that starts on line ${this.recLine} is larger than ${this.limits.maxRecordBytes} bytes, so it was skipped`, this.recLine);
      return;
    }
    this.onRecord({ bytes, offset: this.recAbs, line: this.recLine, index, flags: this.recFlags, notes: this.recNotes });
  }

  /** Skips the current record (reported now) while the scanner keeps following its structure. */
  private drop(why: string, offset: number, line: number): void {
    if (!this.inRec || this.recDropped) {
      return;
    }
    this.recDropped = true;
    this.rec.stop();
    this.issue(offset, `the record that starts on line ${line} ${why}, so it was skipped`, line);
  }

  private note(flag: number, note: ScanNote): void {
    this.recFlags |= flag;
    if (this.recNotes.length < MAX_NOTES) {
      this.recNotes.push(note);
    }
  }

  private issue(offset: number, message: string, line = this.line): void {
    this.onIssue({ offset, line, message });
  }

  private fail(buf: Buffer, i: number, n: number, message: string): number {
    const skipped = this.inRec && !this.recDropped ? `; the record that starts on line ${this.recLine} was skipped` : '';
    const rest = this.mode.lineRecovery ? '' : '; the rest of the file was not read';
    this.issue(this.abs + i, `${message}${skipped}${rest}`);
    this.inRec = false;
    this.rec.stop();
    if (!this.mode.lineRecovery) {
      this.tok = T_DEAD;
      return n;
    }
    this.depth = 0;
    this.recDepth = 0;
    this.keys.reset();
    this.expect = TOP;
    this.tok = T_SKIP_LINE;
    return this.skipLine(buf, i, n);
  }

  private skipLine(buf: Buffer, from: number, n: number): number {
    const nl = buf.indexOf(0x0a, from);
    if (nl === -1) {
      return n;
    }
    this.tok = T_NONE;
    return nl;
  }

  /** Past the depth cap: skips to the end of the too-deep value, then carries on normally. */
  private deep(buf: Buffer, from: number, n: number): number {
    const before = this.skipper.lines;
    const end = this.skipper.run(buf, from, n, this.mode.lineRecovery);
    this.line += this.skipper.lines - before;
    if (end === -1) {
      return n;
    }
    if (this.skipper.endedAtLine) {
      // The too-deep record (already reported) ends with its line; the next line starts afresh.
      this.inRec = false;
      this.rec.stop();
      this.depth = 0;
      this.recDepth = 0;
      this.keys.reset();
      this.expect = TOP;
      this.tok = T_NONE;
      return end;
    }
    this.depth--;
    this.tok = T_NONE;
    this.valueDone(buf, end);
    return end;
  }
}

/** True for the first byte of any JSON value. */
function startsValue(c: number): boolean {
  return c === 0x7b || c === 0x5b || c === 0x22 || c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e;
}

function isProto(buf: Buffer, from: number): boolean {
  for (let k = 0; k < 9; k++) {
    if (buf[from + k] !== PROTO[k]) {
      return false;
    }
  }
  return true;
}

function shown(c: number): string {
  return c >= 0x21 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0').toUpperCase()}`;
}
