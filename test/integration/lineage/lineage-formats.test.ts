/**
 * Each format's lineage mapping against real files: Marquez's "apples" OpenLineage events and the
 * OpenLineage spec's full event (dataset → job → dataset), and dbt manifests from the OpenLineage
 * repository (depends_on), and Fivetran's lineage tables with their metadata (DataHub's join keys; the
 * dbt_fivetran_log seeds have no lineage tables, so they are built here). The truth is computed from
 * the JSON files themselves, or by a hand-written join.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreManager } from '../../../electron/sources/store-manager';
import { FormatCatalog } from '../../../electron/views/format-catalog';
import { lineageGraph } from '../../../electron/views/lineage-query';
import type { LineageGraph } from '../../../shared/model/lineage-graph';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const REAL = path.resolve(__dirname, '../../../../shared/fixtures/real');
const { dir, cleanup } = tempDir('auditlens-lineage-formats-');
const stores = new StoreManager(sqliteDeps, {}, path.join(dir, 'cache'));
afterAll(async () => {
  await stores.closeAll();
  cleanup();
});

/** Nodes within `depth` hops upstream of `root` over `edges` (source → target). */
function upstream(edges: readonly [string, string][], root: string, depth: number): string[] {
  const seen = new Set([root]);
  let frontier = [root];
  for (let h = 0; h < depth; h++) {
    frontier = edges.filter(([, t]) => frontier.includes(t)).map(([s]) => s).filter((s) => !seen.has(s));
    frontier.forEach((s) => seen.add(s));
  }
  return [...seen].sort();
}

async function walk(location: string, format: string, node: string, depth: number | null): Promise<LineageGraph> {
  const { source } = await stores.openLocation(location);
  const fc = await FormatCatalog.resolve(source, () => []);
  return lineageGraph(fc, { format, node, direction: 'upstream', depth, columns: false, asOf: null, run: null, budget: 500 }, undefined, 'UTC');
}

describe('OpenLineage events', () => {
  const folder = path.join(REAL, 'marquez/api/src/test/resources/apples');
  const edges: [string, string][] = [];
  for (const f of fs.readdirSync(folder).filter((x) => x.endsWith('.json'))) {
    const e = JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')) as { job: { name: string }; inputs?: { name: string }[]; outputs?: { name: string }[] };
    edges.push(...(e.inputs ?? []).map((i): [string, string] => [i.name, e.job.name]), ...(e.outputs ?? []).map((o): [string, string] => [e.job.name, o.name]));
  }

  it('walks dataset → job → dataset as the events say, by dataset name', async () => {
    const targets = [...new Set(edges.map(([, t]) => t))].filter((t) => !edges.some(([s]) => s === t));
    expect(targets.length).toBeGreaterThan(0);
    for (const root of targets) {
      const g = await walk(folder, 'openlineage', root, null);
      expect(g.nodes.map((n) => n.id).sort()).toEqual(upstream(edges, root, 20));
      expect(g.nodes.every((n) => (n.type === 'JOB') === (Math.abs(n.depth) % 2 === 1))).toBe(true);
    }
  });
});

describe('dbt manifest', () => {
  for (const name of ['postgres', 'build']) {
    it(`follows depends_on in the ${name} manifest`, async () => {
      const target = path.join(REAL, 'OpenLineage/integration/common/tests/dbt', name, 'target');
      const manifest = JSON.parse(fs.readFileSync(path.join(target, 'manifest.json'), 'utf8')) as { nodes: Record<string, { depends_on?: { nodes?: string[] } }> };
      const edges = Object.entries(manifest.nodes).flatMap(([id, n]) => (n.depends_on?.nodes ?? []).map((d): [string, string] => [d, id]));
      const root = Object.keys(manifest.nodes).sort((a, b) => upstream(edges, b, 10).length - upstream(edges, a, 10).length)[0] ?? '';
      expect(upstream(edges, root, 10).length).toBeGreaterThan(1);
      const g = await walk(target, 'dbt-artifacts', root, null);
      expect(g.nodes.map((n) => n.id).sort()).toEqual(upstream(edges, root, 10));
      const one = await walk(target, 'dbt-artifacts', root, 1);
      expect(one.edges.map((e) => e.source).sort()).toEqual(edges.filter(([, t]) => t === root).map(([s]) => s).sort());
    });
  }
});

describe('Fivetran table_lineage and column_lineage', () => {
  it('names both ends through their table and schema metadata (DataHub\'s join keys)', async () => {
    const file = path.join(dir, 'fivetran.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE log (id text, time_stamp text, connection_id text, event text, message_data text, message_event text, sync_id text);
      CREATE TABLE source_schema_metadata (id text, name text); CREATE TABLE destination_schema_metadata (id text, name text);
      CREATE TABLE source_table_metadata (id text, connector_id text, name text, schema_id text); CREATE TABLE destination_table_metadata (id text, name text, schema_id text);
      CREATE TABLE table_lineage (source_table_id text, destination_table_id text, created_at text);
      INSERT INTO source_schema_metadata VALUES ('ss1', 'public'); INSERT INTO destination_schema_metadata VALUES ('ds1', 'pg_public');
      INSERT INTO source_table_metadata VALUES ('st1', 'c1', 'orders', 'ss1'), ('st2', 'c1', 'customers', 'ss1');
      INSERT INTO destination_table_metadata VALUES ('dt1', 'orders', 'ds1'), ('dt2', 'customers', 'ds1');
      INSERT INTO table_lineage VALUES ('st1', 'dt1', '2026-01-01 00:00:00'), ('st2', 'dt2', '2026-01-01 00:00:00');`);
    db.close();
    const { source } = await stores.openLocation(file);
    const fc = await FormatCatalog.resolve(source, () => []);
    const g = await lineageGraph(fc, { format: 'fivetran-log', node: 'pg_public.orders', direction: 'upstream', depth: 1, columns: false, asOf: null, run: null, budget: 500 }, undefined, 'UTC');
    expect(g.edges.map((e) => [e.source, e.target, e.validFromMs])).toEqual([['public.orders', 'pg_public.orders', Date.UTC(2026, 0, 1)]]);
  });
  it('joins column_lineage to its column, table and schema metadata: the column edges a hand-written join gives', async () => {
    const file = path.join(dir, 'fivetran-columns.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE log (id text, time_stamp text, connection_id text, event text, message_data text, message_event text, sync_id text);
      CREATE TABLE source_schema_metadata (id text, name text); CREATE TABLE destination_schema_metadata (id text, name text);
      CREATE TABLE source_table_metadata (id text, connector_id text, name text, schema_id text); CREATE TABLE destination_table_metadata (id text, name text, schema_id text);
      CREATE TABLE source_column_metadata (id text, table_id text, name text, type text, is_primary_key boolean);
      CREATE TABLE destination_column_metadata (id text, table_id text, name text, type text, is_primary_key boolean);
      CREATE TABLE table_lineage (source_table_id text, destination_table_id text, created_at text);
      CREATE TABLE column_lineage (source_column_id text, destination_column_id text, created_at text);
      INSERT INTO source_schema_metadata VALUES ('ss1', 'public'); INSERT INTO destination_schema_metadata VALUES ('ds1', 'pg_public');
      INSERT INTO source_table_metadata VALUES ('st1', 'c1', 'orders', 'ss1'), ('st2', 'c1', 'customers', 'ss1');
      INSERT INTO destination_table_metadata VALUES ('dt1', 'orders', 'ds1'), ('dt2', 'customers', 'ds1');
      INSERT INTO source_column_metadata VALUES ('sc1', 'st1', 'id', 'int', 1), ('sc2', 'st1', 'amount', 'numeric', 0), ('sc3', 'st2', 'id', 'int', 1), ('sc4', 'st2', 'email', 'text', 0);
      INSERT INTO destination_column_metadata VALUES ('dc1', 'dt1', 'id', 'int', 1), ('dc2', 'dt1', 'amount', 'numeric', 0), ('dc3', 'dt2', 'id', 'int', 1), ('dc4', 'dt2', 'email', 'text', 0), ('dc5', 'dt1', '_fivetran_synced', 'timestamp', 0);
      INSERT INTO table_lineage VALUES ('st1', 'dt1', '2026-01-01 00:00:00'), ('st2', 'dt2', '2026-01-01 00:00:00');
      INSERT INTO column_lineage VALUES ('sc1', 'dc1', '2026-01-01 00:00:00'), ('sc2', 'dc2', '2026-01-02 00:00:00'), ('sc3', 'dc3', '2026-01-01 00:00:00'), ('sc4', 'dc4', '2026-01-01 00:00:00'), ('sc9', 'dc5', '2026-01-01 00:00:00');`);
    const truth = db.prepare(`SELECT ss.name || '.' || st.name || '.' || sc.name AS s, ds.name || '.' || dt.name || '.' || dc.name AS t FROM column_lineage l
      JOIN source_column_metadata sc ON sc.id = l.source_column_id JOIN source_table_metadata st ON st.id = sc.table_id JOIN source_schema_metadata ss ON ss.id = st.schema_id
      JOIN destination_column_metadata dc ON dc.id = l.destination_column_id JOIN destination_table_metadata dt ON dt.id = dc.table_id JOIN destination_schema_metadata ds ON ds.id = dt.schema_id
      WHERE dt.name = 'orders' ORDER BY s`).all() as { s: string; t: string }[];
    db.close();
    expect(truth).toHaveLength(2);
    const { source } = await stores.openLocation(file);
    const fc = await FormatCatalog.resolve(source, () => []);
    const req = { format: 'fivetran-log', direction: 'upstream' as const, depth: 1, asOf: null, run: null, budget: 500 };
    const g = await lineageGraph(fc, { ...req, node: 'pg_public.orders', columns: true }, undefined, 'UTC');
    const cols = g.edges.filter((e) => e.transformation !== null);
    expect(cols.map((e) => ({ s: e.source, t: e.target })).sort((a, b) => a.s.localeCompare(b.s))).toEqual(truth);
    expect(g.edges.filter((e) => e.transformation === null).map((e) => [e.source, e.target])).toEqual([['public.orders', 'pg_public.orders']]);
    expect(g.nodes.filter((n) => n.type === 'COLUMN').map((n) => [n.id, n.table]).sort()).toEqual([
      ['pg_public.orders.amount', 'pg_public.orders'], ['pg_public.orders.id', 'pg_public.orders'], ['public.orders.amount', 'public.orders'], ['public.orders.id', 'public.orders'],
    ]);
    const column = await lineageGraph(fc, { ...req, node: 'pg_public.orders.amount', columns: true }, undefined, 'UTC');
    expect(column.edges.map((e) => [e.source, e.target, e.validFromMs])).toEqual([['public.orders.amount', 'pg_public.orders.amount', Date.UTC(2026, 0, 2)]]);
  });
});
