// electron-builder's beforePack hook (build/electron-builder.yml, where npmRebuild is off): puts
// exactly the native files the target needs into dist/ before electron-builder packs it.
//  - better-sqlite3 built for the packaged Electron, platform and arch (build/electron-sqlite.mjs),
//    and no other Electron build that a developer's `npm start` left in dist/native/electron/;
//  - the CSV extension only when it was built for the target (build-native.mjs builds it for this
//    machine): a Linux .so has no place in a Windows installer, nor an arm64 .dylib in an x64 app;
//    without it exports format rows in JS (same bytes, slower).
// Each file's SHA-256 is in dist/native-files.json, which the app checks before loading it.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads this hook with require() */

const fs = require('node:fs');
const path = require('node:path');

// electron-builder's Arch enum (builder-util) to Node's process.arch names, which node-gyp takes.
const ARCH = { 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64' };
const CSV_SUFFIX = { linux: '.so', darwin: '.dylib', win32: '.dll' };

/** Runs before each platform/arch is packed. */
exports.default = async function beforePack(context) {
  const root = context.packager.projectDir;
  const electron = context.packager.info.framework.version;
  const platform = context.electronPlatformName;
  const arch = ARCH[context.arch];
  if (arch === undefined) {
    throw new Error('Auditlens packs one architecture at a time (no universal builds): better-sqlite3 is built per arch.');
  }
  const { ensureElectronSqlite } = await import('./electron-sqlite.mjs');
  const { forgetNativeFile } = await import('./native-manifest.mjs');
  const { file } = await ensureElectronSqlite({ root, electron, platform, arch, log: (line) => console.log(`  • ${line}`) });

  const electronDir = path.join(root, 'dist', 'native', 'electron');
  for (const other of fs.readdirSync(electronDir)) {
    if (path.join(electronDir, other) !== file) {
      fs.rmSync(path.join(electronDir, other), { force: true });
      forgetNativeFile(root, `native/electron/${other}`);
    }
  }
  if (platform !== process.platform || arch !== process.arch) {
    for (const suffix of Object.values(CSV_SUFFIX)) {
      fs.rmSync(path.join(root, 'dist', 'native', `auditlens-csv${suffix}`), { force: true });
      forgetNativeFile(root, `native/auditlens-csv${suffix}`);
    }
  }
  console.log(`  • packing ${path.relative(root, file)}`);
};
