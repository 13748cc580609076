import { useEffect, useState } from 'react';
import type { CellValue } from '../../../shared/model/values';
import { call } from '../../app/api-client';
import { useReportError } from '../../app/error-context';

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
export function useFullRun(storeId: string, format: string, runId: CellValue, loaded: readonly (readonly [string, CellValue])[]): FullRun {
  const report = useReportError();
  const [full, setFull] = useState<FullRun | null>(null);
  const id = typeof runId === 'string' || typeof runId === 'number' ? runId : null;

  useEffect(() => {
    if (id === null) {
      return undefined;
    }
    let live = true;
    void call('runs.page', { storeId, format, query: { filters: [{ column: 'run_id', op: 'eq', value: id }], sort: [] }, startRow: 0, endRow: 2 }).then((r) => {
      if (!live) {
        return;
      }
      if (!r.ok) {
        report(r.error, 'Reading the whole run');
        return;
      }
      const row = r.value.rows[0];
      // Two rows under one id would make "the run" ambiguous: keep what the grid showed.
      if (row && r.value.rows.length === 1) {
        setFull({ fields: r.value.columns.map((c, i) => [c, row[i] ?? null] as const), complete: true });
      }
    });
    return () => {
      live = false;
    };
  }, [storeId, format, id, report]);

  return full ?? { fields: loaded, complete: false };
}
