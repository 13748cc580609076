import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnFamily } from '../../../shared/model/catalog';
import type { Dialect } from '../../../shared/query/dialect';
import { postgresDialect, sqliteDialect } from '../../../shared/query/dialect';

// Real queries on both engines: the same timestamps, in the shapes real audit stores write them
// (audit-formats.md §7: space or T, 0–6 fractional digits, Z, ±HH:MM, naive, date only).
const AT = Date.UTC(2026, 9, 12, 8, 15, 2);
const CASES: readonly { readonly text: string; readonly ms: number | null }[] = [
  { text: '2026-10-12 08:15:02', ms: AT },
  { text: '2026-10-12T08:15:02Z', ms: AT },
  { text: '2026-10-12T08:15:02.427343Z', ms: AT + 427 },
  { text: '2026-10-12 08:15:02.123+00:00', ms: AT + 123 },
  { text: '2026-10-12T18:15:02+10:00', ms: AT },
  { text: '2026-10-12', ms: Date.UTC(2026, 9, 12) },
  { text: 'not a time', ms: null },
  { text: '2461325.5', ms: null },
];

const db = `al_buckets_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
let client: pg.Client;
const lite = new Database(':memory:');

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.end();
  lite.close();
});

interface Engine {
  readonly d: Dialect;
  readonly one: (sql: string, params: readonly unknown[]) => Promise<unknown>;
  readonly all: (sql: string, params: readonly unknown[]) => Promise<number[][]>;
  readonly exec: (sql: string, params: readonly unknown[]) => Promise<void>;
}

const engines: readonly (readonly [string, Engine])[] = [
  ['sqlite', {
    d: sqliteDialect,
    one: async (sql, params) => Object.values(lite.prepare(sql).get(...params) as Record<string, unknown>)[0],
    all: async (sql, params) => (lite.prepare(sql).raw().all(...params) as unknown[][]).map((r) => r.map(Number)),
    exec: async (sql, params) => {
      lite.prepare(sql).run(...params);
    },
  }],
  ['postgres', {
    d: postgresDialect,
    one: async (sql, params) => Object.values((await client.query(sql, [...params])).rows[0] as Record<string, unknown>)[0],
    all: async (sql, params) => (await client.query({ text: sql, values: [...params], rowMode: 'array' })).rows.map((r: unknown[]) => r.map(Number)),
    exec: async (sql, params) => {
      await client.query(sql, [...params]);
    },
  }],
];

// The value sits in a CTE column: epochMs and timeBucket repeat their arguments, so they take columns.
const epoch = async (e: Engine, value: unknown, family: ColumnFamily, naive: 'utc' | 'local' = 'utc', zone = 'UTC'): Promise<number | null> => {
  const ph = e.d.placeholder(1);
  const cast = e.d.name === 'postgres' ? (typeof value === 'number' ? `CAST(${ph} AS bigint)` : `CAST(${ph} AS text)`) : ph;
  const v = await e.one(`WITH t(x) AS (SELECT ${cast}) SELECT ${e.d.epochMs('x', family, naive, zone)} AS v FROM t`, [value]);
  return v === null ? null : Number(v);
};

describe.each(engines)('%s: epoch milliseconds and time buckets', (_name, e) => {
  it.each(CASES)('reads "$text" as an instant (or NULL)', async ({ text, ms }) => {
    expect(await epoch(e, text, 'temporal')).toBe(ms);
  });

  it('reads epoch numbers as seconds, or as milliseconds when too large to be seconds', async () => {
    expect(await epoch(e, AT / 1000, 'integer')).toBe(AT);
    expect(await epoch(e, AT, 'integer')).toBe(AT);
  });

  it('reads a naive value in the local zone when the format keeps local time, and leaves offsets alone', async () => {
    if (e.d.name === 'postgres') {
      expect(await epoch(e, '2026-10-12 08:15:02', 'temporal', 'local', 'America/New_York')).toBe(AT + 4 * 3_600_000);
      expect(await epoch(e, '2026-10-12T08:15:02Z', 'temporal', 'local', 'America/New_York')).toBe(AT);
    } else {
      // SQLite reads local time in the process's own zone: this test process's.
      const offsetMs = new Date(AT).getTimezoneOffset() * 60_000;
      expect(await epoch(e, '2026-10-12 08:15:02', 'temporal', 'local')).toBe(AT + offsetMs);
      expect(await epoch(e, '2026-10-12T08:15:02Z', 'temporal', 'local')).toBe(AT);
    }
  });

  it('puts instants in buckets from an origin, the ones before it in bucket 0', async () => {
    const sql = `WITH t(x) AS (SELECT ${e.d.name === 'postgres' ? 'CAST($1 AS double precision)' : '?'}) SELECT ${e.d.timeBucket('x', String(AT), '60000')} AS b FROM t`;
    const bucket = async (ms: number): Promise<number> => Number(await e.one(sql, [ms]));
    expect(await bucket(AT)).toBe(0);
    expect(await bucket(AT + 59_999)).toBe(0);
    expect(await bucket(AT + 60_000)).toBe(1);
    expect(await bucket(AT + 10 * 60_000 + 5)).toBe(10);
    expect(await bucket(AT - 3 * 60_000)).toBe(0);
  });

  it('groups a table of runs into per-minute buckets with counts by status, in one GROUP BY', async () => {
    const rows = [['2026-10-12 08:15:02', 'ok'], ['2026-10-12T08:15:40Z', 'failed'], ['2026-10-12 08:16:30', 'ok'], ['2026-10-12T08:20:00+00:00', 'ok'], ['garbage', 'ok']];
    const table = `runs_${e.d.name}`;
    await e.exec(`CREATE TABLE ${table} (started text, status text)`, []);
    await e.exec(`INSERT INTO ${table} VALUES ${rows.map((_, i) => `(${e.d.placeholder(2 * i + 1)}, ${e.d.placeholder(2 * i + 2)})`).join(', ')}`, rows.flat());
    const ms = e.d.epochMs('started', 'text', 'utc', 'UTC');
    const sql = `SELECT ${e.d.timeBucket(ms, String(AT), '60000')} AS b, count(*) AS n, sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed
      FROM ${table} WHERE ${ms} IS NOT NULL GROUP BY 1 ORDER BY 1`;
    expect(await e.all(sql, [])).toEqual([[0, 2, 1], [1, 1, 0], [4, 1, 0]]);
  });
});
