/**
 * The filter popover of one grid column: text match, a number or date range (by the column's
 * family), empty / not empty, and the view's list of values to pick. Applying replaces that
 * column's filters; the server does the filtering.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ColumnFamily } from '../../shared/model/catalog';
import type { ColumnFilter } from '../../shared/model/view-request';
import { Popover, type Anchor } from '../components/popover';
import type { FilterForm, FilterValue, TextOp } from './filter-form';
import { compileForm, formFromFilters, rangeKindOf } from './filter-form';
import type { TimeCompare } from './filter-fields';
import { PresenceFields, RangeFields } from './filter-fields';

const TEXT_OPS: readonly (readonly [TextOp, string])[] = [
  ['contains', 'contains'],
  ['eq', 'equals'],
  ['startsWith', 'starts with'],
  ['notContains', 'does not contain'],
];

/** Edits the filters of one column. */
export function FilterPopover({ column, title, detail, family, filters, anchor, values, timeCompare, onApply, onClose }: {
  readonly column: string;
  /** The popover's heading (the column as the grid names it) and the muted text beside it. */
  readonly title: string;
  readonly detail: string;
  readonly family: ColumnFamily;
  readonly filters: readonly ColumnFilter[];
  readonly anchor: Anchor;
  /** The view's list of values to pick from, under the fields (each view knows where its values come from). */
  readonly values?: (picked: readonly FilterValue[], onChange: (picked: readonly FilterValue[]) => void) => ReactNode;
  /** How a time column's range compares (the runs view knows; a table's columns compare as stored). */
  readonly timeCompare?: TimeCompare;
  readonly onApply: (filters: readonly ColumnFilter[]) => void;
  readonly onClose: () => void;
}) {
  const range = rangeKindOf(family);
  const [form, setForm] = useState<FilterForm>(() => formFromFilters(filters, range));
  const [problem, setProblem] = useState<string | null>(null);
  const set = (patch: Partial<FilterForm>): void => setForm((f) => ({ ...f, ...patch }));

  const apply = (e: FormEvent): void => {
    e.preventDefault();
    const compiled = compileForm(column, range, form);
    if (compiled.ok) {
      onApply(compiled.filters);
    } else {
      setProblem(compiled.message);
    }
  };

  return (
    <Popover anchor={anchor} onClose={onClose} label={`Filter ${title}`} testId="filter-popover">
      <form className="filter-form" onSubmit={apply}>
        <div className="popover-title">
          <strong>{title}</strong>
          <span className="muted">{detail}</span>
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

        <RangeFields range={range} form={form} set={set} {...(timeCompare ? { timeCompare } : {})} />
        <PresenceFields form={form} set={set} />

        {values?.(form.picked, (picked) => set({ picked }))}

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
