import { AuditlensError } from '../../../shared/api/result';

/** TLS modes we accept, with libpq's meaning (pg-connection-string would turn most of them into verify-full). */
export type SslMode = 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

/** Local TLS files the user picked in the connection form; a pasted URL can never name files. */
export interface PickedFiles {
  readonly sslrootcert?: string | undefined;
  readonly sslcert?: string | undefined;
  readonly sslkey?: string | undefined;
}

/** Where and as whom to connect: the allow-listed fields of a URL and nothing more. */
export interface PgTarget {
  /** A DNS name, an IP literal without brackets, or (starting with `/`) a Unix socket directory. */
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** The password written in the URL, percent-decoded; null when the URL has none. */
  readonly password: string | null;
  readonly sslmode: SslMode;
  /** False when the URL named no sslmode and the default for the host applied. */
  readonly sslmodeGiven: boolean;
  readonly files: PickedFiles;
}

const SSL_MODES: readonly SslMode[] = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** Query parameters refused with a reason; anything else not allowed is refused as unknown. */
const REFUSED: ReadonlyMap<string, string> = new Map([
  ...['sslcert', 'sslkey', 'sslrootcert'].map(
    (k) => [k, 'it makes Auditlens read a local file; choose the CA, certificate and key files under "TLS files" in the connection form instead'] as const,
  ),
  ...['sslcrl', 'sslcrldir', 'passfile', 'service', 'servicefile'].map(
    (k) => [k, 'it makes Auditlens read a local file; write the connection in the URL or the form instead'] as const,
  ),
  ...['host', 'hostaddr', 'port', 'user', 'password', 'dbname'].map(
    (k) => [k, 'it would override what the URL shows; write it in the URL itself'] as const,
  ),
  ['options', 'it would change the session settings that keep Auditlens read-only'],
  ['replication', 'a replication connection is not a read-only query session'],
  ['ssl', 'name the TLS mode with sslmode=disable|prefer|require|verify-ca|verify-full'],
  ['uselibpqcompat', 'Auditlens always follows libpq’s sslmode meanings'],
  ['sslnegotiation', 'Auditlens negotiates TLS the standard way'],
  ['sslpassword', 'encrypted client keys are not supported'],
]);

/** Hosts where TLS protects nothing, so the default sslmode is `disable` rather than `verify-full`. */
function isLocalHost(host: string): boolean {
  return host.startsWith('/') || host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function refuse(message: string): never {
  throw new AuditlensError('bad-input', message);
}

/** Percent-decodes one URL part; malformed escapes and NUL are refused (never echoing the part). */
function decode(part: string, what: string): string {
  let out: string;
  try {
    out = decodeURIComponent(part);
  } catch {
    refuse(`The ${what} in the connection URL has a malformed %-escape; write % itself as %25.`);
  }
  if (out.includes('\0')) {
    refuse(`The ${what} in the connection URL contains a NUL character.`);
  }
  return out;
}

/**
 * A parameter as messages name it: its name only when it is one the allow-list knows (a pasted
 * URL may carry a secret in a name, `?s3cr3t=`, and errors end up in logs and screenshots).
 */
function shownName(name: string): string {
  return isKnownName(name) ? `parameter "${name}"` : 'an unsupported parameter';
}

/** libpq's other connection parameters: named in messages, refused all the same. */
const OTHER_LIBPQ = new Set([
  'connect_timeout', 'statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout', 'query_timeout', 'tcp_user_timeout',
  'target_session_attrs', 'keepalives', 'keepalives_idle', 'keepalives_interval', 'keepalives_count', 'client_encoding',
  'gssencmode', 'krbsrvname', 'gsslib', 'require_auth', 'channel_binding', 'load_balance_hosts', 'fallback_application_name',
  'requirepeer', 'sslcompression', 'sslsni', 'ssl_min_protocol_version', 'ssl_max_protocol_version', 'gssdelegation',
]);

function isKnownName(name: string): boolean {
  return REFUSED.has(name) || OTHER_LIBPQ.has(name) || name === 'sslmode' || name === 'application_name';
}

function parseHostPort(hostport: string): { host: string; port: number } {
  const bad = (): never =>
    refuse('The host and port of the connection URL could not be read; percent-encode any / @ : % in the user name or password (%2F %40 %3A %25).');
  if (hostport.includes(',')) {
    refuse('The connection URL lists several hosts; Auditlens connects to exactly one.');
  }
  let hostText: string;
  let portText = '';
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0) {
      bad();
    }
    hostText = hostport.slice(1, close);
    const rest = hostport.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) {
      bad();
    }
    portText = rest.slice(1);
    const v6 = decode(hostText, 'host');
    if (!/^[0-9A-Fa-f:.]+(%[A-Za-z0-9._~-]+)?$/.test(v6) || !v6.includes(':')) {
      bad();
    }
    hostText = v6;
  } else {
    const colon = hostport.lastIndexOf(':');
    hostText = colon >= 0 ? hostport.slice(0, colon) : hostport;
    portText = colon >= 0 ? hostport.slice(colon + 1) : '';
    hostText = decode(hostText, 'host');
    if (hostText.startsWith('/')) {
      if (/[\x00-\x1f\x7f]/.test(hostText)) {
        bad();
      }
    } else if (hostText !== '' && !/^[A-Za-z0-9._-]+$/.test(hostText)) {
      bad();
    }
  }
  if (portText !== '' && !/^\d{1,5}$/.test(portText)) {
    bad();
  }
  const port = portText === '' ? 5432 : Number(portText);
  if (port < 1 || port > 65535) {
    refuse('The port in the connection URL must be between 1 and 65535.');
  }
  return { host: hostText === '' ? 'localhost' : hostText, port };
}

function checkPickedFiles(files: PickedFiles, sslmode: SslMode): PickedFiles {
  if (Boolean(files.sslcert) !== Boolean(files.sslkey)) {
    refuse('A client certificate needs both its certificate file and its key file.');
  }
  if (sslmode === 'disable' && (files.sslcert || files.sslkey || files.sslrootcert)) {
    refuse('TLS files were picked, but sslmode=disable turns TLS off; choose another sslmode or remove the files.');
  }
  return { sslrootcert: files.sslrootcert, sslcert: files.sslcert, sslkey: files.sslkey };
}

/**
 * Parses a `postgres://` or `postgresql://` URL against an allow-list (host, port, database, user,
 * password, sslmode; application_name is ignored) and refuses everything else with a reason.
 *
 * Parsed by hand rather than by pg-connection-string because that copies every query parameter
 * into the config (security checklist §3.3): `?options=`, `?host=` or `?sslcert=/etc/passwd` would
 * defeat the read-only settings, retarget the connection or read local files. Messages never quote
 * the URL, since it may hold a password.
 */
export function parseConnectionUrl(url: string, pickedFiles: PickedFiles = {}, defaults: { readonly user?: string } = {}): PgTarget {
  const text = url.trim();
  if (/^socket:/i.test(text)) {
    refuse('socket: URLs are not supported; write a Unix socket as postgres://user@%2Fvar%2Frun%2Fpostgresql/dbname.');
  }
  const scheme = /^(postgres|postgresql):\/\//i.exec(text);
  if (!scheme) {
    refuse('A Postgres location must be a URL starting with postgres:// or postgresql://.');
  }
  const rest = text.slice(scheme[0].length);
  if (/[\s\x00-\x1f\x7f]/.test(rest)) {
    refuse('The connection URL contains spaces or control characters; percent-encode them.');
  }
  if (rest.includes('#')) {
    refuse('The connection URL has a # fragment; if # is part of the password, write it as %23.');
  }
  const qmark = rest.indexOf('?');
  const beforeQuery = qmark >= 0 ? rest.slice(0, qmark) : rest;
  const query = qmark >= 0 ? rest.slice(qmark + 1) : '';
  const slash = beforeQuery.indexOf('/');
  const authority = slash >= 0 ? beforeQuery.slice(0, slash) : beforeQuery;
  const pathPart = slash >= 0 ? beforeQuery.slice(slash + 1) : '';
  if (pathPart.includes('/')) {
    refuse('The database name in the connection URL contains /; write it as %2F (or percent-encode / in the password).');
  }
  const ats = authority.split('@').length - 1;
  if (ats > 1) {
    refuse('The connection URL has more than one @; write @ in the user name or password as %40.');
  }
  const userinfo = ats === 1 ? authority.slice(0, authority.indexOf('@')) : '';
  const hostport = ats === 1 ? authority.slice(authority.indexOf('@') + 1) : authority;
  const colon = userinfo.indexOf(':');
  const userText = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
  const password = colon >= 0 ? decode(userinfo.slice(colon + 1), 'password') : null;
  const user = decode(userText, 'user name') || defaults.user || '';
  if (user === '') {
    refuse('The connection URL names no user; write it as postgres://user@host/database.');
  }
  const { host, port } = parseHostPort(hostport);
  const database = decode(pathPart, 'database name') || user;

  let sslmode: SslMode | null = null;
  const seen = new Set<string>();
  for (const pair of query.split('&')) {
    if (pair === '') {
      continue;
    }
    const eq = pair.indexOf('=');
    if (eq < 0) {
      refuse(`The connection URL's ${shownName(decode(pair, 'parameter'))} has no value.`);
    }
    const key = decode(pair.slice(0, eq), 'parameter name');
    const value = decode(pair.slice(eq + 1), 'parameter value');
    if (seen.has(key)) {
      refuse(`The connection URL sets ${shownName(key)} twice.`);
    }
    seen.add(key);
    if (key === 'application_name') {
      continue; // Auditlens always names itself, so the server's activity view shows who is reading.
    }
    if (key === 'sslmode') {
      if (value === 'no-verify') {
        refuse('sslmode=no-verify is not accepted: it encrypts without checking who answers. Use sslmode=require to say so explicitly, or verify-full.');
      }
      if (!(SSL_MODES as readonly string[]).includes(value)) {
        refuse(`sslmode must be one of ${SSL_MODES.join(', ')}.`);
      }
      sslmode = value as SslMode;
      continue;
    }
    const known = isKnownName(key);
    const reason = REFUSED.get(key) ?? (known && key.includes('timeout') ? 'Auditlens sets its own time limits' : null);
    refuse(
      reason
        ? `The connection URL may not set "${key}": ${reason}.`
        : known
          ? `The connection URL parameter "${key}" is not supported; only sslmode (and application_name, which is ignored) may be given.`
          : 'The connection URL has an unsupported parameter; only sslmode (and application_name, which is ignored) may be given.',
    );
  }
  const mode: SslMode = sslmode ?? (isLocalHost(host) ? 'disable' : 'verify-full');
  return { host, port, database, user, password, sslmode: mode, sslmodeGiven: sslmode !== null, files: checkPickedFiles(pickedFiles, mode) };
}

/** The URL of a target without its password or file paths: for display, provenance and logs. */
export function redactUrl(target: PgTarget): string {
  const host = target.host.startsWith('/')
    ? encodeURIComponent(target.host)
    : target.host.includes(':') ? `[${target.host.replace(/%/g, '%25')}]` : target.host;
  return `postgres://${encodeURIComponent(target.user)}@${host}:${target.port}/${encodeURIComponent(target.database)}?sslmode=${target.sslmode}`;
}
