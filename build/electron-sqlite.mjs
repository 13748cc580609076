// Builds better-sqlite3 for Electron's ABI into dist/native/electron/, once per Electron version,
// better-sqlite3 version, platform and arch, and records its SHA-256 (native-manifest.mjs). The
// Node build in node_modules stays as it is, for the CLI, the tests and browser mode.
//
// It compiles a copy of better-sqlite3's sources with node-gyp against Electron's headers (which
// node-gyp downloads once), so it needs network access the first time and a C++ compiler.
// `npm start` runs it before launching Electron; build/before-pack.cjs runs it for the packaged
// Electron. As a command: node build/electron-sqlite.mjs --electron 45.4.1 [--arch x64]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecorded, recordNativeFile } from './native-manifest.mjs';

/** Electron publishes the headers native modules compile against here (Electron's own docs). */
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/** The build's name under dist/ (electron/native/sqlite-binding.ts looks for the same). */
export function electronSqliteName({ betterSqlite3, electron, platform, arch }) {
  return `native/electron/better-sqlite3-${betterSqlite3}-electron-${electron}-${platform}-${arch}.node`;
}

/** A build failure whose message is the one sentence to show the user. */
export class ElectronSqliteError extends Error {}

/** The node-gyp to run: npm's own under `npm start`, else one in node_modules or beside npm. */
export function findNodeGyp(root, env = process.env) {
  const candidates = [
    env.npm_config_node_gyp,
    path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((c) => c && fs.existsSync(c)) ?? null;
}

/** Why node-gyp failed, in words, from what it printed. */
export function failureReason(output) {
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|socket hang up|download|self.signed/i.test(output)) {
    return `node-gyp could not download Electron's headers from ${ELECTRON_HEADERS_URL} (no network access?)`;
  }
  if (/not found: (make|g\+\+|c\+\+|cc)|No such file or directory.*(g\+\+|c\+\+|make)|could not find any Visual Studio|xcrun: error|gyp ERR! find Python/i.test(output)) {
    return 'there is no C++ compiler (or Python, or make) for node-gyp here';
  }
  return 'node-gyp failed';
}

/**
 * Makes sure the Electron build exists and matches the manifest; builds it when not. Resolves to
 * `{ file, built }`; rejects with an ElectronSqliteError whose message is one sentence.
 */
export async function ensureElectronSqlite({ root, electron, platform = process.platform, arch = process.arch, log = () => undefined, env = process.env }) {
  const bsqDir = path.join(root, 'node_modules', 'better-sqlite3');
  const betterSqlite3 = JSON.parse(fs.readFileSync(path.join(bsqDir, 'package.json'), 'utf8')).version;
  const name = electronSqliteName({ betterSqlite3, electron, platform, arch });
  const file = path.join(root, 'dist', ...name.split('/'));
  if (isRecorded(root, name)) {
    return { file, built: false };
  }
  if (platform !== process.platform) {
    throw new ElectronSqliteError(`The SQLite module for Electron on ${platform} can only be built on ${platform}; run \`npm run dist\` there.`);
  }
  const nodeGyp = findNodeGyp(root, env);
  if (nodeGyp === null) {
    throw new ElectronSqliteError('The SQLite module for Electron could not be built because node-gyp was not found; run `npm start` through npm.');
  }
  // A copy of the sources, so node_modules/better-sqlite3/build keeps the Node build.
  const work = path.join(root, 'node_modules', '.cache', 'auditlens-electron-sqlite');
  const staging = path.join(work, `${electron}-${platform}-${arch}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  for (const part of ['package.json', 'binding.gyp', 'src', 'deps']) {
    fs.cpSync(path.join(bsqDir, part), path.join(staging, part), { recursive: true });
  }
  log(`Building the SQLite module for Electron ${electron} (${platform}-${arch}), once; this takes a minute or two…`);
  const logFile = path.join(staging, 'build.log');
  const args = [nodeGyp, 'rebuild', '--release', `--target=${electron}`, `--arch=${arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`, `--devdir=${path.join(work, 'headers')}`];
  const output = await run(process.execPath, args, staging, env, logFile);
  const built = path.join(staging, 'build', 'Release', 'better_sqlite3.node');
  if (output.code !== 0 || !fs.existsSync(built)) {
    throw new ElectronSqliteError(`The SQLite module for Electron ${electron} could not be built: ${failureReason(output.text)} (details in ${logFile}).`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(built, file);
  recordNativeFile(root, name);
  return { file, built: true };
}

/** Runs a command with its output going to `logFile`; resolves to its exit code and output. */
function run(command, args, cwd, env, logFile) {
  return new Promise((resolve) => {
    const out = fs.createWriteStream(logFile);
    let text = '';
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (d) => {
      out.write(d);
      // Enough to recognise why it failed, not the whole compile log.
      text = (text + d.toString()).slice(-64_000);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (e) => {
      text += String(e);
      out.end(() => resolve({ code: 1, text }));
    });
    child.on('close', (code) => out.end(() => resolve({ code: code ?? 1, text })));
  });
}

/** `node build/electron-sqlite.mjs --electron V [--arch A]`: one progress line, or one sentence and exit 1. */
async function main(argv) {
  const opt = (flag) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const electron = opt('--electron');
  if (!electron) {
    process.stderr.write('usage: node build/electron-sqlite.mjs --electron VERSION [--arch ARCH]\n');
    process.exit(2);
  }
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  try {
    await ensureElectronSqlite({ root, electron, arch: opt('--arch') ?? process.arch, log: (line) => process.stdout.write(`${line}\n`) });
  } catch (e) {
    process.stderr.write(`${e instanceof ElectronSqliteError ? e.message : `The SQLite module for Electron could not be built: ${e instanceof Error ? e.message : String(e)}.`}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
