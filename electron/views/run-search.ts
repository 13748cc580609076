import type { ColumnFilter } from '../../shared/model/view-request';
import type { PlanCondition } from '../../shared/query/plan';
import { planFilters } from '../../shared/query/plan';
import type { StoreFormat } from './store-formats';

/** The longest search text kept; longer text is cut (a LIKE pattern of megabytes helps nobody). */
export const MAX_SEARCH = 500;

/** The search text as searched: trimmed and cut to MAX_SEARCH; empty means no search. */
export function searchText(raw: string | undefined): string {
  return (raw ?? '').trim().slice(0, MAX_SEARCH);
}

/**
 * "The run's own message, or any of its steps' messages, contains `text`" (case-insensitive,
 * wildcards taken literally: the `contains` filter escapes them), as one condition: an OR of a
 * filter on the run's message and a semi-join into the steps on the run key.
 */
export function runSearchCondition(f: StoreFormat, text: string, semiJoin: 'exists' | 'in'): PlanCondition {
  const contains: ColumnFilter = { column: 'message', op: 'contains', value: text };
  const [own] = planFilters(f.runs.table.columns, [contains], 'runs');
  const parts: PlanCondition[] = own ? [{ kind: 'filter', filter: own }] : [];
  const steps = f.steps;
  if (steps && steps.keyColumns.length === f.runs.keyColumns.length) {
    parts.push({
      kind: 'exists',
      relation: steps.relation,
      pairs: f.runs.keyColumns.map((outer, i) => ({ outer, inner: steps.keyColumns[i] ?? outer })),
      filters: planFilters(steps.table.columns, [contains], 'steps'),
      semiJoin,
    });
  }
  return { kind: 'anyOf', conditions: parts };
}
