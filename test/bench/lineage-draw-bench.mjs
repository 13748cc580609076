// Lineage drawing benchmark (issue 12 item 18, third figure): a 10,000-node overview in Debian's
// Chromium with --disable-gpu, panning and zooming (210 frames at 1440×900), our overview renderer
// (renderer/features/lineage/overview-renderer.ts) against a bare Canvas2D loop drawing the same
// visible shapes, in the same page and run. Targets: p95 frame time ≤ 2× the bare loop's and
// ≤ 16.7 ms. The browser side is lineage-draw-harness.ts, bundled here with esbuild.
import { build } from 'esbuild';
import path from 'node:path';
import { chromium } from '@playwright/test';

const N = 10_000;
const W = 1440;
const H = 900;

const bundle = await build({
  entryPoints: [path.join(process.cwd(), 'test/bench/lineage-draw-harness.ts')], bundle: true, write: false, format: 'iife', target: 'es2022', logLevel: 'warning',
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: W, height: H } });
  // The harness logs the full-redraw frames' times (the hitches a p95 over 210 frames hides).
  page.on('console', (m) => m.text().startsWith('full frames') && process.stdout.write(`${m.text()}\n`));
  await page.setContent('<!doctype html><body style="margin:0"></body>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const r = await page.evaluate(([n, w, h]) => window.lineageDrawBench(n, w, h), [N, W, H]);
  const f = (x) => x.toFixed(1);
  process.stdout.write(`\n### Lineage overview drawing, ${N.toLocaleString('en-US')} nodes / ${r.edges.toLocaleString('en-US')} edges, ${r.frames} frames of pan and zoom at ${W}×${H} (Chromium, --disable-gpu)\n\n`);
  process.stdout.write('| | ours (overview-renderer.ts) | bare Canvas2D loop | ours / bare |\n|---|---:|---:|---:|\n');
  process.stdout.write(`| p95 frame (ms) | ${f(r.ours)} | ${f(r.bare)} | ${(r.ours / r.bare).toFixed(2)} (target ≤ 2, and ≤ 16.7 ms) |\n`);
  process.stdout.write(`| median frame (ms) | ${f(r.oursMedian)} | ${f(r.bareMedian)} | ${(r.oursMedian / r.bareMedian).toFixed(2)} |\n`);
  process.stdout.write(`\nOurs drew the scene in full on ${r.full} of ${r.frames} frames (when its cached bitmap no longer covered the screen); the others moved and scaled the cached bitmap.\n`);
  process.stdout.write(`\nPanned frames (cache moved, exposed strips drawn) against the scene drawn whole: at most ${(r.panDiff * 100).toFixed(3)} % of pixels differ (tolerance 0.1 %): ${r.panDiff <= 0.001 ? 'ok' : 'FAIL'}.\n`);
  const ok = r.ours <= 2 * r.bare && r.ours <= 16.7 && r.panDiff <= 0.001;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} p95 ${f(r.ours)} ms (≤ 16.7 ms and ≤ 2× the bare loop's ${f(r.bare)} ms)\n`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser.close();
}
