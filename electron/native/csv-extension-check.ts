/**
 * The native CSV extension passes the same manifest check as the SQLite addon before SQLite loads
 * it: it sits beside app.asar too, outside ASAR integrity.
 */
import { runtimePaths } from '../runtime-paths';
import { checkNativeFile, tamperedError } from './native-manifest';

/**
 * Returns `file` (the extension an export chose, or null) once it matches the manifest; throws
 * one sentence when it was changed or never recorded. Not built is not an error: exports use JS.
 */
export function verifiedCsvExtension(file: string | null): string | null {
  if (file === null) {
    return null;
  }
  const rt = runtimePaths();
  const check = checkNativeFile({ manifest: rt.nativeManifest, filesDir: rt.nativeFilesDir }, rt.csvExtensionName);
  if (check.kind === 'missing') {
    return null;
  }
  if (check.kind !== 'ok') {
    throw tamperedError(check);
  }
  return check.file;
}
