import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_FILTERS, pickExportFile, pickStoreFile, storePathFromArgv } from '../../../electron/shell/open-dialog';
import { createFakeElectron } from './fake-electron';

describe('pickStoreFile', () => {
  it('asks for one file with the store filters, attached to the window', async () => {
    const fake = createFakeElectron();
    await fake.fireReady();
    const win = new fake.surface.BrowserWindow({ webPreferences: {} });
    fake.dialogResult = { canceled: false, filePaths: ['/data/audit.db'] };
    expect(await pickStoreFile(fake.surface, win)).toBe('/data/audit.db');
    expect(fake.dialogCalls[0]?.withWindow).toBe(true);
    expect(fake.dialogCalls[0]?.options.properties).toEqual(['openFile']);
    expect(fake.dialogCalls[0]?.options.filters).toEqual(STORE_FILTERS);
    expect(STORE_FILTERS.map((f) => f.extensions)).toEqual([['db', 'sqlite', 'sqlite3', 'db3'], ['json', 'jsonl', 'ndjson', 'log'], ['*']]);
  });

  it('resolves to null when cancelled, and works without a window', async () => {
    const fake = createFakeElectron();
    fake.dialogResult = { canceled: true, filePaths: [] };
    expect(await pickStoreFile(fake.surface, null)).toBeNull();
    expect(fake.dialogCalls[0]?.withWindow).toBe(false);
  });
});

describe('storePathFromArgv', () => {
  let tmp: string;

  beforeAll(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-argv-')));
    fs.writeFileSync(path.join(tmp, 'audit.db'), 'x');
    fs.mkdirSync(path.join(tmp, 'logs'));
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('finds no store when none is given', () => {
    expect(storePathFromArgv(['/electron', 'dist/electron/main.js'], false)).toEqual({ kind: 'none' });
    expect(storePathFromArgv(['/opt/Auditlens/auditlens', '--no-sandbox'], true)).toEqual({ kind: 'none' });
  });

  it('skips the script argument when unpackaged, and switches always', () => {
    const unpackaged = storePathFromArgv(['/electron', 'dist/electron/main.js', '--enable-logging', 'audit.db'], false, tmp);
    expect(unpackaged).toEqual({ kind: 'store', path: path.join(tmp, 'audit.db') });
    expect(storePathFromArgv(['/Auditlens', '-psn_0_12345', path.join(tmp, 'logs')], true, '/')).toEqual({ kind: 'store', path: path.join(tmp, 'logs') });
  });

  it('refuses paths that do not exist, are not files or folders, or are malformed', () => {
    expect(storePathFromArgv(['/Auditlens', 'missing.db'], true, tmp).kind).toBe('invalid');
    expect(storePathFromArgv(['/Auditlens', 'a\0b'], true, tmp).kind).toBe('invalid');
    expect(storePathFromArgv(['/Auditlens', 'x'.repeat(5000)], true, tmp).kind).toBe('invalid');
    if (fs.existsSync('/dev/null')) {
      expect(storePathFromArgv(['/Auditlens', '/dev/null'], true, tmp)).toEqual({ kind: 'invalid', message: '/dev/null is neither a file nor a folder.' });
    }
  });
});

describe('the export save dialog', () => {
  it('suggests the file name, filters CSV, and returns null when cancelled', async () => {
    const fake = createFakeElectron();
    expect(await pickExportFile(fake.surface, null, 'dbt_audit_summary.csv')).toBeNull();
    expect(fake.saveDialogCalls[0]?.options).toMatchObject({ defaultPath: 'dbt_audit_summary.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] });
    fake.saveDialogResult = { canceled: false, filePath: '/home/ana/out.csv' };
    expect(await pickExportFile(fake.surface, null, 'x.csv')).toBe('/home/ana/out.csv');
  });
});
