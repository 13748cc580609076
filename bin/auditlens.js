#!/usr/bin/env node
// The `auditlens` command: runs the built CLI (npm install builds it).
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'electron', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('auditlens: the CLI is not built yet; run `npm run build` in the project folder.\n');
  process.exit(1);
}
require(cli);
