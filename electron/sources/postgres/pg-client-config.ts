import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type pg from 'pg';
import { AuditlensError } from '../../../shared/api/result';
import type { PgTarget } from './connection-url';
import type { PgErrorContext } from './pg-errors';
import { whereOf } from './pg-errors';
import { TYPE_PARSERS } from './pg-values';

/** Time limits of a session; every statement is bounded by the server, not only by the client. */
export interface SessionOptions {
  /** Server-side limit per statement (default 30 s). */
  readonly statementTimeoutMs?: number | undefined;
  /** The server ends a session left idle inside a transaction this long (default 60 s). */
  readonly idleInTransactionMs?: number | undefined;
  readonly connectTimeoutMs?: number | undefined;
}

const STATEMENT_MS = 30_000;
const IDLE_IN_TX_MS = 60_000;
const CONNECT_MS = 10_000;

/**
 * Startup settings we build ourselves, never from the URL. Read-only is the default of every
 * transaction (we also say BEGIN READ ONLY each time); the output formats are pinned so values
 * are the server's own text in a form the app parses and can bind back as keyset anchors.
 */
const SESSION_OPTIONS = [
  'default_transaction_read_only=on',
  'DateStyle=ISO',
  'IntervalStyle=postgres',
  'bytea_output=hex',
  'standard_conforming_strings=on',
].map((s) => `-c ${s}`).join(' ');

let pgLib: Promise<typeof pg> | null = null;
/** pg costs ~40 ms to load; only Postgres sessions need it, so the CLI's SQLite and JSON exports start without it. */
export function loadPg(): Promise<typeof pg> {
  pgLib ??= import('pg').then((m) => (m as unknown as { default: typeof pg }).default);
  return pgLib;
}

function readPicked(file: string | undefined): Buffer | undefined {
  if (!file) {
    return undefined;
  }
  try {
    return fs.readFileSync(file);
  } catch {
    throw new AuditlensError('not-found', `The TLS file you picked (${file}) could not be read.`);
  }
}

/** TLS options with libpq's sslmode meanings; `prefer` never falls back to plain text. */
export function tlsOptions(target: PgTarget): false | ConnectionOptions {
  // Like libpq, no TLS over a Unix socket: the kernel already knows both ends.
  if (target.sslmode === 'disable' || target.host.startsWith('/')) {
    return false;
  }
  const ca = readPicked(target.files.sslrootcert);
  const files: ConnectionOptions = {
    ...(ca ? { ca } : {}),
    ...(target.files.sslcert ? { cert: readPicked(target.files.sslcert) } : {}),
    ...(target.files.sslkey ? { key: readPicked(target.files.sslkey) } : {}),
  };
  const verifyCa = target.sslmode === 'verify-ca' || ((target.sslmode === 'require' || target.sslmode === 'prefer') && ca !== undefined);
  if (target.sslmode === 'verify-full') {
    return { ...files, rejectUnauthorized: true };
  }
  if (verifyCa) {
    return { ...files, rejectUnauthorized: true, checkServerIdentity: () => undefined };
  }
  return { ...files, rejectUnauthorized: false };
}

/** What error messages may say about a target: where and as whom, never the password. */
export function contextOf(target: PgTarget): PgErrorContext {
  return { host: target.host, port: target.port, user: target.user, database: target.database };
}

/** The complete client config: every field set, so pg never falls back to PG* environment variables. */
export function clientConfig(target: PgTarget, password: string | null, o: SessionOptions): pg.ClientConfig {
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database,
    // A function, so pg never reads PGPASSWORD or ~/.pgpass on its own; we resolved those already.
    password: async () => {
      if (password === null) {
        throw new AuditlensError('unauthorized', `The server at ${whereOf(contextOf(target))} asks for a password for user ${target.user}; give one.`);
      }
      return password;
    },
    ssl: tlsOptions(target),
    sslnegotiation: 'postgres',
    application_name: 'auditlens',
    statement_timeout: o.statementTimeoutMs ?? STATEMENT_MS,
    idle_in_transaction_session_timeout: o.idleInTransactionMs ?? IDLE_IN_TX_MS,
    options: SESSION_OPTIONS,
    client_encoding: 'UTF8',
    connectionTimeoutMillis: o.connectTimeoutMs ?? CONNECT_MS,
    keepAlive: true,
    types: TYPE_PARSERS,
  };
}
