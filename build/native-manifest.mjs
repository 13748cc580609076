// Records the SHA-256 of the native files a build makes in dist/native-files.json, which the app
// checks before loading them (electron/native/native-manifest.ts reads the same format). Packaged,
// the manifest is inside app.asar, covered by ASAR integrity; the files it names are unpacked.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The manifest's path under a project root. */
export function manifestPath(root) {
  return path.join(root, 'dist', 'native-files.json');
}

function readManifest(root) {
  try {
    const parsed = JSON.parse(fs.readFileSync(manifestPath(root), 'utf8'));
    return { files: { ...(parsed.files ?? {}) } };
  } catch {
    return { files: {} };
  }
}

function writeManifest(root, manifest) {
  const file = manifestPath(root);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sorted = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => a.localeCompare(b)));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ files: sorted }, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/** The lowercase hex SHA-256 of a file. */
export function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Records `name` (relative to dist/, forward slashes) with the hash of its current bytes. */
export function recordNativeFile(root, name) {
  const manifest = readManifest(root);
  manifest.files[name] = sha256(path.join(root, 'dist', ...name.split('/')));
  writeManifest(root, manifest);
}

/** Drops `name` from the manifest (the file was removed or not built). */
export function forgetNativeFile(root, name) {
  const manifest = readManifest(root);
  if (name in manifest.files) {
    delete manifest.files[name];
    writeManifest(root, manifest);
  }
}

/** True when `name` exists and hashes to what the manifest recorded. */
export function isRecorded(root, name) {
  const expected = readManifest(root).files[name];
  const file = path.join(root, 'dist', ...name.split('/'));
  return expected !== undefined && fs.existsSync(file) && sha256(file) === expected;
}
