/**
 * Writes one whole output (a timeline's JSON, SVG or PNG) as exports are written: to a temporary
 * file beside the target, fsynced, then renamed over it, so a crash or an error never leaves a
 * partial file at the target path. Only that temporary file is ever removed.
 */
import fs from 'node:fs';
import { AuditlensError } from '../../shared/api/result';
import { checkTarget, tempPathFor } from '../export/export-file';
import type { Source } from '../sources/source';
import { expandUserPath } from '../sources/user-path';

/** Checks where `out` would go before any work: its folder exists, it is no folder, and it is not the store. */
export function checkOutput(source: Source, out: string): string {
  const target = expandUserPath(out);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    throw new AuditlensError('bad-input', `${target} is a folder; give a file name for the timeline.`);
  }
  return checkTarget(source, target);
}

/** Writes `data` to `target` atomically; returns the bytes written. */
export function writeOutput(target: string, data: string | Uint8Array): number {
  const tmp = tempPathFor(target);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx');
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, target);
    return bytes.length;
  } catch (e) {
    if (fd !== null) {
      fs.closeSync(fd);
    }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
