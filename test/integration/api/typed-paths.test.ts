import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers';
import type { StoreSummary } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import { tempDir } from '../../helpers/files';
import { testServices } from '../../helpers/services';

/** Browser mode's path field reads a path as the shell `auditlens serve` was started from would. */
const { dir, cleanup } = tempDir();
const home = path.join(dir, 'home');
const work = path.join(dir, 'work');
const saved = { home: process.env.HOME, cwd: process.cwd() };

beforeAll(() => {
  for (const folder of [home, work]) {
    fs.mkdirSync(folder, { recursive: true });
    const db = new Database(path.join(folder, 'audit.db'));
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY)');
    db.close();
  }
  process.env.HOME = home;
  process.chdir(work);
});
afterAll(() => {
  process.env.HOME = saved.home;
  process.chdir(saved.cwd);
  cleanup();
});

describe('stores.openPath in browser mode', () => {
  it('opens ~/… from the home folder and a relative path from the folder the server was started in', async () => {
    const h = createHandlers(testServices(dir, ''));
    const fromHome = await dispatch(h, 'stores.openPath', { path: '~/audit.db' }, { transport: 'test' });
    expect(fromHome.ok && (fromHome.value as StoreSummary).source.location).toBe(path.join(home, 'audit.db'));
    const fromWork = await dispatch(h, 'stores.openPath', { path: 'audit.db' }, { transport: 'test' });
    expect(fromWork.ok && (fromWork.value as StoreSummary).source.location).toBe(path.join(work, 'audit.db'));
    const missing = await dispatch(h, 'stores.openPath', { path: '~/nope.db' }, { transport: 'test' });
    expect(missing.ok).toBe(false);
  });
});
