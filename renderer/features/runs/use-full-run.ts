import type { CellValue } from '../../../shared/model/values';
import { useOpenStore } from '../../app/store-context';
import { useApiCall } from '../../app/use-api-call';

/** A run's fields: as loaded in the grid at first, then every column once the whole row arrives. */
export interface FullRun {
  readonly fields: readonly (readonly [string, CellValue])[];
  readonly complete: boolean;
}

/**
 * Fetches every column of one run: the runs page filtered on its `run_id` (a normalised column
 * of every format), so no call beyond the contract's runs calls is needed. Until it arrives, or
 * when the run has no usable id, the cells the grid loaded are shown.
 */
export function useFullRun(format: string, runId: CellValue, loaded: readonly (readonly [string, CellValue])[]): FullRun {
  const { storeId } = useOpenStore();
  const id = typeof runId === 'string' || typeof runId === 'number' ? runId : null;
  const { value: page } = useApiCall(
    'runs.page',
    id === null ? null : { storeId, format, query: { filters: [{ column: 'run_id', op: 'eq', value: id }], sort: [] }, startRow: 0, endRow: 2 },
    { report: 'Reading the whole run' },
  );
  const row = page?.rows[0];
  // Two rows under one id would make "the run" ambiguous: keep what the grid showed.
  if (page && row && page.rows.length === 1) {
    return { fields: page.columns.map((c, i) => [c, row[i] ?? null] as const), complete: true };
  }
  return { fields: loaded, complete: false };
}
