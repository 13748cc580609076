/**
 * Issue 13 item 10: one form of a time per store and view. The Marquez project's own OpenLineage
 * test events (api/src/test/resources/apples, in ../shared/fixtures/real) read from files and from
 * Marquez's lineage_events in Postgres: a run's start must be written the same way in the runs
 * export (its normalised and its own column) and in the steps export; `--time stored` keeps the
 * stored text, checked against SQL over the store.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../../../electron/cli/export-command';
import { DEFAULT_EXPORT_OPTIONS } from '../../../electron/export/export-service';
import type { TimeMode } from '../../../electron/csv/csv-format';
import { StoreManager } from '../../../electron/sources/store-manager';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const APPLES = path.resolve(__dirname, '../../../../shared/fixtures/real/marquez/api/src/test/resources/apples');
const { dir, cleanup } = tempDir();
const folder = path.join(dir, 'apples');
const pgDb = `al_tform_${crypto.randomBytes(4).toString('hex')}`;
const pgUrl = `postgres://postgres@127.0.0.1:5432/${pgDb}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
let pgClient: pg.Client | null = null;

beforeAll(async () => {
  fs.cpSync(APPLES, folder, { recursive: true });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgDb}`);
  pgClient = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: pgDb });
  await pgClient.connect();
  await pgClient.query('CREATE TABLE lineage_events (event_time timestamptz NOT NULL, event jsonb NOT NULL, event_type text, job_name text, job_namespace text, producer text, run_uuid uuid, created_at timestamptz DEFAULT now())');
  for (const f of fs.readdirSync(APPLES).filter((x) => x.endsWith('.json'))) {
    const e = JSON.parse(fs.readFileSync(path.join(APPLES, f), 'utf8')) as { eventTime: string; eventType: string; job: { name: string; namespace: string }; run: { runId: string }; producer: string };
    await pgClient.query('INSERT INTO lineage_events (event_time, event, event_type, job_name, job_namespace, producer, run_uuid) VALUES ($1, $2, $3, $4, $5, $6, $7)', [e.eventTime, e, e.eventType, e.job.name, e.job.namespace, e.producer, e.run.runId]);
  }
}, 60_000);

afterAll(async () => {
  await pgClient?.end();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

/** Exports a view of the store to CSV and reads it back as records. */
async function exported(store: string, kind: 'runs' | 'steps', time: TimeMode, format = 'openlineage'): Promise<Record<string, string>[]> {
  const out = path.join(dir, `${crypto.randomBytes(4).toString('hex')}.csv`);
  await exportCommand(new StoreManager(sqliteDeps, {}, path.join(dir, 'cache')), {
    store, table: null, view: { kind, format, run: null, mappingFile: null }, filters: [], sort: [], columns: null, out,
    options: { ...DEFAULT_EXPORT_OPTIONS, provenance: false, time },
  }, { dataDir: path.join(dir, 'data'), appVersion: 'test' });
  const records: Record<string, string>[] = parse(fs.readFileSync(out), { columns: true });
  return records;
}

describe.each([['files', () => folder], ['marquez', () => pgUrl]] as const)('one form of a time (%s)', (name, store) => {
  it.each(['stored', 'utc', 'local'] as const)('--time %s writes a run\'s start the same way in the runs and the steps export', async (time) => {
    const runs = await exported(store(), 'runs', time);
    const steps = await exported(store(), 'steps', time);
    expect(runs.length).toBeGreaterThan(0);
    const startOf = new Map(runs.map((r) => [r.run_id, r.started_at]));
    for (const s of steps) {
      expect(s.run_started_at, `${name} ${time} ${s.run_id}`).toBe(startOf.get(s.run_id));
    }
    // The run's own start column is the same instant, written the same way.
    const own = Object.keys(runs[0] ?? {}).find((k) => k.endsWith('.started_at') || k.endsWith('.started'));
    if (time !== 'stored' && own) {
      for (const r of runs) {
        expect(r[own]).toBe(r.started_at);
      }
    }
    if (time === 'utc') {
      expect(runs.every((r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(r.started_at ?? ''))).toBe(true);
    }
  });

  it('--time stored keeps the stored text', async () => {
    const runs = await exported(store(), 'runs', 'stored');
    if (name === 'marquez') {
      const truth = await (pgClient as pg.Client).query<{ id: string; t: string }>('SELECT run_uuid::text AS id, min(event_time)::text AS t FROM lineage_events GROUP BY run_uuid');
      expect(Object.fromEntries(runs.map((r) => [r.run_id, r.started_at]))).toEqual(Object.fromEntries(truth.rows.map((r) => [r.id, r.t])));
    } else {
      // The files' runs live in the cache's openlineage_runs, whose started_at holds the first
      // eventTime as a UTC key (so runs from producers at different offsets sort together):
      // that text is what is stored, and it is the instant the files wrote.
      const written = fs.readdirSync(APPLES).filter((x) => x.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(APPLES, f), 'utf8')) as { eventTime: string; run: { runId: string } });
      for (const r of runs) {
        expect(r['openlineage_runs.started_at']).toBe(r.started_at);
        const first = Math.min(...written.filter((e) => e.run.runId === r.run_id).map((e) => Date.parse(e.eventTime)));
        expect(Date.parse(r.started_at ?? ''), r.run_id).toBe(first);
      }
    }
  });
});

/**
 * The dbt two-table audit log (kiranjambapuram/dbt macros, audit-formats.md §6.2) loaded into text
 * columns, as a CSV load leaves it: the run's own run_started_at is a time, written in UTC like
 * started_at, not left as stored beside it.
 */
describe('one form of a time in a row (dbt audit log in text columns)', () => {
  it('--time utc writes the normalised and the own start column alike, and the steps export the same', async () => {
    const file = path.join(dir, 'dbt-text.db');
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    db.exec(`CREATE TABLE dbt_audit_summary (invocation_id text, model_name text, run_started_at text, run_ended_at text, status text, PRIMARY KEY (invocation_id, model_name));
      CREATE TABLE dbt_audit_detail (detail_log_id text PRIMARY KEY, invocation_id text, model_name text, step_name text, event_timestamp text, status text);
      INSERT INTO dbt_audit_summary VALUES ('i1', 'orders', '2027-03-21 00:11:03', '2027-03-21 00:12:03', 'completed'), ('i2', 'orders', '2027-03-21T01:11:03.000000Z', '2027-03-21T01:12:03.000000Z', 'error');
      INSERT INTO dbt_audit_detail VALUES ('d1', 'i1', 'orders', 'compile', '2027-03-21 00:11:04', 'info'), ('d2', 'i2', 'orders', 'compile', '2027-03-21T01:11:04.000000Z', 'info');`);
    db.close();
    const runs = await exported(file, 'runs', 'utc', 'dbt-audit');
    const steps = await exported(file, 'steps', 'utc', 'dbt-audit');
    expect(runs.map((r) => [r.started_at, r['dbt_audit_summary.run_started_at']])).toEqual(runs.map((r) => [r.started_at, r.started_at]));
    const startOf = new Map(runs.map((r) => [r.run_id, r.started_at]));
    expect(steps.map((s) => s.run_started_at)).toEqual(steps.map((s) => startOf.get(s.run_id)));
    expect(steps.map((s) => [s.at, s['dbt_audit_detail.event_timestamp']])).toEqual(steps.map((s) => [s.at, s.at]));
  });
});
