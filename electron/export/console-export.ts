/**
 * A SQL console result as a CSV file, through the exporter's parts: its target checks (never the
 * store, a device written in place), a journalled temporary file renamed when complete, the same
 * CSV cell rules (the source's export path) and a provenance record whose `sql` is the statement.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AuditlensError } from '../../shared/api/result';
import type { Source } from '../sources/source';
import { fsyncFolder, renameWithRetry, resolveExportTarget, tempPathFor } from './export-file';
import type { ExportOptions } from './export-service';
import { buildProvenance, checkProvenanceTarget, removeStaleProvenance, sha256File, writeProvenance } from './provenance';
import { openExportJournal } from './temp-sweep';

/** The provenance's name for the "table" a console export read: the statement is its `sql`. */
export const CONSOLE_VIEW_NAME = 'SQL console';

/** One console export. */
export interface ConsoleExportSpec {
  readonly source: Source;
  readonly sql: string;
  /** A file path, or '-' for standard output (no provenance, no journal). */
  readonly target: string;
  readonly options: ExportOptions;
  readonly appVersion: string;
  readonly dataDir: string;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((p: { rows: number; bytes: number }) => void) | undefined;
}

/** What a console export wrote. */
export interface ConsoleExportResult {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  readonly columns: readonly string[];
  readonly provenancePath: string | null;
  readonly elapsedMs: number;
}

/** Writes every row of the statement as CSV to the target; rejects with a typed error (code 'cancelled' on abort). */
export async function runConsoleExport(spec: ConsoleExportSpec): Promise<ConsoleExportResult> {
  const started = Date.now();
  const { source, options } = spec;
  const csv = {
    safe: options.safe, bom: options.bom, delimiter: options.delimiter, eol: options.eol, time: options.time,
    signal: spec.signal, onProgress: spec.onProgress,
  };
  if (spec.target === '-') {
    const r = await source.consoleExport(spec.sql, { ...csv, tmpPath: '-' });
    return { path: '-', ...r, provenancePath: null, elapsedMs: Date.now() - started };
  }
  const resolved = resolveExportTarget(source, spec.target);
  if (resolved.inPlace) {
    const r = await source.consoleExport(spec.sql, { ...csv, tmpPath: resolved.path, inPlace: true });
    return { path: resolved.path, ...r, provenancePath: null, elapsedMs: Date.now() - started };
  }
  const target = resolved.path;
  if (options.provenance) {
    checkProvenanceTarget(target, source.info.kind === 'postgres' ? null : source.info.location);
  }
  const hashing = options.provenance && source.info.kind === 'sqlite' ? sha256File(source.info.location, spec.signal).catch(() => null) : Promise.resolve(null);
  const journal = openExportJournal(spec.dataDir, target);
  const tmp = tempPathFor(target);
  journal.track(tmp);
  try {
    const r = await source.consoleExport(spec.sql, { ...csv, tmpPath: tmp });
    removeStaleProvenance(target);
    await renameWithRetry(tmp, target);
    fsyncFolder(path.dirname(target));
    let provenancePath: string | null = null;
    if (options.provenance) {
      const record = buildProvenance({
        csvPath: target, createdAt: new Date(), appVersion: spec.appVersion, source: source.info, fileHash: await hashing,
        query: { table: { schema: null, name: CONSOLE_VIEW_NAME }, columns: [...r.columns], filters: [], sort: [] },
        view: { kind: 'console', format: 'sql' },
        columns: r.columns, sql: spec.sql, params: [], rowCount: r.rows, bytes: r.bytes, options,
      });
      try {
        provenancePath = writeProvenance(target, record, (t) => journal.track(t));
      } catch (e) {
        fs.rmSync(target, { force: true });
        const why = e instanceof AuditlensError ? e.message : ((e as NodeJS.ErrnoException).code ?? String(e));
        throw new AuditlensError('io', `The provenance file ${target}.json could not be written (${why}), so the CSV was removed too; free some space or export without provenance.`);
      }
    }
    return { path: target, rows: r.rows, bytes: r.bytes, columns: r.columns, provenancePath, elapsedMs: Date.now() - started };
  } finally {
    fs.rmSync(tmp, { force: true });
    journal.close();
  }
}
