import { AuditlensError } from '../api/result';
import type { ColumnInfo } from '../model/catalog';

/**
 * Finds a column by the name a user gave: the exact name, else the store's own column by its bare
 * name when the view shows it as `table.column` (runs and steps views prefix a store's columns so
 * they never meet the normalised ones). Undefined when nothing matches; a typed error naming the
 * choices when the bare name fits more than one column.
 */
export function resolveColumn(columns: readonly ColumnInfo[], name: string, label: string): ColumnInfo | undefined {
  const exact = columns.find((c) => c.name === name);
  if (exact || name.includes('.')) {
    return exact ?? undefined;
  }
  const suffix = `.${name}`;
  const bare = columns.filter((c) => c.name.endsWith(suffix));
  if (bare.length > 1) {
    throw new AuditlensError('bad-input', `"${name}" names more than one column of ${label}; write one of: ${bare.map((c) => c.name).join(', ')}.`);
  }
  return bare[0];
}
