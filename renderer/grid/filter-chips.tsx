import type { TableInfo } from '../../shared/model/catalog';
import type { ColumnFilter } from '../../shared/model/view-request';
import { columnTitle } from './column-label';
import { describeFilter, rangeKindOf } from './filter-form';

/** A filter that is not on one column (the runs view's "any step failed"), shown as a chip too. */
export interface ExtraChip {
  readonly id: string;
  readonly text: string;
  readonly title: string;
  readonly onRemove: () => void;
}

/** The active filters as removable chips; clicking a chip's text reopens its column's popover. */
export function FilterChips({ table, filters, onRemove, onEdit, onClearAll, extra = [], labelOf }: {
  readonly table: TableInfo;
  /** The label the grid's header gives a column (the stored name by default), so chips say the same. */
  readonly labelOf?: (column: string) => string;
  readonly filters: readonly ColumnFilter[];
  readonly onRemove: (index: number) => void;
  readonly onEdit: (column: string, el: HTMLElement) => void;
  /** Clears the column filters and the extra ones. */
  readonly onClearAll: () => void;
  readonly extra?: readonly ExtraChip[];
}) {
  if (filters.length === 0 && extra.length === 0) {
    return <span className="muted chips-empty">No filters</span>;
  }
  return (
    <ul className="chips" data-testid="filter-chips" aria-label="Active filters">
      {extra.map((c) => (
        <li key={c.id} className="chip chip-extra" data-testid="filter-chip" data-chip={c.id}>
          <span className="chip-text" title={c.title}>{c.text}</span>
          <button type="button" className="chip-remove" aria-label={`Remove filter ${c.text}`} title="Remove" onClick={c.onRemove}>
            ×
          </button>
        </li>
      ))}
      {filters.map((f, i) => {
        const family = table.columns.find((c) => c.name === f.column)?.family ?? 'other';
        const label = labelOf?.(f.column) ?? f.column;
        const text = describeFilter(f, rangeKindOf(family), label);
        return (
          <li key={i} className="chip" data-testid="filter-chip" data-column={f.column}>
            <button type="button" className="chip-text" title={`Edit the filters of ${columnTitle(label, f.column)}`} onClick={(e) => onEdit(f.column, e.currentTarget)}>
              {text}
            </button>
            <button type="button" className="chip-remove" aria-label={`Remove filter ${text}`} title="Remove" onClick={() => onRemove(i)}>
              ×
            </button>
          </li>
        );
      })}
      {filters.length + extra.length > 1 && (
        <li>
          <button type="button" className="link-button" data-testid="clear-filters" onClick={onClearAll}>Clear all</button>
        </li>
      )}
    </ul>
  );
}
