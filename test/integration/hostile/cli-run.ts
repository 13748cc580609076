import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Runs the built `auditlens` command with its app data in `dataDir`; returns exit code and both streams. */
export function runCli(dataDir: string, args: readonly string[], options: { readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number; readonly cwd?: string; readonly user?: { readonly uid: number; readonly gid: number } } = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), ...args], {
    encoding: 'utf8', timeout: options.timeoutMs ?? 30_000, cwd: options.cwd, ...options.user,
    env: { ...process.env, AUDITLENS_DATA_DIR: dataDir, ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
