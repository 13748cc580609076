import type { SortKey } from '../../shared/model/view-request';

/** A sort in words, one entry per key, as the export dialog lists it ("duration_s ↓"). */
export function describeSort(sort: readonly SortKey[]): string[] {
  return sort.map((k) => `${k.column} ${k.desc ? '↓' : '↑'}`);
}
