/**
 * `auditlens timeline --out FILE.svg|FILE.png` end to end: the demo store's runs overview and a
 * failed run's waterfall, two real fixture formats (dbt artifacts and OpenLineage events), the
 * width, atomic writing, and the same refusals as JSON. SVG is checked with resvg's strict XML
 * parser; PNG is decoded here (signature, size, pixels: not blank, statuses and text drawn).
 */
import Database from 'better-sqlite3';
import { Resvg } from '@resvg/resvg-js';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_STYLES } from '../../../shared/timeline/status-style';
import { sha256, tempDir } from '../../helpers/files';
import { realFixtures } from '../../helpers/timeline-truth';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const { dir, cleanup } = tempDir('auditlens-timeline-picture-');
const demo = path.join(dir, 'demo.db');
/** Generating the demo store, then several CLI runs on it, on a slow 2-core machine. */
const SLOW_MS = 180_000;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), 'timeline', ...args], {
    encoding: 'utf8', timeout: 120_000, env: { ...process.env, AUDITLENS_DATA_DIR: path.join(dir, 'data'), AUDITLENS_CACHE_DIR: path.join(dir, 'cache') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI to `out` and expects it to succeed. */
function draw(out: string, ...args: string[]): string {
  const r = cli(...args, '--out', out);
  expect(r.stderr, 'no error').not.toMatch(/^auditlens:/m);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/^Wrote a picture of [\d,]+ (runs|steps) in [\d,]+ lanes/m);
  return out;
}

/** An RGBA PNG as resvg writes it (8-bit, not interlaced), decoded: size and pixels. */
function decodePng(buf: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect([...buf.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length;) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]);
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= 4 ? (rgba[y * stride + x - 4] ?? 0) : 0;
      const b = y > 0 ? (rgba[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= 4 && y > 0 ? (rgba[(y - 1) * stride + x - 4] ?? 0) : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0;
      rgba[y * stride + x] = (v + pred) & 0xff;
    }
  }
  return { width, height, rgba };
}

/** Pixels of the image within `tolerance` of a colour. */
function pixelsNear(img: { rgba: Uint8Array }, hex: string, tolerance = 12): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let k = 0;
  for (let i = 0; i < img.rgba.length; i += 4) {
    if (Math.abs((img.rgba[i] ?? 0) - r) <= tolerance && Math.abs((img.rgba[i + 1] ?? 0) - g) <= tolerance && Math.abs((img.rgba[i + 2] ?? 0) - b) <= tolerance) {
      k++;
    }
  }
  return k;
}

/** Dark pixels in a band of rows: text drawn there (the title) means fonts were found. */
function darkPixels(img: { width: number; rgba: Uint8Array }, fromRow: number, toRow: number): number {
  let k = 0;
  for (let i = fromRow * img.width * 4; i < toRow * img.width * 4; i += 4) {
    if ((img.rgba[i] ?? 255) < 80 && (img.rgba[i + 1] ?? 255) < 80 && (img.rgba[i + 2] ?? 255) < 80) {
      k++;
    }
  }
  return k;
}

/** Files in the output folder that are not the targets: a temporary file left behind. */
function leftovers(): string[] {
  return fs.readdirSync(dir).filter((f) => f.includes('.auditlens-tmp-'));
}

let demoHash = '';
beforeAll(() => {
  expect(spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), 'demo', '--out', demo]).status).toBe(0);
  demoHash = sha256(demo);
}, SLOW_MS);

afterAll(() => {
  expect(sha256(demo)).toBe(demoHash);
  cleanup();
});

describe('auditlens timeline pictures of the demo store', () => {
  it('draws the dbt runs overview as PNG at 1,600 px: lanes of ok and failed runs, with words', () => {
    const img = decodePng(fs.readFileSync(draw(path.join(dir, 'overview.png'), demo, '--format', 'dbt-audit')));
    expect(img.width).toBe(1_600);
    const db = new Database(demo, { readonly: true });
    const models = (db.prepare('SELECT count(DISTINCT model_name) AS n FROM dbt_audit_summary').get() as { n: number }).n;
    db.close();
    // Header, legend and ruler, then one 20 px row per model.
    expect(img.height).toBeGreaterThanOrEqual(models * 20 + 150);
    expect(pixelsNear(img, STATUS_STYLES.ok.fill)).toBeGreaterThan(50_000);
    expect(pixelsNear(img, STATUS_STYLES.failed.fill)).toBeGreaterThan(2_000);
    expect(darkPixels(img, 10, 45)).toBeGreaterThan(500);
    expect(leftovers()).toEqual([]);
  }, SLOW_MS);

  it("draws a failed run's waterfall as SVG: the run, each of its steps, durations, the error", () => {
    const db = new Database(demo, { readonly: true });
    const run = db.prepare("SELECT invocation_id, model_name, custom_message FROM dbt_audit_summary WHERE status = 'error' AND custom_message IS NOT NULL LIMIT 1").get() as { invocation_id: string; model_name: string; custom_message: string };
    const steps = (db.prepare('SELECT step_name FROM dbt_audit_detail WHERE invocation_id = ? AND model_name = ? ORDER BY step_sequence_num').all(run.invocation_id, run.model_name) as { step_name: string }[]).map((s) => s.step_name);
    db.close();
    const out = draw(path.join(dir, 'run.svg'), demo, '--format', 'dbt-audit', '--run', `${run.invocation_id} / ${run.model_name}`);
    const svg = fs.readFileSync(out, 'utf8');
    expect(() => new Resvg(svg)).not.toThrow();
    expect(svg).toContain(`<title id="al-title">Run ${run.model_name}</title>`);
    expect(svg).toMatch(/>FAILED<\/text>/);
    expect(svg).toContain(run.custom_message.split('\n')[0]?.replace(/"/g, '&quot;'));
    for (const step of steps) {
      expect(svg).toContain(`>${step}</text>`);
    }
    expect(svg.match(/ (s|ms|min \d\d s)<\/text>/g)?.length ?? 0).toBeGreaterThanOrEqual(steps.length);
    expect(svg).toContain('dbt audit log (summary + detail)');
    // And the same run as PNG at another width.
    const img = decodePng(fs.readFileSync(draw(path.join(dir, 'run.png'), demo, '--format', 'dbt-audit', '--run', `${run.invocation_id} / ${run.model_name}`, '--width', '900')));
    expect(img.width).toBe(900);
    expect(pixelsNear(img, STATUS_STYLES.failed.fill)).toBeGreaterThan(500);
  }, SLOW_MS);

  it("draws a transformation session's waterfall with its nested sessions in local time", () => {
    const db = new Database(demo, { readonly: true });
    const parent = db.prepare('SELECT p.id AS id, count(c.id) AS kids FROM transformation_session p JOIN transformation_session c ON c.parent_session_id = p.id GROUP BY p.id ORDER BY kids DESC LIMIT 1').get() as { id: string; kids: number };
    db.close();
    const svg = fs.readFileSync(draw(path.join(dir, 'session.svg'), demo, '--format', 'transformation-log', '--run', parent.id, '--time', 'local'), 'utf8');
    expect(() => new Resvg(svg)).not.toThrow();
    expect(svg).toContain(`>Nested runs · ${parent.kids}</text>`);
    expect(svg).toMatch(/ UTC([+−]\d\d:\d\d)?</);
  }, SLOW_MS);

  it('replaces an existing picture whole, and leaves it untouched when the request is refused', () => {
    const out = path.join(dir, 'replace.svg');
    fs.writeFileSync(out, 'old');
    draw(out, demo, '--format', 'fivetran-log');
    const drawn = fs.readFileSync(out, 'utf8');
    expect(drawn).toMatch(/^<svg /);
    const r = cli(demo, '--format', 'dbt-audit', '--run', 'nope', '--out', out);
    expect(r.code).toBe(1);
    expect(fs.readFileSync(out, 'utf8')).toBe(drawn);
    expect(leftovers()).toEqual([]);
  }, SLOW_MS);

  it('refuses bad input with one sentence and the usual exit codes, writing nothing', () => {
    const refuse = (code: number, pattern: RegExp, ...args: string[]): void => {
      const r = cli(...args);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    };
    const png = path.join(dir, 'refused.png');
    refuse(1, /has no timeline/, demo, '--format', 'fivetran-log::log:activity', '--out', png);
    refuse(1, /There is no run "nope" in the dbt-audit runs/, demo, '--format', 'dbt-audit', '--run', 'nope', '--out', png);
    refuse(1, /no column named "nope" to make lanes of/, demo, '--format', 'dbt-audit', '--lanes', 'nope', '--out', png);
    refuse(2, /--from \(2026-10-12\) must be before --to \(2026-10-01\)/, demo, '--format', 'dbt-audit', '--from', '2026-10-12', '--to', '2026-10-01', '--out', png);
    refuse(2, /--to "soon" is not a time/, demo, '--format', 'dbt-audit', '--from', '2026-10-01', '--to', 'soon', '--out', png);
    refuse(2, /--width must be a whole number/, demo, '--format', 'dbt-audit', '--width', '99', '--out', png);
    refuse(2, /--out must name a \.json, \.svg or \.png file/, demo, '--format', 'dbt-audit', '--out', path.join(dir, 'x.gif'));
    refuse(1, /The folder .* does not exist/, demo, '--format', 'dbt-audit', '--out', path.join(dir, 'missing', 'x.svg'));
    fs.mkdirSync(path.join(dir, 'folder.svg'));
    refuse(1, /is a folder; give a file name for the timeline/, demo, '--format', 'dbt-audit', '--out', path.join(dir, 'folder.svg'));
    const json = path.join(dir, 'json-store');
    fs.cpSync(path.join(realFixtures(), 'marquez/api/src/test/resources/apples'), json, { recursive: true });
    refuse(1, /would write into the opened JSON folder/, json, '--out', path.join(json, 'x.svg'));
    expect(fs.readdirSync(json).filter((f) => !f.endsWith('.json'))).toEqual([]);
    expect(fs.existsSync(png)).toBe(false);
    expect(leftovers()).toEqual([]);
  }, SLOW_MS);
});

describe('auditlens timeline pictures of real fixtures', () => {
  it('dbt artifacts (run_results.json): the invocations, and the failed one\'s models as PNG', () => {
    const store = path.join(realFixtures(), 'OpenLineage/integration/common/tests/dbt');
    const svg = fs.readFileSync(draw(path.join(dir, 'artifacts.svg'), store, '--format', 'dbt-artifacts'), 'utf8');
    expect(() => new Resvg(svg)).not.toThrow();
    expect(svg).toContain('dbt artifacts (run results): runs by');
    const failed = /data-status="failed" data-marker="cross-hatch"><title>dbt invocation/.test(svg);
    expect(failed).toBe(true);
    const runId = '8c814240-637d-4a36-937e-43787f5c79e0';
    const img = decodePng(fs.readFileSync(draw(path.join(dir, 'artifacts-run.png'), store, '--format', 'dbt-artifacts', '--run', runId, '--width', '1200')));
    expect(img.width).toBe(1_200);
    expect(pixelsNear(img, STATUS_STYLES.ok.fill)).toBeGreaterThan(1_000);
    expect(darkPixels(img, 10, 45)).toBeGreaterThan(300);
  }, SLOW_MS);

  it('OpenLineage events (Marquez apples): a lane per job, events without an end as ticks', () => {
    const store = path.join(realFixtures(), 'marquez/api/src/test/resources/apples');
    const jobs = new Set(fs.readdirSync(store).filter((f) => f.endsWith('.json')).map((f) => (JSON.parse(fs.readFileSync(path.join(store, f), 'utf8')) as { job?: { name?: string } }).job?.name));
    const svg = fs.readFileSync(draw(path.join(dir, 'apples.svg'), store), 'utf8');
    expect(() => new Resvg(svg)).not.toThrow();
    for (const job of jobs) {
      expect(svg).toContain(`>${job}</text>`);
    }
    const img = decodePng(fs.readFileSync(draw(path.join(dir, 'apples.png'), store)));
    expect(img.width).toBe(1_600);
    expect(darkPixels(img, 10, 45)).toBeGreaterThan(300);
  }, SLOW_MS);
});
