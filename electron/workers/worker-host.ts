import { AuditlensError } from '../../shared/api/result';
import type { WorkerMessage } from './worker-messages';
import type { SpawnWorker, WorkerProcess } from './worker-process';

/** A request's limit when neither it nor its host sets one. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** Options of one request to a worker. */
export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
  readonly onProgress?: ((progress: unknown) => void) | undefined;
}

/** How to start a worker: its script, the request that sets up each fresh process, its name in errors. */
export interface WorkerHostOptions<Request> {
  readonly spawn: SpawnWorker;
  readonly script: string;
  /** Sent first to every process this host starts (the open), and replayed after a kill. */
  readonly setup: Request;
  /** What the user reads when the process dies: "The <name> stopped unexpectedly". */
  readonly name: string;
  /** A request's limit unless it brings its own (default 30 s). */
  readonly timeoutMs?: number | undefined;
}

interface Pending<Request> {
  readonly id: number;
  readonly request: Request;
  readonly options: RequestOptions;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
}

/**
 * Runs requests one at a time in a worker process. Cancelling or timing out the running request
 * kills the process (the only way to stop a running SQLite statement) and the next request starts
 * a fresh one, replaying the `setup` request (the open) first.
 */
export class WorkerHost<Request> {
  private proc: WorkerProcess | null = null;
  private ready: Promise<void> | null = null;
  private readonly queue: Pending<Request>[] = [];
  private running: Pending<Request> | null = null;
  private nextId = 1;
  private closed = false;

  public constructor(private readonly options: WorkerHostOptions<Request>) {}

  /** Sends a request; resolves with the worker's value or rejects with a typed error. */
  public request<T>(request: Request, options: RequestOptions = {}): Promise<T> {
    if (this.closed) {
      return Promise.reject(new AuditlensError('cancelled', 'The store was closed.'));
    }
    if (options.signal?.aborted) {
      return Promise.reject(new AuditlensError('cancelled', 'The query was cancelled.'));
    }
    return new Promise<T>((resolve, reject) => {
      const pending: Pending<Request> = { id: this.nextId++, request, options, resolve: resolve as (v: unknown) => void, reject };
      options.signal?.addEventListener('abort', () => this.abort(pending, new AuditlensError('cancelled', 'The query was cancelled.')), { once: true });
      this.queue.push(pending);
      this.pump();
    });
  }

  /** Starts the process and its setup now, so the next request does not wait for them; a failure surfaces on that request. */
  public warm(): void {
    if (!this.closed) {
      this.start().catch(() => undefined);
    }
  }

  /** Kills the worker and fails everything queued. */
  public close(): void {
    this.closed = true;
    const all = [...(this.running ? [this.running] : []), ...this.queue.splice(0)];
    this.running = null;
    this.kill();
    for (const p of all) {
      p.reject(new AuditlensError('cancelled', 'The store was closed.'));
    }
  }

  private abort(p: Pending<Request>, e: AuditlensError): void {
    const i = this.queue.indexOf(p);
    if (i >= 0) {
      this.queue.splice(i, 1);
      p.reject(e);
      return;
    }
    if (this.running === p) {
      this.running = null;
      this.kill();
      p.reject(e);
      this.pump();
    }
  }

  private kill(): void {
    const proc = this.proc;
    this.proc = null;
    this.ready = null;
    proc?.kill();
  }

  private start(): Promise<void> {
    if (this.ready) {
      return this.ready;
    }
    const proc = this.options.spawn(this.options.script);
    this.proc = proc;
    const setupId = 0x7fffffff;
    this.ready = new Promise<void>((resolve, reject) => {
      proc.onMessage((raw) => {
        const m = raw as WorkerMessage;
        if (m.kind === 'ready') {
          proc.send({ id: setupId, request: this.options.setup });
          return;
        }
        if (m.id === setupId) {
          if (m.kind === 'result') {
            resolve();
          } else if (m.kind === 'error') {
            reject(new AuditlensError(m.error.code, m.error.message));
          }
          return;
        }
        this.onMessage(proc, m);
      });
      proc.onExit((code) => {
        if (this.proc === proc) {
          this.proc = null;
          this.ready = null;
          reject(new AuditlensError('internal', `The ${this.options.name} stopped unexpectedly (exit ${code ?? 'signal'}).`));
          const running = this.running;
          this.running = null;
          running?.reject(new AuditlensError('internal', `The ${this.options.name} stopped unexpectedly; the store was not changed.`));
          this.pump();
        }
      });
    });
    return this.ready;
  }

  private onMessage(proc: WorkerProcess, m: WorkerMessage): void {
    const p = this.running;
    if (proc !== this.proc || !p || m.id !== p.id) {
      return;
    }
    if (m.kind === 'progress') {
      p.options.onProgress?.(m.progress);
      return;
    }
    this.running = null;
    if (m.kind === 'result') {
      p.resolve(m.value);
    } else if (m.kind === 'error') {
      p.reject(new AuditlensError(m.error.code, m.error.message));
    }
    this.pump();
  }

  private pump(): void {
    if (this.running || this.queue.length === 0 || this.closed) {
      return;
    }
    const p = this.queue.shift() as Pending<Request>;
    this.running = p;
    const timeoutMs = p.options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(
      () => this.abort(p, new AuditlensError('timeout', `The query took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`)),
      timeoutMs,
    );
    const settle = (): void => clearTimeout(timer);
    const { resolve, reject } = p;
    Object.assign(p, {
      resolve: (v: unknown) => {
        settle();
        resolve(v);
      },
      reject: (e: Error) => {
        settle();
        reject(e);
      },
    });
    this.start().then(
      () => {
        if (this.running === p) {
          this.proc?.send({ id: p.id, request: p.request });
        }
      },
      (e: unknown) => {
        if (this.running === p) {
          this.running = null;
          p.reject(e instanceof Error ? e : new AuditlensError('internal', String(e)));
          this.kill();
          this.pump();
        }
      },
    );
  }
}
