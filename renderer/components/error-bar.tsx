import type { ApiError } from '../../shared/api/result';

/** One error on the bar: what failed, while doing what. */
export interface ErrorEntry extends ApiError {
  readonly id: number;
  readonly where: string;
}

/** The app-wide bar of failed calls, newest last; each one can be dismissed. */
export function ErrorBar({ errors, onDismiss }: { readonly errors: readonly ErrorEntry[]; readonly onDismiss: (id: number) => void }) {
  if (errors.length === 0) {
    return null;
  }
  return (
    <div className="error-bar" role="alert" data-testid="error-bar">
      {errors.map((e) => (
        <div className="error-bar-item" key={e.id} data-testid="error-item" data-code={e.code}>
          <span className="error-code">{e.code}</span>
          <span className="error-where">{e.where}:</span>
          <span className="error-message">{e.message}</span>
          <button type="button" className="icon-button" aria-label="Dismiss this error" title="Dismiss" onClick={() => onDismiss(e.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
