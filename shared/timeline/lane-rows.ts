/**
 * The rows a timeline shows, top to bottom: one per lane, with collapsible group headings where
 * the answer nests (a run's steps and the runs nested under it), lanes hidden by "matches only"
 * or by "hide steps shorter than", and which rows a scrolled viewport shows (the label column
 * and the canvas are both virtualized on it).
 */
import type { TimelineLane, TimelineResult } from '../model/timeline';

/** A row: a group heading, or a lane of the answer. */
export type LaneRow =
  | { readonly kind: 'group'; readonly id: string; readonly label: string; readonly count: number; readonly collapsed: boolean }
  | { readonly kind: 'lane'; readonly lane: number; readonly depth: number };

/** What hides lanes. */
export interface RowOptions {
  /** Ids of the collapsed groups. */
  readonly collapsed: ReadonlySet<string>;
  /** Lanes whose label or a bar's name contains this (case-insensitive) are matches. */
  readonly search?: string;
  /** Keep only matching lanes. */
  readonly matchesOnly?: boolean;
  /** Hide lanes of steps whose every bar is shorter than this many milliseconds (ticks count as 0). */
  readonly minDurationMs?: number;
}

/** The group a waterfall lane belongs to (steps, nested runs); null in a runs overview. */
function groupOf(l: TimelineLane): string | null {
  return l.kind === undefined ? null : l.kind;
}

const GROUP_LABELS: Readonly<Record<string, string>> = { step: 'Steps', child: 'Nested runs' };

/** Whether a lane matches a search text (lowercased). */
export function laneMatches(l: TimelineLane, needle: string): boolean {
  if (needle === '') {
    return false;
  }
  return l.label.toLowerCase().includes(needle) || l.bars.some((b) => (b.name ?? '').toLowerCase().includes(needle) || b.id.toLowerCase().includes(needle));
}

/** Whether a lane's every bar is shorter than `ms`. */
function allShorter(l: TimelineLane, ms: number): boolean {
  return l.bars.length > 0 && l.bars.every((b) => (b.endMs ?? b.startMs) - b.startMs < ms);
}

/** The rows of an answer under the options. */
export function laneRows(result: Pick<TimelineResult, 'lanes'>, o: RowOptions): LaneRow[] {
  const needle = (o.search ?? '').trim().toLowerCase();
  const rows: LaneRow[] = [];
  const groups = new Map<string, number[]>();
  const order: string[] = [];
  result.lanes.forEach((l, i) => {
    if (o.matchesOnly && needle !== '' && !laneMatches(l, needle)) {
      return;
    }
    if (o.minDurationMs !== undefined && o.minDurationMs > 0 && l.kind === 'step' && allShorter(l, o.minDurationMs)) {
      return;
    }
    const g = groupOf(l) ?? '';
    if (!groups.has(g)) {
      groups.set(g, []);
      order.push(g);
    }
    groups.get(g)?.push(i);
  });
  // A single group (a run with steps and no nested runs) needs no heading.
  const headed = order.length > 1;
  for (const g of order) {
    const lanes = groups.get(g) ?? [];
    const collapsed = headed && o.collapsed.has(g);
    if (headed && g !== '') {
      rows.push({ kind: 'group', id: g, label: GROUP_LABELS[g] ?? g, count: lanes.length, collapsed });
    }
    if (!collapsed) {
      for (const lane of lanes) {
        rows.push({ kind: 'lane', lane, depth: headed && g !== '' ? 1 : 0 });
      }
    }
  }
  return rows;
}

/** Ids of every group heading among rows (what "collapse all" collapses). */
export function groupIds(rows: readonly LaneRow[]): string[] {
  return rows.flatMap((r) => (r.kind === 'group' ? [r.id] : []));
}

/** The rows a viewport shows: `[first, last)`, with one row over on each side for smooth scrolling. */
export function visibleRows(rowCount: number, rowHeight: number, scrollTop: number, viewHeight: number): { readonly first: number; readonly last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - 1);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewHeight) / rowHeight) + 1);
  return { first, last: Math.max(first, last) };
}

/** The lane of each row in `[first, last)`, -1 for group headings: what `layoutRects` takes. */
export function rowLanes(rows: readonly LaneRow[], first: number, last: number): Int32Array {
  const out = new Int32Array(Math.max(0, last - first));
  for (let i = first; i < last; i++) {
    const r = rows[i];
    out[i - first] = r && r.kind === 'lane' ? r.lane : -1;
  }
  return out;
}
