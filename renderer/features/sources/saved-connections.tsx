/**
 * The saved Postgres connections: name, URL (redacted), a lock when the keychain keeps the
 * password. Opening one without a kept password asks for it first; an empty answer opens
 * without one (PGPASSWORD, ~/.pgpass or trust auth).
 */
import { useId, useState, type FormEvent } from 'react';
import type { SavedConnectionInfo, StoreSummary } from '../../../shared/api/contract';
import { call } from '../../app/api-client';
import { redactUrl } from './pg-form';

/** The saved connections list. */
export function SavedConnections({ connections, disabled, onOpened, onRemoved }: {
  readonly connections: readonly SavedConnectionInfo[] | null;
  readonly disabled: boolean;
  readonly onOpened: (store: StoreSummary) => void;
  readonly onRemoved: () => void;
}) {
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ readonly id: string; readonly message: string } | null>(null);

  if (connections === null) {
    return <p className="muted">Loading saved connections…</p>;
  }
  if (connections.length === 0) {
    return <p className="muted" data-testid="saved-empty">No saved connections. Give a name under “Save as” when connecting.</p>;
  }

  const open = async (c: SavedConnectionInfo, password?: string): Promise<void> => {
    setBusy(c.id);
    setFailure(null);
    const r = await call('connections.open', { id: c.id, ...(password ? { password } : {}) });
    setBusy(null);
    if (r.ok) {
      setAsking(null);
      onOpened(r.value);
    } else {
      setFailure({ id: c.id, message: r.error.message });
    }
  };
  const remove = async (c: SavedConnectionInfo): Promise<void> => {
    setFailure(null);
    const r = await call('connections.remove', { id: c.id });
    if (!r.ok) {
      setFailure({ id: c.id, message: r.error.message });
    }
    onRemoved();
  };

  return (
    <ul className="saved-list" data-testid="saved-connections">
      {connections.map((c) => (
        <li key={c.id} data-testid="saved-connection" data-name={c.name}>
          <div className="saved-row">
            <button
              type="button"
              className="saved-open"
              data-testid="saved-open"
              disabled={disabled || busy !== null}
              title={`Open ${c.name}`}
              onClick={() => (c.hasPassword ? void open(c) : setAsking(c.id))}
            >
              <span className="saved-name">{c.name}</span>
              {c.hasPassword && <LockIcon />}
              <span className="saved-url" title={redactUrl(c.url)}>{redactUrl(c.url)}</span>
              {c.schemas.length > 0 && <span className="saved-schemas">schemas {c.schemas.join(', ')}</span>}
            </button>
            <button type="button" className="icon-button" data-testid="saved-remove" aria-label={`Remove the saved connection ${c.name}`} title="Remove"
              disabled={busy !== null} onClick={() => void remove(c)}>
              ×
            </button>
          </div>
          {asking === c.id && (
            <PasswordPrompt name={c.name} busy={busy === c.id} onSubmit={(p) => void open(c, p)} onCancel={() => setAsking(null)} />
          )}
          {failure?.id === c.id && <p className="field-error saved-error" role="alert" data-testid="saved-error">{failure.message}</p>}
        </li>
      ))}
    </ul>
  );
}

function PasswordPrompt({ name, busy, onSubmit, onCancel }: {
  readonly name: string;
  readonly busy: boolean;
  readonly onSubmit: (password: string) => void;
  readonly onCancel: () => void;
}) {
  const id = useId();
  // Held only while the prompt is open; the prompt goes away once the store opens.
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!busy) {
      onSubmit(password);
    }
  };
  return (
    <form className="saved-prompt" data-testid="saved-password-prompt" onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label htmlFor={id}>Password for {name}</label>
      <input id={id} type="password" data-testid="saved-password" autoFocus autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" className="primary small" data-testid="saved-password-open" disabled={busy}>{busy ? 'Opening…' : 'Open'}</button>
      <button type="button" className="small" onClick={onCancel}>Cancel</button>
      <span className="field-hint">Leave it empty to use PGPASSWORD or ~/.pgpass.</span>
    </form>
  );
}

function LockIcon() {
  return (
    <svg className="saved-lock" data-testid="saved-lock" viewBox="0 0 16 16" width="12" height="12" role="img" aria-label="Password kept in the OS keychain">
      <title>Password kept in the OS keychain</title>
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5Zm1.5 0h4V5a2 2 0 0 0-4 0v2Z" fill="currentColor" />
    </svg>
  );
}
