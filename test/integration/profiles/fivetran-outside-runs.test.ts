/**
 * Issue 13 item 6: steps that belong to no run. The Fivetran Platform `log` seed of
 * fivetran/dbt_fivetran_log (integration_tests/seeds/log.csv, in ../shared/fixtures/real) holds
 * rows of connections that never synced, and two 2025 write_to_table_start rows logged after a
 * sync that ended in 2021. A log row is a step of the sync whose sync_start is the latest at or
 * before it, unless a sync_end of that sync came before it. Checked against SQL over the same
 * table on SQLite and Postgres, and in `inspect`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectJson } from '../../../electron/cli/inspect-command';
import { inspectStore } from '../../../electron/cli/inspect-command';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { findFormat } from '../../../electron/views/store-formats';
import { stepsPlan, viewPlan } from '../../../electron/views/view-plans';
import { loadCsvTable } from '../../helpers/csv-to-sqlite';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const LOG = path.resolve(__dirname, '../../../../shared/fixtures/real/dbt_fivetran_log/integration_tests/seeds/log.csv');
const { dir, cleanup } = tempDir();
const stores = new StoreManager(sqliteDeps);
const pgDb = `al_ft_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const sqliteFile = path.join(dir, 'fivetran.db');
const pgUrl = `postgres://postgres@127.0.0.1:5432/${pgDb}`;
let pgClient: pg.Client | null = null;

/** Rows in a sync: the latest sync_start at or before the row, and no sync_end of it before the row. */
const IN_SYNC = `SELECT count(*) AS n FROM log l WHERE EXISTS (
  SELECT 1 FROM log s WHERE s.connection_id = l.connection_id AND s.message_event = 'sync_start' AND s.time_stamp <= l.time_stamp
    AND NOT EXISTS (SELECT 1 FROM log s2 WHERE s2.connection_id = l.connection_id AND s2.message_event = 'sync_start' AND s2.time_stamp > s.time_stamp AND s2.time_stamp <= l.time_stamp)
    AND NOT EXISTS (SELECT 1 FROM log e WHERE e.connection_id = l.connection_id AND e.message_event = 'sync_end' AND e.time_stamp >= s.time_stamp AND e.time_stamp < l.time_stamp))`;

beforeAll(async () => {
  loadCsvTable(sqliteFile, 'log', LOG);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgDb}`);
  pgClient = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: pgDb });
  await pgClient.connect();
  const [header, ...body]: string[][] = parse(fs.readFileSync(LOG));
  await pgClient.query(`CREATE TABLE log (${(header ?? []).map((h) => `"${h}" text`).join(', ')})`);
  for (const r of body) {
    await pgClient.query(`INSERT INTO log VALUES (${r.map((_, i) => `$${i + 1}`).join(', ')})`, r.map((v) => (v === '' ? null : v)));
  }
}, 60_000);

afterAll(async () => {
  await stores.closeAll();
  await pgClient?.end();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

async function truth(engine: string, sql: string): Promise<number> {
  if (engine === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(sqliteFile, { readonly: true });
    try {
      return Number((db.prepare(sql).get() as { n: number }).n);
    } finally {
      db.close();
    }
  }
  return Number((await (pgClient as pg.Client).query<{ n: string }>(sql)).rows[0]?.n);
}

describe.each(['sqlite', 'postgres'])('Fivetran log rows outside every sync (%s)', (engine) => {
  const location = (): string => (engine === 'sqlite' ? sqliteFile : pgUrl);

  it('the steps are the rows inside a sync, each under its sync; the 2025 rows after a 2021 sync_end are under none', async () => {
    const source: Source = (await stores.openLocation(location())).source;
    const f = findFormat(await source.catalog(), 'fivetran-log');
    const all = await source.count(stepsPlan(f, { filters: [], sort: [] }, null), 10_000);
    const inSync = await truth(engine, IN_SYNC);
    expect(all.value).toBe(inSync);
    expect(inSync).toBe(27);
    // Every step is under a run that exists: the steps of each sync add up to the whole.
    const runs = await source.page(viewPlan(f.runs, { columns: ['run_id', 'log.events'], filters: [], sort: [] }), 0, 100);
    let sum = 0;
    for (const key of runs.keys) {
      sum += (await source.count(stepsPlan(f, { filters: [], sort: [] }, key), 10_000)).value;
    }
    expect(sum).toBe(inSync);
    expect(runs.rows.map((r) => Number(r[1])).reduce((a, b) => a + b, 0)).toBe(inSync);
    const late = await source.count(stepsPlan(f, { filters: [{ column: 'at', op: 'startsWith', value: '2025' }], sort: [] }, null), 10_000);
    expect(late.value).toBe(0);
  });

  it('inspect counts the steps in syncs and says how many rows are outside every run', async () => {
    const doc = JSON.parse(await inspectStore(new StoreManager(sqliteDeps), location(), true)) as InspectJson;
    const f = doc.formats.find((x) => x.id === 'fivetran-log' && x.steps !== null);
    const rows = await truth(engine, 'SELECT count(*) AS n FROM log');
    const inSync = await truth(engine, IN_SYNC);
    expect(f?.steps).toEqual({ count: inSync, exact: true });
    expect(f?.outsideRuns).toEqual({ count: rows - inSync, exact: true });
    const text = await inspectStore(new StoreManager(sqliteDeps), location(), false);
    expect(text).toContain(`${inSync} steps; ${rows - inSync} rows outside every run`);
  });
});
