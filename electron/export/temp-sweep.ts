/**
 * The journal of in-flight export files, and the start-up sweep that removes what a crash left.
 *
 * A SIGKILL, power loss or crash skips every cleanup handler, so each export first records its
 * temporary files in `<dataDir>/exports-in-flight/<pid>-<random>.json` and removes that entry when
 * it ends. At start-up, `sweepStaleExports` deletes the files listed by entries whose process is
 * gone. Only listed files are touched, and only if their names are ours (security-checklist §4.4:
 * sweep only what the app wrote).
 *
 * Callers: the CLI runs the sweep before every command (electron/cli.ts). The Electron main
 * process must run `sweepStaleExports(paths.dataDir)` once after `app.whenReady()`, before it
 * registers the IPC handlers, with the same `AppPaths.dataDir` it gives the host.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readJsonFile, writeJsonFile } from '../app-data/json-file';
import { isTempName } from './export-file';

const FOLDER = 'exports-in-flight';

interface JournalEntry {
  readonly pid: number;
  readonly startedAt: string;
  readonly target: string;
  readonly files: readonly string[];
}

/** One export's entry in the journal: list temporary files before creating them, close when done. */
export interface ExportJournalEntry {
  /** Records a temporary file (absolute path) before it is created. */
  track(file: string): void;
  /** Removes the entry; the caller has already removed or renamed the files. */
  close(): void;
}

/** Opens a journal entry for one export to `target`. */
export function openExportJournal(dataDir: string, target: string): ExportJournalEntry {
  const file = path.join(dataDir, FOLDER, `${process.pid}-${crypto.randomBytes(6).toString('hex')}.json`);
  const entry: { pid: number; startedAt: string; target: string; files: string[] } = {
    pid: process.pid, startedAt: new Date().toISOString(), target, files: [],
  };
  let closed = false;
  return {
    track: (tmp) => {
      if (closed) {
        return;
      }
      entry.files.push(path.resolve(tmp));
      writeJsonFile(file, entry);
    },
    close: () => {
      closed = true;
      fs.rmSync(file, { force: true });
    },
  };
}

/** What a sweep removed. */
export interface SweepResult {
  readonly removedFiles: readonly string[];
  readonly clearedEntries: number;
}

/**
 * Deletes temporary files listed by journal entries whose process no longer runs, then the
 * entries. Entries of live processes (another window, a running CLI) are left alone.
 */
export function sweepStaleExports(dataDir: string): SweepResult {
  const folder = path.join(dataDir, FOLDER);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return { removedFiles: [], clearedEntries: 0 };
  }
  const removedFiles: string[] = [];
  let clearedEntries = 0;
  for (const name of names) {
    const file = path.join(folder, name);
    if (!name.endsWith('.json')) {
      // A journal write interrupted between its temporary file and the rename.
      if (/\.json\.\d+\.tmp$/.test(name) && !isAlive(Number(name.split('.')[2]))) {
        fs.rmSync(file, { force: true });
      }
      continue;
    }
    const entry = readJsonFile<JournalEntry | null>(file, null);
    if (entry !== null && typeof entry.pid === 'number' && isAlive(entry.pid)) {
      continue;
    }
    for (const listed of Array.isArray(entry?.files) ? entry.files : []) {
      if (typeof listed === 'string' && path.isAbsolute(listed) && isTempName(listed) && removeRegularFile(listed)) {
        removedFiles.push(listed);
      }
    }
    fs.rmSync(file, { force: true });
    clearedEntries++;
  }
  return { removedFiles, clearedEntries };
}

/** True while a process with this id runs (EPERM means it runs as another user). */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) {
    return false;
  }
  if (pid === process.pid) {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `file` if it is a regular file (never a link or folder); true when something was removed. */
function removeRegularFile(file: string): boolean {
  try {
    if (!fs.lstatSync(file).isFile()) {
      return false;
    }
    fs.rmSync(file);
    return true;
  } catch {
    return false;
  }
}
