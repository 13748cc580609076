/**
 * Lineage walk benchmark (issue 12 item 18, first figure): a generated transformation-logging
 * store of 10,000 datasets in ten layers, ~20,000 table edges (each dataset fed by two of the layer
 * below, a few by one more anywhere below) and ~10,000 column edges, some retired; a depth-5
 * upstream walk from datasets of the top layer through the engine (`lineage.get`'s code), against
 * the same hand-written WITH RECURSIVE (the walk, then the edges among the nodes it reached) in the
 * sqlite3 CLI and in psql, in one run. Target: ≤ 1.5x each. Creates its own database and drops it.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createPrng } from '../../electron/demo/prng';
import { StoreManager } from '../../electron/sources/store-manager';
import { FormatCatalog } from '../../electron/views/format-catalog';
import { lineageGraph } from '../../electron/views/lineage-query';
import { spawnNodeWorker } from '../../electron/workers/worker-process';

const ROOT = process.cwd();
const LAYERS = 10;
const WIDTH = 1_000;
const REPEAT = 5;
const DEPTH = 5;
const ROOTS = ['l9.t17', 'l9.t512', 'l9.t903'];
const file = path.join(ROOT, '.bench', 'lineage-10k.db');
const pgDb = `al_lineage_bench_${process.pid}`;

type Edge = [string, string, string, string | null, string, string, string, string | null, string, string, string, string | null];

function edges(): Edge[] {
  const rng = createPrng(7);
  const out: Edge[] = [];
  const created = '2026-01-01 00:00:00+00:00';
  for (let l = 1; l < LAYERS; l++) {
    for (let i = 0; i < WIDTH; i++) {
      const parents = new Set([rng.int(0, WIDTH - 1), rng.int(0, WIDTH - 1)]);
      for (const p of parents) {
        const retired = rng.chance(0.03) ? '2026-06-01 00:00:00+00:00' : null;
        out.push(['TABLE', `l${l - 1}`, `t${p}`, null, 'TABLE', `l${l}`, `t${i}`, null, rng.pick(['DERIVES_FROM', 'JOINS', 'AGGREGATES']), `s${rng.int(1, 500)}`, created, retired]);
        if (rng.chance(0.5)) {
          out.push(['COLUMN', `l${l - 1}`, `t${p}`, 'c1', 'COLUMN', `l${l}`, `t${i}`, 'c1', 'COPIES', `s${rng.int(1, 500)}`, created, null]);
          out.push(['COLUMN', `l${l - 1}`, `t${p}`, 'c2', 'COLUMN', `l${l}`, `t${i}`, 'c1', 'FILTERS', `s${rng.int(1, 500)}`, created, null]);
        }
      }
      if (rng.chance(0.2)) {
        out.push(['TABLE', `l${rng.int(0, l - 1)}`, `t${rng.int(0, WIDTH - 1)}`, null, 'TABLE', `l${l}`, `t${i}`, null, 'ENRICHES', `s${rng.int(1, 500)}`, created, null]);
      }
    }
  }
  return out;
}

const DDL = (schema: string, ts: string, id: string) => `CREATE TABLE ${schema}transformation_session (id text PRIMARY KEY, session_type text, status text, started_at ${ts});
  CREATE TABLE ${schema}lineage_edge (id ${id}, source_type text, source_schema text, source_name text, source_column text, target_type text,
    target_schema text, target_name text, target_column text, relationship_type text, session_id text, created_at ${ts}, invalidated_at ${ts});
  CREATE INDEX lineage_edge_source ON ${schema}lineage_edge (source_schema, source_name);
  CREATE INDEX lineage_edge_target ON ${schema}lineage_edge (target_schema, target_name);`;

/** The hand-written walk: upstream ids to a depth over current table-level edges, then the edges among them. */
const anchor = (node: string, cat: (a: string, b: string) => string): string => `WITH RECURSIVE e(s, t) AS (
  SELECT DISTINCT ${cat('source_schema', 'source_name')}, ${cat('target_schema', 'target_name')} FROM lineage_edge WHERE invalidated_at IS NULL),
up(n, h) AS (SELECT '${node}', 0 UNION SELECT e.s, up.h + 1 FROM up JOIN e ON e.t = up.n WHERE up.h < ${DEPTH}),
nodes(n, h) AS (SELECT n, min(h) FROM up GROUP BY n)
SELECT e.s, e.t FROM e WHERE e.s IN (SELECT n FROM nodes) AND e.t IN (SELECT n FROM nodes);`;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function timed(run: () => string): { ms: number; rows: number } {
  const t0 = performance.now();
  const out = run();
  return { ms: performance.now() - t0, rows: out.trim() === '' ? 0 : out.trim().split('\n').length };
}

async function main(): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const all = edges();
  if (!fs.existsSync(file)) {
    const db = new Database(`${file}.tmp`);
    db.exec(DDL('', 'text', 'integer PRIMARY KEY'));
    const ins = db.prepare('INSERT INTO lineage_edge (source_type, source_schema, source_name, source_column, target_type, target_schema, target_name, target_column, relationship_type, session_id, created_at, invalidated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
    db.transaction(() => all.forEach((e) => ins.run(...e)))();
    db.close();
    fs.renameSync(`${file}.tmp`, file);
  }
  const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb}`);
  await admin.query(`CREATE DATABASE ${pgDb}`);
  const stores = new StoreManager({ spawn: spawnNodeWorker, workerScript: path.join(ROOT, 'dist/electron/sqlite-worker.js') });
  try {
    const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: pgDb });
    await c.connect();
    await c.query(`CREATE SCHEMA audit; ${DDL('audit.', 'timestamptz', 'bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY')}`);
    for (let i = 0; i < all.length; i += 1_000) {
      const chunk = all.slice(i, i + 1_000);
      await c.query(`INSERT INTO audit.lineage_edge (source_type, source_schema, source_name, source_column, target_type, target_schema, target_name, target_column, relationship_type, session_id, created_at, invalidated_at) VALUES ${chunk.map((_, r) => `(${Array.from({ length: 12 }, (_x, k) => `$${r * 12 + k + 1}`).join(',')})`).join(',')}`, chunk.flat());
    }
    await c.query('ANALYZE');
    await c.end();
    const url = `postgres://postgres@127.0.0.1:5432/${pgDb}`;
    const tableEdges = all.filter((e) => e[3] === null).length;
    process.stdout.write(`\n### Lineage walk, ${(LAYERS * WIDTH).toLocaleString('en-US')} datasets, ${tableEdges.toLocaleString('en-US')} table edges + ${(all.length - tableEdges).toLocaleString('en-US')} column edges, depth-${DEPTH} upstream (median of ${REPEAT} x ${ROOTS.length} roots)\n\n`);
    process.stdout.write('| engine | ours (ms) | hand-written WITH RECURSIVE | anchor (ms) | ours / anchor | nodes, edges |\n|---|---:|---|---:|---:|---|\n');
    for (const [name, location, run, cat] of [
      ['SQLite', file, (sql: string) => execFileSync('sqlite3', ['-readonly', file, sql], { encoding: 'utf8' }), (a: string, b: string) => `${a} || '.' || ${b}`],
      ['Postgres', url, (sql: string) => execFileSync('psql', ['-X', '-q', '-A', '-t', '-h', '127.0.0.1', '-U', 'postgres', '-d', pgDb, '-c', sql.replace(/FROM lineage_edge/g, 'FROM audit.lineage_edge')], { encoding: 'utf8' }), (a: string, b: string) => `${a} || '.' || ${b}`],
    ] as const) {
      const { source } = await stores.openLocation(location);
      const fc = await FormatCatalog.resolve(source, () => []);
      const walk = (node: string) => lineageGraph(fc, { format: 'transformation-log', node, direction: 'upstream', depth: DEPTH, columns: false, asOf: null, run: null, budget: 50_000 });
      const ours: number[] = [];
      const theirs: number[] = [];
      let shape = '';
      for (const node of ROOTS) {
        const g = await walk(node);
        const a = timed(() => run(anchor(node, cat)));
        if (a.rows !== g.edges.length) {
          throw new Error(`${name}: the anchor found ${a.rows} edges from ${node}, the engine ${g.edges.length}.`);
        }
        shape = `${g.nodes.length} nodes, ${g.edges.length} edges`;
        for (let i = 0; i < REPEAT; i++) {
          const t0 = performance.now();
          await walk(node);
          ours.push(performance.now() - t0);
          theirs.push(timed(() => run(anchor(node, cat))).ms);
        }
      }
      process.stdout.write(`| ${name} | ${median(ours).toFixed(0)} | ${name === 'SQLite' ? 'sqlite3 CLI' : 'psql'}: walk, then edges among the nodes | ${median(theirs).toFixed(0)} | ${(median(ours) / median(theirs)).toFixed(2)} | ${shape} (last root) |\n`);
    }
  } catch (e) {
    process.stderr.write(`lineage bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  } finally {
    await stores.closeAll();
    await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`lineage bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
