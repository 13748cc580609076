import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportJobStatus } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/result';
import { call } from '../app/api-client';
import type { ExportOptions } from './export-options';
import { pollExportJob } from './export-poller';
import type { ExportSubject } from './export-subject';

/** Where the dialog's export stands. */
export type ExportJobView =
  | { readonly phase: 'idle' }
  | { readonly phase: 'starting' }
  | { readonly phase: 'job'; readonly jobId: string; readonly status: ExportJobStatus; readonly cancelling: boolean }
  | { readonly phase: 'error'; readonly error: ApiError };

/** The job just started, before its first progress answer. */
const FIRST_STATUS: ExportJobStatus = {
  state: 'running', rows: 0, bytes: 0, rate: 0, etaMs: null, totalRows: null, path: null, error: null, download: null,
};

/**
 * Starts an export and follows it until it ends. Polling stops when the dialog unmounts; the
 * dialog cannot close while a job runs, so no running job is left without its dialog.
 */
export function useExportJob(): {
  readonly view: ExportJobView;
  readonly start: (subject: ExportSubject, options: ExportOptions) => void;
  readonly cancel: () => void;
  readonly reset: () => void;
} {
  const [view, setView] = useState<ExportJobView>({ phase: 'idle' });
  const stopPolling = useRef<(() => void) | null>(null);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      stopPolling.current?.();
      stopPolling.current = null;
    };
  }, []);

  const start = useCallback((subject: ExportSubject, options: ExportOptions) => {
    setView({ phase: 'starting' });
    void subject.start(options).then((r) => {
      if (!live.current) {
        return;
      }
      if (!r.ok) {
        setView({ phase: 'error', error: r.error });
        return;
      }
      const jobId = r.value.jobId;
      if (jobId === null) {
        // The user closed the save dialog: back to the options, nothing to report.
        setView({ phase: 'idle' });
        return;
      }
      setView({ phase: 'job', jobId, status: FIRST_STATUS, cancelling: false });
      stopPolling.current = pollExportJob(
        call,
        jobId,
        (status) => setView((v) => (v.phase === 'job' && v.jobId === jobId ? { ...v, status } : v)),
        (error) => setView({ phase: 'error', error }),
      );
    });
  }, []);

  const jobId = view.phase === 'job' && view.status.state === 'running' && !view.cancelling ? view.jobId : null;
  const cancel = useCallback(() => {
    if (jobId === null) {
      return;
    }
    setView((v) => (v.phase === 'job' && v.jobId === jobId ? { ...v, cancelling: true } : v));
    // The next poll sees the job as cancelled; this answer only says whether it was still running.
    void call('export.cancel', { jobId });
  }, [jobId]);

  const reset = useCallback(() => {
    stopPolling.current?.();
    stopPolling.current = null;
    setView({ phase: 'idle' });
  }, []);

  return { view, start, cancel, reset };
}
