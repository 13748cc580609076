/**
 * The SQL console on a real SQLite file, through the app's handlers: rows equal to SQL, writes and
 * connection changes refused by SQLite with sentences, one statement at a time, a time limit and a
 * cancel that stop the statement, a CSV export with the statement in its provenance, and the
 * store's bytes unchanged (DemoApi.close checks its SHA-256).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleResult } from '../../../shared/api/contract';
import type { DemoApi } from '../../helpers/demo-handlers';
import { openDemoApi } from '../../helpers/demo-handlers';
import { sha256 } from '../../helpers/files';

const GROUPED = 'SELECT status, count(*) AS n FROM transformation_session GROUP BY 1 ORDER BY 1';

describe('SQL console on SQLite', () => {
  let api: DemoApi;
  let truth: Database.Database;
  beforeAll(async () => {
    api = await openDemoApi();
    truth = new Database(api.demo, { readonly: true });
  });
  afterAll(async () => {
    truth.close();
    await api.close();
  });

  it('returns the rows SQL returns, with their column names', async () => {
    const r = await api.call<ConsoleResult>('console.run', { storeId: api.storeId, sql: GROUPED });
    const expected = truth.prepare(GROUPED).raw(true).all() as unknown[][];
    expect(expected.length).toBeGreaterThan(1);
    expect(r.columns).toEqual(['status', 'n']);
    expect(r.rows).toEqual(expected);
    expect(r.more).toBe(false);
  });

  it('pages a long result: each window equals LIMIT/OFFSET, and `more` says whether rows follow', async () => {
    const sql = 'SELECT id, session_id, operation_type FROM transformation_operation ORDER BY id';
    const total = Number(truth.prepare('SELECT count(*) FROM transformation_operation').pluck().get());
    expect(total).toBeGreaterThan(300);
    const first = await api.call<ConsoleResult>('console.run', { storeId: api.storeId, sql, startRow: 0, endRow: 100 });
    const deep = await api.call<ConsoleResult>('console.run', { storeId: api.storeId, sql, startRow: total - 50, endRow: total + 50 });
    expect(first.rows).toEqual(truth.prepare(`${sql} LIMIT 100 OFFSET 0`).raw(true).all());
    expect(first.more).toBe(true);
    expect(deep.rows).toEqual(truth.prepare(`${sql} LIMIT 100 OFFSET ${total - 50}`).raw(true).all());
    expect(deep.rows).toHaveLength(50);
    expect(deep.more).toBe(false);
  });

  it('takes semicolons inside strings and comments as part of the one statement', async () => {
    const r = await api.call<ConsoleResult>('console.run', { storeId: api.storeId, sql: "SELECT ';' AS s, 'a;b' AS t -- ; DELETE FROM transformation_session\n" });
    expect(r.rows).toEqual([[';', 'a;b']]);
  });

  const refusals: readonly { sql: string; words: RegExp }[] = [
    { sql: "INSERT INTO transformation_session (id, session_type, agent_id, source_layer, source_tables) VALUES ('x', 'ETL', 'a', 'GOLD', 't')", words: /read-only.*would change the store/ },
    { sql: 'DELETE FROM transformation_operation', words: /would change the store/ },
    { sql: "UPDATE transformation_session SET status = 'FAILED'", words: /would change the store/ },
    { sql: 'DROP TABLE transformation_operation', words: /would change the store/ },
    { sql: 'CREATE TABLE x (a)', words: /would change the store/ },
    { sql: 'CREATE TEMP TABLE x (a)', words: /would change the store/ },
    { sql: 'PRAGMA user_version = 5', words: /would change the store/ },
    { sql: 'PRAGMA journal_mode = DELETE', words: /would change the store/ },
    { sql: "VACUUM INTO '/tmp/auditlens-console-vacuum.db'", words: /would change the store/ },
    { sql: 'ANALYZE', words: /would change the store/ },
    { sql: "ATTACH ':memory:' AS other", words: /would change the connection/ },
    { sql: 'DETACH main', words: /would change the connection/ },
    { sql: 'PRAGMA writable_schema = ON', words: /would change the connection/ },
    { sql: 'PRAGMA query_only = 0', words: /would change the connection/ },
    { sql: 'BEGIN IMMEDIATE', words: /was not run/ },
    { sql: 'PRAGMA trusted_schema = 1', words: /would change the connection/ },
    { sql: 'SELECT 1; DELETE FROM transformation_operation', words: /one statement at a time/ },
    { sql: '-- nothing but a comment', words: /no SQL statement/ },
    { sql: "SELECT load_extension('/tmp/evil')", words: /not authorized/ },
  ];
  for (const { sql, words } of refusals) {
    it(`refuses ${sql.slice(0, 40)} with a sentence`, async () => {
      const e = await api.refused('console.run', { storeId: api.storeId, sql });
      expect(e.message).toMatch(words);
      expect(e.message).toMatch(/\.$/);
    });
  }

  it('still answers after the refusals, with query_only on and schema code distrusted', async () => {
    const r = await api.call<ConsoleResult>('console.run', { storeId: api.storeId, sql: 'SELECT * FROM pragma_query_only, pragma_trusted_schema, pragma_writable_schema' });
    expect(r.rows).toEqual([[1, 0, 0]]);
    expect(fs.existsSync('/tmp/auditlens-console-vacuum.db')).toBe(false);
  });

  it('says what is wrong with bad SQL', async () => {
    const e = await api.refused('console.run', { storeId: api.storeId, sql: 'SELEC 1' });
    expect(e.code).toBe('source-error');
    expect(e.message).toMatch(/syntax error/);
  });

  it('stops a statement at its time limit, then runs the next one', async () => {
    const endless = 'WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c) SELECT count(*) FROM c';
    const started = Date.now();
    const e = await api.refused('console.run', { storeId: api.storeId, sql: endless, timeoutMs: 700 });
    expect(e.code).toBe('timeout');
    expect(e.message).toMatch(/took longer than 1 s and was stopped/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const after = await api.call<ConsoleResult>('console.run', { storeId: api.storeId, sql: 'SELECT 42' });
    expect(after.rows).toEqual([[42]]);
  });

  it('is cancelled by its request id', async () => {
    const endless = 'WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c) SELECT count(*) FROM c';
    const running = api.send('console.run', { storeId: api.storeId, sql: endless, requestId: 'console-1' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await api.call<boolean>('query.cancel', { requestId: 'console-1' })).toBe(true);
    const r = await running;
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.error.code).toBe('cancelled');
  });

  it('exports the whole result as CSV, with the statement in its provenance', async () => {
    const before = sha256(api.demo);
    const { jobId } = await api.call<{ jobId: string }>('export.startConsole', { storeId: api.storeId, sql: GROUPED });
    const done = await api.exported(jobId);
    expect(done.state).toBe('done');
    const expected = truth.prepare(GROUPED).raw(true).all() as [string, number][];
    const text = fs.readFileSync(done.path ?? '', 'utf8');
    expect(text).toBe(`status,n\n${expected.map(([s, n]) => `${s},${n}\n`).join('')}`);
    const record = JSON.parse(fs.readFileSync(`${done.path ?? ''}.json`, 'utf8')) as { sql: string; view: { kind: string }; rowCount: number; source: { sha256: string } };
    expect(record.sql).toBe(GROUPED);
    expect(record.view.kind).toBe('console');
    expect(record.rowCount).toBe(expected.length);
    expect(record.source.sha256).toBe(before);
  });

  it('refuses to export a write statement, and writes no file', async () => {
    const { jobId } = await api.call<{ jobId: string }>('export.startConsole', { storeId: api.storeId, sql: 'DELETE FROM transformation_operation' });
    const done = await api.exported(jobId);
    expect(done.state).toBe('failed');
    expect(done.path).toBeNull();
  });
});
