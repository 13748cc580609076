import fs from 'node:fs';
import { AuditlensError } from '../../../shared/api/result';
import type { CacheWriter, StoredProblem } from './cache-writer';
import { sniffEncoding } from './parse/decode-utf8';
import { JsonScanner, type ScanIssue } from './parse/json-scanner';
import { LayoutRouter } from './layouts/layout-router';
import { decodeRecord, type RecordNote } from './parse/record-decoder';
import type { FoundFile } from './scan-files';
import { DEFAULT_LIMITS, type ScanLimits, type ScannedRecord } from './parse/scan-types';
import type { EmitRow } from './layouts/layout-kit';

/** Progress of an ingest, reported as it goes. */
export interface IngestProgress {
  /** 'reading' while files are read; 'indexing' once they all are and indexes and summaries are built. */
  readonly phase: 'reading' | 'indexing';
  readonly files: number;
  readonly filesTotal: number;
  readonly records: number;
  readonly bytes: number;
  readonly bytesTotal: number;
}

/** Options of an ingest. */
export interface IngestOptions {
  readonly limits?: ScanLimits | undefined;
  readonly onProgress?: ((p: IngestProgress) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Bytes read per chunk; the scanner is fed chunk by chunk. */
  readonly chunkBytes?: number | undefined;
  /**
   * Script of the parse worker (parsing in a worker thread while this one writes); null reads in
   * this thread. Unset: the bundled worker when it is built, else this thread.
   */
  readonly parseWorker?: string | null | undefined;
}

/** What an ingest did. */
export interface IngestStats {
  readonly files: number;
  readonly filesTotal: number;
  readonly bytesTotal: number;
  readonly records: number;
  readonly rows: number;
  readonly bytes: number;
  readonly problems: number;
}

/** Where ingest puts what it reads: the cache writer, or the parse worker's batches for it. */
export type IngestSink = Pick<CacheWriter, 'addRow' | 'finishFile'> & {
  addFile(f: FoundFile): number;
  addProblem(fileId: number | null, p: StoredProblem): void;
};

/** Problems listed per file before the rest are summarised in one entry. */
const MAX_PROBLEMS_PER_FILE = 100;
/** The event loop gets a turn at least this often (ms), so the app stays responsive. */
const YIELD_MS = 16;

/**
 * Streams `files` into the cache: reads each in chunks (never more than one chunk plus the largest
 * record in memory), scans, decodes and routes every record to its layout, and lists what could not
 * be read as problems instead of failing. Cancelling through `signal` throws a `cancelled` error at
 * the next chunk; the caller discards the temporary cache.
 */
export async function ingestFiles(writer: IngestSink, files: readonly FoundFile[], options: IngestOptions = {}): Promise<IngestStats> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const chunk = Buffer.allocUnsafe(options.chunkBytes ?? 1024 * 1024);
  const router = new LayoutRouter();
  const bytesTotal = files.reduce((s, f) => s + f.size, 0);
  const stats = { files: 0, filesTotal: files.length, bytesTotal, records: 0, rows: 0, bytes: 0, problems: 0 };
  let lastYield = performance.now();
  const report = (): void => options.onProgress?.({ phase: 'reading', files: stats.files, filesTotal: files.length, records: stats.records, bytes: stats.bytes, bytesTotal });
  const pause = async (): Promise<void> => {
    if (performance.now() - lastYield >= YIELD_MS) {
      report();
      await new Promise((r) => setImmediate(r));
      lastYield = performance.now();
    }
    throwIfCancelled(options.signal);
  };
  report();
  for (const file of files) {
    await pause();
    const fileId = writer.addFile(file);
    let records = 0;
    let problems = 0;
    const layouts = new Set<string>();
    const problem = (n: { offset: number | null; line: number | null; message: string }): void => {
      problems++;
      if (problems <= MAX_PROBLEMS_PER_FILE) {
        writer.addProblem(fileId, { rel: file.rel, ...n });
      }
    };
    let line = 0;
    let exact = false;
    // A layout's warning is listed once per file, at the first record that raised it.
    const noted = new Set<string>();
    const note = (message: string): void => {
      if (!noted.has(message)) {
        noted.add(message);
        problem({ offset: null, line, message });
      }
    };
    const emit: EmitRow = (spec, row) => {
      stats.rows++;
      return writer.addRow(spec, row, fileId, line, exact);
    };
    const onRecord = (rec: ScannedRecord): void => {
      records++;
      stats.records++;
      const d = decodeRecord(rec, limits.maxStringBytes);
      if (!d.ok) {
        problem(d.note);
        return;
      }
      d.notes.forEach((n: RecordNote) => problem(n));
      line = rec.line;
      exact = d.exact;
      layouts.add(router.route(d.value, { rel: file.rel, line, exact, note }, emit));
    };
    const onIssue = (i: ScanIssue): void => problem(i);
    let bytes = 0;
    const read = await readFile(file, chunk, limits, onRecord, onIssue, async (n) => {
      bytes += n;
      stats.bytes += n;
      await pause();
    });
    if (read !== null) {
      problem({ offset: null, line: null, message: read });
    }
    if (problems > MAX_PROBLEMS_PER_FILE) {
      writer.addProblem(fileId, { rel: file.rel, offset: null, line: null, message: `${problems - MAX_PROBLEMS_PER_FILE} more problems in this file are not listed` });
    }
    writer.finishFile(fileId, records, problems, bytes, [...layouts]);
    stats.files++;
    stats.problems += problems;
  }
  report();
  return stats;
}

/** Throws the typed `cancelled` error once the signal is aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new AuditlensError('cancelled', 'Loading the JSON files was cancelled.');
  }
}

/**
 * Feeds one file through a scanner. Opens without following links and checks the file is still
 * the regular file that was listed; returns a reason when the file as a whole cannot be read.
 */
async function readFile(
  file: FoundFile,
  chunk: Buffer,
  limits: ScanLimits,
  onRecord: (r: ScannedRecord) => void,
  onIssue: (i: ScanIssue) => void,
  afterChunk: (bytes: number) => Promise<void>,
): Promise<string | null> {
  let fd: number;
  try {
    fd = fs.openSync(file.path, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM'
      ? 'permission denied: this user may not read the file, so it was skipped; ask for read access to it, or open a copy you can read'
      : `the file could not be opened (${code ?? 'error'}), so it was skipped`;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) {
      return 'the file is no longer a regular file, so it was skipped';
    }
    const scanner = new JsonScanner(limits, { explodeTopArray: file.mode === 'document', lineRecovery: file.mode === 'lines' }, onRecord, onIssue);
    let first = true;
    for (;;) {
      const got = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) {
        break;
      }
      let data = got === chunk.length ? chunk : chunk.subarray(0, got);
      if (first) {
        first = false;
        const enc = sniffEncoding(data);
        if (!enc.ok) {
          return `the file is encoded as ${enc.encoding}; Auditlens reads JSON in UTF-8 only (save it as UTF-8 to open it)`;
        }
        data = data.subarray(enc.bomLength);
        scanner.skip(enc.bomLength);
      }
      scanner.push(data);
      await afterChunk(got);
    }
    scanner.end();
    const after = fs.fstatSync(fd);
    if (after.size !== st.size || after.mtimeMs !== st.mtimeMs) {
      return 'the file changed while it was being read; open the store again to load the new content';
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
