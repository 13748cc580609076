import { AuditlensError } from '../../../shared/api/result';

/** What a message may say about the connection: never the password. */
export interface PgErrorContext {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  /** True when Auditlens itself asked the server to cancel, so 57014 means "cancelled", not "timed out". */
  readonly cancelRequested?: boolean;
}

const TLS_VERIFY_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE',
]);

/** The `host:port` (or socket) a message names. */
export function whereOf(ctx: PgErrorContext): string {
  if (ctx.host.startsWith('/')) {
    return `the socket ${ctx.host}/.s.PGSQL.${ctx.port}`;
  }
  return ctx.host.includes(':') ? `[${ctx.host}]:${ctx.port}` : `${ctx.host}:${ctx.port}`;
}

function field(e: unknown, name: string): string {
  if (typeof e === 'object' && e !== null && name in e) {
    const v = (e as Record<string, unknown>)[name];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  }
  return '';
}

/** The error code: a SQLSTATE from the server, or a Node errno (the first one of an AggregateError). */
function codeOf(e: unknown): string {
  const direct = field(e, 'code');
  if (direct !== '') {
    return direct;
  }
  const inner = typeof e === 'object' && e !== null && 'errors' in e ? (e).errors : null;
  return Array.isArray(inner) && inner.length > 0 ? field(inner[0], 'code') : '';
}

function trimDot(s: string): string {
  return s.replace(/[.\s]+$/, '');
}

/**
 * Turns a `pg` or socket error into a typed error with one sentence a user can act on.
 * Server messages are quoted (they never contain the password); the connection URL never is.
 */
export function fromPgError(e: unknown, ctx: PgErrorContext): AuditlensError {
  if (e instanceof AuditlensError) {
    return e;
  }
  const code = codeOf(e);
  const msg = trimDot(field(e, 'message') || String(e));
  const where = whereOf(ctx);
  switch (code) {
    case '28P01':
      return new AuditlensError('unauthorized', `The password for user ${ctx.user} was not accepted by ${where}.`);
    case '28000':
      return new AuditlensError('unauthorized', `The server at ${where} does not let user ${ctx.user} connect to database ${ctx.database} (${msg}).`);
    case '3D000':
      return new AuditlensError('not-found', `There is no database named "${ctx.database}" at ${where}.`);
    case 'ECONNREFUSED':
      return new AuditlensError('io', `Nothing is listening at ${where}.`);
    case 'ENOENT':
      return new AuditlensError('io', `Nothing is listening at ${where}: the socket file does not exist.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AuditlensError('not-found', `The host name ${ctx.host} could not be found.`);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new AuditlensError('io', `${where} could not be reached (${code}).`);
    case 'ECONNRESET':
    case 'EPIPE':
    case '57P01':
    case '57P02':
    case '57P03':
      return new AuditlensError('io', `The connection to ${where} was closed by the server or the network (${msg}).`);
    case '25006':
      return new AuditlensError('unsupported', `Auditlens reads Postgres in read-only transactions, and the server refused a statement that would change data (${msg}).`);
    case '57014':
      return ctx.cancelRequested || /user request/i.test(msg)
        ? new AuditlensError('cancelled', 'The query was cancelled.')
        : new AuditlensError('timeout', 'The query ran longer than its time limit, so the server stopped it.');
    case '42501':
      return new AuditlensError('unauthorized', `User ${ctx.user} is not allowed to do that: ${msg}.`);
    case '42P01':
      return new AuditlensError('unknown-table', `Postgres says: ${msg}. The table may have been dropped or renamed since the store was opened.`);
    case '42703':
      return new AuditlensError('unknown-column', `Postgres says: ${msg}.`);
    case '42601':
      return new AuditlensError('bad-input', `Postgres refused the SQL: ${msg}.`);
    case '42883':
    case '42804':
    case '0A000':
      return new AuditlensError('unsupported', `Postgres cannot do that with this column: ${msg}.`);
    case '53300':
      return new AuditlensError('source-error', `The server at ${where} has no free connections (${msg}).`);
    case '40001':
      return new AuditlensError('source-error', `The server cancelled the query (${msg}); on a replica this happens when it replays changes. Try again.`);
  }
  if (code.startsWith('22')) {
    return new AuditlensError('bad-input', `Postgres could not use a value: ${msg}.`);
  }
  if (code.startsWith('08')) {
    return new AuditlensError('io', `The connection to ${where} failed (${msg}).`);
  }
  if (TLS_VERIFY_CODES.has(code)) {
    return new AuditlensError(
      'unauthorized',
      `The TLS certificate of ${where} could not be verified (${code}). Pick its CA certificate in the connection form, or choose sslmode=require knowingly.`,
    );
  }
  if (/does not support SSL/i.test(msg)) {
    return new AuditlensError('unsupported', `The server at ${where} does not offer TLS. Auditlens never falls back to plain text silently; choose sslmode=disable to connect without TLS.`);
  }
  if (/connection timeout/i.test(msg)) {
    return new AuditlensError('timeout', `${where} did not finish connecting in time.`);
  }
  if (/Connection terminated/i.test(msg)) {
    return new AuditlensError('io', `The connection to ${where} ended unexpectedly.`);
  }
  if (/^[0-9A-Z]{5}$/.test(code)) {
    return new AuditlensError('source-error', `Postgres reported: ${msg} (SQLSTATE ${code}).`);
  }
  return new AuditlensError('source-error', `Talking to Postgres at ${where} failed: ${msg}.`);
}
