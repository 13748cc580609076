import { useEffect, useRef, useState } from 'react';
import type { StoreSummary } from '../../../shared/api/contract';
import { call } from '../../app/api-client';
import { ModalDialog } from '../../components/modal-dialog';
import { OpenProgressCard } from './open-progress-card';
import { pathLabel } from './open-progress-text';
import { PathForm } from './path-form';
import { useStoreOpening } from './use-store-opening';
import './sources.css';

/**
 * Ctrl+O with a store open in browser mode: the start screen's path field in a dialog, so another
 * store opens without closing this one first (Electron's File → Open… shows the OS dialog instead).
 */
export function OpenPathDialog({ onOpened, onClose }: { readonly onOpened: (store: StoreSummary) => void; readonly onClose: () => void }) {
  const opening = useStoreOpening();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The modal dialog focuses its first control (Close); the user came here to type a path.
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    body.current?.querySelector<HTMLInputElement>('input[type="text"]')?.focus();
  }, []);
  const submit = (path: string): void => {
    setBusy(true);
    setError(null);
    void opening.openTracked(pathLabel(path), (requestId) => call('stores.openPath', { path, requestId })).then((r) => {
      setBusy(false);
      if (r.ok) {
        onOpened(r.value);
      } else if (r.error.code !== 'cancelled') {
        setError(r.error.message);
      }
    });
  };
  return (
    <ModalDialog title="Open a store" testId="open-dialog" onClose={onClose}>
      <div ref={body}>
        <PathForm busy={busy} error={error} onSubmit={submit} />
      </div>
      {opening.card && <OpenProgressCard card={opening.card} onCancel={opening.cancel} />}
    </ModalDialog>
  );
}
