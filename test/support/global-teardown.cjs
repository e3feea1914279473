// Once per jest run, after every suite: removes the end-to-end suites' shared build (see global-setup.cjs).
const { rmSync } = require('node:fs');

module.exports = async () => {
  if (process.env.TS_E2E_SHARED) rmSync(process.env.TS_E2E_SHARED, { recursive: true, force: true });
};
