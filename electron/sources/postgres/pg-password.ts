/**
 * Where a connection's password comes from, in libpq's order: the form, the URL, `PGPASSWORD`, then
 * `.pgpass`. Kept apart from the URL parser, which is pure text: this consults the environment and disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PgTarget } from './connection-url';

/** One field of a `.pgpass` line: a literal value or the `*` wildcard. */
export interface PgpassField {
  readonly any: boolean;
  readonly value: string;
}

/** One usable `.pgpass` line. */
export interface PgpassEntry {
  readonly host: PgpassField;
  readonly port: PgpassField;
  readonly database: PgpassField;
  readonly user: PgpassField;
  readonly password: string;
}

/**
 * Parses `.pgpass` text as libpq does: `host:port:database:user:password`, `#` comments, `\`
 * escaping the next character (so `\:` and `\\`), a lone `*` matching anything in the first four
 * fields, and the password being the rest of the line (unescaped colons included).
 */
export function parsePgpass(text: string): PgpassEntry[] {
  const out: PgpassEntry[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const fields: PgpassField[] = [];
    let i = 0;
    while (fields.length < 4 && i <= line.length) {
      let value = '';
      let escaped = false;
      const start = i;
      for (; i < line.length; i++) {
        const c = line[i] as string;
        if (c === '\\' && i + 1 < line.length) {
          value += line[i + 1];
          escaped = true;
          i++;
        } else if (c === ':') {
          break;
        } else {
          value += c;
        }
      }
      if (i >= line.length) {
        break; // fewer than five fields: libpq skips the line
      }
      fields.push({ any: !escaped && line.slice(start, i) === '*', value });
      i++;
    }
    const [host, port, database, user] = fields;
    if (!host || !port || !database || !user) {
      continue;
    }
    out.push({ host, port, database, user, password: unescapePassword(line.slice(i)) });
  }
  return out;
}

/** De-escapes the password field, which ends at the first unescaped colon (as in libpq's passwordFromFile). */
function unescapePassword(rest: string): string {
  let out = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i] as string;
    if (c === '\\' && i + 1 < rest.length) {
      out += rest[i + 1];
      i++;
    } else if (c === ':') {
      break;
    } else {
      out += c;
    }
  }
  return out;
}

/** The password of the first `.pgpass` entry that matches the target, as libpq picks it. */
export function lookupPgpass(entries: readonly PgpassEntry[], target: PgTarget): string | null {
  const hosts = target.host.startsWith('/') ? [target.host, 'localhost'] : [target.host];
  const hit = (f: PgpassField, values: readonly string[]): boolean => f.any || values.includes(f.value);
  const found = entries.find(
    (e) => hit(e.host, hosts) && hit(e.port, [String(target.port)]) && hit(e.database, [target.database]) && hit(e.user, [target.user]),
  );
  return found ? found.password : null;
}

/** libpq's rule: a password file is used only if it is a regular file that group and others cannot access (0600 or stricter). */
export function pgpassModeAllowed(stat: { readonly mode: number; readonly isFile: boolean }): boolean {
  return stat.isFile && (stat.mode & 0o077) === 0;
}

/** Where libpq looks for the password file: `PGPASSFILE`, else `~/.pgpass`. */
export function pgpassPath(env: NodeJS.ProcessEnv, home: string): string {
  return env.PGPASSFILE && env.PGPASSFILE !== '' ? env.PGPASSFILE : path.join(home, '.pgpass');
}

/**
 * Reads the password file if libpq would: the only function here that touches the disk. Returns
 * null when the file is missing, too large, or readable by group or others (then it is ignored,
 * as libpq ignores it, so a leaked file never silently supplies a password).
 */
export function readPgpassFile(file: string): string | null {
  try {
    const st = fs.statSync(file);
    if (!pgpassModeAllowed({ mode: st.mode, isFile: st.isFile() }) || st.size > 1 << 20) {
      return null;
    }
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Where the password used for a connection came from (never the password itself). */
export type PasswordSource = 'given' | 'url' | 'PGPASSWORD' | 'pgpass' | 'none';

/**
 * Picks the password: one typed in the form, else the URL's, else (CLI and browser mode) the
 * `PGPASSWORD` variable, else the matching `.pgpass` line; `pgpassText` is that file's text or null.
 */
export function resolvePassword(
  target: PgTarget,
  given: string | undefined,
  env: NodeJS.ProcessEnv,
  pgpassText: string | null,
): { password: string | null; from: PasswordSource } {
  if (given !== undefined) {
    return { password: given, from: 'given' };
  }
  if (target.password !== null) {
    return { password: target.password, from: 'url' };
  }
  if (env.PGPASSWORD !== undefined && env.PGPASSWORD !== '') {
    return { password: env.PGPASSWORD, from: 'PGPASSWORD' };
  }
  const fromFile = pgpassText === null ? null : lookupPgpass(parsePgpass(pgpassText), target);
  return fromFile === null ? { password: null, from: 'none' } : { password: fromFile, from: 'pgpass' };
}
