// Once per jest run, before any suite: the CLI bundle the installed-command tests run (dist/cli, built here and
// nowhere else during the run: a rebuild removes the chunks another worker may be running), and a folder the
// end-to-end suites share their production build in (test/e2e/build.ts). Worker processes inherit the variable.
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'build-cli.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.env.TS_E2E_SHARED = mkdtempSync(path.join(os.tmpdir(), 'ts-e2e-'));
};
