/**
 * A thread of the parallel export (rowid-range-export.ts): it reads and formats its rowid blocks
 * k, k+T, k+2T… and writes each to the file when it is that block's turn. Blocks are formatted by
 * the native CSV aggregate where it is loaded (one blob per block, no row crosses into JS), else
 * by the JS row formatter.
 */
import Database from 'better-sqlite3';
import type { MessagePort } from 'node:worker_threads';
import { isMainThread, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { toApiError } from '../../../../shared/api/result';
import { makeRowFormatter } from '../../../csv/csv-format';
import { CSV_OUT_OF_ORDER, loadCsvExtension } from './csv-extension';
import type { ThreadData, ThreadFailure, ThreadStart } from './rowid-range-shared';
import { BLOCK_ROWIDS, BYTES, FAILED, NEXT, NOT_STARTED, READING_JS, READING_NATIVE, ROWS, STARTED, STOP, THREAD_MARK, sharedViews } from './rowid-range-shared';
import { canReleaseBuffers, releaseBuffer } from './buffer-release';
import { fromSqliteError } from '../sqlite-errors';
import { writeFully } from './write-fully';

/** Rowids read per `all()` call inside a block (JS formatting). */
const SLICE_ROWIDS = 1_024;
/** Characters of CSV a thread gathers before encoding them (small chunks die young: less heap). */
const CHUNK_CHARS = 1 << 18;
/** Bytes a thread may hold while waiting for its turn to write: bounds memory when one thread lags. */
const MAX_HELD_BYTES = 4 << 20;
/** Blob bytes a native thread writes between collections of the Buffers it is done with. */
const COLLECT_EVERY_BYTES = 8 << 20;

/**
 * `gc` where the worker runs with --expose-gc (workers/worker-process.ts): the fallback where Buffers
 * cannot be released at once. A native thread allocates one Buffer per block and almost nothing
 * else, so V8 would keep dead ones until 64 MiB of external memory had piled up per thread.
 */
const collect = (globalThis as { gc?: (options?: { type: 'major' | 'minor' }) => void }).gc;
/** Spent Buffers are freed as soon as they are written (buffer-release.ts): no collections needed. */
const releasing = canReleaseBuffers();

/**
 * Reads one block and hands its CSV to `emit` in chunks; the last call has `last` set. False once
 * the export stops. On a read error, `pending.rows` holds the rows read but not yet emitted.
 */
type BlockReader = (from: number, emit: (chunk: Chunk, last: boolean) => boolean, pending: { rows: number }) => boolean;

/** CSV of some rows: lines still to be joined (JS), or bytes ready to write (native). */
type Chunk = { readonly lines: string[] } | { readonly buf: Buffer; readonly rows: number };

/** A thread's life: open, begin the snapshot, then read and format its blocks and write them in turn. */
function runThread(d: ThreadData, port: MessagePort): void {
  const { ints, counts } = sharedViews(d.shared, d.threads);
  let db: Database.Database;
  try {
    db = new Database(d.dbPath, { readonly: true, fileMustExist: true, timeout: d.busyTimeoutMs, ...(d.nativeBinding === null ? {} : { nativeBinding: d.nativeBinding }) });
    db.pragma('query_only = ON');
    db.pragma('trusted_schema = OFF');
    // A scan reads each page once: the 16 MiB page cache better-sqlite3 sets by default would only fill up.
    db.pragma('cache_size = -2000');
    db.exec('BEGIN');
    // A deferred BEGIN takes its snapshot at the first read.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch {
    Atomics.store(ints, STARTED + d.index, NOT_STARTED);
    Atomics.notify(ints, STARTED + d.index);
    return;
  }
  const js = jsReader(db, d);
  const native = nativeReader(db, d, js);
  const read = native ?? js;
  Atomics.store(ints, STARTED + d.index, native ? READING_NATIVE : READING_JS);
  Atomics.notify(ints, STARTED + d.index);

  const eol = d.options.eol;
  const stopped = (): boolean => Atomics.load(ints, STOP) === 1;
  let held: { buf: Buffer; rows: number }[] = [];
  const scratch = Buffer.allocUnsafeSlow(CHUNK_CHARS * 3 + 1_024);
  let heldBytes = 0;
  const pending = { rows: 0 };

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
  const emitFor = (block: number) => (chunk: Chunk, last: boolean): boolean => {
    const rows = 'lines' in chunk ? chunk.lines.length : chunk.rows;
    if (rows > 0) {
      const ourTurn = held.length === 0 && Atomics.load(ints, NEXT) === block;
      if ('buf' in chunk) {
        if (ourTurn) {
          writeOut(chunk.buf, rows);
          releaseBuffer(chunk.buf);
          return last ? true : !stopped();
        }
        held.push(chunk);
        heldBytes += chunk.buf.length;
      } else {
        // A trailing '' makes join end with the line break, without a second copy for `+ eol`.
        chunk.lines.push('');
        const text = chunk.lines.join(eol);
        if (ourTurn && text.length * 3 <= scratch.length) {
          // Our turn and nothing held: encode into the reused buffer and write at once, allocating nothing.
          writeOut(scratch.subarray(0, scratch.write(text, 0, 'utf8')), rows);
          return last ? true : !stopped();
        }
        const buf = Buffer.from(text, 'utf8');
        held.push({ buf, rows });
        heldBytes += buf.length;
      }
    }
    if (!last && Atomics.load(ints, NEXT) !== block && heldBytes <= MAX_HELD_BYTES) {
      return !stopped();
    }
    if (!awaitTurn(block)) {
      return false;
    }
    for (const h of held) {
      writeOut(h.buf, h.rows);
      releaseBuffer(h.buf);
    }
    held = [];
    heldBytes = 0;
    return true;
  };

  for (let block = d.index; block < d.blocks; block += d.threads) {
    pending.rows = 0;
    try {
      if (!read(d.low + block * BLOCK_ROWIDS, emitFor(block), pending)) {
        return;
      }
    } catch (e) {
      if (isWriteError(e)) {
        throw e;
      }
      const failure: ThreadFailure = { error: toApiError(fromSqliteError(e, d.dbPath)), rows: held.reduce((n, h) => n + h.rows, 0) + pending.rows };
      // Report once every earlier block is written, so the coordinator can name the exact row reached.
      if (awaitTurn(block)) {
        port.postMessage(failure);
        Atomics.store(ints, FAILED, 1);
        Atomics.notify(ints, NEXT);
      }
      return;
    }
    // Our block is complete and written: hand the turn to the next block.
    Atomics.store(ints, NEXT, block + 1);
    Atomics.notify(ints, NEXT);
  }
}

/** Blocks formatted in JS: rows in slices of `all()`, lines gathered into chunks of about 256 Ki characters. */
function jsReader(db: Database.Database, d: ThreadData): BlockReader {
  const format = makeRowFormatter(d.temporal.map((temporal) => ({ temporal })), d.options);
  const stmt = db.prepare(d.sql).raw(true).safeIntegers(true);
  return (from, emit, pending) => {
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
            if (!emit({ lines }, false)) {
              return false;
            }
            lines = [];
            chars = 0;
          }
        }
      }
    } catch (e) {
      pending.rows = lines.length;
      throw e;
    }
    return emit({ lines }, true);
  };
}

/**
 * Blocks formatted by the native aggregate, one blob per block; null when the extension will not
 * load here (then the JS reader writes the same bytes). A block the aggregate cannot read (a
 * damaged page) is read again in JS, which names the exact row reached.
 */
function nativeReader(db: Database.Database, d: ThreadData, js: BlockReader): BlockReader | null {
  if (!d.native) {
    return null;
  }
  let stmt: Database.Statement;
  try {
    if (!loadCsvExtension(db, d.native.extension)) {
      return null;
    }
    stmt = db.prepare(d.native.sql).raw(true);
  } catch {
    return null;
  }
  const orderedSql = d.native.orderedSql;
  let ordered = false;
  let since = 0;
  const readBlob = (from: number): [Buffer, number] => stmt.get(...d.params, from, from + BLOCK_ROWIDS) as [Buffer, number];
  return (from, emit, pending) => {
    let got: [Buffer, number];
    try {
      try {
        got = readBlob(from);
      } catch (e) {
        if (ordered || !(e instanceof Error) || !e.message.includes(CSV_OUT_OF_ORDER)) {
          throw e;
        }
        // The plan walks an index, not the table: let SQLite sort each block from now on.
        ordered = true;
        stmt = db.prepare(orderedSql).raw(true);
        got = readBlob(from);
      }
    } catch {
      return js(from, emit, pending);
    }
    since += got[0].length;
    if (since >= COLLECT_EVERY_BYTES && collect && !releasing) {
      since = 0;
      collect({ type: 'major' });
    }
    return emit({ buf: got[0], rows: got[1] }, true);
  };
}

/** True for a failed write to the output (a closed pipe, a full disk), as opposed to a read from the store. */
function isWriteError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as NodeJS.ErrnoException).syscall === 'write';
}

/** Sleeps until the coordinator posts this thread's job (a prestarted thread may wait a while). */
function awaitJob(start: ThreadStart): ThreadData {
  const wake = new Int32Array(start.wake);
  for (;;) {
    const got = receiveMessageOnPort(start.port);
    if (got) {
      return got.message as ThreadData;
    }
    // Set to JOB_POSTED after the post, so a job posted between the two calls is not slept through.
    Atomics.wait(wake, 0, 0, 1_000);
  }
}

// A thread of this bundle: do the work and end before the rest of the worker script would start.
if (!isMainThread && (workerData as { mark?: unknown } | null)?.mark === THREAD_MARK) {
  const start = workerData as ThreadStart;
  const d = awaitJob(start);
  try {
    runThread(d, start.port);
  } catch (e) {
    // A write failed: a reader that closed the pipe early (`| head`) or a full disk.
    const code = (e as NodeJS.ErrnoException).code;
    const failure: ThreadFailure = code === 'EPIPE'
      ? { error: { code: 'cancelled', message: 'The program reading the output closed it before the export finished.' }, rows: 0 }
      : { error: { code: 'io', message: `Writing the export failed (${e instanceof Error ? e.message : String(e)}).` }, rows: 0 };
    const { ints } = sharedViews(d.shared, d.threads);
    start.port.postMessage(failure);
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
