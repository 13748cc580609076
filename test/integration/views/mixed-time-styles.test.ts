/**
 * Issue 13 item 11: times compare as times. A dbt two-table audit log (dbt_audit_summary, the
 * kiranjambapuram/dbt macros per audit-formats.md §6.2) whose run_started_at is text written by
 * several macro versions and loaders, as real tables are: `current_timestamp` cast to text
 * (`2027-03-20 18:09:04`), ISO from a Python loader (`2027-03-20T06:09:55.000000Z`), str() of an
 * aware datetime (`… 06:09:55.123456+00:00`) and a writer with a zone offset (`…T20:09:55+02:00`).
 * Newest-first order and a one-hour Started filter must match the instants computed here, on
 * SQLite and Postgres; a column written in one style keeps the plain comparison.
 */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { FormatCatalog } from '../../../electron/views/format-catalog';
import { formatSummary } from '../../../electron/views/format-summary';
import { runsPlan } from '../../../electron/views/runs-plan';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir();
const db = `al_times_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const stores = new StoreManager(sqliteDeps);

const DDL = 'CREATE TABLE dbt_audit_summary (invocation_id varchar(255), model_name varchar(255), run_started_at varchar(64), status varchar(50), PRIMARY KEY (invocation_id, model_name))';
/** The hour the one-hour filter asks for; 40 runs (and a few of the spread ones) start in it. */
const HOUR = Date.UTC(2027, 2, 20, 18);
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `ms` as naive wall time in this machine's zone: the dbt-audit format reads naive times as the writer's local time. */
function localWall(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `ms` written in style `k`: naive local SQL, ISO with Z and micros, str() of an aware datetime, ISO at +02:00. */
function written(ms: number, k: number): string {
  if (k % 4 === 0) {
    return localWall(ms);
  }
  const d = new Date(ms + (k % 4 === 3 ? 2 * 3_600_000 : 0));
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const micros = pad(d.getUTCMilliseconds(), 3);
  return [`${day} ${time}`, `${day}T${time}.${micros}000Z`, `${day} ${time}.${micros}123+00:00`, `${day}T${time}+02:00`][k % 4] as string;
}

/** 120 runs: 40 in HOUR, 80 spread over the 36 hours around it. */
const RUNS = Array.from({ length: 120 }, (_, i) => {
  const ms = i < 40 ? HOUR + i * 89_000 : HOUR - 18 * 3_600_000 + (i - 40) * 1_650_000 + 7_000;
  return { id: `inv${pad(i, 3)}`, ms: Math.floor(ms / 1000) * 1000, text: written(Math.floor(ms / 1000) * 1000, i) };
});
const UNIFORM = RUNS.map((r) => ({ ...r, text: written(r.ms, 0) }));
const rowsSql = (rows: typeof RUNS, table = 'dbt_audit_summary'): string[] => rows.map((r) => `INSERT INTO ${table} VALUES ('${r.id}', 'orders', '${r.text}', 'completed')`);

const sources = new Map<string, { mixed: Source; uniform: Source }>();
let pgClient: pg.Client | null = null;

beforeAll(async () => {
  const open = async (name: string, rows: typeof RUNS): Promise<Source> => {
    const file = path.join(dir, `${name}.db`);
    const lite = new Database(file);
    lite.exec(DDL);
    for (const s of rowsSql(rows)) {
      lite.exec(s);
    }
    lite.close();
    return (await stores.openLocation(file)).source;
  };
  sources.set('sqlite', { mixed: await open('mixed', RUNS), uniform: await open('uniform', UNIFORM) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  pgClient = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
  await pgClient.connect();
  await pgClient.query(`CREATE SCHEMA mixed; CREATE SCHEMA uniform; SET search_path TO mixed; ${DDL}; SET search_path TO uniform; ${DDL}`);
  await pgClient.query([...rowsSql(RUNS, 'mixed.dbt_audit_summary'), ...rowsSql(UNIFORM, 'uniform.dbt_audit_summary')].join(';'));
  const source = (await stores.openLocation(`postgres://postgres@127.0.0.1:5432/${db}`)).source;
  sources.set('postgres', { mixed: source, uniform: source });
}, 60_000);

afterAll(async () => {
  await stores.closeAll();
  await pgClient?.end();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

/** The dbt-audit format of a store (Postgres: the one in `schema`). */
async function formatOf(source: Source, schema: string) {
  const fc = await FormatCatalog.resolve(source, () => []);
  const f = fc.formats.find((x) => x.model.formatId === 'dbt-audit' && (source.dialect.name === 'sqlite' || x.model.runs.table.schema === schema));
  if (!f) {
    throw new Error('no dbt-audit format');
  }
  return f;
}

describe.each(['sqlite', 'postgres'])('times compared as times (%s)', (engine) => {
  it('newest first is the order of the instants, across two pages', async () => {
    const { mixed } = sources.get(engine) as { mixed: Source };
    const f = await formatOf(mixed, 'mixed');
    expect(Object.keys(f.runs.instants ?? {})).toContain('started_at');
    expect(formatSummary(f, await mixed.catalog()).instantColumns).toEqual(['started_at', 'dbt_audit_summary.run_started_at']);
    const plan = await runsPlan(mixed, f, { filters: [], sort: [] });
    const id = plan.columns.findIndex((c) => c.name === 'run_id');
    const first = await mixed.page(plan, 0, 60);
    const second = await mixed.page(plan, 60, 60);
    const shown = [...first.rows, ...second.rows].map((r) => r[id]);
    const truth = [...RUNS].sort((a, b) => b.ms - a.ms).map((r) => `${r.id} / orders`);
    expect(shown).toEqual(truth);
  });

  it('a one-hour Started filter counts the runs that started in that hour, however the bounds are written', async () => {
    const { mixed } = sources.get(engine) as { mixed: Source };
    const f = await formatOf(mixed, 'mixed');
    const truth = RUNS.filter((r) => r.ms >= HOUR && r.ms < HOUR + 3_600_000).length;
    expect(truth).toBeGreaterThanOrEqual(40);
    for (const [from, to] of [[localWall(HOUR).slice(0, 16), '2027-03-20T19:00:00Z'], ['2027-03-20T20:00:00+02:00', localWall(HOUR + 3_600_000)]] as const) {
      const plan = await runsPlan(mixed, f, { filters: [{ column: 'started_at', op: 'gte', value: from }, { column: 'started_at', op: 'lt', value: to }], sort: [] });
      expect((await mixed.count(plan, 10_000)).value).toBe(truth);
    }
    // The store's own column by its bare name compares the same way.
    const own = await runsPlan(mixed, f, { filters: [{ column: 'run_started_at', op: 'gte', value: '2027-03-20T18:00Z' }, { column: 'run_started_at', op: 'lt', value: '2027-03-20T19:00Z' }], sort: [] });
    expect((await mixed.count(own, 10_000)).value).toBe(truth);
    await expect(runsPlan(mixed, f, { filters: [{ column: 'started_at', op: 'gte', value: 'yesterday' }], sort: [] })).rejects.toThrow(/"yesterday" is not a date and time/);
  });

  it('a column written in one style keeps the plain comparison (and its index), with the same answers', async () => {
    const { uniform } = sources.get(engine) as { uniform: Source };
    const f = await formatOf(uniform, 'uniform');
    expect(f.runs.instants).toBeUndefined();
    const plan = await runsPlan(uniform, f, { filters: [{ column: 'started_at', op: 'gte', value: localWall(HOUR) }, { column: 'started_at', op: 'lt', value: localWall(HOUR + 3_600_000) }], sort: [] });
    expect(plan.order[0]?.expr.kind).toBe('column');
    expect((await uniform.count(plan, 10_000)).value).toBe(RUNS.filter((r) => r.ms >= HOUR && r.ms < HOUR + 3_600_000).length);
  });
});
