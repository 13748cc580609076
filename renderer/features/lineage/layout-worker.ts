/**
 * The lineage layout's worker: lays out off the main thread, so a 10,000-node "all" never
 * freezes the window. One message in (the previous layout, sized nodes, edges), one out.
 */
import { expandLayout } from '../../../shared/lineage/expand-layout';
import type { LayoutRequest, LayoutReply } from './layout-protocol';

self.addEventListener('message', (e: MessageEvent<LayoutRequest>) => {
  const { id, previous, nodes, edges } = e.data;
  const t0 = performance.now();
  const layout = expandLayout(previous, nodes, edges);
  const reply: LayoutReply = { id, layout, ms: performance.now() - t0 };
  self.postMessage(reply);
});
