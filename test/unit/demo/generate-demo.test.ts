import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VERSION, ensureDemoStore, generateDemoStore, type DemoResult } from '../../../electron/demo/generate-demo';

const EXPECTED_COLUMNS: Record<string, string[]> = {
  dbt_audit_summary: ['invocation_id', 'model_name', 'run_started_at', 'run_ended_at', 'execution_time_seconds', 'rows_processed', 'status', 'run_by_user', 'custom_message'],
  dbt_audit_detail: ['detail_log_id', 'invocation_id', 'model_name', 'step_name', 'step_sequence_num', 'event_timestamp', 'status', 'message'],
  dbt_audit_log: ['model_name', 'execution_time', 'row_count', 'run_id'],
  audits: ['workflow', 'release', 'type', 'context', 'parent_run_id', 'run_id', 'metadata', 'created_at', 'updated_at'],
  log: ['id', 'time_stamp', '_fivetran_synced', 'connection_id', 'event', 'message_data', 'message_event', 'transformation_id', 'sync_id'],
  connection: ['connection_id', '_fivetran_synced', 'connecting_user_id', 'connection_name', 'connector_type', 'destination_id', 'paused', 'signed_up', '_fivetran_deleted'],
  transformation_session: ['id', 'session_type', 'agent_id', 'agent_type', 'agent_version', 'source_layer', 'source_tables', 'source_filters', 'data_start_date', 'data_end_date', 'status', 'started_at', 'completed_at', 'purpose', 'ticket_id', 'parent_session_id', 'operations_count', 'outputs_count', 'total_rows_processed', 'error_message', 'error_details', 'created_at'],
  transformation_operation: ['id', 'session_id', 'operation_type', 'operation_order', 'input_tables', 'input_columns', 'input_row_count', 'transformation_logic', 'transformation_type', 'parameters', 'output_table', 'output_columns', 'output_row_count', 'warnings', 'execution_time_ms', 'created_at'],
  output_artifact: ['id', 'session_id', 'artifact_type', 'artifact_name', 'artifact_location', 'source_tables', 'source_columns', 'row_count', 'column_count', 'data_as_of', 'data_start_date', 'data_end_date', 'is_current', 'superseded_by_id', 'created_at', 'expires_at', 'description', 'metadata'],
  lineage_edge: ['id', 'source_type', 'source_schema', 'source_name', 'source_column', 'target_type', 'target_schema', 'target_name', 'target_column', 'relationship_type', 'session_id', 'transformation_description', 'is_current', 'created_at', 'invalidated_at'],
};

/** SHA-256 over every table's rows in rowid order, with type tags so 1 and '1' differ. */
function canonicalHashes(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    const out: Record<string, string> = {};
    for (const name of names) {
      const hash = createHash('sha256');
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw(true).iterate() as Iterable<unknown[]>) {
        for (const cell of row) {
          if (Buffer.isBuffer(cell)) {hash.update(`b:${cell.toString('hex')}|`);}
          else if (cell === null) {hash.update('n|');}
          else {hash.update(`${typeof cell}:${typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'bigint' ? String(cell) : JSON.stringify(cell)}|`);}
        }
        hash.update('\n');
      }
      out[name] = hash.digest('hex');
    }
    return out;
  } finally {
    db.close();
  }
}

function scalar(db: Db, sql: string): unknown {
  return db.prepare(sql).pluck().get();
}

describe('generateDemoStore', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-demo-'));
  let result: DemoResult;
  let db: Db;

  beforeAll(() => {
    result = generateDemoStore(path.join(dir, 'a', 'demo.db'), { seed: 7 });
    db = new Database(result.path, { readonly: true });
  }, 60_000);

  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('renames the temporary file into place', () => {
    expect(fs.existsSync(result.path)).toBe(true);
    expect(fs.readdirSync(path.dirname(result.path))).toEqual(['demo.db']);
  });

  it('creates every table with the expected columns', () => {
    for (const [table, columns] of Object.entries(EXPECTED_COLUMNS)) {
      const actual = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      expect(actual, table).toEqual(columns);
      expect(result.tables[table], table).toBeGreaterThan(0);
    }
  });

  it('reports the row counts it wrote', () => {
    for (const [table, count] of Object.entries(result.tables)) {
      expect(scalar(db, `SELECT count(*) FROM "${table}"`), table).toBe(count);
    }
  });

  it('fills the dbt summary with 2,000 invocations of 30 models and >= 3 detail steps each', () => {
    expect(result.tables['dbt_audit_summary']).toBe(60_000);
    expect(scalar(db, 'SELECT count(DISTINCT invocation_id) FROM dbt_audit_summary')).toBe(2_000);
    expect(scalar(db, 'SELECT count(DISTINCT model_name) FROM dbt_audit_summary')).toBe(30);
    const fewest = scalar(db, `SELECT min(n) FROM (SELECT count(d.detail_log_id) AS n FROM dbt_audit_summary s
      LEFT JOIN dbt_audit_detail d ON d.invocation_id = s.invocation_id AND d.model_name = s.model_name
      GROUP BY s.invocation_id, s.model_name)`);
    expect(fewest).toBeGreaterThanOrEqual(3);
  });

  it('includes failures, unfinished runs and awkward custom messages', () => {
    const failed = scalar(db, "SELECT count(*) FROM dbt_audit_summary WHERE status = 'failed'") as number;
    expect(failed / 60_000).toBeGreaterThan(0.03);
    expect(failed / 60_000).toBeLessThan(0.05);
    expect(scalar(db, 'SELECT count(*) FROM dbt_audit_summary WHERE custom_message IS NULL')).toBeGreaterThan(0);
    expect(scalar(db, "SELECT count(*) FROM dbt_audit_summary WHERE status = 'started' AND (run_ended_at IS NOT NULL OR execution_time_seconds IS NOT NULL)")).toBe(0);
    expect(scalar(db, "SELECT count(*) FROM dbt_audit_summary WHERE custom_message LIKE '=HYPERLINK%'")).toBeGreaterThan(0);
    expect(scalar(db, 'SELECT count(*) FROM dbt_audit_summary WHERE length(custom_message) > 500')).toBeGreaterThan(0);
    expect(scalar(db, "SELECT count(*) FROM dbt_audit_log WHERE model_name LIKE '\"analytics\".%\" - BEFORE'")).toBeGreaterThan(0);
  });

  it('stores ddeutil contexts as raw zlib JSON with jobs', () => {
    const rows = db.prepare('SELECT context, metadata FROM audits').all() as { context: Buffer; metadata: Buffer }[];
    expect(rows.length).toBeGreaterThan(1_000);
    for (const row of rows) {
      expect([row.context[0], row.context[1]]).toEqual([0x78, 0x9c]);
      const context = JSON.parse(inflateSync(row.context).toString('utf8')) as Record<string, unknown>;
      expect(context).toHaveProperty('jobs');
      expect(JSON.parse(inflateSync(row.metadata).toString('utf8'))).toHaveProperty('original_name');
    }
  });

  it('writes Fivetran syncs with big counts and a duplicated id', () => {
    expect(result.tables['connection']).toBeGreaterThanOrEqual(12);
    expect(scalar(db, "SELECT count(*) FROM log WHERE message_event = 'records_modified' AND json_extract(message_data, '$.count') > 2147483647")).toBeGreaterThan(0);
    expect(scalar(db, 'SELECT max(n) FROM (SELECT count(*) AS n FROM log GROUP BY id)')).toBeGreaterThan(1);
  });

  it('keeps transformation foreign keys intact', () => {
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('gives identical tables for the same seed', () => {
    const again = generateDemoStore(path.join(dir, 'b', 'demo.db'), { seed: 7 });
    expect(canonicalHashes(again.path)).toEqual(canonicalHashes(result.path));
  }, 60_000);
});

describe('ensureDemoStore', () => {
  it('generates once and then reuses the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-demo-'));
    try {
      const first = ensureDemoStore(dir);
      expect(path.basename(first)).toBe(`auditlens-demo-v${DEMO_VERSION}.db`);
      const mtime = fs.statSync(first).mtimeMs;
      expect(ensureDemoStore(dir)).toBe(first);
      expect(fs.statSync(first).mtimeMs).toBe(mtime);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
