/**
 * What the lineage mode keeps while another mode is shown: the format, the root node, the
 * expands asked for, and the filters (depth, columns, as of, run). Pure updates, so the
 * explorer's kept state restores the same graph on return.
 */
import type { LineageRequest } from '../../../shared/model/view-request';

/** One answer fetched: the focused neighbourhood, or one hop from a node after a `+`. */
export interface Fetch {
  readonly node: string;
  readonly direction: LineageRequest['direction'];
  readonly depth: number | null;
}

/** The lineage mode's state. */
export interface LineageSession {
  readonly formatKey: string | null;
  readonly root: string | null;
  /** Expands after the root's neighbourhood, in the order asked. */
  readonly expands: readonly Fetch[];
  /** Depth of the root's neighbourhood, both ways (null: all). */
  readonly depth: number | null;
  readonly columns: boolean;
  /** ISO instant, or null for now. */
  readonly asOf: string | null;
  readonly run: string | null;
}

/** A fresh session. */
export const EMPTY_SESSION: LineageSession = { formatKey: null, root: null, expands: [], depth: 1, columns: false, asOf: null, run: null };

/** Every fetch the session's graph is the union of, the root's neighbourhood first. */
export function fetchesOf(s: LineageSession): Fetch[] {
  return s.root === null ? [] : [{ node: s.root, direction: 'both', depth: s.depth }, ...s.expands];
}

/** Focus on another node: a new neighbourhood, expands forgotten. */
export function focus(s: LineageSession, node: string): LineageSession {
  return { ...s, root: node, expands: [] };
}

/** One more hop from `node` upstream or downstream (a repeat asks nothing new). */
export function expand(s: LineageSession, node: string, direction: 'upstream' | 'downstream'): LineageSession {
  if (s.expands.some((f) => f.node === node && f.direction === direction)) {
    return s;
  }
  return { ...s, expands: [...s.expands, { node, direction, depth: 1 }] };
}
