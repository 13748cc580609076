/**
 * Takes secrets out of text before it is written to the log: passwords in connection URLs and
 * libpq key/value strings, and PGPASSWORD-style assignments. Errors quote the URL they failed on.
 */

// scheme://user:password@host → scheme://user:***@host (any scheme: postgres, postgresql, http…).
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*):([^\s@/'"]*)@/gi;
// password=secret or password='se cret' in a libpq conninfo, sslpassword too.
const KEY_VALUE_PASSWORD = /\b((?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s'"]+)/gi;
// PGPASSWORD=secret in a quoted environment, and JSON "password":"secret".
const ENV_PASSWORD = /\b(PGPASSWORD\s*=\s*)(\S+)/g;
const JSON_PASSWORD = /("(?:ssl)?password"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/** The text with every password it recognises replaced by `***`. */
export function redactSecrets(text: string): string {
  return text
    .replace(URL_PASSWORD, '$1:***@')
    .replace(KEY_VALUE_PASSWORD, '$1***')
    .replace(ENV_PASSWORD, '$1***')
    .replace(JSON_PASSWORD, '$1"***"');
}
