import { describe, expect, it } from 'vitest';
import type { PathStep } from '../../../shared/timeline/critical-path';
import { backToBackPath, backToBackTolerance, criticalPath, dependencyPath } from '../../../shared/timeline/critical-path';

const s = (id: string, start: number, end: number | null): PathStep => ({ id, startMs: start * 1_000, endMs: end === null ? null : end * 1_000 });

describe('the critical path of a run', () => {
  it('follows the dependencies that took longest, not the steps that happened to be adjacent', () => {
    // a → c and b → c: c waited for a (longer); d depends on c; e runs on its own, long but off the path.
    const steps = [s('a', 0, 30), s('b', 0, 5), s('c', 31, 40), s('d', 41, 45), s('e', 5, 44)];
    const deps = new Map([['c', ['a', 'b']], ['d', ['c']]]);
    expect(dependencyPath(steps, deps)).toEqual({ ids: ['a', 'c', 'd'], basis: 'dependencies' });
  });

  it('ignores a dependency that started after its dependent (it cannot have been waited for), so cycles end', () => {
    const steps = [s('a', 0, 10), s('b', 10, 20)];
    expect(dependencyPath(steps, new Map([['a', ['b']], ['b', ['a']]]))).toEqual({ ids: ['a', 'b'], basis: 'dependencies' });
  });

  it('says nothing when no dependency joins two of the steps', () => {
    expect(dependencyPath([s('a', 0, 1)], new Map([['a', ['elsewhere']]]))).toBeNull();
  });

  it('without dependencies, takes the longest chain of back-to-back steps', () => {
    // Two chains: x1 → x2 → x3 (26 s in all) and y1 → y2 (37 s, half a second apart); z overlaps y1's start.
    const steps = [s('x1', 0, 10), s('x2', 10, 18), s('x3', 18, 26), s('y1', 2, 20.5), s('y2', 21, 39.5), s('z', 1, 3)];
    expect(backToBackPath(steps, 1_000)).toEqual({ ids: ['y1', 'y2'], basis: 'back-to-back' });
    // A gap wider than the tolerance breaks a chain.
    expect(backToBackPath([s('a', 0, 10), s('b', 15, 20)], 1_000).ids).toEqual(['a']);
  });

  it('leaves point events out, and falls back to back-to-back when the dependencies join nothing', () => {
    const steps = [s('start', 0, null), s('a', 0, 5), s('b', 5, 9), s('complete', 9, null)];
    expect(criticalPath(steps, new Map())).toEqual({ ids: ['a', 'b'], basis: 'back-to-back' });
    expect(criticalPath([s('t', 0, null)], null).ids).toEqual([]);
  });

  it('allows 1 s between back-to-back steps, or 0.5 % of a long run', () => {
    expect(backToBackTolerance([s('a', 0, 10)])).toBe(1_000);
    expect(backToBackTolerance([s('a', 0, 3_600)])).toBe(18_000);
  });
});
