import type { ExportJobStatus } from '../../shared/api/contract';
import { useReportError } from '../app/error-context';
import { formatInt, formatMiB } from '../components/format';
import { ProgressBar } from '../components/progress-bar';
import { progressFraction, progressParts } from './export-progress-text';
import { downloadExport } from './start-download';

/**
 * A started export: the bar and figures while it runs, then what came of it. Browser mode
 * offers the file (and its provenance) as downloads; Electron names where it was saved.
 */
export function ExportProgressView({ status, cancelling, provenance }: {
  readonly status: ExportJobStatus;
  readonly cancelling: boolean;
  /** Whether a provenance file was asked for (and so can be offered). */
  readonly provenance: boolean;
}) {
  const parts = progressParts(status);
  const report = useReportError();
  // Each click asks for a fresh one-time link: the address a link shows never works twice.
  const download = (part?: 'provenance') => (): void => {
    if (status.download !== null) {
      void downloadExport(status.download, part, (e) => report(e, 'Downloading the export'));
    }
  };
  if (status.state === 'running') {
    return (
      <div className="export-progress" data-testid="export-progress" data-state="running">
        <p className="export-status-line">{cancelling ? 'Cancelling…' : 'Writing the CSV…'}</p>
        <ProgressBar fraction={progressFraction(status)} label="Export progress" testId="export-progress-bar" />
        <p className="export-figures" data-testid="export-figures">
          <span data-testid="export-rows">{parts.rows}</span>
          <span>{parts.size}</span>
          <span>{parts.rate}</span>
          <span>{parts.eta}</span>
        </p>
      </div>
    );
  }
  if (status.state === 'done') {
    return (
      <div className="export-progress" data-testid="export-progress" data-state="done">
        <p className="export-status-line export-done" data-testid="export-done">
          ✓ Exported {formatInt(status.rows)} {status.rows === 1 ? 'row' : 'rows'} ({formatMiB(status.bytes)}).
        </p>
        {status.download !== null ? (
          <>
            <p className="muted">Your browser is saving the file. If it did not start, download it again.</p>
            <div className="export-links">
              <button type="button" className="button-link" onClick={download()} data-testid="export-download">Download CSV</button>
              {provenance && (
                <button type="button" className="button-link" onClick={download('provenance')} data-testid="export-download-provenance">
                  Download provenance
                </button>
              )}
            </div>
          </>
        ) : (
          <dl className="export-paths">
            <dt>Saved to</dt>
            <dd className="mono" data-testid="export-path">{status.path}</dd>
            {provenance && status.path !== null && (
              <>
                <dt>Provenance</dt>
                <dd className="mono" data-testid="export-provenance-path">{`${status.path}.json`}</dd>
              </>
            )}
          </dl>
        )}
      </div>
    );
  }
  if (status.state === 'cancelled') {
    return (
      <div className="export-progress" data-testid="export-progress" data-state="cancelled">
        <p className="export-status-line">Export cancelled after {formatInt(status.rows)} rows; no file was left behind.</p>
      </div>
    );
  }
  return (
    <div className="export-progress" data-testid="export-progress" data-state="failed">
      <p className="field-error" role="alert" data-testid="export-error">
        The export failed: {status.error?.message ?? 'the server gave no reason.'}
      </p>
    </div>
  );
}
