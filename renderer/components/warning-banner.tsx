import { useState } from 'react';

/**
 * A persistent amber sentence across the window (a login that could change the store). It
 * stays until the user dismisses it; mount it with the store's id as `key` so a dismissal lasts
 * exactly as long as that store is open.
 */
export function WarningBanner({ message, testId }: { readonly message: string | null | undefined; readonly testId: string }) {
  const [dismissed, setDismissed] = useState(false);
  if (!message || dismissed) {
    return null;
  }
  return (
    <div className="warning-banner" role="status" data-testid={testId}>
      <span className="warning-banner-icon" aria-hidden="true">⚠</span>
      <span className="warning-banner-text">{message}</span>
      <button type="button" className="icon-button" data-testid={`${testId}-dismiss`} aria-label="Dismiss this warning while the store is open" title="Dismiss"
        onClick={() => setDismissed(true)}>
        ×
      </button>
    </div>
  );
}
