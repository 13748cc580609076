/**
 * What the parallel export's coordinator (rowid-range-export.ts) and its threads
 * (rowid-range-thread.ts) share: the thread's start data, its failure message and the slots of
 * the shared counters.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ApiError } from '../../../../shared/api/result';
import type { RowFormatOptions } from '../../../csv/csv-format';

/** Marks a thread of this export in `workerData`, so the bundle knows to run the thread's loop. */
export const THREAD_MARK = 'auditlens-rowid-range-export';

/** Rowids per block: about 2 MiB of CSV for a 250-byte audit row. */
export const BLOCK_ROWIDS = 8_192;

/** The native CSV aggregate a thread loads, and the block queries it runs. */
export interface NativeBlockQueries {
  readonly extension: string;
  /** The block query as SQLite plans it; fails if rows arrive out of rowid order. */
  readonly sql: string;
  /** The same with the aggregate's own ORDER BY, for a plan that delivers another order. */
  readonly orderedSql: string;
}

/** The query and the output, as the coordinator gets them and hands them to every thread. */
export interface RangeExport {
  readonly dbPath: string;
  readonly busyTimeoutMs: number;
  /** The export query with `rowid > ? AND rowid <= ?` added; its last two parameters are the range. */
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly temporal: readonly boolean[];
  readonly options: RowFormatOptions;
  /** The native CSV aggregate and its block queries, or null to format in JS. */
  readonly native: NativeBlockQueries | null;
  /** The output, positioned after the header; threads append to it in block order. */
  readonly fd: number;
}

/**
 * A thread's `workerData`: the port it takes its job from and reports a failure on, and a flag it
 * sleeps on until the job is posted. Threads can start before the export is known (prestarted).
 */
export interface ThreadStart {
  readonly mark: typeof THREAD_MARK;
  readonly port: MessagePort;
  /** Int32 slot 0: JOB_POSTED once the coordinator has posted the job. */
  readonly wake: SharedArrayBuffer;
}

/** Value of a ThreadStart's wake slot once its job is on the port. */
export const JOB_POSTED = 1;

/** A thread's job: the export, and its place among the threads and blocks. */
export interface ThreadData extends RangeExport {
  /** The better-sqlite3 addon the worker process checked and loaded (sqlite-binding.ts); null for the default. */
  readonly nativeBinding: string | null;
  readonly index: number;
  readonly threads: number;
  readonly shared: SharedArrayBuffer;
  readonly low: number;
  readonly blocks: number;
}

/** The error that stopped a thread, sent once it is the thread's turn, so the row count is exact. */
export interface ThreadFailure {
  readonly error: ApiError;
  /** Rows of the failing block read before the error. */
  readonly rows: number;
}

// Int32 slots: STOP (1 = stop now), NEXT (the block whose turn it is to write), FAILED (1 = a
// thread posted its failure), STARTED + k (thread k: READING_JS, READING_NATIVE or NOT_STARTED).
// BigInt64 slots: ROWS and BYTES written so far.
/** Int32 slot: 1 tells every thread to stop. */
export const STOP = 0;
/** Int32 slot: the block whose turn it is to write. */
export const NEXT = 1;
/** Int32 slot: 1 once a thread has posted its failure. */
export const FAILED = 2;
/** Int32 slot of thread 0's start state; thread k uses STARTED + k. */
export const STARTED = 3;
/** Start states: reading and formatting in JS, reading through the native aggregate, could not start. */
export const READING_JS = 1;
export const READING_NATIVE = 3;
export const NOT_STARTED = 2;
/** BigInt64 slot: rows written. */
export const ROWS = 0;
/** BigInt64 slot: bytes written. */
export const BYTES = 1;

/** Bytes of shared memory for this many threads. */
export function sharedBytes(threads: number): number {
  return Math.ceil((STARTED + threads) / 2) * 8 + 16;
}

/** The int and bigint views of the shared counters. */
export function sharedViews(shared: SharedArrayBuffer, threads: number): { ints: Int32Array; counts: BigInt64Array } {
  const intBytes = Math.ceil((STARTED + threads) / 2) * 8;
  return { ints: new Int32Array(shared, 0, intBytes / 4), counts: new BigInt64Array(shared, intBytes, 2) };
}
