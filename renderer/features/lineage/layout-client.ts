/**
 * Asks the layout worker for layouts; the newest request wins (older answers are dropped).
 * Where workers cannot start, it lays out in place rather than showing nothing.
 */
import { expandLayout } from '../../../shared/lineage/expand-layout';
import type { GraphLayout, LayoutEdgeInput, LayoutNodeInput } from '../../../shared/lineage/layout-types';
import type { LayoutReply, LayoutRequest } from './layout-protocol';

let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, (reply: LayoutReply) => void>();

function theWorker(): Worker | null {
  if (worker !== undefined) {
    return worker;
  }
  try {
    worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (e: MessageEvent<LayoutReply>) => {
      const done = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      done?.(e.data);
    });
  } catch {
    worker = null;
  }
  return worker;
}

/** The layout of `nodes`, keeping the places they had in `previous`, computed in the worker. */
export function layoutInWorker(previous: GraphLayout | null, nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[]): Promise<LayoutReply> {
  const id = nextId++;
  const w = theWorker();
  if (w === null) {
    const t0 = performance.now();
    return Promise.resolve({ id, layout: expandLayout(previous, nodes, edges), ms: performance.now() - t0 });
  }
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    const request: LayoutRequest = { id, previous, nodes, edges };
    w.postMessage(request);
  });
}
