/**
 * The browser side of the lineage drawing bench: our overview renderer and a bare Canvas2D loop
 * (every visible box a fillRect and strokeRect, every visible link its own stroked path, labels
 * when zoomed in as ours) over the same frames of a pan and a zoom. Each frame's time includes a
 * one-pixel read back, so the rasterizing is counted, not only the queuing of draw calls.
 */
import { layeredLayout } from '../../shared/lineage/layered-layout';
import type { GraphLayout } from '../../shared/lineage/layout-types';
import { layeredDag } from '../helpers/layered-dag';
import { edgeMayShow, nodesByX, visibleNodes, worldRect } from '../../shared/lineage/overview-cull';
import type { XIndex } from '../../shared/lineage/overview-cull';
import { OverviewRenderer, LABEL_SCALE, drawScene } from '../../renderer/features/lineage/overview-renderer';
import { fitViewport, zoomAt, type Viewport } from '../../renderer/features/lineage/viewport';

const STYLE = { background: '#f7f8fa', box: '#ffffff', border: '#8a94a6', text: '#1d2330', edge: '#9aa3b2', cycle: '#c2410c', selected: '#2f6fd6' };

function frames(layout: GraphLayout, w: number, h: number): Viewport[] {
  const fit = fitViewport(layout.bounds, w, h);
  const out: Viewport[] = [];
  // Pan at fit (the whole graph on screen), then zoom in toward the centre and pan there.
  for (let i = 0; i < 60; i++) {out.push({ ...fit, tx: fit.tx + i * 6, ty: fit.ty + i * 3 });}
  let v = fit;
  for (let i = 0; i < 90; i++) {
    v = zoomAt(v, 1.04, w / 2, h / 2);
    out.push(v);
  }
  for (let i = 0; i < 60; i++) {out.push({ ...v, tx: v.tx - i * 8, ty: v.ty - i * 4 });}
  return out;
}

/** The bare loop: the renderer's own culling (shared/lineage/overview-cull), then one draw call per shape. */
function bare(ctx: CanvasRenderingContext2D, layout: GraphLayout, index: XIndex, v: Viewport, w: number, h: number): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = STYLE.background;
  ctx.fillRect(0, 0, w, h);
  const r = worldRect(v, 0, 0, w, h);
  ctx.setTransform(v.scale, 0, 0, v.scale, v.tx, v.ty);
  ctx.lineWidth = 1 / v.scale;
  for (const e of layout.edges) {
    if (!edgeMayShow(e, r)) {continue;}
    ctx.strokeStyle = e.reversed ? STYLE.cycle : STYLE.edge;
    ctx.beginPath();
    for (const p of e.points) {ctx.lineTo(p.x, p.y);}
    ctx.stroke();
  }
  ctx.font = '600 12px system-ui, sans-serif';
  for (const n of visibleNodes(index, r)) {
    ctx.fillStyle = STYLE.box;
    ctx.fillRect(n.x, n.y, n.width, n.height);
    ctx.strokeStyle = STYLE.border;
    ctx.strokeRect(n.x, n.y, n.width, n.height);
    if (v.scale >= LABEL_SCALE) {
      ctx.fillStyle = STYLE.text;
      ctx.fillText(n.id, n.x + 12, n.y + 15);
    }
  }
}

function p95(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0;
}

/** Runs both over the same frames; frame times in ms. */
function run(layout: GraphLayout, w: number, h: number): { ours: number[]; bare: number[]; full: number } {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  document.body.append(canvas);
  const ctx = canvas.getContext('2d', { willReadFrequently: false });
  if (ctx === null) {throw new Error('no 2d context');}
  const vs = frames(layout, w, h);
  const renderer = new OverviewRenderer(canvas, layout, STYLE);
  renderer.draw(vs[0] ?? { tx: 0, ty: 0, scale: 1 }, false);
  ctx.getImageData(0, 0, 1, 1);
  const ours: number[] = [];
  let full = 0;
  const fullTimes: number[] = [];
  for (const v of vs) {
    const t0 = performance.now();
    const kind = renderer.draw(v, true);
    ctx.getImageData(0, 0, 1, 1);
    ours.push(performance.now() - t0);
    if (kind === 'full') {
      full++;
      fullTimes.push(performance.now() - t0);
    }
  }
  console.log(`full frames (ms): ${fullTimes.map((x) => x.toFixed(1)).join(', ')}; slowest ten: ${[...ours].sort((a, b) => b - a).slice(0, 10).map((x) => x.toFixed(1)).join(', ')}`);
  const theirs: number[] = [];
  const index = nodesByX(layout.nodes);
  for (const v of vs) {
    const t0 = performance.now();
    bare(ctx, layout, index, v, w, h);
    ctx.getImageData(0, 0, 1, 1);
    theirs.push(performance.now() - t0);
  }
  return { ours, bare: theirs, full };
}

/**
 * Whether the cached frames look like full redraws: for each pan frame at a fixed zoom, the
 * share of pixels differing by more than 48 in a channel between the renderer's frame and the
 * scene drawn whole at the same viewport; the largest share over the frames, and how many frames
 * only moved the cached bitmap.
 */
function panCheck(layout: GraphLayout, w: number, h: number): { share: number; cached: number } {
  const a = document.createElement('canvas');
  const b = document.createElement('canvas');
  for (const c of [a, b]) {
    c.width = w;
    c.height = h;
  }
  const actx = a.getContext('2d');
  const bctx = b.getContext('2d');
  if (actx === null || bctx === null) {throw new Error('no 2d context');}
  const index = nodesByX(layout.nodes);
  const renderer = new OverviewRenderer(a, layout, STYLE);
  let worst = 0;
  let cached = 0;
  for (const scale of [0.15, 0.6]) {
    let v: Viewport = { scale, tx: -200, ty: -100 };
    renderer.draw(v, false);
    for (let i = 0; i < 40; i++) {
      v = { scale, tx: v.tx - 37.3, ty: v.ty - 11.6 };
      cached += renderer.draw(v, true) === 'cached' ? 1 : 0;
      drawScene(bctx, index, layout, v, w, h, STYLE, null);
      const pa = actx.getImageData(0, 0, w, h).data;
      const pb = bctx.getImageData(0, 0, w, h).data;
      let diff = 0;
      for (let p = 0; p < pa.length; p += 4) {
        if (Math.abs((pa[p] ?? 0) - (pb[p] ?? 0)) > 48 || Math.abs((pa[p + 1] ?? 0) - (pb[p + 1] ?? 0)) > 48 || Math.abs((pa[p + 2] ?? 0) - (pb[p + 2] ?? 0)) > 48) {diff++;}
      }
      worst = Math.max(worst, diff / (w * h));
    }
  }
  return { share: worst, cached };
}

declare global {
  interface Window {
    lineagePanCheck: (n: number, w: number, h: number) => { share: number; cached: number };
    lineageDrawBench: (n: number, w: number, h: number) => { ours: number; bare: number; oursMedian: number; bareMedian: number; frames: number; full: number; edges: number; panDiff: number };
  }
}

window.lineageDrawBench = (n, w, h) => {
  // The same seeded graph and layout the layout bench uses, laid out here in the page.
  const { nodes, edges } = layeredDag(n, 9);
  const layout = layeredLayout(nodes, edges);
  const r = run(layout, w, h);
  const med = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return { ours: p95(r.ours), bare: p95(r.bare), oursMedian: med(r.ours), bareMedian: med(r.bare), frames: r.ours.length, full: r.full, edges: edges.length, panDiff: panCheck(layout, w, h).share };
};

window.lineagePanCheck = (n, w, h) => {
  const { nodes, edges } = layeredDag(n, 9);
  return panCheck(layeredLayout(nodes, edges), w, h);
};
