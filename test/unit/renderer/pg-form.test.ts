import { describe, expect, it } from 'vitest';
import { EMPTY_PG_FORM, parseSchemas, passwordWillNotBeSaved, pgInputOf, redactUrl, urlHasPassword } from '../../../renderer/features/sources/pg-form';

describe('Postgres form', () => {
  it('parses the schemas field: trimmed, blanks and repeats dropped, order kept', () => {
    expect(parseSchemas('')).toEqual([]);
    expect(parseSchemas(' audit, public ,,audit , "x y"')).toEqual(['audit', 'public', '"x y"']);
  });

  it('turns the fields into a pg input with the port as a number and no empty values', () => {
    const r = pgInputOf({ ...EMPTY_PG_FORM, host: ' db.local ', port: '6543', database: 'logs', user: 'reader', schemas: 'audit' });
    expect(r).toEqual({ ok: true, input: { host: 'db.local', port: 6543, database: 'logs', user: 'reader', schemas: ['audit'] } });
  });

  it('sends the password and SSL mode only when given', () => {
    const r = pgInputOf({ ...EMPTY_PG_FORM, database: 'd', password: 's3cret', sslmode: 'require' });
    expect(r.ok && r.input).toEqual({ host: '127.0.0.1', port: 5432, database: 'd', password: 's3cret', sslmode: 'require', schemas: [] });
  });

  it('defaults an empty port to 5432 and refuses one out of range', () => {
    expect(pgInputOf({ ...EMPTY_PG_FORM, database: 'd', port: '' })).toMatchObject({ ok: true, input: { port: 5432 } });
    expect(pgInputOf({ ...EMPTY_PG_FORM, database: 'd', port: '70000' })).toEqual({ ok: false, message: 'The port is a whole number from 1 to 65535.' });
    expect(pgInputOf({ ...EMPTY_PG_FORM, database: 'd', port: '54x' }).ok).toBe(false);
  });

  it('asks for a host and a database in fields mode', () => {
    expect(pgInputOf({ ...EMPTY_PG_FORM, database: '' })).toEqual({ ok: false, message: 'Give a host and a database.' });
  });

  it('in URL mode sends the URL (and never the fields), with the password beside it', () => {
    const r = pgInputOf({ ...EMPTY_PG_FORM, mode: 'url', url: ' postgresql://me@h/db?sslmode=require ', database: 'ignored', password: 'p', schemas: 'a,b' });
    expect(r).toEqual({ ok: true, input: { url: 'postgresql://me@h/db?sslmode=require', password: 'p', schemas: ['a', 'b'] } });
    expect(pgInputOf({ ...EMPTY_PG_FORM, mode: 'url', url: 'mysql://h/db' }).ok).toBe(false);
  });

  it('notices a password inside a URL', () => {
    expect(urlHasPassword('postgres://me:secret@h:5432/db')).toBe(true);
    expect(urlHasPassword('postgres://me@h:5432/db')).toBe(false);
    expect(urlHasPassword('postgres://h:5432/db')).toBe(false);
  });

  it('redacts passwords in shown URLs, in the user part and in a parameter', () => {
    expect(redactUrl('postgres://me:secret@h:5432/db')).toBe('postgres://me:•••@h:5432/db');
    expect(redactUrl('postgres://me@h:5432/db?sslmode=require&password=x&a=1')).toBe('postgres://me@h:5432/db?sslmode=require&password=•••&a=1');
    expect(redactUrl('postgres://h:5432/db')).toBe('postgres://h:5432/db');
  });

  it('tells when a typed password cannot be kept with a saved connection', () => {
    const form = { ...EMPTY_PG_FORM, password: 'p', saveAs: 'prod' };
    expect(passwordWillNotBeSaved(form, false)).toBe(true);
    expect(passwordWillNotBeSaved(form, true)).toBe(false);
    expect(passwordWillNotBeSaved({ ...form, saveAs: ' ' }, false)).toBe(false);
    expect(passwordWillNotBeSaved({ ...form, password: '' }, false)).toBe(false);
  });
});

describe('TLS files of the Postgres form', () => {
  const withTls = (tls: Partial<typeof EMPTY_PG_FORM.tls>) => ({ ...EMPTY_PG_FORM, database: 'd', sslmode: 'verify-full' as const, tls: { ...EMPTY_PG_FORM.tls, ...tls } });

  it('sends typed paths (browser mode) and chosen files by ticket (Electron), and nothing when none is given', () => {
    const none = pgInputOf({ ...EMPTY_PG_FORM, database: 'd' });
    expect(none.ok && none.input).not.toHaveProperty('tls');
    expect(none.ok && none.input).toHaveProperty('database', 'd');
    const typed = pgInputOf(withTls({ sslrootcert: { kind: 'typed', path: ' ~/certs/ca.pem ' }, sslcert: { kind: 'typed', path: '' } }));
    expect(typed.ok && typed.input.tls).toEqual({ sslrootcert: { path: '~/certs/ca.pem' } });
    const picked = pgInputOf(withTls({ sslcert: { kind: 'picked', ticket: 't1', name: 'me.crt' }, sslkey: { kind: 'picked', ticket: 't2', name: 'me.key' } }));
    expect(picked.ok && picked.input.tls).toEqual({ sslcert: { ticket: 't1' }, sslkey: { ticket: 't2' } });
  });

  it('keeps the files in URL mode too, and asks for a key with a certificate', () => {
    const url = pgInputOf({ ...withTls({ sslrootcert: { kind: 'typed', path: 'ca.pem' } }), mode: 'url', url: 'postgres://u@h/d?sslmode=verify-ca' });
    expect(url.ok && url.input).toEqual({ url: 'postgres://u@h/d?sslmode=verify-ca', schemas: [], tls: { sslrootcert: { path: 'ca.pem' } } });
    expect(pgInputOf(withTls({ sslcert: { kind: 'typed', path: 'me.crt' } }))).toEqual({ ok: false, message: 'A client certificate needs both its certificate file and its key file.' });
  });
});
