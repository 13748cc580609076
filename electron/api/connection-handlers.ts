import crypto from 'node:crypto';
import path from 'node:path';
import type { PgTestResult } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/dispatch';
import { AuditlensError } from '../../shared/api/result';
import type { PgConnectForm, TlsFileRef } from '../../shared/model/pg-connection';
import { pgFormUrl } from '../../shared/model/pg-connection';
import type { PickedFiles } from '../sources/postgres/connection-url';
import { isPostgresLocation } from '../sources/store-manager';
import { expandUserPath } from '../sources/user-path';
import { openStore } from './open-store';
import type { Services } from './services';
import { writeWarning } from './write-warning';
import { cellToText } from '../../shared/model/values';

type ConnectionHandlers = Pick<Handlers, 'pg.test' | 'pg.pickTlsFile' | 'pg.connect' | 'connections.list' | 'connections.open' | 'connections.remove'>;

function urlOf(form: PgConnectForm): string {
  let url: string;
  try {
    url = pgFormUrl(form);
  } catch (e) {
    throw new AuditlensError('bad-input', e instanceof Error ? e.message : String(e));
  }
  if (!isPostgresLocation(url)) {
    throw new AuditlensError('bad-input', 'A Postgres URL starts with postgres:// or postgresql://.');
  }
  return url;
}

/** Handlers of the Postgres connection form and the saved connections. */
export function createConnectionHandlers(services: Services): ConnectionHandlers {
  // TLS files chosen in the OS dialog, by ticket: the page never holds their paths (Electron).
  const tlsTickets = new Map<string, string>();
  const tlsPath = (ref: TlsFileRef | undefined): string | undefined => {
    if (ref === undefined) {
      return undefined;
    }
    if ('ticket' in ref) {
      const picked = tlsTickets.get(ref.ticket);
      if (picked === undefined) {
        throw new AuditlensError('not-found', 'That TLS file is no longer chosen; choose it again.');
      }
      return picked;
    }
    if (!services.allowPathInput) {
      throw new AuditlensError('unauthorized', 'Choose the TLS file with its Choose… button.');
    }
    // Typed in browser mode: `~` and relative paths as in the user's shell.
    return expandUserPath(ref.path);
  };
  const pickedFiles = (form: PgConnectForm): PickedFiles => ({
    sslrootcert: tlsPath(form.tls?.sslrootcert),
    sslcert: tlsPath(form.tls?.sslcert),
    sslkey: tlsPath(form.tls?.sslkey),
  });
  const pgOptions = (form: PgConnectForm) => ({ ...(form.password ? { password: form.password } : {}), schemas: form.schemas, pickedFiles: pickedFiles(form) });
  return {
    'pg.pickTlsFile': async ({ kind }) => {
      if (!services.pickTlsFile) {
        throw new AuditlensError('unsupported', 'There is no file dialog in browser mode; type the path of the file instead.');
      }
      const picked = await services.pickTlsFile(kind);
      if (picked === null) {
        return null;
      }
      const ticket = crypto.randomUUID();
      tlsTickets.set(ticket, picked);
      return { ticket, name: path.basename(picked) };
    },
    'pg.test': async (form): Promise<PgTestResult> => {
      const { storeId, source } = await services.stores.openLocation(urlOf(form), pgOptions(form));
      try {
        const [row] = await source.rows({ sql: "SELECT current_setting('server_version'), current_user, current_database()", params: [] }, 1);
        const risk = source.writeRisk ? await source.writeRisk() : null;
        const user = cellToText(row?.[1] ?? null);
        return {
          server: `PostgreSQL ${cellToText(row?.[0] ?? '?')}`,
          user,
          database: cellToText(row?.[2] ?? null),
          tableCount: (await source.catalog()).tables.length,
          writeWarning: risk ? writeWarning(risk, user) : null,
        };
      } finally {
        await services.stores.close(storeId);
      }
    },
    'pg.connect': async (form) => {
      const url = urlOf(form);
      // Refuse an unsavable connection before opening it, so a refusal never leaves a store open.
      if (form.saveAs) {
        services.connections.assertSavable(url, form.password);
        if (form.tls && Object.values(form.tls).some((f) => f !== undefined)) {
          throw new AuditlensError('bad-input', 'A saved connection cannot keep TLS files yet: connect without a name, or leave the files out.');
        }
      }
      const summary = await openStore(services, url, pgOptions(form));
      if (form.saveAs) {
        try {
          services.connections.save(form.saveAs, url, form.schemas, form.password);
        } catch (e) {
          await services.stores.close(summary.storeId);
          throw e;
        }
      }
      return summary;
    },
    'connections.list': async () => ({ connections: services.connections.list(), canKeepPasswords: services.connections.canKeepPasswords }),
    'connections.open': async ({ id, password }) => {
      const saved = services.connections.open(id);
      return openStore(services, saved.url, { schemas: saved.schemas, ...(password ?? saved.password ? { password: password ?? saved.password } : {}) });
    },
    'connections.remove': async ({ id }) => services.connections.remove(id),
  };
}
