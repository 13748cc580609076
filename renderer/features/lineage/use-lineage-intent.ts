/**
 * The lineage side of a run's "Show lineage": the graph of the edges that run recorded, walked
 * all the way from where its data ends up (the server's first node of the run), with the run
 * filter set so the user sees it and can clear it.
 */
import { useEffect } from 'react';
import { call } from '../../app/api-client';
import type { NavIntent } from '../../app/explorer/nav-intent';
import type { LineageSession } from './lineage-session';
import { EMPTY_SESSION } from './lineage-session';

/** The session that shows what run `run` of a format recorded, from `root` (null: it recorded nothing). */
export function runSession(format: string, run: string, root: string | null): LineageSession {
  return { ...EMPTY_SESSION, formatKey: format, run, root, depth: null };
}

/** Applies a lineage intent once: asks where the run's data ends up, then shows that. */
export function useLineageIntent(intent: NavIntent | null, onDone: () => void, storeId: string, setSession: (s: LineageSession) => void, onNotice: (text: string | null) => void): void {
  useEffect(() => {
    if (intent?.kind !== 'lineage') {
      return undefined;
    }
    let live = true;
    void call('lineage.runNodes', { storeId, format: intent.format, run: intent.run, limit: 1 }).then((r) => {
      if (!live) {
        return;
      }
      const root = r.ok ? r.value[0] ?? null : null;
      setSession(runSession(intent.format, intent.run, root));
      onNotice(!r.ok ? r.error.message : root === null ? `Run ${intent.run} recorded no lineage edges.` : null);
      onDone();
    });
    return () => {
      live = false;
    };
    // Applied once per intent; the callbacks are new on every render of the mode.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intent, storeId]);
}
