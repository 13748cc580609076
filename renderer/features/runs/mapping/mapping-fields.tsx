/**
 * The small controls of the mapping form: a labelled row, a column select, the run key's column
 * chips and the step order's column chips. Column names are rendered as text only.
 */
import { useId, type ReactNode } from 'react';
import type { TableInfo } from '../../../../shared/model/catalog';

/** A label and its control on one line of a mapping card. */
export function FieldRow({ label, hint, children, htmlFor }: {
  readonly label: string;
  readonly hint?: string;
  readonly htmlFor?: string;
  readonly children: ReactNode;
}) {
  return (
    <div className="map-row">
      <label className="map-label" htmlFor={htmlFor} title={hint}>{label}</label>
      <div className="map-control">{children}</div>
    </div>
  );
}

/** A select of a table's columns, with "—" for none. */
export function ColumnSelect({ id, table, value, onChange, testId, label, noneText = '—' }: {
  readonly id?: string;
  readonly table: TableInfo | undefined;
  readonly value: string;
  readonly onChange: (column: string) => void;
  readonly testId: string;
  readonly label: string;
  readonly noneText?: string;
}) {
  const columns = table?.columns ?? [];
  // A value the table lacks (an edited mapping of a changed schema) stays visible, marked.
  const unknown = value !== '' && !columns.some((c) => c.name === value);
  return (
    <select id={id} data-testid={testId} aria-label={label} value={value} disabled={!table} onChange={(e) => onChange(e.target.value)}
      aria-invalid={unknown || undefined}>
      <option value="">{noneText}</option>
      {unknown && <option value={value}>{value} (not in the table)</option>}
      {columns.map((c) => (
        <option key={c.name} value={c.name}>{c.name}</option>
      ))}
    </select>
  );
}

/** Columns picked in order (the run key), as removable chips and a select to add one. */
export function ColumnChips({ table, value, onChange, testId, label, addText }: {
  readonly table: TableInfo | undefined;
  readonly value: readonly string[];
  readonly onChange: (columns: readonly string[]) => void;
  readonly testId: string;
  readonly label: string;
  readonly addText: string;
}) {
  const id = useId();
  const rest = (table?.columns ?? []).filter((c) => !value.includes(c.name));
  return (
    <div className="map-chips" data-testid={testId} role="group" aria-label={label}>
      {value.map((c) => (
        <span key={c} className="map-chip" data-testid={`${testId}-chip`} data-column={c}>
          <span className="map-chip-text">{c}</span>
          <button type="button" className="map-chip-remove" aria-label={`Remove ${c} from ${label}`} title="Remove" onClick={() => onChange(value.filter((x) => x !== c))}>×</button>
        </span>
      ))}
      <select id={id} data-testid={`${testId}-add`} aria-label={`Add a column to ${label}`} value="" disabled={!table || rest.length === 0}
        onChange={(e) => e.target.value !== '' && onChange([...value, e.target.value])}>
        <option value="">{addText}</option>
        {rest.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
      </select>
    </div>
  );
}

/** One column of the step order. */
export interface OrderItem {
  readonly column: string;
  readonly desc: boolean;
}

/** The step order: columns in order, each ascending or descending, removable, and one to add. */
export function OrderChips({ table, value, onChange }: {
  readonly table: TableInfo | undefined;
  readonly value: readonly OrderItem[];
  readonly onChange: (order: readonly OrderItem[]) => void;
}) {
  const rest = (table?.columns ?? []).filter((c) => !value.some((o) => o.column === c.name));
  return (
    <div className="map-chips" data-testid="map-step-order" role="group" aria-label="Step order">
      {value.map((o, i) => (
        <span key={o.column} className="map-chip" data-testid="map-step-order-chip" data-column={o.column}>
          <span className="map-chip-text">{o.column}</span>
          <button type="button" className="map-chip-dir" title={o.desc ? 'Descending: click for ascending' : 'Ascending: click for descending'}
            aria-label={`${o.column} ${o.desc ? 'descending' : 'ascending'}; switch`}
            onClick={() => onChange(value.map((x, j) => (j === i ? { ...x, desc: !x.desc } : x)))}>
            {o.desc ? '↓' : '↑'}
          </button>
          <button type="button" className="map-chip-remove" aria-label={`Remove ${o.column} from the step order`} title="Remove" onClick={() => onChange(value.filter((_, j) => j !== i))}>×</button>
        </span>
      ))}
      <select data-testid="map-step-order-add" aria-label="Add a column to the step order" value="" disabled={!table || rest.length === 0}
        onChange={(e) => e.target.value !== '' && onChange([...value, { column: e.target.value, desc: false }])}>
        <option value="">{value.length === 0 ? 'order by…' : 'then by…'}</option>
        {rest.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
      </select>
    </div>
  );
}
