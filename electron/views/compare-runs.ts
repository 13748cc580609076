import type { PageResult, RunComparison } from '../../shared/api/contract';
import { AuditlensError } from '../../shared/api/result';
import type { StatusClass } from '../../shared/model/audit-model';
import type { StepPoint } from '../../shared/model/compare-runs';
import { compareSteps } from '../../shared/model/compare-runs';
import { parseTimestamp } from '../../shared/model/timestamps';
import type { CellValue } from '../../shared/model/values';
import { cellToText } from '../../shared/model/values';
import type { Source } from '../sources/source';
import type { StoreFormat } from './store-formats';
import { runKeyFilters, stepsPlan, viewPlan } from './view-plans';

/** Most steps of one run a comparison reads. */
const MAX_COMPARED_STEPS = 5_000;

async function runRow(source: Source, f: StoreFormat, key: readonly CellValue[]): Promise<PageResult> {
  const page = await source.page(viewPlan(f.runs, { filters: runKeyFilters(f.runs, key), sort: [] }), 0, 2);
  if (page.rows.length === 0) {
    throw new AuditlensError('not-found', 'One of the runs to compare is not in the store.');
  }
  return page;
}

async function stepPoints(source: Source, f: StoreFormat, key: readonly CellValue[], naive: 'utc' | 'local'): Promise<StepPoint[]> {
  const page = await source.page(stepsPlan(f, { columns: ['step_name', 'status', 'raw_status', 'at', 'message'], filters: [], sort: [] }, key), 0, MAX_COMPARED_STEPS);
  return page.rows.map((r) => {
    const at = typeof r[3] === 'string' ? parseTimestamp(r[3], { naive }) : null;
    return {
      name: r[0] === null || r[0] === undefined ? '(unnamed)' : cellToText(r[0]),
      status: (typeof r[1] === 'string' ? r[1] : 'unknown') as StatusClass,
      rawStatus: r[2] === null || r[2] === undefined ? null : cellToText(r[2]),
      atMs: at ? at.epochMs : null,
      message: r[4] === null || r[4] === undefined || cellToText(r[4]) === '' ? null : cellToText(r[4]),
    };
  });
}

/** Two runs of the same name with their steps matched by name; runs of different names are refused. */
export async function compareRuns(source: Source, f: StoreFormat, a: readonly CellValue[], b: readonly CellValue[]): Promise<RunComparison> {
  if (!f.steps) {
    throw new AuditlensError('unsupported', `The ${f.model.formatId} format has no steps to compare.`);
  }
  const [ra, rb] = [await runRow(source, f, a), await runRow(source, f, b)];
  const nameAt = ra.columns.indexOf('run_name');
  const [na, nb] = [ra.rows[0]?.[nameAt] ?? null, rb.rows[0]?.[nameAt] ?? null];
  if (JSON.stringify(na) !== JSON.stringify(nb)) {
    throw new AuditlensError('bad-input', `Only runs of the same name can be compared ("${cellToText(na)}" and "${cellToText(nb)}" differ).`);
  }
  const naive = f.model.naiveTime;
  const steps = compareSteps(await stepPoints(source, f, a, naive), await stepPoints(source, f, b, naive));
  return { columns: ra.columns, a: ra.rows[0] ?? [], b: rb.rows[0] ?? [], steps };
}
