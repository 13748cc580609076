import path from 'node:path';
import { build } from 'esbuild';
import { expect, test } from '@playwright/test';

/**
 * Panning reuses the last frame (moved by whole pixels, only the exposed strip drawn again). In
 * Chromium without a GPU, each panned frame of the timeline and of the lineage overview is
 * compared pixel by pixel with the same frame drawn whole: they must look the same (at most
 * 0.1 % of pixels differing by more than 48 in a channel: text and anti-aliasing at the seams;
 * measured 0.03 %, and 0.5 % when the exposed strips are left undrawn).
 */
const ROOT = path.resolve(__dirname, '..', '..');

async function bundle(entry: string, globalName?: string): Promise<string> {
  const out = await build({
    entryPoints: [path.join(ROOT, entry)], bundle: true, write: false, format: 'iife', target: 'chrome120', logLevel: 'warning',
    ...(globalName === undefined ? {} : { globalName }),
  });
  return out.outputFiles[0]?.text ?? '';
}

test('a panned timeline looks like the timeline drawn whole', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
  await page.addScriptTag({ content: await bundle('test/bench/timeline-draw-page.ts', 'timelineBench') });
  const r = await page.evaluate(() => (window as unknown as { timelineBench: { panCheck: () => { worstShare: number; frames: number; reused: number } } }).timelineBench.panCheck());
  expect(r.frames).toBe(72);
  // Whole-pixel pans reuse the frame (fractional ones redraw): a check of full redraws only would prove nothing.
  expect(r.reused).toBeGreaterThanOrEqual(30);
  expect(r.worstShare).toBeLessThanOrEqual(0.001);
});

test('a panned lineage overview looks like the overview drawn whole', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
  await page.addScriptTag({ content: await bundle('test/bench/lineage-draw-harness.ts') });
  const r = await page.evaluate(() => window.lineagePanCheck(2_000, 1_200, 800));
  expect(r.cached).toBeGreaterThan(40);
  expect(r.share).toBeLessThanOrEqual(0.001);
});
