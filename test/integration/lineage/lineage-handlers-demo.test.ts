/**
 * Lineage on the demo store through the app's handlers: "what are the sources for this gold view?"
 * checked against a hand-written WITH RECURSIVE over the same tables, the demo's cycle, its
 * retired edge coming back as of a time before, column edges of both kinds, and bad input.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LineageGraph, LineageNodeMatch } from '../../../shared/model/lineage-graph';
import type { DemoApi } from '../../helpers/demo-handlers';
import { openDemoApi } from '../../helpers/demo-handlers';

let api: DemoApi;
beforeAll(async () => {
  api = await openDemoApi();
}, 120_000);
afterAll(async () => api.close());

const GOLD = 'gold.soybeans_supply_demand_dashboard';
const get = (input: Record<string, unknown>): Promise<LineageGraph> => api.call<LineageGraph>('lineage.get', { storeId: api.storeId, format: 'transformation-log', ...input });

/** Upstream nodes within `depth` hops, by a WITH RECURSIVE over lineage_edge, operations and artifacts (edges not invalidated). */
function truth(node: string, depth: number): string[] {
  const db = new Database(api.demo, { readonly: true });
  try {
    return (db.prepare(`WITH RECURSIVE e(s, t) AS (
        SELECT source_schema || '.' || source_name, target_schema || '.' || target_name FROM lineage_edge WHERE invalidated_at IS NULL
        UNION SELECT CAST(j.value AS TEXT), output_table FROM transformation_operation, json_each(input_tables) AS j WHERE output_table IS NOT NULL AND j.value <> output_table
        UNION SELECT CAST(j.value AS TEXT), artifact_name FROM output_artifact, json_each(source_tables) AS j),
      up(n, h) AS (SELECT ?, 0 UNION SELECT e.s, up.h + 1 FROM up JOIN e ON e.t = up.n WHERE up.h < ?)
      SELECT DISTINCT n FROM up ORDER BY n`).pluck().all(node, depth) as string[]);
  } finally {
    db.close();
  }
}

describe('lineage on the demo store', () => {
  it('finds a gold view by part of its name', async () => {
    const found = await api.call<LineageNodeMatch[]>('lineage.search', { storeId: api.storeId, format: 'transformation-log', text: 'soybeans_supply' });
    expect(found[0]).toMatchObject({ id: GOLD, name: 'soybeans_supply_demand_dashboard', namespace: 'gold', type: 'VIEW' });
  });

  it('answers "what are the sources for this gold view?" as a WITH RECURSIVE does', async () => {
    for (const depth of [1, 2, 3]) {
      const g = await get({ node: GOLD, direction: 'upstream', depth });
      expect(g.nodes.map((n) => n.id).sort()).toEqual(truth(GOLD, depth));
      expect(g.nodes.every((n) => n.depth <= 0 && n.depth >= -depth)).toBe(true);
    }
  });

  it('ends at the demo\'s cycle and flags it', async () => {
    const g = await get({ node: 'silver.cot_positions', direction: 'upstream', depth: null });
    expect(g.edges.some((e) => e.cycle)).toBe(true);
    expect(g.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['silver.futures_settlements', 'silver.cash_basis']));
  });

  it('brings the retired weather edge back as of a time before it was invalidated', async () => {
    const db = new Database(api.demo, { readonly: true });
    const at = db.prepare("SELECT invalidated_at FROM lineage_edge WHERE source_name = 'weather_daily' AND target_name = 'soybeans_supply_demand_dashboard' AND invalidated_at IS NOT NULL").pluck().get() as string;
    db.close();
    const now = await get({ node: GOLD, direction: 'upstream' });
    expect(now.edges.some((e) => e.source === 'silver.weather_daily' && e.relationship === 'ENRICHES')).toBe(false);
    const before = new Date(Date.parse(at.replace(' ', 'T')) - 86_400_000).toISOString();
    const then = await get({ node: GOLD, direction: 'upstream', asOf: before });
    expect(then.edges.some((e) => e.source === 'silver.weather_daily' && e.relationship === 'ENRICHES')).toBe(true);
  });

  it('shows column edges of both kinds under the column toggle', async () => {
    const g = await get({ node: GOLD, direction: 'upstream', columns: true });
    const kinds = new Set(g.edges.filter((e) => e.target.startsWith(`${GOLD}.`)).map((e) => e.transformation?.type));
    expect(kinds).toEqual(new Set(['DIRECT', 'INDIRECT']));
  });

  it('exports the edges as CSV with a provenance record of the walk', async () => {
    const g = await get({ node: GOLD, direction: 'upstream', depth: 2 });
    const { jobId } = await api.call<{ jobId: string }>('export.startLineage', { storeId: api.storeId, format: 'transformation-log', node: GOLD, direction: 'upstream', depth: 2 });
    const done = await api.exported(jobId);
    expect(done).toMatchObject({ state: 'done', rows: g.edges.length });
    const lines = fs.readFileSync(done.path ?? '', 'utf8').trim().split('\n');
    expect(lines[0]).toBe('source,target,source_type,target_type,relationship,via,depth,recorded_by,valid_from,valid_to');
    expect(lines).toHaveLength(g.edges.length + 1);
    const record = JSON.parse(fs.readFileSync(`${done.path ?? ''}.json`, 'utf8')) as { view: { kind: string; lineage: { node: string; depth: number } }; rowCount: number; source: { sha256: string } };
    expect(record.view).toMatchObject({ kind: 'lineage', format: 'transformation-log', lineage: { node: GOLD, depth: 2, direction: 'upstream' } });
    expect(record.rowCount).toBe(g.edges.length);
    expect(record.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses bad input with one sentence each', async () => {
    expect(await api.refused('lineage.get', { storeId: api.storeId, format: 'transformation-log', node: 'gold.soybean_dashbord' }))
      .toMatchObject({ code: 'not-found', message: expect.stringMatching(/^No node named "gold.soybean_dashbord" in the lineage of .*; nearest: soybeans_dashboard, /) as unknown });
    expect(await api.refused('lineage.get', { storeId: api.storeId, format: 'dbt-audit', node: 'x' }))
      .toEqual({ code: 'unsupported', message: 'dbt audit log (summary + detail) records no lineage: there are no edges to draw for this format.' });
    expect((await api.refused('lineage.get', { storeId: api.storeId, format: 'transformation-log', node: GOLD, depth: 0 })).code).toBe('bad-input');
    expect((await api.refused('lineage.get', { storeId: api.storeId, format: 'transformation-log', node: GOLD, depth: 11 })).code).toBe('bad-input');
    expect((await api.refused('lineage.get', { storeId: api.storeId, format: 'transformation-log', node: GOLD, asOf: 'yesterday' })).code).toBe('bad-input');
  });
});
