/**
 * Facets as filters, Datasette-style: clicking a facet value toggles it in an `in` filter on
 * that column, so several values of one facet combine with OR and facets combine with AND. The
 * filter is an ordinary `ColumnFilter`, shown as a chip and editable in the column's popover.
 */
import type { ValueCounts } from '../../../shared/api/contract';
import type { StatusClass } from '../../../shared/model/audit-model';
import { STATUS_CLASSES } from '../../../shared/model/audit-model';
import type { CellValue } from '../../../shared/model/values';
import type { ColumnFilter } from '../../../shared/model/view-request';
import type { FilterValue } from '../../grid/filter-form';
import { cellToFilterValue, sameFilterValue } from '../../grid/filter-form';

/** The facets of the runs view, in panel order, with their titles. */
export const RUN_FACETS = [
  { column: 'status', title: 'Status' },
  { column: 'run_name', title: 'Name' },
  { column: 'actor', title: 'Actor' },
  { column: 'day', title: 'Day' },
] as const;

/** A facet's column. */
export type FacetColumn = (typeof RUN_FACETS)[number]['column'];

/** True for the columns that have a facet (and so a list of values with counts). */
export function isFacetColumn(column: string): column is FacetColumn {
  return RUN_FACETS.some((f) => f.column === column);
}

/** One line of a facet: a value, its count (null when the value is picked but not listed), picked or not. */
export interface FacetRow {
  readonly value: CellValue;
  readonly filterValue: FilterValue | undefined;
  readonly count: number | null;
  readonly selected: boolean;
}

/** The values picked on a column: those of its `in` and `eq` filters. */
export function facetSelection(filters: readonly ColumnFilter[], column: string): FilterValue[] {
  const picked: FilterValue[] = [];
  for (const f of filters) {
    if (f.column !== column) {
      continue;
    }
    if (f.op === 'in') {
      picked.push(...(f.values ?? []));
    } else if (f.op === 'eq' && f.value !== undefined) {
      picked.push(f.value);
    }
  }
  return picked;
}

/**
 * Toggles one value of a facet. Picking adds it to the column's `in` filter (creating one at the
 * end); unpicking removes it from every `in`/`eq` filter that holds it, dropping emptied filters.
 * The column's other filters (a text match, a range) are left alone.
 */
export function toggleFacetValue(filters: readonly ColumnFilter[], column: string, value: FilterValue): ColumnFilter[] {
  const picked = facetSelection(filters, column).some((v) => sameFilterValue(v, value));
  if (picked) {
    const out: ColumnFilter[] = [];
    for (const f of filters) {
      if (f.column === column && f.op === 'eq' && f.value !== undefined && sameFilterValue(f.value, value)) {
        continue;
      }
      if (f.column === column && f.op === 'in') {
        const rest = (f.values ?? []).filter((v) => !sameFilterValue(v, value));
        if (rest.length > 0) {
          out.push({ ...f, values: rest });
        }
        continue;
      }
      out.push(f);
    }
    return out;
  }
  const at = filters.findIndex((f) => f.column === column && f.op === 'in');
  const existing = filters[at];
  if (existing) {
    return filters.map((f, i) => (i === at ? { ...f, values: [...(existing.values ?? []), value] } : f));
  }
  return [...filters, { column, op: 'in', values: [value] }];
}

/**
 * The lines of a facet: the listed values in the facet's order, then picked values the list
 * lacks (so a pick can always be undone), narrowed by the facet's search box.
 */
export function facetRows(column: string, counts: ValueCounts | null, picked: readonly FilterValue[], needle = ''): FacetRow[] {
  const listed = orderFacet(column, counts?.values ?? []).map(({ value, count }): FacetRow => {
    const filterValue = cellToFilterValue(value);
    const selected = filterValue !== undefined && picked.some((p) => sameFilterValue(p, filterValue));
    return { value, filterValue, count, selected };
  });
  const missing = picked
    .filter((p) => !listed.some((r) => r.filterValue !== undefined && sameFilterValue(r.filterValue, p)))
    .map((p): FacetRow => ({ value: p, filterValue: p, count: null, selected: true }));
  const n = needle.trim().toLowerCase();
  const rows = [...listed, ...missing];
  return n === '' ? rows : rows.filter((r) => r.selected || facetText(r.value).toLowerCase().includes(n));
}

/** Facet lines shown before "…more": enough to pick from without pushing the next facets away. */
export const FACET_PREVIEW = 8;

/**
 * The lines a facet shows: all when expanded, else the first few plus any picked line beyond
 * them (a pick never hides). `hidden` says how many lines "…more" would reveal here.
 */
export function visibleFacetRows(rows: readonly FacetRow[], expanded: boolean, preview = FACET_PREVIEW): { readonly shown: readonly FacetRow[]; readonly hidden: number } {
  if (expanded || rows.length <= preview) {
    return { shown: rows, hidden: 0 };
  }
  const shown = rows.filter((r, i) => i < preview || r.selected);
  return { shown, hidden: rows.length - shown.length };
}

/** How a facet value reads: `(empty)` for NULL or empty text. */
export function facetText(value: CellValue): string {
  if (value === null || value === '') {
    return '(empty)';
  }
  return typeof value === 'object' ? (value.t === 'blob' ? `x'${value.hex}'` : value.v) : String(value);
}

/** Statuses in their fixed order, days newest first, everything else as the server ranked it (by count). */
function orderFacet(column: string, values: ValueCounts['values']): ValueCounts['values'] {
  if (column === 'status') {
    const rank = (v: CellValue): number => {
      const i = STATUS_CLASSES.indexOf(v as StatusClass);
      return i < 0 ? STATUS_CLASSES.length : i;
    };
    return [...values].sort((a, b) => rank(a.value) - rank(b.value));
  }
  if (column === 'day') {
    return [...values].sort((a, b) => facetText(b.value).localeCompare(facetText(a.value)));
  }
  return values;
}
