import fs from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AuditlensError } from '../../../../shared/api/result';
import { postgresDialect as d } from '../../../../shared/query/dialect';
import { compileExport } from '../../../../shared/query/sql';
import { SyncingFileSink } from '../../../csv/syncing-file-sink';
import type { ExportProgress, SourceExportRequest } from '../../source';
import { CopyCsvRewriter } from './copy-csv-rewriter';
import { inlineParams, pgLiteral } from '../pg-literal';
import type { PgSession } from '../pg-session';

/** Server-side limit of one export statement: an export is user-started, shows progress and can be cancelled. */
const EXPORT_MS = 24 * 3_600_000;

/**
 * Standard output as a stream end that is never closed (other output may follow). A failed write
 * (a full disk behind `> /dev/full`, a closed pipe) also fires stdout's 'error' event, which would
 * end the process with a stack trace: it is caught here and reported through the write callback.
 */
function stdoutSink(): Writable {
  if (!stdoutGuarded) {
    // Kept for the process's life: writes queued before the failure report theirs after the export ends.
    stdoutGuarded = true;
    process.stdout.on('error', () => undefined);
  }
  return new Writable({
    write(chunk: Buffer, _enc, cb): void {
      process.stdout.write(chunk, (e) => cb(e ?? null));
    },
  });
}

/** Whether stdout's 'error' event is already handled (one listener per process). */
let stdoutGuarded = false;

/** An existing character device or FIFO, opened as it is (no create, no truncate, no fsync). */
function deviceSink(file: string): Writable {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_WRONLY);
  } catch (e) {
    throw new AuditlensError('io', `Could not open ${file} for writing (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  return fs.createWriteStream('', { fd, autoClose: true });
}

/** Creates the export's temporary file, which must not exist yet. */
function createTemp(file: string): number {
  try {
    return fs.openSync(file, 'wx', 0o644);
  } catch (e) {
    throw new AuditlensError('io', `Could not create ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
}

/** Data rows and bytes written so far (the header is a record, not a row). */
function progressOf(rw: CopyCsvRewriter): ExportProgress {
  return { rows: Math.max(0, rw.records - 1), bytes: rw.bytes };
}

/**
 * Streams `COPY (SELECT …) TO STDOUT (FORMAT csv, HEADER)` on a session of its own, in one
 * REPEATABLE READ READ ONLY transaction, through `CopyCsvRewriter` into `tmpPath`. COPY cannot
 * bind parameters, so the plan's values are inlined with `pgLiteral`. Measured faster than a
 * server-side cursor (DECLARE/FETCH) in safe mode as well, because the server formats the CSV.
 */
export async function exportByCopy(
  r: SourceExportRequest,
  /** Opens the session the export runs on alone; called once the output is set up, so a bad path fails before connecting. */
  connect: () => Promise<PgSession>,
): Promise<{ rows: number; bytes: number; sql: string; params: readonly unknown[] }> {
  const q = compileExport(r.plan, d);
  const copy = `COPY (${inlineParams(q.sql, q.params)}) TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER ${pgLiteral(r.delimiter)})`;
  // Created before connecting, so an existing path fails at once; the sink then owns the
  // descriptor, flushes it as it goes and fsyncs it when it finishes.
  const sink = r.tmpPath === '-' ? stdoutSink() : r.inPlace === true ? deviceSink(r.tmpPath) : new SyncingFileSink(createTemp(r.tmpPath));
  let sinkError: NodeJS.ErrnoException | null = null;
  sink.on('error', (e: NodeJS.ErrnoException) => {
    sinkError = e;
  });
  let lastReport = 0;
  const rewriter: CopyCsvRewriter = new CopyCsvRewriter({
    safe: r.safe,
    delimiter: r.delimiter,
    eol: r.eol,
    bom: r.bom,
    time: r.time,
    temporal: r.plan.columns.map((c) => c.family === 'temporal'),
    countLines: true,
    onChunk: () => {
      const now = Date.now();
      if (now - lastReport > 200) {
        lastReport = now;
        r.onProgress?.(progressOf(rewriter));
      }
    },
  });
  let session: PgSession | null = null;
  try {
    session = await connect();
    let copied: { rowCount?: unknown } | null = null;
    await session.copyOut(copy, async (stream) => {
      copied = stream as { rowCount?: unknown };
      try {
        await pipeline(stream, rewriter, sink);
      } catch (e) {
        const se = sinkError;
        if (se) {
          throw se.code === 'EPIPE'
            ? new AuditlensError('cancelled', 'The program reading the output closed it before the export finished.')
            : new AuditlensError('io', se.code === 'ENOSPC'
              ? 'Writing the CSV failed: the disk (or device) it goes to is full.'
              : `Writing the CSV failed (${se.code ?? se.message}).`);
        }
        throw e;
      }
    }, { timeoutMs: EXPORT_MS, snapshot: true, signal: r.signal });
    // The server's `COPY n` is the exact row count; the rewriter may have counted line ends.
    const serverRows = (copied as { rowCount?: unknown } | null)?.rowCount;
    const done = typeof serverRows === 'number' ? { rows: serverRows, bytes: rewriter.bytes } : progressOf(rewriter);
    r.onProgress?.(done);
    return { ...done, sql: q.sql, params: q.params };
  } catch (e) {
    if (e instanceof AuditlensError && e.code !== 'cancelled') {
      throw new AuditlensError(e.code, `${e.message} The export stopped; no file was written.`);
    }
    throw e;
  } finally {
    if (!sink.destroyed) {
      sink.destroy();
    }
    if (sink instanceof SyncingFileSink && !sink.closed) {
      await new Promise<void>((resolve) => sink.once('close', () => resolve()));
    }
    await session?.close();
  }
}
