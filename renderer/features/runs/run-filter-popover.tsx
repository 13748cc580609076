/**
 * The filter popover of a runs or steps column: the table explorer's filter form (text match,
 * number or date range, empty / not empty, picked values) over the same `FilterForm` logic, with
 * the picked-values list fed by the facets where the column has one. (The table explorer's
 * popover lists values with `table.values`, which a runs view has no table for.)
 */
import { useState, type FormEvent } from 'react';
import type { ValueCounts } from '../../../shared/api/contract';
import type { ColumnFamily } from '../../../shared/model/catalog';
import type { ColumnFilter } from '../../../shared/model/view-request';
import { Popover, type Anchor } from '../../components/popover';
import type { FilterForm, TextOp } from '../tables/filter-form';
import { compileForm, formFromFilters, rangeKindOf } from '../tables/filter-form';
import { PresenceFields, RangeFields, ValueChecklist } from '../tables/filter-fields';
import { facetText } from './facet-filters';

const TEXT_OPS: readonly (readonly [TextOp, string])[] = [
  ['contains', 'contains'],
  ['eq', 'equals'],
  ['startsWith', 'starts with'],
  ['notContains', 'does not contain'],
];

/** Edits the filters of one column of a view. */
export function RunFilterPopover({ column, label, family, filters, values, anchor, onApply, onClose }: {
  readonly column: string;
  readonly label: string;
  readonly family: ColumnFamily;
  readonly filters: readonly ColumnFilter[];
  /** The column's values with counts (a facet), or null when the view has no list for it. */
  readonly values: ValueCounts | null;
  readonly anchor: Anchor;
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
    <Popover anchor={anchor} onClose={onClose} label={`Filter ${label}`} testId="filter-popover">
      <form className="filter-form" onSubmit={apply}>
        <div className="popover-title">
          <strong>{label}</strong>
          <span className="muted">{column}</span>
        </div>
        <div className="field-row">
          <select aria-label="Text match" data-testid="filter-text-op" value={form.textOp} onChange={(e) => set({ textOp: e.target.value as TextOp })}>
            {TEXT_OPS.map(([op, text]) => <option key={op} value={op}>{text}</option>)}
          </select>
          <input type="text" data-autofocus data-testid="filter-text" aria-label="Text" spellCheck={false}
            value={form.text} onChange={(e) => set({ text: e.target.value })} />
        </div>
        <RangeFields range={range} form={form} set={set} />
        <PresenceFields form={form} set={set} />
        {values && (
          <>
            <ValueChecklist values={values} picked={form.picked} onChange={(picked) => set({ picked })}
              label={(value) => ({ text: facetText(value), dim: value === null || value === '' })} />
            {!values.complete && <p className="field-hint">The most frequent values; use the text match for others.</p>}
          </>
        )}
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
