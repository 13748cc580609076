/**
 * The lineage picture for large overviews, on a canvas (see overview-renderer.ts). A click picks
 * the box under the pointer; a frame is drawn only when the viewport or the layout changes.
 */
import { useEffect, useRef } from 'react';
import type { GraphLayout } from '../../../shared/lineage/layout-types';
import { pixelRatio, sizeCanvas } from '../../components/canvas/canvas-setup';
import { OverviewRenderer, type OverviewStyle } from './overview-renderer';
import type { Viewport } from './viewport';

function cssStyle(el: Element): OverviewStyle {
  const s = getComputedStyle(el);
  const v = (name: string, fallback: string): string => s.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--lineage-bg', '#f7f8fa'), box: v('--lineage-box', '#ffffff'), border: v('--lineage-border', '#8a94a6'),
    text: v('--lineage-text', '#1d2330'), edge: v('--lineage-edge', '#9aa3b2'), cycle: v('--lineage-cycle', '#c2410c'), selected: v('--lineage-selected', '#2f6fd6'),
  };
}

/** The canvas drawing of a layout under a viewport; `interacting` lets it move its cached bitmap. */
export function GraphCanvas({ layout, viewport, size, interacting, selected, onPick }: {
  readonly layout: GraphLayout;
  readonly viewport: Viewport;
  readonly size: { readonly width: number; readonly height: number };
  readonly interacting: boolean;
  readonly selected: string | null;
  readonly onPick: (id: string) => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  // One renderer (and its cached bitmap) per layout, selection and size.
  const renderer = useRef<{ readonly key: readonly unknown[]; readonly r: OverviewRenderer } | null>(null);
  useEffect(() => {
    const c = ref.current;
    if (c === null) {
      return;
    }
    // The bitmap in device pixels (sharp on a high-density screen); the viewport stays in CSS pixels.
    const dpr = pixelRatio();
    sizeCanvas(c, size.width, size.height, dpr);
    const key = [layout, selected, size, dpr];
    const had = renderer.current;
    const r = had !== null && had.key.every((k, i) => k === key[i]) ? had.r : new OverviewRenderer(c, layout, cssStyle(c), selected, dpr);
    renderer.current = { key, r };
    r.draw(viewport, interacting);
  }, [layout, selected, viewport, size, interacting]);

  return (
    <canvas ref={ref} className="lineage-canvas" data-testid="lineage-canvas" data-nodes={layout.nodes.length}
      onClick={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        const x = (e.clientX - r.left - viewport.tx) / viewport.scale;
        const y = (e.clientY - r.top - viewport.ty) / viewport.scale;
        const hit = layout.nodes.find((n) => x >= n.x && x <= n.x + n.width && y >= n.y && y <= n.y + n.height);
        if (hit !== undefined) {
          onPick(hit.id);
        }
      }} />
  );
}
