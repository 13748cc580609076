import { describe, expect, it } from 'vitest';
import { clampSplit, clampWidth } from '../../../renderer/components/split-size';

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

describe('clampWidth', () => {
  it('keeps a side panel between its minimum and what leaves the part beside it room', () => {
    expect(clampWidth(400, 1000, 220, 260)).toBe(400);
    expect(clampWidth(100, 1000, 220, 260)).toBe(220);
    expect(clampWidth(900, 1000, 220, 260)).toBe(740);
  });

  it('gives the minimum when the room is too small for both, and survives nonsense', () => {
    expect(clampWidth(500, 300, 220, 260)).toBe(220);
    expect(clampWidth(Number.NaN, 1000, 220, 260)).toBe(220);
    expect(clampWidth(333.4, 1000, 220, 260)).toBe(333);
  });
});
