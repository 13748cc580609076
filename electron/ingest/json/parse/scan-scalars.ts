/**
 * Number and literal tokens of the JSON scanner: runs the number grammar across chunks (keeping the
 * text of a number split between chunks) and notes numbers a double cannot hold; matches
 * `true`, `false` and `null` byte by byte.
 */
import { T_NONE } from './scan-grammar';
import { isLossyNumber, needsLossCheck, numberStep, NUM_DONE_OK } from './scan-numbers';
import { StringScan } from './scan-strings';
import { ScanFlag } from './scan-types';

/** The scanner's number and literal handling, on top of its string handling; see JsonScanner. */
export abstract class ScalarScan extends StringScan {
  protected numState = 0;
  protected numStartAbs = 0;
  protected numText = '';
  protected litWord = '';
  protected litIdx = 0;

  protected number(buf: Buffer, from: number, n: number): number {
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
  protected finishNumber(buf: Buffer | null, end: number): void {
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

  protected literal(buf: Buffer, from: number, n: number): number {
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
}
