import { describe, expect, it } from 'vitest';
import type { StepPoint } from '../../../shared/model/compare-runs';
import { compareSteps } from '../../../shared/model/compare-runs';

const at = (s: number): number => Date.UTC(2026, 0, 1) + s * 1000;
const step = (name: string, status: StepPoint['status'], s: number | null): StepPoint => ({ name, status, rawStatus: status, atMs: s === null ? null : at(s) });

describe('comparing two runs step by step', () => {
  it('matches steps by name and occurrence, and flags what differs', () => {
    const a = [step('compile', 'ok', 0), step('execute', 'ok', 2), step('test', 'ok', 10), step('test', 'ok', 11), step('done', 'ok', 12)];
    const b = [step('compile', 'ok', 0), step('execute', 'failed', 2), step('test', 'ok', 40), step('retry', 'ok', 41)];
    const r = compareSteps(a, b);
    expect(r.map((x) => [x.name, x.occurrence])).toEqual([['compile', 1], ['execute', 1], ['test', 1], ['test', 2], ['done', 1], ['retry', 1]]);
    expect(r.find((x) => x.name === 'execute')?.statusDiffers).toBe(true);
    expect(r.find((x) => x.name === 'execute')?.durationDiffers).toBe(true);
    expect(r.find((x) => x.name === 'compile')).toMatchObject({ statusDiffers: false, durationDiffers: false, a: { offsetS: 0, durationS: 2 } });
    expect(r.find((x) => x.name === 'test' && x.occurrence === 2)).toMatchObject({ b: null, statusDiffers: true });
    expect(r.find((x) => x.name === 'retry')).toMatchObject({ a: null, b: { offsetS: 41, durationS: null } });
  });

  it("carries each side's step message, null when the step has none", () => {
    const r = compareSteps([{ ...step('x', 'ok', 0), message: 'OK' }, step('y', 'ok', 1)], [{ ...step('x', 'failed', 0), message: 'Got 78 results, configured to fail if != 0' }]);
    expect(r[0]).toMatchObject({ a: { message: 'OK' }, b: { message: 'Got 78 results, configured to fail if != 0' } });
    expect(r[1]).toMatchObject({ a: { message: null }, b: null });
  });

  it('does not call small timing noise a difference, and copes with unknown times', () => {
    const r = compareSteps([step('x', 'ok', 0), step('y', 'ok', 10)], [step('x', 'ok', null), step('y', 'ok', 0), step('z', 'ok', 10.4)]);
    expect(r[0]).toMatchObject({ durationDiffers: false, b: { offsetS: null, durationS: null } });
    expect(r[1]?.durationDiffers).toBe(false);
  });
});
