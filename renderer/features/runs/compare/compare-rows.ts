/**
 * How a comparison of two runs reads on screen: which headline fields sit side by side, what
 * colour a step row gets (status differs: red-ish; duration differs: amber), offsets and the
 * summary line. Pure, so the rules are tested without a browser.
 */
import type { RunComparison } from '../../../../shared/api/contract';
import type { ComparedSide, ComparedStep } from '../../../../shared/model/compare-runs';
import type { CellValue } from '../../../../shared/model/values';
import { formatDuration } from '../duration-format';

/** Run fields shown side by side at the top, in this order (when the format has them). */
export const HEADLINE_COLUMNS = ['run_id', 'run_name', 'status', 'started_at', 'ended_at', 'duration_s', 'actor', 'message'] as const;

/** One headline field of both runs. */
export interface HeadlineRow {
  readonly column: string;
  readonly a: CellValue;
  readonly b: CellValue;
  readonly differs: boolean;
}

/** The headline fields of both runs; fields empty on both sides are left out. */
export function headlineRows(comparison: Pick<RunComparison, 'columns' | 'a' | 'b'>): HeadlineRow[] {
  return HEADLINE_COLUMNS.flatMap((column) => {
    const i = comparison.columns.indexOf(column);
    if (i < 0) {
      return [];
    }
    const a = comparison.a[i] ?? null;
    const b = comparison.b[i] ?? null;
    if (a === null && b === null) {
      return [];
    }
    return [{ column, a, b, differs: JSON.stringify(a) !== JSON.stringify(b) }];
  });
}

/** What sets a step row apart: its status (or presence) differs, only its duration, or nothing. */
export type CompareRowKind = 'status' | 'duration' | 'same';

/** The kind of a step row; a status difference outranks a duration one. */
export function compareRowKind(step: ComparedStep): CompareRowKind {
  if (step.statusDiffers) {
    return 'status';
  }
  return step.durationDiffers ? 'duration' : 'same';
}

/** The CSS classes of a step row: its kind, and `cmp-one-side` when one run lacks the step. */
export function compareRowClass(step: ComparedStep): string {
  const oneSide = step.a === null || step.b === null;
  return `cmp-row cmp-${compareRowKind(step)}${oneSide ? ' cmp-one-side' : ''}`;
}

/** Shown in every cell of the side a step is missing from. */
export const MISSING = '—';

/** A side's duration as text: `—` when the run lacks the step, empty when the duration is unknown. */
export function sideDuration(side: ComparedSide | null): string {
  return side === null ? MISSING : formatDuration(side.durationS);
}

/** A side's offset from its run's first step: `+1 min 05 s`; `—` when the run lacks the step. */
export function sideOffset(side: ComparedSide | null): string {
  if (side === null) {
    return MISSING;
  }
  if (side.offsetS === null) {
    return '';
  }
  return side.offsetS === 0 ? '+0 s' : `+${formatDuration(side.offsetS)}`;
}

/** A side's step message: `—` when the run lacks the step, empty when the step has none. */
export function sideMessage(side: ComparedSide | null): string {
  return side === null ? MISSING : side.message ?? '';
}

/** Whether the steps table gets its message columns: a format whose steps carry none gets no empty ones. */
export function hasMessages(steps: readonly ComparedStep[]): boolean {
  return steps.some((s) => (s.a?.message ?? null) !== null || (s.b?.message ?? null) !== null);
}

/** Counts for the comparison's summary line. */
export interface CompareSummary {
  readonly steps: number;
  readonly statusDiffers: number;
  readonly durationDiffers: number;
  readonly onlyA: number;
  readonly onlyB: number;
}

/** Counts steps, differences, and steps only one run has. */
export function compareSummary(steps: readonly ComparedStep[]): CompareSummary {
  return {
    steps: steps.length,
    statusDiffers: steps.filter((s) => s.a !== null && s.b !== null && s.statusDiffers).length,
    durationDiffers: steps.filter((s) => compareRowKind(s) === 'duration').length,
    onlyA: steps.filter((s) => s.b === null).length,
    onlyB: steps.filter((s) => s.a === null).length,
  };
}

/** The summary as one line: `12 steps · 2 statuses differ · 1 duration differs · 1 only in B`. */
export function summaryText(s: CompareSummary): string {
  const parts = [`${s.steps} step${s.steps === 1 ? '' : 's'}`];
  if (s.statusDiffers > 0) {
    parts.push(`${s.statusDiffers} status${s.statusDiffers === 1 ? ' differs' : 'es differ'}`);
  }
  if (s.durationDiffers > 0) {
    parts.push(`${s.durationDiffers} duration${s.durationDiffers === 1 ? ' differs' : 's differ'}`);
  }
  if (s.onlyA > 0) {
    parts.push(`${s.onlyA} only in A`);
  }
  if (s.onlyB > 0) {
    parts.push(`${s.onlyB} only in B`);
  }
  if (parts.length === 1) {
    parts.push('no differences');
  }
  return parts.join(' · ');
}

/** The steps to list: all, or only those that differ in status, presence or duration. */
export function shownSteps(steps: readonly ComparedStep[], onlyDifferences: boolean): readonly ComparedStep[] {
  return onlyDifferences ? steps.filter((s) => compareRowKind(s) !== 'same') : steps;
}
