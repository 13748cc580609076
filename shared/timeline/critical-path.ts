/**
 * The critical path of a run's steps: the chain that decided how long the run took. Where the
 * store records dependencies (dbt's depends_on, lineage edges between a session's operations) it is
 * the longest chain through them, weighted by duration, as the critical path method defines it;
 * without them, the longest chain of back-to-back steps (each starting as the previous one ends).
 */

/** A step on the time axis; `endMs` null is a point event, which no path goes through. */
export interface PathStep {
  readonly id: string;
  readonly startMs: number;
  readonly endMs: number | null;
}

/** A critical path: step ids from first to last, and what it was derived from. */
export interface CriticalPath {
  readonly ids: readonly string[];
  readonly basis: 'dependencies' | 'back-to-back';
}

/** How far apart an end and the next start may be and still count as back to back: 1 s, or 0.5 % of the run's span. */
export function backToBackTolerance(steps: readonly PathStep[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of steps) {
    lo = Math.min(lo, s.startMs);
    hi = Math.max(hi, s.endMs ?? s.startMs);
  }
  return Math.max(1_000, Number.isFinite(hi - lo) ? (hi - lo) / 200 : 0);
}

interface Node {
  readonly step: PathStep;
  readonly end: number;
  best: number;
  prev: Node | null;
}

/** Keeps the better predecessor: the longer chain, then the one that ended later (what the step waited for). */
function better(a: Node | null, b: Node): Node {
  return a === null || b.best > a.best || (b.best === a.best && b.end > a.end) ? b : a;
}

function walk(last: Node | null): string[] {
  const ids: string[] = [];
  for (let n = last; n; n = n.prev) {
    ids.push(n.step.id);
  }
  return ids.reverse();
}

/** Steps with an interval, by start (then end, then id, so equal inputs give equal paths). */
function nodesOf(steps: readonly PathStep[]): Node[] {
  return steps
    .filter((s): s is PathStep & { endMs: number } => s.endMs !== null && s.endMs >= s.startMs)
    .sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs || a.id.localeCompare(b.id))
    .map((step) => ({ step, end: step.endMs, best: step.endMs - step.startMs, prev: null }));
}

/**
 * The longest chain through `deps` (step id → ids it depends on), by summed duration. A dependency
 * that starts after its dependent is ignored (it cannot have been waited for), which also breaks
 * any cycle. Null when no dependency joins two of the steps.
 */
export function dependencyPath(steps: readonly PathStep[], deps: ReadonlyMap<string, readonly string[]>): CriticalPath | null {
  const nodes = nodesOf(steps);
  const byId = new Map(nodes.map((n) => [n.step.id, n] as const));
  let joined = false;
  let last: Node | null = null;
  for (const n of nodes) {
    let prev: Node | null = null;
    for (const id of deps.get(n.step.id) ?? []) {
      const u = byId.get(id);
      if (u && u !== n && (u.step.startMs < n.step.startMs || (u.step.startMs === n.step.startMs && u.end <= n.step.startMs))) {
        joined = true;
        prev = better(prev, u);
      }
    }
    if (prev) {
      n.best += prev.best;
      n.prev = prev;
    }
    last = better(last, n);
  }
  return joined ? { ids: walk(last), basis: 'dependencies' } : null;
}

/** How much a step may overlap the one before it and still follow it (clocks and rounding). */
const OVERLAP_MS = 50;

/**
 * The longest chain of back-to-back steps by summed duration: a step follows another when it
 * starts at most `toleranceMs` after that one's end (and no more than 50 ms before it).
 */
export function backToBackPath(steps: readonly PathStep[], toleranceMs = backToBackTolerance(steps)): CriticalPath {
  const nodes = nodesOf(steps);
  // Nodes by end, to find the ones ending near a start by binary search.
  const byEnd = [...nodes].sort((a, b) => a.end - b.end);
  const ends = byEnd.map((n) => n.end);
  let last: Node | null = null;
  for (const n of nodes) {
    let prev: Node | null = null;
    for (let i = lowerBound(ends, n.step.startMs - toleranceMs); i < byEnd.length && (ends[i] as number) <= n.step.startMs + OVERLAP_MS; i++) {
      const u = byEnd[i] as Node;
      if (u.step.startMs < n.step.startMs && u.end <= n.end) {
        prev = better(prev, u);
      }
    }
    if (prev) {
      n.best += prev.best;
      n.prev = prev;
    }
    last = better(last, n);
  }
  return { ids: walk(last), basis: 'back-to-back' };
}

/** The critical path: through the dependencies when they join the steps, otherwise back to back. */
export function criticalPath(steps: readonly PathStep[], deps: ReadonlyMap<string, readonly string[]> | null): CriticalPath {
  return (deps && dependencyPath(steps, deps)) ?? backToBackPath(steps);
}

function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
