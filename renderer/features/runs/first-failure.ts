/** The first failed step of a run: what a user opening a failed run wants to read first. */
import type { PageResult } from '../../../shared/api/contract';
import type { ColumnFilter } from '../../../shared/model/view-request';
import type { CellValue } from '../../../shared/model/values';
import { cellToText } from '../../../shared/model/values';

/** The steps filter that finds a run's failed steps, in the format's step order. */
export const FAILED_STEPS: readonly ColumnFilter[] = [{ column: 'status', op: 'eq', value: 'failed' }];

/** A failed step as the callout shows it. */
export interface FailedStep {
  readonly name: string;
  readonly at: CellValue;
  readonly message: string | null;
  /** Every cell of the step, for its fields panel. */
  readonly cells: ReadonlyMap<string, CellValue>;
}

/** The first row of a `runs.steps` page filtered by FAILED_STEPS, or null when no step failed. */
export function firstFailedStep(page: PageResult): FailedStep | null {
  const row = page.rows[0];
  if (row === undefined) {
    return null;
  }
  const cells = new Map(page.columns.map((column, c) => [column, row[c] ?? null] as const));
  const text = (column: string): string | null => {
    const v = cells.get(column);
    return v === null || v === undefined || cellToText(v).trim() === '' ? null : cellToText(v);
  };
  return { name: text('step_name') ?? 'unnamed step', at: cells.get('at') ?? null, message: text('message'), cells };
}

/** The error line of a failed run for its heading: its own message, else its first failed step's. */
export function runErrorText(runStatus: CellValue | undefined, runMessage: CellValue | undefined, step: FailedStep | null): string | null {
  if (runStatus !== 'failed') {
    return null;
  }
  const own = runMessage === null || runMessage === undefined ? '' : cellToText(runMessage).trim();
  if (own !== '') {
    return own;
  }
  return step?.message ?? null;
}
