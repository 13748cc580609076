/**
 * "Connect to Postgres" on the start screen: a URL or the separate fields, the schemas to show,
 * Test connection (server, login, table count, write warning) and Connect, optionally saving the
 * connection under a name. The password is dropped from state as soon as the store is open.
 */
import { useId, useState, type FormEvent } from 'react';
import type { PgTestResult, StoreSummary } from '../../../shared/api/contract';
import { call, hasBridge } from '../../app/api-client';
import { Segmented } from '../../components/segmented';
import { formatInt } from '../../components/format';
import type { PgFormState, SslChoice } from './pg-form';
import { EMPTY_PG_FORM, SSL_CHOICES, passwordWillNotBeSaved, pgInputOf, urlHasPassword } from './pg-form';
import { TlsFiles } from './tls-files';

/** What the last action showed under the form. */
type Outcome = { readonly kind: 'tested'; readonly result: PgTestResult } | { readonly kind: 'error'; readonly message: string } | null;

/** The Postgres connection panel. */
export function PgConnectPanel({ disabled, canKeepPasswords, onOpened }: {
  /** True while another part of the start screen is opening a store. */
  readonly disabled: boolean;
  readonly canKeepPasswords: boolean;
  readonly onOpened: (store: StoreSummary) => void;
}) {
  const id = useId();
  const [form, setForm] = useState<PgFormState>(EMPTY_PG_FORM);
  const [phase, setPhase] = useState<'idle' | 'testing' | 'connecting'>('idle');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const busy = disabled || phase !== 'idle';

  const edit = (patch: Partial<PgFormState>): void => {
    setForm((f) => ({ ...f, ...patch }));
    // A result belongs to the values it was got with.
    setOutcome(null);
  };

  const test = async (): Promise<void> => {
    const parsed = pgInputOf(form);
    if (!parsed.ok) {
      setOutcome({ kind: 'error', message: parsed.message });
      return;
    }
    setPhase('testing');
    setOutcome(null);
    const r = await call('pg.test', parsed.input);
    setPhase('idle');
    setOutcome(r.ok ? { kind: 'tested', result: r.value } : { kind: 'error', message: r.error.message });
  };

  const connect = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (busy) {
      return;
    }
    const parsed = pgInputOf(form);
    if (!parsed.ok) {
      setOutcome({ kind: 'error', message: parsed.message });
      return;
    }
    const saveAs = form.saveAs.trim();
    setPhase('connecting');
    setOutcome(null);
    const r = await call('pg.connect', { ...parsed.input, ...(saveAs !== '' ? { saveAs } : {}) });
    setPhase('idle');
    if (!r.ok) {
      setOutcome({ kind: 'error', message: r.error.message });
      return;
    }
    // Once connected the password has done its job: it is not kept in the page.
    setForm((f) => ({ ...f, password: '' }));
    onOpened(r.value);
  };

  const field = (name: keyof PgFormState): string => `${id}-${name}`;
  const passwordRow = (
    <>
      <label htmlFor={field('password')}>Password</label>
      <input id={field('password')} type="password" data-testid="pg-password" autoComplete="current-password" value={form.password} onChange={(e) => edit({ password: e.target.value })} />
    </>
  );
  return (
    <form className="pg-form" data-testid="pg-form" onSubmit={(e) => void connect(e)} aria-describedby={outcome?.kind === 'error' ? `${id}-error` : undefined}>
      <div className="pg-mode">
        <Segmented<PgFormState['mode']>
          label="Connect with"
          value={form.mode}
          onChange={(mode) => edit({ mode })}
          segments={[
            { value: 'fields', label: 'Fields', testId: 'pg-mode-fields', hint: 'Host, port, database and user' },
            { value: 'url', label: 'URL', testId: 'pg-mode-url', hint: 'A postgres:// URL' },
          ]}
        />
      </div>
      {form.mode === 'url' ? (
        <div className="pg-grid">
          <label htmlFor={field('url')} className="pg-wide-label">URL</label>
          <input id={field('url')} className="pg-wide mono" type="text" data-testid="pg-url" spellCheck={false} autoComplete="off"
            placeholder="postgres://user@host:5432/database?sslmode=require" value={form.url} onChange={(e) => edit({ url: e.target.value })} />
          {urlHasPassword(form.url) && (
            <p className="field-hint pg-wide" data-testid="pg-url-password">The URL holds a password: put it in the password field instead, so it can never be shown or saved with the URL.</p>
          )}
          {passwordRow}
        </div>
      ) : (
        <div className="pg-grid">
          <label htmlFor={field('host')}>Host</label>
          <div className="pg-host-row">
            <input id={field('host')} type="text" data-testid="pg-host" spellCheck={false} autoComplete="off" value={form.host} onChange={(e) => edit({ host: e.target.value })} />
            <label htmlFor={field('port')} className="pg-inline-label">Port</label>
            <input id={field('port')} type="text" inputMode="numeric" className="pg-port" data-testid="pg-port" value={form.port} onChange={(e) => edit({ port: e.target.value })} />
          </div>
          <label htmlFor={field('database')}>Database</label>
          <input id={field('database')} type="text" data-testid="pg-database" spellCheck={false} autoComplete="off" value={form.database} onChange={(e) => edit({ database: e.target.value })} />
          <label htmlFor={field('user')}>User</label>
          <input id={field('user')} type="text" data-testid="pg-user" spellCheck={false} autoComplete="username" value={form.user} onChange={(e) => edit({ user: e.target.value })} />
          {passwordRow}
          <label htmlFor={field('sslmode')}>SSL mode</label>
          <select id={field('sslmode')} data-testid="pg-sslmode" value={form.sslmode} onChange={(e) => edit({ sslmode: e.target.value as SslChoice })}>
            {SSL_CHOICES.map((m) => <option key={m} value={m}>{m === '' ? 'default (prefer)' : m}</option>)}
          </select>
        </div>
      )}
      <TlsFiles
        idPrefix={id}
        files={form.tls}
        canPick={hasBridge()}
        disabled={busy}
        onChange={(kind, choice) => edit({ tls: { ...form.tls, [kind]: choice } })}
        onError={(message) => setOutcome({ kind: 'error', message })}
      />
      <div className="pg-grid">
        <label htmlFor={field('schemas')}>Schemas</label>
        <input id={field('schemas')} type="text" data-testid="pg-schemas" spellCheck={false} autoComplete="off" placeholder="schemas to show: audit, public (empty: all)"
          value={form.schemas} onChange={(e) => edit({ schemas: e.target.value })} />
        <label htmlFor={field('saveAs')}>Save as</label>
        <input id={field('saveAs')} type="text" data-testid="pg-save-as" autoComplete="off" placeholder="a name, to reopen it later (optional)"
          value={form.saveAs} onChange={(e) => edit({ saveAs: e.target.value })} />
        {passwordWillNotBeSaved(form, canKeepPasswords) && (
          <p className="field-hint pg-wide pg-note" data-testid="pg-password-note">
            The password will not be saved: here Auditlens has no OS keychain to encrypt it, so the server refuses to keep it. Leave the password out
            (PGPASSWORD or ~/.pgpass work), or connect without a name.
          </p>
        )}
      </div>
      <div className="pg-actions">
        <button type="button" data-testid="pg-test" disabled={busy} onClick={() => void test()}>
          {phase === 'testing' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="primary" data-testid="pg-connect" disabled={busy}>
          {phase === 'connecting' ? 'Connecting…' : form.saveAs.trim() !== '' ? 'Connect and save' : 'Connect'}
        </button>
        <span className="muted pg-enter">Enter connects</span>
      </div>
      <OutcomeLine id={`${id}-error`} outcome={outcome} />
    </form>
  );
}

function OutcomeLine({ id, outcome }: { readonly id: string; readonly outcome: Outcome }) {
  if (outcome === null) {
    return null;
  }
  if (outcome.kind === 'error') {
    return <p id={id} className="field-error" role="alert" data-testid="pg-error">{outcome.message}</p>;
  }
  const r = outcome.result;
  return (
    <div className="pg-result" data-testid="pg-test-result" role="status">
      <p>
        <span className="pg-ok" aria-hidden="true">✓</span> {r.server} · user <strong>{r.user}</strong> · database <strong>{r.database}</strong> ·{' '}
        <span data-testid="pg-table-count" data-value={r.tableCount}>{formatInt(r.tableCount)} table{r.tableCount === 1 ? '' : 's'}</span>
      </p>
      {r.writeWarning !== null && <p className="warning-text" data-testid="pg-write-warning">{r.writeWarning}</p>}
    </div>
  );
}
