/**
 * The SHA-256 of every native file Auditlens built (the Electron build of better-sqlite3, the
 * SQLite CSV extension), recorded at build time in `dist/native-files.json`.
 *
 * electron-builder unpacks those files beside app.asar (dlopen cannot read inside an archive), so
 * ASAR integrity does not cover them; the manifest stays inside app.asar, where it does. A native
 * file is loaded only when its bytes hash to what the manifest recorded.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AuditlensError } from '../../shared/api/result';


/** Where the manifest lives and where the files it names live (beside app.asar when packaged). */
export interface NativeLocation {
  /** The manifest file (inside app.asar when packaged). */
  readonly manifest: string;
  /** The folder its relative names are resolved against (app.asar.unpacked/dist when packaged). */
  readonly filesDir: string;
}

/** The manifest's shape: relative name (forward slashes, from `dist/`) to lowercase hex SHA-256. */
export interface NativeManifest {
  readonly files: Readonly<Record<string, string>>;
}

/** Reads the manifest; an absent or unreadable one records nothing. */
export function readNativeManifest(file: string): NativeManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { files: {} };
  }
  const files = (parsed as { files?: unknown } | null)?.files;
  if (typeof files !== 'object' || files === null) {
    return { files: {} };
  }
  const out: Record<string, string> = {};
  for (const [name, hash] of Object.entries(files)) {
    if (typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) {
      out[name] = hash;
    }
  }
  return { files: out };
}

/** The lowercase hex SHA-256 of a file's bytes. */
export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** What checking one native file found. */
export type NativeCheck =
  | { readonly kind: 'ok'; readonly file: string }
  | { readonly kind: 'missing'; readonly file: string }
  | { readonly kind: 'unrecorded'; readonly file: string }
  | { readonly kind: 'changed'; readonly file: string };

/** Checks the file `name` (relative to `dist/`) against the manifest, without loading it. */
export function checkNativeFile(where: NativeLocation, name: string): NativeCheck {
  const file = path.join(where.filesDir, ...name.split('/'));
  if (!fs.existsSync(file)) {
    return { kind: 'missing', file };
  }
  const expected = readNativeManifest(where.manifest).files[name];
  if (expected === undefined) {
    return { kind: 'unrecorded', file };
  }
  return sha256File(file) === expected ? { kind: 'ok', file } : { kind: 'changed', file };
}

/** The sentence for a native file that exists but does not match (or is absent from) the manifest. */
export function tamperedError(check: Extract<NativeCheck, { kind: 'changed' | 'unrecorded' }>): AuditlensError {
  const why = check.kind === 'changed' ? 'its SHA-256 differs from the one recorded when Auditlens was built' : 'it was not recorded when Auditlens was built';
  return new AuditlensError('internal', `Auditlens refused to load ${check.file} because ${why}; reinstall Auditlens (or run \`npm run build\` in a source checkout).`);
}
