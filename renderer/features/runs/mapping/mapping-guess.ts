/**
 * Guesses the mapping form makes beyond the server's suggestions: a duration column, the step
 * order, a same-named join column, and a safe read of the server's role guesses.
 */
import type { MappingSuggestions } from '../../../../shared/api/contract';
import type { TableInfo } from '../../../../shared/model/catalog';
import { tableLabel } from '../../../../shared/model/catalog';

const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/**
 * The column the server guessed for a role of a table, or ''. Labels and roles are looked up as
 * own keys only, so a table named `__proto__` or `constructor` finds nothing instead of a prototype.
 */
export function roleOf(suggestions: MappingSuggestions | null, table: TableInfo, role: string): string {
  const roles = suggestions?.roles;
  const label = tableLabel(table);
  if (!roles || !has(roles, label)) {
    return '';
  }
  const forTable = roles[label] ?? {};
  const column = has(forTable, role) ? forTable[role] : undefined;
  return typeof column === 'string' && table.columns.some((c) => c.name === column) ? column : '';
}

/** A numeric duration column (`duration`, `elapsed_ms`, `execution_time_ms`…) and its unit, if any. */
export function guessDuration(table: TableInfo): { readonly column: string; readonly unit: 's' | 'ms' } | null {
  const hit = table.columns.find((c) =>
    (c.family === 'integer' || c.family === 'real') && /(^|_)(duration|elapsed|runtime|execution_time|took)(_?(ms|millis|milliseconds|s|sec|secs|seconds))?$/i.test(c.name));
  if (!hit) {
    return null;
  }
  return { column: hit.name, unit: /(ms|millis|milliseconds)$/i.test(hit.name) ? 'ms' : 's' };
}

const ORDER_NAME = /(^|_)(seq|sequence|order|ordinal|position|pos|idx|index|step_?(no|num|number)|line|n)(_?(no|num|number))?$/i;

/**
 * The step order: a whole-number sequence column when there is one, then the step time, then
 * the primary key (which in most audit tables grows with insertion order).
 */
export function guessStepOrder(table: TableInfo, at: string): string[] {
  const sequence = table.columns.find((c) => c.family === 'integer' && ORDER_NAME.test(c.name))?.name;
  const order = [sequence, at !== '' ? at : undefined, ...table.primaryKey].filter((c): c is string => c !== undefined && c !== '');
  return [...new Set(order)].slice(0, 3);
}

/** The column of `table` named like `column` (case-insensitive), or ''. */
export function sameNameColumn(table: TableInfo, column: string): string {
  return table.columns.find((c) => c.name.toLowerCase() === column.toLowerCase())?.name ?? '';
}
