/**
 * String tokens of the JSON scanner: finds each string's end across chunks (escapes included),
 * hashes short keys for the duplicate check, spots `__proto__` and `\u` escapes, and cuts strings
 * longer than the cap out of the record's bytes.
 */
import { COLON, T_NONE, T_STRING } from './scan-grammar';
import { ScanState } from './scan-state';
import { ScanFlag } from './scan-types';

/** Strings up to this many bytes are scanned byte by byte (and keys hashed); longer use indexOf. */
const SHORT_STRING = 256;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const PROTO = Buffer.from('__proto__', 'latin1');

/** The scanner's string handling, on top of its shared state; see JsonScanner. */
export abstract class StringScan extends ScanState {
  protected strIsKey = false;
  private strContentAbs = 0;
  private strLine = 0;
  private strEscape = false;
  private strHash = 0;
  private strCut = false;
  private strHashable = true;
  /** Where the chunk's next `\u` is (found once per chunk, for long strings); -1 until looked up. */
  protected nextU = -1;

  protected stringStart(buf: Buffer, i: number, n: number): number {
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
  protected stringBody(buf: Buffer, from: number, n: number): number {
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
}

function isProto(buf: Buffer, from: number): boolean {
  for (let k = 0; k < 9; k++) {
    if (buf[from + k] !== PROTO[k]) {
      return false;
    }
  }
  return true;
}
