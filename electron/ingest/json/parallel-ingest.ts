import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AuditlensError, type ErrorCode } from '../../../shared/api/result';
import { runtimePaths } from '../../runtime-paths';
import type { CacheWriter, TableSeed } from './cache-writer';
import { ingestFiles, throwIfCancelled, type IngestOptions, type IngestProgress, type IngestStats } from './ingest';
import type { ColumnDef, SchemaChange, TableSpec } from './record-shaper';
import { OP } from './shaping-front';
import type { FileMode, FoundFile } from './scan-files';
import { DEFAULT_LIMITS, type ScanLimits } from './parse/scan-types';

/** What the parse worker is started with. */
export interface ParseWorkerData {
  readonly files: readonly FoundFile[];
  readonly limits: ScanLimits;
  readonly chunkBytes: number | undefined;
  readonly seeds: readonly TableSeed[];
  readonly nextFileId: number;
  /** Int32 count of batches posted and not yet written, shared with the worker. */
  readonly inFlight: SharedArrayBuffer;
  readonly maxInFlight: number;
}

/** Below this many bytes a worker's start-up costs more than it saves: read in this thread. */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;

/** Batches the worker may be ahead of the writer (a batch is about 2,000 rows). */
const MAX_IN_FLIGHT = 8;

/** Busy and idle CPU time summed over every core, as `os.cpus()` reports them (milliseconds). */
export interface CpuTimes {
  readonly busy: number;
  readonly idle: number;
}

/** The machine's CPU times so far. */
export function cpuTimes(): CpuTimes {
  let busy = 0;
  let idle = 0;
  for (const c of os.cpus()) {
    busy += c.times.user + c.times.nice + c.times.sys + c.times.irq;
    idle += c.times.idle;
  }
  return { busy, idle };
}

/** Cores that sat idle between two readings, out of `cores` (pure: unit-tested). */
export function idleCores(before: CpuTimes, after: CpuTimes, cores: number): number {
  const busy = after.busy - before.busy;
  const idle = after.idle - before.idle;
  return busy + idle > 0 ? (cores * idle) / (busy + idle) : cores;
}

/** Time `spareCore` watches the CPUs for. */
const SPARE_CORE_SAMPLE_MS = 100;

/**
 * True when a second core is free for the worker now. Overlap only pays with one: on a busy
 * 2-core machine (load 5) the worker measured 6.8 s against 5.4 s in one thread for 300k events,
 * since copying rows between threads costs about 1.3 s of CPU per 300k events. Measured over a
 * moment rather than read from the 1-minute load average, which still counted our own last
 * ingest and kept back-to-back loads (the bench's runs) on one thread.
 */
export async function spareCore(sampleMs = SPARE_CORE_SAMPLE_MS): Promise<boolean> {
  const cores = os.availableParallelism();
  if (cores < 2) {
    return false;
  }
  const before = cpuTimes();
  await new Promise((r) => setTimeout(r, sampleMs));
  // Our own thread is idle while it waits, so a core must be free beside the one we will use.
  return idleCores(before, cpuTimes(), os.cpus().length) >= 1.5;
}

/** The bundled parse worker (dist/electron/json-parse-worker.js), or null when not built (tests from source). */
export async function defaultParseWorker(files: readonly FoundFile[]): Promise<string | null> {
  if (files.reduce((s, f) => s + f.size, 0) < WORKER_MIN_BYTES || !(await spareCore())) {
    return null;
  }
  try {
    const file = path.join(runtimePaths().root, 'dist', 'electron', 'json-parse-worker.js');
    return fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * Ingests `files` with parsing and shaping in a worker thread and SQLite writing here, batch by
 * batch, so the two overlap on two cores and this thread only ever works a few milliseconds at a
 * time. Without a worker script (`workerScript` null) it reads in this thread, as `ingestFiles`.
 */
export async function ingestParallel(writer: CacheWriter, files: readonly FoundFile[], options: IngestOptions, workerScript: string | null): Promise<IngestStats> {
  if (!workerScript || files.length === 0) {
    return ingestFiles(writer, files, options);
  }
  throwIfCancelled(options.signal);
  const inFlight = new SharedArrayBuffer(4);
  const counter = new Int32Array(inFlight);
  const data: ParseWorkerData = {
    files,
    limits: options.limits ?? DEFAULT_LIMITS,
    chunkBytes: options.chunkBytes,
    seeds: writer.seeds(),
    nextFileId: writer.nextFileId(),
    inFlight,
    maxInFlight: MAX_IN_FLIGHT,
  };
  let worker: Worker;
  try {
    worker = new Worker(workerScript, { workerData: data });
  } catch {
    return ingestFiles(writer, files, options);
  }
  const specs: TableSpec[] = [];
  let heard = false;
  return new Promise<IngestStats>((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown, stats?: IngestStats): void => {
      if (settled) {
        return;
      }
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error) {
        reject(error instanceof Error ? error : new Error('The JSON parse worker failed.'));
      } else {
        resolve(stats as IngestStats);
      }
    };
    /** A worker that fails before sending anything (it could not start) has written nothing: read here instead. */
    const failed = (error: unknown): void => {
      if (heard || settled || options.signal?.aborted) {
        settle(error);
        return;
      }
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      ingestFiles(writer, files, options).then(resolve, reject);
    };
    const onAbort = (): void => settle(new AuditlensError('cancelled', 'Loading the JSON files was cancelled.'));
    options.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: { ops?: unknown[]; done?: IngestStats; error?: { code: ErrorCode | null; message: string } }) => {
      if (settled) {
        return;
      }
      heard = true;
      try {
        if (m.ops) {
          applyOps(writer, specs, m.ops, options.onProgress);
          Atomics.sub(counter, 0, 1);
          Atomics.notify(counter, 0);
          throwIfCancelled(options.signal);
        } else if (m.done) {
          settle(null, m.done);
        } else if (m.error) {
          settle(m.error.code ? new AuditlensError(m.error.code, m.error.message) : new Error(m.error.message));
        }
      } catch (e) {
        settle(e);
      }
    });
    worker.on('error', failed);
    worker.on('exit', (code) => failed(new Error(`the JSON parse worker stopped (${code})`)));
  });
}

/** Writes one batch of the worker's operations (see `OP`). */
function applyOps(writer: CacheWriter, specs: TableSpec[], ops: readonly unknown[], onProgress: ((p: IngestProgress) => void) | undefined): void {
  let i = 0;
  while (i < ops.length) {
    const op = ops[i] as number;
    switch (op) {
      case OP.row:
        writer.addShapedRow(specs[ops[i + 1] as number] as TableSpec, ops[i + 2] as unknown[], ops[i + 3] as ColumnDef[] | null, ops[i + 4] as SchemaChange[] | null);
        i += 5;
        break;
      case OP.file:
        writer.addFile({ rel: ops[i + 2] as string, size: ops[i + 3] as number, mtimeMs: ops[i + 4] as number, mode: ops[i + 5] as FileMode }, ops[i + 1] as number);
        i += 6;
        break;
      case OP.problem:
        writer.addProblem(ops[i + 1] as number | null, { rel: ops[i + 2] as string, offset: ops[i + 3] as number | null, line: ops[i + 4] as number | null, message: ops[i + 5] as string });
        i += 6;
        break;
      case OP.finishFile:
        writer.finishFile(ops[i + 1] as number, ops[i + 2] as number, ops[i + 3] as number, ops[i + 4] as number, ops[i + 5] as string[]);
        i += 6;
        break;
      case OP.table:
        specs[ops[i + 1] as number] = ops[i + 2] as TableSpec;
        i += 3;
        break;
      case OP.nullOnly:
        writer.setNullOnly((specs[ops[i + 1] as number] as TableSpec).name, ops[i + 2] as ColumnDef[]);
        i += 3;
        break;
      case OP.progress:
        onProgress?.(ops[i + 1] as IngestProgress);
        i += 2;
        break;
      case OP.values: {
        const n = ops[i + 2] as number;
        writer.addShapedValues(specs[ops[i + 1] as number] as TableSpec, ops, i + 3, n);
        i += 3 + n;
        break;
      }
      default:
        throw new Error(`unknown operation ${op} from the JSON parse worker`);
    }
  }
}
