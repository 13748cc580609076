/**
 * The Postgres connection form as plain data: what the user typed, turned into the `pg.test` /
 * `pg.connect` input. Kept pure so the rules (URL or fields, schemas list, port range) are
 * unit-tested without a browser.
 */
import type { CallArgs } from '../../../shared/api/contract';
import type { TlsFileKind, TlsFileRef } from '../../../shared/model/pg-connection';
import { TLS_FILE_KINDS } from '../../../shared/model/pg-connection';

/** SSL modes the form offers (libpq's names); '' leaves the choice to the server's default. */
export const SSL_CHOICES = ['', 'disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

/** One SSL choice of the select. */
export type SslChoice = (typeof SSL_CHOICES)[number];

/**
 * A TLS file as the form holds it: chosen in the OS dialog (Electron: a ticket and the file's
 * name, never its path) or typed as a path (browser mode, where the page has no file dialog).
 */
export type TlsChoice = { readonly kind: 'picked'; readonly ticket: string; readonly name: string } | { readonly kind: 'typed'; readonly path: string };

/** No file: an empty path. */
export const NO_TLS_FILE: TlsChoice = { kind: 'typed', path: '' };

/** What each TLS file is called in the form. */
export const TLS_LABELS: Readonly<Record<TlsFileKind, string>> = {
  sslrootcert: 'CA certificate',
  sslcert: 'Client certificate',
  sslkey: 'Client key',
};

/** The form as typed: every field is text, as inputs hold it. */
export interface PgFormState {
  /** Whether the user gives a `postgres://` URL or the separate fields. */
  readonly mode: 'fields' | 'url';
  readonly url: string;
  readonly host: string;
  readonly port: string;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  readonly sslmode: SslChoice;
  /** Comma-separated schema names; empty shows every user schema. */
  readonly schemas: string;
  /** Name to save the connection under; empty does not save. */
  readonly saveAs: string;
  /** The TLS files, for a URL or the fields alike. */
  readonly tls: Readonly<Record<TlsFileKind, TlsChoice>>;
}

/** The `pg.test` input (`pg.connect` adds `saveAs`). */
export type PgInput = CallArgs<'pg.test'>;

/** A form with the usual defaults: local host, port 5432, nothing else. */
export const EMPTY_PG_FORM: PgFormState = {
  mode: 'fields', url: '', host: '127.0.0.1', port: '5432', database: '', user: '', password: '', sslmode: '', schemas: '', saveAs: '',
  tls: { sslrootcert: NO_TLS_FILE, sslcert: NO_TLS_FILE, sslkey: NO_TLS_FILE },
};

/** The TLS file reference a choice sends, or undefined when none is given. */
function tlsRef(choice: TlsChoice): TlsFileRef | undefined {
  if (choice.kind === 'picked') {
    return { ticket: choice.ticket };
  }
  const path = choice.path.trim();
  return path === '' ? undefined : { path };
}

/** True when a TLS file is given (chosen or typed). */
export function hasTlsFile(choice: TlsChoice): boolean {
  return tlsRef(choice) !== undefined;
}

/** The form's TLS files as the contract takes them, or the sentence that says what is missing. */
function tlsOf(form: PgFormState): { readonly ok: true; readonly tls: PgInput['tls'] } | { readonly ok: false; readonly message: string } {
  const refs = Object.fromEntries(TLS_FILE_KINDS.flatMap((k) => {
    const ref = tlsRef(form.tls[k]);
    return ref ? [[k, ref] as const] : [];
  })) as Partial<Record<TlsFileKind, TlsFileRef>>;
  if ((refs.sslcert === undefined) !== (refs.sslkey === undefined)) {
    return { ok: false, message: 'A client certificate needs both its certificate file and its key file.' };
  }
  return { ok: true, tls: Object.keys(refs).length > 0 ? refs : undefined };
}

/** Schema names from the comma-separated field: trimmed, blanks and repeats dropped, order kept. */
export function parseSchemas(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(',')) {
    const name = part.trim();
    if (name !== '' && !out.includes(name)) {
      out.push(name);
    }
  }
  return out;
}

/** The form as a contract input, or the sentence that says what is missing. */
export function pgInputOf(form: PgFormState): { readonly ok: true; readonly input: PgInput } | { readonly ok: false; readonly message: string } {
  const schemas = parseSchemas(form.schemas);
  // The password travels beside the URL, never inside it, so it is never shown or saved with it.
  const password = form.password !== '' ? { password: form.password } : {};
  const files = tlsOf(form);
  if (!files.ok) {
    return files;
  }
  const tls = files.tls ? { tls: files.tls } : {};
  if (form.mode === 'url') {
    const url = form.url.trim();
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      return { ok: false, message: 'A Postgres URL starts with postgres:// or postgresql://.' };
    }
    return { ok: true, input: { url, ...password, schemas, ...tls } };
  }
  const host = form.host.trim();
  const database = form.database.trim();
  if (host === '' || database === '') {
    return { ok: false, message: 'Give a host and a database.' };
  }
  const portText = form.port.trim();
  const port = portText === '' ? 5432 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return { ok: false, message: 'The port is a whole number from 1 to 65535.' };
  }
  const user = form.user.trim();
  return {
    ok: true,
    input: {
      host,
      port,
      database,
      ...(user !== '' ? { user } : {}),
      ...password,
      ...(form.sslmode !== '' ? { sslmode: form.sslmode } : {}),
      schemas,
      ...tls,
    },
  };
}

/** True when a URL carries a password (`user:secret@host`), which must go in the password field. */
export function urlHasPassword(url: string): boolean {
  const { authority } = splitUrl(url.trim());
  const at = authority.lastIndexOf('@');
  return at > 0 && authority.slice(0, at).includes(':');
}

/**
 * A connection URL safe to show: any password in the user part or in a `password=` parameter
 * is replaced by dots. Saved URLs never hold one, but a hand-edited file might.
 */
export function redactUrl(url: string): string {
  const { scheme, authority, tail } = splitUrl(url);
  const at = authority.lastIndexOf('@');
  const colon = authority.indexOf(':');
  const shown = at > 0 && colon >= 0 && colon < at ? `${authority.slice(0, colon)}:•••${authority.slice(at)}` : authority;
  return scheme + shown + tail.replace(/([?&]password=)[^&#]*/gi, '$1•••');
}

/** True when the user will be told a typed password cannot be kept with a saved connection. */
export function passwordWillNotBeSaved(form: PgFormState, canKeepPasswords: boolean): boolean {
  return !canKeepPasswords && form.password !== '' && form.saveAs.trim() !== '';
}

/** `scheme://`, the user-and-host part, and the rest (path, query, fragment). */
function splitUrl(url: string): { scheme: string; authority: string; tail: string } {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
  const rest = url.slice(scheme.length);
  const end = rest.search(/[/?#]/);
  return end >= 0 ? { scheme, authority: rest.slice(0, end), tail: rest.slice(end) } : { scheme, authority: rest, tail: '' };
}
