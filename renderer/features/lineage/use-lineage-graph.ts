/**
 * The graph the lineage mode draws: every fetch of the session asked of the store, the answers
 * merged, turned into a scene, sized with the canvas' text metrics and laid out in the worker,
 * keeping the places of the nodes already on screen.
 */
import { useEffect, useRef, useState } from 'react';
import type { GraphLayout } from '../../../shared/lineage/layout-types';
import { mergeGraphs } from '../../../shared/lineage/merge-graphs';
import { lineageScene, sceneLabels, sceneLayoutEdges, type LineageScene } from '../../../shared/lineage/lineage-scene';
import { sizeNodes } from '../../../shared/lineage/node-size';
import type { LineageGraph } from '../../../shared/model/lineage-graph';
import type { ApiError } from '../../../shared/api/result';
import { call } from '../../app/api-client';
import { layoutInWorker } from './layout-client';
import { fetchesOf, type LineageSession } from './lineage-session';

/** What the view draws, once laid out. */
export interface LaidOutGraph {
  readonly graph: LineageGraph;
  readonly scene: LineageScene;
  readonly layout: GraphLayout;
  readonly layoutMs: number;
}

/** The drawn graph, whether a newer one is loading, and the error of the last attempt. */
export interface LineageState {
  readonly shown: LaidOutGraph | null;
  readonly loading: boolean;
  readonly error: ApiError | null;
}

let measurer: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();

/** Text width in the nodes' font (cached: labels repeat across expands). */
export function measureLabel(text: string): number {
  let w = widths.get(text);
  if (w === undefined) {
    measurer ??= document.createElement('canvas').getContext('2d');
    if (measurer !== null) {
      measurer.font = '600 12px system-ui, sans-serif';
    }
    w = measurer?.measureText(text).width ?? text.length * 7.2;
    widths.set(text, w);
  }
  return w;
}

/** Loads and lays out the session's graph whenever what it asks changes. */
export function useLineageGraph(storeId: string, session: LineageSession): LineageState {
  // The answer and the question it answers: loading is "the latest answer is to another question".
  const [state, setState] = useState<{ readonly key: string; readonly shown: LaidOutGraph | null; readonly error: ApiError | null }>({ key: '', shown: null, error: null });
  const previous = useRef<{ root: string | null; layout: GraphLayout } | null>(null);
  // The store's answers by request, for this mount (the store does not change while it is open).
  const [answers] = useState(() => new Map<string, LineageGraph>());
  const fetches = JSON.stringify(fetchesOf(session));
  const { formatKey, columns, asOf, run, root } = session;
  const key = JSON.stringify([storeId, formatKey, fetches, columns, asOf, run]);

  useEffect(() => {
    if (formatKey === null || root === null) {
      return undefined;
    }
    let stale = false;
    const asked = fetchesOf({ ...session, root });
    // Answers already fetched are reused: an expand asks only its own hop.
    void Promise.all(asked.map(async (f) => {
      const input = { storeId, format: formatKey, node: f.node, direction: f.direction, depth: f.depth, columns, asOf, run, budget: 2_000 };
      const k = JSON.stringify(input);
      const had = answers.get(k);
      if (had !== undefined) {
        return { ok: true as const, value: had };
      }
      const r = await call('lineage.get', input);
      if (r.ok) {
        answers.set(k, r.value);
      }
      return r;
    }))
      .then(async (results) => {
        if (stale) {
          return;
        }
        const failed = results.find((r) => !r.ok);
        if (failed !== undefined && !failed.ok) {
          setState((s) => ({ ...s, key, error: failed.error }));
          return;
        }
        const graph = mergeGraphs(results.flatMap((r) => (r.ok ? [r.value] : [])));
        if (graph === null) {
          return;
        }
        const scene = lineageScene(graph, columns);
        const nodes = sizeNodes(sceneLabels(scene), measureLabel);
        // A new root starts a fresh picture; expands and filters keep what is on screen in place.
        const keep = previous.current !== null && previous.current.root === root ? previous.current.layout : null;
        const reply = await layoutInWorker(keep, nodes, sceneLayoutEdges(scene));
        if (stale) {
          return;
        }
        previous.current = { root, layout: reply.layout };
        setState({ key, shown: { graph, scene, layout: reply.layout, layoutMs: reply.ms }, error: null });
      });
    return () => {
      stale = true;
    };
    // `key` stands for everything asked (store, format, fetches, columns, as of, run).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (formatKey === null || root === null) {return { shown: null, loading: false, error: null };}
  return { shown: state.shown, loading: state.key !== key, error: state.key === key ? state.error : null };
}
