import fs from 'node:fs';
import path from 'node:path';
import { AuditlensError } from '../../../shared/api/result';
import type { LoadProblem } from '../../../shared/model/catalog';
import { auditPath } from './layouts/ddeutil-audit';

/** How a file is read: one JSON text (a top-level array's elements become records) or one value per line. */
export type FileMode = 'document' | 'lines';

/** A file that will be read, with the stat facts the cache is keyed by. */
export interface FoundFile {
  readonly path: string;
  /** Relative to the opened folder with '/' separators; the file name when a file was opened. */
  readonly rel: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly mode: FileMode;
}

/** What a location holds. */
export interface LocationScan {
  readonly root: string;
  readonly isFolder: boolean;
  readonly files: readonly FoundFile[];
  /** Entries skipped for a reason worth telling (links, devices, limits). */
  readonly problems: readonly LoadProblem[];
}

/** Limits of a folder walk. */
export interface WalkLimits {
  readonly maxFiles: number;
  readonly maxDepth: number;
}

const DEFAULT_WALK: WalkLimits = { maxFiles: 1_000_000, maxDepth: 64 };
const LINE_EXT = /\.(jsonl|ndjson)$/i;
const DOC_EXT = /\.json$/i;
const LOG_EXT = /\.log$/i;

/**
 * Lists the JSON files at `location`, a file or a folder. Folders are walked with lstat: only
 * regular files count, symbolic links are not followed (so nothing outside the folder is read),
 * FIFOs, sockets and devices are skipped (opening a FIFO blocks, `/dev/zero` never ends), and
 * dot-folders are ignored. A `.log` file counts when it is a ddeutil audit by path or starts like
 * JSON (dbt's `--log-format json`). Throws a typed error when the location itself is unusable.
 */
export async function scanLocation(location: string, limits: WalkLimits = DEFAULT_WALK): Promise<LocationScan> {
  const root = path.resolve(location);
  let st: fs.Stats;
  try {
    st = fs.statSync(root);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AuditlensError(code === 'ENOENT' ? 'not-found' : 'io', code === 'ENOENT' ? `There is nothing at ${root}.` : `${root} could not be read (${code ?? 'unknown error'}).`);
  }
  if (st.isFile()) {
    const rel = path.basename(root);
    const mode = classify(root, rel, true);
    if (!mode) {
      throw new AuditlensError('bad-input', `${root} does not look like JSON: Auditlens reads .json, .jsonl, .ndjson and JSON .log files.`);
    }
    return { root, isFolder: false, files: [found(root, rel, st, mode)], problems: [] };
  }
  if (!st.isDirectory()) {
    throw new AuditlensError('not-a-file', `${root} is not a regular file or folder (it is a device, pipe or socket).`);
  }
  const files: FoundFile[] = [];
  const problems: LoadProblem[] = [];
  let visited = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ path: dir, message: `the folder could not be listed (${(e as NodeJS.ErrnoException).code ?? 'error'}); it was skipped` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) {
        continue;
      }
      if (++visited % 2_000 === 0) {
        await new Promise((r) => setImmediate(r));
      }
      const full = path.join(dir, entry.name);
      let est: fs.Stats;
      try {
        est = fs.lstatSync(full);
      } catch {
        continue;
      }
      if (est.isSymbolicLink()) {
        if (candidateName(entry.name)) {
          problems.push({ path: full, message: 'a symbolic link; links are not followed, so it was skipped' });
        }
      } else if (est.isDirectory()) {
        if (depth >= limits.maxDepth) {
          problems.push({ path: full, message: `folders nested deeper than ${limits.maxDepth} levels were skipped` });
        } else {
          await walk(full, depth + 1);
        }
      } else if (!est.isFile()) {
        if (candidateName(entry.name)) {
          problems.push({ path: full, message: 'not a regular file (a pipe, socket or device), so it was skipped' });
        }
      } else {
        const rel = path.relative(root, full).split(path.sep).join('/');
        const mode = classify(full, rel, false);
        if (mode) {
          if (files.length >= limits.maxFiles) {
            problems.push({ path: root, message: `more than ${limits.maxFiles} JSON files; the rest were skipped` });
            return;
          }
          files.push(found(full, rel, est, mode));
        }
      }
    }
  };
  await walk(root, 0);
  return { root, isFolder: true, files, problems };
}

function candidateName(name: string): boolean {
  return DOC_EXT.test(name) || LINE_EXT.test(name) || LOG_EXT.test(name);
}

function found(full: string, rel: string, st: fs.Stats, mode: FileMode): FoundFile {
  return { path: full, rel, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, mode };
}

/** How to read a file, or null when it is not JSON at all. */
export function classify(full: string, rel: string, chosen: boolean): FileMode | null {
  if (LINE_EXT.test(rel)) {
    return 'lines';
  }
  if (DOC_EXT.test(rel)) {
    return 'document';
  }
  if (LOG_EXT.test(rel) && auditPath(rel)) {
    return 'document';
  }
  if (LOG_EXT.test(rel) || chosen) {
    const first = firstByte(full);
    if (first === 0x7b) {
      return 'lines';
    }
    if (first === 0x5b) {
      return 'document';
    }
  }
  return null;
}

/** The first byte that is not whitespace or a UTF-8 BOM, read without blocking. */
function firstByte(full: string): number | null {
  let fd: number;
  try {
    fd = fs.openSync(full, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const head = Buffer.alloc(512);
    const got = fs.readSync(fd, head, 0, head.length, 0);
    let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    while (i < got && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) {
      i++;
    }
    return i < got ? (head[i] as number) : null;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
