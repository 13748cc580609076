/**
 * Lineage layout benchmark (issue 12 item 18, second figure): our layered layout against elkjs
 * layered (a dev-only dependency) on the same 1,000-node layered DAG (12 layers, ~1.84 edges per
 * node, as on the reference page), in one run. Targets: ≥ 20× faster, and edge crossings
 * ≤ 1.25× elkjs's. Crossings are counted the same way for both: every pair of edge segments of
 * the drawn polylines (ours through their bend points, elkjs's through its bend points) that
 * properly intersect.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layeredLayout } from '../../shared/lineage/layered-layout';
import type { Point } from '../../shared/lineage/layout-types';
import { layeredDag } from '../helpers/layered-dag';

const N = Number(process.env['LINEAGE_BENCH_NODES'] ?? 1_000);
const OURS_REPEAT = 9;

type Segment = readonly [Point, Point];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function segmentsOf(polylines: readonly (readonly Point[])[]): Segment[][] {
  return polylines.map((pts) => pts.slice(1).map((p, i) => [pts[i] ?? p, p] as const));
}

/** Proper crossings between segments of different edges (shared end points do not count). */
function crossings(polylines: readonly (readonly Point[])[]): number {
  const edges = segmentsOf(polylines);
  const all: { s: Segment; e: number; minX: number; maxX: number }[] = [];
  edges.forEach((segs, e) => segs.forEach((s) => all.push({ s, e, minX: Math.min(s[0].x, s[1].x), maxX: Math.max(s[0].x, s[1].x) })));
  all.sort((a, b) => a.minX - b.minX);
  const cross = (o: Point, a: Point, b: Point): number => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const a = all[i];
    if (a === undefined) {
      continue;
    }
    for (let j = i + 1; j < all.length; j++) {
      const b = all[j];
      if (b === undefined || b.minX > a.maxX) {
        break;
      }
      if (a.e === b.e) {
        continue;
      }
      const [p, q] = a.s;
      const [r, t] = b.s;
      const d1 = cross(p, q, r);
      const d2 = cross(p, q, t);
      const d3 = cross(r, t, p);
      const d4 = cross(r, t, q);
      if (((d1 > 1e-9 && d2 < -1e-9) || (d1 < -1e-9 && d2 > 1e-9)) && ((d3 > 1e-9 && d4 < -1e-9) || (d3 < -1e-9 && d4 > 1e-9))) {
        count++;
      }
    }
  }
  return count;
}

interface ElkEdgeOut { sections?: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }[] }

async function main(): Promise<void> {
  const { nodes, edges } = layeredDag(N, 5);
  // Ours: once to warm up, then the median of several.
  layeredLayout(nodes, edges);
  const ours: number[] = [];
  let layout = layeredLayout(nodes, edges);
  for (let i = 0; i < OURS_REPEAT; i++) {
    const t0 = performance.now();
    layout = layeredLayout(nodes, edges);
    ours.push(performance.now() - t0);
  }
  const ourCrossings = crossings(layout.edges.map((e) => e.points));

  // elkjs layered, left to right, same node sizes; its own defaults otherwise.
  const elk = new ELK();
  const graph = {
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.spacing.nodeNode': '14', 'elk.layered.spacing.nodeNodeBetweenLayers': '72' },
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: edges.map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
  };
  const t0 = performance.now();
  const out = await elk.layout(graph);
  const elkMs = performance.now() - t0;
  const elkLines = ((out.edges ?? []) as ElkEdgeOut[]).flatMap((e) => (e.sections ?? []).map((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]));
  const elkCrossings = crossings(elkLines);

  const speed = elkMs / median(ours);
  const ratio = ourCrossings / Math.max(1, elkCrossings);
  process.stdout.write(`\n### Lineage layout, ${N.toLocaleString('en-US')} nodes / ${edges.length.toLocaleString('en-US')} edges (layered DAG, 12 layers)\n\n`);
  process.stdout.write('| | ours (layered-layout.ts) | elkjs 0.12.2 layered | ratio |\n|---|---:|---:|---:|\n');
  process.stdout.write(`| time (ms) | ${median(ours).toFixed(1)} (median of ${OURS_REPEAT}) | ${elkMs.toFixed(0)} (one run) | ${speed.toFixed(0)}× faster (target ≥ 20×) |\n`);
  process.stdout.write(`| edge crossings | ${ourCrossings.toLocaleString('en-US')} | ${elkCrossings.toLocaleString('en-US')} | ${ratio.toFixed(2)}× elkjs's (target ≤ 1.25×) |\n`);
  process.stdout.write(`\nOurs, each run: ${ours.map((x) => x.toFixed(1)).join(', ')} ms.\n`);
}

void main();
