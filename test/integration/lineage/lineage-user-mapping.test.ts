/**
 * A user's mapping with an edge table: any table with a source and a target column becomes the
 * format's lineage, through the same handlers the app calls (mapping.save, then lineage.get). The
 * walk must reach what a hand-written WITH RECURSIVE reaches, honour the created / invalidated
 * columns (as-of brings an invalidated edge back), and bad column names get one sentence.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers';
import type { FormatSummary, StoreSummary } from '../../../shared/api/contract';
import type { Handlers } from '../../../shared/api/dispatch';
import { dispatch } from '../../../shared/api/dispatch';
import type { LineageGraph } from '../../../shared/model/lineage-graph';
import type { Mapping } from '../../../shared/model/mapping';
import { sha256, tempDir } from '../../helpers/files';
import { testServices } from '../../helpers/services';

const { dir, cleanup } = tempDir();
const file = path.join(dir, 'jobs.db');
let handlers: Handlers;
let storeId = '';

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await dispatch(handlers, name, input, { transport: 'test' });
  if (!r.ok) {
    throw new Error(`${r.error.code}: ${r.error.message}`);
  }
  return r.value as T;
}

const mapping: Mapping = {
  version: 1,
  title: 'Jobs with lineage',
  runs: { table: { schema: null, name: 'job_runs' }, key: ['run_uuid'], name: 'job', started: 'began', status: 'state' },
  steps: null,
  lineage: { table: { schema: null, name: 'table_deps' }, source: 'upstream_table', target: 'downstream_table', relationship: 'dep_kind', validFrom: 'created_at', validTo: 'invalidated_at', recordedBy: 'run_uuid' },
  naiveTime: 'utc',
};

beforeAll(async () => {
  const db = new Database(file);
  db.exec(`CREATE TABLE job_runs (run_uuid TEXT PRIMARY KEY, job TEXT, began TEXT, state TEXT);
    CREATE TABLE table_deps (upstream_table TEXT, downstream_table TEXT, dep_kind TEXT, created_at TEXT, invalidated_at TEXT, run_uuid TEXT);
    INSERT INTO job_runs VALUES ('u1', 'nightly', '2026-01-01 01:00:00', 'ok'), ('u2', 'nightly', '2026-03-01 01:00:00', 'failed');
    INSERT INTO table_deps VALUES
      ('raw.orders', 'stg.orders', 'COPIES', '2026-01-01 01:00:00', NULL, 'u1'),
      ('raw.customers', 'stg.customers', 'COPIES', '2026-01-01 01:00:00', NULL, 'u1'),
      ('stg.orders', 'mart.revenue', 'AGGREGATES', '2026-01-01 01:00:00', NULL, 'u1'),
      ('stg.orders', 'mart.revenue', 'JOINS', '2025-12-01 01:00:00', '2026-02-15 00:00:00', 'u0'),
      ('stg.customers', 'mart.revenue', 'JOINS', '2026-01-01 01:00:00', '2026-03-01 01:00:00', 'u1'),
      ('stg.refunds', 'mart.revenue', 'JOINS', '2026-03-01 01:00:00', NULL, 'u2'),
      ('raw.refunds', 'stg.refunds', 'COPIES', '2026-03-01 01:00:00', NULL, 'u2'),
      ('mart.revenue', 'mart.revenue_daily', 'AGGREGATES', '2026-01-01 01:00:00', NULL, 'u1');`);
  db.close();
  handlers = createHandlers(testServices(dir, ''));
  storeId = (await call<StoreSummary>('stores.openPath', { path: file })).storeId;
});
afterAll(cleanup);

const get = (node: string, extra: Record<string, unknown> = {}): Promise<LineageGraph> =>
  call<LineageGraph>('lineage.get', { storeId, format: 'mapped:Jobs with lineage', node, direction: 'upstream', depth: null, ...extra });

describe('a mapped edge table as lineage', () => {
  it('saves the mapping with its lineage and answers as a WITH RECURSIVE over the table does', async () => {
    const before = sha256(file);
    const saved = await call<FormatSummary>('mapping.save', { storeId, mapping });
    expect(saved).toMatchObject({ key: 'mapped:Jobs with lineage', lineage: true });
    const g = await get('mart.revenue_daily', { asOf: '2026-12-01T00:00:00Z' });
    const db = new Database(file, { readonly: true });
    const truth = db.prepare(`WITH RECURSIVE e AS (SELECT * FROM table_deps WHERE created_at <= '2026-12-01' AND (invalidated_at IS NULL OR invalidated_at > '2026-12-01')),
      up(n) AS (SELECT 'mart.revenue_daily' UNION SELECT e.upstream_table FROM up JOIN e ON e.downstream_table = up.n) SELECT n FROM up ORDER BY n`).all() as { n: string }[];
    db.close();
    expect(g.nodes.map((n) => n.id).sort()).toEqual(truth.map((r) => r.n));
    expect(g.nodes).toHaveLength(6);
    expect(g.edges.find((e) => e.target === 'mart.revenue' && e.source === 'stg.orders')).toMatchObject({ relationship: 'AGGREGATES', recordedBy: 'u1', validToMs: null });
    expect(sha256(file)).toBe(before);
  });

  it('as of a time before the invalidation, brings the invalidated edge back; the run filter keeps one run\'s edges', async () => {
    const past = await get('mart.revenue', { asOf: '2026-02-01T00:00:00Z', depth: 1 });
    expect(past.edges.map((e) => e.source).sort()).toEqual(['stg.customers', 'stg.orders', 'stg.orders']);
    expect(past.edges.find((e) => e.source === 'stg.customers')?.validToMs).toBe(Date.UTC(2026, 2, 1, 1));
    // An invalidated record and an open one of the same pair stay two records, each with its own end.
    expect(past.edges.filter((e) => e.source === 'stg.orders').map((e) => [e.relationship, e.recordedBy, e.validFromMs, e.validToMs]).sort()).toEqual([
      ['AGGREGATES', 'u1', Date.UTC(2026, 0, 1, 1), null], ['JOINS', 'u0', Date.UTC(2025, 11, 1, 1), Date.UTC(2026, 1, 15)],
    ]);
    const u2 = await get('mart.revenue', { run: 'u2', depth: 1 });
    expect(u2.edges.map((e) => [e.source, e.recordedBy])).toEqual([['stg.refunds', 'u2']]);
    // A run's lineage is every edge it recorded, the one retired since included.
    const u1 = await get('mart.revenue', { run: 'u1', depth: 1, direction: 'upstream' });
    expect(u1.edges.map((e) => [e.source, e.validToMs]).sort()).toEqual([['stg.customers', Date.UTC(2026, 2, 1, 1)], ['stg.orders', null]]);
  });

  it('refuses a lineage column the table does not have, in one sentence', async () => {
    const bad = { ...mapping, title: 'Bad', lineage: { ...mapping.lineage, table: { schema: null, name: 'table_deps' }, source: 'from_table', target: 'downstream_table' } };
    const r = await dispatch(handlers, 'mapping.save', { storeId, mapping: bad }, { transport: 'test' });
    expect(r.ok ? null : r.error.message).toBe('The mapping\'s edge source column "from_table" is not in table_deps.');
  });
  it('names the runs that wrote and read a node, as the table says, and the nodes a run touched', async () => {
    const db = new Database(file, { readonly: true });
    const runsOf = (where: string): string[] => (db.prepare(`SELECT DISTINCT run_uuid AS r FROM table_deps WHERE ${where} ORDER BY r`).all() as { r: string }[]).map((x) => x.r);
    const truth = { wrote: runsOf("downstream_table = 'mart.revenue' AND invalidated_at IS NULL"), read: runsOf("upstream_table = 'mart.revenue' AND invalidated_at IS NULL") };
    const before = { wrote: runsOf("downstream_table = 'mart.revenue' AND created_at <= '2026-02-01'"), read: truth.read };
    db.close();
    expect(truth.wrote).toEqual(['u1', 'u2']);
    expect(await call('lineage.runs', { storeId, format: 'mapped:Jobs with lineage', node: 'mart.revenue' })).toEqual(truth);
    expect(await call('lineage.runs', { storeId, format: 'mapped:Jobs with lineage', node: 'mart.revenue', asOf: '2026-02-01T00:00:00Z' })).toEqual(before);
    expect(await call('lineage.runs', { storeId, format: 'mapped:Jobs with lineage', node: 'nowhere' })).toEqual({ wrote: [], read: [] });
    // u2 recorded raw.refunds → stg.refunds → mart.revenue: its data ends up in mart.revenue.
    expect(await call('lineage.runNodes', { storeId, format: 'mapped:Jobs with lineage', run: 'u2' })).toEqual(['mart.revenue', 'raw.refunds', 'stg.refunds']);
  });
  it('colours each node by the latest run that wrote it, with its last runs newest first, as SQL orders them', async () => {
    const g = await get('mart.revenue_daily', { depth: null });
    const db = new Database(file, { readonly: true });
    const truth = new Map(g.nodes.map((n) => [n.id, (db.prepare(`SELECT DISTINCT r.run_uuid, r.state, r.began FROM table_deps d JOIN job_runs r ON r.run_uuid = d.run_uuid
      WHERE d.downstream_table = ? AND d.invalidated_at IS NULL ORDER BY r.began DESC`).all(n.id) as { state: string }[]).map((x) => (x.state === 'ok' ? 'ok' : 'failed'))]));
    db.close();
    expect(truth.get('mart.revenue')).toEqual(['failed', 'ok']);
    for (const n of g.nodes) {
      expect(n.runs.history, n.id).toEqual(truth.get(n.id));
      expect(n.runs.latest, n.id).toBe(truth.get(n.id)?.[0] ?? null);
    }
  });
});
