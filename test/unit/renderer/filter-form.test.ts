import { describe, expect, it } from 'vitest';
import {
  cellToFilterValue, compileForm, describeFilter, emptyForm, formFromFilters, rangeKindOf, sameFilterValue, shiftDay,
} from '../../../renderer/grid/filter-form';

describe('compileForm', () => {
  it('compiles an empty form to no filters', () => {
    expect(compileForm('status', 'none', emptyForm())).toEqual({ ok: true, filters: [] });
  });

  it('compiles text, presence and picked values', () => {
    const form = { ...emptyForm(), textOp: 'eq' as const, text: 'failed', presence: 'notEmpty' as const, picked: ['a', null] };
    expect(compileForm('status', 'none', form)).toEqual({
      ok: true,
      filters: [
        { column: 'status', op: 'eq', value: 'failed' },
        { column: 'status', op: 'notEmpty' },
        { column: 'status', op: 'in', values: ['a', null] },
      ],
    });
  });

  it('compiles a number range to numbers and rejects non-numbers', () => {
    expect(compileForm('n', 'number', { ...emptyForm(), from: ' 10 ', to: '2.5e3' })).toEqual({
      ok: true,
      filters: [{ column: 'n', op: 'gte', value: 10 }, { column: 'n', op: 'lte', value: 2500 }],
    });
    expect(compileForm('n', 'number', { ...emptyForm(), from: 'ten' })).toEqual({ ok: false, message: '"ten" is not a number.' });
  });

  it('makes a bare "to" date cover the whole day and keeps other bounds as typed', () => {
    expect(compileForm('t', 'date', { ...emptyForm(), from: '2026-10-01', to: '2026-10-31' })).toEqual({
      ok: true,
      filters: [{ column: 't', op: 'gte', value: '2026-10-01' }, { column: 't', op: 'lt', value: '2026-11-01' }],
    });
    expect(compileForm('t', 'date', { ...emptyForm(), to: '2026-10-31 12:00' })).toEqual({
      ok: true,
      filters: [{ column: 't', op: 'lte', value: '2026-10-31 12:00' }],
    });
  });

  it('ignores range fields for columns without a range', () => {
    expect(compileForm('s', 'none', { ...emptyForm(), from: '1' })).toEqual({ ok: true, filters: [] });
  });
});

describe('formFromFilters', () => {
  it('round-trips what compileForm produced', () => {
    const form = { ...emptyForm(), textOp: 'startsWith' as const, text: 'stg_', from: '2026-01-01', to: '2026-01-31', presence: 'empty' as const, picked: [1, 2] };
    const compiled = compileForm('c', 'date', form);
    expect(compiled.ok).toBe(true);
    if (compiled.ok) {
      expect(formFromFilters(compiled.filters, 'date')).toEqual(form);
    }
  });

  it('keeps filters it has no field for', () => {
    const odd = { column: 'c', op: 'neq' as const, value: 'x' };
    expect(formFromFilters([odd], 'none').others).toEqual([odd]);
    expect(compileForm('c', 'none', formFromFilters([odd], 'none'))).toEqual({ ok: true, filters: [odd] });
  });
});

describe('helpers', () => {
  it('picks range kinds by family', () => {
    expect(rangeKindOf('integer')).toBe('number');
    expect(rangeKindOf('real')).toBe('number');
    expect(rangeKindOf('temporal')).toBe('date');
    expect(rangeKindOf('text')).toBe('none');
  });

  it('shifts only real bare dates', () => {
    expect(shiftDay('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2026-02-30', 1)).toBeNull();
    expect(shiftDay('2026-02-01 00:00', 1)).toBeNull();
  });

  it('maps listed cells to filter values', () => {
    expect(cellToFilterValue('x')).toBe('x');
    expect(cellToFilterValue(null)).toBeNull();
    expect(cellToFilterValue(true)).toBe(1);
    expect(cellToFilterValue({ t: 'int', v: '9007199254740993' })).toBe('9007199254740993');
    expect(cellToFilterValue({ t: 'truncated', v: 'abc', size: 9 })).toBeUndefined();
    expect(cellToFilterValue({ t: 'blob', hex: '00', size: 1 })).toBeUndefined();
    expect(sameFilterValue(1, '1')).toBe(true);
    expect(sameFilterValue(null, 'null')).toBe(false);
  });

  it('describes filters for chips', () => {
    expect(describeFilter({ column: 'status', op: 'eq', value: 'failed' })).toBe('status = failed');
    expect(describeFilter({ column: 'n', op: 'gte', value: 3 })).toBe('n ≥ 3');
    expect(describeFilter({ column: 't', op: 'lt', value: '2026-11-01' }, 'date')).toBe('t ≤ 2026-10-31');
    expect(describeFilter({ column: 't', op: 'lt', value: '2026-11-01 10:00' }, 'date')).toBe('t < 2026-11-01 10:00');
    expect(describeFilter({ column: 'n', op: 'lt', value: 3 }, 'number')).toBe('n < 3');
    expect(describeFilter({ column: 's', op: 'in', values: ['a', null, '', 'd', 'e'] })).toBe('s in a, NULL, "" +2');
    expect(describeFilter({ column: 's', op: 'in', values: ['failed'] })).toBe('s = failed');
    expect(describeFilter({ column: 's', op: 'in', values: [null] })).toBe('s is NULL');
    expect(describeFilter({ column: 's', op: 'empty' })).toBe('s is empty');
    expect(describeFilter({ column: 's', op: 'contains', value: 'x'.repeat(50) })).toBe(`s contains ${'x'.repeat(40)}…`);
  });
});
