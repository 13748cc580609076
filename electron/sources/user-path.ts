/**
 * A path as a user types it, made absolute: `~` and `~/…` are the home folder, and a relative path
 * is relative to the folder the command was typed in (the process's working folder), in the CLI
 * and in browser mode alike; a store's worker never sees a relative path it would read elsewhere.
 * `postgres://` URLs and `~user` forms are left as they are.
 */
import os from 'node:os';
import path from 'node:path';

/** Where a typed path is read from: the home folder and the working folder (the process's by default). */
export interface UserPathBase {
  readonly home?: string;
  readonly cwd?: string;
}

/** The absolute path a user meant by `typed`; URLs pass through unchanged. */
export function expandUserPath(typed: string, base: UserPathBase = {}): string {
  const text = typed.trim();
  if (text === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return typed;
  }
  const home = base.home ?? os.homedir();
  const cwd = base.cwd ?? process.cwd();
  if (text === '~') {
    return home;
  }
  if (text.startsWith('~/') || (path.sep === '\\' && text.startsWith('~\\'))) {
    return path.join(home, text.slice(2));
  }
  return path.resolve(cwd, text);
}
