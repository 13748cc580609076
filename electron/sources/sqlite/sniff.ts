import fs from 'node:fs';
import { AuditlensError } from '../../../shared/api/result';

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What the sniff learned about a file that looks like a SQLite database. */
export interface SqliteFileFacts {
  readonly path: string;
  readonly size: number;
  readonly pageSize: number;
  /** The header says WAL mode (read or write version 2): reading it needs a -wal and -shm. */
  readonly wal: boolean;
}

/**
 * Checks, before SQLite sees it, that `path` is a regular, non-empty file with a sane SQLite
 * header. SQLite alone would happily "open" an empty file or a directory; we refuse with a
 * sentence the user can act on. Only reads; never changes the file.
 */
export function sniffSqliteFile(path: string): SqliteFileFacts {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new AuditlensError('not-found', `There is no file at ${path}.`);
    }
    if (code === 'ELOOP') {
      throw new AuditlensError('not-a-file', `${path} is a symbolic link that points back at itself.`);
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new AuditlensError('io', `Auditlens is not allowed to read ${path}.`);
    }
    throw new AuditlensError('io', `${path} could not be read (${code ?? 'unknown error'}).`);
  }
  if (stat.isDirectory()) {
    throw new AuditlensError('not-a-file', `${path} is a folder, not a SQLite file.`);
  }
  if (!stat.isFile()) {
    throw new AuditlensError('not-a-file', `${path} is not a regular file (it is a device, pipe or socket); Auditlens opens only files.`);
  }
  if (stat.size === 0) {
    throw new AuditlensError('empty-file', `${path} is empty (0 bytes), so it holds no SQLite database.`);
  }
  const head = Buffer.alloc(100);
  let got = 0;
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new AuditlensError('io', `${path} cannot be read: permission denied. Ask for read access to it, or open a copy you can read.`);
    }
    throw e;
  }
  try {
    got = fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (got < HEADER.length || !head.subarray(0, HEADER.length).equals(HEADER)) {
    const text = head.subarray(0, got).toString('utf8').trimStart();
    if (text.startsWith('{') || text.startsWith('[')) {
      throw new AuditlensError('not-a-database', `${path} holds JSON text, not a SQLite database.`);
    }
    throw new AuditlensError('not-a-database', `${path} is not a SQLite database: it does not start with the SQLite header.`);
  }
  if (got < 100) {
    throw new AuditlensError('corrupt', `${path} is cut short: it ends inside the 100-byte SQLite header.`);
  }
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65_536 : raw;
  if (pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0) {
    throw new AuditlensError('corrupt', `${path} has a damaged SQLite header (page size ${raw} is impossible).`);
  }
  const pages = head.readUInt32BE(28);
  const headerCountValid = head.readUInt32BE(92) === head.readUInt32BE(24) && pages > 0;
  if (headerCountValid && stat.size < pages * pageSize) {
    throw new AuditlensError(
      'corrupt',
      `${path} is truncated: its header says ${pages * pageSize} bytes but the file has ${stat.size}.`,
    );
  }
  return { path, size: stat.size, pageSize, wal: head[18] === 2 || head[19] === 2 };
}
