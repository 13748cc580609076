/**
 * The renderer's "save picture" (renderer/features/runs/timeline/save-picture-file.ts) in real
 * Chromium, under the app's Content-Security-Policy: the SVG made in the page is the one the CLI
 * writes, and the PNG drawn through a canvas has the picture's size times the scale and is not
 * blank; saving starts a download with the file name given.
 */
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { inflateSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/serving/csp';
import type { TimelineResult } from '../../../shared/model/timeline';
import { timelineSvg } from '../../../shared/timeline/timeline-svg';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const T0 = Date.UTC(2026, 7, 3, 0, 27, 37);
const bar = { runKey: ['r'], parent: null, message: null, running: false } as const;
const RESULT: TimelineResult = {
  window: { fromMs: T0, toMs: T0 + 42_000 }, laneColumn: null, moreLanes: 0, total: 2, untimed: 0, items: 'steps',
  run: { ...bar, id: 'r', name: 'mart_revenue_daily', startMs: T0, endMs: T0 + 42_000, status: 'failed' },
  lanes: [
    { key: 0, label: 'compile', count: 1, buckets: [], kind: 'step', bars: [{ ...bar, id: '0', name: 'compile', startMs: T0, endMs: T0 + 19_000, status: 'ok' }] },
    { key: 1, label: 'execute', count: 1, buckets: [], kind: 'step', bars: [{ ...bar, id: '1', name: 'execute', startMs: T0 + 19_000, endMs: T0 + 42_000, status: 'failed' }] },
  ],
};
const OPTIONS = { zone: 'utc', widthPx: 1_000, title: 'dbt audit log', source: 'demo.db' } as const;

let browser: Browser;
let bundle = '';

beforeAll(async () => {
  const out = await build({
    stdin: { contents: "import * as p from './renderer/features/runs/timeline/save-picture-file'; (window as any).picture = p;", resolveDir: ROOT, loader: 'ts' },
    bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'warning',
  });
  bundle = out.outputFiles[0]?.text ?? '';
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** A page served from one origin with the app's CSP, the helper loaded as a script of that origin. */
async function appPage() {
  const page = await browser.newPage();
  await page.route('http://picture.test/**', (route) => {
    const js = route.request().url().endsWith('.js');
    return route.fulfill({
      status: 200, contentType: js ? 'text/javascript' : 'text/html',
      headers: { 'content-security-policy': CONTENT_SECURITY_POLICY },
      body: js ? bundle : '<!doctype html><html><body><script src="/picture.js"></script></body></html>',
    });
  });
  await page.goto('http://picture.test/');
  return page;
}

describe('saving a timeline picture in the renderer', () => {
  it('makes the same SVG as the CLI, and a PNG of its size times the scale that is not blank', async () => {
    const page = await appPage();
    const svg = await page.evaluate(async ([r, o]) => {
      const p = (window as unknown as { picture: typeof import('../../../renderer/features/runs/timeline/save-picture-file') }).picture;
      return (await p.pictureBlob('svg', r, o)).text();
    }, [RESULT, OPTIONS] as const);
    expect(svg).toBe(timelineSvg(RESULT, OPTIONS));
    const png = await page.evaluate(async ([r, o]) => {
      const p = (window as unknown as { picture: typeof import('../../../renderer/features/runs/timeline/save-picture-file') }).picture;
      return [...new Uint8Array(await (await p.pictureBlob('png', r, o, 2)).arrayBuffer())];
    }, [RESULT, OPTIONS] as const);
    const buf = Buffer.from(png);
    expect([...buf.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const height = Number(/height="(\d+)"/.exec(svg)?.[1]);
    expect([buf.readUInt32BE(16), buf.readUInt32BE(20)]).toEqual([2_000, height * 2]);
    // Not blank: the image data holds far more than a white page compresses to.
    let at = 8;
    const idat: Buffer[] = [];
    while (at < buf.length) {
      const len = buf.readUInt32BE(at);
      if (buf.toString('latin1', at + 4, at + 8) === 'IDAT') {
        idat.push(buf.subarray(at + 8, at + 8 + len));
      }
      at += 12 + len;
    }
    const raw = inflateSync(Buffer.concat(idat));
    const distinct = new Set<number>();
    for (let i = 0; i < raw.length && distinct.size < 50; i += 97) {
      distinct.add(raw[i] ?? 0);
    }
    expect(distinct.size).toBeGreaterThan(10);
    await page.close();
  }, 60_000);

  it('saves through a download under the given name', async () => {
    const page = await appPage();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate(async ([r, o]) => {
        const p = (window as unknown as { picture: typeof import('../../../renderer/features/runs/timeline/save-picture-file') }).picture;
        await p.savePicture('png', r, o, p.pictureFileName('Run mart_revenue_daily', r.window?.fromMs ?? null, 'png'));
      }, [RESULT, OPTIONS] as const),
    ]);
    expect(download.suggestedFilename()).toBe('Run-mart_revenue_daily-20260803-0027.png');
    await page.close();
  }, 60_000);
});
