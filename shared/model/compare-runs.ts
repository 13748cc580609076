import type { StatusClass } from './audit-model';

/** One step as the comparison sees it. */
export interface StepPoint {
  readonly name: string;
  readonly status: StatusClass;
  readonly rawStatus: string | null;
  /** When the step happened, as epoch milliseconds, or null when unknown. */
  readonly atMs: number | null;
  /** The step's message (its error, when it failed); absent or null when it has none. */
  readonly message?: string | null;
}

/** One side of a compared step. */
export interface ComparedSide {
  readonly status: StatusClass;
  readonly rawStatus: string | null;
  /** Seconds from the run's first step to this one. */
  readonly offsetS: number | null;
  /** Seconds until the run's next step (the step's own duration when steps follow each other). */
  readonly durationS: number | null;
  readonly message: string | null;
}

/** A step name of either run, with both sides and what differs. */
export interface ComparedStep {
  readonly name: string;
  /** 1 for the first step of this name in a run, 2 for a repeat, … */
  readonly occurrence: number;
  readonly a: ComparedSide | null;
  readonly b: ComparedSide | null;
  readonly statusDiffers: boolean;
  readonly durationDiffers: boolean;
}

/** Durations differ when they are apart by more than this share of the longer one (and 1 s). */
const DURATION_TOLERANCE = 0.5;

function sides(steps: readonly StepPoint[]): Map<string, ComparedSide> {
  const first = steps.find((s) => s.atMs !== null)?.atMs ?? null;
  const seen = new Map<string, number>();
  const out = new Map<string, ComparedSide>();
  steps.forEach((s, i) => {
    const n = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, n);
    const next = steps.slice(i + 1).find((x) => x.atMs !== null)?.atMs ?? null;
    out.set(`${n}\u0000${s.name}`, {
      status: s.status,
      rawStatus: s.rawStatus,
      offsetS: s.atMs !== null && first !== null ? (s.atMs - first) / 1000 : null,
      durationS: s.atMs !== null && next !== null ? (next - s.atMs) / 1000 : null,
      message: s.message ?? null,
    });
  });
  return out;
}

/**
 * Matches two runs' steps by name (the n-th step of a name with the n-th of the same name), in the
 * order of run A then the steps only B has, and marks differing statuses and durations.
 */
export function compareSteps(a: readonly StepPoint[], b: readonly StepPoint[]): ComparedStep[] {
  const sa = sides(a);
  const sb = sides(b);
  const order = [...sa.keys(), ...[...sb.keys()].filter((k) => !sa.has(k))];
  return order.map((key) => {
    const [n, name] = key.split('\u0000') as [string, string];
    const x = sa.get(key) ?? null;
    const y = sb.get(key) ?? null;
    const dx = x?.durationS ?? null;
    const dy = y?.durationS ?? null;
    const durationDiffers = dx !== null && dy !== null && Math.abs(dx - dy) > Math.max(1, DURATION_TOLERANCE * Math.max(dx, dy));
    return {
      name,
      occurrence: Number(n),
      a: x,
      b: y,
      statusDiffers: x === null || y === null || x.status !== y.status,
      durationDiffers,
    };
  });
}
