/**
 * Collects the bytes of the record being scanned. A record inside one chunk is a view of that
 * chunk (no copy); one that spans chunks is copied piece by piece at each chunk's end. Bytes can be
 * left out (the tail of a string over the cap), so a record never holds more than the limits allow.
 */
export class RecordBuffer {
  private pieces: Buffer[] = [];
  /** Bytes already copied into pieces. */
  private copied = 0;
  /** Where the record's uncopied bytes start in the current chunk, or -1 while bytes are left out. */
  private start = -1;

  /** Starts a record at index `i` of the current chunk. */
  public begin(i: number): void {
    this.pieces = [];
    this.copied = 0;
    this.start = i;
  }

  /** Forgets the record's bytes and stops collecting (a refused record). */
  public stop(): void {
    this.pieces = [];
    this.start = -1;
  }

  /** True while bytes are being collected (not inside a left-out stretch). */
  public get collecting(): boolean {
    return this.start !== -1;
  }

  /** A new chunk arrived: collection, if on, continues from its first byte. */
  public nextChunk(): void {
    if (this.start !== -1) {
      this.start = 0;
    }
  }

  /** The current chunk ends at `n`: copies what it holds of the record; returns the size so far. */
  public endChunk(buf: Buffer, n: number): number {
    if (this.start !== -1 && this.start < n) {
      this.pieces.push(Buffer.from(buf.subarray(this.start, n)));
      this.copied += n - this.start;
    }
    return this.copied;
  }

  /** Offset in the record's bytes of index `i` of the current chunk. */
  public offsetOf(i: number): number {
    return this.copied + (i - Math.max(this.start, 0));
  }

  /** Collects up to index `cut` of the current chunk, then leaves bytes out; returns the record offset of the cut. */
  public leaveOut(buf: Buffer, cut: number): number {
    const at = Math.max(cut, this.start);
    this.pieces.push(Buffer.from(buf.subarray(this.start, at)));
    this.copied += at - this.start;
    this.start = -1;
    return this.copied;
  }

  /** Collects again from index `i` of the current chunk. */
  public resume(i: number): void {
    this.start = i;
  }

  /** The record's bytes, ending before index `end` of the current chunk (or of nothing when `buf` is null). */
  public take(buf: Buffer | null, end: number): Buffer {
    const tail = buf && this.start !== -1 ? buf.subarray(this.start, end) : Buffer.alloc(0);
    const bytes = this.pieces.length === 0 ? tail : Buffer.concat([...this.pieces, tail]);
    this.pieces = [];
    return bytes;
  }
}
