import { describe, expect, it } from 'vitest';
import type { ComparedStep } from '../../../shared/model/compare-runs';
import {
  compareRowClass, compareRowKind, compareSummary, hasMessages, headlineRows, shownSteps, sideDuration, sideMessage, sideOffset, summaryText,
} from '../../../renderer/features/runs/compare/compare-rows';

const side = (status: 'ok' | 'failed', durationS: number | null, offsetS: number | null = 0, message: string | null = null) => ({ status, rawStatus: status.toUpperCase(), offsetS, durationS, message });
const step = (name: string, a: ComparedStep['a'], b: ComparedStep['b'], durationDiffers = false): ComparedStep => ({
  name, occurrence: 1, a, b, statusDiffers: a === null || b === null || a.status !== b.status, durationDiffers,
});

describe('compare rows', () => {
  const same = step('compile', side('ok', 2), side('ok', 2.2));
  const failed = step('run', side('ok', 4), side('failed', 1, 4), true);
  const slower = step('test', side('ok', 3), side('ok', 30), true);
  const onlyA = step('seed', side('ok', 1), null);
  const onlyB = step('docs', null, side('ok', 1));

  it('colours status differences red-ish before duration differences amber', () => {
    expect(compareRowKind(same)).toBe('same');
    expect(compareRowKind(failed)).toBe('status');
    expect(compareRowKind(slower)).toBe('duration');
    expect(compareRowClass(same)).toBe('cmp-row cmp-same');
    expect(compareRowClass(failed)).toBe('cmp-row cmp-status');
    expect(compareRowClass(slower)).toBe('cmp-row cmp-duration');
  });

  it('marks steps only one run has, which also count as a status difference', () => {
    expect(compareRowClass(onlyA)).toBe('cmp-row cmp-status cmp-one-side');
    expect(compareRowClass(onlyB)).toBe('cmp-row cmp-status cmp-one-side');
  });

  it('shows an em-dash on the missing side, and nothing for an unknown duration', () => {
    expect(sideDuration(null)).toBe('—');
    expect(sideOffset(null)).toBe('—');
    expect(sideDuration(side('ok', null))).toBe('');
    expect(sideDuration(side('ok', 65))).toBe('1 min 05 s');
    expect(sideOffset(side('ok', 1, 0))).toBe('+0 s');
    expect(sideOffset(side('ok', 1, 4.2))).toBe('+4.2 s');
    expect(sideOffset(side('ok', 1, null))).toBe('');
  });

  it("shows each side's step message, an em-dash where the run lacks the step, and no message columns when no step has one", () => {
    const error = step('run', side('ok', 4, 0, 'OK'), side('failed', 1, 4, 'Got 78 results, configured to fail if != 0'), true);
    expect(sideMessage(error.a)).toBe('OK');
    expect(sideMessage(error.b)).toBe('Got 78 results, configured to fail if != 0');
    expect(sideMessage(null)).toBe('—');
    expect(sideMessage(side('ok', 1))).toBe('');
    expect(hasMessages([same, failed, onlyA, onlyB])).toBe(false);
    expect(hasMessages([same, error])).toBe(true);
    expect(hasMessages([step('docs', null, side('ok', 1, 0, 'done'))])).toBe(true);
  });

  it('summarises the differences in one line', () => {
    const all = [same, failed, slower, onlyA, onlyB];
    expect(compareSummary(all)).toEqual({ steps: 5, statusDiffers: 1, durationDiffers: 1, onlyA: 1, onlyB: 1 });
    expect(summaryText(compareSummary(all))).toBe('5 steps · 1 status differs · 1 duration differs · 1 only in A · 1 only in B');
    expect(summaryText(compareSummary([same]))).toBe('1 step · no differences');
  });

  it('lists only differing steps on request', () => {
    expect(shownSteps([same, failed, slower, onlyA], true)).toEqual([failed, slower, onlyA]);
    expect(shownSteps([same, failed], false)).toHaveLength(2);
  });

  it('puts the headline fields side by side, skipping fields empty in both runs', () => {
    const rows = headlineRows({
      columns: ['run_id', 'run_name', 'status', 'raw_status', 'started_at', 'actor', 'x.own'],
      a: ['1', 'model', 'failed', 'ERROR', '2024-01-01 00:00:00', null, 'q'],
      b: ['2', 'model', 'ok', 'success', '2024-01-02 00:00:00', null, 'r'],
    });
    expect(rows.map((r) => [r.column, r.differs])).toEqual([['run_id', true], ['run_name', false], ['status', true], ['started_at', true]]);
  });
});
