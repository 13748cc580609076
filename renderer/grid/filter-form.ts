/**
 * The per-column filter form and its translation to and from `ColumnFilter`s.
 *
 * The popover edits a `FilterForm`; applying it compiles the form into the filters of one
 * column, which go to the server as they are. Re-opening the popover rebuilds the form from
 * those filters, so the two directions must round-trip.
 */
import type { ColumnFamily } from '../../shared/model/catalog';
import type { CellValue } from '../../shared/model/values';
import type { ColumnFilter } from '../../shared/model/view-request';

/** Which range inputs a column gets: numbers compare numerically, dates as stored text. */
export type RangeKind = 'number' | 'date' | 'none';

/** The text operators the form offers. */
export type TextOp = 'contains' | 'eq' | 'startsWith' | 'notContains';

/** A value a filter compares against (the contract's filter value). */
export type FilterValue = string | number | null;

/** What the filter popover edits for one column. */
export interface FilterForm {
  readonly textOp: TextOp;
  readonly text: string;
  /** Lower bound (≥), as typed. */
  readonly from: string;
  /** Upper bound (≤, or up to the end of the day for a bare date), as typed. */
  readonly to: string;
  readonly presence: 'any' | 'empty' | 'notEmpty';
  /** Values ticked in the value list; they compile to one `in` filter. */
  readonly picked: readonly FilterValue[];
  /** Filters on this column the form has no field for; kept as they are. */
  readonly others: readonly ColumnFilter[];
}

/** The outcome of compiling a form: the column's filters, or why the form cannot apply. */
export type CompiledForm =
  | { readonly ok: true; readonly filters: readonly ColumnFilter[] }
  | { readonly ok: false; readonly message: string };

const TEXT_OPS: readonly string[] = ['contains', 'eq', 'startsWith', 'notContains'];
const BARE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The range inputs a column family gets. */
export function rangeKindOf(family: ColumnFamily): RangeKind {
  if (family === 'integer' || family === 'real') {
    return 'number';
  }
  return family === 'temporal' ? 'date' : 'none';
}

/** A form with nothing filled in. */
export function emptyForm(): FilterForm {
  return { textOp: 'contains', text: '', from: '', to: '', presence: 'any', picked: [], others: [] };
}

/** Rebuilds the form from a column's current filters (the inverse of `compileForm`). */
export function formFromFilters(filters: readonly ColumnFilter[], range: RangeKind): FilterForm {
  let form = emptyForm();
  const others: ColumnFilter[] = [];
  for (const f of filters) {
    const text = f.value === null || f.value === undefined ? null : String(f.value);
    if (TEXT_OPS.includes(f.op) && text !== null && form.text === '') {
      form = { ...form, textOp: f.op as TextOp, text };
    } else if (f.op === 'gte' && range !== 'none' && text !== null && form.from === '') {
      form = { ...form, from: text };
    } else if (f.op === 'lte' && range !== 'none' && text !== null && form.to === '') {
      form = { ...form, to: text };
    } else if (f.op === 'lt' && range === 'date' && text !== null && form.to === '' && shiftDay(text, -1) !== null) {
      form = { ...form, to: shiftDay(text, -1) ?? text };
    } else if ((f.op === 'empty' || f.op === 'notEmpty') && form.presence === 'any') {
      form = { ...form, presence: f.op };
    } else if (f.op === 'in' && form.picked.length === 0 && f.values) {
      form = { ...form, picked: f.values };
    } else {
      others.push(f);
    }
  }
  return { ...form, others };
}

/** Compiles the form into the column's filters; an empty form compiles to no filters. */
export function compileForm(column: string, range: RangeKind, form: FilterForm): CompiledForm {
  const filters: ColumnFilter[] = [];
  if (form.text !== '') {
    filters.push({ column, op: form.textOp, value: form.text });
  }
  for (const [bound, op] of [[form.from, 'gte'], [form.to, 'lte']] as const) {
    const typed = bound.trim();
    if (typed === '' || range === 'none') {
      continue;
    }
    if (range === 'number') {
      const n = Number(typed);
      if (!Number.isFinite(n)) {
        return { ok: false, message: `"${typed}" is not a number.` };
      }
      filters.push({ column, op, value: n });
    } else if (op === 'lte' && shiftDay(typed, 1) !== null) {
      // A bare date means the whole day: stored times on that day sort after the bare date.
      filters.push({ column, op: 'lt', value: shiftDay(typed, 1) });
    } else {
      filters.push({ column, op, value: typed });
    }
  }
  if (form.presence !== 'any') {
    filters.push({ column, op: form.presence });
  }
  if (form.picked.length > 0) {
    filters.push({ column, op: 'in', values: [...form.picked] });
  }
  return { ok: true, filters: [...filters, ...form.others] };
}

/** Moves a bare `YYYY-MM-DD` date by whole days; null when the text is not a real bare date. */
export function shiftDay(text: string, days: number): string | null {
  const m = BARE_DATE.exec(text);
  if (!m) {
    return null;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return null;
  }
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The filter value a listed cell stands for, or undefined when it cannot be matched exactly. */
export function cellToFilterValue(cell: CellValue): FilterValue | undefined {
  if (cell === null || typeof cell === 'string' || typeof cell === 'number') {
    return cell;
  }
  if (typeof cell === 'boolean') {
    return cell ? 1 : 0;
  }
  return cell.t === 'int' ? cell.v : undefined;
}

/** True when two filter values are the same value (used to tick listed values). */
export function sameFilterValue(a: FilterValue, b: FilterValue): boolean {
  return a === b || (a !== null && b !== null && typeof a !== typeof b && String(a) === String(b));
}

/** A short human reading of one filter, for its chip: `status = failed`, `rows ≥ 10`. */
export function describeFilter(f: ColumnFilter, range: RangeKind = 'none', label: string = f.column): string {
  const v = showValue(f.value ?? null);
  const c = label;
  switch (f.op) {
    case 'contains': return `${c} contains ${v}`;
    case 'notContains': return `${c} does not contain ${v}`;
    case 'startsWith': return `${c} starts with ${v}`;
    case 'eq': return f.value === null ? `${c} is NULL` : `${c} = ${v}`;
    case 'neq': return f.value === null ? `${c} is not NULL` : `${c} ≠ ${v}`;
    case 'gt': return `${c} > ${v}`;
    case 'gte': return `${c} ≥ ${v}`;
    case 'lt': {
      // compileForm turned "to DATE" into "before the next day": show what the user typed.
      const day = range === 'date' && typeof f.value === 'string' ? shiftDay(f.value, -1) : null;
      return day ? `${c} ≤ ${day}` : `${c} < ${v}`;
    }
    case 'lte': return `${c} ≤ ${v}`;
    case 'empty': return `${c} is empty`;
    case 'notEmpty': return `${c} is not empty`;
    case 'in': return f.values?.length === 1 ? describeFilter({ column: f.column, op: 'eq', value: f.values[0] ?? null }, range, c) : `${c} in ${showList(f.values ?? [])}`;
  }
}

function showList(values: readonly FilterValue[]): string {
  const shown = values.slice(0, 3).map(showValue).join(', ');
  return values.length > 3 ? `${shown} +${values.length - 3}` : shown;
}

function showValue(v: FilterValue): string {
  if (v === null) {
    return 'NULL';
  }
  if (v === '') {
    return '""';
  }
  const text = String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
