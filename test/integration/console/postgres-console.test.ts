/**
 * The SQL console on a real Postgres database created (and dropped) by this test: rows equal to
 * SQL, writes refused by the server's read-only transaction or by the statement check with
 * sentences, `statement_timeout` as the time limit, a cancel, windows of a long result without
 * reading it whole, and a CSV export equal to the server's own COPY. The data's checksum and the
 * large-object count are unchanged at the end.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditlensError } from '../../../shared/api/result';
import { runConsoleExport } from '../../../electron/export/console-export';
import { DEFAULT_EXPORT_OPTIONS } from '../../../electron/export/export-service';
import { PostgresSource } from '../../../electron/sources/postgres/postgres-source';
import type { ConsoleRequest } from '../../../electron/sources/source';
import { tempDir } from '../../helpers/files';

const HOST = '127.0.0.1';
const DB = `auditlens_console_${crypto.randomBytes(5).toString('hex')}`;
const GROUPED = 'SELECT status, count(*) AS n FROM audit.runs GROUP BY 1 ORDER BY 1';
const { dir, cleanup } = tempDir('auditlens-pg-console-');
let admin: pg.Client;
let source: PostgresSource;

/** What must not change: every row of the table, and the large objects. */
async function fingerprint(): Promise<string> {
  const r = await admin.query<{ h: string; lo: string; seq: string }>(
    `SELECT md5(string_agg(id || ':' || status || ':' || coalesce(note, ''), ',' ORDER BY id)) AS h,
            (SELECT count(*) FROM pg_largeobject_metadata)::text AS lo,
            (SELECT last_value FROM audit.runs_id_seq)::text AS seq FROM audit.runs`,
  );
  const row = r.rows[0];
  return `${row?.h ?? ''}/${row?.lo ?? ''}/${row?.seq ?? ''}`;
}

async function refused(sql: string, extra: Partial<ConsoleRequest> = {}): Promise<AuditlensError> {
  try {
    await source.consoleQuery({ sql, startRow: 0, limit: 100, timeoutMs: 10_000, ...extra });
  } catch (e) {
    expect(e).toBeInstanceOf(AuditlensError);
    return e as AuditlensError;
  }
  throw new Error(`${sql} ran, but should have been refused`);
}

let before = '';

beforeAll(async () => {
  const root = new pg.Client({ host: HOST, user: 'postgres', database: 'postgres' });
  await root.connect();
  await root.query(`CREATE DATABASE ${DB}`);
  await root.end();
  admin = new pg.Client({ host: HOST, user: 'postgres', database: DB });
  await admin.connect();
  await admin.query(`CREATE SCHEMA audit;
    CREATE TABLE audit.runs (id serial PRIMARY KEY, status text NOT NULL, note text);
    INSERT INTO audit.runs (status, note)
      SELECT (ARRAY['success', 'failed', 'running'])[1 + i % 3], CASE WHEN i % 7 = 0 THEN 'a, "quoted"; note' END
        FROM generate_series(1, 2500) AS i;`);
  before = await fingerprint();
  source = await PostgresSource.open(`postgres://postgres@${HOST}:5432/${DB}`);
});

afterAll(async () => {
  await source?.close();
  await admin?.end();
  const root = new pg.Client({ host: HOST, user: 'postgres', database: 'postgres' });
  await root.connect();
  await root.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await root.end();
  cleanup();
});

describe('SQL console on Postgres', () => {
  it('returns the rows SQL returns', async () => {
    const r = await source.consoleQuery({ sql: GROUPED, startRow: 0, limit: 100, timeoutMs: 10_000 });
    const truth = await admin.query<[string, string]>({ text: GROUPED, rowMode: 'array' });
    expect(r.columns).toEqual(['status', 'n']);
    expect(r.rows).toEqual(truth.rows.map(([s, n]) => [s, Number(n)]));
    expect(r.more).toBe(false);
  });

  it('returns a window of a long result and says more rows follow, without reading the rest', async () => {
    const started = Date.now();
    // 2,500 × 2,500 × 2,500 rows: read whole, this would not finish in the limit.
    const sql = 'SELECT a.id AS a, b.id AS b FROM audit.runs a, audit.runs b, audit.runs c';
    const r = await source.consoleQuery({ sql, startRow: 1_000, limit: 50, timeoutMs: 20_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.rows).toHaveLength(50);
    expect(r.more).toBe(true);
    const tail = await source.consoleQuery({ sql: 'SELECT id FROM audit.runs ORDER BY id', startRow: 2_480, limit: 50, timeoutMs: 10_000 });
    expect(tail.rows).toHaveLength(20);
    expect(tail.more).toBe(false);
  });

  it('refuses an INSERT before it reaches the server, with a sentence', async () => {
    const e = await refused("INSERT INTO audit.runs (status) VALUES ('x')");
    expect(e.code).toBe('unsupported');
    expect(e.message).toMatch(/read-only and runs queries only.*INSERT statement was not sent/);
  });

  const engineRefusals = [
    "WITH x AS (INSERT INTO audit.runs (status) VALUES ('x') RETURNING id) SELECT * FROM x",
    "SELECT nextval('audit.runs_id_seq')",
    'SELECT * INTO audit.copy_of_runs FROM audit.runs',
    'EXPLAIN ANALYZE DELETE FROM audit.runs',
  ];
  for (const sql of engineRefusals) {
    it(`lets the read-only transaction refuse ${sql.slice(0, 40)}`, async () => {
      const e = await refused(sql);
      expect(e.message).toMatch(/read-only transactions.*refused a statement that would change data \(cannot execute .* in a read-only transaction\)/);
    });
  }

  it('rolls back a write the read-only transaction lets through (lo_create on Postgres 15), with a sentence', async () => {
    const e = await refused('SELECT lo_create(0)');
    expect(e.code).toBe('unsupported');
    expect(e.message).toMatch(/changed the database even in a read-only transaction.*rolled back and nothing was changed/);
    const e2 = await refused("SELECT lo_from_bytea(0, 'x'::bytea)");
    expect(e2.message).toMatch(/rolled back/);
  });

  const notQueries = [
    "COPY (SELECT 1) TO PROGRAM 'touch /tmp/auditlens-console-pwned'",
    "COPY audit.runs TO '/tmp/auditlens-console-copy.csv'",
    'SET statement_timeout = 0',
    "LOAD 'auto_explain'",
    'COMMIT',
    'DROP TABLE audit.runs',
    '/* a comment */ ( TRUNCATE audit.runs )',
  ];
  for (const sql of notQueries) {
    it(`refuses ${sql.slice(0, 40)} as not a query`, async () => {
      const e = await refused(sql);
      expect(e.message).toMatch(/runs queries only/);
    });
  }

  it('runs one statement at a time, whatever the semicolons', async () => {
    const e = await refused('SELECT 1; DELETE FROM audit.runs');
    expect(e.message).toMatch(/one statement at a time/);
    const quoted = await source.consoleQuery({ sql: "SELECT ';' AS s -- ; DELETE FROM audit.runs", startRow: 0, limit: 10, timeoutMs: 5_000 });
    expect(quoted.rows).toEqual([[';']]);
  });

  it('stops a statement at its time limit with a sentence', async () => {
    const started = Date.now();
    const e = await refused('SELECT pg_sleep(5)', { timeoutMs: 1_000 });
    expect(e.code).toBe('timeout');
    expect(e.message).toBe('The query ran longer than its time limit, so the server stopped it.');
    expect(Date.now() - started).toBeLessThan(4_000);
    const after = await source.consoleQuery({ sql: 'SELECT 1 AS one', startRow: 0, limit: 10, timeoutMs: 5_000 });
    expect(after.rows).toEqual([[1]]);
  });

  it('is cancelled by its signal', async () => {
    const controller = new AbortController();
    const running = source.consoleQuery({ sql: 'SELECT pg_sleep(20)', startRow: 0, limit: 10, timeoutMs: 60_000 }, controller.signal);
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('exports the whole result as the server would write it, with the statement in the provenance', async () => {
    const sql = 'SELECT id, status, note FROM audit.runs ORDER BY id';
    const out = path.join(dir, 'runs.csv');
    const r = await runConsoleExport({ source, sql, target: out, options: { ...DEFAULT_EXPORT_OPTIONS, safe: false }, appVersion: 'test', dataDir: dir });
    expect(r.rows).toBe(2_500);
    const copy = await admin.query<{ t: string }>(`SELECT string_agg(id || ',' || status || ',' || coalesce(CASE WHEN note ~ '[",]' THEN '"' || replace(note, '"', '""') || '"' ELSE note END, ''), E'\\n' ORDER BY id) AS t FROM audit.runs`);
    expect(fs.readFileSync(out, 'utf8')).toBe(`id,status,note\n${copy.rows[0]?.t ?? ''}\n`);
    const record = JSON.parse(fs.readFileSync(`${out}.json`, 'utf8')) as { sql: string; rowCount: number; view: { kind: string } };
    expect(record).toMatchObject({ sql, rowCount: 2_500, view: { kind: 'console' } });
  });

  it('changed nothing', async () => {
    expect(await fingerprint()).toBe(before);
    expect(fs.existsSync('/tmp/auditlens-console-pwned')).toBe(false);
    expect(fs.existsSync('/tmp/auditlens-console-copy.csv')).toBe(false);
  });
});
