/**
 * electron-builder's beforePack hook on a project whose Electron build is already recorded (no
 * compile): it keeps exactly the target's native files in dist/ and in the hash manifest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readNativeManifest, sha256File } from '../../../electron/native/native-manifest';

const REPO = path.join(__dirname, '..', '..', '..');
const BSQ = (JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string }).version;
const X64 = 1;
const ARM64 = 3;

let root: string;
const electronName = (electron: string, arch: string): string => `native/electron/better-sqlite3-${BSQ}-electron-${electron}-${process.platform}-${arch}.node`;

/** A dist/ with the CSV extension and two Electron builds, all recorded. */
function layout(names: readonly string[]): void {
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  const files: Record<string, string> = {};
  for (const name of names) {
    const file = path.join(root, 'dist', ...name.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `bytes of ${name}`);
    files[name] = sha256File(file);
  }
  fs.writeFileSync(path.join(root, 'dist', 'native-files.json'), JSON.stringify({ files }));
}

async function runHook(arch: number): Promise<void> {
  const hook = (await import(path.join(REPO, 'build', 'before-pack.cjs'))) as { default: (ctx: unknown) => Promise<void> } & { default: { default?: (ctx: unknown) => Promise<void> } };
  const fn = (hook.default.default ?? hook.default);
  await fn({ packager: { projectDir: root, info: { framework: { version: '45.4.1' } } }, electronPlatformName: process.platform, arch });
}

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-before-pack-')));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
});


describe('build/before-pack.cjs', () => {
  const csv = `native/auditlens-csv${process.platform === 'darwin' ? '.dylib' : process.platform === 'win32' ? '.dll' : '.so'}`;

  it.runIf(process.arch === 'x64')('packs the target Electron build and the CSV extension built for it, and no older build', async () => {
    layout([csv, electronName('45.4.1', 'x64'), electronName('44.0.0', 'x64')]);
    await runHook(X64);
    const manifest = readNativeManifest(path.join(root, 'dist', 'native-files.json'));
    expect(Object.keys(manifest.files).sort()).toEqual([csv, electronName('45.4.1', 'x64')].sort());
    expect(fs.readdirSync(path.join(root, 'dist', 'native', 'electron'))).toEqual([path.basename(electronName('45.4.1', 'x64'))]);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it.runIf(process.arch === 'x64')('leaves the CSV extension out of a package for another arch (exports format in JS there)', async () => {
    layout([csv, electronName('45.4.1', 'arm64')]);
    await runHook(ARM64);
    const manifest = readNativeManifest(path.join(root, 'dist', 'native-files.json'));
    expect(Object.keys(manifest.files)).toEqual([electronName('45.4.1', 'arm64')]);
    expect(fs.existsSync(path.join(root, 'dist', ...csv.split('/')))).toBe(false);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('refuses a universal build with a sentence', async () => {
    await expect(runHook(4)).rejects.toThrow('Auditlens packs one architecture at a time (no universal builds): better-sqlite3 is built per arch.');
    fs.rmSync(root, { recursive: true, force: true });
  });
});
