#!/usr/bin/env node
'use strict';
// Entry point for `npx target-sheets`. The CLI is bundled into dist/cli/ by `npm ci` (the prepare script); if that
// bundle is missing (e.g. installed with --ignore-scripts) it is built once, here, before running.
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli', 'main.mjs');
if (!fs.existsSync(bundle)) {
  require('node:child_process').execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
import(pathToFileURL(bundle).href)
  .then((cli) => cli.main(process.argv))
  .then((code) => {
    process.exitCode = code;
  });
