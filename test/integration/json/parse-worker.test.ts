import Database from 'better-sqlite3';
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCache } from '../../../electron/ingest/json/build-cache';
import { scanLocation } from '../../../electron/ingest/json/scan-files';
import { tempDir } from '../../helpers/files';

// The parse worker (parsing and shaping in a worker thread, writing here) must build exactly the
// cache the in-thread path builds: same tables, columns, types, rows, ids, problems and files.
const { dir, cleanup } = tempDir('auditlens-parse-worker-');
const root = path.join(dir, 'store');
const workerScript = path.join(dir, 'json-parse-worker.js');

function write(name: string, data: string): void {
  fs.writeFileSync(path.join(root, name), data);
}

function olEvent(i: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    eventType: i % 2 === 0 ? 'START' : i % 7 === 0 ? 'FAIL' : 'COMPLETE',
    eventTime: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    run: { runId: `run-${Math.floor(i / 2)}`, ...(i % 7 === 0 ? { facets: { errorMessage: { message: 'boom' } } } : {}) },
    job: { namespace: 'ns', name: `job-${i % 5}` },
    inputs: [{ namespace: 'pg', name: `t${i % 3}` }],
    outputs: i % 4 === 0 ? [] : [{ namespace: 'pg', name: `t${i % 11}`, outputFacets: { rows: i } }],
    producer: 'p',
    schemaURL: 's',
    ...extra,
  });
}

/** Every table's schema and rows, in rowid order, as comparable text. */
function dump(file: string): Record<string, unknown> {
  const db = new Database(file, { readonly: true });
  try {
    const out: Record<string, unknown> = {};
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite%' ORDER BY name").all() as { name: string; sql: string | null }[];
    for (const t of tables) {
      out[`schema:${t.name}`] = t.sql;
    }
    for (const t of tables.filter((x) => x.sql?.startsWith('CREATE TABLE'))) {
      const rows = db.prepare(`SELECT * FROM "${t.name}"${t.name === '_auditlens_meta' ? " WHERE key <> 'location'" : ''} ORDER BY rowid`).raw(true).safeIntegers(true).all();
      out[`rows:${t.name}`] = JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    }
    return out;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  fs.mkdirSync(root, { recursive: true });
  await build({
    entryPoints: [path.resolve(__dirname, '../../../electron/ingest/json/json-parse-worker.ts')],
    outfile: workerScript, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning',
  });
  write('a-events.json', `[\n${Array.from({ length: 3_000 }, (_, i) => olEvent(i, i === 2_500 ? { extraTop: { x: 1 } } : {})).join(',\n')}\n]`);
  // Generic records whose schema moves after the sample: new keys, INTEGER widened to REAL then to
  // untyped, a key only ever null, exact big numbers, and bad lines listed as problems.
  const lines: string[] = [];
  for (let i = 0; i < 5_000; i++) {
    if (i % 1_000 === 999) {
      lines.push('{"broken": }');
      continue;
    }
    const rec: Record<string, unknown> = { seq: i, actor: `user-${i % 13}`, always_null: null };
    if (i > 300) {
      rec.late = i % 2 === 0 ? 'x' : null;
    }
    if (i > 600) {
      rec.seq = i + 0.5;
    }
    if (i > 4_000) {
      rec.seq = `s${i}`;
    }
    lines.push(i === 1_234 ? JSON.stringify(rec).replace('"actor"', '"big":9007199254740993,"actor"') : JSON.stringify(rec));
  }
  write('b-records.ndjson', `${lines.join('\n')}\n`);
  write('c-bad.json', '[{"id":1},\n{"id":2,"cut":"mid');
});

afterAll(() => cleanup());

describe('the JSON parse worker', () => {
  it('builds the same cache as reading in this thread, and extends it the same way', async () => {
    const scan = await scanLocation(root);
    const inThread = await ensureCache(path.join(dir, 'cache-a'), scan, { parseWorker: null });
    const progress: string[] = [];
    const worker = await ensureCache(path.join(dir, 'cache-b'), scan, { parseWorker: workerScript, chunkBytes: 4096, onProgress: (p) => progress.push(p.phase) });
    expect(worker.how).toBe('built');
    expect(worker.stats).toEqual(inThread.stats);
    expect(progress).toContain('reading');
    expect(progress.at(-1)).toBe('indexing');
    const expected = dump(inThread.file);
    expect(Object.keys(expected)).toContain('rows:openlineage_runs');
    expect(dump(worker.file)).toEqual(expected);

    // A file added later: both extend their cache; ids and columns continue where they stopped.
    write('d-more.ndjson', `${olEvent(9_001, { newKey: 7 })}\n{"seq":"t","actor":"late","brand_new":true}\n`);
    const scan2 = await scanLocation(root);
    const a2 = await ensureCache(path.join(dir, 'cache-a'), scan2, { parseWorker: null });
    const b2 = await ensureCache(path.join(dir, 'cache-b'), scan2, { parseWorker: workerScript });
    expect([a2.how, b2.how]).toEqual(['extended', 'extended']);
    expect(dump(b2.file)).toEqual(dump(a2.file));
    fs.rmSync(path.join(root, 'd-more.ndjson'));
  });

  it('reads in this thread when the worker cannot start', async () => {
    const broken = path.join(dir, 'broken-worker.js');
    fs.writeFileSync(broken, "throw new Error('this worker cannot start');\n");
    const scan = await scanLocation(root);
    const inThread = await ensureCache(path.join(dir, 'cache-c'), scan, { parseWorker: null });
    const fallback = await ensureCache(path.join(dir, 'cache-d'), scan, { parseWorker: broken });
    expect(fallback.stats).toEqual(inThread.stats);
    expect(dump(fallback.file)).toEqual(dump(inThread.file));
  });

  it('leaves nothing behind when cancelled while the worker reads', async () => {
    const scan = await scanLocation(root);
    const cacheDir = path.join(dir, 'cache-cancel');
    const ac = new AbortController();
    const run = ensureCache(cacheDir, scan, { parseWorker: workerScript, chunkBytes: 1024, signal: ac.signal, onProgress: () => ac.abort() });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    const left = fs.existsSync(cacheDir) ? (fs.readdirSync(cacheDir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(cacheDir, f)).isFile()) : [];
    expect(left).toEqual([]);
  });
});
