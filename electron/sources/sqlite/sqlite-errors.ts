import path from 'node:path';
import { AuditlensError } from '../../../shared/api/result';

/** Turns a better-sqlite3 error into a typed error with a sentence a user can act on. */
export function fromSqliteError(e: unknown, path: string): AuditlensError {
  if (e instanceof AuditlensError) {
    return e;
  }
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e).code) : '';
  const message = e instanceof Error ? e.message : String(e);
  const fsError = fileSystemError(code, e, path);
  if (fsError) {
    return fsError;
  }
  if (code === 'SQLITE_NOTADB') {
    return new AuditlensError('not-a-database', `${path} is not a SQLite database (SQLite says: ${message}).`);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_IOERR_SHORT_READ') {
    return new AuditlensError('corrupt', `${path} is damaged: SQLite reports "${message}". Nothing was changed.`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AuditlensError('locked', `${path} is locked by another program that is writing to it; try again when it has finished.`);
  }
  if (code === 'SQLITE_READONLY_ROLLBACK' || code === 'SQLITE_READONLY_RECOVERY') {
    return new AuditlensError(
      'hot-journal',
      `${path} has an unfinished transaction from a crashed writer (a hot journal). Auditlens opens stores read-only, so it cannot roll it back; open a copy, or let the writing program recover it.`,
    );
  }
  if (code === 'SQLITE_READONLY') {
    return new AuditlensError('unsupported', `Auditlens opens stores read-only, and SQLite refused a statement that would change ${path} (${message}). Nothing was changed.`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new AuditlensError('io', `${path} could not be opened read-only (SQLite says: ${message}).`);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new AuditlensError('io', `Reading ${path} failed (${message}).`);
  }
  if (code === 'SQLITE_INTERRUPT') {
    return new AuditlensError('cancelled', 'The query was cancelled.');
  }
  if (code === 'SQLITE_ERROR' || code === 'SQLITE_AUTH' || code === 'SQLITE_RANGE' || code === 'SQLITE_TOOBIG') {
    return new AuditlensError('source-error', `SQLite could not run the query: ${message}.`);
  }
  return new AuditlensError('source-error', `SQLite failed: ${message}`);
}

/** An export's temporary file, as export-file.ts's tempPathFor names it (sources may not import export). */
const TEMP_NAME = /^\..+\.auditlens-tmp-\d+-[0-9a-f]+$/;

/**
 * A file-system error (a full disk, a refused permission) met while reading the store or writing
 * an export, as a sentence that says what happened and what to do, not "SQLite failed: ENOSPC".
 */
export function fileSystemError(code: string, e: unknown, storePath: string): AuditlensError | null {
  const file = typeof e === 'object' && e !== null && 'path' in e && typeof (e).path === 'string' ? (e as { path: string }).path : storePath;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AuditlensError('io', `The disk holding ${file} is full (or over its quota); free some space or choose another folder, then try again.`);
    case 'EACCES':
    case 'EPERM':
      if (TEMP_NAME.test(path.basename(file))) {
        // The export's own temporary file: the user chose the folder, not that name.
        return new AuditlensError('io', `Permission denied for the folder ${path.dirname(file)}: this user may not create files in it. Choose another folder, or ask for write access to it.`);
      }
      return new AuditlensError('io', `Permission denied for ${file}: this user may not use it. Check its permissions (and its folder's), or choose another file.`);
    case 'EROFS':
      return new AuditlensError('io', `${file} is on a read-only file system; choose a folder that can be written to.`);
    case 'EIO':
      return new AuditlensError('io', `The device holding ${file} reported a read or write error (EIO); check the disk, then try again.`);
    default:
      return null;
  }
}
