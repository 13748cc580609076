import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers';
import type { Services } from '../../../electron/api/services';
import { StoreManager } from '../../../electron/sources/store-manager';
import type { PickedTlsFile } from '../../../shared/api/contract';
import type { Handlers } from '../../../shared/api/dispatch';
import { dispatch } from '../../../shared/api/dispatch';
import { tempDir } from '../../helpers/files';
import { testServices } from '../../helpers/services';
import { sqliteDeps } from '../../helpers/sqlite-deps';

/**
 * The connection form's TLS files reach pg's ssl options: typed paths in browser mode (with `~`
 * and relative paths read as in the user's shell), files chosen in the OS dialog by ticket in
 * Electron, and nothing else. The local server has no TLS, so a file that was read shows as the
 * server refusing TLS, and a file that was not as the sentence naming it.
 */
const { dir, cleanup } = tempDir();
const home = path.join(dir, 'home');
const ca = path.join(home, 'certs', 'ca.pem');
const LOCAL = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres', sslmode: 'require' as const };
let savedHome: string | undefined;

function handlers(extra: Partial<Services> = {}): Handlers {
  return createHandlers({ ...testServices(dir, '', new StoreManager(sqliteDeps, { passwordFallbacks: false })), ...extra });
}

async function error(h: Handlers, name: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await dispatch(h, name, input, { transport: 'test' });
  expect(r.ok).toBe(false);
  return r.ok ? { code: '', message: '' } : r.error;
}

beforeAll(() => {
  fs.mkdirSync(path.dirname(ca), { recursive: true });
  fs.writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  savedHome = process.env.HOME;
  process.env.HOME = home;
});
afterAll(() => {
  process.env.HOME = savedHome;
  cleanup();
});

describe('TLS files of the Postgres form', () => {
  it('reads a typed ~ path from the home folder and a relative one from the working folder (browser mode)', async () => {
    const h = handlers();
    const missing = await error(h, 'pg.test', { ...LOCAL, tls: { sslrootcert: { path: '~/certs/missing.pem' } } });
    expect(missing).toEqual({ code: 'not-found', message: `The TLS file you picked (${path.join(home, 'certs', 'missing.pem')}) could not be read.` });
    const relative = await error(h, 'pg.test', { ...LOCAL, tls: { sslrootcert: { path: 'no-such-dir/ca.pem' } } });
    expect(relative.message).toBe(`The TLS file you picked (${path.resolve('no-such-dir/ca.pem')}) could not be read.`);
    // The file that exists is read and handed to pg: the server (no TLS here) is what refuses now.
    const read = await error(h, 'pg.test', { ...LOCAL, tls: { sslrootcert: { path: '~/certs/ca.pem' } } });
    expect(read.message).not.toMatch(/could not be read/);
    expect(read.message).toMatch(/SSL|TLS/i);
  });

  it('takes files chosen in the OS dialog by ticket, and refuses typed paths where the page must not name them (Electron)', async () => {
    const asked: string[] = [];
    const h = handlers({ allowPathInput: false, pickTlsFile: async (kind) => {
      asked.push(kind);
      return kind === 'sslrootcert' ? path.join(home, 'certs', 'gone.pem') : null;
    } });
    const picked = await dispatch(h, 'pg.pickTlsFile', { kind: 'sslrootcert' }, { transport: 'test' });
    expect(picked).toMatchObject({ ok: true, value: { name: 'gone.pem' } });
    const ticket = picked.ok ? (picked.value as PickedTlsFile).ticket : '';
    expect(await dispatch(h, 'pg.pickTlsFile', { kind: 'sslkey' }, { transport: 'test' })).toEqual({ ok: true, value: null });
    expect(asked).toEqual(['sslrootcert', 'sslkey']);
    expect((await error(h, 'pg.test', { ...LOCAL, tls: { sslrootcert: { ticket } } })).message).toBe(`The TLS file you picked (${path.join(home, 'certs', 'gone.pem')}) could not be read.`);
    expect(await error(h, 'pg.test', { ...LOCAL, tls: { sslrootcert: { ticket: 'made-up' } } })).toEqual({ code: 'not-found', message: 'That TLS file is no longer chosen; choose it again.' });
    expect(await error(h, 'pg.test', { ...LOCAL, tls: { sslrootcert: { path: ca } } })).toEqual({ code: 'unauthorized', message: 'Choose the TLS file with its Choose… button.' });
  });

  it('says why a certificate without its key, TLS files with TLS off, or a saved connection with files cannot be used', async () => {
    const h = handlers();
    expect((await error(h, 'pg.test', { ...LOCAL, tls: { sslcert: { path: ca } } })).message).toBe('A client certificate needs both its certificate file and its key file.');
    expect((await error(h, 'pg.test', { ...LOCAL, sslmode: 'disable', tls: { sslrootcert: { path: ca } } })).message).toMatch(/sslmode=disable turns TLS off/);
    expect((await error(h, 'pg.connect', { ...LOCAL, saveAs: 'with files', tls: { sslrootcert: { path: ca } } })).message).toBe(
      'A saved connection cannot keep TLS files yet: connect without a name, or leave the files out.',
    );
    // Browser mode has no dialog to show.
    expect(await error(h, 'pg.pickTlsFile', { kind: 'sslcert' })).toMatchObject({ code: 'unsupported' });
  });

  it('tells a URL that names a TLS file where the files are chosen', async () => {
    const refused = await error(handlers(), 'pg.test', { url: 'postgres://postgres@127.0.0.1:5432/postgres?sslcert=/etc/passwd' });
    expect(refused.message).toMatch(/choose the CA, certificate and key files under "TLS files" in the connection form/);
  });
});
