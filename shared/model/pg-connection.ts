import { z } from 'zod';

/** SSL modes the connection form offers, with libpq's meanings. */
export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

/** The Postgres connection form: either a URL or its fields, plus the schemas to show. */
export const pgConnectSchema = z.object({
  url: z.string().max(4_096).optional(),
  host: z.string().max(255).optional(),
  port: z.number().int().min(1).max(65_535).optional(),
  database: z.string().max(255).optional(),
  user: z.string().max(255).optional(),
  password: z.string().max(1_024).optional(),
  sslmode: z.enum(SSL_MODES).optional(),
  /** Only these schemas are listed (all user schemas when empty). */
  schemas: z.array(z.string().min(1).max(255)).max(100).default([]),
});

/** A connection form as validated. */
export type PgConnectForm = z.infer<typeof pgConnectSchema>;

/**
 * The `postgres://` URL of a form, without the password (which travels separately and is never
 * put into a URL that could be shown or saved). A URL typed in the form wins over the fields.
 */
export function pgFormUrl(form: PgConnectForm): string {
  if (form.url && form.url.trim() !== '') {
    return form.url.trim();
  }
  if (!form.host || !form.database) {
    throw new Error('Give a host and a database, or a postgres:// URL.');
  }
  const host = form.host.includes(':') && !form.host.startsWith('[') ? `[${form.host}]` : form.host;
  const user = form.user ? `${encodeURIComponent(form.user)}@` : '';
  const port = form.port ? `:${form.port}` : '';
  const ssl = form.sslmode ? `?sslmode=${form.sslmode}` : '';
  return `postgres://${user}${host}${port}/${encodeURIComponent(form.database)}${ssl}`;
}
