/**
 * Checks build/electron-builder.yml the way `npm run dist` reads it: loaded by electron-builder's
 * own loader and validated against its own schema (app-builder-lib's scheme.json), then the
 * choices this app depends on: fuses, native files, the packaging hook and file associations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..', '..');
const CONFIG = path.join(ROOT, 'build', 'electron-builder.yml');
const quietLogger = { isEnabled: false } as Parameters<typeof validateConfiguration>[1];
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
};

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(ROOT, CONFIG, null);
});

/** The associations of one platform, flattened to extension → association. */
function associations(platform: 'mac' | 'linux' | 'win'): Map<string, Record<string, unknown>> {
  const list = (config[platform]?.fileAssociations ?? []) as unknown as readonly Record<string, unknown>[] | Record<string, unknown>;
  const out = new Map<string, Record<string, unknown>>();
  // Array.isArray narrows to any[]; the association objects are records either way.
  const items = (Array.isArray(list) ? list : [list]) as readonly Record<string, unknown>[];
  for (const a of items) {
    for (const ext of ([] as string[]).concat(a['ext'] as string | string[])) {
      out.set(ext, a);
    }
  }
  return out;
}

describe('build/electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
  });

  it('would fail that validation with a misspelt option or a wrong type', async () => {
    await expect(validateConfiguration({ ...config, npmRebuilt: false } as Configuration, quietLogger)).rejects.toThrow(/npmRebuilt/);
    await expect(validateConfiguration({ ...config, asarUnpack: { native: true } } as unknown as Configuration, quietLogger)).rejects.toThrow(/asarUnpack/);
  });

  it('is the file the dist script builds from, with the pinned electron-builder and Electron', () => {
    expect(pkg.scripts.dist).toBe('electron-builder --config build/electron-builder.yml');
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(config.electronVersion).toBe(pkg.optionalDependencies.electron);
    expect(config.appId).toBe('dev.auditlens.app');
    expect(config.productName).toBe('Auditlens');
    // electron-builder's default output folder is dist/, where our own build lives and which it packs.
    expect(config.directories?.output).toBe('release');
  });

  it('flips every fuse the security checklist asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar needs an asar: it must not be switched off.
    expect(config.asar).toBeUndefined();
  });

  it('builds native modules for the packaged Electron in its hook, not in node_modules', async () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.beforePack).toBe('build/before-pack.cjs');
    const hook = (await import(path.join(ROOT, 'build', 'before-pack.cjs'))) as { default: { default?: unknown } & ((...a: unknown[]) => unknown) };
    expect(typeof (hook.default.default ?? hook.default)).toBe('function');
  });

  it('unpacks dist/native only, so the hash manifest stays inside app.asar', () => {
    expect(config.asarUnpack).toEqual(['dist/native/**']);
    const files = JSON.stringify(config.files);
    expect(files).toContain('dist/**');
    expect(files).toContain('!node_modules/better-sqlite3/{build,deps,src}/**');
  });

  it('associates SQLite and JSON Lines files as a viewer that is never the default', () => {
    const mac = associations('mac');
    expect([...mac.keys()].sort()).toEqual(['db', 'jsonl', 'ndjson', 'sqlite', 'sqlite3']);
    for (const [ext, a] of mac) {
      expect(a.role, ext).toBe('Viewer');
      expect(a.rank, ext).toBe('Alternate');
    }
    const linux = associations('linux');
    expect([...linux.keys()].sort()).toEqual(['db', 'jsonl', 'ndjson', 'sqlite', 'sqlite3']);
    expect(linux.get('db')?.mimeType).toBe('application/vnd.sqlite3');
    // NSIS would register them per machine and as the default handler.
    expect(associations('win').size).toBe(0);
    expect(config.fileAssociations).toBeUndefined();
  });

  it('targets AppImage and deb, a hardened-runtime dmg, and nsis', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.win?.target).toEqual(['nsis']);
  });
});
