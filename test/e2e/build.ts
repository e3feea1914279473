// The production task pane for the end-to-end tests, built into a temporary folder (never dist/web, which a
// developer may be serving), with Office.js copied from @microsoft/office-js: the CDN cannot be reached here.
// One build per jest run: test/support/global-setup.cjs names a shared folder, the first suite to ask builds into
// it (the others wait for it), and global-teardown removes it. Suites do not delete the build themselves.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Longest wait for another suite's build (a production build takes 25–90 s on this machine). */
const WAIT_MS = 240_000;

function webpack(out: string): void {
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'),
      '--mode',
      'production',
      '--env',
      'officeJs=local',
      '--output-path',
      out,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, OFFICE_JS: 'local' } },
  );
  if (result.status !== 0) throw new Error(`webpack failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

export async function buildTaskpane(): Promise<string> {
  const shared = process.env.TS_E2E_SHARED;
  if (!shared)
    throw new Error(
      "TS_E2E_SHARED is not set: run the tests with the project's jest.config.cjs (its globalSetup names the shared build folder)",
    );
  const out = path.join(shared, 'web');
  const done = path.join(shared, 'built');
  const failed = path.join(shared, 'failed');
  let builder = false;
  try {
    mkdirSync(path.join(shared, 'lock'));
    builder = true;
  } catch {
    // Another suite is building.
  }
  if (builder) {
    try {
      webpack(out);
      writeFileSync(done, '');
    } catch (error) {
      writeFileSync(failed, String((error as Error).message));
      throw error;
    }
    return out;
  }
  const deadline = Date.now() + WAIT_MS;
  while (!existsSync(done)) {
    if (existsSync(failed))
      throw new Error(`the shared task-pane build failed in another suite:\n${readFileSync(failed, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`the shared task-pane build did not finish within ${WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return out;
}
