// Once per jest run, before any suite: a folder the end-to-end suites share their production build in
// (test/e2e/build.ts). Worker processes inherit the variable.
const { mkdtempSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
  process.env.TS_E2E_SHARED = mkdtempSync(path.join(os.tmpdir(), 'ts-e2e-'));
};
