/**
 * The "Export CSV" dialog: what to export when the view offers a choice, what will be written
 * (rows, columns, filters), the CSV options, then the running job with Cancel, and its result.
 * Options are remembered between exports. Escape and the close button work whenever no export
 * is running; while one runs, Cancel is the way out.
 */
import { useEffect, useRef, useState } from 'react';
import { useReportError } from '../app/error-context';
import { ExportChoice } from './export-choice';
import { ExportOptionsForm } from './export-options-form';
import { loadExportOptions, saveExportOptions, type ExportOptions } from './export-options';
import { withKnownTotal } from './export-progress-text';
import { ExportProgressView } from './export-progress-view';
import type { ExportSubject } from './export-subject';
import { ExportSummary } from './export-summary';
import { downloadExport } from './start-download';
import { useCountAhead } from './use-count-ahead';
import { useExportJob } from './use-export-job';
import './export.css';
import { withShortcut } from '../app/shortcuts';

/** The modal export dialog for one subject (or its alternative, when it has one and the user picks it). */
export function ExportDialog({ subject: own, onClose }: { readonly subject: ExportSubject; readonly onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [pickedAlternative, setPickedAlternative] = useState(false);
  const alternative = own.alternative;
  const picked = pickedAlternative && alternative && alternative.unavailable === null ? alternative.subject : own;
  const subject = useCountAhead(picked);
  const [options, setOptions] = useState<ExportOptions>(() => loadExportOptions(storage()));
  const { view, start, cancel, reset } = useExportJob();
  const running = view.phase === 'starting' || (view.phase === 'job' && view.status.state === 'running');
  const downloaded = useRef<string | null>(null);
  const report = useReportError();

  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) {
      // A modal <dialog> makes the rest of the page inert and keeps focus inside.
      el.showModal();
    }
    return () => el?.close();
  }, []);

  // Each stage's main button takes the focus, so Enter and Escape keep working inside the dialog.
  const stage = view.phase === 'job' ? `job-${view.status.state}` : view.phase;
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [stage]);

  // Browser mode: hand the finished file to the browser once, as soon as the job is done.
  const done = view.phase === 'job' && view.status.state === 'done' ? view : null;
  useEffect(() => {
    if (done && done.status.download !== null && downloaded.current !== done.jobId) {
      downloaded.current = done.jobId;
      void downloadExport(done.status.download, undefined, (e) => report(e, 'Downloading the export'));
    }
  }, [done, report]);

  const exportNow = (): void => {
    saveExportOptions(storage(), options);
    start(subject, options);
  };
  const close = (): void => {
    if (!running) {
      onClose();
    }
  };

  // role="dialog" is implied by <dialog>, but the explorer's single-key shortcuts (r, t, /) look
  // for the attribute to stay out of the way while the user works in a dialog.
  return (
    <dialog
      ref={ref}
      className="export-dialog"
      role="dialog"
      aria-labelledby="export-dialog-title"
      data-testid="export-dialog"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Ours to handle: the row detail behind the dialog must not close too.
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <header className="export-head">
        <h2 id="export-dialog-title">Export CSV <span className="export-title-name">{subject.title}</span></h2>
        <button type="button" className="icon-button" aria-label="Close" title={running ? 'Cancel the export first' : withShortcut('Close', 'close')} disabled={running} onClick={close}>
          ×
        </button>
      </header>
      <div className="export-body">
        {alternative && (
          <ExportChoice alternative={alternative} picked={picked !== own} disabled={view.phase !== 'idle'} onPick={setPickedAlternative} />
        )}
        <ExportSummary subject={subject} />
        {view.phase === 'idle' || view.phase === 'starting' ? (
          <ExportOptionsForm options={options} fileName={subject.fileName} disabled={view.phase === 'starting'} onChange={setOptions} />
        ) : view.phase === 'job' ? (
          <ExportProgressView status={withKnownTotal(view.status, subject.count)} cancelling={view.cancelling} provenance={options.provenance} />
        ) : (
          <p className="field-error" role="alert" data-testid="export-error">The export could not start: {view.error.message}</p>
        )}
      </div>
      <footer className="export-actions">
        {view.phase === 'idle' || view.phase === 'starting' ? (
          <>
            <button type="button" onClick={close} disabled={view.phase === 'starting'}>Close</button>
            <button type="button" className="primary" data-testid="export-start" data-autofocus disabled={view.phase === 'starting'} onClick={exportNow}>
              {view.phase === 'starting' ? 'Starting…' : 'Export'}
            </button>
          </>
        ) : running ? (
          <button type="button" data-testid="export-cancel" data-autofocus disabled={view.phase === 'job' && view.cancelling} onClick={cancel}>
            Cancel export
          </button>
        ) : (
          <>
            <button type="button" data-testid="export-again" onClick={reset}>Back to options</button>
            <button type="button" className="primary" data-testid="export-close" data-autofocus onClick={onClose}>Close</button>
          </>
        )}
      </footer>
    </dialog>
  );
}

/** localStorage, or null where the page may not use it. */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
