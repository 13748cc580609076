import { describe, expect, it } from 'vitest';
import { durationContradiction } from '../../../renderer/features/runs/duration-format';

// Issue 13 item 13: a ddeutil-workflow run from 21:00:00 to 21:03:09 whose metadata says
// exec_latency 0.587 (seconds, as ddeutil's Result writes it): the run lasted 189 s.
describe('durations that contradict the format\'s own figure', () => {
  it('flags the format\'s figure when it disagrees with end − start by more than a second and a tenth', () => {
    expect(durationContradiction(189, 0.587, 's')).toBe(0.587);
    expect(durationContradiction(189, 587, 'ms')).toBe(0.587);
  });

  it('says nothing when they agree, or one is missing', () => {
    expect(durationContradiction(189, 189.4, 's')).toBeNull();
    expect(durationContradiction(2.0, 2.5, 's')).toBeNull();
    expect(durationContradiction(null, 0.587, 's')).toBeNull();
    expect(durationContradiction(189, null, 's')).toBeNull();
  });
});
