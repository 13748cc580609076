import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { AuditlensError } from '../../../shared/api/result';
import type { PgTarget } from '../../../electron/sources/postgres/connection-url';
import { parseConnectionUrl, redactUrl } from '../../../electron/sources/postgres/connection-url';
import type { RewriteOptions } from '../../../electron/sources/postgres/copy/copy-csv-rewriter';
import { CopyCsvRewriter } from '../../../electron/sources/postgres/copy/copy-csv-rewriter';
import { fromPgError } from '../../../electron/sources/postgres/pg-errors';
import { inlineParams, pgLiteral } from '../../../electron/sources/postgres/pg-literal';
import {
  lookupPgpass, parsePgpass, pgpassModeAllowed, pgpassPath, readPgpassFile, resolvePassword,
} from '../../../electron/sources/postgres/pg-password';

function refusal(url: string, picked = {}): AuditlensError {
  try {
    parseConnectionUrl(url, picked, { user: 'osuser' });
  } catch (e) {
    expect(e).toBeInstanceOf(AuditlensError);
    expect((e as AuditlensError).code).toBe('bad-input');
    return e as AuditlensError;
  }
  throw new Error(`${url} was accepted, but should have been refused`);
}

describe('parseConnectionUrl: hostile URLs (security checklist §7 item 27)', () => {
  afterEach(() => vi.restoreAllMocks());

  const hostile: { url: string; words: RegExp; secret?: string }[] = [
    { url: 'postgres://u:p4ss@prod/db?sslcert=/etc/passwd&sslkey=~/.ssh/id_ed25519', words: /"sslcert".*local file/, secret: 'p4ss' },
    { url: 'postgres://u:p4ss@prod/db?sslrootcert=/etc/shadow', words: /"sslrootcert".*local file/, secret: 'p4ss' },
    { url: 'postgres://u:p4ss@prod/db?sslkey=/root/.ssh/id_rsa', words: /"sslkey".*local file/, secret: 'p4ss' },
    { url: 'postgres://u:p4ss@prod/db?passfile=/tmp/x', words: /"passfile".*local file/ },
    { url: 'postgres://u:p4ss@shown-host/db?host=evil.example', words: /"host".*override what the URL shows/, secret: 'p4ss' },
    { url: 'postgres://u@shown-host/db?hostaddr=10.0.0.1', words: /"hostaddr".*override/ },
    { url: 'postgres://u@shown-host/db?port=6543', words: /"port".*override/ },
    { url: 'postgres://u@shown-host/db?user=admin', words: /"user".*override/ },
    { url: 'postgres://u@shown-host/db?dbname=other', words: /"dbname".*override/ },
    { url: 'postgres:///db?host=/var/run/postgresql', words: /"host".*override/ },
    { url: 'postgres://u:p4ss@h/db?options=-c%20default_transaction_read_only%3Doff', words: /"options".*read-only/, secret: 'p4ss' },
    { url: 'postgres://u@h/db?statement_timeout=0', words: /"statement_timeout".*own time limits/ },
    { url: 'postgres://u@h/db?connect_timeout=1', words: /"connect_timeout".*own time limits/ },
    { url: 'postgres://u@h/db?idle_in_transaction_session_timeout=0', words: /own time limits/ },
    { url: 'postgres://u@h/db?lock_timeout=0', words: /own time limits/ },
    { url: 'postgres://u@h/db?query_timeout=0', words: /own time limits/ },
    { url: 'postgres://u@h/db?replication=database', words: /"replication"/ },
    { url: 'postgres://u@h/db?sslmode=no-verify', words: /no-verify is not accepted/ },
    { url: 'postgres://u@h/db?ssl=0', words: /"ssl".*sslmode=/ },
    { url: 'postgres://u@h/db?ssl=true', words: /"ssl".*sslmode=/ },
    { url: 'postgres://u@h/db?uselibpqcompat=true&sslmode=require', words: /"uselibpqcompat"/ },
    { url: 'postgres://u@h/db?sslmode=allow', words: /sslmode must be one of/ },
    { url: 'postgres://u@h/db?target_session_attrs=any', words: /"target_session_attrs" is not supported/ },
    { url: 'postgres://u@h/db?sslmode=require&sslmode=disable', words: /twice/ },
    { url: 'postgres://u@h/db?flag', words: /has no value/ },
    { url: 'socket:/var/run/postgresql', words: /socket: URLs are not supported/ },
    { url: 'socket://u@/var/run/postgresql?db=x', words: /socket: URLs are not supported/ },
    { url: 'mysql://u@h/db', words: /must be a URL starting with postgres:\/\// },
    { url: 'host=h dbname=db user=u', words: /must be a URL/ },
    { url: 'postgres://u@h1,h2/db', words: /several hosts/ },
    { url: 'postgres://u:p@ss@h/db', words: /more than one @/, secret: 'p@ss' },
    { url: 'postgres://u:pa/ss@h/db', words: /percent-encode/, secret: 'pa/ss' },
    { url: 'postgres://u:pa%zzss@h/db', words: /malformed %-escape/, secret: 'pa%zzss' },
    { url: 'postgres://u:pa#ss@h/db', words: /# fragment/, secret: 'pa#ss' },
    { url: 'postgres://u:pa ss@h/db', words: /spaces or control characters/, secret: 'pa ss' },
    { url: 'postgres://u:p%00x@h/db', words: /NUL/ },
    { url: 'postgres://u@h:99999/db', words: /between 1 and 65535/ },
    { url: 'postgres://u@h:54x/db', words: /host and port/ },
    { url: 'postgres://u@[::1/db', words: /host and port/ },
    { url: 'postgres://u@[zz::1]/db', words: /host and port/ },
    { url: 'postgres://u@ex%20ample/db', words: /host and port/ },
    { url: 'postgres:///db', words: /names no user/ },
  ];

  for (const c of hostile) {
    it(`refuses ${c.url}`, () => {
      const read = vi.spyOn(fs, 'readFileSync');
      const stat = vi.spyOn(fs, 'statSync');
      const parse = (): PgTarget => parseConnectionUrl(c.url, {}, c.url === 'postgres:///db' ? {} : { user: 'osuser' });
      let error: unknown = null;
      try {
        parse();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AuditlensError);
      expect((error as AuditlensError).code).toBe('bad-input');
      expect((error as AuditlensError).message).toMatch(c.words);
      if (c.secret) {
        expect((error as AuditlensError).message).not.toContain(c.secret);
      }
      expect(read).not.toHaveBeenCalled();
      expect(stat).not.toHaveBeenCalled();
    });
  }

  it('never reads the environment: PGHOST, PGPORT, PGUSER, PGDATABASE and PGSSLMODE change nothing', () => {
    const saved = { ...process.env };
    Object.assign(process.env, { PGHOST: 'evil.example', PGPORT: '1', PGUSER: 'root', PGDATABASE: 'other', PGSSLMODE: 'disable', PGOPTIONS: '-c default_transaction_read_only=off' });
    try {
      const t = parseConnectionUrl('postgres://u@db.example/audit', {}, { user: 'osuser' });
      expect(t).toMatchObject({ host: 'db.example', port: 5432, user: 'u', database: 'audit', sslmode: 'verify-full' });
    } finally {
      process.env = saved;
    }
  });
});

describe('parseConnectionUrl: what it accepts', () => {
  it('keeps the allow-listed fields and ignores application_name', () => {
    const t = parseConnectionUrl('postgresql://alice:s3cret@db.example.com:6432/audit_log?sslmode=verify-ca&application_name=evil', {}, {});
    expect(t).toEqual({
      host: 'db.example.com', port: 6432, database: 'audit_log', user: 'alice', password: 's3cret',
      sslmode: 'verify-ca', sslmodeGiven: true, files: { sslrootcert: undefined, sslcert: undefined, sslkey: undefined },
    });
  });

  it.each([
    ['p%40ss', 'p@ss'],
    ['a%2Fb', 'a/b'],
    ['100%25', '100%'],
    ['x%3Ay', 'x:y'],
    ['raw:colon', 'raw:colon'],
    ['%25%40%3A%2F%3F%23%26%20', '%@:/?#& '],
    ['caf%C3%A9', 'café'],
    ['', ''],
  ])('percent-decodes the password %s', (encoded, plain) => {
    expect(parseConnectionUrl(`postgres://u:${encoded}@h/db`).password).toBe(plain);
  });

  it('decodes user and database names', () => {
    const t = parseConnectionUrl('postgres://a%40corp:pw@h/my%20db%2Fx');
    expect(t.user).toBe('a@corp');
    expect(t.database).toBe('my db/x');
  });

  it('has no password when the URL has none (null, not empty)', () => {
    expect(parseConnectionUrl('postgres://u@h/db').password).toBeNull();
    expect(parseConnectionUrl('postgres://u:@h/db').password).toBe('');
  });

  it('reads IPv6 literals in brackets', () => {
    const a = parseConnectionUrl('postgres://u@[::1]:5433/db');
    expect(a).toMatchObject({ host: '::1', port: 5433, sslmode: 'disable' });
    expect(redactUrl(a)).toBe('postgres://u@[::1]:5433/db?sslmode=disable');
    const b = parseConnectionUrl('postgres://u@[2001:db8::5]/db');
    expect(b).toMatchObject({ host: '2001:db8::5', port: 5432, sslmode: 'verify-full' });
    const zone = parseConnectionUrl('postgres://u@[fe80::1%25eth0]:5432/db');
    expect(zone.host).toBe('fe80::1%eth0');
    expect(redactUrl(zone)).toBe('postgres://u@[fe80::1%25eth0]:5432/db?sslmode=verify-full');
    expect(parseConnectionUrl(redactUrl(zone)).host).toBe('fe80::1%eth0');
  });

  it('reads a Unix socket directory written (explicitly) as the percent-encoded host', () => {
    const t = parseConnectionUrl('postgresql://postgres@%2Fvar%2Frun%2Fpostgresql:5432/audit');
    expect(t).toMatchObject({ host: '/var/run/postgresql', port: 5432, sslmode: 'disable' });
    expect(redactUrl(t)).toBe('postgres://postgres@%2Fvar%2Frun%2Fpostgresql:5432/audit?sslmode=disable');
  });

  it('fills defaults: port 5432, database = user, user from the OS, empty host = localhost', () => {
    expect(parseConnectionUrl('postgres://h', {}, { user: 'me' })).toMatchObject({ host: 'h', port: 5432, user: 'me', database: 'me' });
    expect(parseConnectionUrl('postgres://bob@h')).toMatchObject({ user: 'bob', database: 'bob' });
    expect(parseConnectionUrl('postgres:///audit', {}, { user: 'me' })).toMatchObject({ host: 'localhost', user: 'me', database: 'audit', sslmode: 'disable' });
  });

  it('defaults to verify-full away from this machine and to disable on loopback', () => {
    expect(parseConnectionUrl('postgres://u@db.internal/x')).toMatchObject({ sslmode: 'verify-full', sslmodeGiven: false });
    expect(parseConnectionUrl('postgres://u@127.0.0.1/x')).toMatchObject({ sslmode: 'disable', sslmodeGiven: false });
    expect(parseConnectionUrl('postgres://u@localhost/x?sslmode=require')).toMatchObject({ sslmode: 'require', sslmodeGiven: true });
  });

  it('takes TLS files only from the form, and checks they make sense', () => {
    const t = parseConnectionUrl('postgres://u@h/db?sslmode=verify-full', { sslrootcert: '/picked/ca.pem', sslcert: '/picked/c.pem', sslkey: '/picked/k.pem' });
    expect(t.files).toEqual({ sslrootcert: '/picked/ca.pem', sslcert: '/picked/c.pem', sslkey: '/picked/k.pem' });
    expect(refusal('postgres://u@h/db', { sslcert: '/picked/c.pem' }).message).toMatch(/both its certificate file and its key/);
    expect(refusal('postgres://u@h/db?sslmode=disable', { sslrootcert: '/picked/ca.pem' }).message).toMatch(/sslmode=disable turns TLS off/);
  });
});

describe('redactUrl', () => {
  it('never shows the password, and parses back to the same target', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.string({ minLength: 1 }), (user, password, database) => {
        fc.pre(!user.includes('\0') && !password.includes('\0') && !database.includes('\0'));
        const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@db.example:5432/${encodeURIComponent(database)}`;
        const t = parseConnectionUrl(url);
        expect(t.password).toBe(password);
        const shown = redactUrl(t);
        expect(shown).not.toContain(':' + encodeURIComponent(password) + '@');
        expect(parseConnectionUrl(shown)).toEqual({ ...t, password: null, sslmodeGiven: true });
      }),
      { numRuns: 300 },
    );
  });
});

describe('.pgpass', () => {
  const target = (over: Partial<PgTarget> = {}): PgTarget => ({
    host: 'db.example', port: 5432, database: 'audit', user: 'alice', password: null, sslmode: 'verify-full', sslmodeGiven: false, files: {}, ...over,
  });

  it('parses fields, wildcards, escapes and comments as libpq does', () => {
    const text = [
      '# comment line',
      '',
      'other.host:5432:audit:alice:nope',
      'db.example:5432:audit:alice:pa\\:ss\\\\word:ignored-after-colon',
      '*:*:*:*:fallback',
      'short:line',
    ].join('\r\n');
    const entries = parsePgpass(text);
    expect(entries).toHaveLength(3);
    expect(lookupPgpass(entries, target())).toBe('pa:ss\\word');
    expect(lookupPgpass(entries, target({ host: 'elsewhere' }))).toBe('fallback');
  });

  it('matches a literal \\* only as a star, and the first matching line wins', () => {
    const entries = parsePgpass('\\*:5432:audit:alice:literal-star\ndb.example:*:audit:alice:first\ndb.example:5432:audit:alice:second\n');
    expect(lookupPgpass(entries, target())).toBe('first');
    expect(lookupPgpass(entries, target({ host: '*' }))).toBe('literal-star');
    expect(lookupPgpass(entries, target({ user: 'bob' }))).toBeNull();
  });

  it('matches a socket connection by its directory or by localhost', () => {
    const entries = parsePgpass('localhost:5432:audit:alice:via-localhost\n');
    expect(lookupPgpass(entries, target({ host: '/var/run/postgresql' }))).toBe('via-localhost');
  });

  it('is used only when group and others have no access (0600 or stricter), as libpq requires', () => {
    expect(pgpassModeAllowed({ mode: 0o100600, isFile: true })).toBe(true);
    expect(pgpassModeAllowed({ mode: 0o100400, isFile: true })).toBe(true);
    expect(pgpassModeAllowed({ mode: 0o100640, isFile: true })).toBe(false);
    expect(pgpassModeAllowed({ mode: 0o100604, isFile: true })).toBe(false);
    expect(pgpassModeAllowed({ mode: 0o100644, isFile: true })).toBe(false);
    expect(pgpassModeAllowed({ mode: 0o040700, isFile: false })).toBe(false);
  });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-pgpass-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a real 0600 file and ignores the same file at 0644', () => {
    const file = path.join(dir, 'pgpass');
    fs.writeFileSync(file, 'db.example:5432:audit:alice:from-file\n');
    fs.chmodSync(file, 0o600);
    expect(readPgpassFile(file)).toContain('from-file');
    fs.chmodSync(file, 0o644);
    expect(readPgpassFile(file)).toBeNull();
    expect(readPgpassFile(path.join(dir, 'missing'))).toBeNull();
    expect(readPgpassFile(dir)).toBeNull();
  });

  it('finds the file through PGPASSFILE, else in the home folder', () => {
    expect(pgpassPath({ PGPASSFILE: '/x/pw' }, '/home/a')).toBe('/x/pw');
    expect(pgpassPath({}, '/home/a')).toBe(path.join('/home/a', '.pgpass'));
  });

  it('resolves the password: form, then URL, then PGPASSWORD, then .pgpass', () => {
    const file = 'db.example:5432:audit:alice:from-file\n';
    const withUrl = target({ password: 'from-url' });
    expect(resolvePassword(withUrl, 'typed', { PGPASSWORD: 'env' }, file)).toEqual({ password: 'typed', from: 'given' });
    expect(resolvePassword(withUrl, undefined, { PGPASSWORD: 'env' }, file)).toEqual({ password: 'from-url', from: 'url' });
    expect(resolvePassword(target(), undefined, { PGPASSWORD: 'env' }, file)).toEqual({ password: 'env', from: 'PGPASSWORD' });
    expect(resolvePassword(target(), undefined, {}, file)).toEqual({ password: 'from-file', from: 'pgpass' });
    expect(resolvePassword(target(), undefined, {}, null)).toEqual({ password: null, from: 'none' });
  });
});

describe('pgLiteral and inlineParams (COPY cannot bind $n)', () => {
  it('quotes text with doubled quotes and leaves backslashes alone (standard_conforming_strings=on)', () => {
    expect(pgLiteral("O'Brien")).toBe("'O''Brien'");
    expect(pgLiteral('a\\b\\\'c')).toBe("'a\\b\\''c'");
    expect(pgLiteral("'; DROP TABLE audit; --")).toBe("'''; DROP TABLE audit; --'");
    expect(pgLiteral('$1 $$ x $$')).toBe("'$1 $$ x $$'");
    expect(pgLiteral('ünï ☃ 🎉')).toBe("'ünï ☃ 🎉'");
    expect(pgLiteral('')).toBe("''");
  });

  it('refuses NUL, non-finite numbers and objects', () => {
    expect(() => pgLiteral('a\0b')).toThrow(/NUL/);
    expect(() => pgLiteral(Number.NaN)).toThrow(AuditlensError);
    expect(() => pgLiteral(Number.POSITIVE_INFINITY)).toThrow(AuditlensError);
    expect(() => pgLiteral({ toString: () => "') OR 1=1 --" })).toThrow(AuditlensError);
    expect(() => pgLiteral([1])).toThrow(AuditlensError);
  });

  it('writes numbers, bigints and booleans as quoted digits and words, and NULL bare', () => {
    expect(pgLiteral(42)).toBe("'42'");
    expect(pgLiteral(-1.5)).toBe("'-1.5'");
    expect(pgLiteral(9007199254740993n)).toBe("'9007199254740993'");
    expect(pgLiteral(true)).toBe("'true'");
    expect(pgLiteral(null)).toBe('NULL');
  });

  it('every literal is one token: no quote can escape it', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!s.includes('\0'));
        const lit = pgLiteral(s);
        expect(lit.startsWith("'") && lit.endsWith("'")).toBe(true);
        expect(lit.slice(1, -1).replace(/''/g, '')).not.toContain("'");
        expect(lit.slice(1, -1).replace(/''/g, "'")).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });

  it('replaces placeholders but not text inside identifiers or literals', () => {
    const sql = `SELECT "a$1", "x""$2" FROM "s"."t$1" WHERE "c" = $1 AND CAST("d" AS text) ILIKE $2 ESCAPE '\\' AND e IN ($3, $10) AND f = '$2'`;
    const params = ['v', '%o\'k%', 3, 'ten', 5, 6, 7, 8, 9, 10];
    expect(inlineParams(sql, params)).toBe(
      `SELECT "a$1", "x""$2" FROM "s"."t$1" WHERE "c" = 'v' AND CAST("d" AS text) ILIKE '%o''k%' ESCAPE '\\' AND e IN ('3', '10') AND f = '$2'`,
    );
  });

  it('refuses placeholders without a value and unterminated quotes', () => {
    expect(() => inlineParams('SELECT $2', ['x'])).toThrow(/\$2/);
    expect(() => inlineParams('SELECT $0', ['x'])).toThrow(AuditlensError);
    expect(() => inlineParams('SELECT "abc', [])).toThrow(/unterminated/);
  });
});

describe('fromPgError', () => {
  const ctx = { host: 'db.example', port: 5432, user: 'alice', database: 'audit' };
  const pgError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

  it.each([
    ['28P01', 'password authentication failed for user "alice"', 'unauthorized', 'The password for user alice was not accepted by db.example:5432.'],
    ['3D000', 'database "audit" does not exist', 'not-found', 'There is no database named "audit" at db.example:5432.'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:5432', 'io', 'Nothing is listening at db.example:5432.'],
    ['25006', 'cannot execute DELETE in a read-only transaction', 'unsupported', /read-only transactions.*cannot execute DELETE/],
    ['57014', 'canceling statement due to statement timeout', 'timeout', /time limit/],
    ['57014', 'canceling statement due to user request', 'cancelled', 'The query was cancelled.'],
    ['42501', 'permission denied for table audit', 'unauthorized', /alice is not allowed.*permission denied/],
    ['42P01', 'relation "public.gone" does not exist', 'unknown-table', /relation "public.gone" does not exist/],
    ['28000', 'no pg_hba.conf entry for host "1.2.3.4"', 'unauthorized', /does not let user alice connect to database audit/],
    ['22P02', 'invalid input syntax for type uuid: "abc"', 'bad-input', /invalid input syntax/],
    ['42601', 'cannot insert multiple commands into a prepared statement', 'bad-input', /multiple commands/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', 'unauthorized', /could not be verified/],
    ['XX000', 'internal error', 'source-error', /SQLSTATE XX000/],
  ])('%s becomes a typed error', (code, message, want, words) => {
    const e = fromPgError(pgError(code, message), ctx);
    expect(e.code).toBe(want);
    if (typeof words === 'string') {
      expect(e.message).toBe(words);
    } else {
      expect(e.message).toMatch(words);
    }
  });

  it('reads the code of an AggregateError (several addresses refused) and names IPv6 and sockets plainly', () => {
    const agg = Object.assign(new AggregateError([pgError('ECONNREFUSED', 'a'), pgError('ECONNREFUSED', 'b')], 'refused'), {});
    expect(fromPgError(agg, { ...ctx, host: '::1' }).message).toBe('Nothing is listening at [::1]:5432.');
    expect(fromPgError(pgError('ENOENT', 'x'), { ...ctx, host: '/run/pg' }).message).toMatch(/\/run\/pg\/\.s\.PGSQL\.5432/);
  });

  it('says "cancelled" for 57014 when Auditlens asked for the cancel', () => {
    expect(fromPgError(pgError('57014', 'canceling statement due to statement timeout'), { ...ctx, cancelRequested: true }).code).toBe('cancelled');
  });

  it('passes typed errors through and explains a server without TLS', () => {
    const typed = new AuditlensError('bad-input', 'x');
    expect(fromPgError(typed, ctx)).toBe(typed);
    expect(fromPgError(new Error('The server does not support SSL connections'), ctx).message).toMatch(/sslmode=disable/);
  });
});

async function rewrite(chunks: readonly string[], o: Partial<RewriteOptions> & { safe: boolean }): Promise<{ text: string; records: number }> {
  const rw = new CopyCsvRewriter({ delimiter: ',', eol: '\n', bom: false, ...o });
  const out: Buffer[] = [];
  rw.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    rw.on('end', resolve);
    rw.on('error', reject);
  });
  Readable.from(chunks.map((c) => Buffer.from(c, 'utf8'))).pipe(rw);
  await done;
  return { text: Buffer.concat(out).toString('utf8'), records: rw.records };
}

describe('CopyCsvRewriter', () => {
  const copyCsv = 'id,note,tags\n1,=1+1,"{a,b}"\n2,"say ""hi""\nthere",\n3,"",-5\n4,@SUM(A1),"+x"\n5,\uFF1D1,plain\n';

  it('raw mode passes COPY bytes through and counts records', async () => {
    const r = await rewrite([copyCsv], { safe: false });
    expect(r.text).toBe(copyCsv);
    expect(r.records).toBe(6);
  });

  it('raw mode with CRLF changes only record ends, not line breaks inside quoted cells', async () => {
    const r = await rewrite([copyCsv], { safe: false, eol: '\r\n', bom: true });
    expect(r.text).toBe(`\uFEFF${copyCsv.replace(/\n(?=\d|$)/g, '\r\n')}`);
    expect(r.text).toContain('""hi""\nthere');
  });

  it('safe mode prefixes formula-like cells and keeps NULL empty and the empty string quoted', async () => {
    const r = await rewrite([copyCsv], { safe: true });
    expect(r.text).toBe("id,note,tags\n1,'=1+1,\"{a,b}\"\n2,\"say \"\"hi\"\"\nthere\",\n3,\"\",-5\n4,'@SUM(A1),'+x\n5,'\uFF1D1,plain\n");
    expect(r.records).toBe(6);
  });

  it('safe mode also quotes cells holding any usual separator, as the SQLite export does', async () => {
    const r = await rewrite(['a,b\nx;y,tab\there\n'], { safe: true });
    expect(r.text).toBe('a,b\n"x;y","tab\there"\n');
  });

  it('rewrites timestamps of temporal columns to UTC or local ISO, leaving the header, NULLs and non-timestamps alone', async () => {
    const csv = 'ts,d,note\n2024-03-01 10:00:00.123+05:30,2024-02-29,2024-03-01 10:00:00+05:30\n,,\ninfinity,x,y\n';
    const r = await rewrite([csv], { safe: false, time: 'utc', temporal: [true, true, false] });
    expect(r.text).toBe('ts,d,note\n2024-03-01T04:30:00.123Z,2024-02-29,2024-03-01 10:00:00+05:30\n,,\ninfinity,x,y\n');
    const stored = await rewrite([csv], { safe: false, time: 'stored', temporal: [true, true, false] });
    expect(stored.text).toBe(csv);
  });

  it('safe mode neutralises formula-like header cells too', async () => {
    const r = await rewrite(['"=HYPERLINK(""http://x"")",b\n1,2\n'], { safe: true, eol: '\r\n' });
    expect(r.text).toBe('"\'=HYPERLINK(""http://x"")",b\r\n1,2\r\n');
  });

  it('gives the same output however the stream is cut into chunks', async () => {
    const whole = await rewrite([copyCsv], { safe: true, delimiter: ',' });
    const raw = await rewrite([copyCsv], { safe: false, eol: '\r\n' });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: copyCsv.length }), { maxLength: 8 }), async (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: string[] = [];
        let from = 0;
        for (const p of points) {
          chunks.push(copyCsv.slice(from, p));
          from = p;
        }
        chunks.push(copyCsv.slice(from));
        expect((await rewrite(chunks, { safe: true })).text).toBe(whole.text);
        expect((await rewrite(chunks, { safe: false, eol: '\r\n' })).text).toBe(raw.text);
      }),
      { numRuns: 200 },
    );
  });

  it('splits a multi-byte character across chunks without damage', async () => {
    const bytes = Buffer.from('a\n☃=\n', 'utf8');
    const rw = new CopyCsvRewriter({ safe: true, delimiter: ',', eol: '\n', bom: false });
    const out: Buffer[] = [];
    rw.on('data', (b: Buffer) => out.push(b));
    const done = new Promise((resolve) => rw.on('end', resolve));
    Readable.from([bytes.subarray(0, 3), bytes.subarray(3)]).pipe(rw);
    await done;
    expect(Buffer.concat(out).toString('utf8')).toBe('a\n☃=\n');
  });

  it('fails when the stream ends inside a record', async () => {
    await expect(rewrite(['a,"unterminated'], { safe: true })).rejects.toThrow(/middle of a record/);
  });
});
