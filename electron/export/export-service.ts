/**
 * The one place that runs an export job, for the CLI and the app alike: options → plan →
 * exportToFile (journalled temp file, atomic rename) → provenance, with progress (rate and time
 * left from a row-count estimate) and cancel through an AbortSignal.
 */
import fs from 'node:fs';
import { AuditlensError } from '../../shared/api/result';
import type { TableQuery } from '../../shared/model/view-request';
import type { Plan } from '../../shared/query/plan';
import type { Source } from '../sources/source';
import type { CsvOptions, TimeMode } from '../csv/csv-format';
import type { FileExportResult } from './export-file';
import { exportToFile, resolveExportTarget } from './export-file';
import type { ExportView } from './provenance';
import { buildProvenance, checkProvenanceTarget, removeStaleProvenance, sha256File, writeProvenance } from './provenance';
import { openExportJournal } from './temp-sweep';

/** Everything a user chooses in the export dialog or on the command line. */
export interface ExportOptions extends CsvOptions {
  readonly bom: boolean;
  readonly time: TimeMode;
  /** Write `x.csv.json` beside `x.csv`. */
  readonly provenance: boolean;
}

/** The defaults: safe mode, comma, LF, no BOM, timestamps as stored, with provenance. */
export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  safe: true, bom: false, delimiter: ',', eol: '\n', time: 'stored', provenance: true,
};

/** Progress of a running export. */
export interface ExportJobProgress {
  readonly rows: number;
  readonly bytes: number;
  /** Rows per second since the start. */
  readonly rate: number;
  /** Time left, when the total is known and the rate measurable. */
  readonly etaMs: number | null;
  /** Rows the view holds, when an exact count came back in time. */
  readonly totalRows: number | null;
  readonly elapsedMs: number;
}

/** One export job. */
export interface ExportJobSpec {
  readonly source: Source;
  /** The view as requested (recorded in the provenance). */
  readonly query: TableQuery;
  /** Set for a runs or steps view of an audit format. */
  readonly view?: ExportView | undefined;
  readonly plan: Plan;
  /** A file path, or '-' for standard output (no provenance, no journal). */
  readonly target: string;
  readonly options: ExportOptions;
  readonly appVersion: string;
  /** The app's data folder, where the journal of in-flight temporary files lives. */
  readonly dataDir: string;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((p: ExportJobProgress) => void) | undefined;
  /** Time allowed for the row count behind the time-left estimate. */
  readonly countBudgetMs?: number | undefined;
}

/** What a finished job wrote. */
export interface ExportJobResult extends FileExportResult {
  readonly provenancePath: string | null;
  readonly totalRows: number | null;
  readonly elapsedMs: number;
}

/** Rate and time left from the rows so far (pure, so the arithmetic is tested on its own). */
export function progressStats(rows: number, elapsedMs: number, totalRows: number | null): { rate: number; etaMs: number | null } {
  const rate = elapsedMs > 0 ? (rows * 1_000) / elapsedMs : 0;
  if (totalRows === null || rate <= 0) {
    return { rate, etaMs: null };
  }
  return { rate, etaMs: Math.max(0, Math.round(((totalRows - rows) * 1_000) / rate)) };
}

/** Runs one export job to completion; rejects with a typed error (code 'cancelled' on abort). */
export async function runExport(spec: ExportJobSpec): Promise<ExportJobResult> {
  const started = Date.now();
  const resolved = spec.target === '-' ? null : resolveExportTarget(spec.source, spec.target);
  // A device or FIFO is streamed into like stdout: no journal, no provenance file beside it.
  const toFile = resolved !== null && !resolved.inPlace;
  const withProvenance = toFile && spec.options.provenance;
  if (withProvenance) {
    // Before anything is written: the sidecar replaces only an earlier record of ours, never the store.
    checkProvenanceTarget(resolved.path, spec.source.info.kind === 'postgres' ? null : spec.source.info.location);
  }
  let totalRows: number | null = null;
  // The count only feeds the time-left estimate; without a progress listener it would be a wasted scan.
  const counting = spec.onProgress
    ? spec.source.count(spec.plan, spec.countBudgetMs ?? 2_000, spec.signal).then(
      (c) => {
        totalRows = c.exact ? c.value : null;
      },
      () => undefined,
    )
    : Promise.resolve();
  // Hash the store while the rows stream, so provenance costs little extra wall time.
  const stopHashing = new AbortController();
  const hashSignal = spec.signal ? AbortSignal.any([spec.signal, stopHashing.signal]) : stopHashing.signal;
  const hashing = withProvenance && spec.source.info.kind === 'sqlite'
    ? sha256File(spec.source.info.location, hashSignal).catch(() => null)
    : Promise.resolve(null);
  // The rate counts from the first progress report, so start-up (processes, open, threads) does not drag it down.
  let first: { at: number; rows: number } | null = null;
  const emit = (rows: number, bytes: number): void => {
    const now = Date.now();
    first ??= { at: now, rows };
    const stats = now - first.at >= 500
      ? progressStats(rows - first.rows, now - first.at, totalRows === null ? null : totalRows - first.rows)
      : progressStats(rows, now - started, totalRows);
    spec.onProgress?.({ rows, bytes, ...stats, totalRows, elapsedMs: now - started });
  };
  const journal = toFile ? openExportJournal(spec.dataDir, resolved.path) : null;
  try {
    const result = await exportToFile(spec.source, spec.plan, spec.target, spec.options, {
      signal: spec.signal,
      onProgress: (p) => emit(p.rows, p.bytes),
      onTempFile: (tmp) => journal?.track(tmp),
      beforeRename: (target) => removeStaleProvenance(target),
    });
    await counting;
    let provenancePath: string | null = null;
    if (withProvenance) {
      const record = buildProvenance({
        csvPath: result.path,
        createdAt: new Date(),
        appVersion: spec.appVersion,
        source: spec.source.info,
        fileHash: await hashing,
        query: spec.query,
        view: spec.view,
        columns: spec.plan.columns.map((c) => c.name),
        sql: result.sql,
        params: result.params,
        rowCount: result.rows,
        bytes: result.bytes,
        options: spec.options,
      });
      try {
        provenancePath = writeProvenance(result.path, record, (tmp) => journal?.track(tmp));
      } catch (e) {
        // A CSV must not stand without the record that says where it came from: remove it, and say so.
        fs.rmSync(result.path, { force: true });
        const code = (e as NodeJS.ErrnoException).code;
        const why = e instanceof AuditlensError ? e.message : code === 'ENOSPC' ? 'the disk is full' : (code ?? String(e));
        throw new AuditlensError('io', `The provenance file ${result.path}.json could not be written (${why}), so the CSV was removed too; free some space or use --no-provenance, then export again.`);
      }
    }
    emit(result.rows, result.bytes);
    return { ...result, provenancePath, totalRows: totalRows ?? result.rows, elapsedMs: Date.now() - started };
  } finally {
    stopHashing.abort();
    journal?.close();
  }
}
