/**
 * Parallel CSV export of a rowid-ordered query, used by the worker's `exportCsv`.
 *
 * Reading rows through better-sqlite3 alone costs about as much as the whole `sqlite3 -csv` run
 * (bench: 2.9 s of its 4.4 s for 2M rows), so one thread cannot keep up with the C shell, and
 * where the native CSV aggregate is built the rows do not cross into JS at all. Rowid
 * order lets us cut the scan into disjoint rowid blocks: threads read and format blocks k, k+T,
 * k+2T…, each on its own read-only connection, and take turns writing them to the file in block
 * order (a shared "next block" counter), holding at most a few MiB while they wait. The threads
 * start inside one unchanged snapshot (checked with `PRAGMA data_version`), so the file equals a
 * sequential export; if anything commits meanwhile we fall back to one thread.
 *
 * The coordinator stays synchronous (the worker's request loop is): it sleeps on the shared
 * counters with `Atomics.wait`, reporting progress, and reads errors from the threads' ports.
 */
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { AuditlensError } from '../../../../shared/api/result';
import { enableBufferRelease } from './buffer-release';
import { sqliteBinding } from '../../../native/sqlite-binding';
import type { RangeExport, ThreadData, ThreadFailure, ThreadStart } from './rowid-range-shared';
import { BLOCK_ROWIDS, BYTES, FAILED, JOB_POSTED, NEXT, NOT_STARTED, READING_NATIVE, ROWS, STARTED, STOP, THREAD_MARK, sharedBytes, sharedViews } from './rowid-range-shared';
// The threads run this bundle again; this import puts their loop in it.
import './rowid-range-thread';

/** Fewer blocks than this: one thread is as fast once thread start-up is counted. */
const MIN_BLOCKS = 24;
/** More blocks than this means very sparse rowids: empty blocks would cost more than they save. */
const MAX_BLOCKS = 262_144;
/**
 * Threads, at most. Each costs ~45 MB (an isolate, its heap, held chunks); two keep the worker within
 * the 150 MB growth budget (security-checklist §8) and already beat the sqlite3 shell on two cores.
 */
const MAX_THREADS = 2;
/** A small young generation: fewer MB per thread for a few % more CPU (bench: 189 vs 260 MB peak). */
const THREAD_YOUNG_MB = 8;
/** No block finished for this long: a thread is treated as dead. */
const STALL_MS = 300_000;

/** What the coordinator needs: the export, the bounds of its ranges, and how to report. */
export interface RowidRangeJob extends RangeExport {
  readonly db: Database.Database;
  /** Quoted FROM target and rowid name, for the bounds queries. */
  readonly from: string;
  readonly rowid: string;
  /** Script of this bundle: threads run it again and take the `workerData` branch of rowid-range-thread.ts. */
  readonly script: string;
  /** Flush the file to disk after about this many bytes (0 for a pipe, which cannot be synced). */
  readonly syncEveryBytes: number;
  /** Called about every 100 ms with rows and bytes written so far; it may throw to stop the export. */
  readonly onProgress: (rows: number, bytes: number) => void;
}

/** A started thread and the two ends of its hand-over: the port (job in, failure out) and the wake flag. */
interface ExportThread {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly wake: Int32Array;
}

/** Threads started ahead of the next export (prestartExportThreads), waiting for their job. */
const standby: ExportThread[] = [];

function threadCount(): number {
  return Math.min(MAX_THREADS, os.availableParallelism());
}

function startThread(script: string): ExportThread {
  enableBufferRelease();
  const channel = new MessageChannel();
  const wake = new SharedArrayBuffer(4);
  const start: ThreadStart = { mark: THREAD_MARK, port: channel.port2, wake };
  const resourceLimits = { maxYoungGenerationSizeMb: THREAD_YOUNG_MB };
  const worker = new Worker(script, { workerData: start, transferList: [channel.port2], stdout: false, stderr: false, resourceLimits });
  return { worker, port: channel.port1, wake: new Int32Array(wake) };
}

/**
 * Starts the next export's threads now, while the store opens and the export is planned: a
 * thread's start (an isolate and this bundle) took 0.1 s of a 1.4 s filtered export (bench).
 * Idle, they sleep on their wake flag and do not keep the process alive.
 */
export function prestartExportThreads(script: string): void {
  if (threadCount() < 2) {
    return;
  }
  try {
    while (standby.length < threadCount()) {
      const t = startThread(script);
      t.worker.unref();
      standby.push(t);
    }
  } catch {
    // No threads here: exports run on one.
  }
}

/**
 * Exports in parallel when the table is large and its rowids dense enough; returns the rows and
 * bytes written and whether every thread formatted natively, or null when the job should run
 * sequentially instead (nothing was written then).
 */
export function exportByRowidRanges(job: RowidRangeJob): { rows: number; bytes: number; native: boolean } | null {
  const threads = threadCount();
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
  const shared = new SharedArrayBuffer(sharedBytes(threads));
  const { ints, counts } = sharedViews(shared, threads);
  // No block's turn yet: threads read and hold until the snapshot check below has passed.
  Atomics.store(ints, NEXT, -1);
  const started: ExportThread[] = [];
  try {
    try {
      started.push(...standby.splice(0, threads));
      while (started.length < threads) {
        started.push(startThread(job.script));
      }
    } catch {
      // No threads here (a host without worker_threads): one thread it is.
      return null;
    }
    started.forEach((t, index) => {
      const data: ThreadData = {
        nativeBinding: sqliteBinding(), index, threads, shared, fd: job.fd, dbPath: job.dbPath, busyTimeoutMs: job.busyTimeoutMs,
        sql: job.sql, params: job.params, low, blocks, temporal: job.temporal, options: job.options, native: job.native,
      };
      t.worker.ref();
      t.port.postMessage(data);
      Atomics.store(t.wake, 0, JOB_POSTED);
      Atomics.notify(t.wake, 0);
    });
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
    const rows = supervise(job, ints, counts, started.map((t) => t.port), blocks);
    const native = Array.from({ length: threads }, (_, k) => Atomics.load(ints, STARTED + k)).every((s) => s === READING_NATIVE);
    return { rows, bytes: Number(Atomics.load(counts, BYTES)), native };
  } finally {
    Atomics.store(ints, STOP, 1);
    Atomics.notify(ints, STOP);
    Atomics.notify(ints, NEXT);
    for (const t of started) {
      void t.worker.terminate();
      t.port.close();
    }
  }
}

function waitForStart(ints: Int32Array, threads: number): boolean {
  const deadline = Date.now() + 15_000;
  for (let k = 0; k < threads; k++) {
    for (;;) {
      const state = Atomics.load(ints, STARTED + k);
      if (state === NOT_STARTED || Date.now() > deadline) {
        return false;
      }
      if (state !== 0) {
        break;
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
