import type { FormatSummary, PageResult, RunComparison, RunFacets } from '../../shared/api/contract';
import type { AuditModel, StatusClass } from '../../shared/model/audit-model';
import type { Catalog } from '../../shared/model/catalog';
import { modelFromMapping } from '../../shared/model/mapping';
import type { StepPoint } from '../../shared/model/compare-runs';
import { compareSteps } from '../../shared/model/compare-runs';
import { parseTimestamp } from '../../shared/model/timestamps';
import { cellToText } from '../../shared/model/values';
import type { Handlers } from '../../shared/api/dispatch';
import { AuditlensError } from '../../shared/api/result';
import type { CellValue } from '../../shared/model/values';
import type { ColumnFilter, ViewQuery } from '../../shared/model/view-request';
import type { Plan, PlanCondition } from '../../shared/query/plan';
import { compilePlan, planFilters } from '../../shared/query/plan';
import { compileGroupMedians } from '../../shared/query/sql';
import type { AuditView } from '../../shared/query/runs-view';
import { STEP_RUN_COLUMNS, stepsWithRunView } from '../../shared/query/runs-view';
import type { StoreFormat } from '../profiles/store-formats';
import { indexAdvice } from '../profiles/index-advice';
import { findFormat, storeFormats } from '../profiles/store-formats';
import type { Source } from '../sources/source';
import type { Services } from './services';

type RunsHandlers = Pick<Handlers, 'formats.list' | 'runs.page' | 'runs.count' | 'runs.facets' | 'runs.steps' | 'runs.compare'>;

/** A plan over a runs or steps view; the view's default order applies when the user sorted nothing. */
export function viewPlan(view: AuditView, query: ViewQuery, extra: readonly ColumnFilter[] = []): Plan {
  return compilePlan(
    view.table,
    {
      table: { schema: view.table.schema, name: view.table.name },
      ...(query.columns ? { columns: [...query.columns] } : {}),
      filters: [...query.filters, ...extra],
      sort: query.sort.length > 0 ? [...query.sort] : [...view.defaultSort],
    },
    view.relation,
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

/** The user's mappings for this store's schema that still fit its catalog, as audit models. */
export function mappedModels(services: Pick<Services, 'mappings'>, catalog: Catalog): AuditModel[] {
  return services.mappings.list(catalog).flatMap((m) => {
    try {
      return [modelFromMapping(m, catalog)];
    } catch {
      return [];
    }
  });
}

/** Most distinct run names "slower than the median" compares; beyond it the filter is refused. */
const MAX_MEDIAN_GROUPS = 5_000;

/**
 * The runs plan with its cross-view filters: "any step failed" is an EXISTS into the steps
 * relation on the run key; "slower than its name's median" first asks the engine for each name's
 * median under the other filters, then compares against those numbers.
 */
export async function runsPlan(source: Source, f: StoreFormat, query: ViewQuery): Promise<Plan> {
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
    });
  }
  const plan: Plan = { ...viewPlan(f.runs, query), conditions };
  if (!query.slowerThanMedian) {
    return plan;
  }
  const rows = await source.rows(compileGroupMedians(plan, 'duration_s', 'run_name', source.dialect, MAX_MEDIAN_GROUPS), MAX_MEDIAN_GROUPS + 1);
  if (rows.length > MAX_MEDIAN_GROUPS) {
    throw new AuditlensError('unsupported', `"Slower than median" compares within each run name, and this view has more than ${MAX_MEDIAN_GROUPS.toLocaleString('en-US')} names; filter by name first.`);
  }
  const thresholds = rows.flatMap((r) => {
    const group = r[0] ?? null;
    const median = r[1];
    return typeof median === 'number' && (group === null || typeof group === 'string' || typeof group === 'number') ? [{ group, value: median }] : [];
  });
  return { ...plan, conditions: [...conditions, { kind: 'aboveByGroup', column: 'duration_s', groupColumn: 'run_name', thresholds }] };
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

function stepsOf(f: StoreFormat): AuditView {
  if (!f.steps) {
    throw new AuditlensError('unsupported', `The ${f.model.formatId} format has no steps.`);
  }
  return f.steps;
}

function stepsPlanOver(f: StoreFormat, steps: AuditView, query: ViewQuery, runKey: readonly CellValue[] | null): Plan {
  const plan = viewPlan(steps, query, runKey ? runKeyFilters(steps, runKey) : []);
  if (!query.runFilters || query.runFilters.length === 0) {
    return plan;
  }
  return {
    ...plan,
    conditions: [{
      kind: 'exists',
      relation: f.runs.relation,
      pairs: steps.keyColumns.map((outer, i) => ({ outer, inner: f.runs.keyColumns[i] ?? outer })),
      filters: planFilters(f.runs.table.columns, query.runFilters, 'runs'),
    }],
  };
}

/** How the format picker lists a format. */
export function formatSummary(f: StoreFormat, catalog: Catalog): FormatSummary {
  return {
    key: f.key,
    id: f.model.formatId,
    title: f.model.title,
    runsTable: f.model.runs.table.name,
    stepsTable: f.model.steps?.table.name ?? null,
    timeline: f.model.timeline,
    lineage: f.model.lineage !== null,
    runColumns: f.runs.table.columns.map((c) => c.name),
    stepColumns: f.steps?.table.columns.map((c) => c.name) ?? [],
    warnings: indexAdvice(f.model, catalog),
  };
}

/** Most steps of one run a comparison reads. */
const MAX_COMPARED_STEPS = 5_000;

async function runRow(source: Source, f: StoreFormat, key: readonly CellValue[]): Promise<PageResult> {
  const page = await source.page(viewPlan(f.runs, { filters: runKeyFilters(f.runs, key), sort: [] }), 0, 2);
  if (page.rows.length === 0) {
    throw new AuditlensError('not-found', 'One of the runs to compare is not in the store.');
  }
  return page;
}

async function stepPoints(source: Source, f: StoreFormat, key: readonly CellValue[], naive: 'utc' | 'local'): Promise<StepPoint[]> {
  const page = await source.page(stepsPlan(f, { columns: ['step_name', 'status', 'raw_status', 'at'], filters: [], sort: [] }, key), 0, MAX_COMPARED_STEPS);
  return page.rows.map((r) => {
    const at = typeof r[3] === 'string' ? parseTimestamp(r[3], { naive }) : null;
    return {
      name: r[0] === null || r[0] === undefined ? '(unnamed)' : cellToText(r[0]),
      status: (typeof r[1] === 'string' ? r[1] : 'unknown') as StatusClass,
      rawStatus: r[2] === null || r[2] === undefined ? null : cellToText(r[2]),
      atMs: at ? at.epochMs : null,
    };
  });
}

/** Two runs of the same name with their steps matched by name; runs of different names are refused. */
export async function compareRuns(source: Source, f: StoreFormat, a: readonly CellValue[], b: readonly CellValue[]): Promise<RunComparison> {
  if (!f.steps) {
    throw new AuditlensError('unsupported', `The ${f.model.formatId} format has no steps to compare.`);
  }
  const [ra, rb] = [await runRow(source, f, a), await runRow(source, f, b)];
  const nameAt = ra.columns.indexOf('run_name');
  const [na, nb] = [ra.rows[0]?.[nameAt] ?? null, rb.rows[0]?.[nameAt] ?? null];
  if (JSON.stringify(na) !== JSON.stringify(nb)) {
    throw new AuditlensError('bad-input', `Only runs of the same name can be compared ("${cellToText(na)}" and "${cellToText(nb)}" differ).`);
  }
  const naive = f.model.naiveTime;
  const steps = compareSteps(await stepPoints(source, f, a, naive), await stepPoints(source, f, b, naive));
  return { columns: ra.columns, a: ra.rows[0] ?? [], b: rb.rows[0] ?? [], steps };
}

/** Handlers of the runs view: formats in a store, runs with facets, and a run's steps. */
/** Runs a request under its request id, so `query.cancel` can stop it (the handlers' tracker). */
export type TrackRequest = <T>(requestId: string | undefined, run: (signal: AbortSignal | undefined) => Promise<T>) => Promise<T>;

export function createRunsHandlers(services: Services, track: TrackRequest): RunsHandlers {
  const formatOf = async (source: Source, key: string): Promise<StoreFormat> => {
    const catalog = await source.catalog();
    return findFormat(catalog, key, mappedModels(services, catalog));
  };
  return {
    'formats.list': async ({ storeId }) => {
      const catalog = await services.stores.get(storeId).catalog();
      return storeFormats(catalog, mappedModels(services, catalog)).map((f) => formatSummary(f, catalog));
    },
    'runs.page': async ({ storeId, format, query, startRow, endRow, requestId }) => {
      const source = services.stores.get(storeId);
      const plan = await runsPlan(source, await formatOf(source, format), query);
      return track(requestId, (signal) => source.page(plan, startRow, endRow - startRow, signal));
    },
    'runs.count': async ({ storeId, format, query, budgetMs, requestId }) => {
      const source = services.stores.get(storeId);
      const plan = await runsPlan(source, await formatOf(source, format), query);
      return track(requestId, (signal) => source.count(plan, budgetMs, signal));
    },
    'runs.facets': async ({ storeId, format, query, limit }): Promise<RunFacets> => {
      const source = services.stores.get(storeId);
      const plan = await runsPlan(source, await formatOf(source, format), query);
      return {
        status: await source.values(plan, 'status', limit),
        run_name: await source.values(plan, 'run_name', limit),
        actor: await source.values(plan, 'actor', limit),
        day: await source.values(plan, 'day', limit),
      };
    },
    'runs.compare': async ({ storeId, format, a, b }) => {
      const source = services.stores.get(storeId);
      const f = await formatOf(source, format);
      return compareRuns(source, f, a, b);
    },
    'runs.steps': async ({ storeId, format, runKey, query, startRow, endRow, requestId }): Promise<PageResult> => {
      const source = services.stores.get(storeId);
      const plan = stepsPlan(await formatOf(source, format), query ?? { filters: [], sort: [] }, runKey ?? null);
      return track(requestId, (signal) => source.page(plan, startRow, endRow - startRow, signal));
    },
  };
}
