/** Up to this many keys per object are compared linearly; bigger objects switch to a set. */
const LINEAR_KEYS = 32;

/**
 * Remembers hashes of the keys of every open object, so the scanner can tell cheaply that an
 * object might repeat a key. A hit only asks for an exact check (hashes can collide); an object
 * with many keys switches to a set, so a million-key object stays linear.
 */
export class KeyTracker {
  private hashes = new Int32Array(256);
  private top = 0;
  private readonly base: Int32Array;
  private readonly sets: (Set<number> | undefined)[] = [];

  public constructor(maxDepth: number) {
    this.base = new Int32Array(maxDepth + 2);
  }

  /** An object opened at `depth`. */
  public open(depth: number): void {
    this.base[depth] = this.top;
    this.sets[depth] = undefined;
  }

  /** The object at `depth` closed: its keys are forgotten. */
  public close(depth: number): void {
    this.top = this.base[depth] as number;
    this.sets[depth] = undefined;
  }

  /** Forgets everything (after an error, when the scanner starts over on the next line). */
  public reset(): void {
    this.top = 0;
  }

  /** Adds a key hash to the object at `depth`; true when the object may already have that key. */
  public add(depth: number, h: number): boolean {
    const set = this.sets[depth];
    if (set) {
      const seen = set.has(h);
      set.add(h);
      return seen;
    }
    const base = this.base[depth] as number;
    const top = this.top;
    let seen = false;
    for (let k = base; k < top; k++) {
      if (this.hashes[k] === h) {
        seen = true;
        break;
      }
    }
    if (top - base >= LINEAR_KEYS) {
      const grown = new Set(this.hashes.subarray(base, top));
      grown.add(h);
      this.sets[depth] = grown;
      return seen;
    }
    if (top === this.hashes.length) {
      const bigger = new Int32Array(top * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.hashes[top] = h;
    this.top = top + 1;
    return seen;
  }
}
