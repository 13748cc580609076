/**
 * `auditlens lineage` as a script uses it: the CSV of an upstream walk on a generated store checked
 * against a hand-written WITH RECURSIVE over the same table, JSON and DOT files, and every kind of
 * bad input refused with one sentence and the usual exit code (2 for the command line, 1 for the store).
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrng } from '../../../electron/demo/prng';
import type { LineageGraph } from '../../../shared/model/lineage-graph';
import { sha256, tempDir } from '../../helpers/files';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const { dir, cleanup } = tempDir('auditlens-lineage-cli-');
const store = path.join(dir, 'lineage.db');
const ROOT_NODE = 'gold.t0';

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), 'lineage', ...args], {
    encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28, env: { ...process.env, AUDITLENS_DATA_DIR: path.join(dir, 'data'), AUDITLENS_CACHE_DIR: path.join(dir, 'cache') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // 300 tables in three layers, each fed by 1-3 tables of the layer below or its own (so cycles occur), some edges retired.
  const rng = createPrng(12);
  const db = new Database(store);
  db.exec(`CREATE TABLE transformation_session (id text PRIMARY KEY, session_type text, status text, started_at text);
    CREATE TABLE lineage_edge (id integer PRIMARY KEY, source_type text, source_schema text, source_name text, source_column text, target_type text,
      target_schema text, target_name text, target_column text, relationship_type text, session_id text, created_at text, invalidated_at text);`);
  const ins = db.prepare('INSERT INTO lineage_edge (source_type, source_schema, source_name, target_type, target_schema, target_name, relationship_type, session_id, created_at, invalidated_at) VALUES (?,?,?,?,?,?,?,?,?,?)');
  const layers = ['bronze', 'silver', 'gold'];
  for (let l = 1; l < layers.length; l++) {
    for (let i = 0; i < 100; i++) {
      for (let k = rng.int(1, 3); k > 0; k--) {
        const from = rng.chance(0.15) ? l : l - 1;
        ins.run('TABLE', layers[from], `t${rng.int(0, 99)}`, 'TABLE', layers[l], `t${i}`, rng.pick(['DERIVES_FROM', 'JOINS', 'AGGREGATES']), `s${rng.int(1, 9)}`,
          '2026-01-01 00:00:00', rng.chance(0.1) ? '2026-05-01 00:00:00' : null);
      }
    }
  }
  db.close();
});
afterAll(() => cleanup());

/** The upstream edges within `depth` hops by hand: (source, target, depth of the far end). */
function truth(depth: number): string[] {
  const db = new Database(store, { readonly: true });
  try {
    const rows = db.prepare(`WITH RECURSIVE e(s, t) AS (SELECT DISTINCT source_schema || '.' || source_name, target_schema || '.' || target_name FROM lineage_edge WHERE invalidated_at IS NULL),
      up(n, h) AS (SELECT ?, 0 UNION SELECT e.s, up.h + 1 FROM up JOIN e ON e.t = up.n WHERE up.h < ?),
      nodes(n, h) AS (SELECT n, min(h) FROM up GROUP BY n)
      SELECT e.s, e.t, -max(a.h, b.h) FROM e JOIN nodes a ON a.n = e.s JOIN nodes b ON b.n = e.t`).raw().all(ROOT_NODE, depth) as [string, string, number][];
    return rows.map((r) => r.join(',')).sort();
  } finally {
    db.close();
  }
}

describe('auditlens lineage', () => {
  it('prints the upstream edges as CSV, the same as a hand-written WITH RECURSIVE', () => {
    const before = sha256(store);
    for (const depth of [1, 3, 5]) {
      const r = cli(store, '--node', ROOT_NODE, '--upstream', '--depth', String(depth), '--out', '-');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const rows = parse<Record<string, string>>(r.stdout, { columns: true });
      expect(Object.keys(rows[0] ?? {})).toEqual(['source', 'target', 'source_type', 'target_type', 'relationship', 'via', 'depth', 'recorded_by', 'valid_from', 'valid_to']);
      expect(rows.map((x) => `${x.source},${x.target},${x.depth}`).sort()).toEqual(truth(depth));
      expect(rows.every((x) => x.valid_to === '' && x.source_type === 'TABLE' && x.valid_from === '2026-01-01T00:00:00.000Z')).toBe(true);
    }
    expect(sha256(store)).toBe(before);
  });

  it('writes JSON and DOT files', () => {
    const json = path.join(dir, 'g.json');
    const r = cli(store, '--node', ROOT_NODE, '--both', '--depth', '2', '--out', json);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Wrote \d+ edges between \d+ nodes to /);
    const g = JSON.parse(fs.readFileSync(json, 'utf8')) as LineageGraph;
    expect(g.root).toBe(ROOT_NODE);
    expect(g.nodes.some((n) => n.depth > 0) || g.nodes.some((n) => n.depth < 0)).toBe(true);
    const dot = path.join(dir, 'g.dot');
    expect(cli(store, '--node', ROOT_NODE, '--upstream', '--depth', '2', '--out', dot).code).toBe(0);
    const text = fs.readFileSync(dot, 'utf8');
    expect(text).toMatch(/^digraph lineage \{/);
    expect(text.match(/ -> /g)?.length).toBe(g.edges.filter((e) => e.depth <= 0).length > 0 ? truth(2).length : 0);
  });

  it('draws the graph as SVG, one box per node', () => {
    const svg = path.join(dir, 'g.svg');
    const r = cli(store, '--node', ROOT_NODE, '--upstream', '--depth', '2', '--out', svg);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg|^<\?xml/);
    const nodes = new Set(truth(2).flatMap((line) => line.split(',').slice(0, 2)));
    for (const n of nodes) {
      expect(text).toContain(n);
    }
  });

  it('as of a time before the retirements, brings the retired edges back', () => {
    const now = parse<Record<string, string>>(cli(store, '--node', ROOT_NODE, '--upstream', '--out', '-').stdout, { columns: true });
    const then = parse<Record<string, string>>(cli(store, '--node', ROOT_NODE, '--upstream', '--as-of', '2026-03-01', '--out', '-').stdout, { columns: true });
    expect(then.some((x) => x.valid_to === '2026-05-01T00:00:00.000Z')).toBe(true);
    expect(now.some((x) => x.valid_to !== '')).toBe(false);
  });

  it('refuses bad input with one sentence each', () => {
    const cases: [string[], number, RegExp][] = [
      [['--node', 'gold.t0x', '--out', '-'], 1, /^auditlens: No node named "gold.t0x" in the lineage of .*; nearest: gold\.t0, /],
      [['--node', ROOT_NODE, '--depth', '0'], 2, /^auditlens: --depth must be a whole number from 1 to 10, or all \(not "0"\)\.$/m],
      [['--node', ROOT_NODE, '--depth', '11'], 2, /^auditlens: --depth must be a whole number from 1 to 10/],
      [['--node', ROOT_NODE, '--as-of', 'last week'], 2, /^auditlens: --as-of "last week" is not a time/],
      [['--node', ROOT_NODE, '--upstream', '--downstream'], 2, /^auditlens: Give one of --upstream, --downstream and --both\.$/m],
      [['--node', ROOT_NODE, '--out', path.join(dir, 'x.png')], 2, /^auditlens: The command line draws lineage as SVG, not PNG/],
      [['--out', '-'], 2, /^auditlens: lineage needs --node NAME/],
      [['--node', ROOT_NODE, '--format', 'dbt-audit'], 1, /^auditlens: The store has no dbt-audit audit format/],
    ];
    for (const [args, code, message] of cases) {
      const r = cli(store, ...args);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.code, args.join(' ')).toBe(code);
    }
  });
});
