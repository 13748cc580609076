import fs from 'node:fs';
import path from 'node:path';

/** The manifest's file name inside `dist/` (written by build/native-manifest.mjs). */
export const NATIVE_MANIFEST_NAME = 'native-files.json';

/** Where the built pieces live: found from this file, whether run from source (tests) or from dist/. */
export interface RuntimePaths {
  readonly root: string;
  readonly workerScript: string;
  /** The native CSV functions for SQLite exports (electron/csv/native/), built by build/build-native.mjs in `npm run build` where a C compiler exists. */
  readonly csvExtension: string;
  /** The CSV extension's name in the native manifest (relative to `dist/`). */
  readonly csvExtensionName: string;
  /** The native manifest (`dist/native-files.json`; inside app.asar when packaged, so integrity covers it). */
  readonly nativeManifest: string;
  /** The folder the manifest's names resolve against: `dist/`, or its unpacked copy beside app.asar. */
  readonly nativeFilesDir: string;
  readonly rendererDir: string;
  readonly version: string;
}

let cached: RuntimePaths | null = null;

/** Walks up from this module to the project root (the package.json named auditlens). */
export function runtimePaths(): RuntimePaths {
  if (cached) {
    return cached;
  }
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const pkgFile = path.join(dir, 'package.json');
    if (fs.existsSync(pkgFile)) {
      const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'auditlens') {
        // A packaged app unpacks native files beside app.asar (electron-builder.yml): dlopen cannot read inside an archive.
        const nativeFilesDir = path.join(dir.replace(/app\.asar$/, 'app.asar.unpacked'), 'dist');
        const csvExtensionName = `native/auditlens-csv${process.platform === 'win32' ? '.dll' : process.platform === 'darwin' ? '.dylib' : '.so'}`;
        cached = {
          root: dir,
          workerScript: path.join(dir, 'dist', 'electron', 'sqlite-worker.js'),
          csvExtension: path.join(nativeFilesDir, ...csvExtensionName.split('/')),
          csvExtensionName,
          nativeManifest: path.join(dir, 'dist', NATIVE_MANIFEST_NAME),
          nativeFilesDir,
          rendererDir: path.join(dir, 'dist', 'renderer'),
          version: pkg.version ?? '0.0.0',
        };
        return cached;
      }
    }
    dir = path.dirname(dir);
  }
  throw new Error('Auditlens could not find its own files (package.json); reinstall it.');
}
