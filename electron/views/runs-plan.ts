import { AuditlensError } from '../../shared/api/result';
import type { ViewQuery } from '../../shared/model/view-request';
import type { Plan, PlanCondition } from '../../shared/query/plan';
import { planFilters } from '../../shared/query/plan';
import { compileGroupMedians } from '../../shared/query/sql';
import type { Source } from '../sources/source';
import type { GroupMedian } from './median-cache';
import { MedianCache } from './median-cache';
import { runSearchCondition, searchText } from './run-search';
import { stepsSemiJoin } from './semi-join';
import type { StoreFormat } from './store-formats';
import { windowCondition } from './time-columns';
import { viewPlan } from './view-plans';

/** Most distinct run names "slower than the median" compares; beyond it the filter is refused. */
const MAX_MEDIAN_GROUPS = 5_000;

/**
 * The runs plan with its cross-view filters: "any step failed" is a semi-join into the steps
 * relation on the run key (EXISTS or IN, see stepsSemiJoin); the search keeps runs whose
 * message or any step's message contains the text; the time window keeps runs that overlap it; "slower than its name's
 * median" first asks the engine for each name's median under the other filters (once a minute
 * per filter set, through `medians`), then compares against those numbers.
 */
export async function runsPlan(source: Source, f: StoreFormat, query: ViewQuery, medians: MedianCache = new MedianCache()): Promise<Plan> {
  const conditions: PlanCondition[] = [];
  if (query.anyStepFailed) {
    if (!f.steps) {
      throw new AuditlensError('unsupported', `The ${f.model.formatId} format has no steps, so "any step failed" cannot apply.`);
    }
    const steps = f.steps;
    conditions.push({
      kind: 'exists',
      relation: steps.relation,
      pairs: f.runs.keyColumns.map((outer, i) => ({ outer, inner: steps.keyColumns[i] ?? outer })),
      filters: planFilters(steps.table.columns, [{ column: 'status', op: 'eq', value: 'failed' }], 'steps'),
      semiJoin: stepsSemiJoin(await source.catalog(), f.model),
    });
  }
  const search = searchText(query.search);
  if (search !== '') {
    // Always IN: a search word is mostly rare, so a page reads most runs anyway, and one pass over
    // the steps (0.70 s at 120k runs / 1.2M steps, indexed) beats a probe per run (1.58 s).
    conditions.push(runSearchCondition(f, search, 'in'));
  }
  if (query.window) {
    conditions.push(windowCondition(f, query.window));
  }
  const plan: Plan = { ...viewPlan(f.runs, query), conditions };
  if (!query.slowerThanMedian) {
    return plan;
  }
  const key = JSON.stringify([f.key, query.filters, query.anyStepFailed === true, query.window ?? null, search]);
  const thresholds = await medians.get(key, () => groupMedians(source, plan));
  return { ...plan, conditions: [...conditions, { kind: 'aboveByGroup', column: 'duration_s', groupColumn: 'run_name', thresholds }] };
}

async function groupMedians(source: Source, plan: Plan): Promise<readonly GroupMedian[]> {
  const rows = await source.rows(compileGroupMedians(plan, 'duration_s', 'run_name', source.dialect, MAX_MEDIAN_GROUPS), MAX_MEDIAN_GROUPS + 1);
  if (rows.length > MAX_MEDIAN_GROUPS) {
    throw new AuditlensError('unsupported', `"Slower than median" compares within each run name, and this view has more than ${MAX_MEDIAN_GROUPS.toLocaleString('en-US')} names; filter by name first.`);
  }
  return rows.flatMap((r) => {
    const group = r[0] ?? null;
    const median = r[1];
    return typeof median === 'number' && (group === null || typeof group === 'string' || typeof group === 'number') ? [{ group, value: median }] : [];
  });
}
