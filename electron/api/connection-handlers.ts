import type { PgTestResult } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/dispatch';
import { AuditlensError } from '../../shared/api/result';
import type { PgConnectForm } from '../../shared/model/pg-connection';
import { pgFormUrl } from '../../shared/model/pg-connection';
import { isPostgresLocation } from '../sources/store-manager';
import { openStore } from './open-store';
import type { Services } from './services';
import { writeWarning } from './write-warning';
import { cellToText } from '../../shared/model/values';

type ConnectionHandlers = Pick<Handlers, 'pg.test' | 'pg.connect' | 'connections.list' | 'connections.open' | 'connections.remove'>;

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
  const pgOptions = (form: PgConnectForm) => ({ ...(form.password ? { password: form.password } : {}), schemas: form.schemas });
  return {
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
