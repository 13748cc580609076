import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useOpenShortcut } from './use-open-shortcut';
import { shortcutKeys } from '../../app/shortcuts';

/**
 * Browser mode's way to open a store: type its path. The page cannot show the OS file dialog,
 * so the server checks the path it is given and says plainly what is wrong with it.
 */
export function PathForm({ busy, error, onSubmit }: {
  readonly busy: boolean;
  readonly error: string | null;
  readonly onSubmit: (path: string) => void;
}) {
  const [path, setPath] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useOpenShortcut(useCallback(() => input.current?.focus(), []));

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (path.trim() !== '' && !busy) {
      onSubmit(path.trim());
    }
  };

  return (
    <form className="path-form" onSubmit={submit}>
      <label htmlFor="store-path">Path to an audit store (SQLite file, JSON file or folder)</label>
      <div className="path-row">
        <input
          id="store-path"
          ref={input}
          data-testid="store-path"
          type="text"
          spellCheck={false}
          autoComplete="off"
          autoFocus
          placeholder="/path/to/audit.sqlite"
          value={path}
          aria-invalid={error !== null}
          aria-describedby={error ? 'store-path-error' : undefined}
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="open-path" disabled={busy || path.trim() === ''}>
          Open
        </button>
      </div>
      {error ? (
        <p id="store-path-error" className="field-error" role="alert" data-testid="open-error">
          {error}
        </p>
      ) : (
        <p className="field-hint">{shortcutKeys('open')} focuses this field; Enter opens.</p>
      )}
    </form>
  );
}
