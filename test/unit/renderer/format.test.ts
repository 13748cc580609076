import { describe, expect, it } from 'vitest';
import { formatInt, formatMs, formatRowCount, rowsNoun } from '../../../renderer/components/format';

describe('format', () => {
  it('groups thousands', () => {
    expect(formatInt(1234)).toBe('1,234');
    expect(formatInt(0)).toBe('0');
    expect(formatInt(1234567)).toBe('1,234,567');
  });

  it('marks inexact counts as lower bounds', () => {
    expect(formatRowCount({ value: 1234, exact: true })).toBe('1,234');
    expect(formatRowCount({ value: 10000, exact: false })).toBe('≥ 10,000');
  });

  it('formats durations and nouns', () => {
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(1450)).toBe('1.4 s');
    expect(formatMs(25_000)).toBe('25 s');
    expect(rowsNoun({ value: 1, exact: true })).toBe('row');
    expect(rowsNoun({ value: 1, exact: false })).toBe('rows');
  });
});
