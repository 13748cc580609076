import { useEffect, useState } from 'react';
import type { StoreSummary } from '../../../shared/api/contract';
import { call } from '../../app/api-client';
import { ModalDialog } from '../../components/modal-dialog';
import { PgConnectPanel } from './pg-connect-panel';
import './sources.css';

/** File → Connect to Postgres…: the start screen's connection form in a dialog, usable with a store open. */
export function PgConnectDialog({ onOpened, onClose }: { readonly onOpened: (store: StoreSummary) => void; readonly onClose: () => void }) {
  const [canKeepPasswords, setCanKeepPasswords] = useState(false);
  useEffect(() => {
    void call('connections.list', {}).then((r) => setCanKeepPasswords(r.ok && r.value.canKeepPasswords));
  }, []);
  return (
    <ModalDialog title="Connect to Postgres" testId="pg-dialog" onClose={onClose}>
      <PgConnectPanel disabled={false} canKeepPasswords={canKeepPasswords} onOpened={onOpened} />
    </ModalDialog>
  );
}
