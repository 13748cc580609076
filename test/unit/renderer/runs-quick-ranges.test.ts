import { describe, expect, it } from 'vitest';
import { QUICK_RANGES, isQuickWindow, quickWindow } from '../../../renderer/features/runs/quick-ranges';

describe('quick ranges', () => {
  it('count back from the newest run and take that run in, in whole seconds', () => {
    expect(quickWindow('2027-03-21T08:15:00.250Z', 3_600_000)).toEqual({ from: '2027-03-21T07:15:00.000Z', to: '2027-03-21T08:15:01.000Z' });
    expect(QUICK_RANGES.map(([label]) => label)).toEqual(['1 h', '24 h', '7 d', '30 d']);
  });

  it('know the window they set, and no other', () => {
    const w = quickWindow('2027-03-21T08:15:00Z', 86_400_000);
    expect(isQuickWindow(w, '2027-03-21T08:15:00Z', 86_400_000)).toBe(true);
    expect(isQuickWindow(w, '2027-03-21T08:15:00Z', 3_600_000)).toBe(false);
    expect(isQuickWindow(undefined, '2027-03-21T08:15:00Z', 3_600_000)).toBe(false);
  });
});
