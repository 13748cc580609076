import { describe, expect, it } from 'vitest';
import { formatCell, formatRows } from '../../../renderer/grid/copy-format';
import type { ShownRows } from '../../../renderer/grid/copy-format';

const shown: ShownRows = {
  headers: ['Run', 'Status', 'Message'],
  rows: [
    ['inv-1 / orders', 'ok', null],
    ['inv-2 / "pay, ments"', 'failed', 'Got 78 results | configured\nto fail'],
  ],
};

describe('copying grid rows', () => {
  it('as CSV: header first, fields quoted where they must be, NULL empty', () => {
    expect(formatRows(shown, 'csv')).toBe([
      'Run,Status,Message',
      'inv-1 / orders,ok,',
      '"inv-2 / ""pay, ments""",failed,"Got 78 results | configured\nto fail"',
    ].join('\r\n'));
    expect(formatRows({ headers: ['a'], rows: [[' lead'], ['plain']] }, 'csv')).toBe('a\r\n" lead"\r\nplain');
  });

  it('as JSON: one object per row keyed by the titles, NULL as null, repeated titles kept apart', () => {
    expect(JSON.parse(formatRows(shown, 'json'))).toEqual([
      { Run: 'inv-1 / orders', Status: 'ok', Message: null },
      { Run: 'inv-2 / "pay, ments"', Status: 'failed', Message: 'Got 78 results | configured\nto fail' },
    ]);
    expect(JSON.parse(formatRows({ headers: ['x', 'x'], rows: [['1', '2']] }, 'json'))).toEqual([{ x: '1', 'x (2)': '2' }]);
  });

  it('as Markdown: a table whose rows stay one line each, pipes escaped, NULL as shown', () => {
    expect(formatRows(shown, 'markdown')).toBe([
      '| Run | Status | Message |',
      '| --- | --- | --- |',
      '| inv-1 / orders | ok | NULL |',
      '| inv-2 / "pay, ments" | failed | Got 78 results \\| configured to fail |',
    ].join('\n'));
  });

  it('a single cell is its shown text', () => {
    expect(formatCell('2026-10-01 10:00:00')).toBe('2026-10-01 10:00:00');
    expect(formatCell(null)).toBe('NULL');
  });
});
