import { z } from 'zod';

/** SSL modes the connection form offers, with libpq's meanings. */
export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

/** The TLS files a connection can use: the CA that signs the server's certificate, and a client certificate and its key. */
export const TLS_FILE_KINDS = ['sslrootcert', 'sslcert', 'sslkey'] as const;

/** One kind of TLS file. */
export type TlsFileKind = (typeof TLS_FILE_KINDS)[number];

/**
 * A TLS file as the form names it: in Electron by the ticket of a file the user chose in the OS
 * dialog (the page never names a path there), in browser mode by a path the user typed.
 */
export const tlsFileRefSchema = z.union([
  z.object({ ticket: z.string().min(1).max(100) }).strict(),
  z.object({ path: z.string().min(1).max(4_096) }).strict(),
]);

/** A TLS file reference. */
export type TlsFileRef = z.infer<typeof tlsFileRefSchema>;

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
  /** TLS files chosen in the form (a URL may not name files). */
  tls: z.object({ sslrootcert: tlsFileRefSchema.optional(), sslcert: tlsFileRefSchema.optional(), sslkey: tlsFileRefSchema.optional() }).strict().optional(),
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
