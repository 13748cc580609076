/**
 * Each run name's median duration under a set of filters, kept for a minute: the runs grid asks
 * for a page block, a count and the facets of the same view at once, and "slower than median"
 * would otherwise run the medians query for each of them.
 */

/** One name's median. */
export interface GroupMedian {
  readonly group: string | number | null;
  readonly value: number;
}

/** How long medians are reused: long enough for one screen's calls, short enough to see new runs. */
const TTL_MS = 60_000;
/** Most filter sets remembered at once. */
const MAX_ENTRIES = 32;

/** Medians by view key (format and filters), computed once per key and minute, in flight shared. */
export class MedianCache {
  private readonly entries = new Map<string, { readonly at: number; readonly value: Promise<readonly GroupMedian[]> }>();

  public constructor(private readonly now: () => number = Date.now) {}

  /** The medians for `key`, from the cache or from `compute` (a failed computation is not kept). */
  public get(key: string, compute: () => Promise<readonly GroupMedian[]>): Promise<readonly GroupMedian[]> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < TTL_MS) {
      return hit.value;
    }
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) {
        this.entries.delete(key);
      }
    });
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.entries.delete(oldest);
    }
    return value;
  }
}
