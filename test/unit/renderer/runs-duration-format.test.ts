import { describe, expect, it } from 'vitest';
import { durationSeconds, formatDuration } from '../../../renderer/features/runs/duration-format';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [0.0004, '1 ms'],
    [0.42, '420 ms'],
    [3.926, '3.9 s'],
    [9.96, '10 s'],
    [42, '42 s'],
    [59.6, '1 min 00 s'],
    [185, '3 min 05 s'],
    [3599.4, '59 min 59 s'],
    [3_720, '1 h 02 min'],
    [86_399, '1 d 00 h'],
    [2 * 86_400 + 3 * 3_600, '2 d 03 h'],
    [-5, '−5.0 s'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('is empty for no duration', () => {
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(Number.NaN)).toBe('');
  });
});

describe('durationSeconds', () => {
  it('reads numbers, numeric text and big integers; nothing else', () => {
    expect(durationSeconds(6)).toBe(6);
    expect(durationSeconds('6.5')).toBe(6.5);
    expect(durationSeconds({ t: 'int', v: '90' })).toBe(90);
    expect(durationSeconds('')).toBeNull();
    expect(durationSeconds('soon')).toBeNull();
    expect(durationSeconds(null)).toBeNull();
    expect(durationSeconds(true)).toBeNull();
  });
});
