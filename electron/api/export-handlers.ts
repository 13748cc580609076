/**
 * The export calls of the contract: start a job (Electron: the save dialog in main picks the
 * file; browser mode: the server writes into its cache for download), poll it, cancel it. Jobs
 * run through export-service, the same path as `auditlens export`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportJobStatus, ExportOptionsInput } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/dispatch';
import { AuditlensError, toApiError } from '../../shared/api/result';
import type { TableQuery, ViewQuery } from '../../shared/model/view-request';
import type { CellValue } from '../../shared/model/values';
import type { Plan } from '../../shared/query/plan';
import { defaultAppPaths } from '../app-data/app-paths';
import { checkTarget } from '../export/export-file';
import { runExport } from '../export/export-service';
import { exportLineageCsv } from '../export/lineage-export';
import { runConsoleExport } from '../export/console-export';
import { lineageGraph } from '../views/lineage-query';
import type { ExportView } from '../export/provenance';
import type { Source } from '../sources/source';
import type { FormatCatalogs } from '../views/format-catalogs';
import { runsPlan } from '../views/runs-plan';
import { stepsExportPlan } from '../views/view-plans';
import type { Services } from './services';

/** The export calls, spread into `createHandlers`. */
export type ExportHandlers = Pick<Handlers, 'export.start' | 'export.startView' | 'export.startLineage' | 'export.startConsole' | 'export.countView' | 'export.progress' | 'export.cancel'>;

/** Time a count ahead of a view export may take before it answers "at least N". */
const COUNT_BUDGET_MS = 2_000;

/** Browser-mode exports older than this are deleted when the next export starts. */
const KEEP_DOWNLOADS_MS = 24 * 3_600_000;
/** Finished jobs remembered for polling and download. */
const KEEP_JOBS = 100;

interface Job {
  status: ExportJobStatus;
  readonly controller: AbortController;
}

/** Builds the export handlers; `planFor` checks a request's names against the store's catalog. */
export function createExportHandlers(services: Services, formats: FormatCatalogs, planFor: (source: Source, query: TableQuery, raw?: boolean) => Promise<Plan>): ExportHandlers {
  const jobs = new Map<string, Job>();
  const paths = (): { dataDir: string; cacheDir: string } => services.paths ?? defaultAppPaths();

  const remember = (jobId: string, job: Job): void => {
    jobs.set(jobId, job);
    for (const [id, j] of jobs) {
      if (jobs.size <= KEEP_JOBS) {
        break;
      }
      if (j.status.state !== 'running') {
        jobs.delete(id);
      }
    }
  };

  /** Starts one export job of a plan: the save dialog (Electron) or the download folder, then the run. */
  const startJob = (
    source: Source,
    plan: Plan,
    query: TableQuery,
    view: ExportView | undefined,
    options: ExportOptionsInput,
    target: string | undefined,
  ): Promise<{ jobId: string | null }> => launch(source, target ?? `${plan.table.name}.csv`, (file, signal, onProgress) => runExport({
    source, query, plan, view, target: file, options, appVersion: services.version, dataDir: paths().dataDir, signal, onProgress,
  }));

  /** Picks the file (save dialog, or the download folder), registers the job and runs `work` into it. */
  const launch = async (
    source: Source,
    suggested: string,
    work: (file: string, signal: AbortSignal, onProgress: (p: { rows: number; bytes: number; rate: number; etaMs: number | null; totalRows: number | null }) => void) => Promise<{ rows: number; bytes: number; totalRows: number | null; path: string }>,
  ): Promise<{ jobId: string | null }> => {
    const jobId = crypto.randomUUID();
    const name = safeFileName(suggested);
    let file: string;
    let downloadable: boolean;
    if (services.pickSaveFile) {
      const picked = await services.pickSaveFile(name);
      if (picked === null) {
        return { jobId: null };
      }
      file = picked;
      downloadable = false;
    } else {
      const root = path.join(paths().cacheDir, 'exports');
      pruneOldDownloads(root);
      fs.mkdirSync(path.join(root, jobId), { recursive: true, mode: 0o700 });
      file = path.join(root, jobId, name);
      downloadable = true;
    }
    // Refuse a bad target (the store itself, a folder) now, not as a failed job a moment later.
    checkTarget(source, file);
    const job: Job = {
      controller: new AbortController(),
      status: { state: 'running', rows: 0, bytes: 0, rate: 0, etaMs: null, totalRows: null, path: null, error: null, download: null },
    };
    remember(jobId, job);
    work(file, job.controller.signal, (p) => {
      if (job.status.state === 'running') {
        job.status = { ...job.status, rows: p.rows, bytes: p.bytes, rate: p.rate, etaMs: p.etaMs, totalRows: p.totalRows };
      }
    }).then(
      (r) => {
        job.status = {
          ...job.status, state: 'done', rows: r.rows, bytes: r.bytes, etaMs: 0, totalRows: r.totalRows, path: r.path,
          download: downloadable ? `/download/${jobId}` : null,
        };
      },
      (e: unknown) => {
        const error = toApiError(e);
        job.status = { ...job.status, state: error.code === 'cancelled' ? 'cancelled' : 'failed', etaMs: null, error };
        if (downloadable) {
          fs.rmSync(path.dirname(file), { recursive: true, force: true });
        }
      },
    );
    return { jobId };
  };

  /** The plan a view export runs: the runs view's, or its steps' with the run columns joined. */
  const viewPlan = async (storeId: string, format: string, kind: 'runs' | 'steps', query: ViewQuery, runKey: readonly CellValue[] | undefined) => {
    const fc = await formats.of(storeId);
    const f = fc.find(format);
    return { f, source: fc.source, plan: kind === 'runs' ? await runsPlan(fc.source, f, query, fc.medians) : stepsExportPlan(f, query, runKey ?? null) };
  };

  return {
    'export.start': async ({ storeId, query, options, target }) => {
      const source = services.stores.get(storeId);
      return startJob(source, await planFor(source, query, !options.safe), query, undefined, options, target);
    },
    'export.startView': async ({ storeId, format, kind, query, runKey, options, target }) => {
      const { f, source, plan } = await viewPlan(storeId, format, kind, query, runKey);
      const tableQuery: TableQuery = {
        table: { schema: plan.table.schema, name: plan.table.name },
        columns: plan.columns.map((c) => c.name),
        filters: [...query.filters],
        sort: [...query.sort],
      };
      // Run filters and the run key select runs, not rows of the steps table: the record keeps them apart.
      const view: ExportView = {
        kind, format: f.model.formatId, runFilters: kind === 'steps' ? query.runFilters : undefined, runKey: kind === 'steps' ? runKey : undefined, window: query.window,
      };
      return startJob(source, plan, tableQuery, view, options, target ?? `${f.model.formatId}-${kind}.csv`);
    },
    'export.startLineage': async ({ storeId, options, target, ...req }) => {
      const fc = await formats.of(storeId);
      const f = fc.find(req.format);
      return launch(fc.source, target ?? `${f.model.formatId}-lineage.csv`, async (file, signal) => {
        const graph = await lineageGraph(fc, req, signal);
        return exportLineageCsv({ source: fc.source, graph, request: { ...req, format: f.model.formatId }, target: file, options, appVersion: services.version, dataDir: paths().dataDir, signal });
      });
    },
    'export.startConsole': async ({ storeId, sql, options, target }) => {
      const source = services.stores.get(storeId);
      return launch(source, target ?? 'query.csv', async (file, signal, onProgress) => {
        const r = await runConsoleExport({ source, sql, target: file, options, appVersion: services.version, dataDir: paths().dataDir, signal, onProgress: (p) => onProgress({ ...p, rate: 0, etaMs: null, totalRows: null }) });
        return { rows: r.rows, bytes: r.bytes, totalRows: r.rows, path: r.path };
      });
    },
    'export.countView': async ({ storeId, format, kind, query, runKey }) => {
      const { source, plan } = await viewPlan(storeId, format, kind, query, runKey);
      return source.count(plan, COUNT_BUDGET_MS);
    },
    'export.progress': async ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job) {
        throw new AuditlensError('not-found', 'There is no export with that id; it may have finished long ago.');
      }
      return job.status;
    },
    'export.cancel': async ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job || job.status.state !== 'running') {
        return false;
      }
      job.controller.abort();
      return true;
    },
  };
}

/**
 * A file name safe on every OS: no folders, control or reserved characters, no leading dots;
 * `.csv` added when there is no extension.
 */
export function safeFileName(suggested: string): string {
  const base = suggested.split(/[\\/]/).pop() ?? '';
  let name = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 150);
  if (name === '' || /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name)) {
    name = `export${name === '' ? '' : `-${name}`}`;
  }
  return /\.[A-Za-z0-9]{1,5}$/.test(name) ? name : `${name}.csv`;
}

/** Deletes browser-mode export folders older than a day (the renderer has downloaded them by then). */
function pruneOldDownloads(root: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return;
  }
  const cutoff = Date.now() - KEEP_DOWNLOADS_MS;
  for (const name of names) {
    const dir = path.join(root, name);
    try {
      const stat = fs.lstatSync(dir);
      if (stat.isDirectory() && stat.mtimeMs < cutoff && /^[0-9a-f-]{36}$/.test(name)) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } catch {
      // Already gone.
    }
  }
}
