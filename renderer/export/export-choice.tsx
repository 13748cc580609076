import type { ExportAlternative } from './export-subject';

/**
 * The dialog's "Export" radios: its own subject or the alternative (the runs view's runs, or the
 * steps of those runs). An alternative that cannot be taken now stays visible, disabled, with
 * the reason under it, so the user sees why rather than wonder where it went.
 */
export function ExportChoice({ alternative, picked, disabled, onPick }: {
  readonly alternative: ExportAlternative;
  /** True when the alternative is picked. */
  readonly picked: boolean;
  readonly disabled: boolean;
  readonly onPick: (alternative: boolean) => void;
}) {
  const { ownLabel, label, unavailable } = alternative;
  return (
    <fieldset className="export-options export-choice" data-testid="export-choice" disabled={disabled}>
      <legend className="visually-hidden">What to export</legend>
      <span className="export-label">Export</span>
      <div className="export-field">
        <label className="export-check">
          <input type="radio" name="export-choice" data-testid="export-choice-own" checked={!picked} onChange={() => onPick(false)} />
          {ownLabel}
        </label>
        <label className="export-check" title={unavailable ?? undefined}>
          <input type="radio" name="export-choice" data-testid="export-choice-alternative" checked={picked} disabled={unavailable !== null}
            onChange={() => onPick(true)} />
          {label}
        </label>
        {unavailable !== null && <span className="field-hint" data-testid="export-choice-unavailable">{unavailable}</span>}
      </div>
    </fieldset>
  );
}
