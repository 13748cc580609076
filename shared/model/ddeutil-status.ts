/** ddeutil-workflow statuses in their newest (string) spelling. */
export type DdeutilStatus = 'SUCCESS' | 'FAILED' | 'WAIT' | 'SKIP' | 'CANCEL';

const ERA_0_BASED: readonly DdeutilStatus[] = ['SUCCESS', 'FAILED', 'WAIT', 'SKIP', 'CANCEL'];
const ERA_1_BASED: readonly (DdeutilStatus | undefined)[] = [undefined, 'SUCCESS', 'FAILED', 'WAIT', 'SKIP', 'CANCEL'];

function collectInts(v: unknown, out: Set<number>, depth = 0): void {
  if (depth > 64 || v === null || typeof v !== 'object') {
    return;
  }
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'status' && typeof x === 'number') {
      out.add(x);
    } else {
      collectInts(x, out, depth + 1);
    }
  }
}

function hasErrors(ctx: Record<string, unknown>): boolean {
  const e = ctx['errors'] ?? ctx['error'];
  return e !== undefined && e !== null && !(Array.isArray(e) && e.length === 0);
}

/**
 * The status of a workflow run from its `context`, whatever the writer's version: strings (any
 * case) since v0.0.67, `IntEnum` 1-5 in v0.0.65-66, and 0-3 before. The integer eras overlap at
 * 1-3, so they are told apart by the whole context: a 0 anywhere means the 0-based era, a 4 or 5
 * the 1-based one; otherwise a run with errors failed and a run without them read as 1-based.
 */
export function ddeutilStatus(context: unknown): DdeutilStatus | null {
  if (context === null || typeof context !== 'object' || Array.isArray(context)) {
    return null;
  }
  const ctx = context as Record<string, unknown>;
  const raw = ctx['status'];
  if (typeof raw === 'string') {
    const up = raw.trim().toUpperCase();
    return (ERA_0_BASED as readonly string[]).includes(up) ? (up as DdeutilStatus) : null;
  }
  if (typeof raw !== 'number' || !Number.isInteger(raw)) {
    return null;
  }
  const ints = new Set<number>();
  collectInts(ctx, ints);
  const zeroBased = ints.has(0) ? true : ints.has(4) || ints.has(5) ? false : null;
  if (zeroBased === true) {
    return ERA_0_BASED[raw] ?? null;
  }
  if (zeroBased === false) {
    return ERA_1_BASED[raw] ?? null;
  }
  if (hasErrors(ctx)) {
    return 'FAILED';
  }
  return ERA_1_BASED[raw] ?? null;
}
