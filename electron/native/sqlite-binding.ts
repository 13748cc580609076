/**
 * Which better-sqlite3 addon a process loads. Node (CLI, tests, browser mode) uses the build npm
 * made in node_modules; Electron's main and utility processes have another ABI and load the
 * Electron build that `npm start` or the packaging hook put in `dist/native/electron/`, checked
 * against the native manifest first. better-sqlite3 takes it through its `nativeBinding` option.
 */
import fs from 'node:fs';
import { AuditlensError } from '../../shared/api/result';
import { runtimePaths } from '../runtime-paths';
import type { NativeLocation } from './native-manifest';
import { checkNativeFile, tamperedError } from './native-manifest';

/** What decides the addon: the runtime's versions and the machine. */
export interface SqliteRuntime {
  /** `process.versions.electron`: set in Electron's main and utility processes, absent in Node. */
  readonly electron: string | undefined;
  readonly platform: string;
  readonly arch: string;
  /** The installed better-sqlite3 version: a build for another version may not match its JS. */
  readonly betterSqlite3: string;
}

/** The Electron build's name under `dist/`, keyed by both versions and the machine (build/electron-sqlite.mjs writes the same). */
export function electronSqliteName(rt: SqliteRuntime & { readonly electron: string }): string {
  return `native/electron/better-sqlite3-${rt.betterSqlite3}-electron-${rt.electron}-${rt.platform}-${rt.arch}.node`;
}

/**
 * The addon to load: null for better-sqlite3's own (Node), or the checked path of the Electron
 * build. Throws a typed error with one sentence when the Electron build is missing or changed.
 */
export function chooseSqliteBinding(rt: SqliteRuntime, where: NativeLocation): string | null {
  if (rt.electron === undefined) {
    return null;
  }
  const check = checkNativeFile(where, electronSqliteName({ ...rt, electron: rt.electron }));
  if (check.kind === 'missing') {
    throw new AuditlensError(
      'unsupported',
      `The SQLite module for Electron ${rt.electron} (${rt.platform}-${rt.arch}) is missing, so SQLite stores cannot open: run \`npm start\` to build it, or reinstall Auditlens.`,
    );
  }
  if (check.kind !== 'ok') {
    throw tamperedError(check);
  }
  return check.file;
}

/** This process's runtime. */
export function currentSqliteRuntime(): SqliteRuntime {
  const pkg = JSON.parse(fs.readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')) as { version: string };
  return { electron: process.versions.electron, platform: process.platform, arch: process.arch, betterSqlite3: pkg.version };
}

let chosen: { readonly binding: string | null } | null = null;

/** The addon this process loads (checked once per process); null means better-sqlite3's default. */
export function sqliteBinding(): string | null {
  if (chosen === null) {
    const rt = runtimePaths();
    chosen = { binding: chooseSqliteBinding(currentSqliteRuntime(), { manifest: rt.nativeManifest, filesDir: rt.nativeFilesDir }) };
  }
  return chosen.binding;
}

/** Adds this process's `nativeBinding` to better-sqlite3 options (nothing under Node). */
export function withSqliteBinding<T extends object>(options: T): T & { nativeBinding?: string } {
  const binding = sqliteBinding();
  return binding === null ? options : { ...options, nativeBinding: binding };
}
