/**
 * Plans of the runs and steps views: a view request turned into a plan over the format's derived
 * relations. Pure: the async parts (medians for "slower than median") live in runs-plan.ts.
 */
import { AuditlensError } from '../../shared/api/result';
import type { CellValue } from '../../shared/model/values';
import type { ColumnFilter, ViewQuery } from '../../shared/model/view-request';
import type { Plan } from '../../shared/query/plan';
import { compilePlan, planFilters } from '../../shared/query/plan';
import type { AuditView } from '../../shared/query/runs-view';
import { STEP_RUN_COLUMNS, stepsWithRunView } from '../../shared/query/runs-view';
import type { StoreFormat } from './store-formats';
import { windowCondition } from './time-columns';

/** A plan over a runs or steps view; the view's default order applies when the user sorted nothing. */
export function viewPlan(view: AuditView, query: Pick<ViewQuery, 'columns' | 'filters' | 'sort'>, extra: readonly ColumnFilter[] = []): Plan {
  // Without a column list, every column a user can name: not the helpers of the default order.
  const hidden = new Set(view.hidden ?? []);
  const shown = query.columns && query.columns.length > 0 ? query.columns : hidden.size > 0 ? view.table.columns.map((c) => c.name).filter((n) => !hidden.has(n)) : undefined;
  return compilePlan(
    view.table,
    {
      table: { schema: view.table.schema, name: view.table.name },
      ...(shown ? { columns: [...shown] } : {}),
      filters: [...query.filters, ...extra],
      sort: query.sort.length > 0 ? [...query.sort] : [...view.defaultSort],
    },
    view.relation,
    view.instants,
  );
}

/** Filters that select the steps of one run: its key values on the steps' run-key columns. */
export function runKeyFilters(view: AuditView, runKey: readonly CellValue[]): ColumnFilter[] {
  if (runKey.length !== view.keyColumns.length) {
    throw new AuditlensError('bad-input', `A run of this format is identified by ${view.keyColumns.length} values, not ${runKey.length}.`);
  }
  return view.keyColumns.map((column, i) => {
    const v = runKey[i] ?? null;
    const value = v !== null && typeof v === 'object' ? (v.t === 'int' || v.t === 'truncated' ? v.v : null) : typeof v === 'boolean' ? Number(v) : v;
    return value === null ? { column, op: 'empty' as const } : { column, op: 'eq' as const, value };
  });
}

/** The steps view of a format, or a typed error for formats without steps. */
export function stepsOf(f: StoreFormat): AuditView {
  if (!f.steps) {
    throw new AuditlensError('unsupported', `The ${f.model.formatId} format has no steps.`);
  }
  return f.steps;
}

/** The steps plan: one run's steps, or the steps of every run matching `runFilters`. */
export function stepsPlan(f: StoreFormat, query: ViewQuery, runKey: readonly CellValue[] | null): Plan {
  return stepsPlanOver(f, stepsOf(f), query, runKey);
}

/**
 * The plan of a steps export: the same steps as `stepsPlan`, each with its run's columns in front
 * (STEP_RUN_COLUMNS, then the columns asked for, in their order), grouped by run when there are
 * many. Filters and sort still name step columns; the grid keeps `stepsPlan`.
 */
export function stepsExportPlan(f: StoreFormat, query: ViewQuery, runKey: readonly CellValue[] | null): Plan {
  const joined = stepsWithRunView(stepsOf(f), f.runs);
  // The steps of many runs come run by run, each in the format's step order, not interleaved.
  const view = runKey ? joined : { ...joined, defaultSort: [...joined.keyColumns.map((column) => ({ column, desc: false })), ...joined.defaultSort] };
  const asked = query.columns && query.columns.length > 0 ? query.columns : null;
  const columns = asked ? [...STEP_RUN_COLUMNS, ...asked.filter((c) => !STEP_RUN_COLUMNS.includes(c))] : undefined;
  return stepsPlanOver(f, view, { ...query, ...(columns ? { columns } : {}) }, runKey);
}

/** Run filters and the time window select runs: an EXISTS into the runs relation on the run key. */
function stepsPlanOver(f: StoreFormat, steps: AuditView, query: ViewQuery, runKey: readonly CellValue[] | null): Plan {
  const plan = viewPlan(steps, query, runKey ? runKeyFilters(steps, runKey) : []);
  const runFilters = query.runFilters ?? [];
  if (runFilters.length === 0 && !query.window) {
    return plan;
  }
  return {
    ...plan,
    conditions: [{
      kind: 'exists',
      relation: f.runs.relation,
      pairs: steps.keyColumns.map((outer, i) => ({ outer, inner: f.runs.keyColumns[i] ?? outer })),
      filters: planFilters(f.runs.table.columns, runFilters, 'runs', f.runs.instants),
      ...(query.window ? { overlaps: [windowCondition(f, query.window)] } : {}),
    }],
  };
}
