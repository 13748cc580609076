import type { AuditModel } from '../../shared/model/audit-model';
import type { Profile } from './profile';
import { hasColumns, tablesBySchema } from './profile';

/**
 * ddeutil-workflow file audits (`workflow=NAME/release=…/*.log`, read by the JSON source into
 * `ddeutil_runs` and `ddeutil_jobs`): one run per audit file, its jobs (and matrix strategies)
 * as steps. The cache keeps statuses as written, in any of the three encodings; strings are
 * normalised here, and integer codes read as the 1-based era unless the string forms appear.
 */
export const ddeutilFileAuditProfile: Profile = {
  id: 'ddeutil-audit',
  title: 'ddeutil-workflow audits',
  detect(catalog) {
    const found: AuditModel[] = [];
    if (catalog.source.kind !== 'json') {
      return found;
    }
    for (const tables of tablesBySchema(catalog).values()) {
      const runs = tables.get('ddeutil_runs');
      if (!runs || !hasColumns(runs, ['workflow', 'release', 'run_id', 'status'])) {
        continue;
      }
      const jobs = tables.get('ddeutil_jobs');
      found.push({
        formatId: 'ddeutil-audit',
        title: this.title,
        runs: {
          table: { schema: runs.schema, name: runs.name },
          // Run ids are a UTC timestamp plus a name hash, unique within a workflow's audit tree.
          key: ['workflow', 'run_id'],
          unique: true,
          name: 'workflow',
          started: hasColumns(runs, ['exec_start']) ? 'exec_start' : 'release',
          ...(hasColumns(runs, ['exec_end']) ? { ended: 'exec_end' } : {}),
          ...(hasColumns(runs, ['exec_latency']) ? { duration: { column: 'exec_latency', unit: 's' as const } } : {}),
          // status_name: the integer codes read as the writer's era defines them (cache format 3).
          status: hasColumns(runs, ['status_name']) ? 'status_name' : 'status',
          ...(hasColumns(runs, ['errors']) ? { message: 'errors' } : {}),
          ...(hasColumns(runs, ['parent_run_id']) ? { parent: { column: 'parent_run_id', key: 'run_id' } } : {}),
        },
        steps: jobs && hasColumns(jobs, ['workflow', 'run_id', 'job_id'])
          ? {
              table: { schema: jobs.schema, name: jobs.name },
              runKey: ['workflow', 'run_id'],
              order: [{ column: '_line' }, { column: 'job_id' }],
              name: 'job_id',
              // Jobs written by ddeutil-workflow >= v0.0.80 carry info.exec_start / exec_end.
              ...(hasColumns(jobs, ['exec_start']) ? { at: 'exec_start' } : {}),
              ...(hasColumns(jobs, ['exec_start', 'exec_end']) ? { interval: { kind: 'end' as const, column: 'exec_end' } } : {}),
              status: hasColumns(jobs, ['status_name']) ? 'status_name' : 'status',
              ...(hasColumns(jobs, ['errors']) ? { message: 'errors' } : {}),
            }
          : null,
        runStatus: {
          success: 'ok', failed: 'failed', cancel: 'failed', wait: 'running', skip: 'skipped',
          '1': 'ok', '2': 'failed', '3': 'running', '4': 'skipped', '5': 'failed',
        },
        stepStatus: { success: 'ok', failed: 'failed', cancel: 'failed', wait: 'running', skip: 'skipped', '1': 'ok', '2': 'failed', '3': 'running', '4': 'skipped', '5': 'failed' },
        naiveTime: 'utc',
        timeline: true,
        lineage: [],
      });
    }
    return found;
  },
};
