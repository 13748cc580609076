import type { SortKey } from '../../shared/model/view-request';

/** One entry of AG Grid's sort model, as the infinite row model hands it to `getRows`. */
export interface GridSortItem {
  readonly colId: string;
  readonly sort: 'asc' | 'desc';
}

/** Maps AG Grid's sort model (already in sort-index order) to the query's sort keys. */
export function sortModelToKeys(model: readonly GridSortItem[]): SortKey[] {
  const seen = new Set<string>();
  const keys: SortKey[] = [];
  for (const item of model) {
    if (!seen.has(item.colId)) {
      seen.add(item.colId);
      keys.push({ column: item.colId, desc: item.sort === 'desc' });
    }
  }
  return keys;
}

/** A column's initial sort for its column definition, so a restored table shows its saved sort. */
export function columnSortOf(keys: readonly SortKey[], column: string): { sort: 'asc' | 'desc' | null; sortIndex: number | null } {
  const index = keys.findIndex((k) => k.column === column);
  const key = keys[index];
  if (!key) {
    return { sort: null, sortIndex: null };
  }
  return { sort: key.desc ? 'desc' : 'asc', sortIndex: keys.length > 1 ? index : null };
}

/** A stable text key of a sort, to tell apart requests made under different sorts. */
export function sortSignature(keys: readonly SortKey[]): string {
  return JSON.stringify(keys.map((k) => [k.column, k.desc]));
}
