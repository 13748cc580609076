/**
 * The lineage walk on real SQLite and real Postgres, over the same transformation-logging tables:
 * depth, cycles, as-of, the run filter, the node budget and its "N more" counts, operations' input
 * tables (a JSON array in SQLite, a native text[] in Postgres), and the same graph from both engines.
 */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { FormatCatalog } from '../../../electron/views/format-catalog';
import type { LineageInput } from '../../../electron/views/lineage-query';
import { lineageGraph, lineageSearch } from '../../../electron/views/lineage-query';
import type { LineageGraph } from '../../../shared/model/lineage-graph';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir('auditlens-lineage-walk-');
const stores = new StoreManager(sqliteDeps, {}, path.join(dir, 'cache'));
const pgDb = `al_lineage_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const NOW = Date.parse('2026-09-01T00:00:00Z');

type E = [string, string, string, string | null, string, string, string, string | null, string, string | null, string, string | null];
const t = (schema: string, name: string): [string, string, string, null] => ['TABLE', schema, name, null];
const c = (schema: string, name: string, column: string): [string, string, string, string] => ['COLUMN', schema, name, column];
const JAN = '2026-01-01 00:00:00+00:00';
/** (source end, target end, relationship, session, created_at, invalidated_at). */
const EDGES: E[] = [
  [...t('bronze', 'a'), ...t('silver', 'b'), 'DERIVES_FROM', 's1', JAN, null],
  [...t('silver', 'b'), ...t('gold', 'c'), 'AGGREGATES', 's1', JAN, null],
  [...t('bronze', 'e'), ...t('gold', 'c'), 'JOINS', 's2', JAN, '2026-06-01 00:00:00+00:00'],
  [...t('gold', 'c'), ...t('gold', 'f'), 'DERIVES_FROM', 's2', JAN, null],
  [...t('silver', 'x'), ...t('silver', 'y'), 'JOINS', 's2', JAN, null],
  [...t('silver', 'y'), ...t('silver', 'z'), 'JOINS', 's2', JAN, null],
  [...t('silver', 'z'), ...t('silver', 'x'), 'JOINS', 's2', JAN, null],
  [...t('silver', 'z'), ...t('silver', 'b'), 'ENRICHES', 's2', JAN, null],
  [...c('silver', 'b', 'v'), ...c('gold', 'c', 'v'), 'COPIES', 's1', JAN, null],
  [...c('silver', 'b', 'k'), ...c('gold', 'c', 'v'), 'FILTERS', 's1', JAN, null],
  ...Array.from({ length: 12 }, (_, i): E => [...t('bronze', `w${String(i + 1).padStart(2, '0')}`), ...t('bronze', 'a'), 'COPIES', 's3', JAN, null]),
];

const DDL = (array: string, ts: string, schema: string) => `
  CREATE TABLE ${schema}transformation_session (id text PRIMARY KEY, session_type text, status text, started_at ${ts});
  CREATE TABLE ${schema}transformation_operation (id integer PRIMARY KEY, session_id text, operation_order integer, operation_type text,
    input_tables ${array}, output_table text, transformation_logic text, created_at ${ts});
  CREATE TABLE ${schema}lineage_edge (id integer PRIMARY KEY, source_type text, source_schema text, source_name text, source_column text,
    target_type text, target_schema text, target_name text, target_column text, relationship_type text, session_id text,
    transformation_description text, is_current boolean, created_at ${ts}, invalidated_at ${ts});`;

let sqlite: Source;
let postgres: Source;

beforeAll(async () => {
  const file = path.join(dir, 'lineage.db');
  const db = new Database(file);
  db.exec(DDL('text', 'text', ''));
  const ins = db.prepare('INSERT INTO lineage_edge (source_type, source_schema, source_name, source_column, target_type, target_schema, target_name, target_column, relationship_type, session_id, created_at, invalidated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
  EDGES.forEach((e) => ins.run(...e));
  db.prepare("INSERT INTO transformation_session VALUES ('s3', 'BRONZE_TO_SILVER', 'COMPLETED', ?)").run(JAN);
  db.prepare("INSERT INTO transformation_operation VALUES (1, 's3', 1, 'JOIN', ?, 'silver.b', 'join g into b', '2026-02-01 00:00:00+00:00')").run(JSON.stringify(['bronze.g', 'bronze.a', 'silver.b']));
  db.close();
  sqlite = (await stores.openLocation(file)).source;

  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgDb}`);
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: pgDb });
  await client.connect();
  await client.query(`CREATE SCHEMA audit; ${DDL('text[]', 'timestamptz', 'audit.')}`);
  let id = 1;
  for (const e of EDGES) {
    await client.query('INSERT INTO audit.lineage_edge (id, source_type, source_schema, source_name, source_column, target_type, target_schema, target_name, target_column, relationship_type, session_id, created_at, invalidated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)', [id++, ...e]);
  }
  await client.query("INSERT INTO audit.transformation_session VALUES ('s3', 'BRONZE_TO_SILVER', 'COMPLETED', $1)", [JAN]);
  await client.query("INSERT INTO audit.transformation_operation VALUES (1, 's3', 1, 'JOIN', ARRAY['bronze.g', 'bronze.a', 'silver.b'], 'silver.b', 'join g into b', '2026-02-01 00:00:00+00:00')");
  await client.end();
  postgres = (await stores.openLocation(`postgres://postgres@127.0.0.1:5432/${pgDb}`)).source;
});

afterAll(async () => {
  await stores.closeAll();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

const ask = async (source: Source, req: Partial<LineageInput> & { node: string }): Promise<LineageGraph> => {
  const fc = await FormatCatalog.resolve(source, () => []);
  return lineageGraph(fc, { format: 'transformation-log', direction: 'upstream', depth: 1, columns: false, asOf: null, run: null, budget: 500, ...req }, undefined, 'UTC', NOW);
};
const depths = (g: LineageGraph): Record<string, number> => Object.fromEntries(g.nodes.map((n) => [n.id, n.depth]));

describe.each([['SQLite', () => sqlite], ['Postgres', () => postgres]])('the lineage walk on %s', (_name, source) => {
  it('walks upstream to a depth, with operations\' input tables, without invalidated edges', async () => {
    const g = await ask(source(), { node: 'gold.c', depth: 2 });
    expect(depths(g)).toEqual({ 'gold.c': 0, 'silver.b': -1, 'bronze.a': -2, 'bronze.g': -2, 'silver.z': -2 });
    expect(g.edges.map((e) => `${e.source}>${e.target}:${e.via ?? e.relationship ?? ''}`).sort()).toEqual(
      ['bronze.a>silver.b:JOIN', 'bronze.g>silver.b:JOIN', 'silver.b>gold.c:AGGREGATES', 'silver.z>silver.b:ENRICHES']);
    // lineage_edge's record (session s1) and operation 1's (session s3) are one merged edge that names both runs.
    expect(g.edges.find((e) => e.source === 'bronze.a')).toMatchObject({ relationship: 'DERIVES_FROM', recordedBy: 's1, s3', via: 'JOIN', validFromMs: Date.parse('2026-01-01T00:00:00Z') });
    const z = g.nodes.find((n) => n.id === 'silver.z');
    expect(z?.more).toEqual({ upstream: 1, downstream: 1 });
    expect(g.nodes.find((n) => n.id === 'bronze.a')?.more.upstream).toBe(12);
    expect(g.nodes.find((n) => n.id === 'gold.c')?.more.downstream).toBe(1);
    expect(g.truncated).toBe(false);
  });

  it('ends a walk through a cycle and flags the edge that closes it', async () => {
    const g = await ask(source(), { node: 'silver.b', depth: null });
    expect(depths(g)['silver.x']).toBe(-3);
    expect(g.edges.filter((e) => e.cycle).map((e) => `${e.source}>${e.target}`)).toEqual(['silver.z>silver.x']);
    const down = await ask(source(), { node: 'silver.x', direction: 'downstream', depth: 10 });
    expect(depths(down)).toMatchObject({ 'silver.x': 0, 'silver.y': 1, 'silver.z': 2, 'silver.b': 3, 'gold.c': 4, 'gold.f': 5 });
    expect(down.edges.filter((e) => e.cycle).map((e) => `${e.source}>${e.target}`)).toEqual(['silver.z>silver.x']);
  });

  it('brings an invalidated edge back as of a time before its invalidation, and hides later edges', async () => {
    const before = await ask(source(), { node: 'gold.c', asOf: '2026-03-01T00:00:00Z' });
    expect(Object.keys(depths(before)).sort()).toEqual(['bronze.e', 'gold.c', 'silver.b']);
    const atStart = await ask(source(), { node: 'silver.b', asOf: '2026-01-15T00:00:00Z' });
    expect(Object.keys(depths(atStart))).not.toContain('bronze.g');
    const later = await ask(source(), { node: 'gold.c', asOf: '2026-07-01T00:00:00Z' });
    expect(Object.keys(depths(later))).not.toContain('bronze.e');
  });

  it('keeps only the edges one session recorded', async () => {
    const g = await ask(source(), { node: 'gold.c', depth: null, run: 's1' });
    expect(depths(g)).toEqual({ 'gold.c': 0, 'silver.b': -1, 'bronze.a': -2 });
    expect(new Set(g.edges.map((e) => e.recordedBy))).toEqual(new Set(['s1']));
  });

  it('stops at the node budget, nearest first, and counts what it left out', async () => {
    const g = await ask(source(), { node: 'gold.c', depth: null, budget: 10 });
    expect(g.truncated).toBe(true);
    expect(Object.keys(depths(g)).sort()).toEqual(['bronze.a', 'bronze.g', 'bronze.w01', 'bronze.w02', 'bronze.w03', 'bronze.w04', 'bronze.w05', 'gold.c', 'silver.b', 'silver.z']);
    expect(g.nodes.find((n) => n.id === 'bronze.a')?.more.upstream).toBe(7);
  });

  it('walks both ways, and column edges by kind under the column toggle', async () => {
    const both = await ask(source(), { node: 'silver.b', direction: 'both' });
    expect(depths(both)).toEqual({ 'silver.b': 0, 'bronze.a': -1, 'bronze.g': -1, 'silver.z': -1, 'gold.c': 1 });
    const cols = await ask(source(), { node: 'gold.c', columns: true });
    const colEdges = cols.edges.filter((e) => e.target === 'gold.c.v').map((e) => `${e.source}:${e.transformation?.type ?? ''}/${e.transformation?.subtype ?? ''}`).sort();
    expect(colEdges).toEqual(['silver.b.k:INDIRECT/FILTER', 'silver.b.v:DIRECT/IDENTITY']);
    expect(cols.nodes.find((n) => n.id === 'silver.b.k')).toMatchObject({ table: 'silver.b', type: 'COLUMN', depth: -1 });
    const one = await ask(source(), { node: 'gold.c.v', columns: true });
    expect(Object.keys(depths(one)).sort()).toEqual(['gold.c.v', 'silver.b.k', 'silver.b.v']);
  });

  it('finds nodes by part of their name, and names the nearest when one does not exist', async () => {
    const fc = await FormatCatalog.resolve(source(), () => []);
    const found = await lineageSearch(fc, { format: 'transformation-log', text: 'SILVER.', columns: false, limit: 3 });
    expect(found.map((f) => f.id)).toEqual(['silver.b', 'silver.z', 'silver.x']);
    await expect(ask(source(), { node: 'gold.cc' })).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('nearest: gold.c') as unknown });
  });
});

describe('both engines', () => {
  it('draw the same graph', async () => {
    for (const req of [{ node: 'gold.c', depth: null }, { node: 'silver.b', direction: 'both' as const, depth: 3, columns: true }]) {
      expect(await ask(postgres, req)).toEqual(await ask(sqlite, req));
    }
  });
});
