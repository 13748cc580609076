import { describe, expect, it } from 'vitest';
import { CELL_TEXT_LIMIT, cellDisplay, pageToRows } from '../../../renderer/grid/grid-row';

describe('grid rows', () => {
  it('maps page rows to keyed cells, even for hostile column names', () => {
    const rows = pageToRows({
      columns: ['__proto__', 'b'], rows: [['x', null], ['y', 2]], keys: [[1], [2]], lastRow: 2, tookMs: 1,
    });
    expect(rows[0]?.cells.get('__proto__')).toBe('x');
    expect(rows[0]?.cells.get('b')).toBeNull();
    expect(rows[1]?.key).toEqual([2]);
  });

  it('shows cells as text', () => {
    expect(cellDisplay(null)).toBe('NULL');
    expect(cellDisplay(undefined)).toBe('');
    expect(cellDisplay('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(cellDisplay({ t: 'truncated', v: 'abc', size: 10 })).toBe('abc…');
    expect(cellDisplay({ t: 'blob', hex: '0aff', size: 100 })).toBe("x'0aff'…");
    expect(cellDisplay({ t: 'int', v: '9007199254740993' })).toBe('9007199254740993');
    expect(cellDisplay(false)).toBe('false');
    expect(cellDisplay('x'.repeat(CELL_TEXT_LIMIT + 5))).toHaveLength(CELL_TEXT_LIMIT + 1);
  });
});
