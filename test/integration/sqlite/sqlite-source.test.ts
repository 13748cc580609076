import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteSource } from '../../../electron/sources/sqlite/sqlite-source';
import { AuditlensError } from '../../../shared/api/result';
import { findTable } from '../../../shared/model/catalog';
import type { TableQuery } from '../../../shared/model/view-request';
import { compilePlan } from '../../../shared/query/plan';
import { sha256, tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir();
const file = path.join(dir, 'audit.db');
const HOSTILE = 'we"ird ]`name\n‮=HYPERLINK("x")';
let source: SqliteSource;
let before: string;

beforeAll(async () => {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT, status TEXT, started TIMESTAMP, n INTEGER, big INTEGER, payload BLOB, note TEXT);
    CREATE TABLE steps (run_id INTEGER REFERENCES runs(id), seq INTEGER, msg TEXT, PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
    CREATE INDEX runs_status ON runs(status);
    CREATE TABLE "${HOSTILE.replace(/"/g, '""')}" ("c""1" TEXT, "@SUM(1)" INTEGER);
    CREATE VIEW forever AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c;
    CREATE VIEW failed_runs AS SELECT id, name FROM runs WHERE status = 'failed';
  `);
  const ins = db.prepare('INSERT INTO runs (name, status, started, n, big, payload, note) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const step = db.prepare('INSERT INTO steps VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= 30_000; i++) {
      const status = i % 10 === 0 ? 'failed' : i % 7 === 0 ? null : 'ok';
      ins.run(`job-${i % 37}`, status, `2026-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00`, i % 100, i === 5 ? 9007199254740993n : i, i === 6 ? Buffer.alloc(100, 0xab) : null, i === 7 ? '{"a":{"b":[1,2]}}' : i === 8 ? 'x'.repeat(5000) : null);
      if (i <= 2_000) {
        for (let s = 1; s <= 3; s++) {
          step.run(i, s, `step ${s}`);
        }
      }
    }
  })();
  db.prepare(`INSERT INTO "${HOSTILE.replace(/"/g, '""')}" VALUES ('<img src=x onerror=alert(1)>', 1)`).run();
  db.close();
  before = sha256(file);
  source = await SqliteSource.open(file, sqliteDeps);
});

afterAll(async () => {
  await source.close();
  expect(sha256(file)).toBe(before);
  cleanup();
});

async function planOf(q: Omit<TableQuery, 'filters' | 'sort'> & Partial<Pick<TableQuery, 'filters' | 'sort'>>) {
  const cat = await source.catalog();
  const t = findTable(cat, q.table);
  if (!t) {
    throw new Error('no table');
  }
  return compilePlan(t, { filters: [], sort: [], ...q });
}

describe('SQLite catalog', () => {
  it('lists tables and views with types, keys, foreign keys and indexes', async () => {
    const cat = await source.catalog();
    const runs = findTable(cat, { schema: null, name: 'runs' });
    expect(runs?.columns.map((c) => [c.name, c.type, c.family])).toContainEqual(['started', 'TIMESTAMP', 'temporal']);
    expect(runs?.primaryKey).toEqual(['id']);
    expect(runs?.keyset).toBe('rowid');
    expect(runs?.indexes.map((i) => i.name)).toContain('runs_status');
    const steps = findTable(cat, { schema: null, name: 'steps' });
    expect(steps?.keyset).toBe('pk');
    expect(steps?.primaryKey).toEqual(['run_id', 'seq']);
    expect(steps?.foreignKeys).toEqual([{ columns: ['run_id'], refSchema: null, refTable: 'runs', refColumns: ['id'] }]);
    expect(findTable(cat, { schema: null, name: 'forever' })?.kind).toBe('view');
    expect(findTable(cat, { schema: null, name: HOSTILE })?.columns.map((c) => c.name)).toEqual(['c"1', '@SUM(1)']);
  });
});

describe('SQLite paging', () => {
  it('walks the whole table by keyset pages with the same rows as one ORDER BY/OFFSET query', async () => {
    const plan = await planOf({ table: { schema: null, name: 'runs' }, columns: ['id', 'status'], sort: [{ column: 'status', desc: true }] });
    const db = new Database(file, { readonly: true });
    const expected = db.prepare('SELECT id, status FROM runs ORDER BY status DESC NULLS LAST, rowid').raw(true).all();
    db.close();
    const got: unknown[] = [];
    for (let start = 0; ; start += 1_000) {
      const page = await source.page(plan, start, 1_000);
      got.push(...page.rows);
      if (page.lastRow !== null) {
        expect(page.lastRow).toBe(30_000);
        break;
      }
    }
    expect(got).toEqual(expected);
  });

  it('a jump to a deep page matches OFFSET, and the next page continues by key', async () => {
    const plan = await planOf({ table: { schema: null, name: 'runs' }, columns: ['id'], filters: [{ column: 'status', op: 'eq', value: 'ok' }] });
    const db = new Database(file, { readonly: true });
    const expected = db.prepare("SELECT id FROM runs WHERE status = 'ok' ORDER BY rowid LIMIT 100 OFFSET 20000").raw(true).all();
    db.close();
    const page = await source.page(plan, 20_000, 100);
    expect(page.rows).toEqual(expected);
    const next = await source.page(plan, 20_100, 100);
    expect(next.rows[0]).not.toEqual(page.rows[99]);
  });

  it('pages a WITHOUT ROWID table by its primary key and a view by position', async () => {
    const steps = await source.page(await planOf({ table: { schema: null, name: 'steps' } }), 3_000, 3);
    expect(steps.rows).toEqual([[1001, 1, 'step 1'], [1001, 2, 'step 2'], [1001, 3, 'step 3']]);
    expect(steps.keys[0]).toEqual([1001, 1]);
    const view = await source.page(await planOf({ table: { schema: null, name: 'failed_runs' } }), 0, 2);
    expect(view.rows).toEqual([[10, 'job-10'], [20, 'job-20']]);
  });

  it('keeps big integers, blobs and long text faithful in transport form', async () => {
    const page = await source.page(await planOf({ table: { schema: null, name: 'runs' }, columns: ['big', 'payload', 'note'] }), 4, 4);
    expect(page.rows[0]?.[0]).toEqual({ t: 'int', v: '9007199254740993' });
    expect(page.rows[1]?.[1]).toMatchObject({ t: 'blob', size: 100 });
    expect(page.rows[3]?.[2]).toMatchObject({ t: 'truncated', size: 5000 });
    const detail = await source.row(await planOf({ table: { schema: null, name: 'runs' } }), [8]);
    expect(detail.row[7]).toBe('x'.repeat(5000));
  });

  it('returns hostile names and values as data', async () => {
    const page = await source.page(await planOf({ table: { schema: null, name: HOSTILE } }), 0, 10);
    expect(page.columns).toEqual(['c"1', '@SUM(1)']);
    expect(page.rows).toEqual([['<img src=x onerror=alert(1)>', 1]]);
  });
});

describe('SQLite counts, values and cancellation', () => {
  it('counts exactly within the budget and says "at least" when the budget runs out', async () => {
    const plan = await planOf({ table: { schema: null, name: 'runs' }, filters: [{ column: 'status', op: 'eq', value: 'failed' }] });
    expect(await source.count(plan, 5_000)).toEqual({ value: 3_000, exact: true });
    const forever = await planOf({ table: { schema: null, name: 'forever' } });
    const capped = await source.count(forever, 50);
    expect(capped.exact).toBe(false);
    expect(capped.value).toBeGreaterThanOrEqual(10_000);
  });

  it('lists values with counts under the other filters', async () => {
    const plan = await planOf({ table: { schema: null, name: 'runs' }, filters: [{ column: 'name', op: 'eq', value: 'job-0' }] });
    const v = await source.values(plan, 'status', 10);
    expect(v.complete).toBe(true);
    expect(v.values).toContainEqual({ value: 'failed', count: 81 });
  });

  it('cancelling a runaway query frees its worker within a second, and the store keeps working', async () => {
    const plan = await planOf({ table: { schema: null, name: 'forever' }, sort: [{ column: 'x', desc: true }] });
    const controller = new AbortController();
    const pending = source.page(plan, 0, 10, controller.signal);
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    controller.abort();
    const e = await pending.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuditlensError);
    expect((e as AuditlensError).code).toBe('cancelled');
    const next = await source.page(await planOf({ table: { schema: null, name: 'runs' }, columns: ['id'] }), 0, 1);
    expect(next.rows).toEqual([[1]]);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it("runs the app's exports at background CPU priority and the CLI's at normal priority", async () => {
    // Read while the export runs. Linux threads take their niceness from the thread that starts
    // them, so the export threads, started after the open, inherit the main thread's.
    const priorities = async (backgroundExports: boolean): Promise<{ export: number[]; pages: number }> => {
      const pids: number[] = [];
      const deps = { ...sqliteDeps, backgroundExports, spawn: (script: string) => {
        const w = sqliteDeps.spawn(script);
        pids.push(w.pid ?? -1);
        return w;
      } };
      const s = await SqliteSource.open(file, deps);
      try {
        const seen: number[] = [];
        // An endless view: the export reports progress until it is cancelled.
        const plan = await planOf({ table: { schema: null, name: 'forever' } });
        const target = path.join(dir, `priority-${String(backgroundExports)}.csv`);
        const stop = new AbortController();
        const ended = await s.exportCsv({ plan, tmpPath: target, safe: true, bom: false, delimiter: ',', eol: '\n', signal: stop.signal, onProgress: () => {
          seen.push(os.getPriority(pids[pids.length - 1] ?? -1));
          stop.abort();
        } }).catch((e: unknown) => e);
        expect((ended as AuditlensError).code).toBe('cancelled');
        return { export: [...new Set(seen)], pages: os.getPriority(pids[0] ?? -1) };
      } finally {
        await s.close();
      }
    };
    // Relative to this process's own niceness (a test run started under `nice` starts higher).
    const base = os.getPriority();
    expect(await priorities(true)).toEqual({ export: [Math.max(base, 10)], pages: base });
    expect(await priorities(false)).toEqual({ export: [base], pages: base });
  });

  it('opened for an export (the CLI), reads the catalog and exports on one worker started at once', async () => {
    let spawned = 0;
    const counting = { ...sqliteDeps, spawn: (script: string) => {
      spawned++;
      return sqliteDeps.spawn(script);
    } };
    const warm = await SqliteSource.open(file, counting, { warmExport: true });
    try {
      const t = findTable(await warm.catalog(), { schema: null, name: 'runs' });
      expect(t).toBeDefined();
      const plan = compilePlan(t as NonNullable<typeof t>, { table: { schema: null, name: 'runs' }, columns: ['id', 'status'], filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [] });
      const target = path.join(dir, 'warm.csv');
      const r = await warm.exportCsv({ plan, tmpPath: target, safe: true, bom: false, delimiter: ',', eol: '\n' });
      expect(r.rows).toBe(3_000);
      expect(fs.readFileSync(target, 'utf8').split('\n').slice(0, 3)).toEqual(['id,status', '10,failed', '20,failed']);
      // The catalog and the export shared the worker started at open; the page workers never started.
      expect(spawned).toBe(1);
    } finally {
      await warm.close();
    }
  });
});
