/**
 * Parallel CSV export of a rowid-ordered query, used by the worker's `exportCsv`.
 *
 * Reading rows through better-sqlite3 alone costs about as much as the whole `sqlite3 -csv` run
 * (bench: 2.9 s of its 4.4 s for 2M rows), so one thread cannot keep up with the C shell. Rowid
 * order lets us cut the scan into disjoint rowid blocks: threads read and format blocks k, k+T,
 * k+2T…, each on its own read-only connection, and take turns writing them to the file in block
 * order (a shared "next block" counter), holding at most a few MiB while they wait. The threads
 * start inside one unchanged snapshot (checked with `PRAGMA data_version`), so the file equals a
 * sequential export; if anything commits meanwhile we fall back to one thread.
 *
 * The coordinator stays synchronous (the worker's request loop is): it sleeps on the shared
 * counters with `Atomics.wait`, reporting progress, and reads errors from the threads' ports.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import { MessageChannel, MessagePort, Worker, isMainThread, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { ApiError } from '../../../shared/api/result';
import { AuditlensError, toApiError } from '../../../shared/api/result';
import type { RowFormatOptions } from '../../export/csv-format';
import { makeRowFormatter } from '../../export/csv-format';
import { fromSqliteError } from './sqlite-errors';

/** Rowids per block: about 2 MiB of CSV for a 250-byte audit row. */
const BLOCK_ROWIDS = 8_192;
/** Rowids read per `all()` call inside a block. */
const SLICE_ROWIDS = 1_024;
/** Fewer blocks than this: one thread is as fast once thread start-up is counted. */
const MIN_BLOCKS = 24;
/** More blocks than this means very sparse rowids: empty blocks would cost more than they save. */
const MAX_BLOCKS = 262_144;
/** Characters of CSV a thread gathers before encoding them (small chunks die young: less heap). */
const CHUNK_CHARS = 1 << 18;
/** Bytes a thread may hold while waiting for its turn to write: bounds memory when one thread lags. */
const MAX_HELD_BYTES = 4 << 20;
/**
 * Threads, at most. Each costs ~45 MB (an isolate, its heap, held chunks); two keep the worker within
 * the 150 MB growth budget (security-checklist §8) and already beat the sqlite3 shell on two cores.
 */
const MAX_THREADS = 2;
/** A small young generation: fewer MB per thread for a few % more CPU (bench: 189 vs 260 MB peak). */
const THREAD_YOUNG_MB = 8;
/** No block finished for this long: a thread is treated as dead. */
const STALL_MS = 300_000;

const MARK = 'auditlens-rowid-range-export';

/** What the coordinator needs: the query cut into ranges, its formatting, and the open output. */
export interface RowidRangeJob {
  readonly db: Database.Database;
  readonly dbPath: string;
  readonly busyTimeoutMs: number;
  /** The export query with `rowid > ? AND rowid <= ?` added; its last two parameters are the range. */
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Quoted FROM target and rowid name, for the bounds queries. */
  readonly from: string;
  readonly rowid: string;
  readonly temporal: readonly boolean[];
  readonly options: RowFormatOptions;
  /** Script of this bundle: threads run it again and take the `workerData` branch below. */
  readonly script: string;
  /** The output, positioned after the header; threads append to it in block order. */
  readonly fd: number;
  /** Flush the file to disk after about this many bytes (0 for a pipe, which cannot be synced). */
  readonly syncEveryBytes: number;
  /** Called about every 100 ms with rows and bytes written so far; it may throw to stop the export. */
  readonly onProgress: (rows: number, bytes: number) => void;
}

interface ThreadData {
  readonly mark: typeof MARK;
  readonly index: number;
  readonly threads: number;
  readonly port: MessagePort;
  readonly shared: SharedArrayBuffer;
  readonly fd: number;
  readonly dbPath: string;
  readonly busyTimeoutMs: number;
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly low: number;
  readonly blocks: number;
  readonly temporal: readonly boolean[];
  readonly options: RowFormatOptions;
}

/** The error that stopped a thread, sent once it is the thread's turn, so the row count is exact. */
interface ThreadFailure {
  readonly error: ApiError;
  /** Rows of the failing block read before the error. */
  readonly rows: number;
}

// Shared state. Int32 slots: STOP (1 = stop now), NEXT (the block whose turn it is to write),
// FAILED (1 = a thread posted its failure), STARTED + k (thread k: 1 reading, 2 could not start).
// BigInt64 slots: ROWS and BYTES written so far.
const STOP = 0;
const NEXT = 1;
const FAILED = 2;
const STARTED = 3;
const ROWS = 0;
const BYTES = 1;

function sharedViews(shared: SharedArrayBuffer, threads: number): { ints: Int32Array; counts: BigInt64Array } {
  const intBytes = Math.ceil((STARTED + threads) / 2) * 8;
  return { ints: new Int32Array(shared, 0, intBytes / 4), counts: new BigInt64Array(shared, intBytes, 2) };
}

/**
 * Exports in parallel when the table is large and its rowids dense enough; returns the rows and
 * bytes written, or null when the job should run sequentially instead (nothing was written then).
 */
export function exportByRowidRanges(job: RowidRangeJob): { rows: number; bytes: number } | null {
  const threads = Math.min(MAX_THREADS, os.availableParallelism());
  if (threads < 2) {
    return null;
  }
  const before = job.db.pragma('data_version', { simple: true }) as number;
  let min: bigint | null;
  let max: bigint | null;
  try {
    // Two queries: SQLite answers a lone min() or max() from the b-tree's edge, but scans the whole table for both at once.
    const edge = (fn: 'min' | 'max'): bigint | null =>
      (job.db.prepare(`SELECT ${fn}(${job.rowid}) FROM ${job.from}`).raw(true).safeIntegers(true).get() as [bigint | null])[0];
    min = edge('min');
    max = edge('max');
  } catch {
    // A damaged b-tree edge: the sequential loop reports it with the row reached.
    return null;
  }
  if (min === null || max === null || min < BigInt(Number.MIN_SAFE_INTEGER) + 1n || max > BigInt(Number.MAX_SAFE_INTEGER)) {
    return null;
  }
  const low = Number(min) - 1;
  const blocks = Math.ceil((Number(max) - low) / BLOCK_ROWIDS);
  if (blocks < MIN_BLOCKS || blocks > MAX_BLOCKS) {
    return null;
  }
  const shared = new SharedArrayBuffer(Math.ceil((STARTED + threads) / 2) * 8 + 16);
  const { ints, counts } = sharedViews(shared, threads);
  // No block's turn yet: threads read and hold until the snapshot check below has passed.
  Atomics.store(ints, NEXT, -1);
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  try {
    try {
      for (let k = 0; k < threads; k++) {
        const channel = new MessageChannel();
        ports.push(channel.port1);
        const data: ThreadData = {
          mark: MARK, index: k, threads, port: channel.port2, shared, fd: job.fd, dbPath: job.dbPath, busyTimeoutMs: job.busyTimeoutMs,
          sql: job.sql, params: job.params, low, blocks, temporal: job.temporal, options: job.options,
        };
        const resourceLimits = { maxYoungGenerationSizeMb: THREAD_YOUNG_MB };
        workers.push(new Worker(job.script, { workerData: data, transferList: [channel.port2], stdout: false, stderr: false, resourceLimits }));
      }
    } catch {
      // No threads here (a host without worker_threads): one thread it is.
      return null;
    }
    if (!waitForStart(ints, threads)) {
      return null;
    }
    // Every thread began its read transaction between the two readings: equal versions mean nothing
    // committed in between, so all of them see the snapshot the bounds came from.
    const after = job.db.pragma('data_version', { simple: true }) as number;
    if (after !== before) {
      return null;
    }
    // Threads hold their first chunks until this moment: the turn of block 0 starts the writing.
    Atomics.store(ints, NEXT, 0);
    Atomics.notify(ints, NEXT);
    const rows = supervise(job, ints, counts, ports, blocks);
    return { rows, bytes: Number(Atomics.load(counts, BYTES)) };
  } finally {
    Atomics.store(ints, STOP, 1);
    Atomics.notify(ints, STOP);
    Atomics.notify(ints, NEXT);
    for (const w of workers) {
      void w.terminate();
    }
    for (const p of ports) {
      p.close();
    }
  }
}

function waitForStart(ints: Int32Array, threads: number): boolean {
  const deadline = Date.now() + 15_000;
  for (let k = 0; k < threads; k++) {
    for (;;) {
      const state = Atomics.load(ints, STARTED + k);
      if (state === 1) {
        break;
      }
      if (state === 2 || Date.now() > deadline) {
        return false;
      }
      Atomics.wait(ints, STARTED + k, 0, 50);
    }
  }
  return true;
}

/** Waits for the last block, reporting progress and turning a thread's failure into the export's error. */
function supervise(job: RowidRangeJob, ints: Int32Array, counts: BigInt64Array, ports: readonly MessagePort[], blocks: number): number {
  let lastBlock = 0;
  let lastChange = Date.now();
  let synced = 0;
  for (;;) {
    if (Atomics.load(ints, FAILED) === 1) {
      // Read after the flag: every block before the failing one is counted by then.
      const written = Number(Atomics.load(counts, ROWS));
      for (const port of ports) {
        const got = receiveMessageOnPort(port);
        if (got) {
          const f = got.message as ThreadFailure;
          throw new AuditlensError(f.error.code, `${f.error.message} The export stopped after ${(written + f.rows).toLocaleString('en-US')} rows; no file was written.`);
        }
      }
    }
    const next = Atomics.load(ints, NEXT);
    const rows = Number(Atomics.load(counts, ROWS));
    if (next >= blocks) {
      return rows;
    }
    const bytes = Number(Atomics.load(counts, BYTES));
    job.onProgress(rows, bytes);
    if (job.syncEveryBytes > 0 && bytes - synced >= job.syncEveryBytes) {
      // This thread is idle otherwise: flushing now leaves little for the final fsync to wait for.
      synced = bytes;
      fs.fdatasyncSync(job.fd);
    }
    if (next !== lastBlock) {
      lastBlock = next;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > STALL_MS) {
      throw new AuditlensError('internal', 'A parallel export thread stopped responding; no file was written.');
    }
    Atomics.wait(ints, NEXT, next, 100);
  }
}

/** A thread's life: open, begin the snapshot, then read and format its blocks and write them in turn. */
function runThread(d: ThreadData): void {
  const { ints, counts } = sharedViews(d.shared, d.threads);
  let db: Database.Database;
  try {
    db = new Database(d.dbPath, { readonly: true, fileMustExist: true, timeout: d.busyTimeoutMs });
    db.pragma('query_only = ON');
    db.pragma('trusted_schema = OFF');
    db.exec('BEGIN');
    // A deferred BEGIN takes its snapshot at the first read.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch {
    Atomics.store(ints, STARTED + d.index, 2);
    Atomics.notify(ints, STARTED + d.index);
    return;
  }
  Atomics.store(ints, STARTED + d.index, 1);
  Atomics.notify(ints, STARTED + d.index);

  const format = makeRowFormatter(d.temporal.map((temporal) => ({ temporal })), d.options);
  const eol = d.options.eol;
  const stmt = db.prepare(d.sql).raw(true).safeIntegers(true);
  const stopped = (): boolean => Atomics.load(ints, STOP) === 1;
  let held: { buf: Buffer; rows: number }[] = [];
  const scratch = Buffer.allocUnsafeSlow(CHUNK_CHARS * 3 + 1_024);
  let heldBytes = 0;

  /** Sleeps until it is `block`'s turn (true) or the export stops (false). */
  const awaitTurn = (block: number): boolean => {
    for (;;) {
      if (stopped()) {
        return false;
      }
      const next = Atomics.load(ints, NEXT);
      if (next === block) {
        return true;
      }
      Atomics.wait(ints, NEXT, next, 100);
    }
  };
  const writeOut = (buf: Buffer, rows: number): void => {
    writeFully(d.fd, buf, stopped);
    Atomics.add(counts, BYTES, BigInt(buf.length));
    Atomics.add(counts, ROWS, BigInt(rows));
  };
  /**
   * Writes a chunk now if it is our turn, else holds it, waiting for the turn once too much is held;
   * the block's last chunk always waits for the turn. False once the export stops.
   */
  const emit = (block: number, lines: string[], last: boolean): boolean => {
    const rows = lines.length;
    if (rows > 0) {
      // A trailing '' makes join end with the line break, without a second copy for `+ eol`.
      lines.push('');
      const text = lines.join(eol);
      if (held.length === 0 && text.length * 3 <= scratch.length && Atomics.load(ints, NEXT) === block) {
        // Our turn and nothing held: encode into the reused buffer and write at once, allocating nothing.
        writeOut(scratch.subarray(0, scratch.write(text, 0, 'utf8')), rows);
        return !stopped();
      }
      const buf = Buffer.from(text, 'utf8');
      held.push({ buf, rows });
      heldBytes += buf.length;
    }
    if (!last && Atomics.load(ints, NEXT) !== block && heldBytes <= MAX_HELD_BYTES) {
      return !stopped();
    }
    if (!awaitTurn(block)) {
      return false;
    }
    for (const h of held) {
      writeOut(h.buf, h.rows);
    }
    held = [];
    heldBytes = 0;
    return true;
  };

  for (let block = d.index; block < d.blocks; block += d.threads) {
    const from = d.low + block * BLOCK_ROWIDS;
    let lines: string[] = [];
    let chars = 0;
    try {
      // all() over small slices costs ~10 % less than iterate() (one native call per slice, not per
      // row); larger slices lose it again to garbage collection of the bigger arrays.
      for (let at = from; at < from + BLOCK_ROWIDS; at += SLICE_ROWIDS) {
        for (const row of stmt.all(...d.params, at, at + SLICE_ROWIDS) as unknown[][]) {
          const line = format(row);
          lines.push(line);
          chars += line.length;
          if (chars >= CHUNK_CHARS) {
            if (!emit(block, lines, false)) {
              return;
            }
            lines = [];
            chars = 0;
          }
        }
      }
    } catch (e) {
      if (isWriteError(e)) {
        throw e;
      }
      const failure: ThreadFailure = { error: toApiError(fromSqliteError(e, d.dbPath)), rows: held.reduce((n, h) => n + h.rows, 0) + lines.length };
      // Report once every earlier block is written, so the coordinator can name the exact row reached.
      if (awaitTurn(block)) {
        d.port.postMessage(failure);
        Atomics.store(ints, FAILED, 1);
        Atomics.notify(ints, NEXT);
      }
      return;
    }
    if (!emit(block, lines, true)) {
      return;
    }
    // Our block is complete and written: hand the turn to the next block.
    Atomics.store(ints, NEXT, block + 1);
    Atomics.notify(ints, NEXT);
  }
}

/** True for a failed write to the output (a closed pipe, a full disk), as opposed to a read from the store. */
function isWriteError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as NodeJS.ErrnoException).syscall === 'write';
}

/** Writes the whole buffer, waiting out EAGAIN on a non-blocking pipe (stdout shared with the parent). */
function writeFully(fd: number, buf: Buffer, stopped: () => boolean): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN' || stopped()) {
        throw e;
      }
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

// A thread of this bundle: do the work and end before the rest of the worker script would start.
if (!isMainThread && (workerData as { mark?: unknown } | null)?.mark === MARK) {
  const d = workerData as ThreadData;
  try {
    runThread(d);
  } catch (e) {
    // A write failed: a reader that closed the pipe early (`| head`) or a full disk.
    const code = (e as NodeJS.ErrnoException).code;
    const failure: ThreadFailure = code === 'EPIPE'
      ? { error: { code: 'cancelled', message: 'The program reading the output closed it before the export finished.' }, rows: 0 }
      : { error: { code: 'io', message: `Writing the export failed (${e instanceof Error ? e.message : String(e)}).` }, rows: 0 };
    const { ints } = sharedViews(d.shared, d.threads);
    d.port.postMessage(failure);
    Atomics.store(ints, FAILED, 1);
    Atomics.notify(ints, NEXT);
  }
  // Stay until the coordinator is done with our port, so a posted failure is not lost with the thread.
  const { ints } = sharedViews(d.shared, d.threads);
  while (Atomics.load(ints, STOP) === 0) {
    Atomics.wait(ints, STOP, 0, 1_000);
  }
  process.exit(0);
}
