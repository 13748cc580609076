/**
 * The filter popover of one column: text match, a number or date range, empty / not empty,
 * and a value list. Applying replaces that column's filters; the server does the filtering.
 */
import { useState, type FormEvent } from 'react';
import type { ColumnInfo } from '../../../shared/model/catalog';
import type { ColumnFilter, TableQuery } from '../../../shared/model/view-request';
import { Popover, type Anchor } from '../../components/popover';
import type { FilterForm, TextOp } from './filter-form';
import { compileForm, formFromFilters, rangeKindOf } from './filter-form';
import { PresenceFields, RangeFields } from './filter-fields';
import { ValueList } from './value-list';

const TEXT_OPS: readonly (readonly [TextOp, string])[] = [
  ['contains', 'contains'],
  ['eq', 'equals'],
  ['startsWith', 'starts with'],
  ['notContains', 'does not contain'],
];

/** Edits the filters of one column. */
export function FilterPopover({ storeId, query, column, filters, anchor, onApply, onClose }: {
  readonly storeId: string;
  readonly query: TableQuery;
  readonly column: ColumnInfo;
  readonly filters: readonly ColumnFilter[];
  readonly anchor: Anchor;
  readonly onApply: (filters: readonly ColumnFilter[]) => void;
  readonly onClose: () => void;
}) {
  const range = rangeKindOf(column.family);
  const [form, setForm] = useState<FilterForm>(() => formFromFilters(filters, range));
  const [problem, setProblem] = useState<string | null>(null);
  const set = (patch: Partial<FilterForm>): void => setForm((f) => ({ ...f, ...patch }));

  const apply = (e: FormEvent): void => {
    e.preventDefault();
    const compiled = compileForm(column.name, range, form);
    if (compiled.ok) {
      onApply(compiled.filters);
    } else {
      setProblem(compiled.message);
    }
  };

  return (
    <Popover anchor={anchor} onClose={onClose} label={`Filter ${column.name}`} testId="filter-popover">
      <form className="filter-form" onSubmit={apply}>
        <div className="popover-title">
          <strong>{column.name}</strong>
          <span className="muted">{column.type || column.family}</span>
        </div>

        <div className="field-row">
          <select aria-label="Text match" data-testid="filter-text-op" value={form.textOp} onChange={(e) => set({ textOp: e.target.value as TextOp })}>
            {TEXT_OPS.map(([op, label]) => <option key={op} value={op}>{label}</option>)}
          </select>
          <input
            type="text"
            data-autofocus
            data-testid="filter-text"
            aria-label="Text"
            spellCheck={false}
            value={form.text}
            onChange={(e) => set({ text: e.target.value })}
          />
        </div>

        <RangeFields range={range} form={form} set={set} />
        <PresenceFields form={form} set={set} />

        <ValueList storeId={storeId} query={query} column={column.name} picked={form.picked} onChange={(picked) => set({ picked })} />

        {problem && <p className="field-error" role="alert">{problem}</p>}
        <div className="popover-actions">
          <button type="button" data-testid="filter-clear" onClick={() => onApply([])}>Clear</button>
          <span className="spacer" />
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" data-testid="filter-apply">Apply</button>
        </div>
      </form>
    </Popover>
  );
}
