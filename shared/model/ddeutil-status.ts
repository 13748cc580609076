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

/** Which integer encoding a writer used: `Status` 0-4 (≤ v0.0.64) or 1-5 (v0.0.65-66); null when unknown. */
export type DdeutilEra = 0 | 1 | null;

/** Release types per era (ReleaseType in workflow.py): "manual|schedule|poking" ≤ v0.0.64, "normal|rerun|event" after. */
const ERA_0_TYPES: ReadonlySet<string> = new Set(['manual', 'schedule', 'poking']);
const ERA_1_TYPES: ReadonlySet<string> = new Set(['normal', 'rerun', 'event']);

/**
 * The integer era of an audit document: its release `type` names the era when it is one of the
 * era's own words; otherwise any integer status in the context decides (a 0 exists only in the
 * 0-based era, a 4 or 5 marks the 1-based one, as the 0-based CANCEL=4 came late and is rare).
 */
export function ddeutilEra(type: unknown, context: unknown): DdeutilEra {
  const t = typeof type === 'string' ? type.trim().toLowerCase() : '';
  if (ERA_0_TYPES.has(t)) {
    return 0;
  }
  if (ERA_1_TYPES.has(t)) {
    return 1;
  }
  const ints = new Set<number>();
  collectInts({ context }, ints);
  return ints.has(0) ? 0 : ints.has(4) || ints.has(5) ? 1 : null;
}

/**
 * The status word of one run, job or stage: strings (any case) as written, integer codes as the
 * era's `Status` enum defines them. With the era unknown, a node with errors failed and the
 * others read as the 1-based era.
 */
export function ddeutilStatusName(raw: unknown, era: DdeutilEra, node?: unknown): DdeutilStatus | null {
  if (typeof raw === 'string') {
    const up = raw.trim().toUpperCase();
    if ((ERA_0_BASED as readonly string[]).includes(up)) {
      return up as DdeutilStatus;
    }
    return /^\d+$/.test(up) ? ddeutilStatusName(Number(up), era, node) : null;
  }
  if (typeof raw !== 'number' || !Number.isInteger(raw)) {
    return null;
  }
  if (era === 0) {
    return ERA_0_BASED[raw] ?? null;
  }
  if (era === null && node !== null && typeof node === 'object' && !Array.isArray(node) && hasErrors(node as Record<string, unknown>)) {
    return 'FAILED';
  }
  return ERA_1_BASED[raw] ?? null;
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
  return ddeutilStatusName(ctx['status'], ddeutilEra(undefined, ctx), ctx);
}
