import { describe, expect, it } from 'vitest';
import { scanAll, values } from '../../unit/json/scan-helpers';

describe('JSON Lines: a line break outside a string ends the record', () => {
  it('H5-open-line: a line left open ({"a":1,) is one problem; the next valid line loads', () => {
    for (const chunk of [1, 3, 4096]) {
      const { records, issues } = scanAll('{"a":1,\n{"a":2}\n{"b":\n[1,\n{"a":3}\n', { lines: true, chunk });
      expect(values(records), `chunk ${chunk}`).toEqual([{ a: 2 }, { a: 3 }]);
      expect(issues.map((i) => [i.line, i.message])).toEqual([
        [1, 'the line ends before its JSON value is complete; the record that starts on line 1 was skipped'],
        [3, 'the line ends before its JSON value is complete; the record that starts on line 3 was skipped'],
        [4, 'the line ends before its JSON value is complete; the record that starts on line 4 was skipped'],
      ]);
    }
  });

  it('H5-deep-line: a line with more than 64 [ costs only itself, whatever follows', () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => (i === 3 ? '['.repeat(100) : JSON.stringify({ i })));
    const { records, issues } = scanAll(`${lines.join('\n')}\n`, { lines: true, chunk: 512 });
    expect(values(records)).toHaveLength(1_999);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/^the record that starts on line 4 nests deeper than 64 levels/);
  });
});
