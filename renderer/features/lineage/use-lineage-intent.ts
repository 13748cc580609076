/**
 * The lineage side of a run's "Show lineage": the graph of the edges that run recorded, walked
 * all the way from where its data ends up (the server lists the run's nodes, where data ends up
 * first), with the run filter set so the user sees it and can clear it. A run may write outputs
 * not joined to each other, so the walk starts from several of its nodes and the graph is their
 * union (a walk from a node already drawn adds nothing).
 */
import { useEffect } from 'react';
import { call } from '../../app/api-client';
import type { NavIntent } from '../../app/explorer/nav-intent';
import type { LineageSession } from './lineage-session';
import { EMPTY_SESSION } from './lineage-session';

/** Nodes of a run the walk starts from: its outputs come first, so unjoined outputs are among them. */
export const RUN_START_NODES = 12;

/** The session that shows what run `run` of a format recorded, walked from each of `nodes` (none: it recorded nothing). */
export function runSession(format: string, run: string, nodes: readonly string[]): LineageSession {
  const [root = null, ...others] = nodes;
  return { ...EMPTY_SESSION, formatKey: format, run, root, depth: null, expands: others.map((node) => ({ node, direction: 'both', depth: null })) };
}

/** Applies a lineage intent once: asks where the run's data ends up, then shows that. */
export function useLineageIntent(intent: NavIntent | null, onDone: () => void, storeId: string, setSession: (s: LineageSession) => void, onNotice: (text: string | null) => void): void {
  useEffect(() => {
    if (intent?.kind !== 'lineage') {
      return undefined;
    }
    let live = true;
    void call('lineage.runNodes', { storeId, format: intent.format, run: intent.run, limit: RUN_START_NODES }).then((r) => {
      if (!live) {
        return;
      }
      const nodes = r.ok ? r.value : [];
      setSession(runSession(intent.format, intent.run, nodes));
      onNotice(!r.ok ? r.error.message : nodes.length === 0 ? `Run ${intent.run} recorded no lineage edges.` : null);
      onDone();
    });
    return () => {
      live = false;
    };
    // Applied once per intent; the callbacks are new on every render of the mode.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intent, storeId]);
}
