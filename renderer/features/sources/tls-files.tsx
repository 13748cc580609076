/**
 * The TLS files of the Postgres form: the CA certificate and a client certificate with its key,
 * wired to pg's `ca`, `cert` and `key`. In Electron each is chosen in the OS dialog (the page only
 * holds a ticket and the file's name); browser mode has no file dialog, so each is a typed path
 * (`~` and relative paths are read as in the shell the server was started from).
 */
import type { TlsFileKind } from '../../../shared/model/pg-connection';
import { TLS_FILE_KINDS } from '../../../shared/model/pg-connection';
import { call } from '../../app/api-client';
import type { TlsChoice } from './pg-form';
import { NO_TLS_FILE, TLS_LABELS, hasTlsFile } from './pg-form';

/** The TLS files section of the connection form. */
export function TlsFiles({ idPrefix, files, canPick, disabled, onChange, onError }: {
  readonly idPrefix: string;
  readonly files: Readonly<Record<TlsFileKind, TlsChoice>>;
  /** True in Electron: files are chosen in the OS dialog; else their paths are typed. */
  readonly canPick: boolean;
  readonly disabled: boolean;
  readonly onChange: (kind: TlsFileKind, choice: TlsChoice) => void;
  readonly onError: (message: string) => void;
}) {
  const given = TLS_FILE_KINDS.filter((k) => hasTlsFile(files[k])).length;
  const choose = (kind: TlsFileKind): void => {
    void call('pg.pickTlsFile', { kind }).then((r) => {
      if (!r.ok) {
        onError(r.error.message);
      } else if (r.value !== null) {
        onChange(kind, { kind: 'picked', ticket: r.value.ticket, name: r.value.name });
      }
    });
  };
  return (
    <details className="pg-tls" data-testid="pg-tls" open={given > 0 ? true : undefined}>
      <summary>TLS files{given > 0 ? ` (${given})` : ''} <span className="muted">CA, client certificate and key</span></summary>
      <div className="pg-grid">
        {TLS_FILE_KINDS.map((kind) => {
          const id = `${idPrefix}-${kind}`;
          const choice = files[kind];
          return canPick ? (
            <PickedRow key={kind} id={id} kind={kind} choice={choice} disabled={disabled} onChoose={() => choose(kind)} onClear={() => onChange(kind, NO_TLS_FILE)} />
          ) : (
            <TypedRow key={kind} id={id} kind={kind} path={choice.kind === 'typed' ? choice.path : ''} disabled={disabled} onPath={(path) => onChange(kind, { kind: 'typed', path })} />
          );
        })}
      </div>
    </details>
  );
}

function PickedRow({ id, kind, choice, disabled, onChoose, onClear }: {
  readonly id: string;
  readonly kind: TlsFileKind;
  readonly choice: TlsChoice;
  readonly disabled: boolean;
  readonly onChoose: () => void;
  readonly onClear: () => void;
}) {
  const name = choice.kind === 'picked' ? choice.name : null;
  return (
    <>
      <label htmlFor={id}>{TLS_LABELS[kind]}</label>
      <div className="pg-tls-row">
        <button id={id} type="button" data-testid={`pg-tls-choose-${kind}`} disabled={disabled} onClick={onChoose}>Choose…</button>
        <span className={name === null ? 'muted' : 'mono'} data-testid={`pg-tls-name-${kind}`}>{name ?? 'none'}</span>
        {name !== null && (
          <button type="button" className="icon-button" aria-label={`Remove the ${TLS_LABELS[kind].toLowerCase()}`} title="Remove" disabled={disabled} onClick={onClear}>×</button>
        )}
      </div>
    </>
  );
}

function TypedRow({ id, kind, path, disabled, onPath }: {
  readonly id: string;
  readonly kind: TlsFileKind;
  readonly path: string;
  readonly disabled: boolean;
  readonly onPath: (path: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{TLS_LABELS[kind]}</label>
      <input id={id} type="text" className="mono" data-testid={`pg-tls-path-${kind}`} spellCheck={false} autoComplete="off" disabled={disabled}
        placeholder={`path, e.g. ~/.postgresql/${kind === 'sslrootcert' ? 'root.crt' : kind === 'sslcert' ? 'postgresql.crt' : 'postgresql.key'}`}
        value={path} onChange={(e) => onPath(e.target.value)} />
    </>
  );
}
