import { describe, expect, it } from 'vitest';
import { clampSplit } from '../../../renderer/components/split-size';

describe('clampSplit', () => {
  it('keeps both parts at least their minimum height', () => {
    expect(clampSplit(0.5, 1000, 100, 100)).toBe(0.5);
    expect(clampSplit(0.01, 1000, 100, 100)).toBe(0.1);
    expect(clampSplit(0.99, 1000, 100, 200)).toBe(0.8);
  });

  it('shares a too-small room by the minimums, and survives nonsense', () => {
    expect(clampSplit(0.9, 100, 100, 300)).toBe(0.25);
    expect(clampSplit(Number.NaN, 1000, 100, 100)).toBe(0.5);
    expect(clampSplit(0.3, 0, 100, 100)).toBe(0.5);
  });
});
