import './progress-bar.css';

/**
 * A thin progress bar: filled to `fraction` (0 to 1), or a sliding indeterminate stripe when
 * the total is unknown (null). The stripe is a CSS transform animation, so it costs the main
 * thread nothing while a long job runs.
 */
export function ProgressBar({ fraction, label, testId }: {
  readonly fraction: number | null;
  readonly label: string;
  readonly testId?: string;
}) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10;
  return (
    <div
      className={`progress-bar${percent === null ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      data-testid={testId}
    >
      <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
