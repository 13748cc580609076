import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A running `auditlens serve`, as a user starts it: its port, token, the process and what it printed. */
export interface Served {
  readonly port: number;
  readonly token: string;
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: () => string;
}

/** Starts `auditlens serve ARGS` and resolves once it printed its URL (or rejects with what it printed when it exits). */
export function startServe(dataDir: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), 'serve', ...args], {
    env: { ...process.env, AUDITLENS_DATA_DIR: dataDir, ...env },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
    const onData = (c: Buffer): void => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ port: Number(m[1]), token: m[2] ?? '', child, output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`serve exited with ${code}: ${out}`), { exitCode: code, output: out }));
    });
  });
}
