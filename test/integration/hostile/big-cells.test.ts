import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/files';
import { runCli } from './cli-run';

const { dir, cleanup } = tempDir('auditlens-hostile-big-');
const file = path.join(dir, 'one-big-row.json');
/** One record of about 41 MB: an array of small numbers, parsed into 6 million JS values before the cap. */
const NUMBERS = 6_000_000;
const HEAD = '[{"id":1,"kind":"start","samples":[';
const TAIL = ']},{"id":2,"kind":"end","samples":[1,2]}]';

beforeAll(() => {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, HEAD);
  const step = 500_000;
  for (let i = 0; i < NUMBERS; i += step) {
    const part = Array.from({ length: step }, (_, k) => (i + k) % 1_000_000).join(',');
    fs.writeSync(fd, i === 0 ? part : `,${part}`);
  }
  fs.writeSync(fd, TAIL);
  fs.closeSync(fd);
}, 60_000);
afterAll(cleanup);

describe('one huge row', () => {
  it('H14-huge-cell: a 41 MB array in one field is cut to a 16 MiB text cell with a problem entry, and ingest stays within 400 MiB', () => {
    // Peak RSS measured inside the CLI process, written at exit by a preloaded script.
    const rssFile = path.join(dir, 'rss.txt');
    const preload = path.join(dir, 'peak-rss.cjs');
    fs.writeFileSync(preload, `process.on('exit', () => { if (require('node:worker_threads').isMainThread) require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)); });`);
    const r = runCli(path.join(dir, 'data'), ['inspect', file, '--json'], {
      env: { NODE_OPTIONS: `--require ${preload}`, AUDITLENS_CACHE_DIR: path.join(dir, 'cache') }, timeoutMs: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { problems: { path: string; message: string }[]; tables: { name: string; rowCount: number | null }[] };
    expect(doc.problems.map((p) => p.message)).toEqual([
      `line 1, byte ${HEAD.length - 1}: the value of "samples" is ${(fs.statSync(file).size - (HEAD.length - 1) - (TAIL.length - 1)).toLocaleString('en-US')} bytes of JSON, more than the 16 MiB a cell keeps, so it is stored as text holding its first 16 MiB`,
    ]);
    const peakMiB = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    console.log(`H14-huge-cell: peak RSS ${peakMiB.toFixed(0)} MiB`);
    // Before the cap this record peaked near 1.5 GiB (2.8 GiB for 100 MB).
    expect(peakMiB).toBeLessThan(400);
    const table = doc.tables.find((t) => t.name !== '_files');
    expect(table?.rowCount).toBe(2);
    // The cell itself, read from the cache SQLite file: the first 16 MiB of the array's text.
    const cacheDir = path.join(dir, 'cache');
    const cache = (fs.readdirSync(cacheDir, { recursive: true }) as string[]).find((f) => f.endsWith('.sqlite'));
    const db = new Database(path.join(cacheDir, cache ?? 'missing'), { readonly: true });
    try {
      const cells = db.prepare(`SELECT id, typeof(samples) AS t, length(samples) AS n, substr(samples, 1, 12) AS head FROM "${table?.name ?? ''}" ORDER BY id`).all();
      expect(cells).toEqual([{ id: 1, t: 'text', n: 16 * 1024 * 1024, head: '[0,1,2,3,4,5' }, { id: 2, t: 'text', n: 5, head: '[1,2]' }]);
    } finally {
      db.close();
    }
  }, 120_000);
});
