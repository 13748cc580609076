/**
 * Follows a value nested past the depth cap by counting brackets only (strings skipped), so a
 * million-deep input costs a counter, not a stack. Resumable across chunks.
 */
export class DeepSkip {
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Line breaks seen, for the scanner's line count. */
  public lines = 0;
  /** Set when `run` stopped at a line break outside a string (line-delimited input: the record ends there). */
  public endedAtLine = false;

  /** Starts skipping just after an opening bracket. */
  public start(): void {
    this.depth = 1;
    this.inString = false;
    this.escape = false;
    this.lines = 0;
    this.endedAtLine = false;
  }

  /**
   * Skips from `from`; returns the index after the bracket closing the value, or -1 when `buf` ran
   * out. With `stopAtLine` (JSON Lines) a line break outside a string also ends it: the index of
   * that line break is returned and `endedAtLine` is set.
   */
  public run(buf: Buffer, from: number, n: number, stopAtLine = false): number {
    let i = from;
    let inStr = this.inString;
    let d = this.depth;
    if (this.escape) {
      this.escape = false;
      i++;
    }
    while (i < n) {
      const c = buf[i] as number;
      if (inStr) {
        if (c === 0x5c) {
          this.escape = i + 1 === n;
          i += 2;
          continue;
        }
        inStr = c !== 0x22;
      } else if (c === 0x22) {
        inStr = true;
      } else if (c === 0x5b || c === 0x7b) {
        d++;
      } else if (c === 0x5d || c === 0x7d) {
        if (--d === 0) {
          return i + 1;
        }
      } else if (c === 0x0a) {
        if (stopAtLine) {
          this.endedAtLine = true;
          return i;
        }
        this.lines++;
      }
      i++;
    }
    this.depth = d;
    this.inString = inStr;
    return -1;
  }
}
