/**
 * A stand-in for Electron's `utilityProcess` that runs real Node children: the script sees
 * `process.parentPort` (messages as `{ data }` events, `postMessage` back) and, when asked,
 * `process.versions.electron`, as in Electron's utility process. It can also log every native
 * addon the child's main thread loads, so a test can see which better-sqlite3 build was chosen.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UtilityProcessChild, UtilityProcessModule } from '../../../electron/shell/electron-surface';

// Preloaded (`-r`), so it runs in the child's worker threads too, as Electron's runtime would.
const RUNTIME = `
const fs = require('node:fs');
if (process.env.FAKE_ELECTRON_VERSION) {
  Object.defineProperty(process.versions, 'electron', { value: process.env.FAKE_ELECTRON_VERSION, enumerable: true });
}
if (process.env.FAKE_DLOPEN_LOG) {
  const dlopen = process.dlopen;
  process.dlopen = function (module, filename, ...rest) {
    fs.appendFileSync(process.env.FAKE_DLOPEN_LOG, filename + '\\n');
    return dlopen.call(this, module, filename, ...rest);
  };
}
`;

// `process.send` is hidden, so a worker that ignored parentPort could not answer and tests would fail.
const SHIM = `
const { EventEmitter } = require('node:events');
const send = process.send.bind(process);
process.send = undefined;
const port = new EventEmitter();
port.postMessage = (m) => send(m);
process.on('message', (m) => port.emit('message', { data: m }));
process.on('disconnect', () => process.exit(0));
process.parentPort = port;
require(process.argv[2]);
`;

/** How the children run. */
export interface NodeUtilityOptions {
  /** Sets `process.versions.electron` in each child, as Electron's utility process has it. */
  readonly electronVersion?: string;
  /** A file each child appends the path of every native addon it loads to. */
  readonly dlopenLog?: string;
  /** Records each forked script. */
  readonly forks?: string[];
}

let shimDir: string | null = null;

/** The folder holding the two scripts, written once per test process. */
function scripts(): { readonly shim: string; readonly runtime: string } {
  if (shimDir === null) {
    shimDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-utility-shim-'));
    fs.writeFileSync(path.join(shimDir, 'shim.js'), SHIM);
    fs.writeFileSync(path.join(shimDir, 'runtime.js'), RUNTIME);
  }
  return { shim: path.join(shimDir, 'shim.js'), runtime: path.join(shimDir, 'runtime.js') };
}

/** A script that runs `process.argv[2]` behind a `process.parentPort`, as a utility process would. */
export function utilityShimScript(): string {
  return scripts().shim;
}

/** A `utilityProcess` module whose children are Node forks with utilityProcess's event shapes. */
export function nodeUtilityProcess(options: NodeUtilityOptions = {}): UtilityProcessModule {
  return {
    fork: (script, _args, forkOptions) => {
      options.forks?.push(script);
      const env: NodeJS.ProcessEnv = { ...(forkOptions?.env ?? process.env) };
      if (options.electronVersion !== undefined) {
        env.FAKE_ELECTRON_VERSION = options.electronVersion;
      }
      if (options.dlopenLog !== undefined) {
        env.FAKE_DLOPEN_LOG = options.dlopenLog;
      }
      const { shim, runtime } = scripts();
      const execArgv = ['-r', runtime, ...(forkOptions?.execArgv ?? [])];
      const child = fork(shim, [script], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env, execArgv });
      const utility = {
        pid: child.pid,
        postMessage: (m: unknown) => {
          child.send(m as never);
        },
        on(event: string, listener: (arg: never) => void) {
          if (event === 'message') {
            child.on('message', listener as (m: unknown) => void);
          } else {
            child.on('exit', (code) => (listener as (c: number) => void)(code ?? -1));
          }
          return utility;
        },
        kill: () => child.kill('SIGTERM'),
      } as UtilityProcessChild;
      return utility;
    },
  };
}
