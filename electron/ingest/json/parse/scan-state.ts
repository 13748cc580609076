/**
 * The JSON scanner's shared state: where it is in the input, the container stack, and the record
 * being collected (its bytes, flags, notes), with the moves every token uses: open and close a
 * container, end a value, emit or drop a record, report an error and recover. The token scanners
 * (scan-strings.ts, scan-scalars.ts) and the state machine (json-scanner.ts) build on it.
 */
import { DeepSkip } from './deep-skip';
import { KeyTracker } from './key-tracker';
import { RecordBuffer } from './record-buffer';
import { ARR_FIRST, AFTER, OBJ, OBJ_FIRST, T_DEAD, T_DEEP, T_NONE, T_SKIP_LINE, TOP } from './scan-grammar';
import type { ScanLimits, ScanNote, ScannedRecord } from './scan-types';

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

const MAX_NOTES = 16;

/** Position, container stack and record bookkeeping of the JSON scanner; see JsonScanner. */
export abstract class ScanState {
  protected abs = 0;
  protected line = 1;
  protected sawContent = false;
  protected depth = 0;
  protected readonly stack: Uint8Array;
  protected expect = TOP;
  protected recDepth = 0;
  protected tok = T_NONE;
  protected readonly skipper = new DeepSkip();
  protected inRec = false;
  protected recAbs = 0;
  protected recLine = 0;
  protected readonly rec = new RecordBuffer();
  protected recFlags = 0;
  protected recNotes: ScanNote[] = [];
  protected recDropped = false;
  protected recIndex = 0;
  protected readonly keys: KeyTracker;

  public constructor(
    protected readonly limits: ScanLimits,
    protected readonly mode: ScanMode,
    private readonly onRecord: (r: ScannedRecord) => void,
    private readonly onIssue: (i: ScanIssue) => void,
  ) {
    this.stack = new Uint8Array(limits.maxDepth + 2);
    this.keys = new KeyTracker(limits.maxDepth);
  }

  /** Opens a container; false when that passes the depth cap and the scanner is now skipping. */
  protected open(kind: number, i: number): boolean {
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

  protected close(buf: Buffer, i: number): number {
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
  protected valueDone(buf: Buffer | null, end: number): void {
    this.expect = this.depth === 0 ? TOP : AFTER;
    if (this.inRec && this.depth === this.recDepth) {
      this.emit(buf, end);
    }
  }

  /** Past the depth cap: skips to the end of the too-deep value, then carries on normally. */
  protected deep(buf: Buffer, from: number, n: number): number {
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

  protected beginRecord(i: number): void {
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
  protected drop(why: string, offset: number, line: number): void {
    if (!this.inRec || this.recDropped) {
      return;
    }
    this.recDropped = true;
    this.rec.stop();
    this.issue(offset, `the record that starts on line ${line} ${why}, so it was skipped`, line);
  }

  protected note(flag: number, note: ScanNote): void {
    this.recFlags |= flag;
    if (this.recNotes.length < MAX_NOTES) {
      this.recNotes.push(note);
    }
  }

  protected issue(offset: number, message: string, line = this.line): void {
    this.onIssue({ offset, line, message });
  }

  protected fail(buf: Buffer, i: number, n: number, message: string): number {
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

  protected skipLine(buf: Buffer, from: number, n: number): number {
    const nl = buf.indexOf(0x0a, from);
    if (nl === -1) {
      return n;
    }
    this.tok = T_NONE;
    return nl;
  }
}
