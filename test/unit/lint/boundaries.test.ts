import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
// The probes are files that do not exist, so no tsconfig has them: the boundary rules need no types.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

async function messagesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => m.message);
}

/** Each process boundary of the architecture is a lint rule; these prove the rules fire. */
describe('lint enforces the process boundaries', () => {
  it.each([
    ['shared/model/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n", /no Node built-ins/],
    ['shared/model/x.ts', "import { Foo } from '../../electron/host';\nexport const a: Foo = 1;\n", /imports nothing outside itself/],
    ['shared/model/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n", /may not depend on a runtime/],
    ['renderer/features/x.ts', "import { createHost } from '../../electron/host';\nexport const a = createHost;\n", /never import each other/],
    ['renderer/features/x.ts', "import fs from 'fs';\nexport const a = fs;\n", /has no Node/],
    ['renderer/features/x.ts', "import pg from 'pg';\nexport const a = pg;\n", /only through the API client/],
    ['electron/api/handlers-x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n", /Raw IPC lives only/],
    ['electron/x.ts', "import { App } from '../renderer/app/app-shell';\nexport const a = App;\n", /never import each other/],
    ['electron/api/handlers-x.ts', 'export function f(s: { ipcMain: unknown }) {\n  return s.ipcMain;\n}\n', /Raw IPC lives only/],
    ['renderer/features/x.tsx', 'export function X(p: { h: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: p.h }} />;\n}\n', /hostile/],
  ])('%s: %s', async (file, code, rule) => {
    expect((await messagesFor(file, code)).join('\n')).toMatch(rule);
  });

  it('allows raw IPC in the transport files', async () => {
    expect(await messagesFor('electron/api/ipc-transport.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n")).toEqual([]);
  });
});
