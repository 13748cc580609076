/**
 * The parts of a column filter form that the table explorer and the runs view share: the range
 * fields, the empty / not-empty choice and the checklist of values with their counts.
 */
import type { ValueCounts } from '../../shared/api/contract';
import type { CellValue } from '../../shared/model/values';
import { formatInt } from '../components/format';
import type { FilterForm, FilterValue, RangeKind } from './filter-form';
import { cellToFilterValue, sameFilterValue } from './filter-form';

/** Changes some fields of the form. */
type SetForm = (patch: Partial<FilterForm>) => void;

/**
 * How a time column's range compares: as instants where the store mixes time styles (the server
 * reads each value as a time), else as the stored text, which orders one style the same way.
 */
export type TimeCompare = 'instants' | 'text';

const TIME_HINTS: Readonly<Record<TimeCompare, string>> = {
  instants: 'Compared as instants, not as stored text (the store writes times in several styles, or computes them); a bound without an offset is read like the column\'s own times without a zone, and a bare date includes the whole day.',
  text: 'Compared as stored text; a bare date includes the whole day.',
};

/** From/to (dates) or ≥/≤ (numbers) fields; nothing for columns without a range. */
export function RangeFields({ range, form, set, timeCompare = 'text' }: { readonly range: RangeKind; readonly form: FilterForm; readonly set: SetForm; readonly timeCompare?: TimeCompare }) {
  if (range === 'none') {
    return null;
  }
  return (
    <>
      <div className="field-row">
        <label className="range-field">
          <span>{range === 'number' ? '≥' : 'From'}</span>
          <input type="text" data-testid="filter-from" inputMode={range === 'number' ? 'decimal' : 'text'}
            placeholder={range === 'date' ? '2026-10-01' : ''} value={form.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label className="range-field">
          <span>{range === 'number' ? '≤' : 'To'}</span>
          <input type="text" data-testid="filter-to" inputMode={range === 'number' ? 'decimal' : 'text'}
            placeholder={range === 'date' ? '2026-10-31' : ''} value={form.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
      </div>
      {range === 'date' && <p className="field-hint" data-testid="filter-time-hint">{TIME_HINTS[timeCompare]}</p>}
    </>
  );
}

/** Any / empty / not empty. */
export function PresenceFields({ form, set }: { readonly form: FilterForm; readonly set: SetForm }) {
  return (
    <fieldset className="presence">
      {(['any', 'empty', 'notEmpty'] as const).map((p) => (
        <label key={p}>
          <input type="radio" name="presence" data-testid={`filter-presence-${p}`} checked={form.presence === p} onChange={() => set({ presence: p })} />
          {p === 'any' ? 'Any' : p === 'empty' ? 'Empty' : 'Not empty'}
        </label>
      ))}
    </fieldset>
  );
}

/** The listed values as checkboxes with their counts; picked ones compile to one `in` filter. */
export function ValueChecklist({ values, picked, onChange, label }: {
  readonly values: ValueCounts;
  readonly picked: readonly FilterValue[];
  readonly onChange: (picked: readonly FilterValue[]) => void;
  /** How a value reads (`shown` when the visible text differs from it), and whether it is dimmed. */
  readonly label: (value: CellValue) => { readonly text: string; readonly shown?: string; readonly dim: boolean };
}) {
  const toggle = (v: FilterValue, on: boolean): void => {
    const rest = picked.filter((p) => !sameFilterValue(p, v));
    onChange(on ? [...rest, v] : rest);
  };
  return (
    <ul className="value-list" data-testid="value-list">
      {values.values.map(({ value, count }, i) => {
        const v = cellToFilterValue(value);
        const { text, shown, dim } = label(value);
        return (
          <li key={i}>
            <label className={v === undefined ? 'disabled' : undefined} title={text}>
              <input type="checkbox" data-testid="value-option" data-value={text} disabled={v === undefined}
                checked={v !== undefined && picked.some((p) => sameFilterValue(p, v))}
                onChange={(e) => v !== undefined && toggle(v, e.target.checked)} />
              <span className={dim ? 'value-text null' : 'value-text'}>{shown ?? text}</span>
              <span className="value-count">{formatInt(count)}</span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
