/**
 * Marks on a run's waterfall beyond its bars: each step's usual duration (the p90 of its name over
 * the last runs of the same name, computed in the engine) and what each step waited for (the
 * format's lineage edges between the nodes its steps produce).
 */
import type { StepItems } from '../../shared/query/step-intervals-sql';
import { compileStepP90 } from '../../shared/query/step-intervals-sql';
import { compileEdgesInto } from '../../shared/query/step-edges-sql';
import { compileRunBars } from '../../shared/query/timeline-sql';
import type { TimelineBar } from '../../shared/model/timeline';
import type { CellValue } from '../../shared/model/values';
import { cellToText } from '../../shared/model/values';
import type { ColumnFilter } from '../../shared/model/view-request';
import { STEP_BUDGET, USUAL_MIN_SAMPLES, USUAL_RUNS } from '../../shared/timeline/budget';
import type { Source } from '../sources/source';
import { runsPlan } from './runs-plan';
import type { StoreFormat } from './store-formats';
import { runBarShape } from './timeline-bars';
import { bindable, msOf, runItems } from './timeline-plan';
import { stepsPlan } from './view-plans';

/** Most lineage edges read to find a run's step dependencies. */
const MAX_EDGES = 50_000;
/** Most node names asked for in one query. */
const NAMES_CHUNK = 500;

/**
 * Each step name's p90 duration over the last USUAL_RUNS runs with the run's name that started
 * before it; names with fewer than USUAL_MIN_SAMPLES earlier durations are left out.
 */
export async function usualDurations(source: Source, f: StoreFormat, run: TimelineBar, si: StepItems, zone: string, signal?: AbortSignal): Promise<Map<string, number>> {
  const steps = f.steps;
  if (!steps || run.name === null) {
    return new Map();
  }
  const items = runItems(f, 'run_id', zone);
  const plan = await runsPlan(source, f, { filters: [{ column: 'run_name', op: 'eq', value: run.name }], sort: [] });
  const shape = runBarShape(f);
  const before = { fromMs: -8_640_000_000_000_000, toMs: run.startMs };
  const rows = await source.rows(compileRunBars(plan, items, { window: before, timedOnly: true, order: 'latest' }, shape.extra, source.dialect, USUAL_RUNS), USUAL_RUNS, signal);
  const runs = rows.map((r) => shape.decode(r).bar).filter((b) => b.id !== run.id);
  if (runs.length === 0) {
    return new Map();
  }
  const keyValues = runs.map((r) => r.runKey.map(bindable));
  if (keyValues.some((k) => k.some((v) => v === undefined || v === null))) {
    return new Map();
  }
  const filters: ColumnFilter[] = steps.keyColumns.map((column, i) => ({ column, op: 'in', values: [...new Set(keyValues.map((k) => k[i] as string | number))] }));
  const stepPlan = stepsPlan(f, { filters, sort: [] }, null);
  const sql = compileStepP90(stepPlan, si, {
    kind: 'many', keyColumns: steps.keyColumns, runs: runs.map((r, i) => ({ key: keyValues[i] ?? [], endMs: r.endMs })),
  }, source.dialect, USUAL_MIN_SAMPLES, STEP_BUDGET);
  const out = new Map<string, number>();
  for (const r of await source.rows(sql, STEP_BUDGET, signal)) {
    const ms = msOf(r[1]);
    if (r[0] !== null && r[0] !== undefined && ms !== null) {
      out.set(cellToText(r[0]), ms);
    }
  }
  return out;
}

/** The names a node may be stored under on an edge: as written, and without a leading namespace (`gold.x` → `x`). */
function namesOf(node: string): string[] {
  const dot = node.indexOf('.');
  return dot > 0 && dot < node.length - 1 ? [node, node.slice(dot + 1)] : [node];
}

/**
 * What each step waited for: step B depends on step A when the format's lineage has an edge from
 * the node A produces to the node B produces (A earlier in the run). Null when the format records
 * no such nodes or edges.
 */
export async function stepDependencies(source: Source, f: StoreFormat, nodes: ReadonlyMap<string, CellValue>, signal?: AbortSignal): Promise<Map<string, string[]> | null> {
  const lineage = f.model.lineage[0];
  if (!lineage || nodes.size === 0) {
    return null;
  }
  const byNode = new Map<string, string[]>();
  for (const [id, node] of nodes) {
    const text = node === null ? '' : cellToText(node);
    if (text !== '') {
      byNode.set(text, [...(byNode.get(text) ?? []), id]);
    }
  }
  const names = [...new Set([...byNode.keys()].flatMap(namesOf))];
  const deps = new Map<string, Set<string>>();
  for (let i = 0; i < names.length; i += NAMES_CHUNK) {
    const sql = compileEdgesInto(lineage, names.slice(i, i + NAMES_CHUNK), source.dialect, MAX_EDGES);
    for (const [sn, sv, tn, tv] of await source.rows(sql, MAX_EDGES, signal)) {
      const node = (ns: CellValue | undefined, name: CellValue | undefined): string[] => {
        const n = cellToText(name ?? null);
        const qualified = ns === null || ns === undefined ? null : `${cellToText(ns)}.${n}`;
        return [...(byNode.get(n) ?? []), ...(qualified ? (byNode.get(qualified) ?? []) : [])];
      };
      for (const target of node(tn, tv)) {
        for (const from of node(sn, sv)) {
          if (from !== target) {
            deps.set(target, (deps.get(target) ?? new Set()).add(from));
          }
        }
      }
    }
  }
  return deps.size === 0 ? null : new Map([...deps].map(([k, v]) => [k, [...v]]));
}
