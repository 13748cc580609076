/**
 * Follows a running export by polling `export.progress` with `setTimeout`: the next poll is
 * scheduled only after the previous answer arrived, so slow answers never pile up, and the
 * renderer does a few microseconds of work per poll (performance.md S10: no long tasks).
 */
import type { ExportJobStatus } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/result';
import type { ApiCall } from '../app/api-types';

/** How often the dialog asks how far the export has come. */
export const POLL_INTERVAL_MS = 250;

/** The timer functions, injectable so tests can drive time. */
export interface Timers {
  readonly set: (fn: () => void, ms: number) => unknown;
  readonly clear: (handle: unknown) => void;
}

/** The browser's timers. */
export const WINDOW_TIMERS: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Polls until the job is no longer running (or a poll fails); returns a function that stops.
 * The first poll is immediate, so a quick export shows its result without waiting a tick.
 */
export function pollExportJob(
  call: ApiCall,
  jobId: string,
  onStatus: (status: ExportJobStatus) => void,
  onError: (error: ApiError) => void,
  timers: Timers = WINDOW_TIMERS,
  intervalMs: number = POLL_INTERVAL_MS,
): () => void {
  let stopped = false;
  let handle: unknown = null;
  const poll = async (): Promise<void> => {
    handle = null;
    const r = await call('export.progress', { jobId });
    if (stopped) {
      return;
    }
    if (!r.ok) {
      onError(r.error);
      return;
    }
    onStatus(r.value);
    if (r.value.state === 'running') {
      handle = timers.set(() => void poll(), intervalMs);
    }
  };
  void poll();
  return () => {
    stopped = true;
    if (handle !== null) {
      timers.clear(handle);
    }
  };
}
